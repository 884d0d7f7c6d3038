"""Per-year bounds (每年新增就业不低于1.5万个, 城镇调查失业率<5.5): every year met or missed."""

from __future__ import annotations

from planwatch.evaluate import text
from planwatch.evaluate.bounds import check_years, missed_years, share_met
from planwatch.evaluate.context import Context, escalate
from planwatch.evaluate.progress import meets
from planwatch.evaluate.results import IndicatorResult, YearCheck
from planwatch.evaluate.warnings import warning_for


def describe_checks(checks: list[YearCheck], unit: str) -> str:
    """2021年5.1%（达标）、2022年5.8%（未达标）."""
    return "、".join(
        f"{c.year}年{text.amount(c.value, unit)}（{'达标' if c.met else '未达标'}）" for c in checks
    )


def period_mean(checks: list[YearCheck]) -> float:
    return sum(c.value for c in checks) / len(checks)


def mean_verdict(ctx: Context, mean: float, bound: float, direction: str) -> str:
    """A per-year bound is judged on the mean of the years so far (officials: 失业率 “前四年均值5.3%”, §2.5)."""
    if meets(mean, bound, direction):
        return "achieved" if ctx.final else "on_track"
    if not ctx.final:
        return "lagging"
    # nearly achieved: the mean misses by at most twice the tolerance (growth tolerance for %, else 2% of it)
    slack = 2 * (ctx.rules.growth_tolerance if ctx.unit in ("%", "％") else 0.02 * abs(bound))
    return "nearly_achieved" if abs(mean - bound) <= slack + 1e-9 else "not_achieved"


def year_verdict(ctx: Context, checks: list[YearCheck], years_needed: list[int]) -> tuple[str, str | None]:
    """Allocations: met every year so far → on track (never achieved early); a miss → lagging."""
    missing = [year for year in years_needed if year not in {c.year for c in checks}]
    if ctx.final:
        if missed_years(checks):
            return "not_achieved", None
        if missing:
            return "no_data", f"缺少{'、'.join(str(y) for y in missing)}年数据，无法确认每年达标"
        return "achieved", None
    note = f"{'、'.join(str(y) for y in missing)}年无数据" if missing and checks else None
    return ("lagging" if missed_years(checks) else "on_track"), note


def evaluate_bound(ctx: Context) -> IndicatorResult:
    bound = ctx.target.value
    if bound is None:
        return ctx.result("no_data", [f"目标“{ctx.indicator.target_text}”未识别出数值，请在系统中补录目标值"])
    values = ctx.values("level")
    direction = ctx.direction
    checks = check_years({y: o.value for y, o in values.items()}, dict.fromkeys(values, bound), direction)
    if not checks:
        return ctx.result("no_data", [f"尚无{text.years(ctx.base_year + 1, ctx.eval_year)}监测值"])
    ctx.use(values.values())
    unit = ctx.unit
    mean = period_mean(checks)
    status = mean_verdict(ctx, mean, bound, direction)
    if ctx.final and checks[-1].year < ctx.eval_year and status != "achieved":
        # an unmet bound cannot be judged before the target year's figure is published (§4)
        return ctx.result(
            "no_data",
            [f"缺少{ctx.eval_year}年监测值（{describe_checks(checks, ctx.unit)}，期内均值尚未达标）"],
        )
    rule = f"每年{'不低于' if direction == 'up' else '不高于'}{text.amount(bound, unit)}"
    years = text.years(checks[0].year, checks[-1].year)
    sentences = [
        f"{describe_checks(checks, unit)}；目标{rule}",
        f"{years}均值{text.amount(text.computed(mean, unit), unit)}，按期内均值评价",
    ]
    missing = [y for y in range(ctx.base_year + 1, ctx.eval_year + 1) if y not in values]
    notes = [f"{'、'.join(str(y) for y in missing)}年无数据"] if missing else []
    missed = missed_years(checks)
    if missed:
        sentences.append(f"{'、'.join(str(y) for y in missed)}年未达标")
    elif not ctx.final:
        sentences.append("各年均达标（逐年约束，不作提前实现）")
    if status == "nearly_achieved":
        sentences.append("期内均值未达标但相差在容差两倍以内")
    latest = checks[-1]
    fields = dict(
        data_year=latest.year,
        current=ctx.figure(values[latest.year]),
        progress=share_met(checks),
        time_progress=ctx.tau(latest.year),
        checks=checks,
        target_value=bound,
        baseline_text=ctx.baseline_display("level"),
        current_text=text.number(latest.value),
        details={"mean": mean, "missed_years": missed},
        notes=notes,
    )
    binding = ctx.indicator.attribute == "binding"
    warning = warning_for(status, binding, True, False)
    if missed:
        warning = escalate(warning, binding)  # a year that missed is named and turns the warning yellow
    return ctx.result(status, sentences, warning=warning, **fields)
