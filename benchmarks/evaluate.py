"""Evaluate a synthetic national-scale portfolio end to end and compare with a vectorised floor.

3,000 plans × 25 indicators × 6 years (base year 2020 and 2021–2025) of observations. Prints plans per second
for each stage and the ratio of the engine's time to a NumPy computation of the completion formula
π = (x − x_base)/(x_target − x_base) over the same values. Run: python benchmarks/evaluate.py [plans]
"""

from __future__ import annotations

import gc
import random
import sys
import time

import numpy as np

from planwatch.evaluate import Observations, check_observation_rows, evaluate_plan, evaluation_to_json
from planwatch.plan.model import Indicator, Part, Plan, TargetValue

YEARS = range(2020, 2026)
HEADER = ["indicator", "year", "value", "measure", "series", "unit", "source"]
# (kind, unit, measure of the yearly rows) — a mix like a real main-indicator table
KINDS = [
    ("annual_growth_rate", "%", "growth_rate"),
    ("annual_growth_rate", "%", "growth_rate"),
    ("annual_growth_rate", "%", "growth_rate"),
    ("annual_growth_rate", "%", "growth_rate"),
    ("share", "%", "level"),
    ("share", "%", "level"),
    ("share", "%", "level"),
    ("share", "%", "level"),
    ("share", "%", "level"),
    ("level", "家", "level"),
    ("level", "家", "level"),
    ("level", "亿元", "level"),
    ("level", "件", "level"),
    ("level", "岁", "level"),
    ("level", "人/亿元", "level"),
    ("level", "人/亿元", "level"),
    ("cumulative", "万平方米", "amount"),
    ("cumulative", "%", "reduction_rate"),
    ("per_year_bound", "%", "level"),
    ("per_year_bound", "万吨", "level"),
    ("relative", "万元", "growth_rate"),
    ("allocation", "人", "level"),
    ("compound", "家", "level"),
    ("share", "%", "level"),
    ("level", "个", "level"),
]


def synthetic_plan(index: int, rng: random.Random) -> tuple[Plan, list[list[str]]]:
    indicators, records = [], []
    for number, (kind, unit, measure) in enumerate(KINDS, start=1):
        down = unit == "人/亿元"
        base = rng.uniform(20, 80) if unit == "%" else rng.uniform(100, 5000)
        target = base * (0.8 if down else rng.uniform(1.05, 1.6))
        comparator = "<=" if down or kind == "allocation" else ">="
        parts = [Part("甲", target, ">="), Part("乙", target / 2, ">=")] if kind == "compound" else []
        value = None if kind in ("compound", "allocation", "relative") else round(target, 2)
        if kind == "annual_growth_rate":
            value = round(rng.uniform(4, 9), 1)
        if kind == "cumulative":
            value = round(rng.uniform(10, 300) if measure == "amount" else rng.uniform(10, 18), 1)
        indicators.append(
            Indicator(
                number,
                f"指标{number}",
                unit,
                rng.choice(["expected", "binding"]),
                kind,
                str(value),
                2025,
                TargetValue(value, comparator),
                parts,
                direction="down" if comparator == "<=" else "up",
                base_year=2020,
                reference=1 if kind == "relative" else None,
            )
        )
        series_names = [p.name for p in parts] or [""]
        for series in series_names:
            level = base
            for year in YEARS:
                if measure in ("growth_rate", "reduction_rate", "amount"):
                    if year == 2020:
                        continue
                    amount = rng.uniform(-1, 10) if measure != "amount" else rng.uniform(0, value / 4)
                    records.append(
                        [
                            str(number),
                            str(year),
                            f"{amount:.2f}",
                            measure,
                            "",
                            unit if measure == "amount" else "%",
                            "统计公报",
                        ]
                    )
                    continue
                level *= rng.uniform(0.97, 1.09) if year > 2020 else 1
                records.append([str(number), str(year), f"{level:.3f}", "level", series, unit, "统计公报"])
                if kind == "allocation" and year > 2020:
                    records.append(
                        [str(number), str(year), f"{level * 1.02:.3f}", "allocation", "", unit, "下达"]
                    )
    plan = Plan(f"合成规划{index}", 2021, 2025, indicators=indicators)
    return plan, records


