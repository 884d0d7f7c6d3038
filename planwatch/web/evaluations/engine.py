"""Run the core evaluation on what is stored: the plan with planners' corrections, approved observations,
and the target version in force (规划调整)."""

from __future__ import annotations

import copy
import datetime
import threading

from django.db.models import Q

from planwatch.plan.model import Baseline, TargetValue
from planwatch.plan.model import Plan as ParsedPlan
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.importer import parse_stored_plan
from planwatch.web.plans.models import Plan

_parsed_cache: dict[str, ParsedPlan] = {}
_lock = threading.Lock()


class EngineUnavailable(Exception):
    """The core evaluation engine is not installed in this version."""


def engine():
    try:
        from planwatch import evaluate
    except ImportError as error:  # pragma: no cover - depends on the core's progress
        raise EngineUnavailable(str(error)) from None
    needed = ("evaluate_plan", "evaluation_to_json")
    if not all(hasattr(evaluate, name) for name in needed):
        raise EngineUnavailable("planwatch.evaluate 尚未提供 evaluate_plan")
    return evaluate


def engine_ready() -> bool:
    try:
        engine()
    except EngineUnavailable:
        return False
    return True


def parsed_plan(plan: Plan) -> ParsedPlan:
    """The parse of the stored source, with the planning office's corrections applied to its indicators."""
    with _lock:
        if plan.source_hash not in _parsed_cache:
            _parsed_cache[plan.source_hash] = parse_stored_plan(plan)
        parsed = copy.deepcopy(_parsed_cache[plan.source_hash])
    stored = {i.number: i for i in plan.indicators.all()}
    for indicator in parsed.indicators:
        row = stored.get(indicator.number)
        if row is None:
            continue
        indicator.name, indicator.unit = row.name, row.unit
        indicator.attribute, indicator.kind, indicator.direction = row.attribute, row.kind, row.direction
        indicator.target_text = row.target_text
        if row.target_version == 1:
            indicator.target = TargetValue(row.target_value, row.comparator)
        if row.baseline_value is not None:
            year = row.baseline_year or plan.base_year
            indicator.baseline = Baseline(value=row.baseline_value, year=year, line=indicator.line)
    return parsed


def core_settings(plan: Plan):
    """Plan tolerances and, for every adjusted indicator, the target in force with its version name."""
    from planwatch.evaluate.settings import IndicatorSettings, Settings

    overrides = {}
    for indicator in plan.indicators.filter(Q(target_version__gt=1) | ~Q(path_shape="")):
        adjusted = indicator.target_version > 1
        overrides[indicator.number] = IndicatorSettings(
            path=indicator.path_shape or None,
            target=TargetValue(indicator.target_value, indicator.comparator) if adjusted else None,
            target_version=f"第{indicator.target_version}版（规划调整后）" if adjusted else None,
        )
    return Settings(
        tolerance=plan.progress_tolerance, growth_tolerance=plan.growth_tolerance_pp, indicators=overrides
    )


def approved_observations(plan: Plan, through_year: int | None = None):
    rows = Observation.objects.filter(indicator__plan=plan, state=Observation.APPROVED).select_related(
        "indicator"
    )
    if through_year is not None:
        rows = rows.filter(year__lte=through_year)
    return rows


def core_observations(rows):
    from planwatch.evaluate.observations import Observation as CoreObservation
    from planwatch.evaluate.observations import Observations

    return Observations(
        CoreObservation(
            indicator=row.indicator.number,
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


def evaluate_stored(plan: Plan, year: int) -> dict:
    """The evaluation JSON (INTERFACES.md §2) with which target versions and observations were used."""
    core = engine()
    rows = list(approved_observations(plan, year))
    parsed = parsed_plan(plan)
    result = core.evaluate_plan(parsed, core_observations(rows), year, core_settings(plan))
    data = core.evaluation_to_json(result)
    data["targets_used"] = {
        str(i.number): {
            "version": i.target_version,
            "target_text": i.target_text,
            "target_value": i.target_value,
        }
        for i in plan.indicators.all()
    }
    data["observations_used"] = [
        {
            "id": r.pk,
            "indicator": r.indicator.number,
            "year": r.year,
            "vintage": r.vintage.isoformat(),
            "illustrative": r.is_illustrative,
        }
        for r in rows
    ]
    data["evaluated_at"] = datetime.datetime.now(datetime.UTC).isoformat()
    return data
