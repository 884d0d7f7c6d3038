"""The evaluation as a readable Chinese table, laid out like the table of an evaluation report."""

from __future__ import annotations

from planwatch.evaluate import text
from planwatch.evaluate.results import Evaluation, IndicatorResult
from planwatch.evaluate.verdicts import STATUS_ZH
from planwatch.textwidth import pad, width, wrap
from planwatch.vocabulary import UNSTATED, attribute_label

HEADER = ("序号", "指标", "单位", "属性", "基期值", "目标值", "本期值", "完成进度", "评价")
_WARNINGS = {"green": "●绿", "yellow": "●黄", "red": "●红"}
_NAME_WIDTH = 28
_TARGET_WIDTH = 16


def _row(result: IndicatorResult, final: bool) -> list[str]:
    verdict = result.status_zh
    if result.override is not None:
        verdict += f"（原{STATUS_ZH[result.status]}）"
    if result.warning:
        verdict += _WARNINGS[result.warning]
    current = result.current_text or "—"
    if result.data_year and (result.provisional or final and result.data_year != result.target_year):
        current += f"（{result.data_year}）"
    return [
        str(result.number),
        result.name,
        result.unit or "—",
        attribute_label(result.attribute),
        result.baseline_text or "—",
        result.target_text,
        current,
        text.percent(result.progress) if result.progress is not None else "—",
        verdict,
    ]


def overview(evaluation: Evaluation) -> str:
    """纲要提出的21项主要指标中，a项提前实现，b项快于预期… (METHODOLOGY §5)."""
    counts = "，".join(f"{count}项{label}" for label, count in evaluation.label_counts().items())
    binding = [r for r in evaluation.indicators if r.attribute == "binding"]
    binding_text = "，".join(f"{c}项{label}" for label, c in evaluation.label_counts(binding).items())
    line = f"纲要提出的{len(evaluation.indicators)}项主要指标中，{counts}。"
    if binding:
        line += f"其中约束性指标{len(binding)}项：{binding_text}。"
    unstated = sum(1 for r in evaluation.indicators if r.attribute == UNSTATED)
    if unstated:
        line += f"另有{unstated}项指标属性未标明，未计入约束性指标。"
    return line


def format_table(evaluation: Evaluation) -> str:
    """序号、指标、单位、属性、基期值、目标值、本期值、完成进度、评价, aligned for CJK text."""
    final = evaluation.final
    rows = [_row(result, final) for result in evaluation.indicators]
    limits = {1: _NAME_WIDTH, 5: _TARGET_WIDTH}
    wrapped = [
        [wrap(cell, limits[i]) if i in limits else [cell] for i, cell in enumerate(row)] for row in rows
    ]
    header = [[cell] for cell in HEADER]
    sizes = [max(width(line) for row in [header, *wrapped] for line in row[i]) for i in range(len(HEADER))]
    rule = "  ".join("─" * size for size in sizes)

    def render(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        return [
            "  ".join(pad(c[k] if k < len(c) else "", sizes[i]) for i, c in enumerate(cells)).rstrip()
            for k in range(height)
        ]

    mode = "期末总结评估" if final else "年度监测"
    lines = [
        f"{evaluation.plan}",
        f"主要指标{mode}（{evaluation.year}年，时序进度{text.percent(evaluation.time_progress)}）",
        rule,
        *render(header),
        rule,
    ]
    for cells in wrapped:
        lines.extend(render(cells))
    lines += [rule, overview(evaluation)]
    late = [
        r
        for r in evaluation.indicators
        if r.attribute == "binding" and r.final_status in ("lagging", "not_achieved", "nearly_achieved")
    ]
    if late:
        lines.append(
            "需关注的约束性指标："
            + "；".join(f"{r.number}. {r.name}（{STATUS_ZH[r.final_status]}）" for r in late)
        )
    if any(r.illustrative for r in evaluation.indicators):
        lines.append("注：部分数据为示例数据（非公开发布数值），仅供演示。")
    return "\n".join(lines)
