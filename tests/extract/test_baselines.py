"""Baselines: measured facts about the past, from the review section and from 已/现有/了 in the rest."""

import pytest

from planwatch.extract.baselines import extract_baselines

from .conftest import passage


def read(text, review=True):
    return extract_baselines([passage(text, review=review, chapter=1)], period=(2021, 2025))


def test_growth_from_a_to_b_gives_two_baselines_with_their_plan_years():
    facts = read(
        "全区地区生产总值从“十二五”期末995.36亿元增长至“十三五”期末的1637.11亿元，绝对量年均增长10.5%。"
    )
    assert [(f.metric, f.value, f.unit, f.year) for f in facts[:2]] == [
        ("地区生产总值", 995.36, "亿元", 2015),
        ("地区生产总值", 1637.11, "亿元", 2020),
    ]
    assert (facts[1].value_normalized, facts[1].unit_normalized) == (163711000000, "元")
    assert facts[1].quote == "增长至“十三五”期末的1637.11亿元"
    growth = facts[2]
    assert (growth.metric, growth.value, growth.kind, growth.year, growth.period) == (
        "地区生产总值绝对量年均增长",
        10.5,
        "annual_growth_rate",
        None,
        "2016-2020",
    )


def test_a_rate_after_the_sentence_subject_takes_the_subject():
    text = (
        "地方财政收入保持快速增长，从“十二五”期末123.11亿元增长至“十三五”期末的220.62亿元，年均增速达12.4%。"
    )
    facts = read(text)
    assert [(f.metric, f.value) for f in facts] == [
        ("地方财政收入", 123.11),
        ("地方财政收入", 220.62),
        ("地方财政收入年均增速", 12.4),
    ]


def test_from_value_without_a_year_is_implied_one_period_earlier():
    facts = read("高新技术企业总数从469家增长到1755家，是“十二五”期末的3.7倍。")
    assert [(f.value, f.unit, f.year, f.year_implied) for f in facts[:2]] == [
        (469, "家", None, 2015),
        (1755, "家", None, 2020),
    ]
    assert facts[2].value == 3.7 and facts[2].unit == "倍"


def test_facts_of_the_review_section():
    cases = [
        (
            "森林覆盖率达到18.5%，森林保有量16.78万亩。",
            [("森林覆盖率", 18.5, "%"), ("森林保有量", 16.78, "万亩")],
        ),
        ("促进健康公平，人均期望寿命达到84.05岁。", [("人均期望寿命", 84.05, "岁")]),
        (
            "全社会研发经费支出占地区生产总值比例达到4.32%。",
            [("全社会研发经费支出占地区生产总值比例", 4.32, "%")],
        ),
        ("每万人口发明专利拥有量增至50.52件。", [("每万人口发明专利拥有量", 50.52, "件")]),
        ("日均客流量约2.5万乘次。", [("日均客流量", 2.5, "万乘次")]),
    ]
    for text, expected in cases:
        assert [(f.metric, f.value, f.unit) for f in read(text)] == expected


def test_stated_year_of_a_fact():
    facts = read("2020年全年环境空气质量优良率达88.7%，PM2.5年均浓度为35微克/立方米。")
    assert [(f.metric, f.value, f.unit, f.year) for f in facts] == [
        ("环境空气质量优良率", 88.7, "%", 2020),
        ("PM2.5年均浓度", 35, "微克/立方米", 2020),
    ]


def test_lower_bound_of_a_fact_is_kept():
    (fact,) = read("松江已集聚了6900多家影视文化企业。")
    assert (fact.value, fact.unit, fact.comparator) == (6900, "家", ">=")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("在多个电视台制作了40多档节目。", 40, "档"),
        ("依托现有7大区管企业集团。", 7, "大"),
        ("集聚头部企业，2019年产值超过3万亿元。", 3, "万亿元"),
    ],
)
def test_past_facts_in_a_forward_section(text, value, unit):
    (fact,) = read(text, review=False)
    assert (fact.value, fact.unit) == (value, unit)


PLAN_BASELINES = [
    (9, 995.36, "亿元", 2015),
    (9, 1637.11, "亿元", 2020),
    (9, 220.62, "亿元", 2020),
    (11, 4072.65, "亿元", 2020),
    (17, 4.32, "%", None),
    (17, 50.52, "件", None),
    (17, 1755, "家", None),
    (34, 99.2, "%", None),
    (35, 84.05, "岁", None),
    (42, 95.4, "%", None),
    (43, 35, "微克/立方米", 2020),
    (43, 18.5, "%", None),
    (225, 3, "万亿元", 2019),
]


@pytest.mark.parametrize(("line", "value", "unit", "year"), PLAN_BASELINES)
def test_plan_baseline(plan_baselines, line, value, unit, year):
    found = [b for b in plan_baselines if b.line == line and b.value == value]
    assert len(found) == 1
    assert (found[0].unit, found[0].year) == (unit, year)


def test_every_baseline_quote_is_an_exact_substring_of_its_line(plan_document, plan_baselines):
    for fact in plan_baselines:
        assert fact.quote and fact.quote in plan_document.source_line(fact.line), (fact.line, fact.quote)


def test_to_json_has_the_interface_fields_first(plan_baselines):
    data = plan_baselines[0].to_json()
    assert list(data)[:6] == ["metric", "value", "unit", "year", "line", "quote"]


def test_change_on_the_year_before_takes_the_subject_of_its_sentence():
    facts = read("2020年，全区实现地区生产总值1500亿元，比上年增长3.2%。")
    assert [(f.metric, f.value, f.year, f.kind) for f in facts] == [
        ("地区生产总值", 1500, 2020, "level"),
        ("地区生产总值比上年增长", 3.2, 2020, "change"),
    ]


def test_rank_of_a_fact_with_its_subject():
    facts = read("地方财政收入连续60个月保持正增长，总量全市第五，增速全市第一。")
    assert [(f.metric, f.value, f.unit, f.kind, f.comparator) for f in facts] == [
        ("地方财政收入总量排名", 5, "名", "rank", "="),
        ("地方财政收入增速排名", 1, "名", "rank", "="),
    ]
