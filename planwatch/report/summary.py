"""The 总体情况 as officials write it (METHODOLOGY §5): the indicators named in each class with a headline
judgement, binding indicators stated apart, lagging ones with their reason and department; empty classes left out.

The sentences come from templates written here; which template a class uses varies with its place in the
listing so that a paragraph does not repeat one pattern.
"""

from __future__ import annotations

from collections.abc import Mapping

from planwatch.report.facts import DURING, FINAL, OTHER, IndicatorFacts
from planwatch.vocabulary import UNSTATED, missing_input

CHINESE_NUMERALS = "零一二三四五六七八九十"
# Templates for one class in the listing: {n} count, {names} the indicators, {label} the class.
_CLASS_TEMPLATES = (
    "{names}{n}项{label}",
    "{n}项{label}（{names}）",
    "{names}等{n}项{label}",
)
_OTHER_PHRASE = {  # by status; needs_input names what is missing (vocabulary.missing_input)
    "no_data": "尚无{year}年监测数据",
    "needs_input": "有待录入{missing}",
    "qualitative": "为定性指标、由规划部门评价",
}
# Headline judgements, from the share of indicators in the good classes (see headline()).
_HEADLINE_DURING = (
    (0.85, "规划实施总体进展顺利，主要指标总体符合预期"),
    (0.6, "主要指标总体符合预期，少数指标进展相对滞后"),
    (0.0, "部分主要指标进展滞后，实现规划目标仍需加大工作力度"),
)
_HEADLINE_FINAL = (
    (0.85, "规划确定的主要目标任务总体完成"),
    (0.6, "规划确定的主要目标任务大部分完成，少数指标未达预期"),
    (0.0, "规划确定的主要目标完成情况不够理想，部分指标差距较大"),
)


def chinese_count(n: int) -> str:
    """三 for 3: years of the period are written in words (规划实施三年)."""
    return CHINESE_NUMERALS[n] if 0 <= n <= 10 else str(n)


def name_list(facts: list[IndicatorFacts], limit: int = 4) -> str:
    """“地区生产总值”“森林覆盖率”等: at most `limit` names, quoted as officials quote indicator names."""
    names = "".join(f"“{f.short_name}”" for f in facts[:limit])
    return names


def _class_phrase(index: int, members: list[IndicatorFacts], label: str) -> str:
    template = _CLASS_TEMPLATES[index % len(_CLASS_TEMPLATES)]
    if len(members) > 4:
        template = "{names}等{n}项{label}"
    elif len(members) == 1:
        template = "{names}{label}" if index % 2 else "{n}项{label}（{names}）"
    return template.format(n=len(members), names=name_list(members), label=label)


def _groups(facts: list[IndicatorFacts], statuses: tuple[str, ...]) -> list[tuple[str, list[IndicatorFacts]]]:
    return [(s, [f for f in facts if f.status == s]) for s in statuses if any(f.status == s for f in facts)]


def headline(facts: list[IndicatorFacts], final: bool) -> str:
    """The judgement from the share of evaluated indicators in the good classes; a binding shortfall lowers it."""
    evaluated = [f for f in facts if f.status not in OTHER]
    if not evaluated:
        return "主要指标尚无可评价的监测数据"
    good = ("achieved",) if final else ("achieved_early", "ahead", "on_track")
    share = sum(1 for f in evaluated if f.status in good) / len(evaluated)
    binding_short = any(f.binding and f.status in ("lagging", "not_achieved") for f in evaluated)
    scale = _HEADLINE_FINAL if final else _HEADLINE_DURING
    if binding_short:
        share = min(share, 0.84)
    return next(text for floor, text in scale if share >= floor)


