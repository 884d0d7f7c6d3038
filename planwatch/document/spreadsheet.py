"""Rows of an .xlsx worksheet, streamed from its XML with caps checked before anything grows with the sheet.

openpyxl pads every gap it is told about (a row at r="10000000", a `<dimension ref="A1:XFD6000">`) with empty
cells, so a 2 KB file can cost minutes and gigabytes. Here only the rows and cells actually written are read,
the declared size and every row and cell position are checked against the caps first, and an element is freed
as soon as it has been read.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from planwatch.document.package import check_package
from planwatch.errors import PlanWatchError

MAX_ROWS = 20_000  # a department's template has a few dozen rows; a whole observations file a few thousand
MAX_COLUMNS = 64
MAX_CELL_CHARS = 5_000
MAX_SHARED_STRINGS = 200_000

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]{1,7})([0-9]{1,12})?$")


# A cell starting with one of these is a formula (or DDE) to Excel: prefix it with an apostrophe (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that would start a formula gets a leading apostrophe; numbers, dates and None pass through.

    The one rule for every workbook the system writes (reports, exports, templates)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetError(PlanWatchError):
    """A workbook that cannot be read safely: names the file and, where there is one, the row."""

    def __init__(self, message: str, *, name: str, row: int | None = None):
        self.name = name
        self.row = row
        self.reason = message
        where = f"{name}第{row}行" if row is not None else name
        super().__init__(f"{where}：{message}")


class CellError(str):
    """A cell holding an Excel error value (#DIV/0!, #N/A, …), kept apart from text that looks the same."""


def iter_xlsx_rows(
    source: str | IO[bytes],
    *,
    name: str,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_cell_chars: int = MAX_CELL_CHARS,
    kind: str = "Excel .xlsx",
) -> Iterator[tuple[int, list]]:
    """Yield `(row_number, values)` for each written row of the sheet named `sheet` (else the first one).

    Values are str, float (finite only; NaN and infinities come as their text), bool, CellError or None.
    A package that is not a safe zip of XML (zip bomb, DOCTYPE, damaged) raises PlanFormatError first.
    """
    check_package(source, ("[Content_Types].xml", "xl/workbook.xml"), kind, prolog_only=True)
    if hasattr(source, "seek"):
        source.seek(0)
    with zipfile.ZipFile(source) as archive:
        part = _sheet_part(archive, sheet, name)
        strings = _shared_strings(archive, name, max_cell_chars)
        with archive.open(part) as stream:
            yield from _rows(stream, strings, name, max_rows, max_columns, max_cell_chars)


def column_index(letters: str) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _events(
    stream: IO[bytes], tags: tuple[str, ...], name: str, part: str, events: tuple[str, ...] = ("end",)
) -> Iterator[tuple[str, etree._Element]]:
    parser = etree.iterparse(
        stream,
        events=events,
        tag=tuple(f"{{{_MAIN}}}{tag}" for tag in tags),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        yield from parser
    except etree.XMLSyntaxError as error:
        raise SpreadsheetError(f"工作表数据（{part}）已损坏：{error.msg}", name=name) from None


def _xml(archive: zipfile.ZipFile, part: str, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(part), etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        raise SpreadsheetError(f"缺少或损坏了 {part}，不是完整的 Excel 文件", name=name) from None


def _sheet_part(archive: zipfile.ZipFile, wanted: str | None, name: str) -> str:
    """The zip path of the sheet named `wanted`, else of the first sheet, through the workbook's relationships."""
    workbook = _xml(archive, "xl/workbook.xml", name)
    sheets = [
        (s.get("name"), s.get(f"{{{_REL}}}id")) for s in workbook.iter(f"{{{_MAIN}}}sheet") if s.get("name")
    ]
    if not sheets:
        raise SpreadsheetError("工作簿中没有工作表", name=name)
    relation = next((rid for title, rid in sheets if title == wanted), sheets[0][1])
    rels = _xml(archive, "xl/_rels/workbook.xml.rels", name)
    target = next(
        (r.get("Target") for r in rels.iter(f"{{{_PACKAGE_REL}}}Relationship") if r.get("Id") == relation),
        None,
    )
    if not target:
        raise SpreadsheetError("找不到工作表的数据部分", name=name)
    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    if part not in archive.namelist():
        raise SpreadsheetError(f"缺少工作表数据 {part}", name=name)
    return part


class _TooLong:
    def __init__(self, length: int):
        self.length = length


def _shared_strings(archive: zipfile.ZipFile, name: str, max_cell_chars: int) -> list:
    part = "xl/sharedStrings.xml"
    if part not in archive.namelist():
        return []
    strings: list = []
    with archive.open(part) as stream:
        for _, item in _events(stream, ("si",), name, part):
            if len(strings) >= MAX_SHARED_STRINGS:
                raise SpreadsheetError(f"共享文本超过 {MAX_SHARED_STRINGS:,} 条，拒绝读取", name=name)
            text = "".join(
                t.text or "" for t in item.iter(f"{{{_MAIN}}}t") if t.getparent().tag != f"{{{_MAIN}}}rPh"
            )
            strings.append(text if len(text) <= max_cell_chars else _TooLong(len(text)))
            item.clear()
    return strings


def _declared_size(element: etree._Element) -> tuple[int, int] | None:
    """(rows, columns) of a `<dimension ref="A1:XFD6000">`; None when it cannot be read."""
    last = (element.get("ref") or "").split(":")[-1].upper()
    match = _CELL_REF.match(last)
    if not match or not match.group(2):
        return None
    return int(match.group(2)), column_index(match.group(1))


def _rows(
    stream: IO[bytes], strings: list, name: str, max_rows: int, max_columns: int, max_cell_chars: int
) -> Iterator[tuple[int, list]]:
    """Rows as they end; each position is checked when its element starts or its cell ends, before it grows."""
    count = previous = number = 0
    values: list = []
    for event, element in _events(stream, ("dimension", "row", "c"), name, "worksheet", ("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if tag == "dimension" and event == "end":
            _check_declared_size(element, name, max_rows, max_columns)
        elif tag == "row" and event == "start":
            number = _row_number(element.get("r"), previous, name)
            count += 1
            if number > max_rows + 1 or count > max_rows + 1:
                raise SpreadsheetError(f"超过 {max_rows:,} 行的上限，请拆分文件", name=name, row=number)
            values = []
        elif tag == "c" and event == "end":
            _add_cell(values, element, number, strings, name, max_columns, max_cell_chars)
            element.clear()
        elif tag == "row" and event == "end":
            element.clear()
            while element.getprevious() is not None:  # drop rows already read from the tree
                del element.getparent()[0]
            previous = number
            yield number, values


def _check_declared_size(element: etree._Element, name: str, max_rows: int, max_columns: int) -> None:
    size = _declared_size(element)
    if size and (size[0] > max_rows + 1 or size[1] > max_columns):
        raise SpreadsheetError(
            f"工作表声明了 {size[0]:,} 行 × {size[1]:,} 列，超过上限（{max_rows:,} 行、{max_columns} 列），"
            "拒绝读取",
            name=name,
        )


def _row_number(text: str | None, previous: int, name: str) -> int:
    if text is None:
        return previous + 1
    if not text.isascii() or not text.isdigit() or len(text) > 12 or int(text) <= previous:
        raise SpreadsheetError(f"行号“{text[:20]}”无效（应为递增的正整数）", name=name, row=previous + 1)
    return int(text)


def _add_cell(
    values: list,
    cell: etree._Element,
    number: int,
    strings: list,
    name: str,
    max_columns: int,
    max_cell_chars: int,
) -> None:
    reference = (cell.get("r") or "").upper()
    match = _CELL_REF.match(reference)
    column = column_index(match.group(1)) if match else len(values) + 1
    if column > max_columns:
        raise SpreadsheetError(f"第{column:,}列超过 {max_columns} 列的上限，拒绝读取", name=name, row=number)
    if column <= len(values):
        raise SpreadsheetError(f"单元格 {reference[:20]} 重复或顺序错误", name=name, row=number)
    values.extend([None] * (column - len(values) - 1))
    values.append(_value(cell, strings, name, number, max_cell_chars))


def _value(cell: etree._Element, strings: list, name: str, row: int, max_cell_chars: int) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        text = "".join(t.text or "" for t in cell.iter(f"{{{_MAIN}}}t"))
    else:
        found = cell.find(f"{{{_MAIN}}}v")
        text = found.text if found is not None and found.text is not None else None
    if text is None:
        return None
    if len(text) > max_cell_chars:
        raise SpreadsheetError(f"单元格超过 {max_cell_chars:,} 个字符，拒绝读取", name=name, row=row)
    if kind == "s":
        index = int(text) if text.strip().isdigit() else -1
        if not 0 <= index < len(strings):
            raise SpreadsheetError(f"单元格引用了不存在的共享文本 {text[:20]}", name=name, row=row)
        shared = strings[index]
        if isinstance(shared, _TooLong):
            raise SpreadsheetError(f"单元格超过 {max_cell_chars:,} 个字符，拒绝读取", name=name, row=row)
        return shared
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "e":
        return CellError(text)
    if kind in ("str", "inlineStr"):
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text
