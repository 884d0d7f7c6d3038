"""A plan in the national style: a base-year column, `*` base values (base year minus one), 〔〕 cumulative targets."""

import pytest

from planwatch.evaluate import EvaluationError, Override, evaluate_plan, evaluation_to_json
from planwatch.plan.model import Baseline
from tests.evaluate.builders import indicator, plan, rows


def national_plan():
    return plan(
        indicator(
            1,
            "国内生产总值（GDP）增长",
            kind="allocation",
            target=None,
            comparator=">=",
            target_text="保持在合理区间、各年度视情提出",
            baseline=Baseline(2.3, 2020, 10),
        ),
        indicator(
            2,
            "全员劳动生产率增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="高于GDP增长",
            reference=1,
            baseline=Baseline(2.5, 2020, 11),
        ),
        indicator(3, "常住人口城镇化率", kind="share", target=65, baseline=Baseline(60.6, 2019, 12)),
        indicator(4, "研发经费投入增长", kind="annual_growth_rate", target=7, target_text=">7"),
        indicator(
            5,
            "单位GDP能源消耗降低",
            kind="cumulative",
            target=13.5,
            target_text="〔13.5〕",
            attribute="binding",
        ),
        indicator(
            6,
            "城镇调查失业率",
            kind="per_year_bound",
            target=5.5,
            comparator="<=",
            target_text="<5.5",
            baseline=Baseline(5.2, 2020, 15),
        ),
        indicator(
            7,
            "居民人均可支配收入增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="与GDP增长基本同步",
            reference=1,
            baseline=Baseline(2.1, 2020, 16),
        ),
        indicator(
            8,
            "粮食综合生产能力",
            unit="亿吨",
            kind="per_year_bound",
            target=6.5,
            target_text=">6.5",
            attribute="binding",
        ),
        indicator(
            9, "森林覆盖率", kind="share", target=24.1, attribute="binding", baseline=Baseline(23.2, 2019, 18)
        ),
        indicator(
            10, "每千人口拥有3岁以下婴幼儿托位数", unit="个", target=4.5, baseline=Baseline(1.8, 2020, 19)
        ),
        title="国民经济和社会发展第十四个五年规划（示例）",
    )


def national_observations(the_plan):
    return rows(
        the_plan,
        (1, 2021, 8.4, "growth_rate"),
        (1, 2022, 3.0, "growth_rate"),
        (1, 2021, 6.0, "allocation"),
        (1, 2022, 5.5, "allocation"),
        (2, 2021, 8.7, "growth_rate"),
        (2, 2022, 4.2, "growth_rate"),
        (3, 2021, 64.72),
        (3, 2022, 65.22),
        (4, 2021, 14.6, "growth_rate"),
        (4, 2022, 10.1, "growth_rate"),
        (5, 2021, 2.7, "reduction_rate"),
        (5, 2022, 0.1, "reduction_rate"),
        (6, 2021, 5.1),
        (6, 2022, 5.6),
        (7, 2021, 8.1, "growth_rate"),
        (7, 2022, 2.9, "growth_rate"),
        (8, 2021, 6.83),
        (8, 2022, 6.87),
        (9, 2022, 23.65),
        (10, 2022, 2.5),
    )


def by_number(evaluation):
    return {result.number: result for result in evaluation.indicators}


