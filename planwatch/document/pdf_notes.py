"""Footnotes of a PDF page: notes in a smaller font at the foot of the page, marked 1. / ① / [1], and the raised
marks in the text that refer to them."""

from __future__ import annotations

import re
import statistics

_NOTE_MARK = re.compile(r"^\s*(?:\[(\d{1,2})\]|(\d{1,2})(?=[.、．\s]|[^\d.])[.、．]?|([①-⑳]))\s*")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def mark_key(text: str) -> str | None:
    """'1', '[1]', '①' → '1'; anything else None."""
    text = text.strip().strip("[]")
    if text.isdigit() and len(text) <= 2:
        return str(int(text))
    if len(text) == 1 and text in _CIRCLED:
        return str(_CIRCLED.index(text) + 1)
    return None


def split_notes(rows: list) -> tuple[list, list[tuple[str, list]]]:
    """(body rows, [(mark, rows of the note)]) of one page: the notes are the smaller rows at its foot."""
    if len(rows) < 2:
        return rows, []
    body_height = statistics.median(row.height for row in rows)
    start = len(rows)
    while start > 0 and rows[start - 1].height < 0.85 * body_height:
        start -= 1
    foot = rows[start:]
    first = next((i for i, row in enumerate(foot) if _NOTE_MARK.match(_text(row))), None)
    if first is None or start == 0:
        return rows, []
    notes: list[tuple[str, list]] = []
    for row in foot[first:]:
        match = _NOTE_MARK.match(_text(row))
        if match:
            notes.append(
                (
                    str(int(match.group(1) or match.group(2)))
                    if not match.group(3)
                    else mark_key(match.group(3)),
                    [row],
                )
            )
        else:
            notes[-1][1].append(row)
    return rows[: start + first], notes


def note_text(rows: list) -> str:
    text = "".join(_text(row) for row in rows)
    return _NOTE_MARK.sub("", text, count=1).strip()


def is_reference(run, row_height: float, marks: set[str]) -> str | None:
    """The mark of a raised, smaller run (¹, [1], ①) that refers to a note of the page, else None."""
    if run.y1 - run.y0 >= 0.8 * row_height:
        return None
    key = mark_key(run.text)
    return key if key in marks else None


def _text(row) -> str:
    return "".join(run.text for run in row.runs).strip()
