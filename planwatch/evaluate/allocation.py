"""Allocated targets (完成市级要求, 控制在市下达指标数内) and annual-plan targets: the number comes from outside.

Without an entered allocation the verdict is needs_input, never a guess (METHODOLOGY §2.7, §6).
"""

from __future__ import annotations

from planwatch.evaluate import text
from planwatch.evaluate.bound_targets import year_verdict
from planwatch.evaluate.bounds import check_years, missed_years, share_met
from planwatch.evaluate.context import Context, escalate
from planwatch.evaluate.growth import chained_index
from planwatch.evaluate.observations import Observation
from planwatch.evaluate.progress import meets
from planwatch.evaluate.results import AllocationRecord, IndicatorResult
from planwatch.evaluate.verdicts import classify_growth
from planwatch.evaluate.warnings import warning_for

_MEASURES_ZH = {"level": "", "reduction_rate": "降低", "growth_rate": "增长", "amount": "新增"}
_COMPARED_ZH = {
    "level": "水平值",
    "reduction_rate": "降低率",
    "growth_rate": "增长率",
    "amount": "年度新增量",
}
# The measure an annual-plan target of each kind is compared with.
_PRIMARY = {
    "annual_growth_rate": ("growth_rate",),
    "cumulative": ("amount", "reduction_rate"),
    "relative": ("growth_rate",),
}


def compared_measure(ctx: Context) -> str:
    """What allocation rows are compared with: the indicator's yearly rates or amounts where it has them."""
    measures = _PRIMARY.get(ctx.indicator.kind, ("reduction_rate", "growth_rate", "amount"))
    for measure in measures:
        if ctx.values(measure):
            return measure
    return measures[0] if ctx.indicator.kind in _PRIMARY else "level"


def allocation_records(ctx: Context, actual: dict[int, Observation]) -> list[AllocationRecord]:
    """Each year's allocation (latest vintage) with its earlier revisions and the actual value."""
    number = ctx.indicator.number
    records = []
    for year, latest in ctx.values("allocation").items():
        history = ctx.observations.history(number, "allocation", None, year)
        value = actual.get(year)
        met = meets(value.value, latest.value, ctx.direction) if value is not None else None
        records.append(
            AllocationRecord(
                year,
                latest.value,
                tuple(h.value for h in history[:-1]),
                value.value if value else None,
                met,
                latest.source,
            )
        )
        ctx.use([latest])
    return records


def describe_allocations(records: list[AllocationRecord], unit: str) -> str:
    """2022年下达7%（后调整为1.6%），实际2.1%，完成."""
    parts = []
    for record in records:
        assigned = text.amount(record.revisions[0] if record.revisions else record.value, unit)
        if record.revisions:
            assigned += (
                "（后调整为"
                + "、".join(text.amount(v, unit) for v in (*record.revisions[1:], record.value))
                + "）"
            )
        done = (
            "，实际无数据"
            if record.actual is None
            else f"，实际{text.amount(record.actual, unit)}，{'完成' if record.met else '未完成'}"
        )
        parts.append(f"{record.year}年目标{assigned}{done}")
    return "；".join(parts)


