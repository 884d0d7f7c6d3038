"""Reading a plan file: document → plan → extract, and the plan as JSON (INTERFACES.md §1) and as an outline.

This sits above `plan` and `extract`, so that `plan/` never imports `extract/`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from planwatch.document import read_document
from planwatch.errors import PlanFormatError
from planwatch.extract.enrich import enrich_plan
from planwatch.plan.model import KIND_ZH, Indicator, Plan
from planwatch.plan.structure import build_plan
from planwatch.textwidth import format_rows
from planwatch.vocabulary import attribute_json, attribute_label, attribute_stated


def read_plan(path: str | Path) -> Plan:
    """Read a plan document (.txt export, .docx or PDF) into a Plan with its indicators, targets and baselines."""
    document = read_document(path)
    try:
        plan = build_plan(document)
        enrich_plan(plan, document)
    except PlanFormatError as error:
        raise error.at(str(path)) from None
    return plan


def _indicator(indicator: Indicator) -> dict[str, Any]:
    data = {
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": attribute_json(indicator.attribute),
        "attribute_zh": attribute_label(indicator.attribute),
        "attribute_stated": attribute_stated(indicator.attribute),
        "kind": indicator.kind,
        "target_text": indicator.target_text,
        "target_year": indicator.target_year,
        "target": {"value": indicator.target.value, "comparator": indicator.target.comparator},
        "parts": [asdict(part) for part in indicator.parts],
        "baseline": None,
        "direction": indicator.direction,
        "category": indicator.category,
        "reference": indicator.reference,
        "line": indicator.line,
    }
    if indicator.baseline:
        data["baseline"] = {
            key: value
            for key, value in asdict(indicator.baseline).items()
            if value is not None or key in ("value", "year", "line")
        }
    return data


def plan_to_json(plan: Plan) -> dict[str, Any]:
    data = _plan_data(plan)
    if plan.line_pages:
        _add_pages(data, plan.line_pages)
    return data


def _add_pages(value: Any, pages: list[int]) -> None:
    """Beside every `line` of a PDF's plan, the `page` it stands on."""
    if isinstance(value, dict):
        line = value.get("line")
        if isinstance(line, int) and 0 < line <= len(pages):
            value["page"] = pages[line - 1]
        for item in value.values():
            _add_pages(item, pages)
    elif isinstance(value, list):
        for item in value:
            _add_pages(item, pages)


def _plan_data(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "chapters": [
            {
                "number": chapter.number,
                "title": chapter.title,
                "line": chapter.line,
                "sections": [asdict(section) for section in chapter.sections],
                "items": [asdict(item) for item in chapter.items],
            }
            for chapter in plan.chapters
        ],
        "footnotes": [asdict(footnote) for footnote in plan.footnotes],
        "tables": [
            {
                "caption": t.caption,
                "kind": t.kind,
                "header": t.header,
                "rows": t.rows,
                "line": t.line,
                "chapter": t.chapter,
                "row_lines": t.row_lines,
            }
            for t in plan.tables
        ],
        "boxes": [asdict(box) for box in plan.boxes],
        "figures": [asdict(figure) for figure in plan.figures],
        "indicators": [_indicator(indicator) for indicator in plan.indicators],
        "targets": [target.to_json() for target in plan.targets],
        "baselines": [baseline.to_json() for baseline in plan.baselines],
        "preface": [asdict(item) for item in plan.preface],
        "parts": [asdict(part) for part in plan.parts],
        "annexes": [asdict(annex) for annex in plan.annexes],
        "warnings": plan.warnings,
    }


def format_outline(plan: Plan) -> str:
    lines = [plan.title, f"规划期：{plan.period_start}—{plan.period_end}年", ""]
    parts = {part.chapters[0]: part for part in plan.parts if part.chapters}
    for chapter in plan.chapters:
        if chapter.number in parts:
            part = parts[chapter.number]
            lines.append(f"第{part.number}篇 {part.title}（第{part.line}行）")
        tasks = sum(len(s.items) for s in chapter.sections) + len(chapter.items)
        lines.append(f"第{chapter.number}章 {chapter.title}（第{chapter.line}行，{tasks}段）")
        for section in chapter.sections:
            indent = "  " if section.level == 1 else "    "
            titled = sum(1 for item in section.items if item.title)
            lines.append(
                f"{indent}{section.number}、{section.title}（{len(section.items)}段，{titled}项任务）"
            )
    for annex in plan.annexes:
        lines.append(f"{annex.title}（第{annex.line}行，{len(annex.items)}段）")
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
                attribute_label(i.attribute),
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
