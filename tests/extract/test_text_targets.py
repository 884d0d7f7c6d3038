"""Targets in the text of any plan (PLAN-FORMS.md §4), and look-back facts of a 15th plan (2026–2030)."""

from __future__ import annotations

import pytest

from planwatch.document.text_reader import parse_text
from planwatch.extract.facts import read_text_facts
from planwatch.extract.passages import passages_from_document, sentence_tense
from planwatch.extract.statements import read_statements
from planwatch.plan.structure import build_plan

from .conftest import passage

FIFTEENTH = (2026, 2030)


def read(text: str):
    return [
        (s.role, s.quote, s.quantity.value, s.quantity.value_max, s.quantity.unit, s.comparator, s.kind)
        for s in read_statements([passage(text)], FIFTEENTH)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2030年，常住人口城镇化率提高到75%。",
            [("target", "常住人口城镇化率提高到75%", 75.0, None, "%", "=", "share")],
        ),
        (
            "地区生产总值年均增长6%左右。",
            [("target", "地区生产总值年均增长6%左右", 6.0, None, "%", "~", "annual_growth_rate")],
        ),
        (
            "规模以上工业增加值年均增长7%以上。",
            [("target", "规模以上工业增加值年均增长7%以上", 7.0, None, "%", ">=", "annual_growth_rate")],
        ),
        (
            "单位地区生产总值能耗累计降低17%。",
            [("target", "单位地区生产总值能耗累计降低17%", 17.0, None, "%", "=", "cumulative")],
        ),
        # 年 after 年限 measures years of schooling; it is not a time.
        (
            "劳动年龄人口平均受教育年限提高到11.7年。",
            [("target", "劳动年龄人口平均受教育年限提高到11.7年", 11.7, None, "年", "=", "level")],
        ),
        # A compound unit stays whole, and a 率 measured in money is a level, not a share.
        (
            "全员劳动生产率达到30万元/人左右。",
            [("target", "全员劳动生产率达到30万元/人左右", 30.0, None, "万元/人", "~", "level")],
        ),
        (
            "力争研发经费投入强度达到4%。",
            [("target", "研发经费投入强度达到4%", 4.0, None, "%", "=", "share")],
        ),
        (
            "每年新增就业岗位不低于1.5万个。",
            [("target", "新增就业岗位不低于1.5万个", 1.5, None, "万个", ">=", "per_year_bound")],
        ),
        (
            "数字经济增加值年均增长8—10%。",
            [("target", "数字经济增加值年均增长8—10%", 8.0, 10.0, "%", "range", "annual_growth_rate")],
        ),
        (
            "引进1-2所高水平大学。",
            [("target", "引进1-2所高水平大学", 1.0, 2.0, "所", "range", "level")],
        ),
        # 翻一番 doubles the base: a multiple of 2.
        (
            "居民人均可支配收入比2020年翻一番。",
            [("target", "居民人均可支配收入比2020年翻一番", 2.0, None, "倍", "=", "level")],
        ),
        (
            "新能源汽车保有量不超过30万辆。",
            [("target", "新能源汽车保有量不超过30万辆", 30.0, None, "万辆", "<=", "level")],
        ),
        (
            "绿色建筑占新建建筑比例达到百分之三十三。",
            [("target", "绿色建筑占新建建筑比例达到百分之三十三", 33.0, None, "%", "=", "share")],
        ),
        (
            "新增两千个公共停车泊位。",
            [("target", "新增两千个公共停车泊位", 2000.0, None, "个", "=", "cumulative")],
        ),
    ],
)
def test_a_target_sentence_of_any_plan(text, expected):
    assert read(text) == expected


def test_a_chinese_numeral_straight_after_its_noun_is_a_target():
    assert read("到2030年，新增公共停车泊位两千个。") == [
        ("target", "新增公共停车泊位两千个", 2000.0, None, "个", "=", "cumulative")
    ]


def test_spaces_inside_numbers_and_before_units_of_a_pdf_copy_are_read_through():
    # 1 200 is one thousand two hundred; 15. 6 is 15.6; the quotes stay exact substrings of the line.
    assert read("地区生产总值达到1 200亿元，人均GDP达到15. 6万元，税收424.74 亿元。") == [
        ("target", "地区生产总值达到1 200亿元", 1200.0, None, "亿元", "=", "level"),
        ("target", "人均GDP达到15. 6万元", 15.6, None, "万元", "=", "level"),
        ("target", "税收424.74 亿元", 424.74, None, "亿元", "=", "level"),
    ]


def test_a_line_break_between_a_number_and_its_unit():
    assert read("常住人口控制在120\n万人以内。") == [
        ("target", "常住人口控制在120\n万人以内", 120.0, None, "万人", "<=", "level")
    ]


def test_a_date_written_in_chinese_numerals_governs_the_target():
    statements = read_statements([passage("到二〇三〇年，森林覆盖率达到25%。")], FIFTEENTH)
    assert [(s.role, s.year, s.quantity.value) for s in statements] == [("target", 2030, 25.0)]


