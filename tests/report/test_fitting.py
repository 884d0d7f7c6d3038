"""Table columns fit what must not break: a number with its unit stays on one line in every writer."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from planwatch.report import style
from planwatch.report.fitting import fitted_widths, text_width_mm, unbreakable
from planwatch.report.html_writer import _table
from planwatch.report.model import Table

HEADER = ["序号", "指标", "基期值", "评价"]
ROWS = [["1", "地区生产总值年均增长率", "4%（2020年:1637.11亿元）", "滞后于预期※"]]


def test_a_number_keeps_its_unit_and_mark():
    assert unbreakable("4%（2020年:1637.11亿元）") == ["4%", "2020年", "1637.11亿元"]
    assert unbreakable("年均4.4%※，较上年-1.5个百分点") == ["4.4%※", "-1.5个百分点"]


def test_a_narrow_column_widens_to_its_longest_number_and_the_others_give_way():
    widths = fitted_widths([1.0, 6.0, 1.0, 2.0], HEADER, ROWS)  # 基期值 designed 1/10 of 156 mm = 15.6 mm
    # 1637.11亿元: 7 Latin characters of 0.55 em and 2 CJK of 1 em at 10.5 pt, plus 2.4 mm padding = 24.1 mm
    assert widths[2] == pytest.approx((7 * 0.55 + 2) * 10.5 * 25.4 / 72 + 2.4)
    assert sum(widths) == pytest.approx(style.TEXT_WIDTH)
    # the 8.5 mm come from the other columns in proportion to their room beyond a two-character header (9.81 mm)
    header = 2 * 10.5 * 25.4 / 72 + 2.4
    room = [15.6 - header, 93.6 - header, 31.2 - header]
    taken = (widths[2] - 15.6) / sum(room)
    assert [widths[0], widths[1], widths[3]] == pytest.approx(
        [d - r * taken for d, r in zip([15.6, 93.6, 31.2], room, strict=True)]
    )


def test_columns_that_already_fit_keep_the_design():
    widths = fitted_widths([1.0, 3.0], ["序号", "指标"], [["1", "国内生产总值"]], total_mm=100)
    assert widths == pytest.approx([25.0, 75.0])


def test_html_cells_keep_numbers_unbreakable():
    html = _table(Table("t", "表1", HEADER, ROWS, [1.0, 3.5, 1.3, 2.3], align="clcc"))
    assert '<span class="n">1637.11亿元</span>' in html
    assert "1637.11亿元" not in html.replace('<span class="n">1637.11亿元</span>', "")


def test_the_html_style_sheet_does_not_wrap_number_spans():
    from planwatch.report.html_writer import stylesheet

    assert ".n { white-space: nowrap; }" in stylesheet()


def test_the_docx_indicator_table_fits_its_longest_base_value(midterm_docx, midterm_report):
    table = next(b for b in midterm_report.blocks if isinstance(b, Table) and b.key == "indicators")
    column = table.header.index("基期值")
    longest = max((run for row in table.rows for run in unbreakable(row[column])), key=text_width_mm)
    printed = next(t for t in Document(io.BytesIO(midterm_docx)).tables if t.cell(0, column).text == "基期值")
    grid = printed._tbl.tblGrid.findall(qn("w:gridCol"))
    assert int(grid[column].get(qn("w:w"))) / 1440 * 25.4 >= text_width_mm(longest) + 2.4 - 0.1
    expected = fitted_widths(table.widths, table.header, table.rows)
    assert [int(g.get(qn("w:w"))) for g in grid] == [int(w / 25.4 * 1440) for w in expected]
