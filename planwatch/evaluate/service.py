"""The evaluation as a system shows it: adjustments in force and planners' overrides applied, the indicators in
the order people read them, the counts, and each indicator's chart series (METHODOLOGY §3, §5).

The web, the API and the reports ask this module; none of them decides a verdict, counts or draws a path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from planwatch.evaluate.engine import evaluate_plan
from planwatch.evaluate.observations import RATE_MEASURES, Observations
from planwatch.evaluate.paths import expected_value, time_progress
from planwatch.evaluate.results import Evaluation, IndicatorResult, Override
from planwatch.evaluate.serialize import evaluation_to_json
from planwatch.evaluate.settings import IndicatorSettings, Settings
from planwatch.evaluate.standards import GB3095_2012
from planwatch.evaluate.verdicts import STATUSES
from planwatch.evaluate.versions import IndicatorRevision, InForce, in_force
from planwatch.plan.model import Plan, TargetValue
from planwatch.vocabulary import EVALUATION_MODE_ZH, STATUS_ZH, WARNING_ZH, report_kind_for, status_label

SHORTFALL = ("lagging", "not_achieved")
# Verdicts shown (an override wins) for which a report asks the responsible department for a 说明.
NEEDS_EXPLANATION = ("lagging", "not_achieved", "nearly_achieved")


def needs_explanation(row: dict) -> bool:
    """A serialized verdict short of its target, or with a red warning: the reports ask for its 责任部门说明."""
    return row.get("status") in NEEDS_EXPLANATION or row.get("warning") == "red"


_WARNING_RANK = {"red": 0, "yellow": 1}
# Kinds whose departments report a yearly rate rather than a level.
_RATE_KINDS = ("annual_growth_rate", "relative")


@dataclass(frozen=True)
class TargetChange:
    """An approved adjustment (规划调整): from `effective_year` on, the indicator's target is `target`."""

    indicator: int
    effective_year: int
    target: TargetValue
    target_text: str
    version: int
    document: str = ""  # the approving document (批准文号)
    plan_version: int | None = None  # set when the change came with a new version of the plan file


_VERSION_LABEL = "年起执行规划第"


def change_label(change: TargetChange) -> str:
    """第2版（2024年起规划调整后，松府发〔2024〕3号） or 第2版（2026年起执行规划第2版）."""
    if change.plan_version:
        return f"第{change.version}版（{change.effective_year}{_VERSION_LABEL}{change.plan_version}版）"
    document = f"，{change.document}" if change.document else ""
    return f"第{change.version}版（{change.effective_year}年起规划调整后{document}）"


def from_plan_version(label: str) -> bool:
    """Whether a target version label (change_label) names a new version of the plan file, not a 规划调整."""
    return _VERSION_LABEL in label


def plan_in_force(plan: Plan, settings: Settings, changes: Iterable[TargetChange], year: int):
    """(the plan with adjusted target texts, settings with adjusted targets) for evaluating `year`.

    An adjustment applies from its effective year on; for earlier years the target before it stands.
    """
    latest: dict[int, TargetChange] = {}
    for change in sorted(changes, key=lambda c: (c.effective_year, c.version)):
        if change.effective_year <= year:
            latest[change.indicator] = change
    if not latest:
        return plan, settings
    overrides = dict(settings.indicators)
    stated = {i.number: i for i in plan.indicators}
    for number, change in latest.items():
        target = change.target
        if target.comparator is None and number in stated:  # the comparator of the version in force that year
            target = replace(target, comparator=stated[number].target.comparator)
        overrides[number] = replace(
            overrides.get(number, IndicatorSettings()),
            target=target,
            target_version=change_label(change),
        )
    indicators = [
        replace(i, target_text=latest[i.number].target_text) if i.number in latest else i
        for i in plan.indicators
    ]
    return replace(plan, indicators=indicators), replace(settings, indicators=overrides)


def evaluate_in_force(
    plan: Plan,
    observations: Observations,
    year: int,
    settings: Settings | None = None,
    changes: Iterable[TargetChange] = (),
    overrides: Mapping[int, Override] | None = None,
) -> tuple[Plan, Evaluation]:
    """The evaluation of `year` with the targets in force then and the planners' verdicts laid over it."""
    done = evaluate_version(plan, observations, year, settings, changes, overrides)
    return done.plan, done.evaluation


@dataclass
class VersionEvaluation:
    """An evaluation of one year with the plan version in force then: the indicators as it stated them."""

    plan: Plan  # the indicators in force, numbered as that version numbered them, with the targets in force
    evaluation: Evaluation
    in_force: InForce  # which version, what it changed, which indicators it dropped or does not list yet
    observations: Observations  # the figures as evaluated, named by the numbers in force
    # number → year → the target in force that year, for indicators whose target changed by `year`
    targets_by_year: dict[int, dict[int, float]] = field(default_factory=dict)


