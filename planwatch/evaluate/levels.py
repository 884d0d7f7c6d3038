"""Level and share targets (达到、不低于、控制在): completion against the expected path (METHODOLOGY §3–4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from planwatch.evaluate import text
from planwatch.evaluate.context import Context
from planwatch.evaluate.observations import Observation
from planwatch.evaluate.paths import default_path, expected_progress, expected_value, usable_path
from planwatch.evaluate.progress import completion, improvement, meets
from planwatch.evaluate.projection import Projection, by_average_growth, by_linear_fit
from planwatch.evaluate.results import Effort, Figure, IndicatorResult
from planwatch.evaluate.sdg import progress_measure
from planwatch.evaluate.verdicts import classify_progress, final_verdict
from planwatch.evaluate.warnings import warning_for


def evaluate_level(ctx: Context) -> IndicatorResult:
    if ctx.target.value is None:
        return ctx.result("no_data", [f"目标“{ctx.indicator.target_text}”未识别出数值，请在系统中补录目标值"])
    return assess_level(ctx, None, ctx.target.value, ctx.direction)


def assess_level(
    ctx: Context, series: str | None, target: float, direction: str, label: str = "", from_zero: bool = False
) -> IndicatorResult:
    """Verdict for one level target, e.g. one part of a compound indicator (`label` names the part);
    `from_zero`: a running total toward a five-year amount, 0 at the base year unless a row says otherwise."""
    unit = ctx.unit
    values = ctx.values("level", series)
    if from_zero and not values:
        values = running_totals(ctx, series)
    data_year, missing = ctx.data_year(values, final_fallback=True)
    baseline = ctx.baseline(series)
    if baseline is None and from_zero:
        baseline = Figure(0.0, ctx.base_year, "五年累计目标，基期计为0")
    if data_year is None:
        return ctx.result("no_data", [f"{label}{missing}"], baseline=baseline)
    x = values[data_year].value
    met = meets(x, about(target, direction, ctx) if ctx.target.comparator == "~" else target, direction)
    if ctx.final and data_year < ctx.eval_year and not met:
        # Only a target already met may be judged on an earlier figure at the end (§4).
        return ctx.result(
            "no_data",
            [f"{label}缺少{ctx.eval_year}年监测值（最新{data_year}年{text.amount(x, unit)}，尚未达到目标）"],
            baseline=baseline,
        )
    current = ctx.figure(values[data_year])
    start = baseline.year if baseline else ctx.base_year
    tau = ctx.tau(data_year, start)
    shape = ctx.rules.path or default_path(ctx.indicator)
    head = f"{label}{data_year}年{text.amount(x, unit)}{qualifier(values[data_year].note)}"
    if baseline is not None:
        head += f"，基期{baseline.year}年{text.amount(baseline.value, unit)}"
    head += f"，目标{text.amount(target, unit)}"
    fields = dict(
        data_year=data_year,
        baseline=baseline,
        current=current,
        time_progress=tau,
        target_value=target,
        baseline_text=text.number(baseline.value) if baseline else "—",
        current_text=text.number(x),
    )
    if baseline is None:
        if met:
            status = "achieved" if ctx.final else "achieved_early"
            return _finish(
                ctx, status, [head, "已达到目标（缺少基期值，未计算完成进度）"], None, None, fields
            )
        return ctx.result(
            "needs_input", [head, "缺少基期值，无法计算完成进度，请录入基期值"], missing="baseline", **fields
        )
    if small_span(baseline.value, target, (o.value for o in values.values())):
        return _small_span(ctx, head, x, baseline, target, direction, met, fields)

    usable = usable_path(shape, baseline.value, target)
    if usable != shape:
        head += "（基期值或目标值不为正，几何路径不适用，按线性路径）"
    shape = usable
    fields["path"] = shape
    pi = completion(x, baseline.value, target)
    already = meets(baseline.value, target, direction)
    if already:
        pi = 1.0 if met else 0.0
    fields["progress"] = pi
    fields["sdg"] = progress_measure(
        baseline.value, baseline.year, x, data_year, target, ctx.target_year, direction
    )
    sentences = [head]
    if ctx.final:
        status = final_verdict(met, pi, ctx.rules.nearly_achieved)
        sentences.append(f"完成进度{text.percent(pi)}" + ("（基期值已达到目标）" if already else ""))
        if status == "nearly_achieved":
            sentences.append(f"未达目标但完成进度不低于{text.percent(ctx.rules.nearly_achieved)}")
        return _finish(ctx, status, sentences, None, None, fields)

    expected = expected_progress(baseline.value, target, tau, shape)
    fields["expected_progress"] = expected
    progress_text = f"完成进度{text.percent(pi)}，时序进度{text.percent(tau)}"
    if shape == "geometric" and abs(expected - tau) > 0.0005:
        path_value = expected_value(baseline.value, target, tau, shape)
        progress_text += f"（按几何路径应达{text.amount(path_value, unit)}，应完成{text.percent(expected)}）"
    if already:
        progress_text = "基期值已达到目标" + ("，目前仍保持" if met else "，目前已不再满足")
    sentences.append(progress_text)
    if met:
        status = "achieved_early"
    elif already:
        status = "lagging"
    else:
        status = classify_progress(pi, expected, ctx.rules.tolerance)
        sentences.append(_rule_text(pi, expected, ctx.rules.tolerance, status))
    points = {baseline.year: baseline.value, **{y: o.value for y, o in values.items() if y <= data_year}}
    projection = _project(unit, shape, baseline, data_year, x, points, ctx.target_year, target, direction)
    effort = (
        None
        if met
        else _effort(
            shape, points, x, data_year, ctx.target_year, target, direction, ctx.rules.red_effort_factor
        )
    )
    ctx.use(o for y, o in values.items() if y <= data_year)
    after = [
        _projection_text(projection, unit, ctx.target_year),
        effort_text(effort, unit, ctx.target_year - data_year, ctx.rules.red_effort_factor),
    ]
    return _finish(ctx, status, sentences, projection, effort, fields, after)


def running_totals(ctx: Context, series: str | None) -> dict[int, Observation]:
    """Yearly amounts of a part of a five-year total as the running total at the end of each year."""
    amounts = ctx.values("amount", series)
    totals: dict[int, Observation] = {}
    total = 0.0
    for year in sorted(amounts):
        total += amounts[year].value
        totals[year] = replace(amounts[year], value=total, measure="level", note="年度新增量累计")
    ctx.use(amounts.values())
    return totals


def _finish(ctx, status, sentences, projection, effort, fields, after=()) -> IndicatorResult:
    warning = warning_for(
        status,
        ctx.indicator.attribute == "binding",
        projection.meets if projection else None,
        bool(effort and effort.exceeded),
    )
    return ctx.result(
        status,
        sentences,
        warning=warning,
        projection=projection,
        required=effort,
        after=[a for a in after if a],
        **fields,
    )


_QUALIFIERS = ("以上", "超过", "左右", "以下", "不足")


def qualifier(note: str | None) -> str:
    """A published floor or approximation (“95%以上”) keeps its qualifier in the explanation (§6)."""
    if not note:
        return ""
    return next((word for word in _QUALIFIERS if note.strip().startswith(word) or note.strip() == word), "")


def about(target: float, direction: str, ctx: Context) -> float:
    """`左右`: a level within the tolerance of its target (2% of the target value by default) meets it (§3)."""
    slack = ctx.rules.about_tolerance * abs(target)
    return target + slack if direction == "down" else target - slack


def reported_step(value: float) -> float:
    """The last reported digit of a figure: 84.05 → 0.01, 1755 → 1, 0.035 → 0.001."""
    written = f"{value:.6f}".rstrip("0").rstrip(".")
    decimals = len(written.split(".")[1]) if "." in written else 0
    return 10.0**-decimals


def small_span(baseline: float, target: float, observed: Iterable[float] = ()) -> bool:
    """A target less than ten units of the last reported digit from the baseline (84.05 → 84.07): a completion
    percentage would mislead (§3). The digit is the finest the indicator is reported in (baseline, target, data)."""
    step = min(reported_step(v) for v in (baseline, target, *observed))
    # A plan that writes whole numbers (52 → 60 %, 0.03 → 0.024) states a real distance: the span must also be
    # tiny against the value itself for a completion percentage to be noise.
    tiny = abs(target - baseline) < 0.02 * max(abs(baseline), abs(target))
    return abs(target - baseline) < 10 * step - 1e-12 and tiny


def _small_span(ctx, head, x, baseline, target, direction, met, fields) -> IndicatorResult:
    """已达目标 / 尚未达到 / 低于基期, with the gap in the indicator's unit instead of a percentage."""
    unit = ctx.unit
    span = text.change(abs(target - baseline.value), unit)
    worse = improvement(x - baseline.value, direction) < 0
    if met:
        state, status = "已达目标", ("achieved" if ctx.final else "achieved_early")
    elif worse:
        below = "低于基期" if direction == "up" else "高于基期"
        state = (
            f"{below}{text.change(abs(x - baseline.value), unit)}，距目标{text.change(abs(target - x), unit)}"
        )
        status = "not_achieved" if ctx.final else "lagging"
    else:
        state = f"尚未达到，距目标{text.change(abs(target - x), unit)}"
        status = "not_achieved" if ctx.final else "on_track"
    same = abs(target - baseline.value) <= 1e-12
    span_text = "目标与基期值相同，保持即达标" if same else f"目标与基期仅差{span}"
    sentences = [head, f"{span_text}，不计算完成进度；{state}"]
    fields = {**fields, "path": "linear", "details": {"small_span": True, "gap": target - x}}
    return _finish(ctx, status, sentences, None, None, fields)


