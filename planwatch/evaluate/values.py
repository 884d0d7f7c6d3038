"""A monitoring figure as people write it (form, spreadsheet cell, API): one reading, one set of messages.

`１２` (full-width digits) and `1,234.5` are numbers; `12%` is 12 with a percent sign the caller checks against
the indicator's unit; `nan`, `inf` and numbers past the float range are refused.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

NOT_FINITE = "数值必须是有限的数字（不接受 NaN、无穷大或超出范围的数）"
EMPTY = "数值为空（.xlsx 中未计算过的公式也读作空）"
SHOWN_CHARS = 40  # of a bad cell, quoted in a message
_THOUSANDS = (",", " ")  # after NFKC, the full-width comma is ","


class ValueProblem(ValueError):
    """A figure that is not a usable number; the message is for the person who typed it."""


@dataclass(frozen=True)
class Reading:
    value: float
    percent: bool = False  # written with a percent sign: valid only where the indicator's unit is %


def shown(text: str) -> str:
    """A cell as quoted in a message, cut short so that a huge cell does not make a huge message."""
    return f"“{text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + '…'}”"


def read_value(cell: object) -> Reading:
    """The number in a cell or typed text; ValueProblem (in Chinese) when there is none."""
    if isinstance(cell, bool):
        raise ValueProblem(f"{shown(str(cell))}不是数字")
    if isinstance(cell, int | float):
        try:
            value = float(cell)
        except OverflowError:  # an integer past the largest float
            raise ValueProblem(NOT_FINITE) from None
        if not math.isfinite(value):
            raise ValueProblem(NOT_FINITE)
        return Reading(value)
    text = "" if cell is None else str(cell)
    if len(text) > 200:
        raise ValueProblem(f"{shown(text.strip())}不是数字：请只填写数字")
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        raise ValueProblem(EMPTY)
    percent = folded.endswith("%")
    body = folded.removesuffix("%").strip()
    for mark in _THOUSANDS:
        body = body.replace(mark, "")
    if "_" in body or not body:
        raise ValueProblem(f"{shown(text.strip())}不是数字：请只填写数字，不要带单位或文字")
    try:
        value = float(body)
    except ValueError:
        raise ValueProblem(f"{shown(text.strip())}不是数字：请只填写数字，不要带单位或文字") from None
    if not math.isfinite(value):
        raise ValueProblem(NOT_FINITE)
    return Reading(value, percent)


MAX_ABS_TARGET = 1e15  # as for observations (observations.MAX_ABS_VALUE): larger is no statistic
GROWTH_KINDS = ("annual_growth_rate",)


def target_problem(value: float, kind: str) -> str | None:
    """Why a target (or baseline) value cannot stand for an indicator of `kind`, in Chinese; None when it can."""
    if not math.isfinite(value):
        return NOT_FINITE
    if abs(value) > MAX_ABS_TARGET:
        return f"{value:g}大得不合常理（超过{MAX_ABS_TARGET:g}）：请检查单位"
    if kind in GROWTH_KINDS and value <= -100:
        return f"年均增长{value:g}%不可能：任何量都不会下降100%或更多"
    return None


def percent_problem(text: object, unit: str) -> str:
    """The message for `12%` where the indicator's unit is not %."""
    return f"{shown(str(text).strip())}带百分号，但该项的单位是“{unit or '无'}”：请按该单位填写数字"
