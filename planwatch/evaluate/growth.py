"""Average annual growth (年均增长率) chained from yearly rates, and the growth still required.

Rates are in percent, as published (比上年增长 6.5 means 6.5%).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def chained_index(rates: Iterable[float]) -> float:
    """Π(1 + r_t): the level reached from 1 after the given yearly rates."""
    index = 1.0
    for rate in rates:
        index *= 1 + rate / 100
    return index


def average_growth(rates: Iterable[float]) -> float:
    """ḡ = (Π(1 + r_t))^(1/n) − 1, in percent."""
    rates = list(rates)
    if not rates:
        raise ValueError("average growth needs at least one yearly rate")
    return (chained_index(rates) ** (1 / len(rates)) - 1) * 100


def growth_between(first: float, last: float, years: int) -> float:
    """Average growth of a level from `first` to `last` over `years` years, in percent."""
    if years <= 0 or first <= 0 or last <= 0:
        raise ValueError("growth between levels needs positive levels and at least one year")
    return ((last / first) ** (1 / years) - 1) * 100


def required_growth(
    target: float, rates: Iterable[float], base_year: int, target_year: int, year: int
) -> float:
    """g_req = ((1 + g*)^(T − b) / Π(1 + r_t))^(1/(T − y)) − 1, in percent, for y < T."""
    if year >= target_year:
        raise ValueError("no growth is required after the target year")
    needed = (1 + target / 100) ** (target_year - base_year) / chained_index(rates)
    return (needed ** (1 / (target_year - year)) - 1) * 100


def cumulative_completion(
    target: float, rates: Iterable[float], base_year: int, target_year: int
) -> float | None:
    """Share of the target's cumulative growth achieved: (Π(1 + r_t) − 1) / ((1 + g*)^(T − b) − 1)."""
    wanted = (1 + target / 100) ** (target_year - base_year) - 1
    if wanted == 0:
        return None
    return (chained_index(rates) - 1) / wanted


def rates_from_levels(levels: Mapping[int, float]) -> dict[int, float]:
    """Yearly growth rates (%) of consecutive years' levels; a year after a gap gets no rate."""
    rates = {}
    for year, value in levels.items():
        before = levels.get(year - 1)
        if before is not None and before > 0:
            rates[year] = (value / before - 1) * 100
    return rates


def consecutive_run(years: Iterable[int], first: int, last: int) -> list[int]:
    """The years first, first+1, … present without a gap, up to `last`."""
    present = set(years)
    run = []
    year = first
    while year <= last and year in present:
        run.append(year)
        year += 1
    return run
