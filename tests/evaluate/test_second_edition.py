"""The rules METHODOLOGY.md's second edition changed (issue 10), each with numbers worked out by hand."""

import pytest

from planwatch.evaluate import Observation, Observations, evaluate_plan
from planwatch.plan.model import Baseline
from tests.evaluate.builders import evaluate, indicator, plan, rows

# ── 2. comparator targets: reach or hold, decided when the baseline arrives ──────────────────────────────


def test_a_comparator_not_met_by_the_base_years_figure_is_a_level_to_reach():
    # the reader had no baseline and left `>60` as a bound to hold; the 2020 row (55) decides: reach it
    the_plan = plan(indicator(1, "数字经济核心产业占比", kind="per_year_bound", target=60, target_text=">60"))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 55.2), (1, 2022, 58.2)), 2022)
    # π = (58.2 − 55.2)/(60 − 55.2) = 3/4.8 = 62.5% ≥ τ 40% + 10% → ahead
    assert (result.status, result.effective_kind, result.progress) == ("ahead", "share", pytest.approx(0.625))
    assert "基期2020年55.2%尚未满足“>60”，按须达到的目标值评价" in result.explanation
    reached = evaluate(the_plan, rows(the_plan, (1, 2020, 55.2), (1, 2023, 61.3)), 2023)
    assert reached.status == "achieved_early"


def test_a_comparator_met_by_the_base_years_figure_is_a_bound_held_every_year():
    the_plan = plan(
        indicator(1, "城镇调查失业率", kind="share", target=5.5, comparator="<=", target_text="<5.5")
    )
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 5.2), (1, 2021, 5.1), (1, 2022, 5.6)), 2022)
    # held: mean (5.1 + 5.6)/2 = 5.35 ≤ 5.5 → on track (never achieved early); 2022 named → yellow
    assert (result.status, result.effective_kind, result.warning) == ("on_track", "per_year_bound", "yellow")
    assert "基期2020年5.2%已满足“<5.5”，按逐年约束评价（每年保持）" in result.explanation


def test_the_plans_own_words_are_not_overruled_by_the_baseline():
    the_plan = plan(
        indicator(
            1, "粮食综合生产能力", unit="亿吨", kind="per_year_bound", target=6.5, target_text="保持在6.5以上"
        )
    )
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 6.4), (1, 2021, 6.6), (1, 2022, 6.7)), 2022)
    # 保持在 → a bound held every year although the base (6.4) is below it: mean 6.65 ≥ 6.5 → on track
    assert (result.status, result.effective_kind) == ("on_track", None)


# ── 3. 〔〕 on a level indicator is a change over the baseline ─────────────────────────────────────────────


STAR_BASELINE = Baseline(77.3, 2019, 20)


def life_expectancy_plan(baseline=STAR_BASELINE):
    return plan(
        indicator(
            1, "人均预期寿命", unit="岁", kind="cumulative", target=1, target_text="〔1〕", baseline=baseline
        )
    )


def test_a_bracketed_change_on_a_level_is_judged_from_level_observations():
    the_plan = life_expectancy_plan()
    result = evaluate(the_plan, rows(the_plan, (1, 2022, 77.93)), 2022)
    # target level 77.3 + 1 = 78.3; `*` base 2019: τ = (2022 − 2019)/6 = 50%; π = 0.63/1.0 = 63% ≥ 60% → ahead
    assert result.target_value == pytest.approx(78.3)
    assert (result.status, result.progress) == ("ahead", pytest.approx(0.63))
    assert result.explanation.startswith("“〔1〕”为较基期的变化：目标水平78.3岁（基期加1）。")
    final = evaluate(the_plan, rows(the_plan, (1, 2025, 78.6)), 2025)
    assert final.status == "achieved"


def test_a_bracketed_change_without_a_baseline_needs_input_never_no_data():
    the_plan = life_expectancy_plan(baseline=None)
    result = evaluate(the_plan, rows(the_plan, (1, 2022, 77.93)), 2022)
    assert result.status == "needs_input"
    assert "缺少基期值" in result.explanation


