"""Annual growth targets (年均增长率 g*): average growth chained from yearly rates (METHODOLOGY §3, §6)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.evaluate import text
from planwatch.evaluate.context import Context
from planwatch.evaluate.growth import chained_index, consecutive_run, cumulative_completion, required_growth
from planwatch.evaluate.levels import effort_against_best, effort_text
from planwatch.evaluate.observations import Observation
from planwatch.evaluate.progress import improvement
from planwatch.evaluate.projection import Projection
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.verdicts import classify_growth
from planwatch.evaluate.warnings import warning_for


@dataclass
class GrowthSeries:
    """Growth of one indicator from the base year to `last_year`: yearly rates, or the span of two levels."""

    first_year: int  # base year
    last_year: int
    index: float  # Π(1 + r_t)
    basis: str  # "rates": published yearly rates; "levels": derived from levels (nominal where levels are)
    yearly: dict[int, float] = field(default_factory=dict)  # year → % (empty for a span of two levels)
    observations: list[Observation] = field(default_factory=list)
    gap_note: str | None = None

    @property
    def years(self) -> int:
        return self.last_year - self.first_year

    @property
    def impossible(self) -> str | None:
        """Why the rates cannot be chained: a fall of 100% or more leaves nothing to grow from."""
        fallen = [y for y, r in self.yearly.items() if r <= -100]
        if fallen or self.index <= 0:
            years = "、".join(str(y) for y in fallen) or text.years(self.first_year + 1, self.last_year)
            return f"{years}年增长率为−100%或更低，无法连乘计算年均增速，请核对数据"
        return None

    @property
    def average(self) -> float:
        return (self.index ** (1 / self.years) - 1) * 100

    def describe(self) -> str:
        span = text.years(self.first_year + 1, self.last_year)
        if self.basis == "rates":
            listed = "、".join(text.rate(r) for r in self.yearly.values())
            return f"{span}分别增长{listed}，年均增长{text.rate(self.average)}"
        return f"{span}年均增长{text.rate(self.average)}（由水平值推算，未用公布的可比价增长率）"


def growth_series(ctx: Context, number: int, last_year: int, basis: str | None = None) -> GrowthSeries | None:
    """Chained published rates from the base year on; where none, growth derived from levels (and said so).

    `basis` picks the 实际 (real) or 名义 (nominal) rates; nominal growth may also come from levels."""
    base = ctx.base_year
    found = ctx.observations.series(number, "growth_rate", basis)
    if not found and basis is None:
        found = ctx.observations.series(number, "growth_rate", "实际") or ctx.observations.series(
            number, "growth_rate", "名义"
        )
    rates = {y: o for y, o in found.items() if base < y <= last_year}
    levels = {y: o for y, o in ctx.observations.series(number, "level").items() if base <= y <= last_year}
    if basis == "实际" and not rates:
        return None
    if not rates:
        # The level of an indicator measured in % that is compared by growth (e.g. GDP增长（%）) is its yearly rate.
        rates = {y: o for y, o in levels.items() if y > base and o.unit == "%"}
    run = consecutive_run(rates, base + 1, last_year)
    if run:
        gap = None
        later = [y for y in rates if y > run[-1]]
        if later:
            gap = f"{run[-1] + 1}年增长率缺失，按{text.years(base + 1, run[-1])}计算（未用{text.years(min(later), max(later))}数据）"
        used = [rates[y] for y in run]
        return GrowthSeries(
            base,
            run[-1],
            chained_index(o.value for o in used),
            "rates",
            {y: rates[y].value for y in run},
            used,
            gap,
        )
    if base not in levels or levels[base].value <= 0 or len(levels) < 2:
        return None
    run = consecutive_run(levels, base, last_year)
    latest = max(levels)
    used = [levels[base], levels[latest]]
    yearly = {}
    if run[-1] == latest:
        yearly = {y: (levels[y].value / levels[y - 1].value - 1) * 100 for y in run[1:]}
        used = [levels[y] for y in run]
    return GrowthSeries(base, latest, levels[latest].value / levels[base].value, "levels", yearly, used)


def no_growth_reason(ctx: Context, number: int) -> str:
    base = ctx.observations.series(number, "level").get(ctx.base_year)
    if base is not None and base.value <= 0:
        return f"基期{ctx.base_year}年水平值{text.number(base.value)}不为正，无法由水平值推算增长率，请录入各年增长率"
    return f"尚无{text.years(ctx.base_year + 1, ctx.eval_year)}增长率或基期与当年水平值"


def evaluate_growth(ctx: Context) -> IndicatorResult:
    target = ctx.target.value
    if target is None:
        return ctx.result("no_data", [f"目标“{ctx.indicator.target_text}”未识别出数值，请在系统中补录目标值"])
    series = growth_series(ctx, ctx.indicator.number, ctx.eval_year)
    if series is None:
        return ctx.result("no_data", [no_growth_reason(ctx, ctx.indicator.number)])
    if series.impossible:
        return ctx.result("no_data", [series.impossible])
    data_year, missing = ctx.data_year([series.last_year])
    if data_year is None:
        return ctx.result("no_data", [missing, series.describe()])
    ctx.use(series.observations)
    average = series.average
    direction = ctx.direction
    span_rates = [(series.index - 1) * 100]
    progress = cumulative_completion(target, span_rates, ctx.base_year, ctx.target_year)
    tau = ctx.tau(data_year)
    head = f"{series.describe()}，目标年均{text.rate(target)}"
    sentences = [head, f"累计增长完成进度{text.percent(progress)}，时序进度{text.percent(tau)}"]
    fields = dict(
        data_year=data_year,
        time_progress=tau,
        progress=progress,
        average_growth=average,
        growth_basis=series.basis,
        target_value=target,
        baseline_text=ctx.baseline_display("growth_rate"),
        current_text=f"年均{text.rate(average)}",
        details={"yearly_rates": series.yearly},
    )
    if series.gap_note:
        fields["notes"] = [series.gap_note]
    tolerance = ctx.rules.growth_tolerance
    if ctx.final:
        status = final_growth_verdict(average, target, tolerance, direction)
        gap = improvement(average - target, direction)
        sentences.append(f"期末年均增速与目标相差{gap:+.1f}个百分点（容差{text.points(tolerance)}）")
        warning = warning_for(status, ctx.indicator.attribute == "binding", None, False)
        return ctx.result(status, sentences, warning=warning, **fields)

    status = classify_growth(average, target, tolerance, direction)
    sentences.append(_growth_rule_text(average, target, tolerance, status))
    projection = Projection(
        ctx.target_year,
        average,
        "average_growth",
        average >= target - 1e-9 if direction == "up" else average <= target + 1e-9,
        average,
    )
    after = [
        f"若保持当前年均增速，{ctx.target_year}年期末年均增长{text.rate(average)}，"
        f"{'能够' if projection.meets else '难以'}实现目标。"
    ]
    effort = None
    if data_year < ctx.target_year:
        required = required_growth(target, span_rates, ctx.base_year, ctx.target_year, data_year)
        effort = effort_against_best(
            "growth", required, series.yearly, direction, ctx.rules.red_effort_factor
        )
        after.append(effort_text(effort, "%", ctx.target_year - data_year, ctx.rules.red_effort_factor))
    warning = warning_for(
        status, ctx.indicator.attribute == "binding", projection.meets, bool(effort and effort.exceeded)
    )
    return ctx.result(
        status, sentences, warning=warning, projection=projection, required=effort, after=after, **fields
    )


def final_growth_verdict(average: float, target: float, tolerance: float, direction: str = "up") -> str:
    """A growth target has no completion π (§4): achieved when ḡ holds within the growth tolerance of g*,
    nearly achieved within twice the tolerance, else not achieved."""
    gap = improvement(average - target, direction)
    if gap >= -tolerance - 1e-9:
        return "achieved"
    if gap >= -2 * tolerance - 1e-9:
        return "nearly_achieved"
    return "not_achieved"


def _growth_rule_text(average: float, target: float, tolerance: float, status: str) -> str:
    if status == "ahead":
        return f"年均增速高于目标{text.points(tolerance)}以上"
    if status == "on_track":
        return f"年均增速与目标相差不超过{text.points(tolerance)}"
    return f"年均增速低于目标超过{text.points(tolerance)}"
