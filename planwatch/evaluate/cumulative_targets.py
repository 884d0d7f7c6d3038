"""Cumulative targets (〔〕, 累计, 五年新增): progress is the running total (or combined reduction) so far."""

from __future__ import annotations

from planwatch.evaluate import text
from planwatch.evaluate.context import Context
from planwatch.evaluate.cumulative import combined_reduction, required_yearly_reduction, running_total
from planwatch.evaluate.growth import consecutive_run
from planwatch.evaluate.levels import assess_level, effort_against_best, effort_text
from planwatch.evaluate.paths import base_unit
from planwatch.evaluate.progress import meets
from planwatch.evaluate.projection import Projection
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.verdicts import classify_progress, final_verdict
from planwatch.evaluate.warnings import warning_for
from planwatch.extract.target_cells import LEVEL_CHANGE_UNITS


def yearly_amounts(ctx: Context) -> tuple[str, dict[int, float], list, str | None] | None:
    """(measure, year → amount, observations used, gap note): reductions, amounts, or differences of levels."""
    base = ctx.base_year
    for measure in ("reduction_rate", "amount"):
        found = ctx.values(measure)
        if found:
            run = consecutive_run(found, base + 1, ctx.eval_year)
            later = [y for y in found if not run or y > run[-1]]
            gap = None
            if later:
                first_missing = run[-1] + 1 if run else base + 1
                gap = (
                    f"{first_missing}年数据缺失，累计只计{text.years(base + 1, run[-1]) if run else '（无）'}"
                )
            return measure, {y: found[y].value for y in run}, [found[y] for y in run], gap
    levels = ctx.observations.series(ctx.indicator.number, "level")
    if base in levels:
        later = [y for y in levels if base < y <= ctx.eval_year]
        if later:
            run = consecutive_run(levels, base, ctx.eval_year)
            amounts = {y: levels[y].value - levels[y - 1].value for y in run[1:]}
            if not amounts:
                latest = max(later)
                amounts = {latest: levels[latest].value - levels[base].value}
            return "level", amounts, [levels[base]] + [levels[y] for y in amounts], None
    return None


_AMOUNT_WORDS = ("新增", "新建", "改造", "建设", "完成", "造林", "投资", "治理", "新开工")
_CHAINED_WORDS = ("降低", "下降", "减少", "削减", "增长")


def accumulation(ctx: Context) -> str:
    """How a 〔〕 target accumulates, decided by the unit (§2.4): "chained" reductions or growth rates in %,
    "summed" yearly amounts, or a "level_change" over the baseline (人均预期寿命〔1〕岁)."""
    if ctx.values("reduction_rate"):
        return "chained"
    if ctx.values("amount"):
        return "summed"
    name, unit = ctx.indicator.name, base_unit(ctx.unit)
    if any(w in name for w in _CHAINED_WORDS) and unit in ("%", "％"):
        return "chained"
    if any(w in name for w in _AMOUNT_WORDS):
        return "summed"
    if unit in LEVEL_CHANGE_UNITS or unit in ("%", "％", "‰"):
        return "level_change"
    return "summed"


def evaluate_level_change(ctx: Context, change: float) -> IndicatorResult:
    """〔x〕 on a level: the target is baseline + x, judged from level observations like any level."""
    baseline = ctx.baseline()
    cell = ctx.indicator.target_text
    if baseline is None:
        if not ctx.values("level"):
            return ctx.result("no_data", [f"尚无{text.years(ctx.base_year + 1, ctx.eval_year)}监测值"])
        return ctx.result(
            "needs_input",
            [f"“{cell}”为较基期的变化，缺少基期值，请录入{ctx.base_year}年数值"],
            missing="baseline",
        )
    target = baseline.value + change
    result = assess_level(ctx, None, target, "up" if change >= 0 else "down")
    shown = f"“{cell}”为较基期的变化：目标水平{text.amount(round(target, 4), ctx.unit)}（基期加{text.number(change)}）。"
    result.explanation = shown + result.explanation
    result.details = {**result.details, "measure": "level_change", "change": change}
    return result


