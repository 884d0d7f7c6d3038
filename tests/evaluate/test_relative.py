import pytest

from planwatch.evaluate.relative import relation_of
from tests.evaluate.builders import evaluate, indicator, plan, rows


def income_plan(target_text="与经济增长同步"):
    return plan(
        indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5),
        indicator(
            2,
            "居民人均可支配收入",
            unit="万元",
            kind="relative",
            target=None,
            comparator=None,
            target_text=target_text,
            reference=1,
        ),
    )


def test_income_growth_is_compared_with_the_referenced_indicators_growth():
    the_plan = income_plan()
    observations = rows(
        the_plan,
        (1, 2021, 9.0, "growth_rate"),
        (1, 2022, -1.5, "growth_rate"),
        (2, 2020, 59500, "level", "", "元"),
        (2, 2021, 8.5, "growth_rate"),
        (2, 2022, 2.5, "growth_rate"),
    )
    result = evaluate(the_plan, observations, 2022, number=2)
    # income (1.085 × 1.025)^(1/2) − 1 = 5.457%; GDP (1.09 × 0.985)^(1/2) − 1 = 3.617%; +1.84: met. A relative
    # target is a condition (METHODOLOGY §2.6): 基本符合预期, never 快于预期 however wide the margin
    assert result.average_growth == pytest.approx(5.4573, abs=1e-4)
    assert result.details["reference_growth"] == pytest.approx(3.6171, abs=1e-4)
    assert result.status == "on_track"
    assert "增速差+1.8个百分点" in result.explanation
    # the rows do not say real or nominal: compared as given, and the explanation says so
    assert "增长率未标明实际或名义（可在“分项”中注明“实际”或“名义”），按所录数据比较" in result.explanation


def test_in_step_within_the_tolerance_is_on_track_and_achieved_at_the_end():
    the_plan = income_plan()
    observations = rows(
        the_plan,
        *[(1, y, 5.0, "growth_rate") for y in range(2021, 2026)],
        *[(2, y, 4.6, "growth_rate") for y in range(2021, 2026)],
    )
    # 4.6 vs 5.0: 0.4 below, within 0.5
    assert evaluate(the_plan, observations, 2023, number=2).status == "on_track"
    assert evaluate(the_plan, observations, 2025, number=2).status == "achieved"


def test_above_needs_strictly_faster_growth():
    the_plan = income_plan(target_text="高于GDP增长")
    observations = rows(the_plan, (1, 2021, 5.0, "growth_rate"), (2, 2021, 5.0, "growth_rate"))
    assert evaluate(the_plan, observations, 2021, number=2).status == "lagging"


def test_relative_without_the_reference_data_is_no_data():
    the_plan = income_plan()
    observations = rows(the_plan, (2, 2021, 8.5, "growth_rate"))
    result = evaluate(the_plan, observations, 2021, number=2)
    assert result.status == "no_data"
    assert "地区生产总值年均增长率" in result.explanation


def test_relations_read_from_the_target_text():
    assert relation_of("与经济增长同步") == "in_step"
    assert relation_of("与GDP增长基本同步") == "in_step"
    assert relation_of("高于GDP增长") == "above"
    assert relation_of("不低于经济增长") == "at_least"


def test_percent_levels_of_a_growth_indicator_are_its_yearly_rates():
    the_plan = plan(
        indicator(1, "地区生产总值增长", kind="allocation", target=None, target_text="各年度视情提出"),
        indicator(
            2,
            "居民人均可支配收入增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="与地区生产总值增长基本同步",
            reference=1,
        ),
    )
    # no measure given: the GDP rows are levels in %, i.e. the yearly growth rates 8.1 and 2.5
    observations = rows(
        the_plan, (1, 2021, 8.1), (1, 2022, 2.5), (2, 2021, 8.0, "growth_rate"), (2, 2022, 3.0, "growth_rate")
    )
    result = evaluate(the_plan, observations, 2022, number=2)
    # GDP (1.081 · 1.025)^½ − 1 = 5.263%
    assert result.details["reference_growth"] == pytest.approx(5.2628, abs=1e-4)
    assert result.details["reference_basis"] == "rates"
