"""Tables of the plan: caption, kind, header (one or more header rows made into one), category cells carried down.

Indicator tables come in many layouts (PLAN-FORMS.md §3). A header may take two rows with a merged cell
(`指标 | 2020年 | “十四五”目标 | 属性` over `| | 2025年 | 年均[累计] |`): in a .docx the merged cells repeat or
stand once, in a text export the header rows have fewer cells than the body rows. Either way the header becomes
one cell per body column, a merged cell's text joined to the text under it (`“十四五”目标/2025年`).
"""

from __future__ import annotations

import re
from collections import Counter

from planwatch.document import model as doc
from planwatch.plan.headings import TABLE_CAPTION
from planwatch.plan.model import Table

_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\s*\d{1,9}\]")
_CAPTION_WORDS = ("指标", "项目", "一览表", "清单", "任务", "目标")
# Words of a header cell; a row whose every filled cell is one of these continues the header.
_HEADER_CELL = re.compile(
    r"(?:19|20)\d{2}\s*年|年均|累计|目标|属性|单位|基期|序号|编号|指标|类别|领域|维度|增速|增长率|期末|现状|"
    r"规划值|预期值|绝对值|数值|备注|“[一二三四五六七八九十]+五”"
)
_ATTRIBUTE_CELL = re.compile(r"^(?:预期性|约束性)")
# Cells that name one column of their own, never a merged group over several.
_LEAF_CELL = re.compile(r"序号|编号|指标|类别|领域|维度|单位|属性|备注|说明|责任")
# A group over several columns: “十四五”目标, 规划目标, 2025年目标 over 目标值 | 年均增速.
_GROUP_CELL = re.compile(r"目标|规划|“[一二三四五六七八九十]+五”|期末|预期")
_NUMERIC_CELL = re.compile(r"^[-+<>≤≥＜＞〔［\[]*\s*\d+(?:\.\d+)?(?![\d.]|\s*年)")
_UNIT_NOTE = re.compile(r"^[（(]?\s*单位\s*[:：]\s*(?P<unit>[^）)]+?)\s*[）)]?$")
_CATEGORY_HEADER = re.compile(r"类别|领域|维度|方面|分类")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def normalise_cell(text: str) -> str:
    """Cell text with export markers and the typographic padding between Chinese characters removed."""
    return _CJK_SPACE.sub("", _FOOTNOTE_REF.sub("", text).strip())


def is_caption(text: str) -> bool:
    """Whether the paragraph just before a table is its caption (表1 …, …主要指标, …重点项目)."""
    if TABLE_CAPTION.match(text):
        return True
    return (
        len(text) <= 60 and not text.endswith(("。", "；", "：")) and any(w in text for w in _CAPTION_WORDS)
    )


def table_kind(header: list[str], rows: list[list[str]] | None = None) -> str:
    """`indicators` when the table holds indicators (指标 with 属性/目标/year columns, or rows of 预期性/约束性)."""
    joined = "".join(header)
    has_target = "属性" in joined or "目标" in joined or bool(re.search(r"\d{4}年", joined))
    if "指标" in joined and has_target:
        return "indicators"
    attributes = sum(1 for row in rows or [] if any(_ATTRIBUTE_CELL.match(cell) for cell in row))
    if rows and has_target and attributes * 2 >= len(rows):
        return "indicators"
    if "项目" in joined:
        return "projects"
    return "other"


