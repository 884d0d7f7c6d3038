"""Seconds to produce the Songjiang final report (2025, shipped demo data), stage by stage, beside a floor.

Stages: content (the report model without charts), charts (every chart drawn), and writing each format from
the built model. `build_report` is the whole call a user waits for. The floor is python-docx writing the same
tables (every table of the report, no charts, no styling): no .docx of this report can be written faster.
Best and median of N runs after one warm-up run (which pays for font loading and imports).
Goals (issue 15): .docx < 3 s, PDF < 6 s. Prints figures only; no assertion.
Run: python benchmarks/report.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

from planwatch.evaluate import evaluate_plan, read_observations
from planwatch.reading import read_plan
from planwatch.report import FORMATS, build_report, render
from planwatch.report.charts import clear_cache
from planwatch.report.content import build_content

DATA = Path(__file__).resolve().parent.parent / "planwatch" / "data"


def timed(function, repeat: int) -> tuple[float, float, float]:
    """Wall-clock seconds, every run cold: the chart cache (which lets a PDF reuse the charts of the .docx
    of the same report) is cleared before each run, so the figures are those of a first request."""
    clear_cache()
    function()  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        clear_cache()
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


def floor_docx(report) -> bytes:
    """python-docx writing the report's tables with no charts and no styling."""
    from docx import Document

    document = Document()
    for table in report.tables():
        if not table.printed:
            continue
        document.add_paragraph(table.caption)
        grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
        for row, values in zip(grid.rows, [table.header, *table.rows], strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def line(label: str, best: float, median: float, cpu: float, note: str = "") -> None:
    print(f"  {label:<22}{best:7.2f} s {median:7.2f} s {cpu:7.2f} s  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plan = read_plan(DATA / "songjiang-14th-fyp.txt")
    observations = read_observations(DATA / "songjiang-observations.csv", plan)
    evaluation = evaluate_plan(plan, observations, 2025)
    print(f"Songjiang final report (2025), best / median of {args.repeat}:")

    def content(charts: bool):
        return build_content(plan, evaluation, "final", observations=observations, charts=charts)

    print(f"  {'':<22}{'best':>7}   {'median':>7}   {'CPU':>7}  (CPU: this process alone, best run)")
    plain = timed(lambda: content(False), args.repeat)
    line("content (no charts)", *plain)
    full = timed(lambda: content(True), args.repeat)
    line("charts", *(f - p for f, p in zip(full, plain, strict=True)), "(content with charts − content)")
    report = content(True)
    for fmt in FORMATS:
        line(f"writing {fmt}", *timed(lambda fmt=fmt: render(report, fmt), args.repeat))
    line(
        "floor docx", *timed(lambda: floor_docx(report), args.repeat), "(python-docx, same tables, no charts)"
    )
    print("whole call (build_report):")
    for fmt in FORMATS:
        figures = timed(
            lambda fmt=fmt: build_report(plan, evaluation, "final", fmt, observations=observations),
            args.repeat,
        )
        size = len(build_report(plan, evaluation, "final", fmt, observations=observations))
        line(fmt, *figures, f"{size / 1024:8.0f} KB")


if __name__ == "__main__":
    main()
