"""Numbers typed into URLs and forms: ASCII digits only, and short.

`str.isdigit()` accepts `²` and `١`, which `int()` then refuses or reads, and 5,000 digits, which `int()` refuses
and a database cannot store: every view asks `is_number` instead.
"""

from __future__ import annotations

MAX_DIGITS = 9  # ids, years, counts and percentages all fit


def is_number(text) -> bool:
    """Whether `text` is a non-negative integer written in at most MAX_DIGITS ASCII digits (spaces around allowed)."""
    if not isinstance(text, str):
        return False
    text = text.strip()
    return 0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()


def number_or_none(text) -> int | None:
    return int(text.strip()) if is_number(text) else None
