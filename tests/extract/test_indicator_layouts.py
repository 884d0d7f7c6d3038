"""Indicator tables of every layout of PLAN-FORMS.md §3, each with its rows written out by hand."""

from __future__ import annotations

from planwatch.document.model import Paragraph
from planwatch.document.model import Table as DocumentTable
from planwatch.extract.indicators import extract_indicators, indicators_from_table, main_indicator_table
from planwatch.plan.model import Plan
from planwatch.plan.tables import build_table


def table(rows: list[list[str]], first_line: int = 10, caption: str | None = None):
    """A table as a reader gives it: one row per source line from `first_line` on."""
    cells = [[Paragraph(text, first_line + i) for text in row] for i, row in enumerate(rows)]
    return build_table(DocumentTable(rows=cells, line=first_line), caption, 1)


def read(rows: list[list[str]], period=(2021, 2025), caption: str | None = None):
    built = table(rows, caption=caption)
    plan = Plan("测试规划", *period, tables=[built])
    return built, indicators_from_table(built, plan)


def facts(indicators):
    return [
        (
            i.number,
            i.name,
            i.unit,
            i.kind,
            i.target.value,
            i.target.comparator,
            (i.baseline.value, i.baseline.year) if i.baseline else None,
            i.attribute,
        )
        for i in indicators
    ]


NATIONAL_BODY = [
    ["1.国内生产总值（GDP）增长（%）", "2.3", "—", "保持在合理区间、各年度视情提出", "预期性"],
    ["2.常住人口城镇化率（%）[1]", "60.6*", "65", "—", "预期性"],
    ["3.单位国内生产总值能源消耗降低（%）", "—", "—", "〔13.5〕", "约束性"],
    ["4.能源综合生产能力（亿吨标准煤）", "—", "—", ">46", "约束性"],
]
# Worked out from the rows: GDP growth is allocated year by year; 60.6* is the 2019 value (the year before the
# base year 2020); 〔13.5〕 is a five-year cumulative reduction; >46 in the 年均/累计 column is held every year.
NATIONAL_EXPECTED = [
    (1, "国内生产总值（GDP）增长", "%", "allocation", None, ">=", (2.3, 2020), "expected"),
    (2, "常住人口城镇化率", "%", "share", 65.0, ">=", (60.6, 2019), "expected"),
    (3, "单位国内生产总值能源消耗降低", "%", "cumulative", 13.5, ">=", None, "binding"),
    (4, "能源综合生产能力", "亿吨标准煤", "per_year_bound", 46.0, ">=", None, "binding"),
]
COMPOSED_HEADER = ["指标", "2020年", "“十四五”目标/2025年", "“十四五”目标/年均[累计]", "属性"]


def test_two_header_rows_of_a_text_export_whose_second_row_holds_only_the_cells_under_the_merged_one():
    built, indicators = read(
        [["指标", "2020年", "“十四五”目标", "属性"], ["2025年", "年均[累计]"], *NATIONAL_BODY]
    )
    assert built.header == COMPOSED_HEADER
    assert built.kind == "indicators"
    assert built.row_lines == [12, 13, 14, 15]
    assert facts(indicators) == NATIONAL_EXPECTED


def test_two_header_rows_of_a_docx_where_merged_cells_repeat():
    built, indicators = read(
        [
            ["指标", "2020年", "“十四五”目标", "“十四五”目标", "属性"],
            ["指标", "2020年", "2025年", "年均[累计]", "属性"],
            *NATIONAL_BODY,
        ]
    )
    assert built.header == COMPOSED_HEADER
    assert facts(indicators) == NATIONAL_EXPECTED


def test_two_header_rows_where_the_merged_cell_stands_once_and_vertical_merges_are_empty():
    built, indicators = read(
        [["指标", "2020年", "“十四五”目标", "属性"], ["", "", "2025年", "年均[累计]", ""], *NATIONAL_BODY]
    )
    assert built.header == COMPOSED_HEADER
    assert facts(indicators) == NATIONAL_EXPECTED


def test_a_15th_plan_table_with_a_category_column_merged_down_2025_base_and_2030_target():
    built, indicators = read(
        [
            ["类别", "指标", "2025年", "2030年", "年均/累计", "属性"],
            ["经济发展", "1.地区生产总值增长（%）", "5.0", "—", "5左右", "预期性"],
            ["", "2.研发经费投入强度（%）①", "2.68*", "3.2", "—", "预期性"],
            ["绿色低碳", "3.森林覆盖率（%）", "25.1", "26", "—", "约束性"],
        ],
        period=(2026, 2030),
    )
    assert [i.category for i in indicators] == ["经济发展", "经济发展", "绿色低碳"]
    assert {i.target_year for i in indicators} == {2030}
    # 2.68* is the value of 2024, the year before the base year 2025.
    assert facts(indicators) == [
        (1, "地区生产总值增长", "%", "annual_growth_rate", 5.0, "~", (5.0, 2025), "expected"),
        (2, "研发经费投入强度", "%", "share", 3.2, ">=", (2.68, 2024), "expected"),
        (3, "森林覆盖率", "%", "share", 26.0, ">=", (25.1, 2025), "binding"),
    ]


