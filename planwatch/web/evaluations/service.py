"""The evaluation of what is stored: the core plan built from the stored (corrected) rows, approved observations,
adjustments in force and planners' overrides, all handed to `planwatch.evaluate.service`, which decides every
verdict, count, order and chart series. This module only reads rows and keeps the result per data stamp."""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass, replace

from django.db.models import Max
from django.utils import timezone

from planwatch.errors import PlanWatchError
from planwatch.evaluate import Observation as CoreObservation
from planwatch.evaluate import Observations, Override, Settings
from planwatch.evaluate.results import Evaluation
from planwatch.evaluate.service import TargetChange, evaluate_version, evaluation_view
from planwatch.evaluate.settings import IndicatorSettings
from planwatch.evaluate.versions import DROPPED, InForce, renumbered_only, revision_text
from planwatch.evaluate.versions import IndicatorRevision as CoreRevision
from planwatch.plan.model import Baseline, Part, TargetValue
from planwatch.plan.model import Indicator as CoreIndicator
from planwatch.plan.model import Plan as CorePlan
from planwatch.vocabulary import attribute_label
from planwatch.web.evaluations.cache import stored_evaluation
from planwatch.web.evaluations.models import VerdictOverride
from planwatch.web.monitoring.models import Observation
from planwatch.web.params import number_or_none
from planwatch.web.plans import links
from planwatch.web.plans.models import Adjustment, Indicator, IndicatorRevision, Plan

log = logging.getLogger(__name__)


def core_indicator(row: Indicator, original: Adjustment | None = None) -> CoreIndicator:
    """The stored indicator as the core sees it; `original` is the first approved adjustment, whose old target
    is the plan's own (the stored row holds the latest one)."""
    target = TargetValue(row.target_value, row.comparator)
    target_text = row.target_text
    if original is not None:
        target = TargetValue(original.old_target_value, row.comparator)
        target_text = original.old_target_text
    baseline = None
    if row.baseline_value is not None:
        year = row.baseline_year or row.plan.base_year
        baseline = Baseline(value=row.baseline_value, year=year, line=row.line)
    return CoreIndicator(
        number=row.number,
        name=row.name,
        unit=row.unit,
        attribute=row.attribute,
        kind=row.kind,
        target_text=target_text,
        target_year=row.target_year,
        target=target,
        parts=[Part(p["name"], p["value"], p.get("comparator") or ">=") for p in row.parts or []],
        baseline=baseline,
        direction=row.direction or None,
        base_year=row.plan.base_year,
        reference=row.reference,
        line=row.line,
    )


def _approved_adjustments(plan: Plan) -> list[Adjustment]:
    return list(
        Adjustment.objects.filter(indicator__plan=plan, state=Adjustment.APPROVED)
        .select_related("indicator", "indicator__plan")
        .defer("indicator__plan__source_file", "indicator__plan__source_text")
        .order_by("indicator__number", "version", "id")
    )


def core_plan(plan: Plan) -> CorePlan:
    """The plan from its stored rows, every correctable field as the planning office left it (no re-parse)."""
    first: dict[int, Adjustment] = {}
    for adjustment in _approved_adjustments(plan):
        first.setdefault(adjustment.indicator_id, adjustment)
    rows = plan.indicators.select_related("plan").order_by("number")
    return CorePlan(
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        indicators=[core_indicator(row, first.get(row.pk)) for row in rows],
    )


def target_changes(plan: Plan) -> list[TargetChange]:
    """Every approved adjustment (and target changed by a new plan version), in force from its effective year on
    (one without a year: from the year it was decided)."""
    changes = []
    for adjustment in _approved_adjustments(plan):
        changes.append(
            TargetChange(
                indicator=adjustment.indicator.number,
                effective_year=effective_year(adjustment),
                # no comparator: the one of the plan version in force in the year evaluated
                target=TargetValue(adjustment.new_target_value, None),
                target_text=adjustment.new_target_text,
                version=adjustment.version or 2,
                document=adjustment.document_number,
                plan_version=adjustment.plan_version,
            )
        )
    return changes


def _core_fields(values: dict, row: Indicator) -> dict:
    """Stored field values of a revision as the core's Indicator fields (base value and year → one baseline)."""
    found = {}
    for name, value in values.items():
        if name in ("baseline_value", "baseline_year", "target_text"):
            continue
        if name == "parts":
            value = [Part(p["name"], p["value"], p.get("comparator") or ">=") for p in value or []]
        found[name] = (value or None) if name == "direction" else value
    if "baseline_value" in values or "baseline_year" in values:
        base = values.get("baseline_value", row.baseline_value)
        year = values.get("baseline_year", row.baseline_year) or row.plan.base_year
        found["baseline"] = None if base is None else Baseline(value=base, year=year, line=row.line)
    return found


