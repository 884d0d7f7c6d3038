import pytest

from tests.evaluate.builders import evaluate, indicator, plan, rows


def renovation_plan():
    return plan(
        indicator(1, "旧街坊改造面积", unit="万平方米", kind="cumulative", target=300, attribute="binding")
    )


def test_running_total_against_time_progress():
    the_plan = renovation_plan()
    observations = rows(the_plan, (1, 2021, 52, "amount"), (1, 2022, 38, "amount"))
    result = evaluate(the_plan, observations, 2022)
    # total 90; π = 90/300 = 30% = 40% − 10% → on track
    assert result.status == "on_track"
    assert result.progress == pytest.approx(0.3)
    # trend 45 a year: 90 + 45 × 3 = 225 < 300 → projected to miss → yellow
    assert result.projection.value == pytest.approx(225)
    assert result.warning == "yellow"
    # still needed (300 − 90)/3 = 70 a year; best year 52; 70 ≤ 1.5 × 52
    assert result.required.required == pytest.approx(70)
    assert not result.required.exceeded


def test_cumulative_target_reached_early_is_achieved_early():
    the_plan = renovation_plan()
    observations = rows(the_plan, *[(1, y, 110, "amount") for y in (2021, 2022, 2023)])
    assert evaluate(the_plan, observations, 2023).status == "achieved_early"


def test_amounts_in_square_metres_are_converted_and_noted():
    the_plan = renovation_plan()
    observations = rows(the_plan, (1, 2021, 520000, "amount", "", "平方米"))
    result = evaluate(the_plan, observations, 2021)
    assert result.details["total"] == pytest.approx(52)
    assert "单位换算：520000平方米 → 52万平方米" in result.explanation


def test_cumulative_reduction_compounds_yearly_reductions():
    the_plan = plan(
        indicator(
            1, "单位GDP能耗降低", kind="cumulative", target=13.5, target_text="〔13.5〕", attribute="binding"
        )
    )
    observations = rows(the_plan, (1, 2021, 3.0, "reduction_rate"), (1, 2022, 2.0, "reduction_rate"))
    result = evaluate(the_plan, observations, 2022)
    # 1 − 0.97 × 0.98 = 4.94%; π = 4.94 / 13.5 = 36.6% within 40% ± 10%
    assert result.details["total"] == pytest.approx(4.94)
    assert result.progress == pytest.approx(0.36593, abs=1e-5)
    assert result.status == "on_track"
    # yearly trend 1 − 0.9506^(1/2) = 2.501%; 2025: 1 − 0.9506 × 0.974988^3 = 11.90% < 13.5
    assert result.projection.value == pytest.approx(11.896, abs=1e-3)
    # still needed: 1 − (0.865 / 0.9506)^(1/3) = 1 − 0.909951^(1/3) = 1 − 0.969035 = 3.0965% a year
    assert result.required.required == pytest.approx(3.0965, abs=1e-3)


def test_final_total_needs_every_year():
    the_plan = renovation_plan()
    observations = rows(the_plan, *[(1, y, 70, "amount") for y in (2021, 2022, 2023, 2024)])
    result = evaluate(the_plan, observations, 2025)
    assert result.status == "no_data"
    assert "缺少2025年监测值" in result.explanation


def test_final_total_reaching_the_target_is_achieved():
    the_plan = renovation_plan()
    observations = rows(the_plan, *[(1, y, 61, "amount") for y in range(2021, 2026)])
    result = evaluate(the_plan, observations, 2025)
    # 5 × 61 = 305 ≥ 300
    assert result.status == "achieved"
    assert result.progress == pytest.approx(305 / 300)
