"""Evaluate a plan's main indicators as of a year: one verdict per indicator, each with its numbers and rule."""

from __future__ import annotations

import logging

from planwatch.errors import PlanWatchError
from planwatch.evaluate import text
from planwatch.evaluate.allocation import annual_plan_note
from planwatch.evaluate.context import Context
from planwatch.evaluate.kinds import EVALUATORS, spec_for
from planwatch.evaluate.observations import Observations
from planwatch.evaluate.paths import time_progress
from planwatch.evaluate.results import Evaluation, IndicatorResult
from planwatch.evaluate.settings import DEFAULT_SETTINGS, Settings
from planwatch.extract import target_cells
from planwatch.plan.model import Indicator, Plan, TargetValue

log = logging.getLogger(__name__)

__all__ = ["EVALUATORS", "EvaluationError", "evaluate_indicator", "evaluate_plan"]

# Kinds a comparator cell may take: which one is decided by the baseline (METHODOLOGY §2.1).
_REACH_OR_HOLD = ("level", "share", "per_year_bound")


class EvaluationError(PlanWatchError):
    """An evaluation that cannot be run as asked (e.g. a year before the plan's period)."""


def target_of(indicator: Indicator, target: TargetValue) -> TargetValue:
    """The commitment of the cell when the reader gave no number (`>7、力争…` → ≥ 7)."""
    if target.value is not None or indicator.kind in ("compound", "standard", "relative", "qualitative"):
        return target
    value = target_cells.target_number(indicator.target_text)
    if value is None:
        return target
    direction = indicator.direction or "up"
    return TargetValue(value, target.comparator or target_cells.comparator(indicator.target_text, direction))


def decide_kind(ctx: Context) -> None:
    """A comparator cell is a level to reach until its baseline meets it, then a bound to hold (§2.1)."""
    indicator = ctx.indicator
    if indicator.kind not in _REACH_OR_HOLD or ctx.target.value is None:
        return
    if not target_cells.comparator_cell(indicator.target_text):
        return
    if target_cells.stated_holding(indicator.target_text) is not None:
        return  # the plan's own words decide
    said = target_cells.stated_in_text(indicator, ctx.plan.targets, ctx.target.value)
    if said is not None:
        # the sentence of the text that states the same target counts as the plan's words
        reach = "share" if indicator.unit.strip() in ("%", "％") else "level"
        # said whenever the sentence decides, also when the reader already took the kind from it
        ctx.kind = "per_year_bound" if said else (reach if ctx.kind == "per_year_bound" else ctx.kind)
        how = "每年保持，按逐年约束评价" if said else "须达到，按目标值评价"
        ctx.kind_note = f"纲要正文对该目标的表述为{how}"
        return
    baseline = ctx.baseline()
    if baseline is None:
        return
    decided = target_cells.reach_or_hold(baseline.value, ctx.target.value, ctx.direction)
    if decided == "level":
        share = indicator.unit.strip() in ("%", "％", "‰")
        decided = indicator.kind if indicator.kind != "per_year_bound" else ("share" if share else "level")
    if decided == ctx.kind:
        return
    ctx.kind = decided
    cell = indicator.target_text
    shown = f"基期{baseline.year}年{text.amount(baseline.value, ctx.unit)}"
    if decided == "per_year_bound":
        ctx.kind_note = f"{shown}已满足“{cell}”，按逐年约束评价（每年保持）"
    else:
        ctx.kind_note = f"{shown}尚未满足“{cell}”，按须达到的目标值评价"


def aspiration_sentence(ctx: Context, result: IndicatorResult) -> str | None:
    """The 力争 part of a cell: shown, reported met or not when numeric, never the verdict (§2.9)."""
    _, aspiration = target_cells.commitment(ctx.indicator.target_text)
    if aspiration is None:
        return None
    value = target_cells.aspiration_value(ctx.indicator.target_text)
    if value is None:
        return f"力争目标“{aspiration}”不作为评价依据"
    if result.average_growth is not None:
        achieved = result.average_growth
    elif result.current is not None:
        achieved = result.current.value
    else:
        return f"力争目标{text.number(value)}暂无数据可比"
    met = achieved <= value if result.direction == "down" else achieved >= value
    return f"力争目标{text.number(value)}{'已达到' if met else '尚未达到'}（不作为评价依据）"


def evaluate_indicator(
    plan: Plan,
    indicator: Indicator,
    observations: Observations,
    year: int,
    settings: Settings = DEFAULT_SETTINGS,
) -> IndicatorResult:
    target, version = settings.target_for(indicator.number, indicator.target)
    ctx = Context(
        plan,
        indicator,
        observations,
        year,
        settings.for_indicator(indicator.number),
        target_of(indicator, target),
        version,
    )
    decide_kind(ctx)
    spec = spec_for(ctx.kind)
    if spec is None:
        return ctx.result("no_data", [f"未知的目标类型“{ctx.kind}”"])
    records: list = []
    if ctx.kind != "allocation":
        records, note = annual_plan_note(ctx)
        if records:
            ctx.appendix.append(note)
    try:
        result = spec.evaluate(ctx)
    except (ArithmeticError, ValueError) as error:
        # Whatever the reader lets through, an evaluation gives a verdict with a reason, never a traceback.
        log.warning("indicator %s (%s) as of %s: %s", indicator.number, indicator.name, year, error)
        fresh = Context(plan, indicator, observations, year, ctx.rules, ctx.target, version, kind=ctx.kind)
        return fresh.result("no_data", [f"数据无法计算（{error}），请核对监测值与目标值"])
    if records:
        result.allocations = records
    aspiration = aspiration_sentence(ctx, result)
    if aspiration:
        result.explanation += f"{aspiration}。"
        result.details = {**result.details, "aspiration": aspiration}
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