def revisions(plan: Plan) -> list[CoreRevision]:
    """What each new version of the plan file changed, added or dropped, for the core to take back by year."""
    return [revision for _, revision in _revision_pairs(plan)]


def _revision_pairs(plan: Plan) -> list[tuple[IndicatorRevision, CoreRevision]]:
    found = []
    rows = (
        IndicatorRevision.objects.filter(indicator__plan=plan)
        .select_related("indicator", "indicator__plan")
        .defer("indicator__plan__source_file", "indicator__plan__source_text")
    )
    first: dict[int, Adjustment] = {}
    for adjustment in _approved_adjustments(plan):
        first.setdefault(adjustment.indicator_id, adjustment)
    for row in rows:
        indicator = row.indicator
        target = row.after.get("target_text")
        dropped = None
        if row.action == IndicatorRevision.DROPPED:
            dropped = replace(
                core_indicator(indicator, first.get(indicator.pk)), number=row.before.get("number", 0)
            )
        found.append(
            (
                row,
                CoreRevision(
                    key=indicator.number,
                    plan_version=row.plan_version,
                    effective_year=row.effective_year,
                    action=row.action,
                    before=_core_fields(row.before, indicator)
                    if row.action == IndicatorRevision.CHANGED
                    else {},
                    after=_core_fields(row.after, indicator),
                    indicator=dropped,
                    target=tuple(target) if target else None,
                ),
            )
        )
    return found


def revision_texts(plan: Plan, indicator: Indicator | None = None) -> list[dict]:
    """What each version changed (第2版自2024年起：属性 预期性→约束性；目标 ≥60 → ≥65), newest first, for pages;
    within a version, real changes before indicators only renumbered (序号 9→8)."""
    found = []
    pairs = sorted(
        _revision_pairs(plan),
        key=lambda pair: (-pair[1].plan_version, renumbered_only(pair[1]), pair[1].key),
    )
    for row, revision in pairs:
        if indicator is None or row.indicator_id == indicator.pk:
            found.append(
                {
                    "indicator": row.indicator,
                    "number": row.before.get("number", row.indicator.listed_number)
                    if row.action == IndicatorRevision.DROPPED
                    else row.indicator.listed_number,
                    "action": row.get_action_display(),
                    "dropped": row.action == IndicatorRevision.DROPPED,
                    "plan_version": revision.plan_version,
                    "text": revision_text(revision),
                    "renumbered_only": renumbered_only(revision),
                }
            )
    return found


def effective_year(adjustment: Adjustment) -> int:
    """The year an approved adjustment is in force from."""
    if adjustment.effective_year:
        return adjustment.effective_year
    if adjustment.decided_at:
        return timezone.localtime(adjustment.decided_at).year
    return adjustment.indicator.plan.period_start


def core_settings(plan: Plan) -> Settings:
    """The plan's tolerances and each indicator's chosen path shape."""
    shapes: dict[int, IndicatorSettings] = {}
    for row in plan.indicators.only(
        "number", "path_shape", "corrected", "original", "target_value", "comparator"
    ):
        if row.path_shape:
            shapes[row.number] = IndicatorSettings(path=row.path_shape)
        if (
            "target_value" in row.corrected and row.target_value is not None
        ):  # a person's target names itself, with the file's beside it
            shapes[row.number] = replace(
                shapes.get(row.number, IndicatorSettings()),
                target=TargetValue(row.target_value, row.comparator),
                target_version=corrected_target_label(row),
            )
    return Settings(
        tolerance=plan.progress_tolerance, growth_tolerance=plan.growth_tolerance_pp, indicators=shapes
    )


def corrected_target_label(row: Indicator) -> str:
    """人工更正（纲要原文：19.5）: the version name of a target a person corrected."""
    original = row.original.get("target_text") or row.original.get("target_value")
    if isinstance(original, float) and original.is_integer():
        original = int(original)
    return f"人工更正（纲要原文：{original}）" if original not in (None, "") else "人工更正"


