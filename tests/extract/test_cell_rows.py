"""Target cells read from a table row (METHODOLOGY.md §2, PLAN-FORMS.md §3): the commitment of a cell with a
力争 aspiration, word comparators, named parts, a 年均 column beside a level, rates that are not shares, the
direction of use and consumption, and the plan's words in its text deciding reach or hold."""

from __future__ import annotations

import pytest

from planwatch.document.model import Paragraph
from planwatch.document.model import Table as DocumentTable
from planwatch.document.text_reader import parse_text
from planwatch.extract.enrich import enrich_plan
from planwatch.extract.indicators import indicators_from_table
from planwatch.extract.target_cells import classify, direction_of, is_share
from planwatch.plan.model import Part, Plan
from planwatch.plan.structure import build_plan
from planwatch.plan.tables import build_table

HEADER = ["指标", "单位", "2025年", "2030年", "年均增速", "属性"]
ROWS = [
    ["地区生产总值增长", "%", "5.5", "6%左右，力争7%", "—", "预期性"],
    ["全社会研发经费投入增长", "%", "—", "—", ">7、力争投入强度高于“十四五”时期实际", "预期性"],
    ["地区生产总值", "亿元", "1200", "—", "6.5左右", "预期性"],
    ["城镇新增就业", "万人", "1.2", "每年不低于1.5", "—", "预期性"],
    ["城镇调查失业率", "%", "5.2", "5.5以内", "—", "预期性"],
    ["全员劳动生产率", "万元/人", "11.5", "17左右", "—", "预期性"],
    ["单位地区生产总值用水量", "立方米/万元", "34", "30", "—", "约束性"],
    ["能源消费总量", "万吨标准煤", "500", "560", "—", "约束性"],
    ["旧区改造面积", "万平方米", "—", "〔成片改造110 零星改造20〕", "—", "约束性"],
    ["能源综合生产能力", "亿吨标准煤", "—", "—", ">46", "约束性"],
    ["城镇新增就业人数", "万人", "72", "—", "70", "预期性"],
    ["城镇新增就业人数（五年）", "万人", "72", "—", "〔350〕", "预期性"],
]
# Worked out by hand, row by row:
# 1 the commitment is 6%左右 on a growth indicator: annual growth of about 6 (力争7% is only an aspiration);
# 2 >7 in the 年均 column on a growth indicator: annual growth with a floor of 7;
# 3 6.5左右 in the 年均增速 column beside a level in 亿元 can only be its yearly growth in %;
# 4 每年不低于1.5: a bound held every year, ≥ 1.5;
# 5 5.5以内 on 失业率 whose base 5.2 already meets it: a bound held every year, ≤ 5.5;
# 6 a 率 in 万元/人 is a level, not a share; 17左右 is about 17;
# 7 water use per unit of GDP: less is better, so the plain 30 is a ceiling (≤);
# 8 energy consumption: a ceiling too, although 560 is above the base 500;
# 9 named parts of a five-year total: a compound target of 110 and 20;
# 10 a comparator bound in the 年均 column beside a level is held every year, not a growth rate;
# 11 an amount of a flow in the 年均 column is a yearly amount, held on the mean of the years (≥ 70);
# 12 the same flow in 〔〕 is a five-year total (≥ 350).
EXPECTED = [
    ("地区生产总值增长", "annual_growth_rate", 6.0, "~", "up"),
    ("全社会研发经费投入增长", "annual_growth_rate", 7.0, ">=", "up"),
    ("地区生产总值", "annual_growth_rate", 6.5, "~", "up"),
    ("城镇新增就业", "per_year_bound", 1.5, ">=", "up"),
    ("城镇调查失业率", "per_year_bound", 5.5, "<=", "down"),
    ("全员劳动生产率", "level", 17.0, "~", "up"),
    ("单位地区生产总值用水量", "level", 30.0, "<=", "down"),
    ("能源消费总量", "level", 560.0, "<=", "down"),
    ("旧区改造面积", "compound", None, None, "up"),
    ("能源综合生产能力", "per_year_bound", 46.0, ">=", "up"),
    ("城镇新增就业人数", "per_year_bound", 70.0, ">=", "up"),
    ("城镇新增就业人数（五年）", "cumulative", 350.0, ">=", "up"),
]


