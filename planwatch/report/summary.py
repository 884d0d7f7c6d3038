"""The 总体情况 sentences: verdict counts computed from the evaluation, binding indicators stated separately."""

from __future__ import annotations

from planwatch.report.facts import DURING, FINAL, STATUS_ZH, IndicatorFacts, counts

# How a status reads after "N项" in a sentence.
_PHRASE = {
    **STATUS_ZH,
    "no_data": "暂无监测数据",
    "needs_input": "待录入上级下达指标",
    "qualitative": "为定性指标、需人工评价",
}


def _listing(found: dict[str, int], statuses: tuple[str, ...], always: bool) -> list[str]:
    return [f"{found.get(s, 0)}项{_PHRASE[s]}" for s in statuses if always or found.get(s, 0)]


def _main_statuses(final: bool) -> tuple[str, ...]:
    return FINAL if final else DURING


def counts_sentence(facts: list[IndicatorFacts], final: bool) -> str:
    """纲要提出的21项主要指标中，a项提前实现，b项快于预期，c项基本符合预期，d项滞后于预期；另有…。"""
    found = counts(facts)
    main = _main_statuses(final)
    text = f"纲要提出的{len(facts)}项主要指标中，" + "，".join(_listing(found, main, always=True))
    others = [s for s in _PHRASE if s not in main and found.get(s)]
    if others:
        text += "；另有" + "，".join(_listing(found, tuple(others), always=False))
    return text + "。"


def binding_sentence(facts: list[IndicatorFacts], final: bool) -> str:
    """N项约束性指标中，…；the binding indicators that fall short are named."""
    binding = [f for f in facts if f.binding]
    if not binding:
        return "纲要未设置约束性指标。"
    found = counts(binding)
    order = tuple(_main_statuses(final)) + tuple(s for s in _PHRASE if s not in _main_statuses(final))
    text = f"{len(binding)}项约束性指标中，" + "，".join(_listing(found, order, always=False)) + "。"
    short = [f for f in binding if f.status in ("lagging", "not_achieved", "nearly_achieved")]
    if short:
        names = "、".join(f"第{f.number}项“{f.name}”" for f in short)
        text += f"未达到要求的约束性指标为{names}，须重点督办。"
    return text


def time_sentence(year: int, base_year: int, target_year: int, tau: float, final: bool) -> str:
    if final:
        return f"规划实施期（{base_year + 1}—{target_year}年）已经结束，本报告依据{year}年及以前监测数据进行总结评估。"
    return f"截至{year}年，规划实施{year - base_year}年，时序进度为{tau * 100:.0f}%。"


def override_sentence(facts: list[IndicatorFacts]) -> str:
    changed = [f for f in facts if f.overridden]
    if not changed:
        return ""
    return f"其中{len(changed)}项指标的评价经规划部门人工调整，调整理由见附表1。"


def summary_paragraph(facts, year, base_year, target_year, tau, final) -> str:
    return (
        time_sentence(year, base_year, target_year, tau, final)
        + counts_sentence(facts, final)
        + binding_sentence(facts, final)
        + override_sentence(facts)
    )
