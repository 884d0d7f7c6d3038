"""Years and horizons in plan language: 到2025年, 至2022年, 2021年底, 三年内, 每年, 年均, 累计, “十三五”期末.

A five-year plan is named by its ordinal: the Nth plan ends in 1955 + 5N (十三五 → 2016–2020).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.numbers.numerals import chinese_to_int, parse_number

BY = "by"  # 到2025年: a target year
YEAR = "year"  # 2020年, 2021年底, 2020年全年: the year a fact or target is stated for
PERIOD_END = "period_end"  # “十三五”期末 → 2020
PERIOD = "period"  # “十三五”时期 / 期间: the five years as a whole
WITHIN = "within"  # 三年内, 五年内: within N years from the start of the plan
PER_YEAR = "per_year"  # 每年
AVERAGE = "average"  # 年均
CUMULATIVE = "cumulative"  # 累计

_CN_YEAR = r"[一二三四五六七八九〇○零]{4}"
_YEAR = rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR})"
_ORDINAL = r"[一二三四五六七八九十]{1,3}"
_PATTERNS = [
    (BY, re.compile(rf"(?:到|至|截至|截止到?|在)\s*(?P<year>{_YEAR})\s*年(?:底|末|前)?")),
    (YEAR, re.compile(rf"(?P<year>{_YEAR})\s*年(?:底|末|全年|年底|年末)?(?![\-－–—~～至到]|\d+年)")),
    (PERIOD_END, re.compile(rf"[“\"]?(?P<ordinal>{_ORDINAL})五[”\"]?(?:规划)?(?:期末|末)")),
    (PERIOD, re.compile(rf"[“\"]?(?P<ordinal>{_ORDINAL})五[”\"]?(?:时期|期间)")),
    (
        WITHIN,
        re.compile(
            r"(?:(?P<count>[一二三四五六七八九十两]|\d{1,2})年内|近(?P<recent>[一二三四五六七八九十两]|\d{1,2})年)"
        ),
    ),
    (PER_YEAR, re.compile(r"每年|逐年")),
    (AVERAGE, re.compile(r"年均|年平均|平均每年")),
    (CUMULATIVE, re.compile(r"累计|五年共|共计")),
]
# A horizon after these words is what a change is measured against (比“十二五”期末提高), not the fact's year.
_REFERENCE_WORDS = ("比", "较", "相比", "同比", "与", "是", "为")


@dataclass(frozen=True)
class Horizon:
    kind: str
    start: int
    end: int
    year: int | None = None  # the year meant (by/year/period_end; the last year for period)
    years: int | None = None  # for within: how many years
    reference: bool = False  # the horizon is a point of comparison


def plan_end_year(ordinal: int) -> int:
    """Last year of the Nth five-year plan: 13 → 2020, 14 → 2025, 12 → 2015."""
    return 1955 + 5 * ordinal


def read_year(text: str) -> int | None:
    """2025 / 二〇二五 / 二○二五 → 2025."""
    value = parse_number(text)
    return int(value) if value is not None else None


def find_horizons(text: str) -> list[Horizon]:
    """Every horizon in `text`, in order; overlapping matches keep the first kind listed (到2025年 is `by`)."""
    found: list[Horizon] = []
    taken = bytearray(len(text))  # 1 where a horizon already stands: linear time on a long paragraph
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            horizon = _horizon(kind, match, text)
            if horizon:
                found.append(horizon)
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return sorted(found, key=lambda h: h.start)


def _horizon(kind: str, match: re.Match, text: str) -> Horizon | None:
    year = years = None
    if kind in (BY, YEAR):
        year = read_year(match.group("year"))
        if year is None or not 1900 <= year <= 2100:
            return None
    elif kind in (PERIOD_END, PERIOD):
        ordinal = chinese_to_int(match.group("ordinal"))
        if ordinal is None:
            return None
        year = plan_end_year(ordinal)
    elif kind == WITHIN:
        count = match.group("count") or match.group("recent")
        years = int(parse_number(count) or 0) or None
    # 同比 2015 年 in a PDF copy: the spaces before the year do not part it from the word of comparison.
    before = text[max(0, match.start() - 6) : match.start()].rstrip(" \u3000\u00a0")
    reference = kind in (YEAR, PERIOD_END, PERIOD) and before.endswith(_REFERENCE_WORDS)
    return Horizon(kind, match.start(), match.end(), year, years, reference)


def governing_year(horizons: list[Horizon], position: int) -> Horizon | None:
    """The nearest horizon before `position` that names a year (by, year, period end), comparisons excluded."""
    best = None
    for horizon in horizons:
        if horizon.start >= position:
            break
        if horizon.year is not None and not horizon.reference and horizon.kind != PERIOD:
            best = horizon
    return best
