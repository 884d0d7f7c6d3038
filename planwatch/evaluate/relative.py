"""Relative targets (与经济增长同步, 高于GDP增长): the indicator's growth against the referenced indicator's."""

from __future__ import annotations

import re

from planwatch.evaluate import text
from planwatch.evaluate.context import Context
from planwatch.evaluate.growth_targets import growth_series
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.warnings import warning_for

RELATIONS_ZH = {
    "in_step": "不低于参照指标增速（容差{}）",
    "above": "高于参照指标增速",
    "at_least": "不低于参照指标增速",
}


def relation_of(target_text: str) -> str:
    """in_step for 同步, above for 高于/快于/超过, at_least for 不低于; in_step when the text says neither."""
    if re.search(r"高于|快于|超过|超出", target_text):
        return "above"
    if "不低于" in target_text or "不慢于" in target_text:
        return "at_least"
    return "in_step"


def relation_met(own: float, reference: float, relation: str, tolerance: float) -> bool:
    if relation == "above":
        return own > reference + 1e-9
    if relation == "at_least":
        return own >= reference - 1e-9
    return own >= reference - tolerance - 1e-9


def evaluate_relative(ctx: Context) -> IndicatorResult:
    indicator = ctx.indicator
    reference = next((i for i in ctx.plan.indicators if i.number == indicator.reference), None)
    if reference is None:
        return ctx.result("no_data", [f"“{indicator.target_text}”未指定参照指标，请在系统中选定"])
    basis = comparable_basis(ctx, indicator.number, reference.number)
    own = growth_series(ctx, indicator.number, ctx.eval_year, basis)
    other = growth_series(ctx, reference.number, ctx.eval_year, basis)
    if own is None or other is None:
        lacking = "、".join(i.name for i, s in ((indicator, own), (reference, other)) if s is None)
        return ctx.result("no_data", [f"尚无{lacking}的增长率或基期与当年水平值"])
    last = min(own.last_year, other.last_year)
    if own.last_year != other.last_year:
        own = growth_series(ctx, indicator.number, last, basis)
        other = growth_series(ctx, reference.number, last, basis)
        if own is None or other is None or own.last_year != other.last_year:
            return ctx.result("no_data", ["两项指标没有相同年份的增长数据"])
    broken = own.impossible or other.impossible
    if broken:
        return ctx.result("no_data", [broken])
    data_year, missing = ctx.data_year([last])
    if data_year is None:
        return ctx.result("no_data", [missing])
    ctx.use(own.observations)
    ctx.use(other.observations)
    relation = relation_of(indicator.target_text)
    tolerance = ctx.rules.growth_tolerance
    own_growth, reference_growth = own.average, other.average
    met = relation_met(own_growth, reference_growth, relation, tolerance)
    cumulative_reference = other.index - 1
    progress = (own.index - 1) / cumulative_reference if cumulative_reference > 0 else None
    sentences = [
        f"{indicator.name}{own.describe()}",
        f"{reference.name}（第{reference.number}项）{other.describe()}",
        f"目标“{indicator.target_text}”按增速{RELATIONS_ZH[relation].format(text.points(tolerance))}评价",
        f"增速差{own_growth - reference_growth:+.1f}个百分点",
    ]
    fields = dict(
        data_year=data_year,
        time_progress=ctx.tau(data_year),
        progress=progress,
        average_growth=own_growth,
        growth_basis=own.basis,
        baseline_text=ctx.baseline_display("level"),
        current_text=f"年均{text.rate(own_growth)}",
        details={
            "reference": reference.number,
            "reference_growth": reference_growth,
            "reference_basis": other.basis,
            "relation": relation,
        },
    )
    fields["details"]["series"] = basis
    if basis is not None:
        sentences.insert(2, f"按{basis}增长比较（{_BASIS_ZH[basis]}）")
    elif own.basis != other.basis:
        fields["notes"] = ["两项增长的计算口径不同（一项由水平值推算），比较仅供参考"]
    else:
        fields["notes"] = ["增长率未标明实际或名义（可在“分项”中注明“实际”或“名义”），按所录数据比较"]
    binding = indicator.attribute == "binding"
    # A relative target is a condition, not a distance: met or missed, never ahead or achieved early (§2.6).
    status = condition_status(met, ctx.final)
    # No trend projection for a relation: it holds so far or it does not.
    return ctx.result(status, sentences, warning=warning_for(status, binding, met, False), **fields)


def condition_status(met: bool, final: bool) -> str:
    """完成 / 未完成 at the end, 基本符合预期 / 滞后于预期 during the period."""
    if final:
        return "achieved" if met else "not_achieved"
    return "on_track" if met else "lagging"


_BASIS_ZH = {"实际": "实际增长对实际增长", "名义": "名义增长对名义增长"}


def comparable_basis(ctx: Context, own: int, reference: int) -> str | None:
    """Like with like: 实际 where both indicators have real growth rates, else 名义 where both have nominal
    rates (or levels, from which nominal growth follows); None when the rows do not say which."""
    observations = ctx.observations

    def has(number: int, series: str) -> bool:
        return bool(observations.series(number, "growth_rate", series))

    if has(own, "实际") and has(reference, "实际"):
        return "实际"
    nominal = [has(n, "名义") or len(observations.series(n, "level")) >= 2 for n in (own, reference)]
    if (has(own, "名义") or has(reference, "名义")) and all(nominal):
        return "名义"
    return None
