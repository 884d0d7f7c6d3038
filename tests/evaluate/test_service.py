"""The evaluation as a system shows it: adjustments in force per year, overrides, order, counts, chart series."""

import pytest

from planwatch.evaluate import Override
from planwatch.evaluate.service import (
    TargetChange,
    chart_series,
    evaluate_in_force,
    evaluation_view,
    in_attention_order,
    reported_measure,
)
from planwatch.plan.model import TargetValue
from tests.evaluate.builders import indicator, plan, rows


def forest_plan():
    # 森林覆盖率: 18.5 in 2020, target 19.5 (a share, linear path); 高企数: binding here to test the order
    return plan(
        indicator(1, "森林覆盖率", unit="%", kind="share", target=19.5),
        indicator(2, "有效期内高新技术企业数", unit="家", target=3200, attribute="binding"),
    )


def observations(the_plan):
    return rows(the_plan, (1, 2020, 18.5), (1, 2023, 19.1), (2, 2020, 1755), (2, 2021, 1800), (2, 2023, 1900))


CHANGE = TargetChange(
    indicator=1, effective_year=2024, target=TargetValue(20.0, ">="), target_text="20", version=2
)


def test_an_adjustment_applies_from_its_effective_year_on():
    the_plan = forest_plan()
    _, before = evaluate_in_force(the_plan, observations(the_plan), 2023, changes=[CHANGE])
    in_force, after = evaluate_in_force(the_plan, observations(the_plan), 2024, changes=[CHANGE])
    assert (before.indicators[0].target_value, before.indicators[0].target_version) == (19.5, "纲要原文")
    assert (after.indicators[0].target_value, after.indicators[0].target_version) == (
        20.0,
        "第2版（2024年起规划调整后）",
    )
    assert in_force.indicators[0].target_text == "20"


def test_an_override_replaces_the_verdict_and_keeps_the_computed_one():
    the_plan = forest_plan()
    override = Override(status="on_track", reason="新增造林地块尚未入统")
    _, evaluation = evaluate_in_force(the_plan, observations(the_plan), 2023, overrides={2: override})
    result = evaluation.indicators[1]
    # 1900 against a geometric path 1755 → 3200: π = 145/1445 = 10.0%, expected 52.7% − 10% → lagging
    assert (result.status, result.final_status) == ("lagging", "on_track")


def test_binding_shortfalls_come_first_then_plan_order():
    the_plan = forest_plan()
    _, evaluation = evaluate_in_force(the_plan, observations(the_plan), 2023)
    # 森林覆盖率: π = 0.6/1.0 = 60% = τ → on track; 高企数 lagging and binding → first
    assert [r.number for r in in_attention_order(evaluation.indicators)] == [2, 1]
    view = evaluation_view(the_plan, evaluation, observations(the_plan))
    assert view["order"] == [2, 1]
    assert view["counts"] == [
        {"status": "on_track", "status_zh": "基本符合预期", "count": 1},
        {"status": "lagging", "status_zh": "滞后于预期", "count": 1},
    ]
    assert view["binding_counts"] == [{"status": "lagging", "status_zh": "滞后于预期", "count": 1}]
    assert (view["report_kind"], view["mode_zh"]) == ("midterm", "中期评估")


def test_a_share_is_charted_on_a_linear_path_from_baseline_to_target():
    the_plan = forest_plan()
    obs = observations(the_plan)
    _, evaluation = evaluate_in_force(the_plan, obs, 2023)
    chart = chart_series(evaluation.indicators[0], obs, 2020, 2023)
    # 18.5 + (19.5 − 18.5) · τ, τ = (y − 2020)/5
    assert chart["expected"] == [
        ["2020", 18.5],
        ["2021", 18.7],
        ["2022", 18.9],
        ["2023", 19.1],
        ["2024", 19.3],
        ["2025", 19.5],
    ]
    assert chart["observed"] == {"监测值": [["2020", 18.5, False], ["2023", 19.1, False]]}
    assert chart["projection"][0] == ["2023", 19.1] and chart["projection"][1][0] == "2025"
    assert chart["unit"] == "%" and chart["target"] == 19.5


def test_a_growth_target_is_a_flat_line_and_the_measure_follows_the_kind():
    the_plan = plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5))
    obs = rows(the_plan, (1, 2021, 8.0, "growth_rate"), (1, 2022, 3.0, "growth_rate"))
    assert reported_measure("annual_growth_rate", 1, obs, 2020) == "growth_rate"
    _, evaluation = evaluate_in_force(the_plan, obs, 2022)
    chart = chart_series(evaluation.indicators[0], obs, 2020, 2022)
    assert chart["expected"] == [[str(y), 6.5] for y in range(2021, 2026)]
    assert chart["observed"]["监测值"] == [["2021", 8.0, False], ["2022", 3.0, False]]


def test_a_standard_target_is_charted_against_its_grade_ii_limits():
    the_plan = plan(indicator(1, "大气常规污染物年均浓度", unit="微克/立方米", kind="standard", target=None))
    obs = rows(the_plan, (1, 2021, 30, "level", "PM2.5"), (1, 2021, 55, "level", "PM10"))
    _, evaluation = evaluate_in_force(the_plan, obs, 2021)
    chart = chart_series(evaluation.indicators[0], obs, 2020, 2021)
    assert chart["standards"] == [
        {"name": "PM10 二级标准", "value": 70},
        {"name": "PM2.5 二级标准", "value": 35},
    ]


@pytest.mark.parametrize(("counts", "expected"), [({"level": 2, "growth_rate": 1}, "level")])
def test_the_reported_measure_is_the_one_most_figures_use(counts, expected):
    the_plan = plan(indicator(1, "x", kind="level", target=10))
    records = [(1, 2021 + i, 1.0, measure) for measure, n in counts.items() for i in range(n)]
    assert reported_measure("level", 1, rows(the_plan, *records), 2020) == expected


def test_a_report_asks_for_an_explanation_of_a_shortfall_or_a_red_warning_only():
    from planwatch.evaluate.service import needs_explanation

    assert needs_explanation({"status": "lagging", "warning": "yellow"})
    assert needs_explanation(
        {"status": "nearly_achieved", "warning": None}
    )  # 基本完成 is still short of the target
    assert needs_explanation(
        {"status": "on_track", "warning": "red"}
    )  # e.g. the effort still needed is out of reach
    assert not needs_explanation({"status": "on_track", "warning": "yellow"})
    assert not needs_explanation({"status": "achieved", "warning": None})