def completion_inputs(plan: Plan, observations: Observations) -> list[tuple[float, float, float]]:
    """(baseline, value in the evaluation year, target) of every level and share target of a plan."""
    found = []
    for indicator in plan.indicators:
        if indicator.kind in ("level", "share") and indicator.target.value is not None:
            series = observations.series(indicator.number)
            found.append((series[2020].value, series[2023].value, indicator.target.value))
    return found


def floor_seconds(inputs: list[tuple[float, float, float]]) -> float:
    """NumPy completion π and its class against τ ± δ over the same values: the best of five runs."""
    base, value, target = (np.array(column, dtype=float) for column in zip(*inputs, strict=True))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        progress = (value - base) / (target - base)
        tau = (2023 - 2020) / 5
        np.select([progress >= tau + 0.1, progress >= tau - 0.1], [2, 1], 0)
        best = min(best, time.perf_counter() - start)
    return best


def main(count: int = 3000) -> None:
    rng = random.Random(14)
    start = time.perf_counter()
    generated = [synthetic_plan(i, rng) for i in range(count)]
    generate = time.perf_counter() - start
    # The synthetic input is static: keep the garbage collector from rescanning it (as a batch job would).
    gc.freeze()

    # Stream plan by plan, as a batch job would: validate rows → evaluate → JSON, keeping only the JSON.
    read = evaluate = serialize = 0.0
    cpu_stages = [0.0, 0.0, 0.0]
    rows = indicators = 0
    inputs: list[tuple[float, float, float]] = []
    cpu_start = time.process_time()
    for plan, records in generated:
        t0, c0 = time.perf_counter(), time.process_time()
        observations, problems = check_observation_rows(HEADER, enumerate(records, start=2), plan)
        t1, c1 = time.perf_counter(), time.process_time()
        evaluation = evaluate_plan(plan, observations, 2023)
        t2, c2 = time.perf_counter(), time.process_time()
        evaluation_to_json(evaluation)
        t3, c3 = time.perf_counter(), time.process_time()
        for stage, spent in enumerate((c1 - c0, c2 - c1, c3 - c2)):
            cpu_stages[stage] += spent
        assert not problems, problems[:3]
        read, evaluate, serialize = read + t1 - t0, evaluate + t2 - t1, serialize + t3 - t2
        rows += len(observations)
        indicators += len(plan.indicators)
        inputs.extend(completion_inputs(plan, observations))
    cpu = time.process_time() - cpu_start

    floor, floor_values = floor_seconds(inputs), len(inputs)
    total = read + evaluate + serialize
    print(
        f"portfolio: {count} plans, {indicators} indicators, {rows} observation rows (generated in {generate:.1f} s)"
    )
    print("stage           wall      plans/s    CPU")
    print(f"validate rows : {read:6.2f} s  {count / read:8.0f} plans/s  {cpu_stages[0]:6.2f} s")
    print(
        f"evaluate      : {evaluate:6.2f} s  {count / evaluate:8.0f} plans/s  {cpu_stages[1]:6.2f} s  "
        f"({cpu_stages[1] / indicators * 1e6:.0f} µs CPU per indicator)"
    )
    print(f"to JSON       : {serialize:6.2f} s  {count / serialize:8.0f} plans/s  {cpu_stages[2]:6.2f} s")
    print(f"end to end    : {total:6.2f} s  {count / total:8.0f} plans/s  (CPU time {cpu:.2f} s)")
    print(f"NumPy floor   : {floor * 1e3:6.2f} ms for {floor_values} completions (level and share targets)")
    print(f"ratio evaluate / floor: {evaluate / floor:,.0f}×; end to end / floor: {total / floor:,.0f}×")
    print("(wall time includes waiting for the CPU when other processes run; CPU time does not)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
