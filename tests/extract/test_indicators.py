"""Main indicators from the plan's table: every field of the 21 Songjiang rows, and a national-style table."""

from __future__ import annotations

import pytest

from planwatch.document.text_reader import parse_text
from planwatch.extract.indicators import classify, indicators_from_table, main_indicator_table
from planwatch.plan.structure import build_plan

# (number, name, unit, attribute, kind, target_text, value, comparator, direction), written from lines 74–211.
SONGJIANG = [
    (1, "地区生产总值年均增长率", "%", "expected", "annual_growth_rate", "6.5", 6.5, ">=", "up"),
    (2, "地方财政收入年均增长率", "%", "expected", "annual_growth_rate", "6", 6.0, ">=", "up"),
    (
        3,
        "战略性新兴产业产值（制造业部分）占规上工业总产值比重",
        "%",
        "expected",
        "share",
        "33",
        33.0,
        ">=",
        "up",
    ),
    (4, "全社会固定资产投资年均增长率", "%", "expected", "annual_growth_rate", "10", 10.0, ">=", "up"),
    (5, "工业固定资产投资年均增长率", "%", "expected", "annual_growth_rate", "20", 20.0, ">=", "up"),
    (6, "规模以上工业产值年均增长率", "%", "expected", "annual_growth_rate", "8", 8.0, ">=", "up"),
    (7, "商品销售总额年均增长率", "%", "expected", "annual_growth_rate", "8", 8.0, ">=", "up"),
    (8, "有效期内高新技术企业数", "家", "expected", "level", "3200", 3200.0, ">=", "up"),
    (9, "上市、挂牌企业数（科创板）", "家", "expected", "compound", "70/500（25）", None, None, "up"),
    (10, "全社会研发经费支出占地区生产总值比例", "%", "expected", "share", "5", 5.0, ">=", "up"),
    (11, "每万人口发明专利拥有量", "件", "expected", "level", "60", 60.0, ">=", "up"),
    (
        12,
        "大气常规污染物年均浓度（PM2.5、PM10、SO2、NO2、O3、CO）",
        "微克/立方米",
        "binding",
        "standard",
        "全面达到国家二级标准，部分指标达到国家一级标准",
        None,
        None,
        "down",
    ),
    (
        13,
        "地表水达到或好于Ⅲ类水体比例（主要河湖水质断面优于Ⅲ类水质比例）",
        "%",
        "binding",
        "share",
        "60",
        60.0,
        ">=",
        "up",
    ),
    (14, "单位地区生产总值能耗降低", "%", "binding", "allocation", "完成市级要求", None, ">=", "up"),
    (15, "生活垃圾回收利用率", "%", "binding", "share", "45", 45.0, ">=", "up"),
    (16, "森林覆盖率", "%", "binding", "share", "19.5", 19.5, ">=", "up"),
    (17, "居民人均可支配收入", "万元", "expected", "relative", "与经济增长同步", None, None, "up"),
    (
        18,
        "户籍城乡劳动者登记失业人数",
        "人",
        "binding",
        "allocation",
        "控制在市下达指标数内",
        None,
        "<=",
        "down",
    ),
    (19, "旧街坊改造面积", "万平方米", "binding", "cumulative", "300", 300.0, ">=", "up"),
    (20, "户籍人口居民平均预期寿命", "岁", "expected", "level", "84.07", 84.07, ">=", "up"),
    (21, "单位生产总值生产安全事故死亡人数", "人/亿元", "binding", "level", "0.024", 0.024, "<=", "down"),
]


def test_all_21_songjiang_indicators_with_every_field(songjiang_plan):
    got = [
        (
            i.number,
            i.name,
            i.unit,
            i.attribute,
            i.kind,
            i.target_text,
            i.target.value,
            i.target.comparator,
            i.direction,
        )
        for i in songjiang_plan.indicators
    ]
    assert got == SONGJIANG
    assert {i.target_year for i in songjiang_plan.indicators} == {2025}
    assert {i.base_year for i in songjiang_plan.indicators} == {2020}


def test_indicator_lines_point_at_their_rows(songjiang_plan):
    assert [i.line for i in songjiang_plan.indicators[:3]] == [81, 87, 93]
    assert songjiang_plan.indicators[20].line == 207


def test_the_compound_cell_becomes_three_parts(songjiang_plan):
    listed = songjiang_plan.indicators[8]
    assert [(p.name, p.value, p.comparator) for p in listed.parts] == [
        ("上市", 70.0, ">="),
        ("挂牌", 500.0, ">="),
        ("科创板", 25.0, ">="),
    ]


