"""Units of measure in plan language and their normalisation (万元 → 元, 万平方米 → 平方米, 千个 → 个)."""

from __future__ import annotations

import math
import re

# Multipliers written in front of a unit: 1.5万个, 4.4千个机柜, 3000亿元, 3万亿元.
MULTIPLIERS = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3}

# Compound units first: they must win over their first character (平方米 before 米, 人次 before 人).
COMPOUND_UNITS = (
    "微克/立方米", "毫克/立方米", "人/亿元", "元/人", "美元/人", "吨/万元", "吨标准煤/万元", "千瓦时", "标准煤", "吨标准煤",
    "平方公里", "平方千米", "平方米", "立方米", "公顷", "平米", "公里", "千米", "千瓦", "兆瓦", "公斤", "千克",
    "个百分点", "人次", "乘次", "个月", "户次", "架次", "标箱", "万标箱", "小时", "分钟", "美元", "欧元", "百分点",
)  # fmt: skip
# One-character measure words and units (量词) that can follow a number.
SIMPLE_UNITS = (
    "元个家所座条项件套张辆台床岁天人户名亩米吨度片档处栋幢间份次批位支艘架只根倍部场届类种年秒园区站级棵株"
)
PERCENT_UNITS = ("%", "％", "‰")
MULTIPLIER_PATTERN = r"万亿|千万|百万|亿|万|千"
# A unit without multiplier; 大 counts (7大区管企业集团) only before a noun.
BASE_UNIT_PATTERN = (
    "|".join(re.escape(u) for u in sorted(COMPOUND_UNITS, key=len, reverse=True))
    + r"|[%％‰]|G(?:bps|b)?|["
    + SIMPLE_UNITS
    + r"]|大(?=[\u4e00-\u9fff])"
)
UNIT_PATTERN = rf"(?:{MULTIPLIER_PATTERN})?(?:{BASE_UNIT_PATTERN})"
UNIT = re.compile(UNIT_PATTERN)

# Units of time and rank that never measure a quantity of their own here.
NOT_QUANTITY_UNITS = ("个月", "年", "月", "日", "号", "秒", "级", "届", "类", "种", "部", "区", "园", "站")

# Conversions between units of one dimension: (unit, factor to the base unit, base unit).
_BASES = {
    "元": "元",
    "平方米": "平方米",
    "平米": "平方米",
    "平方公里": "平方米",
    "平方千米": "平方米",
    "公顷": "平方米",
    "公里": "米",
    "千米": "米",
    "米": "米",
    "千克": "千克",
    "公斤": "千克",
    "吨": "千克",
}
_FACTORS = {"平方公里": 10**6, "平方千米": 10**6, "公顷": 10**4, "公里": 1000, "千米": 1000, "吨": 1000}


_MULTIPLIERS_LONGEST_FIRST = sorted(MULTIPLIERS, key=len, reverse=True)


def split_multiplier(unit: str) -> tuple[int, str]:
    """'万平方米' → (10000, '平方米'); '千个' → (1000, '个'); '%' → (1, '%')."""
    for word in _MULTIPLIERS_LONGEST_FIRST:
        if unit.startswith(word) and len(unit) > len(word):
            return MULTIPLIERS[word], unit[len(word) :]
    return 1, unit


def normalize(value: float, unit: str) -> tuple[float, str]:
    """The value in the unit without multiplier (1.5, '万个' → 15000, '个'); 亩 and % are kept as they are."""
    factor, base = split_multiplier(unit)
    return _round(value * factor), base


def to_base(value: float, unit: str) -> tuple[float, str]:
    """Value in the base unit of its dimension: 1.67 平方公里 → 1670000 平方米, 3000 亿元 → 3e11 元."""
    value, unit = normalize(value, unit)
    base = _BASES.get(unit, unit)
    return _round(value * _FACTORS.get(unit, 1)), base


def convert(value: float, unit: str, target_unit: str) -> float | None:
    """Value expressed in `target_unit` (5.95万元 ↔ 59500元), or None when the units do not convert."""
    amount, base = to_base(value, unit)
    one, target_base = to_base(1.0, target_unit)
    if base != target_base or not one:
        return None
    return _round(amount / one)


def compatible(unit: str, other: str) -> bool:
    """True when a value in `unit` can be expressed in `other` (万元 and 元; % and %, not % and 个百分点)."""
    return convert(1.0, unit, other) is not None


def is_percent(unit: str) -> bool:
    return unit in PERCENT_UNITS


def _round(value: float) -> float:
    if not math.isfinite(value):
        return float(value)  # int() of inf or NaN raises; they pass through for the caller to refuse
    return float(round(value, 10)) if value != int(value) else float(int(value))