def core_overrides(plan: Plan, year: int) -> dict[int, Override]:
    """The latest planner's verdict per indicator for the year."""
    found: dict[int, Override] = {}
    rows = VerdictOverride.objects.filter(indicator__plan=plan, year=year).select_related(
        "indicator", "created_by"
    )
    for row in rows:  # newest first (the model's ordering)
        if row.indicator.number not in found:
            by = row.created_by
            found[row.indicator.number] = Override(
                status=row.status,
                reason=row.reason,
                by=(by.get_full_name() or by.username) if by else None,
                at=row.created_at,
            )
    return found


def approved_observations(plan: Plan, through_year: int | None = None):
    """The approved figures the plan reads: its own and, through a link, another plan's (links.py)."""
    rows = Observation.objects.filter(
        links.observation_filter(plan), state=Observation.APPROVED
    ).select_related("indicator")
    if through_year is not None:
        rows = rows.filter(year__lte=through_year)
    return rows


def core_observations(rows, numbers: dict[int, int] | None = None) -> Observations:
    """The rows as the core reads them; `numbers` maps a linked indicator of another plan to this plan's number."""
    numbers = numbers or {}
    return Observations(
        CoreObservation(
            indicator=numbers.get(row.indicator_id) or row.indicator.number,
            year=row.year,
            value=row.value,
            measure=row.measure,
            series=row.series or None,
            unit=row.unit or None,
            source=row.source or None,
            note=row.note or None,
            vintage=row.vintage,
            row=row.pk,
        )
        for row in rows
    )


@dataclass
class StoredEvaluation:
    """What one evaluation of the stored data used and produced."""

    plan: CorePlan  # with the target texts in force in that year
    evaluation: Evaluation
    observations: Observations
    rows: list  # the approved Observation rows used
    in_force: InForce | None = None  # the plan version in force that year, what it changed, what it left out
    targets_by_year: dict[int, dict[int, float]] | None = (
        None  # number → year → target in force, when changed
    )


def evaluate(plan: Plan, year: int) -> StoredEvaluation:
    """The core's evaluation of the stored plan as of `year` (targets in force then, overrides applied)."""
    rows = list(approved_observations(plan, year))
    observations = core_observations(rows, links.numbers_by_indicator(plan))
    done = evaluate_version(
        core_plan(plan),
        observations,
        year,
        core_settings(plan),
        target_changes(plan),
        core_overrides(plan, year),
        revisions(plan),
        first_version=1,
    )
    return StoredEvaluation(
        done.plan, done.evaluation, done.observations, rows, done.in_force, done.targets_by_year
    )


def evaluation_json(plan: Plan, year: int) -> dict:
    """The core's view of the evaluation (INTERFACES.md §2 and more) with the target versions and figures used."""
    done = evaluate(plan, year)
    data = evaluation_view(
        done.plan, done.evaluation, done.observations, targets_by_year=done.targets_by_year
    )
    numbers = done.in_force.numbers
    in_force = {
        numbers[c.indicator]: c
        for c in target_changes(plan)
        if c.effective_year <= year and c.indicator in numbers
    }
    by_number = {i.number: i for i in done.plan.indicators}
    _name_versions(plan, data, done.in_force)
    data["targets_used"] = {
        str(number): {
            "version": in_force[number].version if number in in_force else 1,
            "target_text": indicator.target_text,
            "target_value": in_force[number].target.value if number in in_force else indicator.target.value,
        }
        for number, indicator in by_number.items()
    }
    linked = links.numbers_by_indicator(plan)
    data["observations_used"] = [
        {
            "id": r.pk,
            "indicator": numbers.get(linked.get(r.indicator_id) or r.indicator.number),
            "year": r.year,
            "vintage": r.vintage.isoformat(),
            "illustrative": r.is_illustrative,
        }
        for r in done.rows
    ]
    data["evaluated_at"] = datetime.datetime.now(datetime.UTC).isoformat()
    return data