def evaluate_version(
    plan: Plan,
    observations: Observations,
    year: int,
    settings: Settings | None = None,
    changes: Iterable[TargetChange] = (),
    overrides: Mapping[int, Override] | None = None,
    revisions: Iterable[IndicatorRevision] = (),
    first_version: int = 1,
) -> VersionEvaluation:
    """The evaluation of `year` as the plan stood then: every field a later version of the plan changed is taken
    back, targets adjusted from a later year are not yet in force, and overrides are laid over the verdicts.

    `plan.indicators`, `observations`, `settings`, `changes` and `overrides` name indicators by their stored key
    (the number of the newest version, or where a dropped one is kept); the result numbers them as in `year`."""
    revisions = list(revisions)
    current = in_force(plan.indicators, revisions, year, first_version)
    numbers = current.numbers
    settings = settings or Settings()
    if revisions:
        settings = replace(
            settings, indicators={numbers[k]: v for k, v in settings.indicators.items() if k in numbers}
        )
        changes = [replace(c, indicator=numbers[c.indicator]) for c in changes if c.indicator in numbers]
        overrides = {numbers[k]: v for k, v in (overrides or {}).items() if k in numbers}
        observations = Observations(
            (replace(o, indicator=numbers[o.indicator]) for o in observations.rows if o.indicator in numbers),
            path=observations.path,
        )
    stated, settings = plan_in_force(replace(plan, indicators=current.indicators), settings, changes, year)
    evaluation = evaluate_plan(stated, observations, year, settings)
    for number, override in (overrides or {}).items():
        if any(result.number == number for result in evaluation.indicators):
            evaluation = evaluation.with_override(number, override)
    history = targets_by_year(replace(plan, indicators=current.indicators), changes, year)
    return VersionEvaluation(stated, evaluation, current, observations, history)


def targets_by_year(plan: Plan, changes: Iterable[TargetChange], year: int) -> dict[int, dict[int, float]]:
    """For each indicator whose target changed in force by `year`: the target in force in every year from the base
    year to `year` (the outline's before the first change), so that a chart draws each year's expected value on
    the path the target of that year implied."""
    in_force = sorted(
        (c for c in changes if c.effective_year <= year), key=lambda c: (c.effective_year, c.version)
    )
    stated = {i.number: i.target.value for i in plan.indicators}
    found: dict[int, dict[int, float]] = {}
    for number in {c.indicator for c in in_force}:
        if stated.get(number) is None:
            continue
        steps = [c for c in in_force if c.indicator == number]
        found[number] = {}
        for y in range(plan.base_year, year + 1):
            then = [c.target.value for c in steps if c.effective_year <= y and c.target.value is not None]
            found[number][y] = then[-1] if then else stated[number]
    return found


def attention_key(result: IndicatorResult) -> tuple:
    """Binding indicators short of their target first, then other shortfalls, red and yellow warnings, plan order."""
    short = result.final_status in SHORTFALL
    binding = result.attribute == "binding"
    return (not (short and binding), not short, _WARNING_RANK.get(result.warning or "", 2), result.number)


def in_attention_order(results: Iterable[IndicatorResult]) -> list[IndicatorResult]:
    return sorted(results, key=attention_key)


def count_statuses(statuses: Iterable[str]) -> list[dict[str, Any]]:
    """How many indicators have each verdict, in the order of the verdict classes."""
    counts = Counter(statuses)
    return [{"status": s, "status_zh": STATUS_ZH[s], "count": counts[s]} for s in STATUSES if counts[s]]


def status_counts(results: Iterable[IndicatorResult]) -> list[dict[str, Any]]:
    """Counts of the final verdicts (a planner's override where there is one)."""
    return count_statuses(result.final_status for result in results)


def reported_measure(kind: str, number: int, observations: Observations, base_year: int) -> str:
    """What departments report for an indicator: the measure most of its figures use, else the kind's own."""
    preferred = "growth_rate" if kind in _RATE_KINDS else "level"
    counts: Counter[str] = Counter()
    for row in observations:
        if row.indicator == number and row.measure != "allocation" and row.year > base_year:
            counts[row.measure] += 1
    if not counts:
        return preferred
    best = max(counts.values())
    return preferred if counts.get(preferred) == best else counts.most_common(1)[0][0]


def _points(found: Mapping[int, Any], first: int, last: int) -> dict[int, Any]:
    return {year: obs for year, obs in sorted(found.items()) if first <= year <= last}


