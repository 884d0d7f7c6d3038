"""Chart data for an indicator: observations, the expected path from baseline to target, and a projection."""

from __future__ import annotations

from planwatch.web.plans.models import Indicator

RATE_KINDS = ("annual_growth_rate",)
LINEAR_KINDS = ("share", "per_year_bound", "standard")


def default_measure(indicator: Indicator) -> str:
    return "growth_rate" if indicator.kind in RATE_KINDS + ("relative",) else "level"


def main_measure(indicator: Indicator, observations=None) -> str:
    """What departments report for the indicator: the measure most of its approved values use, else by kind."""
    from collections import Counter

    if observations is None:
        from planwatch.web.monitoring.models import Observation

        observations = indicator.observations.filter(state=Observation.APPROVED)
    counts = Counter(
        o.measure for o in observations if o.measure != "allocation" and o.year > indicator.plan.base_year
    )
    if not counts:
        return default_measure(indicator)
    preferred = default_measure(indicator)
    best = max(counts.values())
    return preferred if counts.get(preferred) == best else counts.most_common(1)[0][0]


def chart_data(indicator: Indicator, observations, plan, verdict: dict | None = None) -> dict:
    """Plain data for the ECharts line chart; `observations` are the approved rows of this indicator.

    Target, baseline, path shape and projection come from the engine's verdict where it gives them.
    """
    verdict = verdict or {}
    measure = main_measure(indicator, observations)
    rows = [o for o in observations if o.measure == measure]
    series_names = sorted({o.series for o in rows if o.series})
    if series_names:
        lines = {name: _latest_by_year([o for o in rows if o.series == name]) for name in series_names}
    else:
        lines = {"监测值": _latest_by_year(rows)}
    years = list(range(plan.base_year, indicator.target_year + 1))
    target = (verdict.get("target") or {}).get("value", indicator.target_value)
    data = {
        "unit": "%" if measure in ("growth_rate", "reduction_rate") else indicator.unit,
        "years": [str(y) for y in years],
        "observed": {
            name: [[str(y), o.value, o.is_illustrative] for y, o in by_year.items()]
            for name, by_year in lines.items()
        },
        "expected": [],
        "projection": [],
        "target": target,
    }
    if target is None or len(lines) != 1:
        return data
    (by_year,) = lines.values()
    projected = verdict.get("projection") if isinstance(verdict.get("projection"), dict) else {}
    if indicator.kind == "cumulative" and measure == "amount":
        return _cumulative(data, by_year, years, plan.base_year, target, projected)
    if indicator.kind in RATE_KINDS and measure == "growth_rate":
        data["expected"] = [[str(y), target] for y in years[1:]]
        if projected.get("value") is not None and by_year:
            last = max(by_year)
            data["projection"] = [[str(y), round(projected["value"], 2)] for y in years if y >= last]
        return data
    if measure != "level" or indicator.kind in ("relative", "allocation", "qualitative", "compound"):
        return data
    base, base_year = _baseline(indicator, plan, verdict, by_year)
    if base is None or indicator.target_year <= base_year:
        return data
    shape = verdict.get("path")
    if shape not in ("linear", "geometric"):
        shape = (
            "geometric"
            if indicator.kind == "level" and base > 0 and target > 0 and indicator.unit != "%"
            else "linear"
        )
    span = indicator.target_year - base_year
    for year in years:
        if year >= base_year:
            tau = (year - base_year) / span
            value = base * (target / base) ** tau if shape == "geometric" else base + (target - base) * tau
            data["expected"].append([str(year), round(value, 4)])
    if projected.get("value") is not None and by_year:
        last = max(by_year)
        data["projection"] = [
            [str(last), by_year[last].value],
            [str(projected.get("year", indicator.target_year)), round(projected["value"], 4)],
        ]
    return data


def _baseline(indicator: Indicator, plan, verdict: dict, by_year: dict) -> tuple[float | None, int]:
    """The stored (corrected) baseline, else the engine's, else the base-year observation."""
    if indicator.baseline_value is not None:
        return indicator.baseline_value, indicator.baseline_year or plan.base_year
    engine_baseline = verdict.get("baseline")
    if isinstance(engine_baseline, dict) and engine_baseline.get("value") is not None:
        return engine_baseline["value"], engine_baseline.get("year") or plan.base_year
    if plan.base_year in by_year:
        return by_year[plan.base_year].value, plan.base_year
    return None, plan.base_year


def _cumulative(
    data: dict, by_year: dict, years: list[int], base_year: int, target: float, projected: dict
) -> dict:
    """A five-year total (累计): the running sum of yearly amounts against an even path to the target."""
    running, total = [], 0.0
    for year, row in by_year.items():
        if year > base_year:
            total += row.value
            running.append([str(year), round(total, 4), row.is_illustrative])
    data["observed"] = {"累计完成": running}
    span = years[-1] - base_year
    data["expected"] = [[str(y), round(target * (y - base_year) / span, 4)] for y in years]
    if running and projected.get("value") is not None:
        data["projection"] = [
            running[-1][:2],
            [str(projected.get("year", years[-1])), round(projected["value"], 4)],
        ]
    return data


def _latest_by_year(rows) -> dict:
    latest: dict[int, object] = {}
    for row in sorted(rows, key=lambda o: (o.year, o.vintage, o.pk)):
        latest[row.year] = row
    return dict(sorted(latest.items()))