def test_a_bracketed_amount_is_summed_and_a_bracketed_reduction_chained():
    the_plan = plan(
        indicator(1, "新增城镇就业", unit="万人", kind="cumulative", target=50, target_text="〔50〕"),
        indicator(2, "单位GDP二氧化碳排放降低", kind="cumulative", target=18, target_text="〔18〕"),
    )
    observations = rows(
        the_plan,
        (1, 2021, 11, "amount"),
        (1, 2022, 10, "amount"),
        (2, 2021, 3.8, "reduction_rate"),
        (2, 2022, 0.8, "reduction_rate"),
    )
    amounts = evaluate(the_plan, observations, 2022, number=1)
    # 新增 → summed: 11 + 10 = 21 of 50 = 42%, within τ 40% ± 10% → on track
    assert (amounts.details["measure"], amounts.status) == ("amount", "on_track")
    assert amounts.progress == pytest.approx(0.42)
    reduction = evaluate(the_plan, observations, 2022, number=2)
    # 1 − 0.962 × 0.992 = 4.570%; π = 4.570/18 = 25.4% < 40% − 10% → lagging
    assert reduction.progress == pytest.approx(0.04570 / 0.18, abs=1e-4)
    assert reduction.status == "lagging"


# ── 5. commitment plus aspiration ──────────────────────────────────────────────────────────────────────


def test_commitment_with_a_floor_is_an_annual_growth_target_and_the_aspiration_is_shown():
    cell = ">7、力争投入强度高于“十三五”时期实际"
    the_plan = plan(
        indicator(
            1,
            "全社会研发经费投入增长",
            kind="annual_growth_rate",
            target=None,
            comparator=None,
            target_text=cell,
        )
    )
    result = evaluate(
        the_plan, rows(the_plan, (1, 2021, 14.6, "growth_rate"), (1, 2022, 10.1, "growth_rate")), 2022
    )
    # g* = 7 (the commitment); (1.146 × 1.101)^½ − 1 = 12.33% ≥ 7.5 → ahead
    assert (result.status, result.target_value) == ("ahead", 7.0)
    assert "力争目标“投入强度高于“十三五”时期实际”不作为评价依据" in result.explanation


def test_about_target_with_a_numeric_aspiration_reports_the_aspiration_met_or_not():
    the_plan = plan(
        indicator(
            1,
            "地区生产总值年均增长",
            kind="annual_growth_rate",
            target=6,
            comparator="~",
            target_text="6%左右，力争7%",
        )
    )
    result = evaluate(
        the_plan, rows(the_plan, (1, 2021, 8.1, "growth_rate"), (1, 2022, 3.0, "growth_rate")), 2022
    )
    # (1.081 × 1.03)^½ − 1 = 5.52% ≥ 6 − 0.5 → on track; 5.52 < 7 → the aspiration is not reached
    assert result.status == "on_track"
    assert "力争目标7尚未达到（不作为评价依据）" in result.explanation


def test_about_on_a_level_is_met_within_two_percent_of_the_target():
    the_plan = plan(indicator(1, "常住人口", unit="万人", target=200, comparator="~", target_text="200左右"))
    # 196.5 is within 2% of 200 (≥ 196) → met at the end; 195 is not, and π = 15/20 = 75% < 95% → not achieved
    assert evaluate(the_plan, rows(the_plan, (1, 2020, 180), (1, 2025, 196.5)), 2025).status == "achieved"
    assert evaluate(the_plan, rows(the_plan, (1, 2020, 180), (1, 2025, 195)), 2025).status == "not_achieved"


# ── 4. relative targets: like with like ────────────────────────────────────────────────────────────────


def relative_plan():
    return plan(
        indicator(1, "地区生产总值", unit="亿元", kind="annual_growth_rate", target=6),
        indicator(
            2,
            "居民人均可支配收入增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="与经济增长同步",
            reference=1,
        ),
    )


