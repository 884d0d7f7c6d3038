"""Template filters for numbers as planners write them."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def num(value) -> str:
    """A number without trailing zeros: 3350.0 → 3350, 4.3200 → 4.32; leaves anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—" if value is None else value
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "") if abs(value) < 10000 else text


_COMPARATOR_PHRASES = {">=": "不低于{}", "<=": "不高于{}", "~": "{}左右", "=": "{}"}


@register.filter
def target_zh(target) -> str:
    """A text target as a planner says it: `>= 7.0 %` → 不低于7%, `range 3–5 %` → 3—5%, `= 14 个` → 14个."""
    unit = target.unit or ""
    if target.comparator == "range" and target.value_max is not None:
        return f"{num(target.value)}—{num(target.value_max)}{unit}"
    phrase = _COMPARATOR_PHRASES.get(target.comparator, "{}")
    return phrase.format(f"{num(target.value)}{unit}")