def test_income_growing_with_the_economy_refers_to_the_gdp_growth_indicator(songjiang_plan):
    income = songjiang_plan.indicators[16]
    assert income.reference == 1


def test_only_non_compound_indicators_have_no_parts(songjiang_plan):
    assert [i.number for i in songjiang_plan.indicators if i.parts] == [9]


@pytest.mark.parametrize(
    ("name", "unit", "text", "from_period_column", "kind"),
    [
        ("森林覆盖率", "%", "19.5", False, "share"),
        ("地区生产总值年均增长率", "%", "6.5", False, "annual_growth_rate"),
        ("单位GDP能源消耗降低", "%", "〔13.5〕", True, "cumulative"),
        ("城镇调查失业率", "%", "<5.5", True, "per_year_bound"),
        ("粮食综合生产能力", "亿吨", ">6.5", True, "per_year_bound"),
        ("粮食综合生产能力", "亿吨", ">6.5", False, "per_year_bound"),
        ("城镇调查失业率", "%", "<5.5", False, "per_year_bound"),
        ("森林覆盖率", "%", "24.1以上", False, "share"),
        ("全员劳动生产率增长", "%", "高于GDP增长", True, "relative"),
        ("国内生产总值增长", "%", "保持在合理区间、各年度视情提出", True, "allocation"),
        ("有效期内高新技术企业数", "家", "3200", False, "level"),
        ("旧街坊改造面积", "万平方米", "300", False, "cumulative"),
        ("空气质量", "", "全面达到国家二级标准", False, "standard"),
        ("营商环境", "", "—", False, "qualitative"),
        ("上市、挂牌企业数（科创板）", "家", "70/500（25）", False, "compound"),
    ],
)
def test_kind_of_target(name, unit, text, from_period_column, kind):
    assert classify(name, unit, text, from_period_column) == kind


NATIONAL = """《某省国民经济和社会发展第十四个五年规划纲要》
第一章  主要目标
专栏1  “十四五”时期经济社会发展主要指标
\t类别
\t指标
\t2020年
\t2025年
\t年均/累计
\t属性

\t经济发展
\t1.地区生产总值增长（%）
\t2.3
\t—
\t保持在合理区间、各年度视情提出
\t预期性

\t
\t2.全员劳动生产率增长（%）
\t2.5
\t—
\t高于地区生产总值增长
\t预期性

\t
\t3.常住人口城镇化率（%）
\t60.6*
\t65
\t—
\t预期性

\t民生福祉
\t4.城镇调查失业率（%）
\t5.2
\t—
\t<5.5
\t预期性

\t绿色生态
\t5.单位地区生产总值能源消耗降低（%）
\t—
\t—
\t〔13.5〕
\t约束性

\t
\t6.森林覆盖率（%）
\t23.2*
\t24.1
\t—
\t约束性

"""


def test_a_national_style_table_with_base_year_column_starred_values_and_cumulative_targets():
    plan = build_plan(parse_text(NATIONAL))
    table = main_indicator_table(plan)
    indicators = indicators_from_table(table, plan)
    got = [
        (i.number, i.name, i.unit, i.category, i.kind, i.target.value, i.target.comparator, i.attribute)
        for i in indicators
    ]
    assert got == [
        (1, "地区生产总值增长", "%", "经济发展", "allocation", None, ">=", "expected"),
        (2, "全员劳动生产率增长", "%", "经济发展", "relative", None, None, "expected"),
        (3, "常住人口城镇化率", "%", "经济发展", "share", 65.0, ">=", "expected"),
        (4, "城镇调查失业率", "%", "民生福祉", "per_year_bound", 5.5, "<=", "expected"),
        (5, "单位地区生产总值能源消耗降低", "%", "绿色生态", "cumulative", 13.5, ">=", "binding"),
        (6, "森林覆盖率", "%", "绿色生态", "share", 24.1, ">=", "binding"),
    ]
    assert indicators[1].reference == 1
    # A value marked * is for the year before the base year.
    assert (indicators[2].baseline.value, indicators[2].baseline.year) == (60.6, 2019)
    assert (indicators[0].baseline.value, indicators[0].baseline.year) == (2.3, 2020)
    assert indicators[4].baseline is None
    assert {i.target_year for i in indicators} == {2025}
