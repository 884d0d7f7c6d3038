"""Cumulative targets (〔〕, 累计, 五年新增): running totals of yearly amounts, and combined reductions."""

from __future__ import annotations

from collections.abc import Iterable


def running_total(amounts: Iterable[float]) -> float:
    """Sum of the yearly amounts so far."""
    return float(sum(amounts))


def combined_reduction(reductions: Iterable[float]) -> float:
    """1 − Π(1 − d_t), in percent: e.g. 3% then 4% make 6.88%, not 7%."""
    remaining = 1.0
    for reduction in reductions:
        remaining *= 1 - reduction / 100
    return (1 - remaining) * 100


def required_yearly_reduction(target: float, achieved: float, years_left: int) -> float:
    """Yearly reduction d (%) that brings the combined reduction from `achieved` to `target` in `years_left`."""
    if years_left <= 0:
        raise ValueError("no reduction is required after the target year")
    remaining_now = 1 - achieved / 100
    remaining_wanted = 1 - target / 100
    if remaining_now <= 0:
        return 0.0
    if remaining_wanted <= 0:
        return 100.0  # a combined reduction of 100% or more needs everything to go
    return (1 - (remaining_wanted / remaining_now) ** (1 / years_left)) * 100
