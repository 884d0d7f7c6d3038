"""Terminal width of mixed Chinese and Latin text, for aligned plain-text tables."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


def wrap(text: str, limit: int) -> list[str]:
    """`text` split into lines no wider than `limit` columns."""
    lines, line = [], ""
    for ch in text:
        if width(line + ch) > limit:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


def clip(text: str, columns: int) -> str:
    """`text` cut to at most `columns`, with … where it was cut."""
    if width(text) <= columns:
        return text
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > columns - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def format_rows(header: list[str], rows: list[list[str]], limits: list[int] | None = None) -> str:
    """An aligned plain-text table; `limits` caps each column's width (long cells are clipped)."""
    cells = [header] + rows
    if limits:
        cells = [
            [clip(c, limits[i]) if i < len(limits) and limits[i] else c for i, c in enumerate(r)]
            for r in cells
        ]
    widths = [max(width(r[i]) for r in cells if i < len(r)) for i in range(len(header))]
    lines = ["  ".join(pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in cells]
    lines.insert(1, "  ".join("─" * w for w in widths))
    return "\n".join(lines)
