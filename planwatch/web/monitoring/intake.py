"""One intake for observations: rows from the entry form, an Excel upload or the API go through the core's
validator (planwatch.evaluate.observations: numbers, units and their conversions, years, series, duplicates, with
Chinese messages) and are stored by one function. Each channel only says where a row came from."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from planwatch.errors import ObservationError
from planwatch.evaluate import Observation as CoreObservation
from planwatch.evaluate import check_observation_rows
from planwatch.evaluate.observations import find_columns
from planwatch.evaluate.plausibility import DEFAULT_JUMP_FACTOR, Rule, checks
from planwatch.evaluate.service import reported_measure
from planwatch.evaluate.units import normalize
from planwatch.vocabulary import OBSERVATION_COLUMN_ZH
from planwatch.web.evaluations.service import approved_observations, core_observations, core_plan
from planwatch.web.monitoring.models import Observation, ReportingRound, ValidationRule
from planwatch.web.plans import links
from planwatch.web.plans.models import Indicator, Plan

log = logging.getLogger("planwatch.intake")

COLUMNS = ["indicator", "year", "value", "measure", "series", "unit", "source", "note"]
TEXT_COLUMNS = ("measure", "series", "unit", "source", "note")
# Storage limits of the text fields, from the model (a longer text is refused, never cut).
LIMITS = {name: Observation._meta.get_field(name).max_length for name in ("series", "unit", "source")} | {
    "note": 2000
}


@dataclass
class Intake:
    """What a channel handed in: the rows the core accepted, and every problem with its place, in Chinese."""

    accepted: list[CoreObservation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows left empty (a template's unfilled rows)
    # (row, column, message) of each problem, for a channel that marks the field (the entry form)
    problems: list[tuple[int | None, str | None, str]] = field(default_factory=list)


def measure_for(indicator: Indicator) -> str:
    """What the department reports for the indicator (the core decides from the kind and the approved figures)."""
    plan = indicator.plan
    numbers = {indicator.pk: indicator.number}
    for other in links.partners(plan).get(indicator.pk, []):
        numbers[other.pk] = indicator.number
    observations = core_observations(approved_observations(plan).filter(indicator_id__in=numbers), numbers)
    return reported_measure(indicator.kind, indicator.number, observations, plan.base_year)


def unit_for(indicator: Indicator, measure: str) -> str:
    return "%" if measure in ("growth_rate", "reduction_rate") else indicator.unit


def _length_problems(cells: dict, place: Callable[[str], str]) -> list[str]:
    problems = []
    for name, limit in LIMITS.items():
        text = cells.get(name)
        if isinstance(text, str) and len(text) > limit:
            problems.append(
                f"{place(name)}：{OBSERVATION_COLUMN_ZH[name]}不超过{limit}字（现有{len(text)}字）"
            )
    return problems


def check(
    plan: Plan,
    header: list,
    records: Iterable[tuple[int, list]],
    allowed: set[int] | None,
    place: Callable[[int, str | None], str],
) -> Intake:
    """Validate rows with the core; `allowed` limits the indicator numbers (a department's own), `place(row,
    column)` names a cell in the channel's words (第3行“数值”列, 第2条“value”, 指标8“…”)."""
    result = Intake()
    records = list(records)
    columns = find_columns(header)
    for number, cells in records:
        named = {name: cells[i] for name, i in columns.items() if i < len(cells)}
        result.errors.extend(_length_problems(named, lambda name, n=number: place(n, name)))
    observations, problems = check_observation_rows(header, records, core_plan(plan), None)
    for problem in problems:
        result.errors.append(f"{place(problem.row, problem.column)}：{problem.reason}")
        result.problems.append((problem.row, problem.column, problem.reason))
    for observation in observations:
        if allowed is not None and observation.indicator not in allowed:
            result.errors.append(
                f"{place(observation.row, 'indicator')}：指标{observation.indicator}不在本部门负责的指标中"
            )
            result.problems.append((observation.row, "indicator", "不在本部门负责的指标中"))
        else:
            result.accepted.append(observation)
    if result.errors:
        log.info("observations refused (plan %s): %s", plan.pk, "; ".join(result.errors)[:2000])
        result.accepted = []
    return result


def check_table(
    plan: Plan, header: list, records: list[tuple[int, list]], allowed: set[int] | None
) -> Intake:
    """Rows of a spreadsheet (the department's template): a row whose value is empty is skipped, not refused."""
    columns = find_columns(header)
    value_at = columns.get("value")
    filled, skipped = [], []
    for number, cells in records:
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        value = cells[value_at] if value_at is not None and value_at < len(cells) else ""
        if value_at is not None and (value is None or str(value).strip() == ""):
            skipped.append(number)
        else:
            filled.append((number, cells))
    result = check(plan, header, filled, allowed, _sheet_place)
    result.skipped = skipped
    return result


def _sheet_place(row: int | None, column: str | None) -> str:
    return ObservationError("", row=row, column=column).where


def error_of_file(error: ObservationError) -> str:
    return f"{error.where}：{error.reason}" if error.where else error.reason


def rule_for(indicator: Indicator) -> Rule:
    """The planning office's validation rule for the indicator, or the defaults."""
    stored = ValidationRule.objects.filter(indicator=indicator).first()
    if stored is None:
        return Rule()
    return Rule(
        minimum=stored.minimum,
        maximum=stored.maximum,
        jump_factor=stored.jump_factor if stored.jump_factor is not None else DEFAULT_JUMP_FACTOR,
        source_required=stored.source_required,
    )


def approved_history(indicator: Indicator, measure: str, series: str) -> dict[int, tuple[float, str]]:
    """Year → (value, unit) of the approved figures of one series, the latest vintage of each year; for a linked
    indicator, its group's figures (the 14th plan's 2025 figure is last year's for the 15th plan's 2026)."""
    group = links.group_of(indicator)
    stored_on = {}  # year → where the group keeps it: that row wins over a stray one on another member
    rows = Observation.objects.filter(
        indicator_id__in=[i.pk for i in group],
        measure=measure,
        series=series or "",
        state=Observation.APPROVED,
    )
    found = sorted(rows, key=lambda o: (o.year, o.vintage, o.pk))
    for o in found:
        if o.year not in stored_on:
            stored_on[o.year] = links.storage_indicator(group[0], o.year, group[1:]).pk
    history = {}
    for o in sorted(found, key=lambda o: (o.year, o.indicator_id == stored_on[o.year], o.vintage, o.pk)):
        history[o.year] = (o.value, o.unit or indicator.unit)
    return history


def warnings_of(indicator: Indicator, row: CoreObservation) -> list[dict]:
    """The validation rules' warnings on an accepted row, as stored with the observation and shown."""
    found = checks(
        row.value,
        year=row.year,
        unit=row.unit or "",
        source=row.source or "",
        history=approved_history(indicator, row.measure, row.series or ""),
        rule=rule_for(indicator),
        percent_points=normalize(row.unit or "") == "%",
    )
    return [check.to_json() for check in found]


def current(indicator: Indicator, year: int, measure: str, series: str) -> Observation | None:
    """The figure now standing for a slot: its draft, else the one waiting for review, else the returned or
    approved one (the latest vintage)."""
    rows = Observation.objects.filter(indicator=indicator, year=year, measure=measure, series=series or "")
    for states in (
        (Observation.DRAFT,),
        (Observation.SUBMITTED,),
        (Observation.REJECTED, Observation.APPROVED),
    ):
        found = rows.filter(state__in=states).order_by("-vintage", "-id").first()
        if found is not None:
            return found
    return None


def _stored_note(row: CoreObservation) -> str:
    return "；".join(part for part in (row.note, row.conversion) if part)


def unchanged(indicator: Indicator, row: CoreObservation, comment: str | None = "") -> bool:
    """The row says what the slot's current figure says (value, unit, source, note, comment): nothing to save.
    `comment` None: the channel has no comment (an Excel upload), so the stored one is not compared."""
    now = current(indicator, row.year, row.measure, row.series or "")
    return (
        now is not None
        and now.value == row.value
        and (now.source or "") == (row.source or "")
        and (now.note or "") == _stored_note(row)
        and (comment is None or (now.department_comment or "") == comment)
        and normalize(now.unit or "") == normalize(row.unit or "")
    )


def pending_twin(indicator: Indicator, year: int, measure: str, series: str, value) -> bool:
    """A value identical to one still waiting for review: submitting it again would put it twice in the queue."""
    return Observation.objects.filter(
        indicator=indicator,
        year=year,
        measure=measure,
        series=series or "",
        value=value,
        state=Observation.SUBMITTED,
    ).exists()


def twin_message(indicator: Indicator, year: int) -> str:
    return f"指标{indicator.number}“{indicator.name}”{year}年已有相同数值的数据在等待审核，不再重复提交"


@dataclass
class Sorted:
    """Accepted rows sorted for storing: the changed ones, how many said nothing new, and refusals by row."""

    changed: list[CoreObservation] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[int | None, str]] = field(default_factory=list)


def sort_out(plan: Plan, accepted: Iterable[CoreObservation], comments: dict | None = None) -> Sorted:
    """Only what changed is saved; a value identical to a pending one is refused (form and Excel alike)."""
    indicators = {i.number: i for i in plan.indicators.select_related("plan")}
    partners = links.partners(plan)
    result = Sorted()
    for row in accepted:
        own = indicators[row.indicator]
        indicator = links.storage_indicator(
            own, row.year, partners.get(own.pk, [])
        )  # a linked figure's one row
        if unchanged(indicator, row, None if comments is None else comments.get(row.row, "")):
            result.unchanged += 1
        elif pending_twin(indicator, row.year, row.measure, row.series or "", row.value):
            result.refused.append((row.row, twin_message(indicator, row.year)))
        else:
            result.changed.append(row)
    return result


def uncommented(
    plan: Plan, accepted: Iterable[CoreObservation], comments: dict
) -> list[tuple[CoreObservation, list[dict]]]:
    """Rows with warnings and no comment: they cannot be submitted (API) until the department explains them."""
    indicators = {i.number: i for i in plan.indicators.select_related("plan")}
    partners = links.partners(plan)
    found = []
    for row in accepted:
        own = indicators[row.indicator]
        warned = warnings_of(links.storage_indicator(own, row.year, partners.get(own.pk, [])), row)
        if warned and not (comments.get(row.row) or "").strip():
            found.append((row, warned))
    return found


def store(
    plan: Plan,
    observations: Iterable[CoreObservation],
    *,
    user,
    state: str,
    comments: dict | None = None,
) -> list[Observation]:
    """Save accepted rows: a draft or returned value of the same key is replaced; approved ones are kept.

    One transaction: all rows or none. The open round of the row's year is recorded, with the validation
    rules' warnings and the department's comment (`comments`: row number → text). A linked figure is stored
    once, on the indicator of the plan whose period holds its year (links.storage_indicator).
    """
    indicators = {i.number: i for i in plan.indicators.select_related("plan")}
    partners = links.partners(plan)
    open_round = ReportingRound.objects.filter(plan=plan, is_open=True).first()
    today, now = timezone.localdate(), timezone.now()
    saved = []
    with transaction.atomic():
        for row in observations:
            own = indicators[row.indicator]
            indicator = links.storage_indicator(own, row.year, partners.get(own.pk, []))
            series = row.series or ""
            existing = (
                Observation.objects.select_for_update()
                .filter(
                    indicator=indicator,
                    year=row.year,
                    measure=row.measure,
                    series=series,
                    state__in=(Observation.DRAFT, Observation.REJECTED),
                )
                .first()
            )
            stored = existing or Observation(
                indicator=indicator, year=row.year, measure=row.measure, series=series
            )
            stored.value = row.value
            stored.unit = row.unit or ""
            stored.source = row.source or ""
            stored.note = _stored_note(row)
            stored.warnings = warnings_of(indicator, row)
            if comments is not None:  # an Excel upload has no comment column: the draft's comment stays
                stored.department_comment = comments.get(row.row, "") or ""
            stored.state = state
            stored.round = open_round if open_round is not None and open_round.year == row.year else None
            stored.submitted_by = user
            stored.submitted_at = now if state == Observation.SUBMITTED else None
            stored.vintage = row.vintage or today
            stored.save()
            saved.append(stored)
    return saved
