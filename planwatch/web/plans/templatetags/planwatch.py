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
