"""Compound targets: one cell holding several, e.g. `70/500（25）`; each part is a level, all parts for achieved."""

from __future__ import annotations

from planwatch.evaluate.context import Context
from planwatch.evaluate.levels import assess_level
from planwatch.evaluate.progress import direction_of
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.verdicts import worst
from planwatch.evaluate.warnings import warning_for


def combine(statuses: list[str], final: bool) -> str:
    """All parts met → achieved (early); otherwise the least favourable part decides."""
    if final:
        if all(s == "achieved" for s in statuses):
            return "achieved"
        if all(s in ("achieved", "nearly_achieved") for s in statuses):
            return "nearly_achieved"
        if any(s == "no_data" for s in statuses):
            return "no_data"
        return "not_achieved"
    if all(s == "achieved_early" for s in statuses):
        return "achieved_early"
    return worst(statuses)


def evaluate_compound(ctx: Context) -> IndicatorResult:
    parts = ctx.indicator.parts
    if not parts:
        return ctx.result("no_data", [f"目标“{ctx.indicator.target_text}”未拆分出分项，请在系统中补录"])
    # 〔成片改造110 零星改造20〕: parts of a five-year total, each counted from zero at the base year.
    cumulative = ctx.indicator.target_text.strip().startswith(("〔", "[", "［"))
    results = []
    for part in parts:
        direction = direction_of(part.comparator, ctx.indicator.direction)
        part_ctx = Context(
            ctx.plan, ctx.indicator, ctx.observations, ctx.year, ctx.rules, ctx.target, ctx.target_version
        )
        result = assess_level(
            part_ctx, part.name, part.value, direction, label=f"{part.name}：", from_zero=cumulative
        )
        result.name = part.name
        ctx.use(part_ctx.used)
        results.append(result)
    status = combine([r.status for r in results], ctx.final)
    progresses = [r.progress for r in results]
    progress = None if any(p is None for p in progresses) else min(progresses)
    sentences = [_part_sentence(r) for r in results]
    sentences.append("各分项均须达到目标" + ("" if ctx.final else "，总体按最不利分项评价"))
    projections = [r.projection for r in results]
    projection_meets = all(p is not None and p.meets for p in projections) if not ctx.final else None
    exceeded = any(r.required and r.required.exceeded for r in results)
    warning = warning_for(status, ctx.indicator.attribute == "binding", projection_meets, exceeded)
    data_years = [r.data_year for r in results if r.data_year]
    return ctx.result(
        status,
        sentences,
        warning=warning,
        progress=progress,
        parts=results,
        data_year=max(data_years) if data_years else None,
        time_progress=results[0].time_progress,
        baseline_text="/".join(r.baseline_text or "—" for r in results),
        current_text="/".join(r.current_text or "—" for r in results),
        missing=next((r.missing for r in results if r.status == status == "needs_input"), None),
    )


def _part_sentence(result: IndicatorResult) -> str:
    """The part's own explanation without its trailing notes: 上市：2023年45家，…，快于预期."""
    first = result.explanation.split("。")[0]
    label = result.status_zh
    return first if first.endswith(label) else f"{first}，{label}"