def _rule_text(pi: float, expected: float, tolerance: float, status: str) -> str:
    low, high = expected - tolerance, expected + tolerance
    if status == "ahead":
        return f"完成进度不低于{text.percent(high)}"
    if status == "on_track":
        return f"完成进度在{text.percent(low)}至{text.percent(high)}之间"
    return f"完成进度低于{text.percent(low)}"


def _project(
    unit: str,
    shape: str,
    baseline: Figure,
    year: int,
    value: float,
    points: dict[int, float],
    target_year: int,
    target: float,
    direction: str,
) -> Projection | None:
    if shape == "geometric":
        projection = by_average_growth(baseline.year, baseline.value, year, value, target_year)
    else:
        projection = by_linear_fit(points, target_year)
    if projection is None:
        return None
    value = natural_range(projection.value, unit, baseline.value)
    return Projection(
        projection.year, value, projection.method, meets(value, target, direction), projection.rate
    )


def natural_range(value: float, unit: str, baseline: float) -> float:
    """A projection stays where the quantity can be: a share within 0–100%, nothing below zero that cannot be."""
    if unit in ("%", "％") and 0 <= baseline <= 100:
        return min(100.0, max(0.0, value))
    if baseline >= 0:
        return max(0.0, value)
    return value


def _effort(
    shape: str,
    points: dict[int, float],
    value: float,
    year: int,
    target_year: int,
    target: float,
    direction: str,
    factor: float,
) -> Effort | None:
    """The yearly change (or growth) still needed against the best year so far."""
    years_left = target_year - year
    if years_left <= 0:
        return None
    ordered = sorted(points)
    steps = list(zip(ordered, ordered[1:], strict=False))
    if shape == "geometric" and value > 0 and target > 0:
        required = ((target / value) ** (1 / years_left) - 1) * 100
        changes = {b: ((points[b] / points[a]) ** (1 / (b - a)) - 1) * 100 for a, b in steps if points[a] > 0}
        measure = "growth"
    else:
        required = (target - value) / years_left
        changes = {b: (points[b] - points[a]) / (b - a) for a, b in steps}
        measure = "change"
    return effort_against_best(measure, required, changes, direction, factor)


