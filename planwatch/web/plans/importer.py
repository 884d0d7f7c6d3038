"""Store a parsed plan: source file with its hash, text structure, footnotes, indicators and targets.

Re-importing the same plan updates what the parser found but keeps every field a planner corrected.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from django.db import transaction

from planwatch.plan.model import Plan as ParsedPlan
from planwatch.reading import read_plan
from planwatch.web.plans import search
from planwatch.web.plans.models import Chapter, Footnote, Indicator, Plan, Section, Target, Task


def import_plan_file(path: str | Path) -> Plan:
    """Read a plan file with the core parser and store it."""
    path = Path(path)
    data = path.read_bytes()
    parsed = read_plan(path)
    return store_plan(parsed, source_name=path.name, source_bytes=data)


def parse_stored_plan(plan: Plan) -> ParsedPlan:
    """Parse the stored source again (the core reads files, so write it to a temporary one)."""
    suffix = Path(plan.source_name).suffix or ".txt"
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / f"plan{suffix}"
        file.write_bytes(bytes(plan.source_file))
        return read_plan(file)


def _indicator_fields(parsed) -> dict:
    baseline = parsed.baseline
    return {
        "name": parsed.name,
        "unit": parsed.unit or "",
        "attribute": parsed.attribute,
        "kind": parsed.kind,
        "target_text": parsed.target_text,
        "target_year": parsed.target_year,
        "target_value": parsed.target.value,
        "comparator": parsed.target.comparator,
        "direction": parsed.direction,
        "baseline_value": baseline.value if baseline else None,
        "baseline_year": baseline.year if baseline else None,
        "parts": [{"name": p.name, "value": p.value, "comparator": p.comparator} for p in parsed.parts],
        "reference": parsed.reference,
        "line": parsed.line,
    }


@transaction.atomic
def store_plan(parsed: ParsedPlan, *, source_name: str, source_bytes: bytes) -> Plan:
    digest = hashlib.sha256(source_bytes).hexdigest()
    is_text = Path(source_name).suffix.lower() != ".docx"
    text = source_bytes.decode("utf-8", errors="replace") if is_text else ""
    plan = Plan.objects.filter(title=parsed.title).first() or Plan(title=parsed.title)
    plan.period_start, plan.period_end = parsed.period_start, parsed.period_end
    plan.source_name, plan.source_text, plan.source_hash = source_name, text, digest
    plan.source_file = source_bytes
    plan.save()

    # Text structure is re-created from the parse; nothing in it is corrected by people.
    plan.chapters.all().delete()
    plan.footnotes.all().delete()
    plan.targets.all().delete()
    order = 0
    tasks = []
    for parsed_chapter in parsed.chapters:
        chapter = Chapter.objects.create(
            plan=plan, number=parsed_chapter.number, title=parsed_chapter.title, line=parsed_chapter.line
        )
        for item in parsed_chapter.items:
            order += 1
            tasks.append(_task(plan, chapter, None, item, order))
        for position, parsed_section in enumerate(parsed_chapter.sections):
            section = Section.objects.create(
                chapter=chapter,
                number=parsed_section.number,
                level=parsed_section.level,
                title=parsed_section.title,
                line=parsed_section.line,
                order=position,
            )
            for item in parsed_section.items:
                order += 1
                tasks.append(_task(plan, chapter, section, item, order))
    Task.objects.bulk_create(tasks)
    Footnote.objects.bulk_create(
        Footnote(plan=plan, number=f.number, term=f.term, definition=f.definition, line=f.line)
        for f in parsed.footnotes
    )
    Target.objects.bulk_create(_target(plan, t.to_json()) for t in parsed.targets)

    for parsed_indicator in parsed.indicators:
        fields = _indicator_fields(parsed_indicator)
        indicator = Indicator.objects.filter(plan=plan, number=parsed_indicator.number).first()
        if indicator is None:
            Indicator.objects.create(plan=plan, number=parsed_indicator.number, **fields)
            continue
        changed = False
        for name, value in fields.items():
            if name in indicator.corrected or getattr(indicator, name) == value:
                continue
            setattr(indicator, name, value)
            changed = True
        if changed:
            indicator.save()
    return plan


def _task(plan, chapter, section, item, order) -> Task:
    return Task(
        plan=plan,
        chapter=chapter,
        section=section,
        title=(item.title or "")[:300],
        text=item.text,
        line=item.line,
        order=order,
        search_words=search.segment(f"{item.title or ''} {item.text}"),
    )


def _target(plan, data: dict) -> Target:
    return Target(
        plan=plan,
        metric=str(data.get("metric", ""))[:200],
        value=data.get("value") or 0.0,
        value_max=data.get("value_max"),
        unit=data.get("unit") or "",
        comparator=data.get("comparator") or "",
        year=data.get("year"),
        per_year=bool(data.get("per_year")),
        line=data.get("line") or 0,
        quote=str(data.get("quote", ""))[:500],
    )