def evaluate_allocation(ctx: Context) -> IndicatorResult:
    measure = compared_measure(ctx)
    unit = "%" if measure in ("reduction_rate", "growth_rate") else ctx.unit
    actual = ctx.values(measure)
    records = allocation_records(ctx, actual)
    observed = "、".join(
        f"{y}年{_MEASURES_ZH[measure]}{text.amount(o.value, unit)}" for y, o in actual.items()
    )
    if not records:
        sentences = [
            f"目标“{ctx.indicator.target_text}”取决于逐年下达的指标（上级或年度计划下达），尚未录入下达指标，不作推断"
        ]
        if observed:
            sentences.append(f"已录入监测值：{observed}")
        ctx.use(actual.values())
        return ctx.result(
            "needs_input",
            sentences,
            current_text=_latest_text(actual),
            baseline_text=ctx.baseline_display(measure),
            allocations=[],
            missing="allocation",
        )
    bounds = {r.year: r.value for r in records}
    values = {y: o.value for y, o in actual.items()}
    checks = check_years(values, bounds, ctx.direction)
    ctx.use(actual.values())
    unassigned = sorted(y for y in values if y not in bounds)
    sentences = [f"{_COMPARED_ZH[measure]}对照下达指标：{describe_allocations(records, unit)}"]
    fields = dict(
        allocations=records,
        checks=checks,
        progress=share_met(checks),
        baseline_text=ctx.baseline_display(measure),
        current_text=_latest_text(actual),
        data_year=max(values) if values else None,
    )
    if unassigned:
        sentences.append(f"{'、'.join(str(y) for y in unassigned)}年下达指标待录入")
        return ctx.result("needs_input", sentences, missing="allocation", **fields)
    if not checks:
        return ctx.result("no_data", [*sentences, "尚无可与下达指标对照的监测值"], **fields)
    if measure == "growth_rate":
        return _allocated_growth(ctx, records, checks, sentences, fields)
    needed = [y for y in range(ctx.base_year + 1, ctx.eval_year + 1) if y in bounds or ctx.final]
    status, note = year_verdict(ctx, checks, needed)
    if ctx.final and status == "no_data":
        lacking = [y for y in needed if y not in bounds]
        if lacking:
            status, note = "needs_input", f"{'、'.join(str(y) for y in lacking)}年下达指标待录入"
    if note:
        sentences.append(note)
    missed = missed_years(checks)
    if missed:
        sentences.append(f"{'、'.join(str(y) for y in missed)}年未完成下达指标")
    warning = warning_for(status, ctx.indicator.attribute == "binding", not missed, False)
    missing = "allocation" if status == "needs_input" else None
    return ctx.result(status, sentences, warning=warning, missing=missing, **fields)


def _allocated_growth(ctx: Context, records, checks, sentences, fields) -> IndicatorResult:
    """Allocated growth is judged over the period: the average growth since the base year against the average
    of the yearly targets, with the growth tolerance; a year that missed its own target is named (§3, §4)."""
    rates = [c.value for c in checks]
    average = (chained_index(rates) ** (1 / len(rates)) - 1) * 100 if chained_index(rates) > 0 else None
    if average is None:
        return ctx.result(
            "no_data", [*sentences, "增长率为−100%或更低，无法连乘计算年均增速，请核对数据"], **fields
        )
    wanted = sum(c.bound for c in checks) / len(checks)
    tolerance = ctx.rules.growth_tolerance
    gap = average - wanted
    if ctx.final:
        if gap >= -tolerance - 1e-9:
            status = "achieved"
        elif gap >= -2 * tolerance - 1e-9:
            status = "nearly_achieved"
        else:
            status = "not_achieved"
    else:
        status = classify_growth(average, wanted, tolerance)
    span = text.years(checks[0].year, checks[-1].year)
    sentences = [
        *sentences,
        f"{span}年均增长{text.rate(average)}，各年下达目标平均{text.rate(wanted)}，相差{gap:+.1f}个百分点，按期内平均评价",
    ]
    missed = missed_years(checks)
    if missed:
        sentences.append(f"{'、'.join(str(y) for y in missed)}年未完成当年下达目标")
    binding = ctx.indicator.attribute == "binding"
    warning = warning_for(status, binding, True, False)
    if missed:
        warning = escalate(warning, binding)
    fields = {
        **fields,
        "average_growth": average,
        "details": {"allocated_average": wanted, "missed_years": missed},
    }
    return ctx.result(status, sentences, warning=warning, **fields)


def annual_plan_note(ctx: Context) -> tuple[list[AllocationRecord], str]:
    """Annual-plan targets (年度计划) entered for any other indicator, shown beside the five-year verdict."""
    if not ctx.values("allocation"):
        return [], ""
    measure = compared_measure(ctx)
    unit = "%" if measure in ("reduction_rate", "growth_rate") else ctx.unit
    records = allocation_records(ctx, ctx.values(measure))
    return records, f"年度计划：{describe_allocations(records, unit)}。"


def _latest_text(actual: dict[int, Observation]) -> str:
    return text.number(actual[max(actual)].value) if actual else "—"