def _name_versions(plan: Plan, data: dict, in_force: InForce) -> None:
    """Each verdict names its stored indicator (`indicator_id`: numbers change between versions) and what the
    version in force changed about it; the evaluation names the version in force and what it leaves out."""
    ids = dict(
        Indicator.all_objects.filter(plan=plan, number__in=list(in_force.numbers)).values_list("number", "pk")
    )
    by_number = {number: ids.get(key) for key, number in in_force.numbers.items()}
    for row in data["indicators"]:
        row["indicator_id"] = by_number.get(row["number"])
        key = next((k for k, n in in_force.numbers.items() if n == row["number"]), None)
        row["version_note"] = in_force.notes.get(key, "")
        row["version_brief"] = in_force.brief.get(key, "")
        row["attribute_zh"] = row.get("attribute_zh") or attribute_label(row.get("attribute"))
    data["plan_version"] = {
        "version": in_force.version,
        "since": in_force.since,
        "label": f"第{in_force.version}版" + (f"（自{in_force.since}年起执行）" if in_force.since else ""),
        "latest": plan.version,
    }
    out_ids = dict(
        Indicator.all_objects.filter(
            plan=plan, number__in=[o.key for o in in_force.out_of_force]
        ).values_list("number", "pk")
    )
    data["not_in_force"] = [
        {
            "indicator_id": out_ids.get(o.key),
            "number": o.number,
            "name": o.name,
            "action": o.action,
            "since": o.effective_year,
            "plan_version": o.plan_version,
            "label": o.label,
        }
        for o in in_force.out_of_force
    ]


def verdict_for(data: dict | None, indicator: Indicator) -> dict | None:
    """The verdict of a stored indicator in an evaluation (by its id; an evaluation stored before versions by year
    has none, then by number)."""
    rows = (data or {}).get("indicators", [])
    if any("indicator_id" in row for row in rows):
        return next((row for row in rows if row.get("indicator_id") == indicator.pk), None)
    return next((row for row in rows if row.get("number") == indicator.number), None)


def not_in_force_of(data: dict | None, indicator: Indicator) -> dict | None:
    """Why a stored indicator has no verdict in the year: dropped by a version in force, or not yet listed."""
    return next(
        (o for o in (data or {}).get("not_in_force", []) if o.get("indicator_id") == indicator.pk), None
    )


def chart_of(plan: Plan, indicator: Indicator, verdict: dict | None, evaluation: dict | None) -> dict:
    """The year's chart; for an indicator a version in force has dropped, the chart of the last year it was
    evaluated (its figures stay on the page, so the page must not say there are none)."""
    if verdict is not None:
        return {"chart": chart_json(verdict), "chart_year": None}
    out = not_in_force_of(evaluation, indicator)
    if out is None or out.get("action") != DROPPED or out["since"] - 1 < plan.period_start:
        return {"chart": "", "chart_year": None}
    last_year = out["since"] - 1
    last, _ = evaluation_data(plan, last_year)
    chart = chart_json(verdict_for(last, indicator))
    return {"chart": chart, "chart_year": last_year if chart else None}


def evaluation_data(plan: Plan, year: int, fresh: bool = False) -> tuple[dict | None, str | None]:
    """(the evaluation as pages show it, None) or (None, a message in Chinese when it could not run).

    Reused while the plan's data is unchanged (evaluations.cache); `fresh` recomputes (an archived run).
    """
    try:
        data = evaluation_json(plan, year) if fresh else stored_evaluation(plan, year, evaluation_json)
    except (PlanWatchError, ValueError) as error:
        log.warning("evaluation of plan %s for %s failed: %s", plan.pk, year, error)
        return None, f"评估未能完成：{error}"
    return data, None


def indicator_rows(data: dict | None) -> list[dict]:
    """The evaluation's indicators in the core's attention order."""
    if not data:
        return []
    by_number = {row["number"]: row for row in data.get("indicators", [])}
    return [by_number[n] for n in data.get("order", by_number) if n in by_number]


def chosen_year(params, plan: Plan) -> int:
    """`year` of the request's parameters when it lies in the plan's period, else the latest year with data."""
    year = number_or_none(params.get("year", ""))
    if year is not None and plan.period_start <= year <= plan.period_end:
        return year
    return current_year(plan)


def current_year(plan: Plan) -> int:
    """The latest year with approved data, within the plan period."""
    latest = Observation.objects.filter(indicator__plan=plan, state=Observation.APPROVED).aggregate(
        y=Max("year")
    )["y"]
    if latest is None:
        return plan.period_start
    return max(plan.period_start, min(latest, plan.period_end))


def chart_json(verdict: dict | None) -> str:
    """The core's chart series of a verdict for the page's chart, or "" when there is nothing to draw (no figure, no
    expected path, no standard line): the page then says so instead of an empty frame."""
    chart = (verdict or {}).get("chart") or {}
    drawn = any(chart.get(key) for key in ("observed", "expected", "projection", "standards"))
    return json.dumps(chart, ensure_ascii=False) if drawn else ""
