"""Quantities in running text: a number (or range) with its unit, e.g. 1.5万个, 1-2所, 百分之三十三, 4.4千个.

A quantity is only what measures something: numbers inside names (PM2.5, G60, 5G, 12号线, “1+7+N”),
ordinals (第31位), ratios (0.9:55:44.1), fractions and years are left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planwatch.numbers.numerals import (
    ARABIC,
    CHINESE_DIGIT_CHARS,
    chinese_to_number,
    parse_arabic,
    to_half_width,
)
from planwatch.numbers.units import BASE_UNIT_PATTERN, MULTIPLIER_PATTERN, NOT_QUANTITY_UNITS, normalize

_CHINESE = rf"[{CHINESE_DIGIT_CHARS}十][{CHINESE_DIGIT_CHARS}十百千万亿]*(?:点[{CHINESE_DIGIT_CHARS}]+)?"
_NUMBER = rf"(?:{ARABIC}|{_CHINESE})"
_RANGE_SEPARATOR = r"[-－–—~～至到]"
_QUANTITY = re.compile(
    rf"(?P<percent_of>百分之)?(?P<number>{_NUMBER})"
    rf"(?:\s*{_RANGE_SEPARATOR}\s*(?P<number2>{_NUMBER}))?"
    rf"(?P<multiplier>{MULTIPLIER_PATTERN})?(?P<more>多|余)?(?P<unit>{BASE_UNIT_PATTERN})?(?P<more_after>多|余)?"
    # 6%-7%, 5万-8万人: a range whose unit is written after both ends
    rf"(?:\s*{_RANGE_SEPARATOR}\s*(?P<number3>{ARABIC})(?P=multiplier)?(?P=unit))?"
)
_LATIN = re.compile(r"[A-Za-z]")
_QUOTES = ("“", "”", '"', "「", "」")
# Chinese numerals measure something only at the start of a clause or after a verb or bound word
# (新建三百个, 达到一万五千人); elsewhere they belong to names and set phrases.
_QUANTITY_LEAD = re.compile(
    r"(?:[，。；：、,;:\s（(]|建|建成|建设|新增|增加|达到|达|超过|突破|不少于|不低于|约|近|共|累计|培育|引进|打造|"
    r"完成|实现|为|至|到|减少|降低|提高|提升|增长|新建|改造|培训|吸引|服务|覆盖|集聚|形成)$"
)


@dataclass(frozen=True)
class Quantity:
    """A number as written with its unit; `start`/`end` span the number through the unit in the text."""

    value: float
    unit: str
    start: int
    end: int
    value_max: float | None = None  # upper end of a range (1-2所 → 1, 2)
    approximate_more: bool = False  # 多/余 after the number: 6900多家 is at least 6900
    number_start: int = 0
    number_end: int = 0

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    @property
    def normalized(self) -> tuple[float, str]:
        return normalize(self.value, self.unit)


# Spaces and line breaks a PDF copy leaves inside a number or before its unit: 1 200亿元, 15. 6万元, 424.74 亿元.
_SPACE_IN_NUMBER = re.compile(
    rf"(?<=\d)\s+(?=\d{{3}}(?!\d))|(?<=\d\.)\s+(?=\d)|(?<=\d)\s+(?=\.\d)"
    rf"|(?<=\d)\s+(?=(?:{MULTIPLIER_PATTERN})?(?:{BASE_UNIT_PATTERN}))"
)

_DIGIT_THEN_SPACE = re.compile(r"\d\.?\s")


def find_quantities(text: str, keep_unitless: bool = False) -> list[Quantity]:
    """Every quantity in `text`, in order; numbers without a unit only when `keep_unitless`."""
    half = to_half_width(text)
    compact, positions = _without_spaces_in_numbers(half)
    found = []
    for match in _QUANTITY.finditer(compact):
        quantity = _quantity(compact, match)
        if quantity is None or (not quantity.unit and not keep_unitless):
            continue
        found.append(_placed(quantity, positions) if positions else quantity)
    return found


def _without_spaces_in_numbers(text: str) -> tuple[str, list[int] | None]:
    """The text with spaces inside numbers removed, and where each of its characters stands in `text`."""
    spaced = " " in text or "\n" in text or "\u3000" in text or "\t" in text
    if not spaced or not _DIGIT_THEN_SPACE.search(text) or not _SPACE_IN_NUMBER.search(text):
        return text, None
    kept, positions, last = [], [], 0
    for match in _SPACE_IN_NUMBER.finditer(text):
        kept.append(text[last : match.start()])
        positions.extend(range(last, match.start()))
        last = match.end()
    kept.append(text[last:])
    positions.extend(range(last, len(text)))
    positions.append(len(text))
    return "".join(kept), positions


def _placed(quantity: Quantity, positions: list[int]) -> Quantity:
    """A quantity found in the compacted text, with its spans in the original text."""

    def end(at: int) -> int:
        return positions[at - 1] + 1 if at > 0 else 0

    return Quantity(
        value=quantity.value,
        unit=quantity.unit,
        start=positions[quantity.start],
        end=end(quantity.end),
        value_max=quantity.value_max,
        approximate_more=quantity.approximate_more,
        number_start=positions[quantity.number_start],
        number_end=end(quantity.number_end),
    )


def _quantity(text: str, match: re.Match) -> Quantity | None:
    number, number2 = match.group("number"), match.group("number2")
    chinese = not number[0].isdigit()
    if chinese and not _acceptable_chinese(text, match):
        return None
    if not chinese and _inside_name(text, match):
        return None
    multiplier = match.group("multiplier") or ""
    value = _value(number)
    if match.group("number3"):
        if number2:
            return None
        number2 = match.group("number3")
    value_max = _value(number2) if number2 else None
    if chinese and multiplier == "" and number[-1] in "万亿" and len(number) > 1:
        # 三万人: keep the multiplier with the unit, as 3万人 is written
        multiplier, number = number[-1], number[:-1]
        value = _value(number)
    if value is None or (number2 and value_max is None):
        return None
    unit = match.group("unit") or ""
    if match.group("percent_of"):
        if unit or multiplier:
            return None
        unit = "%"
    if unit in NOT_QUANTITY_UNITS and not (
        unit == "年" and "年限" in text[max(0, match.start() - 12) : match.start()]
    ):
        return None  # 11.7年 of 受教育年限 measures years; 2025年, 3年 elsewhere are times
    if unit.startswith("G") and value_max is None and value < 10 and value == int(value):
        return None  # 5G, 4G: a technology generation, not a bandwidth
    groups = ("number", "number2", "multiplier", "more", "unit", "more_after")
    end = match.end() if match.group("number3") else max(match.end(group) for group in groups)
    more = bool(match.group("more") or match.group("more_after"))
    if _LATIN.match(text[end : end + 1]) or text[end : end + 1] == "+":
        return None
    return Quantity(
        value=value,
        unit=multiplier + unit,
        start=match.start(),
        end=end,
        value_max=value_max,
        approximate_more=more,
        number_start=match.start("number"),
        number_end=match.end("number2") if match.group("number2") else match.end("number"),
    )


def _value(number: str) -> float | None:
    if number[0].isdigit():
        value = parse_arabic(number)
        return value if math.isfinite(value) else None  # hundreds of digits overflow: no quantity
    return chinese_to_number(number)


def _inside_name(text: str, match: re.Match) -> bool:
    """PM2.5, G60, T1, S32, “1+7+N”, 12号线, 第31位, 0.9:55:44.1, 70/500, 1/16: a number that names or orders."""
    start = match.start("number")
    before = text[start - 1] if start > 0 else ""
    end = match.end("number2") if match.group("number2") else match.end("number")
    after = text[end] if end < len(text) else ""
    if before and (_LATIN.match(before) or before in "+.:：/第" or before.isdigit()):
        return True
    if after and after in "+:：/号" or (after == "." and text[end + 1 : end + 2].isdigit()):
        return True
    return bool(
        _LATIN.match(after) and not text.startswith("G", end) and not text.startswith("G", match.end())
    )


_CLAUSE_END = "，,；;。！？!?、）)\n"


def _closes_clause(text: str, match: re.Match) -> bool:
    """A numeral with its unit that ends the clause (泊位两千个。, 充电桩一万个，) counts what the noun before it
    names; one that runs on into more name (八十八亩乡村民宿) is part of a name."""
    if not (match.group("unit") or match.group("multiplier")):
        return False
    groups = ("number", "number2", "multiplier", "more", "unit", "more_after")
    end = max(match.end(group) for group in groups)
    return end >= len(text) or text[end] in _CLAUSE_END


def _acceptable_chinese(text: str, match: re.Match) -> bool:
    """A Chinese numeral counts only with a place value (三百, 一万五千, 十五) or after 百分之, outside names."""
    number = match.group("number")
    start = match.start("number")
    before = text[start - 1] if start > 0 else ""
    if before and (before in "第前十" or before in _QUOTES):
        return False
    if match.group("percent_of"):
        return True
    if (
        before
        and not _QUANTITY_LEAD.search(text[max(0, start - 3) : start])
        and not _closes_clause(text, match)
    ):
        return False  # 叶榭八十八亩乡村民宿: a numeral inside a name
    if len(number) < 2 or not any(ch in "十百千万亿" for ch in number):
        return False
    opened = text.rfind("“", 0, start)
    return opened == -1 or text.find("”", opened) < start


# A rank: 第31位, 总量全市第五, 全国前三. A bare 第N counts only after a scope word, since 第四批, 第七届,
# 第九人民医院 and 第一责任人 are names and ordinals, not ranks.
_SCOPE = r"(?:全市|全国|全区|全省|郊区|全球|世界|长三角|全行业|同类城市|中心城区)"
_ORDINAL = rf"(?:\d{{1,3}}|[{CHINESE_DIGIT_CHARS}十]{{1,3}})"
_RANK = re.compile(
    rf"第(?P<place>{_ORDINAL})(?P<unit>位|名)"
    rf"|{_SCOPE}(?:排名)?第(?P<scoped>{_ORDINAL})(?![批次届轮章节个期号条款项])"
    rf"|{_SCOPE}(?:排名)?前(?P<top>{_ORDINAL})(?P<top_unit>位|名|强)?(?![批次届轮章节个期号])"
)


def find_ranks(text: str) -> list[Quantity]:
    """Ranks as quantities in 名 or 位: 第31位 → 31 位, 全市第五 → 5 名; `value_max` is unset.

    A top-N rank (全国前三) is a quantity whose comparator is read as "<=" by the caller."""
    half = to_half_width(text)
    found = []
    for match in _RANK.finditer(half):
        group = next(name for name in ("place", "scoped", "top") if match.group(name))
        number = match.group(group)
        value = parse_arabic(number) if number[0].isdigit() else chinese_to_number(number)
        if value is None or value < 1:
            continue
        unit = match.group("unit") or (match.group("top_unit") if group == "top" else None) or "名"
        unit = "名" if unit == "强" else unit
        end = match.end()
        start = match.start() if group == "place" else match.start(group) - 1
        found.append(
            Quantity(value, unit, start, end, number_start=match.start(group), number_end=match.end(group))
        )
    return found


def is_top_rank(text: str, quantity: Quantity) -> bool:
    """True for 前三 (top three): the rank must be at most the value."""
    return text[quantity.start : quantity.start + 1] == "前"


# A share written as a fraction after a verb: 上升至1/16, 占比达到三分之一. 70/500 in a table cell is not one.
_FRACTION = re.compile(
    rf"(?<=[至为到达占约近过])(?:(?P<top>\d{{1,3}})/(?P<bottom>\d{{1,4}})(?![\d/%])"
    rf"|(?P<cn_bottom>[{CHINESE_DIGIT_CHARS}十百]{{1,3}})分之(?P<cn_top>[{CHINESE_DIGIT_CHARS}十]{{1,3}}))"
)


def find_fractions(text: str) -> list[Quantity]:
    """Fractions as shares in 比例: 1/16 → 0.0625, 三分之一 → 0.333…; only proper fractions count."""
    found = []
    for match in _FRACTION.finditer(to_half_width(text)):
        if match.group("top"):
            top, bottom = float(match.group("top")), float(match.group("bottom"))
        else:
            top = chinese_to_number(match.group("cn_top")) or 0.0
            bottom = chinese_to_number(match.group("cn_bottom")) or 0.0
        if not 0 < top < bottom:
            continue
        value = round(top / bottom, 6)
        found.append(
            Quantity(value, "比例", match.start(), match.end(), None, False, match.start(), match.end())
        )
    return found


# Doubling: 翻一番 (×2), 翻两番 (×4), said of a measure against its base.
_DOUBLING = re.compile(r"翻(?P<times>[一二两三])番")


def find_doublings(text: str) -> list[Quantity]:
    """翻一番 → 2 倍, 翻两番 → 4 倍: the target is that multiple of the base value."""
    found = []
    for match in _DOUBLING.finditer(text):
        times = {"一": 1, "二": 2, "两": 2, "三": 3}[match.group("times")]
        found.append(
            Quantity(2.0**times, "倍", match.start(), match.end(), None, False, match.start(), match.end())
        )
    return found