def evaluate_cumulative(ctx: Context) -> IndicatorResult:
    target = ctx.target.value
    if target is None:
        return ctx.result("no_data", [f"目标“{ctx.indicator.target_text}”未识别出数值，请在系统中补录目标值"])
    if accumulation(ctx) == "level_change":
        return evaluate_level_change(ctx, target)
    found = yearly_amounts(ctx)
    if found is None or not found[1]:
        return ctx.result("no_data", [f"尚无{text.years(ctx.base_year + 1, ctx.eval_year)}年度数据"])
    measure, amounts, used, gap = found
    data_year, missing = ctx.data_year(amounts)
    if data_year is None:
        return ctx.result("no_data", [missing])
    ctx.use(used)
    unit = "%" if measure == "reduction_rate" else ctx.unit
    # A cumulative target is a total to reach; only an explicit <= makes it a cap (e.g. 累计新增用地控制在…以内).
    cap = ctx.target.comparator in ("<=", "<")
    direction = "down" if cap else "up"
    reduction = measure == "reduction_rate"
    impossible = [y for y, d in amounts.items() if d >= 100] if reduction else []
    if impossible:
        years = "、".join(str(y) for y in impossible)
        return ctx.result("no_data", [f"{years}年降低率为100%或更高，无法连乘计算累计降低，请核对数据"])
    total = combined_reduction(amounts.values()) if reduction else running_total(amounts.values())
    progress = total / target if target else None
    tau = ctx.tau(data_year)
    listed = "、".join(f"{y}年{text.amount(v, unit)}" for y, v in amounts.items())
    if reduction:
        head = f"{listed}，累计降低{text.rate(total)}（1−Π(1−d)），目标累计降低{text.rate(target)}"
    elif measure == "level":
        head = f"由水平值推算累计{text.amount(total, unit)}（{listed}），目标{text.amount(target, unit)}"
    else:
        head = f"{listed}，累计{text.amount(total, unit)}，目标{text.amount(target, unit)}"
    sentences = [head, f"完成进度{text.percent(progress)}，时序进度{text.percent(tau)}"]
    fields = dict(
        data_year=data_year,
        time_progress=tau,
        expected_progress=tau,
        progress=progress,
        target_value=target,
        path="linear",
        baseline_text="—",
        current_text=text.number(total),
        details={"measure": measure, "yearly": amounts, "total": total},
        notes=[gap] if gap else [],
    )
    met = meets(total, target, direction)
    binding = ctx.indicator.attribute == "binding"
    if ctx.final:
        status = final_verdict(met, progress if not cap else None, ctx.rules.nearly_achieved)
        return ctx.result(status, sentences, warning=warning_for(status, binding, None, False), **fields)
    if progress is None:
        # a total of 0 to reach or keep: met or not, no completion percentage
        status = "achieved_early" if met and not cap else ("on_track" if met else "lagging")
        sentences[1] = f"目标为0，不计算完成进度，时序进度{text.percent(tau)}"
        return ctx.result(status, sentences, warning=warning_for(status, binding, met, False), **fields)
    if cap:
        status = "lagging" if not met else classify_progress(-progress, -tau, ctx.rules.tolerance)
    elif met:
        status = "achieved_early"
    else:
        status = classify_progress(progress, tau, ctx.rules.tolerance)
    years_left = ctx.target_year - data_year
    elapsed = data_year - ctx.base_year
    if reduction:
        trend = (1 - (1 - total / 100) ** (1 / elapsed)) * 100
        projected = (1 - (1 - total / 100) * (1 - trend / 100) ** years_left) * 100
        method = "average_reduction"
        required = required_yearly_reduction(target, total, years_left) if years_left else None
        effort_measure = "reduction"
    else:
        trend = total / elapsed
        projected = total + trend * years_left
        method = "average_amount"
        required = (target - total) / years_left if years_left else None
        effort_measure = "amount"
    projection = Projection(ctx.target_year, projected, method, meets(projected, target, direction), trend)
    after = [
        f"按年均{'降低' if reduction else ''}{text.amount(text.computed(trend, unit), unit)}推算，"
        f"{ctx.target_year}年累计{text.amount(text.computed(projected, unit), unit)}，"
        f"{'能够' if projection.meets else '难以'}实现目标。"
    ]
    effort = None
    if required is not None and not met and not cap:
        effort = effort_against_best(effort_measure, required, amounts, "up", ctx.rules.red_effort_factor)
        after.append(effort_text(effort, unit, years_left, ctx.rules.red_effort_factor))
    warning = warning_for(status, binding, projection.meets, bool(effort and effort.exceeded))
    return ctx.result(
        status, sentences, warning=warning, projection=projection, required=effort, after=after, **fields
    )
