"""Ruled tables of a PDF page: cells from the drawn rules, text from character positions.

A table with borders is drawn as short horizontal and vertical segments. The vertical ones mark the table's
extent and its columns, the horizontal ones its rows. A rule missing between two cells means they are merged:
merged across columns they make one cell (as a text export writes a merged header cell), merged down rows the
text stands in the first row and the rows below are empty (as an export writes a category column).
"""

from __future__ import annotations

from dataclasses import dataclass, field

_THIN = 2.0  # points: a rule is a path this thin
_NEAR = 1.5  # points: rules this close are the same rule


@dataclass
class Char:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Segment:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class RuledTable:
    """Cell texts by row (top first); `top`/`bottom` bound the table on its page."""

    top: float
    bottom: float
    left: float
    right: float
    rows: list[list[str]] = field(default_factory=list)

    def holds(self, x: float, y: float) -> bool:
        return self.bottom - _NEAR <= y <= self.top + _NEAR and self.left - _NEAR <= x <= self.right + _NEAR


def rules(bounds: list[tuple[float, float, float, float]]) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules among the bounds (left, bottom, right, top) of a page's paths."""
    horizontal, vertical = [], []
    for x0, y0, x1, y1 in bounds:
        if y1 - y0 <= _THIN and x1 - x0 > 3 * _THIN:
            horizontal.append(Segment(x0, y0, x1, y1))
        elif x1 - x0 <= _THIN and y1 - y0 > 3 * _THIN:
            vertical.append(Segment(x0, y0, x1, y1))
    return horizontal, vertical


def find_tables(horizontal: list[Segment], vertical: list[Segment], chars: list[Char]) -> list[RuledTable]:
    tables = []
    for low, high in _spans([(v.y0, v.y1) for v in vertical]):
        columns = [v for v in vertical if v.y0 >= low - _NEAR and v.y1 <= high + _NEAR]
        xs = _distinct([(v.x0 + v.x1) / 2 for v in columns])
        if len(xs) < 3:
            continue  # a table has at least two columns
        left, right = xs[0], xs[-1]
        rows_h = [
            h
            for h in horizontal
            if low - _NEAR <= (h.y0 + h.y1) / 2 <= high + _NEAR and h.x1 > left and h.x0 < right
        ]
        ys = sorted(_distinct([(h.y0 + h.y1) / 2 for h in rows_h] + [low, high]), reverse=True)
        if len(ys) < 2:
            continue
        table = RuledTable(top=ys[0], bottom=ys[-1], left=left, right=right)
        table.rows = _cells(ys, xs, rows_h, columns, [c for c in chars if table.holds(*_middle(c))])
        tables.append(table)
    return tables


def _middle(char: Char) -> tuple[float, float]:
    return (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2


def _spans(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1] + _NEAR:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, high) for low, high in merged]


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _NEAR:
            out.append(value)
    return out


def _covered(segments: list[Segment], at: float, low: float, high: float, horizontal: bool) -> bool:
    """Whether a rule at `at` runs over most of [low, high]."""
    covered = 0.0
    for s in segments:
        position = (s.y0 + s.y1) / 2 if horizontal else (s.x0 + s.x1) / 2
        if abs(position - at) > _NEAR:
            continue
        start, end = (s.x0, s.x1) if horizontal else (s.y0, s.y1)
        covered += max(0.0, min(end, high) - max(start, low))
    return covered >= 0.6 * (high - low)


def _cells(
    ys: list[float], xs: list[float], horizontal: list[Segment], vertical: list[Segment], chars: list[Char]
) -> list[list[str]]:
    bands = len(ys) - 1
    columns = len(xs) - 1
    texts: list[list[list[Char]]] = [[[] for _ in range(columns)] for _ in range(bands)]
    for char in chars:
        x, y = _middle(char)
        band = next((i for i in range(bands) if ys[i + 1] - _NEAR <= y <= ys[i] + _NEAR), None)
        column = next((j for j in range(columns) if xs[j] - _NEAR <= x <= xs[j + 1] + _NEAR), None)
        if band is not None and column is not None:
            texts[band][column].append(char)
    # Owner of each cell: itself, or the cell above / to the left it is merged with (no rule between them).
    owner = [[(i, j) for j in range(columns)] for i in range(bands)]
    for i in range(bands):
        for j in range(columns):
            if j and not _covered(vertical, xs[j], ys[i + 1], ys[i], horizontal=False):
                owner[i][j] = owner[i][j - 1]
            elif i and not _covered(horizontal, ys[i], xs[j], xs[j + 1], horizontal=True):
                owner[i][j] = owner[i - 1][j]
    merged: dict[tuple[int, int], list[Char]] = {}
    for i in range(bands):
        for j in range(columns):
            merged.setdefault(owner[i][j], []).extend(texts[i][j])
    rows = []
    for i in range(bands):
        row = []
        for j in range(columns):
            if owner[i][j] == (i, j):
                row.append(_text(merged[(i, j)]))
            elif owner[i][j][0] < i and owner[i][j][1] == j:
                row.append("")  # merged down: the text stands in the first row
        rows.append(row)
    return rows


def _text(chars: list[Char]) -> str:
    """Characters in reading order: lines top to bottom, each left to right. Lines are made of the full-height
    characters; small ones (a raised *, quote marks, commas) join the nearest line."""
    if not chars:
        return ""
    tallest = max(c.y1 - c.y0 for c in chars)
    lines: list[list[Char]] = []
    for char in sorted((c for c in chars if c.y1 - c.y0 >= 0.6 * tallest), key=lambda c: -c.y1):
        if lines:
            top, bottom = max(c.y1 for c in lines[-1]), min(c.y0 for c in lines[-1])
            if min(top, char.y1) - max(bottom, char.y0) >= 0.3 * min(top - bottom, char.y1 - char.y0):
                lines[-1].append(char)
                continue
        lines.append([char])
    for char in (c for c in chars if c.y1 - c.y0 < 0.6 * tallest):
        middle = (char.y0 + char.y1) / 2
        nearest = min(lines, key=lambda line: _distance(middle, line))
        nearest.append(char)
    return "".join("".join(c.text for c in sorted(line, key=lambda c: c.x0)) for line in lines)


def _distance(y: float, line: list[Char]) -> float:
    top, bottom = max(c.y1 for c in line), min(c.y0 for c in line)
    return 0.0 if bottom <= y <= top else min(abs(y - top), abs(y - bottom))