def test_a_district_table_with_area_number_unit_base_target_and_growth_columns():
    built, indicators = read(
        [
            ["领域", "序号", "指标名称", "单位", "基期值", "目标值", "年均增速", "指标属性"],
            ["经济", "1", "地区生产总值", "亿元", "1500", "2100", "7%左右", "预期性"],
            ["", "2", "一般公共预算收入¹", "亿元", "120", "150", "—", "预期性"],
            ["民生", "3", "人均预期寿命", "岁", "81.5", "〔1〕", "—", "约束性"],
        ]
    )
    assert [i.category for i in indicators] == ["经济", "经济", "民生"]
    assert facts(indicators) == [
        (1, "地区生产总值", "亿元", "level", 2100.0, ">=", (1500.0, 2020), "expected"),
        (2, "一般公共预算收入", "亿元", "level", 150.0, ">=", (120.0, 2020), "expected"),
        (3, "人均预期寿命", "岁", "cumulative", 1.0, ">=", (81.5, 2020), "binding"),
    ]


def test_a_unit_stated_once_in_a_title_row_applies_to_every_row_without_its_own():
    built, indicators = read(
        [
            ["单位：%"],
            ["指标", "2020年", "2025年", "属性"],
            ["常住人口城镇化率", "60", "65", "预期性"],
            ["城镇调查失业率*", "5.2", "<5.5", "约束性"],
        ]
    )
    assert built.caption == "单位：%"
    assert built.header == ["指标", "2020年", "2025年", "属性"]
    assert facts(indicators) == [
        (1, "常住人口城镇化率", "%", "share", 65.0, ">=", (60.0, 2020), "expected"),
        (2, "城镇调查失业率", "%", "per_year_bound", 5.5, "<=", (5.2, 2020), "binding"),
    ]


def test_footnote_marks_of_every_form_are_never_part_of_the_name_or_the_target():
    _, indicators = read(
        [
            ["序号", "指标", "单位", "2025年目标", "属性"],
            ["1", "每万人口发明专利拥有量[2]", "件", "60①", "预期性"],
            ["2", "数字经济核心产业增加值占比②", "%", "10[footnoteRef:3]", "预期性"],
            ["3", "人均GDP*", "万元", "12³", "预期性"],
        ]
    )
    assert [(i.name, i.target.value) for i in indicators] == [
        ("每万人口发明专利拥有量", 60.0),
        ("数字经济核心产业增加值占比", 10.0),
        ("人均GDP", 12.0),
    ]


def test_a_cumulative_target_in_square_brackets_is_not_taken_for_a_footnote_mark():
    _, indicators = read([["指标", "2025年", "属性"], ["新增城镇就业（万人）", "[20]", "预期性"]])
    assert facts(indicators) == [(1, "新增城镇就业", "万人", "cumulative", 20.0, ">=", None, "expected")]


def test_a_row_that_disagrees_with_the_header_is_read_and_named_in_a_chinese_warning():
    built = table(
        [
            ["指标", "2020年", "2025年", "属性"],
            ["常住人口城镇化率", "60", "65", "预期性"],
            ["城镇调查失业率", "5.2", "<5.5"],
            ["森林覆盖率", "40", "45", "约束性"],
        ]
    )
    plan = Plan("测试规划", 2021, 2025, tables=[built])
    indicators = extract_indicators(plan)
    assert [(i.name, i.target.value, i.attribute) for i in indicators] == [
        ("常住人口城镇化率", 65.0, "expected"),
        ("城镇调查失业率", 5.5, "unstated"),  # the short row has no 属性 cell
        ("森林覆盖率", 45.0, "binding"),
    ]
    assert plan.warnings == [
        "第12行：表格的这一行有3个单元格，表头有4列，已尽量按列读取，请核对",
        "第12行：指标“城镇调查失业率”未标明属性（预期性/约束性），请在指标核对页按纲要确认",
    ]


def test_the_main_table_is_found_by_its_content_whatever_its_caption():
    box_table = table([["指标", "2025年目标"], ["新建学校（所）", "5"]], caption="专栏3 教育重点指标")
    main = table(
        [
            ["指标", "2020年", "2025年", "属性"],
            ["常住人口城镇化率", "60", "65", "预期性"],
            ["森林覆盖率", "40", "45", "约束性"],
        ]
    )
    projects = table([["项目名称", "建设内容"], ["松江枢纽", "新建站房"], ["云间中学", "新建校舍"]])
    plan = Plan("测试规划", 2021, 2025, tables=[box_table, projects, main])
    assert [t.kind for t in plan.tables] == ["indicators", "projects", "indicators"]
    assert main_indicator_table(plan) is main


