"""What a monitoring figure cannot be (refused) and what makes it doubtful (warned), for every channel alike.

Impossible by definition: a part of a whole in % (so named: 比重, 覆盖率 …) outside 0–100, a negative count. Doubtful (DHIS2-like validation
rules): outside the indicator's min/max, a jump beyond `jump_factor` times the usual year-on-year change of its
approved history, no source, a unit other than last year's. A doubtful figure may be submitted with a comment.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from planwatch.evaluate.paths import base_unit
from planwatch.evaluate.units import normalize
from planwatch.vocabulary import CHECK_ZH

DEFAULT_JUMP_FACTOR = 3.0
MIN_CHANGES = 3  # year-on-year changes needed before the usual change is known
# Units whose figures count things (家, 人, 件 …, also with a scale word: 万人): never negative.
COUNT_UNITS = frozenset("家人个件户所项张辆座台套名次条宗例起处间")
# A name that says "part of a whole" (比重, 覆盖率, 失业率 …): such a figure lies between 0 and 100%. A level in % is
# not enough: 居民消费价格涨幅 may be negative, 政府债务率 or 粮食自给率 above 100, and refusing a true figure would
# stop its entry altogether (doubtful figures are warned instead, by the indicator's min/max rule).
_PART_OF_WHOLE = re.compile(
    r"比重|占比|比例|比率|覆盖率|普及率|达标率|合格率|参保率|入学率|入托率|城镇化率|失业率|利用率|绿化率|优良率"
)
# A name about change is a rate of change, which may be negative or above 100 (增加 but not 增加值, a quantity).
_CHANGE = re.compile(r"增长|增速|增幅|涨幅|降低|下降|减少|提高|净增|变化|增加(?!值)")


def within_hundred(kind: str, name: str, unit: str, measure: str) -> bool:
    """A level in % whose name says it is a part of a whole, not a change: it lies between 0 and 100."""
    if measure != "level" or normalize(unit or "") != "%":
        return False
    return (
        kind in ("share", "level", "per_year_bound", "standard")
        and bool(_PART_OF_WHOLE.search(name))
        and not _CHANGE.search(name)
    )


def is_count(unit: str, measure: str) -> bool:
    return measure in ("level", "amount") and base_unit(normalize(unit or "")) in COUNT_UNITS


def impossible(value: float, *, kind: str, name: str, unit: str, measure: str) -> str | None:
    """Why no statistic of this indicator can be `value`, in Chinese; None when it can."""
    if within_hundred(kind, name, unit, measure) and not 0 <= value <= 100:
        return f"数值{value:g}%不可能：比重（比率）应在0至100%之间"
    if is_count(unit, measure) and value < 0:
        return f"数值{value:g}{unit}不可能：计数不能为负数"
    return None


@dataclass(frozen=True)
class Rule:
    """An indicator's validation rule; the defaults need no setting."""

    minimum: float | None = None
    maximum: float | None = None
    jump_factor: float | None = DEFAULT_JUMP_FACTOR  # None: no jump check
    source_required: bool = True


@dataclass(frozen=True)
class Check:
    """One warning about a figure: its code (CHECK_ZH) and the message the department and the reviewer read."""

    code: str
    message: str

    def to_json(self) -> dict:
        return {"code": self.code, "label": CHECK_ZH[self.code], "message": self.message}


def usual_change(history: Mapping[int, float]) -> float | None:
    """The median absolute change between consecutive years of `history`; None with fewer than MIN_CHANGES."""
    years = sorted(history)
    changes = [abs(history[b] - history[a]) for a, b in zip(years, years[1:], strict=False) if b == a + 1]
    if len(changes) < MIN_CHANGES:
        return None
    return statistics.median(changes)


def checks(
    value: float,
    *,
    year: int,
    unit: str,
    source: str,
    history: Mapping[int, tuple[float, str]],
    rule: Rule = Rule(),
    percent_points: bool = False,
) -> list[Check]:
    """The warnings for `value` of `year`, given the approved figures of earlier years (year → (value, unit))."""
    found = []
    if rule.minimum is not None and value < rule.minimum:
        found.append(Check("below_minimum", f"数值{value:g}低于设定的下限{rule.minimum:g}"))
    if rule.maximum is not None and value > rule.maximum:
        found.append(Check("above_maximum", f"数值{value:g}高于设定的上限{rule.maximum:g}"))
    earlier = {y: v for y, v in history.items() if y < year}
    last_year = max(earlier) if earlier else None
    # the usual change is a one-year one: a figure after a gap in the history is not compared with it
    if last_year == year - 1 and rule.jump_factor:
        usual = usual_change({y: v for y, (v, _) in earlier.items()})
        change = value - earlier[last_year][0]
        if usual and abs(change) > rule.jump_factor * usual:
            what = "个百分点" if percent_points else ""
            found.append(
                Check(
                    "jump",
                    f"较{last_year}年变化{change:+.4g}{what}，超过通常年变化（{usual:.3g}{what}）的"
                    f"{rule.jump_factor:g}倍",
                )
            )
    if rule.source_required and not (source or "").strip():
        found.append(Check("no_source", "未填写数据来源"))
    if last_year is not None:
        last_unit = earlier[last_year][1]
        if unit and last_unit and normalize(unit) != normalize(last_unit):
            found.append(Check("unit_changed", f"单位“{unit}”与上年的“{last_unit}”不同"))
    return found