def test_national_style_plan_as_of_2022():
    the_plan = national_plan()
    evaluation = evaluate_plan(the_plan, national_observations(the_plan), 2022)
    results = by_number(evaluation)
    assert evaluation.time_progress == pytest.approx(0.4)
    # 1: allocated growth over the period: (1.084·1.03)^½ − 1 = 5.67% against (6.0 + 5.5)/2 = 5.75: −0.08 pp
    #    → on track; 2022 (3.0 < 5.5) missed its own target: named, warning yellow
    assert (results[1].status, results[1].warning) == ("on_track", "yellow")
    assert "2022年未完成当年下达目标" in results[1].explanation
    # 2: (1.087·1.042)^½ − 1 = 6.43% against GDP (1.084·1.03)^½ − 1 = 5.67%: 高于 holds → on track (a condition,
    #    never ahead)
    assert results[2].status == "on_track"
    # 3: 65.22 ≥ 65 → achieved early
    assert results[3].status == "achieved_early"
    # 4: (1.146·1.101)^½ − 1 = 12.33% ≥ 7 + 0.5 → ahead
    assert results[4].average_growth == pytest.approx(12.328, abs=1e-3)
    assert results[4].status == "ahead"
    # 5: 1 − 0.973·0.999 = 2.797%; π = 2.797/13.5 = 20.7% < 40% − 10% → lagging; binding → red
    assert results[5].progress == pytest.approx(0.20721, abs=1e-5)
    assert (results[5].status, results[5].warning) == ("lagging", "red")
    # 6: <5.5 with base 5.2 (already within): held, mean (5.1 + 5.6)/2 = 5.35 ≤ 5.5 → on track; 2022 named → yellow
    assert (results[6].status, results[6].warning) == ("on_track", "yellow")
    # 7: income (1.081·1.029)^½ − 1 = 5.47% vs GDP 5.67%: 0.2 below, within 0.5 → on track
    assert results[7].status == "on_track"
    # 8: 6.83 and 6.87 above 6.5 each year → on track, never achieved early
    assert results[8].status == "on_track"
    # 9: `*` baseline is 2019: τ = (2022 − 2019)/(2025 − 2019) = 0.5; π = 0.45/0.9 = 0.5 → on track
    #    (against the plan's τ = 0.4 it would have been ahead)
    assert results[9].time_progress == pytest.approx(0.5)
    assert results[9].status == "on_track"
    # 10: π = 0.7/2.7 = 25.9% against τ = 40% on the linear path: 25.9 < 30 → lagging (the geometric path of the
    #     first edition expected 29.5% and called it on track)
    assert results[10].expected_progress == pytest.approx(0.4)
    assert results[10].status == "lagging"
    assert evaluation.summary() == {"achieved_early": 1, "ahead": 1, "on_track": 6, "lagging": 2}


def test_a_star_year_row_overrides_the_star_baseline():
    the_plan = national_plan()
    observations = rows(the_plan, (9, 2019, 23.3), (9, 2022, 23.75))
    result = by_number(evaluate_plan(the_plan, observations, 2022))[9]
    # π = (23.75 − 23.3)/(24.1 − 23.3) = 0.45/0.8 = 56.25%
    assert result.baseline.value == 23.3
    assert result.progress == pytest.approx(0.5625)


def test_planner_override_keeps_both_verdicts():
    the_plan = national_plan()
    evaluation = evaluate_plan(the_plan, national_observations(the_plan), 2022)
    reason = "托位建设集中在后三年，已开工项目可补足进度"
    overridden = evaluation.with_override(10, Override("on_track", reason, by="规划科"))
    result = by_number(overridden)[10]
    assert (result.status, result.final_status, result.status_zh) == ("lagging", "on_track", "基本符合预期")
    data = next(i for i in evaluation_to_json(overridden)["indicators"] if i["number"] == 10)
    assert data["status"] == "on_track"
    assert data["computed_status"] == "lagging"
    assert data["override"]["reason"] == reason
    assert overridden.summary()["on_track"] == 7
    # the original evaluation is unchanged
    assert by_number(evaluation)[10].override is None


def test_override_needs_a_reason_and_a_known_status():
    with pytest.raises(ValueError):
        Override("on_track", " ")
    with pytest.raises(ValueError):
        Override("good", "理由")


def test_qualitative_indicator_is_left_to_a_person():
    the_plan = plan(
        indicator(1, "基层治理", unit="", kind="qualitative", target=None, target_text="明显提升")
    )
    result = evaluate_plan(the_plan, rows(the_plan), 2022).indicators[0]
    assert (result.status, result.status_zh, result.warning) == ("qualitative", "定性评价", None)


def test_evaluation_year_must_be_after_the_base_year():
    with pytest.raises(EvaluationError):
        evaluate_plan(national_plan(), rows(national_plan()), 2020)


def test_after_the_target_year_the_verdict_is_final():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(the_plan, (1, 2020, 10), (1, 2025, 20))
    evaluation = evaluate_plan(the_plan, observations, 2026)
    assert evaluation.indicators[0].status == "achieved"


def test_definition_change_is_stated_in_the_verdict():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(the_plan, (1, 2020, 10), (1, 2022, 14, "level", "", "", "", "", "", "是"))
    result = evaluate_plan(the_plan, observations, 2022).indicators[0]
    assert "2022年起统计口径调整，前后数据不完全可比" in result.explanation


def test_illustrative_data_is_marked_in_the_verdict():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(
        the_plan, (1, 2020, 10, "level", "", "", "统计公报"), (1, 2022, 14, "level", "", "", "示例数据")
    )
    result = evaluate_plan(the_plan, observations, 2022).indicators[0]
    assert result.illustrative
    assert result.explanation.endswith("（所用数据含示例数据，非公开发布数值。）")
