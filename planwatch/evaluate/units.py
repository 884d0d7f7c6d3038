"""Units of observations checked against the indicator's unit, with the conversions known to be safe."""

from __future__ import annotations

from functools import lru_cache

_SCALES = {
    "": 1.0,
    "十": 10.0,
    "百": 100.0,
    "千": 1e3,
    "万": 1e4,
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
}
_SPELLINGS = {
    "％": "%",
    "μg/m³": "微克/立方米",
    "µg/m³": "微克/立方米",
    "μg/m3": "微克/立方米",
    "µg/m3": "微克/立方米",
    "ug/m3": "微克/立方米",
    "ug/m³": "微克/立方米",
    "mg/m³": "毫克/立方米",
    "mg/m3": "毫克/立方米",
    "m²": "平方米",
    "m2": "平方米",
    "km²": "平方公里",
    "km2": "平方公里",
}
# Conversions between different base units: factor that turns a value in the first into the second.
_FACTORS = {
    ("‰", "%"): 0.1,
    ("微克/立方米", "毫克/立方米"): 1e-3,
    ("公顷", "亩"): 15.0,
    ("平方公里", "公顷"): 100.0,
    ("平方公里", "平方米"): 1e6,
    ("公顷", "平方米"): 1e4,
    ("米", "公里"): 1e-3,
}
# Base units that never take a scale word (千米 is a kilometre, not a thousand metres of something else).
_UNSCALED = frozenset(["%", "‰", "岁", "年"])


@lru_cache(maxsize=1024)
def normalize(unit: str | None) -> str:
    """One spelling per unit: whitespace removed, full-width slash and ％ folded, μg/m³ → 微克/立方米."""
    if unit is None:
        return ""
    text = "".join(str(unit).split()).replace("／", "/")
    return _SPELLINGS.get(text, _SPELLINGS.get(text.lower(), text))


def _split(unit: str) -> tuple[float, str]:
    if "/" in unit or unit in _UNSCALED:
        return 1.0, unit
    for scale in sorted(_SCALES, key=len, reverse=True):
        if scale and unit.startswith(scale) and len(unit) > len(scale):
            return _SCALES[scale], unit[len(scale) :]
    return 1.0, unit


@lru_cache(maxsize=1024)
def conversion_factor(from_unit: str, to_unit: str) -> float | None:
    """Factor f with value_in_to = f · value_in_from; None when no known conversion applies."""
    source, target = normalize(from_unit), normalize(to_unit)
    if source == target:
        return 1.0
    source_scale, source_base = _split(source)
    target_scale, target_base = _split(target)
    if source_base == target_base:
        return source_scale / target_scale
    if (source_base, target_base) in _FACTORS:
        return _FACTORS[(source_base, target_base)] * source_scale / target_scale
    if (target_base, source_base) in _FACTORS:
        return source_scale / (_FACTORS[(target_base, source_base)] * target_scale)
    return None