def test_real_growth_is_compared_with_real_growth_where_both_exist():
    the_plan = relative_plan()
    observations = rows(
        the_plan,
        (1, 2021, 8.4, "growth_rate", "实际"),
        (1, 2022, 3.0, "growth_rate", "实际"),
        (2, 2021, 8.1, "growth_rate", "实际"),
        (2, 2022, 2.9, "growth_rate", "实际"),
        (2, 2021, 9.1, "growth_rate", "名义"),
        (2, 2022, 5.0, "growth_rate", "名义"),
    )
    result = evaluate(the_plan, observations, 2022, number=2)
    # real: income (1.081 × 1.029)^½ − 1 = 5.47% vs GDP (1.084 × 1.03)^½ − 1 = 5.67%: −0.2, within 0.5 → on track
    assert result.average_growth == pytest.approx(5.468, abs=1e-3)
    assert (result.status, result.details["series"]) == ("on_track", "实际")
    assert "按实际增长比较（实际增长对实际增长）" in result.explanation


def test_nominal_growth_is_compared_with_nominal_growth_otherwise():
    the_plan = relative_plan()
    observations = rows(
        the_plan,
        (1, 2021, 8.4, "growth_rate", "实际"),
        (1, 2022, 3.0, "growth_rate", "实际"),
        (1, 2020, 100.0, "level", "", "亿元"),
        (1, 2021, 112.8, "level", "", "亿元"),
        (1, 2022, 120.0, "level", "", "亿元"),
        (2, 2021, 9.1, "growth_rate", "名义"),
        (2, 2022, 5.0, "growth_rate", "名义"),
    )
    result = evaluate(the_plan, observations, 2022, number=2)
    # nominal: income (1.091 × 1.05)^½ − 1 = 7.03%; GDP from current-price levels (120/100)^½ − 1 = 9.54%:
    # 2.5 pp short → lagging (against real GDP 5.67% it would wrongly have been met)
    assert result.average_growth == pytest.approx(7.030, abs=1e-3)
    assert result.details["reference_growth"] == pytest.approx(9.545, abs=1e-3)
    assert (result.status, result.details["series"]) == ("lagging", "名义")


# ── 9. names in observations ───────────────────────────────────────────────────────────────────────────


def test_an_observation_may_name_its_indicator_without_footnote_marks_or_a_trailing_unit():
    the_plan = plan(
        indicator(1, "森林覆盖率①", target=24.1),
        indicator(2, "粮食综合生产能力（亿吨）", unit="亿吨", target=6.5),
    )
    observations = rows(
        the_plan, ("森林覆盖率", 2021, 23.4), ("森林覆盖率[1]", 2022, 23.6), ("粮食综合生产能力", 2022, 6.87)
    )
    assert [(o.indicator, o.year) for o in observations] == [(1, 2021), (1, 2022), (2, 2022)]


def test_an_unknown_name_is_refused_with_the_closest_names_offered():
    from planwatch.evaluate import check_observation_rows

    the_plan = plan(
        indicator(1, "森林覆盖率", target=24.1), indicator(2, "森林蓄积量", unit="亿立方米", target=190)
    )
    _, problems = check_observation_rows(
        ["indicator", "year", "value"], [(2, ["森林覆盖", "2022", "23.6"])], the_plan
    )
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (2, "indicator")
    assert "森林覆盖率" in problems[0].reason


# ── 12. guards in the engine itself ────────────────────────────────────────────────────────────────────


def test_a_growth_of_minus_100_percent_gives_a_clear_verdict_not_an_exception():
    the_plan = plan(indicator(1, "工业投资增长", kind="annual_growth_rate", target=8))
    # built directly: the reader refuses such a row, the engine must not rely on it
    observations = Observations(
        [Observation(1, 2021, 5.0, "growth_rate"), Observation(1, 2022, -100.0, "growth_rate")]
    )
    result = evaluate_plan(the_plan, observations, 2022).indicators[0]
    assert result.status == "no_data"
    assert "2022年增长率为−100%或更低，无法连乘计算年均增速" in result.explanation


def test_a_zero_base_level_cannot_give_a_growth_rate_and_says_so():
    the_plan = plan(indicator(1, "新兴产业产值", unit="亿元", kind="annual_growth_rate", target=10))
    levels = rows(the_plan, (1, 2020, 0, "level", "", "亿元"), (1, 2022, 5, "level", "", "亿元"))
    result = evaluate(the_plan, levels, 2022)
    assert result.status == "no_data"
    assert "基期2020年水平值0不为正，无法由水平值推算增长率" in result.explanation


