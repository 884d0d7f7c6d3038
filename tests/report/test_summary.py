from planwatch.report.facts import indicator_facts
from planwatch.report.summary import binding_sentence, counts_sentence, summary_paragraph


def _facts(evaluation):
    return [indicator_facts(result, evaluation.year) for result in evaluation.indicators]


def test_midterm_counts_every_class_and_the_indicators_without_a_verdict(midterm_evaluation):
    assert counts_sentence(_facts(midterm_evaluation), final=False) == (
        "纲要提出的21项主要指标中，2项提前实现，5项快于预期，8项基本符合预期，3项滞后于预期；"
        "另有1项暂无监测数据，2项待录入上级下达指标。"
    )


def test_final_counts_use_the_final_verdicts(final_evaluation):
    assert counts_sentence(_facts(final_evaluation), final=True) == (
        "纲要提出的21项主要指标中，12项完成，3项基本完成，3项未完成；另有1项暂无监测数据，2项待录入上级下达指标。"
    )


def test_binding_indicators_are_counted_separately_and_the_short_ones_named(midterm_evaluation):
    sentence = binding_sentence(_facts(midterm_evaluation), final=False)
    assert sentence.startswith(
        "8项约束性指标中，1项提前实现，2项快于预期，2项基本符合预期，1项滞后于预期，2项待录入上级下达指标。"
    )
    assert "第13项“地表水达到或好于Ⅲ类水体比例" in sentence


def test_summary_states_the_time_progress(midterm_evaluation):
    text = summary_paragraph(_facts(midterm_evaluation), 2023, 2020, 2025, 0.6, final=False)
    assert text.startswith("截至2023年，规划实施3年，时序进度为60%。纲要提出的21项")


def test_a_zero_class_is_still_stated_during_the_period(midterm_evaluation):
    facts = [f for f in _facts(midterm_evaluation) if f.status != "lagging"]
    assert "0项滞后于预期" in counts_sentence(facts, final=False)