def counts_sentence(facts: list[IndicatorFacts], final: bool, year: int) -> str:
    """纲要提出的21项主要指标中，“…”等4项提前实现，5项快于预期（…）……；总体看，…。"""
    from planwatch.report.facts import STATUS_ZH

    main = _groups(facts, FINAL if final else DURING)
    phrases = [_class_phrase(i, members, STATUS_ZH[s]) for i, (s, members) in enumerate(main)]
    text = f"纲要提出的{len(facts)}项主要指标中，" + "，".join(phrases) if phrases else ""
    others: dict[tuple, list[IndicatorFacts]] = {}
    for fact in (f for s in OTHER for f in facts if f.status == s):
        missing = missing_input(fact.missing) if fact.status == "needs_input" else ""
        others.setdefault((fact.status, missing), []).append(fact)
    if others:
        rest = [
            f"{name_list(members)}{'等' if len(members) > 4 else ''}{len(members)}项"
            + _OTHER_PHRASE[status].format(year=year, missing=missing)
            for (status, missing), members in others.items()
        ]
        text = (text + "；另有" if text else f"纲要提出的{len(facts)}项主要指标中，") + "，".join(rest)
    return text + f"。总体看，{headline(facts, final)}。"


def binding_sentence(facts: list[IndicatorFacts], final: bool) -> str:
    """约束性指标 stated apart, then the indicators whose attribute the plan does not state (未标明)."""
    return _binding_only(facts, final) + unstated_sentence(facts)


def unstated_sentence(facts: list[IndicatorFacts]) -> str:
    """The indicators the plan gives no attribute: counted neither as binding nor as expected."""
    unstated = [f for f in facts if f.attribute == UNSTATED]
    if not unstated:
        return ""
    names = name_list(unstated, 6) + (f"等{len(unstated)}项指标" if len(unstated) > 6 else "")
    return f"{names}的属性纲要未标明，未计入约束性指标。"


def _binding_only(facts: list[IndicatorFacts], final: bool) -> str:
    binding = [f for f in facts if f.binding]
    if not binding:
        return ""
    short = [f for f in binding if f.status in ("lagging", "not_achieved", "nearly_achieved")]
    fine = [f for f in binding if f.status not in ("lagging", "not_achieved", "nearly_achieved", *OTHER)]
    missing = [f for f in binding if f.status in OTHER]
    n = len(binding)
    if not short and not missing:
        verb = "全部完成" if final else "均达到进度要求"
        return f"{n}项约束性指标{verb}。"
    parts = []
    if fine:
        parts.append(f"{len(fine)}项{'完成' if final else '达到进度要求'}")
    if short:
        parts.append(f"{name_list(short, 6)}{'未完成' if final else '进度滞后'}，须重点督办")
    if missing:
        parts.append(f"{name_list(missing, 6)}尚无可评价数据")
    return f"{n}项约束性指标中，" + "，".join(parts) + "。"


def lagging_sentences(
    facts: list[IndicatorFacts],
    final: bool,
    explanations: Mapping[int, str] | None = None,
    departments: Mapping[int, str] | None = None,
) -> str:
    """The expected indicators that fall short, each with the reason and the department when they are known."""
    short = [
        f
        for f in facts
        if not f.binding
        and f.status in ("lagging", "not_achieved", "nearly_achieved")
        and ((explanations or {}).get(f.number) or (departments or {}).get(f.number))
    ]
    if not short:
        return ""
    sentences = []
    for fact in short:
        reason = (explanations or {}).get(fact.number, "").strip().rstrip("。；")
        department = (departments or {}).get(fact.number, "")
        text = f"“{fact.short_name}”{fact.status_zh}"
        if reason:
            text += (
                f"，主要是{reason}" if not reason.startswith(("受", "因", "由于", "主要")) else f"，{reason}"
            )
        if department:
            text += f"（责任部门：{department}）"
        sentences.append(text)
    lead = "未完成或基本完成的指标中，" if final else "进展滞后的指标中，"
    return lead + "；".join(sentences) + "。"


def _points(value: float) -> str:
    return f"{abs(value):.1f}".rstrip("0").rstrip(".")