def test_a_relative_target_with_an_impossible_rate_is_a_verdict_not_an_exception():
    the_plan = relative_plan()
    observations = Observations(
        [
            Observation(1, 2021, -120.0, "growth_rate"),
            Observation(2, 2021, 5.0, "growth_rate"),
        ]
    )
    result = evaluate_plan(the_plan, observations, 2021).indicators[1]
    assert result.status == "no_data"
    assert "−100%或更低" in result.explanation


# ── 11. published floors keep their qualifier ──────────────────────────────────────────────────────────


def test_a_published_floor_keeps_its_qualifier_in_the_explanation():
    the_plan = plan(indicator(1, "行政村5G通达率", target=98.0))
    observations = rows(the_plan, (1, 2020, 80.0), (1, 2022, 95.0, "level", "", "", "通信管理局", "以上"))
    result = evaluate(the_plan, observations, 2022)
    # “95%以上” entered as 95 with the qualifier in the note: π = 15/18 = 83.3% ≥ 50% → ahead, stated as 95%以上
    assert result.status == "ahead"
    assert result.explanation.startswith("2022年95%以上，基期2020年80%，目标98%")


def test_the_json_item_says_when_an_earlier_years_figure_was_used():
    from planwatch.evaluate import indicator_to_json

    the_plan = plan(indicator(1, "比例", target=20.0))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10.0), (1, 2021, 12.0), (1, 2022, 14.0)), 2023)
    data = indicator_to_json(result)
    assert (data["provisional"], data["data_year"]) == (True, 2022)
    # the expected path the chart draws: 10 → 20 linear over 2020–2025
    assert data["expected_path"] == {
        "2020": 10.0,
        "2021": 12.0,
        "2022": 14.0,
        "2023": 16.0,
        "2024": 18.0,
        "2025": 20.0,
    }


def test_a_reduction_of_100_percent_or_more_gives_a_clear_verdict_not_an_exception():
    the_plan = plan(indicator(1, "单位GDP能耗降低", kind="cumulative", target=13.5, target_text="〔13.5〕"))
    observations = Observations(
        [Observation(1, 2021, 3.0, "reduction_rate"), Observation(1, 2022, 120.0, "reduction_rate")]
    )
    result = evaluate_plan(the_plan, observations, 2022).indicators[0]
    assert result.status == "no_data"
    assert "2022年降低率为100%或更高，无法连乘计算累计降低" in result.explanation


def test_a_cumulative_target_of_zero_is_met_or_not_without_a_percentage():
    the_plan = plan(
        indicator(1, "新增违法建设", unit="万平方米", kind="cumulative", target=0, comparator="<=")
    )
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 0, "amount"), (1, 2022, 0, "amount")), 2022)
    # a cap of 0, total 0 → held → on track, no completion %
    assert (result.status, result.progress) == ("on_track", None)
    assert "目标为0，不计算完成进度" in result.explanation


def test_the_sentence_of_the_text_stating_the_same_target_counts_as_the_plans_words():
    from planwatch.extract.targets import Target

    sentence = Target(
        metric="粮食综合生产能力", value=6.5, value_max=None, unit="亿吨", comparator=">=", year=2025,
        per_year=False, line=88, quote="粮食综合生产能力保持在6.5亿吨以上", value_normalized=6.5,
        unit_normalized="亿吨",
    )  # fmt: skip
    the_plan = plan(
        indicator(1, "粮食综合生产能力", unit="亿吨", kind="level", target=6.5, target_text=">6.5")
    )
    the_plan.targets = [sentence]
    observations = rows(the_plan, (1, 2020, 6.4), (1, 2021, 6.6), (1, 2022, 6.45))
    result = evaluate(the_plan, observations, 2022)
    # without the sentence, base 6.4 < 6.5 would make it a level to reach; 保持在 in the text makes it a bound held:
    # mean (6.6 + 6.45)/2 = 6.525 ≥ 6.5 → on track, 2022 (6.45) named
    assert (result.status, result.effective_kind) == ("on_track", "per_year_bound")
    assert "纲要正文对该目标的表述为每年保持，按逐年约束评价" in result.explanation
    assert "2022年未达标" in result.explanation
