"""Chinese and Arabic numerals: 三百, 一万五千, 二〇二五, 两, 三点五, 1,637.11, full-width digits."""

from __future__ import annotations

import functools
import math
import re

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "０": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10**4, "亿": 10**8}

CHINESE_DIGIT_CHARS = "零〇○一二两三四五六七八九"
CHINESE_NUMERAL_CHARS = CHINESE_DIGIT_CHARS + "十百千万亿"
# Full-width digits and separators as they appear in Word exports (１个中心, ２０２５).
_HALF_WIDTH = dict(zip("０１２３４５６７８９．，", "0123456789.,", strict=True))

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
ARABIC_PATTERN = re.compile(ARABIC)


_FULL_WIDTH_CHAR = re.compile("[０-９．，]")


@functools.lru_cache(maxsize=4096)
def to_half_width(text: str) -> str:
    """Full-width digits, point and comma become ASCII; the length of the text is unchanged.

    Cached: the number finders (quantities, ranks, fractions, horizons) each ask it for the same passage."""
    # A substitution of the few full-width characters is five times faster than str.translate on CJK text.
    return _FULL_WIDTH_CHAR.sub(_half_width_char, text)


def _half_width_char(match: re.Match) -> str:
    return _HALF_WIDTH[match.group()]


def parse_arabic(text: str) -> float:
    """'1,637.11' → 1637.11; full-width digits accepted."""
    return float(to_half_width(text).replace(",", ""))


def _digit_string(text: str) -> int | None:
    """二〇二五 → 2025: four digits read one by one, as years are written."""
    if len(text) == 4 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    return None


def _below_10000(text: str) -> int | None:
    """A section with 十/百/千 only: 三千五百 → 3500, 十五 → 15, 三百零五 → 305, 三千五 → 3500."""
    total, digit, last_unit, after_zero = 0, None, 10**4, False
    for ch in text:
        if ch in DIGITS:
            if DIGITS[ch] == 0:
                after_zero = True
                continue
            if digit is not None:
                return None  # two digits without a unit between them (十四五): not a numeral
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        # 三千五, 两百五: a last digit right after 百/千 counts one place lower
        elliptic = last_unit in (100, 1000) and not after_zero
        total += digit * (last_unit // 10 if elliptic else 1)
    return total


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or None when `text` is not one (一万五千 → 15000)."""
    if not text:
        return None
    as_digits = _digit_string(text)
    if as_digits is not None:
        return as_digits
    if any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    total = 0
    rest = text
    for unit_char, unit_value in (("亿", LARGE_UNITS["亿"]), ("万", LARGE_UNITS["万"])):
        if unit_char in rest:
            head, _, rest = rest.partition(unit_char)
            if unit_char in rest:
                return None
            value = chinese_to_int(head) if head else None
            if value is None:
                return None
            total += value * unit_value
    if rest:
        if total and len(rest) == 1 and rest in DIGITS and text[-2] in "万亿":
            rest += "千"  # 一万五 → 15000
        value = _below_10000(rest)
        if value is None:
            return None
        total += value
    return total


def chinese_to_number(text: str) -> float | None:
    """Chinese numeral with an optional decimal part: 三点五 → 3.5, 一万五千 → 15000."""
    whole, point, fraction = text.partition("点")
    value = chinese_to_int(whole)
    if value is None:
        return None
    if not point:
        return float(value)
    if not fraction or any(ch not in DIGITS for ch in fraction):
        return None
    return float(f"{value}." + "".join(str(DIGITS[ch]) for ch in fraction))


def parse_number(text: str) -> float | None:
    """Value of an Arabic or Chinese numeral as written ('1,637.11', '１', '二〇二五', '百分之' excluded)."""
    text = text.strip()
    half = to_half_width(text)
    if ARABIC_PATTERN.fullmatch(half):
        value = parse_arabic(half)
        return value if math.isfinite(value) else None  # hundreds of digits overflow: not a number as written
    return chinese_to_number(text)