def gap_sentence(fact: IndicatorFacts) -> str:
    """Where a falling-short indicator stands against its target, as officials state it: 个百分点 for rates
    and shares, the indicator's unit for levels; ※ on figures from illustrative data."""
    from planwatch.report.facts import marked, number

    def shown(text: str) -> str:
        return marked(text) if fact.illustrative else text

    result = fact.result
    target = fact.target_value
    growth = getattr(result, "average_growth", None) if result is not None else None
    if fact.kind in ("annual_growth_rate",) and growth is not None and target is not None:
        growth = round(growth, 1)  # the gap agrees with the rounded rate printed beside it
        gap = target - growth
        where = "低于" if gap > 0 else "高于"
        return f"年均增长{shown(f'{growth:.1f}%')}，{where}{number(target)}%的目标{_points(gap)}个百分点。"
    current, year = fact.current_value, fact.current_year
    if current is None or target is None:
        return f"本期值{fact.current}，目标为{fact.target}{fact.unit if fact.target[:1].isdigit() else ''}。"
    percent = fact.unit.strip() in ("%", "％")
    unit = "个百分点" if percent else fact.unit
    value = f"{number(current)}{'%' if percent else fact.unit}"
    down = (getattr(result, "direction", None) or "up") == "down"
    gap = (current - target) if down else (target - current)
    target_text = f"{number(target)}{'%' if percent else fact.unit}"
    if gap <= 0:
        return f"{year}年为{shown(value)}，已达到{target_text}的目标。"
    verb = "高出" if down else "还差"
    return f"{year}年为{shown(value)}，距{target_text}的目标{verb}{number(gap)}{unit}。"


def time_sentence(year: int, base_year: int, target_year: int, tau: float, final: bool) -> str:
    if final:
        return f"规划实施期（{base_year + 1}—{target_year}年）已经结束。"
    return f"截至{year}年，规划实施{chinese_count(year - base_year)}年，时序进度{tau * 100:.0f}%。"


def override_sentence(facts: list[IndicatorFacts]) -> str:
    changed = [f for f in facts if f.overridden]
    if not changed:
        return ""
    named = "；".join(
        f"第{f.number}项“{f.short_name}”{f.override_sentence}" for f in changed if f.override_sentence
    )
    return f"其中{len(changed)}项指标的评价经规划部门研究调整" + (
        f"：{named}。" if named else "，理由见附表1。"
    )


def summary_paragraph(
    facts, year, base_year, target_year, tau, final, explanations=None, departments=None
) -> str:
    return (
        time_sentence(year, base_year, target_year, tau, final)
        + counts_sentence(facts, final, year)
        + binding_sentence(facts, final)
        + lagging_sentences(facts, final, explanations, departments)
        + override_sentence(facts)
    )


def next_steps(facts: list[IndicatorFacts], final: bool) -> list[str]:
    """下一步工作建议 grouped by the class of indicator each answers to (one paragraph per non-empty class)."""
    lagging = [f for f in facts if f.status in ("lagging", "not_achieved", "nearly_achieved")]
    steady = [f for f in facts if f.status in ("on_track", "achieved")]
    ahead = [f for f in facts if f.status in ("achieved_early", "ahead")]
    missing = [f for f in facts if f.status in OTHER]
    paragraphs = []
    if lagging:
        paragraphs.append(
            f"对进展滞后的{name_list(lagging)}{'等' if len(lagging) > 4 else ''}{len(lagging)}项指标，"
            "由责任部门分析原因、制定追赶措施，逐年明确工作目标，纳入年度计划重点督办。"
        )
    if steady:
        paragraphs.append(
            f"对基本符合预期的{name_list(steady)}{'等' if len(steady) > 4 else ''}{len(steady)}项指标，"
            "保持推进力度，加强跟踪监测，防止出现反复。"
        )
    if ahead:
        paragraphs.append(
            f"对已提前实现或快于预期的{name_list(ahead)}{'等' if len(ahead) > 4 else ''}{len(ahead)}项指标，"
            "巩固已有成果，研究提出更高水平的工作要求。"
        )
    if missing:
        paragraphs.append(
            f"对{name_list(missing)}{'等' if len(missing) > 4 else ''}{len(missing)}项尚无评价结论的指标，"
            f"请统计和责任部门尽快报送{_what_is_missing(missing)}，确保下次评估全部纳入。"
        )
    if final:
        paragraphs = [p.replace("纳入年度计划重点督办", "在下一个五年规划中统筹考虑") for p in paragraphs]
    return paragraphs


def _what_is_missing(facts: list[IndicatorFacts]) -> str:
    """监测数据 / 基期值 / 下达指标, joined: what the departments are asked to send."""
    words = [missing_input("data" if f.status == "no_data" else f.missing) for f in facts]
    names = list(dict.fromkeys(words))
    return "或".join(names) if len(names) <= 2 else "、".join(names[:-1]) + "或" + names[-1]
