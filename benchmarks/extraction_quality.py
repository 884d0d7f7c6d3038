"""Precision and recall of target and baseline extraction on the Songjiang plan against the hand labels.

Run from the repository root:  python benchmarks/extraction_quality.py [PLAN] [LABELS]

A hit matches a label when it has the same line, the same value and the same unit. Recall is over the
labels of tier `core` (secondary labels are reported apart). The labels hold only about half of the plan's
targets, so an unlabelled hit is not by itself wrong. Precision is therefore measured two ways:

- precision (contradictions): a hit is false when it contradicts the labels or is plainly not a quantity:
  (a) its line and value are labelled as the other kind (a target labelled as a baseline, or the reverse),
  (b) it sits inside a labelled quote of its kind on that line but has another value or unit,
  (c) its quote is not an exact substring of its line, or its number is part of a name (PM2.5, G60, 5G)
      or a year (2025年);
- precision (labelled lines, lower bound): on lines that carry labels of the kind, the share of hits that
  match a label. Unlabelled hits there may be held-out true targets, so this understates precision.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.document import read_text  # noqa: E402
from planwatch.extract.baselines import extract_baselines  # noqa: E402
from planwatch.extract.enrich import enrich_plan  # noqa: E402
from planwatch.extract.facts import add_text_facts, read_text_facts  # noqa: E402
from planwatch.extract.passages import passages_from_document  # noqa: E402
from planwatch.extract.targets import extract_targets  # noqa: E402
from planwatch.plan.structure import build_plan  # noqa: E402

PLAN = ROOT / "planwatch" / "data" / "songjiang-14th-fyp.txt"
LABELS = Path("/work/shared/labels/songjiang-dev.json")


def key(line: int, value, unit: str) -> tuple:
    return line, round(float(value), 6) if value is not None else None, unit


def run(plan: Path = PLAN, labels_path: Path = LABELS) -> dict:
    document = read_text(plan)
    passages = passages_from_document(document)
    targets = extract_targets(passages)
    baselines = extract_baselines(passages)
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    report = {"seconds": timings(plan), "lines": document.lines}
    kinds = {"targets": (targets, labels["targets"]), "baselines": (baselines, labels["baselines"])}
    for name, (hits, gold) in kinds.items():
        other = labels["baselines" if name == "targets" else "targets"]
        report[name] = score(hits, gold, other, document.lines)
    return report


def timings(plan: Path, repeat: int = 10) -> dict[str, float]:
    """Best of `repeat` runs: the extraction alone, and the whole parse (read, structure, extract, link)."""

    def extraction():
        document = read_text(plan)
        read_text_facts(document)

    def whole_parse():
        document = read_text(plan)
        built = build_plan(document)
        enrich_plan(built, document)
        add_text_facts(built, document)

    result = {}
    for label, function in (
        ("read + extract targets and baselines", extraction),
        ("parse + extract + link", whole_parse),
    ):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
        result[label] = min(times)
    return result


def score(hits, gold, other_gold, lines: list[str]) -> dict:
    hit_keys = {key(h.line, h.value, h.unit) for h in hits}
    result = {"hits": len(hits)}
    for tier in ("core", "secondary"):
        tier_gold = [g for g in gold if g.get("tier") == tier and g.get("value") is not None]
        missed = [g for g in tier_gold if key(g["line"], g["value"], g["unit"]) not in hit_keys]
        result[tier] = {
            "labels": len(tier_gold),
            "found": len(tier_gold) - len(missed),
            "recall": (len(tier_gold) - len(missed)) / len(tier_gold) if tier_gold else 1.0,
            "missed": missed,
        }
    gold_keys = {key(g["line"], g["value"], g["unit"]) for g in gold if g.get("value") is not None}
    other_keys = {key(g["line"], g["value"], g["unit"]) for g in other_gold if g.get("value") is not None}
    false_hits = []
    for hit in hits:
        reason = contradiction(hit, gold, gold_keys, other_keys, lines)
        if reason:
            false_hits.append((hit, reason))
    result["false_hits"] = false_hits
    result["precision"] = 1 - len(false_hits) / len(hits) if hits else 1.0
    labelled_lines = {g["line"] for g in gold}
    on_lines = [h for h in hits if h.line in labelled_lines]
    matched = [h for h in on_lines if key(h.line, h.value, h.unit) in gold_keys]
    result["precision_labelled_lines"] = len(matched) / len(on_lines) if on_lines else 1.0
    result["unlabelled_on_labelled_lines"] = [
        h for h in on_lines if key(h.line, h.value, h.unit) not in gold_keys
    ]
    return result


def contradiction(hit, gold, gold_keys, other_keys, lines: list[str]) -> str | None:
    hit_key = key(hit.line, hit.value, hit.unit)
    raw = lines[hit.line - 1] if 0 < hit.line <= len(lines) else ""
    if hit.quote not in raw:
        return "quote is not on its line"
    if hit_key in other_keys and hit_key not in gold_keys:
        return "labelled as the other kind"
    if _number_in_name(hit.quote, hit.value):
        return "number is part of a name"
    if hit.unit in ("年",) and 1900 <= hit.value <= 2100:
        return "a year, not a quantity"
    if hit_key in gold_keys:
        return None
    hit_at = _number_position(raw, hit.quote, hit.value)
    for label in gold:
        if label["line"] != hit.line or not label.get("quote") or label.get("value") is None:
            continue
        if hit_at is not None and hit_at == _number_position(raw, label["quote"], label["value"]):
            return f"reads labelled number {label['quote']!r} as {hit.value} {hit.unit}, not {label['value']} {label['unit']}"
    return None


def _numbers(text: str):
    return re.finditer(r"\d+(?:\.\d+)?", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _number_position(raw: str, quote: str, value) -> int | None:
    """Where in the raw line the number of value `value` inside `quote` stands."""
    start = raw.find(quote)
    if start == -1:
        return None
    for match in _numbers(quote):
        if abs(float(match.group()) - float(value)) < 1e-9:
            return start + match.start()
    return None


def _number_in_name(quote: str, value) -> bool:
    """The only way to read `value` in the quote is a number glued to Latin letters (PM2.5, G60, 5G)."""
    readings = [m for m in _numbers(quote) if abs(float(m.group()) - float(value)) < 1e-9]
    if not readings:
        return False
    return all(
        re.match(r"[A-Za-z]", quote[m.start() - 1 : m.start()] or " ")
        or re.match(r"[A-Za-z]", quote[m.end() : m.end() + 1] or " ")
        for m in readings
    )


def describe(item) -> str:
    if isinstance(item, dict):
        return f"line {item['line']}: {item['quote']} → {item['value']} {item['unit']}"
    return f"line {item.line}: {item.quote} → {item.value} {item.unit}"


def main(argv: list[str]) -> int:
    plan = Path(argv[1]) if len(argv) > 1 else PLAN
    labels = Path(argv[2]) if len(argv) > 2 else LABELS
    report = run(plan, labels)
    print(f"plan: {plan}")
    for label, seconds in report["seconds"].items():
        print(f"{label}: {seconds * 1000:.0f} ms (best of 10)")
    print()
    print("\n\n".join(__doc__.split("\n\n")[2:]).strip())
    for name in ("targets", "baselines"):
        result = report[name]
        core, secondary = result["core"], result["secondary"]
        print(f"\n== {name}: {result['hits']} found")
        print(f"recall (core):       {core['recall']:.3f}  ({core['found']}/{core['labels']})")
        print(f"recall (secondary):  {secondary['recall']:.3f}  ({secondary['found']}/{secondary['labels']})")
        print(f"precision (contradictions):          {result['precision']:.3f}")
        print(f"precision (labelled lines, lower bound): {result['precision_labelled_lines']:.3f}")
        for label in core["missed"]:
            print(f"  missed core: {describe(label)}")
        for label in secondary["missed"]:
            print(f"  missed secondary: {describe(label)}")
        for hit, reason in result["false_hits"]:
            print(f"  false hit: {describe(hit)}  [{reason}]")
        for hit in result["unlabelled_on_labelled_lines"]:
            print(f"  unlabelled (may be held out): {describe(hit)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
