"""Reading quality over the corpus of tests/fixtures/plans: recall and precision per aspect and input kind.

Runs planwatch.reading.read_plan over every input of every corpus plan (plain .docx, styled .docx, text
export, PDF, web copy) and compares the result with the plan's hand-written expected.json. Recall counts
what was missed, precision what was found wrongly. Prints figures only; no assertion.

Run from the repository root:  PYTHONPATH=$PWD python benchmarks/reading_quality.py [--details] [--markdown] [--json FILE]
(PYTHONPATH=/work/wt/structure measures another checkout's reader against this corpus.)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_MODULE = ROOT / "tests" / "fixtures" / "plans" / "corpus.py"


def _load_corpus():
    """The corpus helpers, loaded by path: planwatch itself may come from another checkout (PYTHONPATH)."""
    spec = importlib.util.spec_from_file_location("reading_corpus", CORPUS_MODULE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()
ASPECTS, KIND_LABELS, KINDS = corpus.ASPECTS, corpus.KIND_LABELS, corpus.KINDS
Count, Reading, read_all = corpus.Count, corpus.Reading, corpus.read_all

HEADLINE = ("chapters", "sections", "parts", "indicators", "values", "kinds", "targets")


def _ratio(value: float | None) -> str:
    return "  —  " if value is None else f"{value:5.1%}"


def _cell(count: Count) -> str:
    return f"R {_ratio(count.recall)} P {_ratio(count.precision)} ({count.matched}/{count.expected}/{count.found})"


def totals(readings: list[Reading], kind: str | None) -> dict[str, Count]:
    out = {aspect: Count() for aspect in ASPECTS}
    for reading in readings:
        if kind is None or reading.kind == kind:
            for aspect, count in reading.counts.items():
                out[aspect].add(count)
    return out


def print_table(readings: list[Reading]) -> None:
    kinds = [k for k in KINDS if any(r.kind == k for r in readings)]
    columns = [(KIND_LABELS[k], totals(readings, k)) for k in kinds] + [("overall", totals(readings, None))]
    width = 34
    print("aspect       " + "".join(f"{label:<{width}}" for label, _ in columns))
    for aspect in ASPECTS:
        print(f"{aspect:<13}" + "".join(f"{_cell(t[aspect]):<{width}}" for _, t in columns))
    times = []
    for kind in kinds:
        seconds = [r.seconds for r in readings if r.kind == kind]
        times.append(
            f"{KIND_LABELS[kind]} median {statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"
        )
    print("parse time   " + "; ".join(times))
    failed = [r for r in readings if r.error]
    print(
        f"inputs read  {len(readings) - len(failed)}/{len(readings)}   (R recall, P precision; matched/expected/found)"
    )


def print_markdown(readings: list[Reading]) -> None:
    """The headline table as Markdown, recall / precision per input kind and overall, for an issue note."""
    kinds = [k for k in KINDS if any(r.kind == k for r in readings)]
    columns = [(KIND_LABELS[k], totals(readings, k)) for k in kinds] + [("overall", totals(readings, None))]
    print("| aspect | " + " | ".join(label for label, _ in columns) + " |")
    print("| --- " * (len(columns) + 1) + "|")
    for aspect in HEADLINE + ("title", "period", "footnotes"):
        cells = [
            f"{_ratio(t[aspect].recall).strip()} / {_ratio(t[aspect].precision).strip()}" for _, t in columns
        ]
        print(f"| {aspect} | " + " | ".join(cells) + " |")
    for kind in kinds:
        seconds = [r.seconds for r in readings if r.kind == kind]
        print(f"\n{KIND_LABELS[kind]}: median {statistics.median(seconds) * 1000:.0f} ms", end="")
    print()


def print_plans(readings: list[Reading]) -> None:
    print("\nper plan and input (recall/precision):")
    print(f"{'plan':<24}{'input':<13}" + "".join(f"{a:<14}" for a in HEADLINE) + "ms")
    for r in readings:
        cells = "".join(f"{_ratio(r.counts[a].recall)}/{_ratio(r.counts[a].precision):<7}" for a in HEADLINE)
        note = f"  {r.error[:70]}" if r.error else ""
        print(f"{r.plan:<24}{KIND_LABELS[r.kind]:<13}{cells}{r.seconds * 1000:5.0f}{note}")


def print_pages(readings: list[Reading]) -> None:
    """For PDF inputs: each chapter's `line` and, where the reader gives it, its `page`."""
    pdfs = [r for r in readings if r.kind == "pdf" and r.data]
    if not pdfs:
        return
    print("\nPDF chapters: line and page")
    for r in pdfs:
        for chapter in r.data.get("chapters", []):
            page = chapter.get("page", "—")
            print(
                f"  {r.plan:<24} 第{chapter['number']}章 line {chapter.get('line')} page {page}  {chapter['title'][:30]}"
            )


def print_details(readings: list[Reading]) -> None:
    print("\nmissed (−) and found wrongly (+):")
    for r in readings:
        lines = []
        for aspect in ASPECTS:
            count = r.counts[aspect]
            lines += [f"    {aspect} − {item}" for item in count.missed]
            lines += [f"    {aspect} + {item}" for item in count.wrong]
        if lines:
            print(f"  {r.plan} / {KIND_LABELS[r.kind]}")
            print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="*", help="corpus plans to read (default: all)")
    parser.add_argument("--details", action="store_true", help="list every miss and every wrong find")
    parser.add_argument("--json", type=Path, help="write the per-input counts to this file")
    parser.add_argument("--markdown", action="store_true", help="print only the headline table, as Markdown")
    args = parser.parse_args()
    readings = read_all(args.plans or None)
    if args.markdown:
        print_markdown(readings)
        return 0
    print_table(readings)
    print_plans(readings)
    print_pages(readings)
    if args.details:
        print_details(readings)
    if args.json:
        rows = [
            {
                "plan": r.plan,
                "kind": r.kind,
                "seconds": r.seconds,
                "error": r.error,
                "counts": {a: [c.matched, c.expected, c.found] for a, c in r.counts.items()},
            }
            for r in readings
        ]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
