"""Targets defined by a national standard: GB 3095-2012 ambient air quality, evaluated per HJ 663."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    pollutant: str
    statistic: str
    grade_1: float
    grade_2: float
    unit: str


# GB 3095-2012 Table 1: limits for the annual evaluation of the six regular pollutants.
GB3095_2012 = {
    "PM2.5": Limit("PM2.5", "年平均", 15, 35, "微克/立方米"),
    "PM10": Limit("PM10", "年平均", 40, 70, "微克/立方米"),
    "SO2": Limit("SO2", "年平均", 20, 60, "微克/立方米"),
    "NO2": Limit("NO2", "年平均", 40, 40, "微克/立方米"),
    "O3": Limit("O3", "日最大8小时平均第90百分位数", 100, 160, "微克/立方米"),
    "CO": Limit("CO", "24小时平均第95百分位数", 4, 4, "毫克/立方米"),
}

_ALIASES = {
    "细颗粒物": "PM2.5",
    "可吸入颗粒物": "PM10",
    "二氧化硫": "SO2",
    "二氧化氮": "NO2",
    "臭氧": "O3",
    "一氧化碳": "CO",
}
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉．", "0123456789.")
_CODE = re.compile(r"PM2\.5|PM10|SO2|NO2|O3|CO")


def pollutant_code(series: str) -> str | None:
    """PM2.5 for `PM2.5`, `pm₂.₅` or `细颗粒物`; None for a name that is not one of the six."""
    text = "".join(series.split()).translate(_SUBSCRIPTS)
    if text in _ALIASES:
        return _ALIASES[text]
    text = text.upper().replace("（", "(").split("(")[0]
    return text if text in GB3095_2012 else None


def pollutants_named(name: str) -> list[str]:
    """The pollutants an indicator's name lists, in the table's order; all six when it lists none."""
    text = name.translate(_SUBSCRIPTS).upper()
    found = set(_CODE.findall(text)) | {code for alias, code in _ALIASES.items() if alias in name}
    return [code for code in GB3095_2012 if code in found] or list(GB3095_2012)


@dataclass(frozen=True)
class Requirement:
    """`every` pollutant (or at least one) within grade `grade`."""

    grade: int
    every: bool

    @property
    def text(self) -> str:
        return f"{'全部' if self.every else '至少一项'}达到{'一' if self.grade == 1 else '二'}级标准"


_GRADE_CLAUSE = re.compile(r"(全面|全部|均|部分|个别|多数|主要)?[^，,；;。]*?(一|二|Ⅰ|Ⅱ|I{1,2})级")


def requirements(target_text: str) -> list[Requirement]:
    """全面达到国家二级标准，部分指标达到国家一级标准 → [every within II, at least one within I]."""
    found = []
    for clause in re.split(r"[，,；;。、]", target_text):
        match = _GRADE_CLAUSE.search(clause)
        if not match:
            continue
        grade = 1 if match.group(2) in ("一", "Ⅰ", "I") else 2
        partial = match.group(1) in ("部分", "个别", "多数", "主要")
        found.append(Requirement(grade, every=not partial))
    return found


def limit_of(pollutant: str, grade: int) -> float:
    limit = GB3095_2012[pollutant]
    return limit.grade_1 if grade == 1 else limit.grade_2


def within(pollutant: str, value: float, grade: int) -> bool:
    return value <= limit_of(pollutant, grade) + 1e-9


def requirement_met(requirement: Requirement, values: dict[str, float]) -> bool:
    """Whether the measured pollutants satisfy the requirement (all must be measured for `every`)."""
    checks = [within(pollutant, value, requirement.grade) for pollutant, value in values.items()]
    return all(checks) if requirement.every else any(checks)


def compliance_progress(value: float, baseline: float | None, limit: float) -> float | None:
    """Progress of one pollutant toward a limit: 1 within it, 0 if it slipped out, else the share of the gap closed."""
    if value <= limit + 1e-9:
        return 1.0
    if baseline is None:
        return None
    if baseline <= limit:
        return 0.0
    return (baseline - value) / (baseline - limit)
