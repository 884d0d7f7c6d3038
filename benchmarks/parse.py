"""Milliseconds per parse of the Songjiang plan, against a floor measured in the same run.

The floor is what any reader must do: read the file and make one regular-expression pass over it.
Prints figures only; no assertion. Run: python benchmarks/parse.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from planwatch.document.text_reader import read_text
from planwatch.extract.enrich import enrich_plan
from planwatch.plan.structure import build_plan

PLAN = Path(__file__).resolve().parent.parent / "planwatch" / "data" / "songjiang-14th-fyp.txt"
_ANY_MARKER = re.compile(r"\[bookmark:[^\]]*\]|\[footnoteRef:\d+\]|第.{1,3}章|\d+(?:\.\d+)?")


def floor() -> None:
    text = PLAN.read_bytes().decode("utf-8")
    sum(1 for _ in _ANY_MARKER.finditer(text))


def structure_only() -> None:
    build_plan(read_text(PLAN))


def parse_and_extract() -> None:
    document = read_text(PLAN)
    plan = build_plan(document)
    enrich_plan(plan, document)


def best_ms(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    parse_and_extract()  # warm-up: imports, regex compilation
    floor_min, floor_median = best_ms(floor, args.repeat)
    rows = [("floor: read + one regex pass", floor_min, floor_median)]
    for label, function in (
        ("read + plan structure + indicators", structure_only),
        ("parse + extract (targets, baselines, links)", parse_and_extract),
    ):
        rows.append((label, *best_ms(function, args.repeat)))
    print(f"{PLAN.name}: {PLAN.stat().st_size / 1024:.0f} KiB, {args.repeat} runs each")
    for label, low, median in rows:
        print(
            f"  {label:46s} median {median:7.2f} ms (x{median / floor_median:5.1f} floor)"
            f"   min {low:7.2f} ms (x{low / floor_min:5.1f} floor)"
        )
    print("A busy machine widens the medians; the ratio of the minimums is the steadier figure.")


if __name__ == "__main__":
    main()
