"""The UN SDG progress measure, a second lens beside our verdict for level and share targets.

Ratio of the growth rate observed since the base year to the growth rate the target requires over the
whole period, both as compound annual growth rates (CAGR); our own formulation of that published method.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.evaluate.progress import meets

CATEGORIES_ZH = {
    "target_achieved": "已实现目标",
    "substantial_progress": "显著进展",
    "moderate_progress": "中等进展",
    "limited_progress": "有限进展",
    "deterioration": "倒退",
}


@dataclass(frozen=True)
class SdgMeasure:
    category: str
    ratio: float | None  # observed CAGR / required CAGR; None when the target is already met
    observed_cagr: float | None  # percent
    required_cagr: float | None  # percent

    @property
    def category_zh(self) -> str:
        return CATEGORIES_ZH[self.category]


def _cagr(first: float, last: float, years: int) -> float:
    return (last / first) ** (1 / years) - 1


def category_of(ratio: float) -> str:
    """≥ 0.95 substantial, ≥ 0.6 moderate, ≥ 0 limited, < 0 deterioration."""
    if ratio >= 0.95:
        return "substantial_progress"
    if ratio >= 0.6:
        return "moderate_progress"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def progress_measure(
    baseline: float, base_year: int, value: float, year: int, target: float, target_year: int, direction: str
) -> SdgMeasure | None:
    """The measure for one observation; None where CAGRs are undefined (non-positive values, no elapsed time)."""
    if meets(value, target, direction):
        return SdgMeasure("target_achieved", None, None, None)
    if baseline <= 0 or value <= 0 or target <= 0 or year <= base_year or target_year <= base_year:
        return None
    required = _cagr(baseline, target, target_year - base_year)
    if required == 0:
        return None
    observed = _cagr(baseline, value, year - base_year)
    ratio = observed / required
    return SdgMeasure(category_of(ratio), ratio, observed * 100, required * 100)