def _indicators(rows: list[list[str]]):
    cells = [[Paragraph(text, 10 + i) for text in row] for i, row in enumerate([HEADER, *rows])]
    built = build_table(DocumentTable(rows=cells, line=10), "主要指标", 1)
    return indicators_from_table(built, Plan("测试规划", 2026, 2030, tables=[built]))


def test_every_cell_of_the_table_reads_as_worked_out_by_hand():
    got = [(i.name, i.kind, i.target.value, i.target.comparator, i.direction) for i in _indicators(ROWS)]
    assert got == EXPECTED


def test_named_parts_of_a_cell_are_the_parts_of_its_compound_target():
    renewal = _indicators(ROWS)[8]
    assert renewal.parts == [Part("成片改造", 110.0, ">="), Part("零星改造", 20.0, ">=")]


@pytest.mark.parametrize(
    ("cell", "direction"),
    [
        ("每年不低于1.5", "up"),  # 不低于 holds 低于 but means at least
        ("不少于70", "up"),
        ("不超过30", "down"),
        ("控制在5.5以内", "down"),
        ("超过60", "up"),
    ],
)
def test_a_comparator_written_as_a_word_gives_the_direction(cell, direction):
    assert direction_of("某指标", cell, "level") == direction


def test_a_word_comparator_held_every_year_or_reached():
    assert classify("新增就业岗位", "万个", "每年不低于1.5", False) == "per_year_bound"
    # no 每年 and a baseline below it: a level to reach, 不低于 read as ≥
    assert classify("高新技术企业数", "家", "不少于500", False, 420.0) == "level"


@pytest.mark.parametrize(
    ("name", "unit", "share"),
    [
        ("全员劳动生产率", "万元/人", False),
        ("全员劳动生产率", "元/人", False),
        ("森林覆盖率", "%", True),
        ("城镇化率", "", True),  # no unit given: the name decides
        ("研发经费投入强度", "%", True),
        ("每万人口发明专利拥有量", "件", False),
    ],
)
def test_a_rate_measured_in_money_or_per_person_is_not_a_share(name, unit, share):
    assert is_share(name, unit) is share


# 人均预期寿命 84.5以上 with no baseline in the table: the text says 保持在84.5岁以上 (hold it every year);
# 森林覆盖率 >60 with no baseline: the text says 达到60%以上 (reach it), so it is a share to reach.
WORDS_IN_TEXT = """某区国民经济和社会发展第十四个五年规划纲要
第一章  发展目标
到2025年，人均预期寿命保持在84.5岁以上，森林覆盖率达到60%以上。
专栏1  主要指标
\t指标名称
\t单位
\t2025年目标
\t属性

\t人均预期寿命
\t岁
\t84.5以上
\t预期性

\t森林覆盖率
\t%
\t>60
\t约束性

"""


def test_the_plans_words_in_its_text_decide_reach_or_hold_of_a_comparator_cell():
    # the cells alone, without a baseline: 以上 is a level to reach, a strict > is held until a baseline comes
    assert classify("人均预期寿命", "岁", "84.5以上", False) == "level"
    assert classify("森林覆盖率", "%", ">60", False) == "per_year_bound"
    document = parse_text(WORDS_IN_TEXT)
    plan = build_plan(document)
    enrich_plan(plan, document)
    assert [(i.name, i.kind, i.target.value) for i in plan.indicators] == [
        ("人均预期寿命", "per_year_bound", 84.5),
        ("森林覆盖率", "share", 60.0),
    ]


def test_the_evaluation_says_that_the_text_decided_the_kind():
    from tests.evaluate.builders import evaluate, rows

    document = parse_text(WORDS_IN_TEXT)
    plan = build_plan(document)
    enrich_plan(plan, document)
    result = evaluate(plan, rows(plan, (1, 2021, 84.8), (1, 2022, 84.4)), 2022)
    # held every year: mean (84.8 + 84.4) / 2 = 84.6 ≥ 84.5 → on track; 2022 (84.4 < 84.5) is named
    # the reader already gave the kind, so the engine evaluates it as read (no effective kind of its own)
    assert (result.status, result.kind, result.effective_kind) == ("on_track", "per_year_bound", None)
    assert "纲要正文对该目标的表述为每年保持，按逐年约束评价" in result.explanation
    assert "2022年未达标" in result.explanation
