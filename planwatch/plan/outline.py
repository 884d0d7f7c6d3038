"""`planwatch show`: a readable Chinese outline of a plan."""

from __future__ import annotations

from planwatch.plan.model import ATTRIBUTE_ZH, KIND_ZH, Plan
from planwatch.textwidth import format_rows


def format_outline(plan: Plan) -> str:
    lines = [plan.title, f"规划期：{plan.period_start}—{plan.period_end}年", ""]
    for chapter in plan.chapters:
        tasks = sum(len(s.items) for s in chapter.sections) + len(chapter.items)
        lines.append(f"第{chapter.number}章 {chapter.title}（第{chapter.line}行，{tasks}段）")
        for section in chapter.sections:
            indent = "  " if section.level == 1 else "    "
            titled = sum(1 for item in section.items if item.title)
            lines.append(
                f"{indent}{section.number}、{section.title}（{len(section.items)}段，{titled}项任务）"
            )
    lines.append("")
    counts = [
        f"专栏 {len(plan.boxes)} 个",
        f"表格 {len(plan.tables)} 张",
        f"图 {len(plan.figures)} 幅",
        f"名词解释 {len(plan.footnotes)} 条",
        f"量化目标 {len(plan.targets)} 处",
        f"基期事实 {len(plan.baselines)} 处",
    ]
    lines.append("，".join(counts))
    if plan.indicators:
        lines += ["", f"主要指标（{len(plan.indicators)}项）"]
        rows = [
            [
                str(i.number),
                i.name,
                i.unit,
                ATTRIBUTE_ZH.get(i.attribute, i.attribute),
                i.target_text,
                KIND_ZH.get(i.kind, i.kind),
                f"{i.baseline.value:g}（{i.baseline.year}）" if i.baseline else "—",
            ]
            for i in plan.indicators
        ]
        lines.append(
            format_rows(
                ["序号", "指标", "单位", "属性", f"{plan.period_end}年目标", "类型", "基期值"],
                rows,
                limits=[0, 40, 12, 0, 30, 0, 0],
            )
        )
    if plan.warnings:
        lines += ["", "提示："] + [f"  {w}" for w in plan.warnings]
    return "\n".join(lines)
