import pytest

from tests.evaluate.builders import evaluate, indicator, plan, rows


def gdp_plan(target=6.5):
    return plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=target))


def test_growth_target_is_lagging_when_average_growth_below_target():
    the_plan = gdp_plan()
    observations = rows(
        the_plan, (1, 2021, 9.0, "growth_rate"), (1, 2022, -1.5, "growth_rate"), (1, 2023, 6.0, "growth_rate")
    )
    result = evaluate(the_plan, observations, 2023)
    # ḡ = (1.09 × 0.985 × 1.06)^(1/3) − 1 = 1.138069^(1/3) − 1 = 4.405% < 6.5 − 0.5
    assert result.status == "lagging"
    assert result.average_growth == pytest.approx(4.4054, abs=1e-4)
    # g_req = (1.065^5 / 1.138069)^(1/2) − 1 = (1.370087 / 1.138069)^(1/2) − 1 = 9.721%
    assert result.required.required == pytest.approx(9.721, abs=1e-3)
    # completion of the cumulative growth: 0.138069 / 0.370087 = 37.3%
    assert result.progress == pytest.approx(0.37307, abs=1e-5)
    assert result.growth_basis == "rates"
    assert "今后2年尚需年均增长9.7%（此前最好年份2021年9.0%）" in result.explanation


def test_growth_within_half_a_point_is_on_track_and_above_is_ahead():
    the_plan = gdp_plan(target=8)
    on_track = rows(the_plan, (1, 2021, 16.0, "growth_rate"), (1, 2022, 0.5, "growth_rate"))
    # (1.16 × 1.005)^(1/2) − 1 = 1.1658^(1/2) − 1 = 7.97% ≥ 7.5
    assert evaluate(the_plan, on_track, 2022).status == "on_track"
    ahead = rows(the_plan, (1, 2021, 9.0, "growth_rate"), (1, 2022, 8.1, "growth_rate"))
    # (1.09 × 1.081)^(1/2) − 1 = 1.17829^(1/2) − 1 = 8.549% ≥ 8.5
    assert evaluate(the_plan, ahead, 2022).status == "ahead"


def test_growth_at_the_end_is_judged_on_the_average_against_the_tolerance():
    the_plan = gdp_plan(target=20)
    observations = rows(
        the_plan,
        *[(1, y, r, "growth_rate") for y, r in zip(range(2021, 2026), [25, 18, 22, 18, 16], strict=True)],
    )
    result = evaluate(the_plan, observations, 2025)
    # index 1.25·1.18·1.22·1.18·1.16 = 2.463156; ḡ = 2.463156^(1/5) − 1 = 19.76%: 0.24 below 20, within the
    # growth tolerance 0.5 → achieved (a growth target has no completion π at the end, METHODOLOGY §4; the first
    # edition called it nearly achieved from π = 98.3%). The cumulative completion is still shown.
    assert result.status == "achieved"
    assert result.average_growth == pytest.approx(19.757, abs=1e-3)
    assert result.progress == pytest.approx(0.98309, abs=1e-5)
    assert "期末年均增速与目标相差-0.2个百分点（容差0.5个百分点）" in result.explanation


def test_growth_within_twice_the_tolerance_at_the_end_is_nearly_achieved():
    the_plan = gdp_plan(target=8)
    observations = rows(
        the_plan,
        *[(1, y, r, "growth_rate") for y, r in zip(range(2021, 2026), [12, 1, 10, 6.5, 7.5], strict=True)],
    )
    result = evaluate(the_plan, observations, 2025)
    # index 1.12·1.01·1.10·1.065·1.075 = 1.424591; ḡ = 7.33%: 0.67 below 8, within 2 × 0.5 → nearly achieved
    assert result.status == "nearly_achieved"
    assert result.average_growth == pytest.approx(7.334, abs=1e-3)


def test_growth_is_derived_from_levels_when_no_rates_are_given_and_says_so():
    the_plan = gdp_plan(target=8)
    observations = rows(the_plan, (1, 2020, 100, "level", "", "亿元"), (1, 2022, 121, "level", "", "亿元"))
    result = evaluate(the_plan, observations, 2022)
    # (121/100)^(1/2) − 1 = 10% ≥ 8.5 → ahead
    assert result.average_growth == pytest.approx(10)
    assert result.growth_basis == "levels"
    assert "由水平值推算" in result.explanation
    assert result.status == "ahead"


def test_a_missing_year_stops_the_chain_and_is_stated():
    the_plan = gdp_plan()
    observations = rows(the_plan, (1, 2021, 7.0, "growth_rate"), (1, 2023, 5.0, "growth_rate"))
    result = evaluate(the_plan, observations, 2023)
    assert result.data_year == 2021
    assert result.average_growth == pytest.approx(7.0)
    assert "2022年增长率缺失" in result.explanation


def test_required_growth_far_beyond_the_best_year_is_red():
    the_plan = gdp_plan(target=10)
    observations = rows(the_plan, (1, 2021, 2.0, "growth_rate"), (1, 2022, 3.0, "growth_rate"))
    result = evaluate(the_plan, observations, 2022)
    # g_req = (1.1^5 / (1.02 × 1.03))^(1/3) − 1 = (1.61051 / 1.0506)^(1/3) − 1 = 15.30% > 1.5 × 3%
    assert result.required.required == pytest.approx(15.30, abs=0.01)
    assert result.required.exceeded
    assert result.warning == "red"


def test_blank_measure_with_percent_on_a_growth_indicator_is_a_yearly_rate():
    the_plan = gdp_plan()
    observations = rows(the_plan, (1, 2021, 7.0, "", "", "%"))
    assert observations.series(1, "growth_rate")[2021].value == 7.0


def test_growth_without_the_evaluation_years_rate_uses_the_years_there_are_and_turns_yellow():
    the_plan = gdp_plan(target=6)
    observations = rows(the_plan, (1, 2021, 8.0, "growth_rate"), (1, 2022, 6.0, "growth_rate"))
    result = evaluate(the_plan, observations, 2023)
    # 2023 not yet published: (1.08 · 1.06)^½ − 1 = 7.0% ≥ 6 + 0.5 → ahead on 2021–2022, said, green → yellow
    assert (result.status, result.data_year, result.provisional, result.warning) == (
        "ahead",
        2022,
        True,
        "yellow",
    )
    assert "2023年数据尚未发布，采用2022年数据" in result.explanation
