"""Seconds to produce the Songjiang final report (2025, shipped demo data) in each format.

Each figure is the whole call a user waits for — build_report: content, charts and the writer — best and
median of N runs after one warm-up run (which pays for font loading and imports). The goal is .docx < 5 s.
Prints figures only; no assertion. Run: python benchmarks/report.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from planwatch.evaluate import evaluate_plan, read_observations
from planwatch.reading import read_plan
from planwatch.report import FORMATS, build_report
from planwatch.report.content import build_content

DATA = Path(__file__).resolve().parent.parent / "planwatch" / "data"


def timed(function, repeat: int) -> tuple[float, float, int]:
    size = len(function() or b"")  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plan = read_plan(DATA / "songjiang-14th-fyp.txt")
    observations = read_observations(DATA / "songjiang-observations.csv", plan)
    evaluation = evaluate_plan(plan, observations, 2025)
    print(f"Songjiang final report (2025), best / median of {args.repeat}:")
    best, median, _ = timed(
        lambda: build_content(plan, evaluation, "final", observations=observations) and b"", args.repeat
    )
    print(f"  {'content+charts':<15}{best:7.2f} s {median:7.2f} s")
    for fmt in FORMATS:
        best, median, size = timed(
            lambda fmt=fmt: build_report(plan, evaluation, "final", fmt, observations=observations),
            args.repeat,
        )
        print(f"  {fmt:<15}{best:7.2f} s {median:7.2f} s  {size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
