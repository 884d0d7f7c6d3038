"""Tables of the plan: caption, kind, normalised header, and category cells carried down."""

from __future__ import annotations

import re

from planwatch.document import model as doc
from planwatch.plan.headings import TABLE_CAPTION
from planwatch.plan.model import Table

_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_CAPTION_WORDS = ("指标", "项目", "一览表", "清单", "任务", "目标")


def normalise_cell(text: str) -> str:
    """Cell text with the typographic padding between Chinese characters removed (类  别 → 类别)."""
    return _CJK_SPACE.sub("", text.strip())


def is_caption(text: str) -> bool:
    """Whether the paragraph just before a table is its caption (表1 …, …主要指标, …重点项目)."""
    if TABLE_CAPTION.match(text):
        return True
    return (
        len(text) <= 60 and not text.endswith(("。", "；", "：")) and any(w in text for w in _CAPTION_WORDS)
    )


def table_kind(header: list[str]) -> str:
    joined = "".join(header)
    if "指标" in joined and ("属性" in joined or "目标" in joined or re.search(r"\d{4}年", joined)):
        return "indicators"
    if "项目" in joined:
        return "projects"
    return "other"


def build_table(table: doc.Table, caption: str | None, chapter: int | None) -> Table:
    header = [normalise_cell(cell.text) for cell in table.rows[0]] if table.rows else []
    rows: list[list[str]] = []
    for row in table.rows[1:]:
        cells = [normalise_cell(cell.text) for cell in row]
        # A merged category cell is exported once, then left empty on the rows it spans.
        if rows and cells and not cells[0]:
            cells[0] = rows[-1][0]
        rows.append(cells)
    return Table(
        caption=caption,
        kind=table_kind(header),
        header=header,
        rows=rows,
        line=table.line,
        chapter=chapter,
        row_lines=[row[0].line if row else table.line for row in table.rows[1:]],
    )
