"""The plan as the JSON of INTERFACES.md §1 (fields may be added, never renamed or removed)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from planwatch.plan.model import Indicator, Plan


def _indicator(indicator: Indicator) -> dict[str, Any]:
    data = {
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": indicator.attribute,
        "kind": indicator.kind,
        "target_text": indicator.target_text,
        "target_year": indicator.target_year,
        "target": {"value": indicator.target.value, "comparator": indicator.target.comparator},
        "parts": [asdict(part) for part in indicator.parts],
        "baseline": None,
        "direction": indicator.direction,
        "category": indicator.category,
        "reference": indicator.reference,
        "line": indicator.line,
    }
    if indicator.baseline:
        data["baseline"] = {
            key: value
            for key, value in asdict(indicator.baseline).items()
            if value is not None or key in ("value", "year", "line")
        }
    return data


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "chapters": [
            {
                "number": chapter.number,
                "title": chapter.title,
                "line": chapter.line,
                "sections": [asdict(section) for section in chapter.sections],
                "items": [asdict(item) for item in chapter.items],
            }
            for chapter in plan.chapters
        ],
        "footnotes": [asdict(footnote) for footnote in plan.footnotes],
        "tables": [
            {
                "caption": t.caption,
                "kind": t.kind,
                "header": t.header,
                "rows": t.rows,
                "line": t.line,
                "chapter": t.chapter,
                "row_lines": t.row_lines,
            }
            for t in plan.tables
        ],
        "boxes": [asdict(box) for box in plan.boxes],
        "figures": [asdict(figure) for figure in plan.figures],
        "indicators": [_indicator(indicator) for indicator in plan.indicators],
        "targets": [target.to_json() for target in plan.targets],
        "baselines": [baseline.to_json() for baseline in plan.baselines],
        "preface": [asdict(item) for item in plan.preface],
        "warnings": plan.warnings,
    }