def effort_against_best(
    measure: str, required: float, changes: dict[int, float], direction: str, factor: float
) -> Effort:
    """Red when the required yearly effort exceeds `factor` × the best year (or any year when none improved)."""
    need = improvement(required, direction)
    best_year = max(changes, key=lambda y: improvement(changes[y], direction)) if changes else None
    best = improvement(changes[best_year], direction) if best_year is not None else None
    if need <= 0 or best is None:
        exceeded = False
    elif best <= 0:
        exceeded = True
    else:
        exceeded = need > factor * best + 1e-12
    return Effort(
        measure, required, changes[best_year] if best_year is not None else None, best_year, exceeded
    )


def _projection_text(projection: Projection | None, unit: str, target_year: int) -> str:
    if projection is None:
        return ""
    how = (
        f"按基期以来年均增长{text.rate(projection.rate)}推算"
        if projection.method == "average_growth"
        else f"按线性趋势（每年{text.change(text.computed(projection.rate, unit), unit)}）推算"
    )
    verdict = "能够实现目标" if projection.meets else "难以实现目标"
    return (
        f"{how}，{target_year}年可达{text.amount(text.computed(projection.value, unit), unit)}，{verdict}。"
    )


def effort_text(effort: Effort | None, unit: str, years_left: int, factor: float) -> str:
    """今后3年尚需年均增长9.7%（此前最好年份2021年9.0%）."""
    if effort is None:
        return ""
    if effort.measure in ("growth", "reduction"):
        word = "下降" if (effort.required < 0) != (effort.measure == "reduction") else "增长"
        need = f"今后{years_left}年尚需年均{word}{text.rate(abs(effort.required))}"
        best = f"此前最好年份{effort.best_year}年{text.rate(effort.best)}" if effort.best is not None else ""
    else:
        word = "减少" if effort.required < 0 else "增加"
        verb = "新增" if effort.measure == "amount" else word
        need = (
            f"今后{years_left}年尚需每年{verb}{text.change(text.computed(abs(effort.required), unit), unit)}"
        )
        best = (
            f"此前最好年份{effort.best_year}年{text.change(text.computed(effort.best, unit), unit)}"
            if effort.best is not None
            else ""
        )
    warn = f"，所需力度超过最好年份的{text.number(factor)}倍" if effort.exceeded else ""
    return f"{need}（{best}）{warn}。" if best else f"{need}{warn}。"
