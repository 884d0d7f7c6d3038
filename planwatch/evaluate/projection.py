"""Projection to the target year from the observed trend (METHODOLOGY §3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Projection:
    year: int
    value: float
    method: str  # "average_growth" | "linear_fit" | "average_amount" | "average_reduction"
    meets: bool | None = None  # whether the projected value meets the target
    rate: float | None = None  # the trend used: growth %, slope per year, amount or reduction per year


def by_average_growth(
    base_year: int, baseline: float, year: int, value: float, target_year: int
) -> Projection | None:
    """x_T = x_y · (1 + ḡ)^(T − y), ḡ the average growth from the base year to y."""
    if year <= base_year or baseline <= 0 or value <= 0:
        return None
    growth = (value / baseline) ** (1 / (year - base_year)) - 1
    return Projection(
        target_year, value * (1 + growth) ** (target_year - year), "average_growth", rate=growth * 100
    )


def by_linear_fit(points: Mapping[int, float], target_year: int) -> Projection | None:
    """Least-squares line through the observed years, read at the target year."""
    if len(points) < 2:
        return None
    years = list(points)
    mean_year = sum(years) / len(years)
    mean_value = sum(points.values()) / len(points)
    spread = sum((year - mean_year) ** 2 for year in years)
    slope = sum((year - mean_year) * (points[year] - mean_value) for year in years) / spread
    value = mean_value + slope * (target_year - mean_year)
    return Projection(target_year, value, "linear_fit", rate=slope)
