"""The report's data as an Excel workbook: a 说明 sheet, then one sheet per table (indicators, observations,
projects, tasks), header rows frozen, and text that Excel would read as a formula neutralised."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from planwatch.report.model import ILLUSTRATIVE_MARK, Marked, Report, Table

# A cell starting with one of these is a formula (or DDE) to Excel: prefix it with an apostrophe (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(name="黑体", bold=True)
_BODY_FONT = Font(name="仿宋_GB2312")
_HEADER_FILL = PatternFill("solid", fgColor="E7EEF7")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHEET_ORDER = ("indicators", "observations", "projects", "tasks")


def neutralise(value):
    """Text that would start a formula gets a leading apostrophe; numbers, dates and None pass through."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _width(values: list) -> float:
    longest = 0
    for value in values:
        value = value.value if isinstance(value, Marked) else value
        text = "" if value is None else str(value)
        # CJK characters are about two columns wide
        longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))
    return min(max(longest + 2, 6), 60)


def _sheet(workbook: Workbook, table: Table) -> None:
    sheet = workbook.create_sheet(table.sheet)
    header = table.sheet_header or table.header
    values = table.values if table.values is not None else table.rows
    sheet.append([neutralise(cell) for cell in header])
    marked: list[tuple[int, int]] = []
    for row_index, row in enumerate(values, 2):
        marked += [(row_index, i + 1) for i, cell in enumerate(row) if isinstance(cell, Marked)]
        sheet.append([neutralise(cell.value if isinstance(cell, Marked) else cell) for cell in row])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = _BODY_FONT
            cell.border = _BORDER
            cell.alignment = Alignment(
                vertical="top", wrap_text=isinstance(cell.value, str) and len(cell.value) > 20
            )
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float) and header[cell.column - 1] == "完成进度":
                cell.number_format = "0.0%"
    for row_index, column_index in marked:
        # the number stays a number; the cell shows ※ beside it (ILLUSTRATIVE_MARK)
        cell = sheet.cell(row=row_index, column=column_index)
        base = cell.number_format if cell.number_format != "General" else "General"
        cell.number_format = f'{base}"{ILLUSTRATIVE_MARK}"'
    for index in range(1, len(header) + 1):
        column = [header[index - 1]] + [row[index - 1] if index - 1 < len(row) else None for row in values]
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    sheet.freeze_panes = "B2" if table.key in ("indicators", "observations") else "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if table.note:
        sheet.cell(row=len(values) + 3, column=1, value=neutralise(table.note)).font = _BODY_FONT


def write_xlsx(report: Report) -> bytes:
    """The workbook as .xlsx bytes."""
    workbook = Workbook()
    about = workbook.active
    about.title = "说明"
    lines = [
        report.title_page.title,
        report.title_page.subtitle or "",
        "",
        "总体情况",
        report.summary,
        *report.title_page.notices,
    ]
    for line in lines:
        about.append([neutralise(line)])
    about["A1"].font = Font(name="方正小标宋简体", size=14, bold=True)
    about["A4"].font = _HEADER_FONT
    about.column_dimensions["A"].width = 120
    for row in about.iter_rows(min_row=5):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    tables = {table.key: table for table in report.tables() if table.sheet}
    for key in [*_SHEET_ORDER, *sorted(set(tables) - set(_SHEET_ORDER))]:
        if key in tables:
            _sheet(workbook, tables[key])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