def test_a_docx_table_with_real_merged_cells_reads_like_its_text_export(tmp_path):
    from docx import Document

    from planwatch.reading import read_plan

    document = Document()
    document.add_paragraph("某省国民经济和社会发展第十四个五年规划纲要")
    document.add_paragraph("第一章  主要目标")
    document.add_paragraph("“十四五”时期经济社会发展主要指标")
    rows = [
        ["指标", "2020年", "“十四五”目标", "", "属性"],
        ["", "", "2025年", "年均[累计]", ""],
        *NATIONAL_BODY,
    ]
    grid = document.add_table(rows=len(rows), cols=5)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                grid.cell(i, j).text = text
    grid.cell(0, 2).merge(grid.cell(0, 3))  # “十四五”目标 over 2025年 and 年均[累计]
    for column in (0, 1, 4):  # 指标, 2020年, 属性 down both header rows
        grid.cell(0, column).merge(grid.cell(1, column))
    path = tmp_path / "merged.docx"
    document.save(path)
    plan = read_plan(path)
    assert plan.tables[0].header == COMPOSED_HEADER
    assert facts(plan.indicators) == NATIONAL_EXPECTED


NOTED = """某省国民经济和社会发展第十四个五年规划纲要
第一章  主要目标
“十四五”时期经济社会发展主要指标
\t指标
\t2020年
\t2025年
\t完成部门
\t属性

\t1.常住人口城镇化率（%）
\t60.6*
\t65
\t省发展改革委
\t预期性

\t2.森林覆盖率（%）
\t23.2
\t24.1
\t省林业局
\t约束性

注：①〔〕内为五年累计数；②带*的为2018年数据。
"""


def test_the_note_under_the_table_says_which_year_a_starred_base_value_is_for():
    from planwatch.document.text_reader import parse_text
    from planwatch.plan.structure import build_plan

    plan = build_plan(parse_text(NOTED))
    indicators = extract_indicators(plan)
    assert [(i.name, i.baseline.value, i.baseline.year) for i in indicators] == [
        ("常住人口城镇化率", 60.6, 2018),
        ("森林覆盖率", 23.2, 2020),
    ]
    # The 完成部门 column is none of the indicator columns: it is named, with the table's line.
    assert "第4行：主要指标表的“完成部门”列未能识别，已忽略" in plan.warnings


def test_a_table_of_how_the_last_plan_ended_is_neither_the_main_table_nor_the_period():
    from planwatch.plan.tables import period_from_tables

    ended = table(
        [
            ["指标", "2020年", "2025年目标", "2025年实际", "属性"],
            ["常住人口城镇化率（%）", "60", "65", "66.2", "预期性"],
            ["森林覆盖率（%）", "30", "31", "31.2", "约束性"],
            ["研发经费投入强度（%）", "2.1", "2.5", "2.6", "预期性"],
        ],
        caption="“十四五”规划主要指标完成情况",
    )
    main = table(
        [
            ["指标", "2025年", "2030年", "属性"],
            ["常住人口城镇化率（%）", "66.2", "70", "预期性"],
            ["森林覆盖率（%）", "31.2", "32", "约束性"],
        ],
        caption="“十五五”主要指标",
    )
    assert period_from_tables([ended, main]) == (2026, 2030)
    plan = Plan("测试规划", 2026, 2030, tables=[ended, main])
    assert main_indicator_table(plan) is main
    assert [
        (i.name, i.target.value, i.baseline.value, i.baseline.year, i.target_year)
        for i in extract_indicators(plan)
    ] == [
        ("常住人口城镇化率", 70.0, 66.2, 2025, 2030),
        ("森林覆盖率", 32.0, 31.2, 2025, 2030),
    ]


def test_a_row_missing_its_base_value_keeps_its_target_and_attribute_in_their_columns():
    built = table(
        [
            ["指标", "2020年", "2025年", "属性"],
            ["常住人口城镇化率", "60", "65", "预期性"],
            ["城镇调查失业率", "<5.5", "约束性"],
        ]
    )
    plan = Plan("测试规划", 2021, 2025, tables=[built])
    indicators = extract_indicators(plan)
    assert [(i.name, i.target.value, i.target.comparator, i.baseline, i.attribute) for i in indicators][
        1
    ] == (
        "城镇调查失业率",
        5.5,
        "<=",
        None,
        "binding",
    )
    assert plan.warnings == ["第12行：表格的这一行有3个单元格，表头有4列，已尽量按列读取，请核对"]
