"""Evaluate a plan's main indicators as of a year: one verdict per indicator, each with its numbers and rule."""

from __future__ import annotations

from collections.abc import Callable

from planwatch.errors import PlanWatchError
from planwatch.evaluate.allocation import annual_plan_note, evaluate_allocation
from planwatch.evaluate.bound_targets import evaluate_bound
from planwatch.evaluate.compound import evaluate_compound
from planwatch.evaluate.context import Context
from planwatch.evaluate.cumulative_targets import evaluate_cumulative
from planwatch.evaluate.growth_targets import evaluate_growth
from planwatch.evaluate.levels import evaluate_level
from planwatch.evaluate.observations import Observations
from planwatch.evaluate.paths import time_progress
from planwatch.evaluate.relative import evaluate_relative
from planwatch.evaluate.results import Evaluation, IndicatorResult
from planwatch.evaluate.settings import DEFAULT_SETTINGS, Settings
from planwatch.evaluate.standard_targets import evaluate_standard
from planwatch.plan.model import Indicator, Plan


def evaluate_qualitative(ctx: Context) -> IndicatorResult:
    return ctx.result(
        "qualitative",
        [f"定性目标“{ctx.indicator.target_text}”，由规划科据实评价并写明理由"],
        baseline_text="—",
        current_text="—",
    )


EVALUATORS: dict[str, Callable[[Context], IndicatorResult]] = {
    "level": evaluate_level,
    "share": evaluate_level,
    "annual_growth_rate": evaluate_growth,
    "cumulative": evaluate_cumulative,
    "per_year_bound": evaluate_bound,
    "relative": evaluate_relative,
    "allocation": evaluate_allocation,
    "standard": evaluate_standard,
    "compound": evaluate_compound,
    "qualitative": evaluate_qualitative,
}


class EvaluationError(PlanWatchError):
    """An evaluation that cannot be run as asked (e.g. a year before the plan's period)."""


def evaluate_indicator(
    plan: Plan,
    indicator: Indicator,
    observations: Observations,
    year: int,
    settings: Settings = DEFAULT_SETTINGS,
) -> IndicatorResult:
    target, version = settings.target_for(indicator.number, indicator.target)
    ctx = Context(
        plan, indicator, observations, year, settings.for_indicator(indicator.number), target, version
    )
    evaluator = EVALUATORS.get(indicator.kind)
    if evaluator is None:
        return ctx.result("no_data", [f"未知的目标类型“{indicator.kind}”"])
    records: list = []
    if indicator.kind != "allocation":
        records, note = annual_plan_note(ctx)
        if records:
            ctx.appendix.append(note)
    result = evaluator(ctx)
    if records:
        result.allocations = records
    return result


def evaluate_plan(
    plan: Plan, observations: Observations, year: int, settings: Settings | None = None
) -> Evaluation:
    """Every main indicator of the plan as of `year`: during the period (y < target year) or final."""
    settings = settings or DEFAULT_SETTINGS
    if year <= plan.base_year:
        raise EvaluationError(f"evaluation year {year} is not after the plan's base year {plan.base_year}")
    results = [
        evaluate_indicator(plan, indicator, observations, year, settings) for indicator in plan.indicators
    ]
    return Evaluation(
        plan=plan.title,
        year=year,
        time_progress=time_progress(year, plan.base_year, plan.period_end),
        indicators=results,
        base_year=plan.base_year,
        target_year=plan.period_end,
    )
