"""What a quantity measures: the metric words read from the sentence around it."""

from planwatch.extract.metrics import (
    clause_end,
    clause_start,
    metric_prefix,
    noun_after,
    sentence_start,
    sentence_subject,
)
from planwatch.numbers.quantities import find_quantities


def prefix_of(text):
    quantity = find_quantities(text)[-1]
    start, metric, names_measure = metric_prefix(text, clause_start(text, quantity.start), quantity, False)
    return text[start : quantity.start], metric, names_measure


def test_noun_phrase_before_the_verb_names_the_measure():
    assert prefix_of("到2025年，地区研发投入强度达到5%以上") == (
        "地区研发投入强度达到",
        "地区研发投入强度",
        True,
    )


def test_horizon_and_leading_words_are_not_part_of_the_metric():
    assert prefix_of("计划到2022年累计实现约6100户") == ("约", "", False)
    assert prefix_of("其中全区森林覆盖率达到18.5%") == ("森林覆盖率达到", "森林覆盖率", True)


def test_a_verb_before_the_number_leaves_the_counted_noun_to_follow():
    text = "三年内新建300个以上电动汽车充电桩。"
    assert prefix_of(text)[1:] == ("新建", False)
    assert noun_after(text, text.index("以上") + 2, len(text)) == "电动汽车充电桩"


def test_counted_noun_stops_at_a_list_word():
    text = "新增绿道75公里和各类社区公园"
    assert noun_after(text, text.index("公里") + 2, len(text)) == ""


def test_subject_of_an_earlier_clause():
    text = (
        "地方财政收入保持快速增长，从“十二五”期末123.11亿元增长至“十三五”期末的220.62亿元，年均增速达12.4%。"
    )
    at = text.index("年均增速")
    assert sentence_subject(text, clause_start(text, at), sentence_start(text, at)) == "地方财政收入"


def test_clauses_end_at_commas_and_list_marks():
    text = "推动2-3所市示范园、8-10所市一级园创建。"
    assert clause_end(text, 0) == text.index("、")
    assert clause_start(text, text.index("8-10")) == text.index("、") + 1


def test_a_change_against_a_year_keeps_the_year_after_tong_bi_as_after_bi():
    assert prefix_of("同比2015年增长67.86%")[1] == "同比2015年增长"
    assert prefix_of("比2015年增长72%")[1] == "比2015年增长"


def test_expected_and_pdf_spaces_are_not_part_of_the_metric():
    assert prefix_of("财政收入预计实现 6.13亿元")[1] == "财政收入"
    assert prefix_of("社会消费品零售总额21.45亿元，同比 2015年增 长 17.6%")[1] == "同比2015年增长"
    text = "财政收入预计实现6.13亿元，同比2015年增长72%。"
    at = text.index("同比")
    assert sentence_subject(text, clause_start(text, at), sentence_start(text, at)) == "财政收入"