def chart_series(
    result: IndicatorResult,
    observations: Observations,
    base_year: int,
    year: int,
    targets: Mapping[int, float] | None = None,
) -> dict[str, Any]:
    """An indicator's chart as plain data: observed lines, the expected path, the projection, standard lines.

    Years are strings (the category axis); each observed point is [year, value, illustrative]. `targets`: year →
    the target in force that year, when it changed; a year's expected value follows the target of that year.
    """
    targets = targets or {}
    number, kind = result.number, result.kind
    measure = reported_measure(kind, number, observations, base_year)
    target_year = result.target_year
    last = min(year, target_year)
    names = observations.series_names(number, measure)
    if names:
        lines = {name: _points(observations.series(number, measure, name), base_year, last) for name in names}
    else:
        lines = {"监测值": _points(observations.series(number, measure), base_year, last)}
    lines = {name: points for name, points in lines.items() if points}
    years = list(range(base_year, target_year + 1))
    data: dict[str, Any] = {
        "measure": measure,
        "unit": "%" if measure in RATE_MEASURES else result.unit,
        "years": [str(y) for y in years],
        "observed": {
            name: [[str(y), obs.value, obs.illustrative] for y, obs in points.items()]
            for name, points in lines.items()
        },
        "expected": [],
        "projection": [],
        "target": result.target_value,
        "standards": [],
    }
    if kind == "standard":
        data["standards"] = [
            {"name": f"{name} 二级标准", "value": GB3095_2012[name].grade_2}
            for name in lines
            if name in GB3095_2012
        ]
        return data
    target = result.target_value
    if target is None or len(lines) != 1:
        return data
    (points,) = lines.values()
    projection = result.projection
    if kind == "cumulative" and measure == "amount":
        return _cumulative(data, points, years, base_year, target, projection, targets)
    if kind == "annual_growth_rate" and measure == "growth_rate":
        data["expected"] = [[str(y), targets.get(y, target)] for y in years[1:]]
        if projection is not None and points:
            start = max(points)
            data["projection"] = [[str(y), round(projection.value, 2)] for y in years if y >= start]
        return data
    if measure != "level" or kind in ("relative", "allocation", "qualitative", "compound", "per_year_bound"):
        return data
    baseline = result.baseline
    if baseline is None or target_year <= baseline.year:
        return data
    shape = result.path or "linear"
    for y in years:
        if y >= baseline.year:
            tau = time_progress(y, baseline.year, target_year)
            then = targets.get(y, target)
            data["expected"].append([str(y), round(expected_value(baseline.value, then, tau, shape), 4)])
    if projection is not None and points:
        start = max(points)
        data["projection"] = [
            [str(start), points[start].value],
            [str(projection.year), round(projection.value, 4)],
        ]
    return data


def _cumulative(
    data: dict, points: dict, years: list[int], base_year: int, target: float, projection, targets: Mapping
) -> dict:
    """A five-year total (累计): the running sum of yearly amounts against an even path to the target."""
    running, total = [], 0.0
    for y, obs in points.items():
        if y > base_year:
            total += obs.value
            running.append([str(y), round(total, 4), obs.illustrative])
    data["observed"] = {"累计完成": running}
    span = years[-1] - base_year
    data["expected"] = [[str(y), round(targets.get(y, target) * (y - base_year) / span, 4)] for y in years]
    if running and projection is not None:
        data["projection"] = [running[-1][:2], [str(projection.year), round(projection.value, 4)]]
    return data


def evaluation_view(
    plan: Plan,
    evaluation: Evaluation,
    observations: Observations,
    period: tuple[int, int] | None = None,
    targets_by_year: Mapping[int, Mapping[int, float]] | None = None,
) -> dict[str, Any]:
    """The evaluation JSON of INTERFACES.md §2 with what pages show beside it: each indicator's chart, Chinese
    labels of the computed verdict and warning, the attention order, counts (all and binding) and the mode."""
    data = evaluation_to_json(evaluation)
    for row, result in zip(data["indicators"], evaluation.indicators, strict=True):
        row["computed_status_zh"] = status_label(result.status, result.missing)
        row["warning_zh"] = WARNING_ZH.get(result.warning or "", "")
        row["chart"] = chart_series(
            result, observations, plan.base_year, evaluation.year, (targets_by_year or {}).get(result.number)
        )
    data["order"] = [result.number for result in in_attention_order(evaluation.indicators)]
    data["counts"] = status_counts(evaluation.indicators)
    data["binding_counts"] = status_counts(r for r in evaluation.indicators if r.attribute == "binding")
    start, end = period or (plan.period_start, plan.period_end)
    kind = report_kind_for(evaluation.year, start, end)
    data["report_kind"] = kind
    data["mode_zh"] = EVALUATION_MODE_ZH[kind]
    return data
