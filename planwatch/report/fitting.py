"""Table columns wide enough for what must not break: a number with its unit (1637.11亿元, 4.4%※) stays on one
line, and a short header (基期值) too; the space a column needs beyond its design share comes from the others."""

from __future__ import annotations

import re

from planwatch.numbers.units import UNIT_PATTERN
from planwatch.report import style

# A signed number with its decimal part, its unit and a trailing mark (※ illustrative, * adjusted).
NUMBER_WITH_UNIT = re.compile(rf"[-−－+]?\d[\d,.]*(?:{UNIT_PATTERN})?[※*＊]?")
SHORT_HEADER = 4  # characters: a header this short is never broken
PT_TO_MM = 25.4 / 72
CELL_PADDING_MM = 2.4  # left and right padding and borders (HTML 2pt + 2pt; Word 1 mm + 1 mm)


def unbreakable(text: str) -> list[str]:
    """The runs of `text` that must stay on one line."""
    return [match.group() for match in NUMBER_WITH_UNIT.finditer(text)]


def text_width_mm(text: str, size_pt: float = style.SIZE_5) -> float:
    """Printed width of `text`: a CJK or full-width character is one em, a Latin character about half of one."""
    ems = sum(0.85 if ch in "%‰" else 0.55 if ord(ch) < 0x2E80 and ch != "※" else 1.0 for ch in text)
    return ems * size_pt * PT_TO_MM


def fitted_widths(
    widths: list[float], header: list[str], rows: list[list[str]], total_mm: float = style.TEXT_WIDTH
) -> list[float]:
    """Column widths in mm: the design's relative `widths` scaled to `total_mm`, each widened to fit its longest
    unbreakable run, the space taken from columns with room to spare (in proportion to that room)."""
    designed = [total_mm * w / sum(widths) for w in widths]
    needed = []
    for index in range(len(widths)):
        runs = [run for row in rows if index < len(row) for run in unbreakable(row[index])]
        if index < len(header) and len(header[index]) <= SHORT_HEADER:
            runs.append(header[index])
        needed.append(max((text_width_mm(run) + CELL_PADDING_MM for run in runs), default=0.0))
    fitted = [max(d, n) for d, n in zip(designed, needed, strict=True)]
    excess = sum(fitted) - total_mm
    room = [f - n if f == d else 0.0 for f, d, n in zip(fitted, designed, needed, strict=True)]
    if excess <= 0 or not any(room):
        return fitted if excess <= 0 else [f * total_mm / sum(fitted) for f in fitted]
    share = min(1.0, excess / sum(room))
    fitted = [f - r * share for f, r in zip(fitted, room, strict=True)]
    return [f * total_mm / sum(fitted) for f in fitted]  # too little room: every column gives way a little
