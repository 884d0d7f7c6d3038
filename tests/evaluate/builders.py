"""Plans, indicators and observations built by hand for the evaluation tests."""

from __future__ import annotations

from planwatch.evaluate import Observations, check_observation_rows, evaluate_indicator
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.settings import Settings
from planwatch.plan.model import Baseline, Indicator, Part, Plan, TargetValue

HEADER = [
    "indicator",
    "year",
    "value",
    "measure",
    "series",
    "unit",
    "source",
    "note",
    "vintage",
    "definition_change",
    "definition",
]


def indicator(
    number: int = 1,
    name: str = "指标",
    unit: str = "%",
    kind: str = "level",
    target: float | None = None,
    comparator: str | None = ">=",
    attribute: str = "expected",
    target_text: str | None = None,
    direction: str | None = None,
    parts: list[Part] | None = None,
    baseline: Baseline | None = None,
    base_year: int = 2020,
    target_year: int = 2025,
    reference: int | None = None,
) -> Indicator:
    if direction is None:
        direction = "down" if comparator == "<=" else "up"
    return Indicator(
        number=number,
        name=name,
        unit=unit,
        attribute=attribute,
        kind=kind,
        target_text=target_text if target_text is not None else ("" if target is None else f"{target:g}"),
        target_year=target_year,
        target=TargetValue(target, comparator),
        parts=parts or [],
        baseline=baseline,
        direction=direction,
        base_year=base_year,
        reference=reference,
    )


def plan(*indicators: Indicator, start: int = 2021, end: int = 2025, title: str = "测试规划纲要") -> Plan:
    return Plan(title=title, period_start=start, period_end=end, indicators=list(indicators))


def rows(the_plan: Plan, *records: tuple) -> Observations:
    """Observations from (indicator, year, value[, measure[, series[, unit[, source[, note[, vintage[, flag
    [, definition]]]]]]]]])."""
    cells = [[str(v) if v is not None else "" for v in record] for record in records]
    observations, problems = check_observation_rows(HEADER, enumerate(cells, start=2), the_plan, "test.csv")
    assert problems == [], [str(p) for p in problems]
    return observations


def evaluate(
    the_plan: Plan, observations: Observations, year: int, number: int = 1, settings: Settings | None = None
) -> IndicatorResult:
    target = next(i for i in the_plan.indicators if i.number == number)
    return evaluate_indicator(the_plan, target, observations, year, settings or Settings())