def _is_header_row(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    return bool(filled) and all(
        _HEADER_CELL.search(cell) and not _NUMERIC_CELL.match(cell) and not _ATTRIBUTE_CELL.match(cell)
        for cell in filled
    )


def _join(top: str, sub: str) -> str:
    if not sub or sub == top:
        return top
    if not top:
        return sub
    return f"{top}/{sub}"


def _group_columns(top: list[str], groups: int) -> list[int]:
    """Which cells of a short top row are merged over several columns: group words first, then the rightmost."""
    candidates = [i for i, cell in enumerate(top) if cell and not _LEAF_CELL.search(cell)]
    ranked = sorted(candidates, key=lambda i: (not _GROUP_CELL.search(top[i]), -i))
    return sorted(ranked[:groups])


def _spread(top: list[str], sub: list[str], width: int) -> list[tuple[str, str]] | None:
    """Pairs (merged cell, cell under it) for each of `width` columns, or None when the rows cannot be aligned."""
    if len(sub) == width and len(top) == width:
        return list(zip(top, sub, strict=True))
    if len(sub) == width:
        # The top row has its merged cells once: a top cell spans the run of filled cells under it.
        pairs, p, budget = [], 0, width - len(top)
        for j in range(width):
            pairs.append((top[p] if p < len(top) else "", sub[j]))
            spans = budget > 0 and p < len(top) and not _LEAF_CELL.search(top[p])
            if spans and sub[j] and j + 1 < width and sub[j + 1]:
                budget -= 1
            else:
                p += 1
        return pairs if budget == 0 else None
    filled = [cell for cell in sub if cell]
    if len(top) == width:
        # Merged cells repeat in the top row (a .docx): the cells under them fill the repeated runs.
        runs = [
            j
            for j in range(width)
            if (j > 0 and top[j] == top[j - 1]) or (j + 1 < width and top[j] == top[j + 1])
        ]
        if len(runs) != len(filled):
            return None
        under = dict(zip(runs, filled, strict=True))
        return [(top[j], under.get(j, "")) for j in range(width)]
    groups = len(filled) - (width - len(top))
    if groups <= 0 or len(filled) % groups:
        return None
    span = len(filled) // groups
    merged = _group_columns(top, groups)
    if len(merged) != groups:
        return None
    pairs, subs = [], iter(filled)
    for i, cell in enumerate(top):
        pairs += [(cell, next(subs)) for _ in range(span)] if i in merged else [(cell, "")]
    return pairs


def compose_header(header_rows: list[list[str]], width: int) -> tuple[list[str], bool]:
    """One header cell per body column from one or more header rows; False when the rows could not be aligned."""
    header = list(header_rows[0])
    aligned = True
    for sub in header_rows[1:]:
        pairs = _spread(header, sub, width)
        if pairs is None:
            aligned = False
            continue
        header = [_join(top, cell) for top, cell in pairs]
    return header, aligned and len(header) == width


def _body_width(rows: list[list[str]], fallback: int) -> int:
    counts = Counter(len(row) for row in rows)
    return max(counts, key=lambda n: (counts[n], n)) if counts else fallback


def _title_row(cells: list[str]) -> str | None:
    """A first row with one filled cell: a title (主要指标) or a unit note (单位：%) spanning the table."""
    filled = [cell for cell in cells if cell]
    if len(filled) == 1 and (len(cells) == 1 or not _HEADER_CELL.fullmatch(filled[0])):
        return filled[0]
    return None


def build_table(table: doc.Table, caption: str | None, chapter: int | None) -> Table:
    texts = [[normalise_cell(cell.text) for cell in row] for row in table.rows]
    lines = [row[0].line if row else table.line for row in table.rows]
    start = 0
    while start < len(texts) - 1 and _title_row(texts[start]) and len(texts[start]) < max(map(len, texts)):
        note = _title_row(texts[start])
        caption = f"{caption}（{note}）" if caption and _UNIT_NOTE.match(note) else caption or note
        start += 1
    end = start + 1 if start < len(texts) else start
    while end < len(texts) and _is_header_row(texts[end]):
        end += 1
    header_rows, body = texts[start:end], texts[end:]
    width = _body_width(body, max((len(r) for r in header_rows), default=0))
    header, _ = compose_header(header_rows, width) if header_rows else ([], True)
    category = next((i for i, cell in enumerate(header) if _CATEGORY_HEADER.search(cell)), None)
    if category is None and header and not header[0]:
        category = 0
    rows: list[list[str]] = []
    for cells in body:
        cells = list(cells)
        if category == 0 and len(cells) == width - 1:
            cells.insert(0, "")  # the export left out the merged category cell
        # A merged category cell is exported once, then left empty on the rows it spans.
        carried = category if category is not None else 0
        if rows and carried < len(cells) and not cells[carried] and carried < len(rows[-1]):
            cells[carried] = rows[-1][carried]
        rows.append(cells)
    return Table(
        caption=caption,
        kind=table_kind(header, rows),
        header=header,
        rows=rows,
        line=table.line,
        chapter=chapter,
        row_lines=lines[end:],
    )


def header_unit(table: Table) -> str | None:
    """The unit a table states once for all its rows (单位：% in its caption, a title row or a header cell)."""
    for text in [table.caption or "", *table.header]:
        match = re.search(r"单位\s*[:：]\s*([^）)，,；;\s]+)", text)
        if match:
            return match.group(1)
    return None


def table_warnings(table: Table) -> list[str]:
    """Rows whose cells disagree with the header, each named by its line (read as well as they can be)."""
    warnings = []
    for cells, line in zip(table.rows, table.row_lines, strict=False):
        if len(cells) != len(table.header):
            warnings.append(
                f"第{line}行：表格的这一行有{len(cells)}个单元格，表头有{len(table.header)}列，已尽量按列读取，请核对"
            )
    return warnings


def period_from_tables(tables: list[Table]) -> tuple[int, int] | None:
    """The plan period an indicator table's column years state: 2025 base and 2030 target are 2026–2030.

    A plan may also table how the last plan's indicators ended (2020 | 2025年目标 | 2025年实际): of all its
    indicator tables, the one that reaches furthest names the plan's own period."""
    ends = [end for table in tables if table.kind == "indicators" and (end := table_end_year(table))]
    return (max(ends) - 4, max(ends)) if ends else None


def table_end_year(table: Table) -> int | None:
    """The target year of a table's columns: a year marked 目标, else a year five after another column's."""
    years = {int(y) for cell in table.header for y in _YEAR.findall(cell)}
    targets = sorted(
        int(y) for cell in table.header for y in re.findall(r"((?:19|20)\d{2})\s*年\s*目标", cell)
    )
    ends = targets or sorted(y for y in years if y % 5 == 0 and y - 5 in years)
    return ends[0] if ends else None
