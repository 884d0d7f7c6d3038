"""Comparator words around a number: 不少于 3500个 (>=), 99%以上 (>=), 控制在…以内 (<=), 约6100户 (~)."""

from __future__ import annotations

import re
from dataclasses import dataclass

AT_LEAST = ">="
AT_MOST = "<="
EQUAL = "="
ABOUT = "~"
RANGE = "range"

# Words standing before the number, longest first where one contains another (不低于 before 低于).
_BEFORE = {
    "不少于": AT_LEAST, "不低于": AT_LEAST, "不小于": AT_LEAST, "不止": AT_LEAST, "至少": AT_LEAST,
    "超过": AT_LEAST, "突破": AT_LEAST, "高于": AT_LEAST, "大于": AT_LEAST, "多于": AT_LEAST, "力争": AT_LEAST,
    "不高于": AT_MOST, "不超过": AT_MOST, "不大于": AT_MOST, "不多于": AT_MOST, "控制在": AT_MOST,
    "低于": AT_MOST, "少于": AT_MOST, "小于": AT_MOST, "压减至": AT_MOST, "下降至": AT_MOST, "降至": AT_MOST,
    "大约": ABOUT, "约为": ABOUT, "约": ABOUT, "接近": ABOUT, "将近": ABOUT, "近": ABOUT,
}  # fmt: skip
_AFTER = {
    "以上": AT_LEAST, "及以上": AT_LEAST, "以下": AT_MOST, "及以下": AT_MOST, "以内": AT_MOST, "之内": AT_MOST,
    "左右": ABOUT, "上下": ABOUT,
}  # fmt: skip
_BEFORE_PATTERN = re.compile("|".join(sorted(_BEFORE, key=len, reverse=True)))
_AFTER_PATTERN = re.compile(r"\s*(" + "|".join(sorted(_AFTER, key=len, reverse=True)) + ")")
# How far before the number a bound word may stand: 不少于3500个, 力争达到约6100户.
_WINDOW = 6
# 近 and 约 are bound words only right before the number (近年来, 约束性 are not).
_ADJACENT_ONLY = ("近", "约", "接近")
# Words that turn a following 力争/超过 into something else: 近三年 is a horizon, not ~.
_BOUND_PRIORITY = {AT_LEAST: 2, AT_MOST: 2, ABOUT: 1}


@dataclass(frozen=True)
class Comparison:
    comparator: str  # ">=", "<=", "=", "~" or "range"
    word: str | None  # the bound word as written, e.g. 以上; None for a bare number
    end: int  # where the quantity with its trailing bound word ends in the text


def word_before(text: str, number_start: int) -> tuple[str, str] | None:
    """(comparator, word) of a bound word just before the number, e.g. 不少于 in 不少于3500个."""
    window_start = max(0, number_start - _WINDOW)
    window = text[window_start:number_start]
    best = None
    for match in _BEFORE_PATTERN.finditer(window):
        word = match.group()
        gap = window[match.end() :]
        if word in _ADJACENT_ONLY and gap.strip():
            continue
        if any(mark in gap for mark in "，。；、：,;"):
            continue
        best = (_BEFORE[word], word)
    return best


def word_after(text: str, end: int) -> tuple[str, str, int] | None:
    """(comparator, word, new end) of a bound word right after the quantity, e.g. 以上 in 300个以上."""
    match = _AFTER_PATTERN.match(text, end)
    if match:
        return _AFTER[match.group(1)], match.group(1), match.end()
    return None


def compare(text: str, number_start: int, end: int, is_range: bool = False, more: bool = False) -> Comparison:
    """The comparator of the quantity standing at text[number_start:end], from the words around it."""
    if is_range:
        return Comparison(RANGE, None, end)
    after = word_after(text, end)
    before = word_before(text, number_start)
    if after:
        comparator, word, new_end = after
        if before and before[0] != comparator and _BOUND_PRIORITY[before[0]] > _BOUND_PRIORITY[comparator]:
            return Comparison(before[0], before[1], new_end)
        return Comparison(comparator, word, new_end)
    if more:
        return Comparison(AT_LEAST, "多", end)
    if before:
        return Comparison(before[0], before[1], end)
    return Comparison(EQUAL, None, end)