# A 15th plan in the form most outlines take: a first chapter reviewing the last five years under a poetic
# heading (no 发展基础 in it), then the goals. Its title does not say 第十五个五年: the table's columns do.
PLAN_15 = """某市国民经济和社会发展规划纲要
第一章  砥砺奋进的五年
过去五年，全市地区生产总值突破9000亿元，年均增长6.2%。2025年末，常住人口达到820万人。“十四五”期间，累计新增城镇就业62万人，综合实力跃居全省第二。
第二章  发展目标
到2030年，地区生产总值达到1.2万亿元，年均增长5%左右，力争进入全省前三。每年新增城镇就业不低于10万人。
专栏1  主要指标
\t指标
\t2025年
\t2030年
\t属性

\t地区生产总值增长（%）
\t6.2*
\t5左右
\t预期性

\t森林覆盖率（%）
\t31.2
\t32
\t约束性

"""


@pytest.fixture(scope="module")
def plan_15():
    document = parse_text(PLAN_15)
    plan = build_plan(document)
    return plan, document


def test_a_15th_plan_is_recognised_from_its_column_years(plan_15):
    plan, _ = plan_15
    assert (plan.period_start, plan.period_end) == (2026, 2030)


def test_the_look_back_chapter_states_baselines_and_the_goals_chapter_states_targets(plan_15):
    plan, document = plan_15
    targets, baselines = read_text_facts(document, (plan.period_start, plan.period_end))
    assert [(b.line, b.quote, b.value, b.unit) for b in baselines] == [
        (3, "地区生产总值突破9000亿元", 9000.0, "亿元"),
        (3, "年均增长6.2%", 6.2, "%"),
        (3, "常住人口达到820万人", 820.0, "万人"),
        (3, "新增城镇就业62万人", 62.0, "万人"),
        (3, "综合实力跃居全省第二", 2.0, "名"),
    ]
    # The rank of the past (全省第二) is a fact; the forward rank goal (力争进入全省前三) is a target.
    assert [(t.line, t.quote, t.value, t.unit, t.year, t.kind) for t in targets] == [
        (5, "地区生产总值达到1.2万亿元", 1.2, "万亿元", 2030, "level"),
        (5, "年均增长5%左右", 5.0, "%", 2030, "annual_growth_rate"),
        (5, "进入全省前三", 3.0, "名", 2030, "rank"),
        (5, "新增城镇就业不低于10万人", 10.0, "万人", None, "per_year_bound"),
    ]


def test_a_first_chapter_whose_sentences_look_forward_is_not_a_look_back():
    text = "第一章  发展环境\n到2030年，全市研发经费投入强度达到3.5%。将推动数字经济核心产业增加值占比达到15%。\n"
    passages = passages_from_document(parse_text(text))
    assert [p.review for p in passages] == [False]


def test_a_heading_word_alone_never_makes_a_look_back():
    # 发展基础 in a later chapter's heading, but every sentence commits to the future.
    text = (
        "第一章  总体要求\n到2030年，建成现代化城市。\n第五章  夯实发展基础\n"
        "力争新建学校20所。确保新增绿地100公顷。\n"
    )
    passages = passages_from_document(parse_text(text))
    assert [(p.chapter, p.review) for p in passages] == [(1, False), (5, False)]


def test_sentences_are_counted_as_past_or_future_by_their_own_words():
    text = "五年来，全市累计新增就业62万人。2025年末，常住人口达到820万人。到2030年，森林覆盖率达到32%。"
    assert sentence_tense(text) == (2, 1)


def test_numbered_subheadings_stay_inside_the_look_back_section_above_them():
    # （一）/（二） under 一、“十三五”时期的主要成就 are parts of the review; 二、 opens a forward part.
    text = (
        "第一章  开启新征程\n"
        "一、“十三五”时期的主要成就\n"
        "（一）经济实力稳步提升\n"
        "全区地区生产总值达到1120亿元。\n"
        "（二）城乡面貌持续改善\n"
        "森林覆盖率达到18.1%。\n"
        "二、主要目标\n"
        "森林覆盖率达到19.5%。\n"
    )
    targets, baselines = read_text_facts(parse_text(text), (2021, 2025))
    assert [(b.line, b.value, b.unit) for b in baselines] == [(4, 1120.0, "亿元"), (6, 18.1, "%")]
    assert [(t.line, t.value, t.unit) for t in targets] == [(8, 19.5, "%")]


def test_a_look_back_chapter_stays_a_look_back_through_its_sections():
    text = (
        "第一章  发展基础\n一、经济实力显著增强\n全市地区生产总值达到9000亿元。\n"
        "第二章  发展目标\n到2030年，地区生产总值达到1.2万亿元。\n"
    )
    targets, baselines = read_text_facts(parse_text(text), FIFTEENTH)
    assert [(b.line, b.value) for b in baselines] == [(3, 9000.0)]
    assert [(t.line, t.value, t.year) for t in targets] == [(5, 1.2, 2030)]


def test_one_sentence_with_the_past_five_years_and_the_next_five():
    assert [r[:3] for r in read("过去五年，地区生产总值年均增长6.2%，今后五年年均增长5%左右。")] == [
        ("baseline", "地区生产总值年均增长6.2%", 6.2),
        ("target", "今后五年年均增长5%左右", 5.0),
    ]
