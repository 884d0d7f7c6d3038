"""Store a parsed plan: source file with its hash, text structure, footnotes, indicators and targets.

Re-importing a plan (the same title without draft/revision marks and the same period, or the plan named) stores
the next version of it and keeps what people did (see `versions.py`).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone

from planwatch.errors import PlanWatchError
from planwatch.plan.model import Plan as ParsedPlan
from planwatch.reading import read_plan
from planwatch.web.accounts import audit
from planwatch.web.plans import search
from planwatch.web.plans.models import (
    PARKED,
    Adjustment,
    Chapter,
    Footnote,
    Indicator,
    IndicatorRevision,
    Plan,
    Section,
    Target,
    Task,
)
from planwatch.web.plans.versions import normalized, same_title, task_key


def import_plan_file(path: str | Path, plan_id: int | None = None, effective_year: int | None = None) -> Plan:
    """Read a plan file with the core parser and store it (as a new version of plan `plan_id` if given, in force
    from `effective_year`)."""
    path = Path(path)
    data = path.read_bytes()
    parsed = read_plan(path)
    return store_plan(
        parsed, source_name=path.name, source_bytes=data, plan_id=plan_id, effective_year=effective_year
    )


class BadEffectiveYear(PlanWatchError):
    """The year a new version is in force from lies outside the plan period."""


def version_year(plan: Plan, year: int | None) -> int:
    """The year a new version of `plan` is in force from: the one given (within the period), else this year."""
    if year is None:
        return min(max(timezone.localdate().year, plan.period_start), plan.period_end)
    if not plan.period_start <= year <= plan.period_end:
        raise BadEffectiveYear(f"执行年份{year}不在规划期{plan.period_start}—{plan.period_end}年内")
    return year


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


class UnknownPlan(PlanWatchError):
    """`--plan ID` names no stored plan."""


def _existing(parsed: ParsedPlan, plan_id: int | None) -> Plan | None:
    """The stored plan this file is a new version of: the one named, else the same title and period."""
    if plan_id is not None:
        found = Plan.objects.filter(pk=plan_id).first()
        if found is None:
            raise UnknownPlan(f"没有编号为 {plan_id} 的规划")
        return found
    candidates = Plan.objects.filter(period_start=parsed.period_start, period_end=parsed.period_end).defer(
        "source_file", "source_text"
    )
    return next((p for p in candidates if same_title(p.title, parsed.title)), None)


@transaction.atomic
def store_plan(
    parsed: ParsedPlan,
    *,
    source_name: str,
    source_bytes: bytes,
    plan_id: int | None = None,
    effective_year: int | None = None,
) -> Plan:
    """Store a parse as a new plan, or as the next version of the plan it revises (people's work kept).

    A new version is in force from `effective_year` (default: this year): a target it changes is recorded as a
    target change from that year on, so earlier years keep the target of the version in force then."""
    digest = hashlib.sha256(source_bytes).hexdigest()
    is_text = not source_bytes.startswith((b"PK\x03\x04", b"%PDF-"))  # a .docx or PDF, whatever its name
    text = source_bytes.decode("utf-8", errors="replace") if is_text else ""
    plan = _existing(parsed, plan_id)
    since = None
    if plan is None:
        plan = Plan(title=parsed.title)
    elif plan.source_hash != digest:
        since = version_year(plan, effective_year)
        if plan.version_effective_year and since < plan.version_effective_year:
            raise BadEffectiveYear(
                f"执行年份{since}早于现行第{plan.version}版的执行年份{plan.version_effective_year}年："
                "新版本只能自现行版本生效之年或之后起执行"
            )
        plan.version += 1
        plan.version_effective_year = since
    plan.title = parsed.title
    plan.period_start, plan.period_end = parsed.period_start, parsed.period_end
    plan.source_name, plan.source_text, plan.source_hash = source_name, text, digest
    plan.source_file = source_bytes
    plan.reader_warnings = list(parsed.warnings)
    plan.save()

    # Footnotes and targets are the parser's alone: re-created.
    plan.footnotes.all().delete()
    plan.targets.all().delete()
    Footnote.objects.bulk_create(
        Footnote(plan=plan, number=f.number, term=f.term, definition=f.definition, line=f.line)
        for f in parsed.footnotes
    )
    Target.objects.bulk_create(_target(plan, t.to_json()) for t in parsed.targets)
    unmatched_tasks = _store_text(plan, parsed)
    unmatched_indicators, conflicts = _store_indicators(plan, parsed, since)
    plan.import_review = {
        "version": plan.version,
        "effective_year": plan.version_effective_year,
        "source_name": source_name,
        "unmatched_tasks": unmatched_tasks,
        "unmatched_indicators": unmatched_indicators,
        "conflicts": conflicts,
    }
    plan.save(update_fields=["import_review"])
    return plan


def _pop(pool: dict[str, list], key: str):
    found = pool.get(key)
    return found.pop(0) if found else None


def _store_text(plan: Plan, parsed: ParsedPlan) -> list[dict]:
    """Chapters, sections and tasks matched by title (tasks without one by text); returns the tasks kept detached."""
    chapters: dict[str, list] = {}
    for chapter in Chapter.all_objects.filter(plan=plan).order_by("number", "id"):
        chapters.setdefault(normalized(chapter.title), []).append(chapter)
    sections: dict[str, list] = {}
    for section in Section.all_objects.filter(chapter__plan=plan).order_by("order", "id"):
        sections.setdefault(f"{normalized(section.chapter.title)}|{normalized(section.title)}", []).append(
            section
        )
    tasks: dict[str, list] = {}
    for task in Task.all_objects.filter(plan=plan).order_by("order", "id"):
        tasks.setdefault(task_key(task.title, task.text), []).append(task)

    order = 0
    for parsed_chapter in parsed.chapters:
        chapter = _pop(chapters, normalized(parsed_chapter.title)) or Chapter(plan=plan)
        chapter.number, chapter.title, chapter.line = (
            parsed_chapter.number,
            parsed_chapter.title,
            parsed_chapter.line,
        )
        chapter.detached = False
        chapter.save()
        for item in parsed_chapter.items:
            order += 1
            _save_task(tasks, plan, chapter, None, item, order)
        for position, parsed_section in enumerate(parsed_chapter.sections):
            key = f"{normalized(parsed_chapter.title)}|{normalized(parsed_section.title)}"
            section = _pop(sections, key) or Section()
            section.chapter = chapter
            section.number, section.level = parsed_section.number, parsed_section.level
            section.title, section.line, section.order = parsed_section.title, parsed_section.line, position
            section.detached = False
            section.save()
            for item in parsed_section.items:
                order += 1
                _save_task(tasks, plan, chapter, section, item, order)

    # What the new file no longer holds: kept (detached) where people's work hangs on it, else removed.
    kept = []
    for task in (t for group in tasks.values() for t in group):
        if task.assignments.exists():
            task.detached = True
            task.save(update_fields=["detached"])
            kept.append({"id": task.pk, "title": task.title or task.text[:60], "line": task.line})
        else:
            task.delete()
    for section in (s for group in sections.values() for s in group):
        if Task.all_objects.filter(section=section).exists():
            Section.all_objects.filter(pk=section.pk).update(detached=True)
        else:
            section.delete()
    for chapter in (c for group in chapters.values() for c in group):
        if Task.all_objects.filter(chapter=chapter).exists():
            Chapter.all_objects.filter(pk=chapter.pk).update(detached=True)
        else:
            chapter.delete()
    return kept


def _save_task(pool: dict[str, list], plan, chapter, section, item, order: int) -> None:
    fresh = _task(plan, chapter, section, item, order)
    task = _pop(pool, task_key(fresh.title, fresh.text))
    if task is None:
        fresh.save()
        return
    for name in ("chapter", "section", "title", "text", "line", "order", "search_words"):
        setattr(task, name, getattr(fresh, name))
    task.detached = False
    task.save()


def _store_indicators(plan: Plan, parsed: ParsedPlan, since: int | None) -> tuple[list[dict], list[dict]]:
    """Indicators matched by name (a renamed one by its number); corrected fields stand and disagreements are listed.

    With `since` (a new version), a target the file changes becomes a target change in force from that year."""
    stored = list(Indicator.all_objects.filter(plan=plan, detached=False).order_by("number"))
    Indicator.all_objects.filter(pk__in=[i.pk for i in stored]).update(number=models.F("number") + PARKED)
    for indicator in stored:
        indicator.number += PARKED
    by_name: dict[str, list] = {}
    for indicator in stored:
        by_name.setdefault(normalized(indicator.name), []).append(indicator)
    by_number = {i.number: i for i in stored if "name" in i.corrected}
    matched: set[int] = set()
    conflicts = []
    for parsed_indicator in parsed.indicators:
        fields = _indicator_fields(parsed_indicator)
        indicator = _pop(by_name, normalized(parsed_indicator.name))
        if indicator is None or indicator.pk in matched:
            candidate = by_number.get(parsed_indicator.number)
            indicator = candidate if candidate is not None and candidate.pk not in matched else None
        if indicator is None:
            added = Indicator.objects.create(plan=plan, number=parsed_indicator.number, **fields)
            if since is not None:
                _record_revision(plan, added, since, IndicatorRevision.ADDED)
            continue
        matched.add(indicator.pk)
        before = {name: getattr(indicator, name) for name in REVISED_FIELDS}
        before["number"] = indicator.listed_number
        indicator.number = parsed_indicator.number
        target = _record_target_change(plan, indicator, fields, since) if since is not None else None
        for name, value in fields.items():
            if name in indicator.corrected:
                indicator.original[name] = value  # the file's own value (纲要原文), kept beside the person's
                if getattr(indicator, name) != value:
                    conflicts.append(
                        {
                            "indicator": indicator.pk,
                            "number": parsed_indicator.number,
                            "name": indicator.name,
                            "field": name,
                            "file": value,
                            "person": getattr(indicator, name),
                        }
                    )
                continue
            setattr(indicator, name, value)
        indicator.detached = False
        # not a person's correction: the import's own event (and a version's IndicatorRevision) records it; the
        # signal would also read the parked number as a change (序号 100001 → 1)
        with audit.written_by_caller(indicator):
            indicator.save()
        if since is not None:
            changed = [name for name in REVISED_FIELDS if getattr(indicator, name) != before[name]]
            if changed or target:
                _record_revision(
                    plan,
                    indicator,
                    since,
                    IndicatorRevision.CHANGED,
                    {name: before[name] for name in changed},
                    {name: getattr(indicator, name) for name in changed},
                    target,
                )
    unmatched = []
    for indicator in stored:
        if indicator.pk in matched:
            continue
        indicator.detached = True  # its number stays parked: a new row may hold it now
        with audit.written_by_caller(indicator):
            indicator.save()
        number = indicator.listed_number
        if since is not None:
            _record_revision(plan, indicator, since, IndicatorRevision.DROPPED, {"number": number})
        unmatched.append({"id": indicator.pk, "number": number, "name": indicator.name})
    return unmatched, conflicts


# What a new version may change about an indicator besides its target (which is an Adjustment), each in force from
# the version's effective year; a field a person corrected is the person's, not the file's, and never changes here.
REVISED_FIELDS = (
    "number",
    "name",
    "unit",
    "attribute",
    "kind",
    "target_year",
    "comparator",
    "direction",
    "baseline_value",
    "baseline_year",
    "parts",
    "reference",
)


def _record_revision(
    plan: Plan,
    indicator: Indicator,
    since: int,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    target: tuple[str, str] | None = None,
) -> None:
    """What version `plan.version` changed about the indicator, in force from `since`."""
    after = dict(after or {})
    if target is not None:
        after["target_text"] = list(target)  # shown beside the fields; the target itself is the Adjustment
    IndicatorRevision.objects.create(
        indicator=indicator,
        plan_version=plan.version,
        effective_year=since,
        action=action,
        before=before or {},
        after=after,
    )


_TARGET_FIELDS = ("target_text", "target_value")


def _record_target_change(
    plan: Plan, indicator: Indicator, fields: dict, since: int
) -> tuple[str, str] | None:
    """A target the new version changes (and no person corrected): an approved change from `since` on.

    Returns (old, new) target text when there was one."""
    if any(name in indicator.corrected for name in _TARGET_FIELDS):
        return None
    if all(getattr(indicator, name) == fields[name] for name in _TARGET_FIELDS):
        return None
    indicator.target_version += 1
    Adjustment.objects.create(
        indicator=indicator,
        old_target_text=indicator.target_text,
        old_target_value=indicator.target_value,
        new_target_text=fields["target_text"],
        new_target_value=fields["target_value"],
        reason=f"重新导入规划第{plan.version}版（{plan.source_name}），自{since}年起执行",
        effective_year=since,
        plan_version=plan.version,
        state=Adjustment.APPROVED,
        decided_at=timezone.now(),
        version=indicator.target_version,
    )
    return indicator.target_text, fields["target_text"]


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
