"""The 总体情况 as officials write it (METHODOLOGY §5), on the hand-made evaluation of sample.py."""

import re

from planwatch.report.facts import indicator_facts
from planwatch.report.summary import (
    binding_sentence,
    counts_sentence,
    headline,
    lagging_sentences,
    next_steps,
    summary_paragraph,
)


def _facts(evaluation):
    return [indicator_facts(result, evaluation.year) for result in evaluation.indicators]


def test_midterm_names_the_indicators_of_every_class_and_ends_with_a_judgement(midterm_evaluation):
    sentence = counts_sentence(_facts(midterm_evaluation), final=False, year=2023)
    # 提前实现 8, 21 (two: all names); 快于预期 3, 6, 11, 15, 19 (five: four names and 等)
    assert sentence.startswith(
        "纲要提出的21项主要指标中，“有效期内高新技术企业数”“单位生产总值生产安全事故死亡人数”2项提前实现，"
    )
    assert "“每万人口发明专利拥有量”“生活垃圾回收利用率”等5项快于预期" in sentence
    assert "等8项基本符合预期" in sentence
    assert "“地区生产总值年均增长率”“工业固定资产投资年均增长率”“地表水达到或好于Ⅲ类水体比例”" in sentence
    assert "另有“户籍人口居民平均预期寿命”1项尚无2023年监测数据" in sentence
    # 15 of the 18 evaluated are in the good classes (83%) and one binding indicator lags
    assert sentence.endswith("总体看，主要指标总体符合预期，少数指标进展相对滞后。")


def test_every_non_empty_class_names_at_least_one_indicator(midterm_evaluation, final_evaluation):
    for evaluation, final in ((midterm_evaluation, False), (final_evaluation, True)):
        sentence = counts_sentence(_facts(evaluation), final=final, year=evaluation.year)
        for part in re.split("[，；]", sentence.split("。")[0])[1:]:
            assert "“" in part, part


def test_final_counts_use_the_final_verdicts_and_their_own_judgement(final_evaluation):
    sentence = counts_sentence(_facts(final_evaluation), final=True, year=2025)
    assert "12项完成" in sentence and "3项基本完成" in sentence and "3项未完成" in sentence
    # 12 of 18 evaluated achieved: two thirds
    assert sentence.endswith("总体看，规划确定的主要目标任务大部分完成，少数指标未达预期。")


def test_binding_indicators_are_stated_apart_and_the_short_ones_named(midterm_evaluation):
    # binding 12–16, 18, 19, 21: 13 lags, 14 and 18 wait for allocations, the other five are on course
    assert binding_sentence(_facts(midterm_evaluation), final=False) == (
        "8项约束性指标中，5项达到进度要求，“地表水达到或好于Ⅲ类水体比例”进度滞后，须重点督办，"
        "“单位地区生产总值能耗降低”“户籍城乡劳动者登记失业人数”尚无可评价数据。"
    )


def test_summary_states_the_time_progress_in_words(midterm_evaluation):
    text = summary_paragraph(_facts(midterm_evaluation), 2023, 2020, 2025, 0.6, final=False)
    assert text.startswith("截至2023年，规划实施三年，时序进度60%。纲要提出的21项")


def test_an_empty_class_is_left_out(midterm_evaluation):
    facts = [f for f in _facts(midterm_evaluation) if f.status != "lagging"]
    sentence = counts_sentence(facts, final=False, year=2023)
    assert "滞后" not in sentence and "0项" not in sentence


def test_a_lagging_indicator_is_named_with_its_reason_and_department(midterm_evaluation):
    text = lagging_sentences(
        _facts(midterm_evaluation), False, {5: "受部分重大产业项目开工推迟影响"}, {5: "区经委"}
    )
    assert (
        text
        == "进展滞后的指标中，“工业固定资产投资年均增长率”滞后于预期，受部分重大产业项目开工推迟影响（责任部门：区经委）。"
    )


def test_the_headline_falls_when_few_indicators_are_on_course(final_evaluation):
    facts = _facts(final_evaluation)
    worse = [f for f in facts if f.status != "achieved"]  # 6 evaluated, none achieved
    assert headline(worse, final=True) == "规划确定的主要目标完成情况不够理想，部分指标差距较大"


def test_next_steps_are_grouped_by_class(midterm_evaluation):
    steps = next_steps(_facts(midterm_evaluation), final=False)
    assert len(steps) == 4  # lagging, on track, ahead or early, without a verdict
    assert steps[0].startswith("对进展滞后的“地区生产总值年均增长率”")
    assert "3项指标" in steps[0] and "等8项指标" in steps[1] and "等7项指标" in steps[2]


def test_a_shortfall_is_stated_in_points_against_the_target(midterm_evaluation):
    from planwatch.report.summary import gap_sentence

    facts = {f.number: f for f in _facts(midterm_evaluation)}
    # 1: (1.081 × 1.015 × 1.042)^(1/3) − 1 = 4.57 % → 4.6 %, 1.9 points under 6.5 %
    assert gap_sentence(facts[1]) == "年均增长4.6%※，低于6.5%的目标1.9个百分点。"
    # 13: 53.2 % in 2023 against 60 %
    assert gap_sentence(facts[13]) == "2023年为53.2%※，距60%的目标还差6.8个百分点。"


def test_what_a_needs_input_verdict_lacks_is_worded_from_the_one_vocabulary_list(
    midterm_evaluation, monkeypatch
):
    from planwatch import vocabulary

    facts = _facts(midterm_evaluation)
    waiting = [f for f in facts if f.status == "needs_input"]
    assert waiting  # 14 and 18 wait for allocations in sample.py
    monkeypatch.setitem(vocabulary.MISSING_INPUT_ZH, "allocation", "市级下达数")
    assert "有待录入市级下达数" in counts_sentence(facts, final=False, year=2023)
    assert any("请统计和责任部门尽快报送市级下达数" in p for p in next_steps(facts, final=False))
