"""Per-year bounds (每年…不低于, 失业率<5.5): each year is met or missed, never achieved early."""

from __future__ import annotations

from collections.abc import Mapping

from planwatch.evaluate.progress import meets
from planwatch.evaluate.results import YearCheck


def check_years(values: Mapping[int, float], bounds: Mapping[int, float], direction: str) -> list[YearCheck]:
    """Every year that has both a value and a bound, in year order."""
    return [
        YearCheck(year, values[year], bounds[year], direction, meets(values[year], bounds[year], direction))
        for year in sorted(values)
        if year in bounds
    ]


def missed_years(checks: list[YearCheck]) -> list[int]:
    return [check.year for check in checks if not check.met]


def share_met(checks: list[YearCheck]) -> float | None:
    """Share of checked years in which the bound held."""
    if not checks:
        return None
    return sum(check.met for check in checks) / len(checks)
