"""Numbers written the way an evaluation report writes them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def number(value: float) -> str:
    """3015, 19.12, 0.024, 1637.11: no trailing zeros, at most two decimals above 100 and four below 1."""
    if value != value:
        return "—"
    digits = 2 if abs(value) >= 1 else 4
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount(value: float, unit: str) -> str:
    """3015家, 19.12%, 5.95万元."""
    return f"{number(value)}{unit}"


def percent(ratio: float | None) -> str:
    """A ratio as a percentage with one decimal: 0.872 → 87.2%."""
    return "—" if ratio is None else f"{ratio * 100:.1f}%"


def rate(value: float) -> str:
    """A growth rate already in percent, one decimal: 6.45 → 6.5%."""
    return f"{value:.1f}%"


def points(value: float) -> str:
    """Percentage points: 0.5 → 0.5个百分点."""
    return f"{number(value)}个百分点"


def change(value: float, unit: str) -> str:
    """A difference in the indicator's unit; a difference of percentages is in 个百分点, never % (§5)."""
    if unit in ("%", "％"):
        return points(value)
    return amount(value, unit)


def computed(value: float, unit: str) -> float:
    """A computed percentage (a projection, a mean, a yearly change) rounded half up to one decimal, as
    statistics offices round: 5.35 → 5.4."""
    if unit not in ("%", "％") or value != value or value in (float("inf"), float("-inf")):
        return value
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def years(first: int, last: int) -> str:
    return f"{first}年" if first == last else f"{first}–{last}年"
