"""Hostile worksheet shapes: each is refused (or read) quickly, in little memory, with a Chinese message naming
the file and row, by the one streaming reader every spreadsheet upload goes through."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.document.spreadsheet import CellError, SpreadsheetError, iter_xlsx_rows
from planwatch.errors import PlanFormatError
from tests.document.xlsx_builder import row, xlsx
from tests.hardening.fuzzing import fuzz, time_limit

MB = 1024 * 1024


def _read(package, **caps) -> list:
    return list(iter_xlsx_rows(package, name="hostile.xlsx", **caps))


def _refusal(package, seconds: float = 5, **caps) -> tuple[SpreadsheetError, int]:
    """The error and the peak memory (bytes) spent before it."""
    tracemalloc.start()
    try:
        with time_limit(seconds), pytest.raises(SpreadsheetError) as caught:
            _read(package, **caps)
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_single_row_numbered_ten_million_is_refused_naming_the_row():
    error, peak = _refusal(xlsx(row(1, "'序号") + row(10_000_000, "1")))
    assert error.row == 10_000_000
    assert str(error) == "hostile.xlsx第10000000行：超过 20,000 行的上限，请拆分文件"
    assert peak < 5 * MB


def test_a_declared_dimension_of_sixteen_thousand_columns_is_refused_before_any_row():
    error, peak = _refusal(xlsx(row(1, "1"), dimension="A1:XFD6000"))
    assert error.row is None
    assert "6,000 行 × 16,384 列" in str(error) and str(error).startswith("hostile.xlsx：")
    assert peak < 5 * MB


def test_three_hundred_thousand_and_one_rows_are_refused_at_the_first_row_over_the_cap():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 300_002))
    error, peak = _refusal(xlsx(rows), seconds=30)  # tracing slows it about fivefold (0.6 s untraced here)
    assert error.row == 20_002
    assert peak < 10 * MB  # the 14 MB sheet is never held whole: not by the package check, not by the reader
    assert "超过 20,000 行的上限" in str(error)


def test_a_cell_in_column_xfd_is_refused_naming_its_row():
    error, peak = _refusal(xlsx('<row r="3"><c r="XFD3"><v>1</v></c></row>'))
    assert (error.row, error.reason) == (3, "第16,384列超过 64 列的上限，拒绝读取")
    assert peak < 5 * MB


def test_a_cell_longer_than_the_cap_is_refused():
    error, _ = _refusal(xlsx(row(2, "'" + "长" * 5_001)))
    assert (error.row, error.reason) == (2, "单元格超过 5,000 个字符，拒绝读取")


def test_a_shared_string_longer_than_the_cap_is_refused_where_it_is_used():
    error, _ = _refusal(xlsx('<row r="4"><c r="A4" t="s"><v>0</v></c></row>', shared=["x" * 6_000]))
    assert error.row == 4 and "5,000 个字符" in error.reason


def test_rows_numbered_backwards_are_refused():
    error, _ = _refusal(xlsx(row(5, "1") + row(2, "1")))
    assert error.row == 6 and "行号“2”无效" in error.reason


def test_nan_true_and_error_cells_are_read_as_values_the_caller_can_refuse():
    cells = (
        '<row r="1"><c r="A1"><v>NaN</v></c><c r="B1" t="b"><v>1</v></c>'
        '<c r="C1" t="e"><v>#DIV/0!</v></c><c r="E1"><v>inf</v></c><c r="F1"><v>2.5</v></c></row>'
    )
    [(number, values)] = _read(xlsx(cells))
    assert number == 1
    assert values == ["NaN", True, "#DIV/0!", None, "inf", 2.5]
    assert isinstance(values[2], CellError)


def test_gaps_between_rows_are_not_filled_in():
    assert _read(xlsx(row(1, "'a") + row(9_000, "'b"))) == [(1, ["a"]), (9_000, ["b"])]


def test_a_worksheet_part_not_named_xml_with_entities_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
    )
    package = xlsx("", sheet_part="worksheets/sheet1.bin")
    import io
    import zipfile

    rebuilt = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for info in source.infolist():
            data = bomb if info.filename.endswith("sheet1.bin") else source.read(info)
            target.writestr(info.filename, data)
    rebuilt.seek(0)
    with pytest.raises(PlanFormatError) as caught:
        _read(rebuilt)
    assert caught.value.reason == (
        "part xl/worksheets/sheet1.bin declares a DOCTYPE or XML entities, which Word and Excel never write; "
        "refusing to read it"
    )


@fuzz(60)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=2**40),
            st.lists(st.tuples(st.integers(min_value=1, max_value=20_000), st.text(max_size=30)), max_size=5),
        ),
        max_size=8,
    ),
    dimension=st.one_of(st.none(), st.text(alphabet="A:1XFD0", max_size=12)),
)
def test_any_sheet_shape_is_read_or_refused_with_a_spreadsheet_error(rows, dimension):
    from xml.sax.saxutils import escape

    def column(n: int) -> str:
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        return letters

    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(t)}</t></is></c>'
            for c, t in cells
            if all(ch.isprintable() for ch in t)
        )
        + "</row>"
        for r, cells in rows
    )
    tracemalloc.start()
    try:
        with time_limit(5):
            try:
                read = _read(xlsx(body, dimension=dimension or None))
            except SpreadsheetError as error:
                assert str(error).startswith("hostile.xlsx")
            else:
                assert all(number <= 20_001 and len(values) <= 64 for number, values in read)
        assert tracemalloc.get_traced_memory()[1] < 20 * MB
    finally:
        tracemalloc.stop()
