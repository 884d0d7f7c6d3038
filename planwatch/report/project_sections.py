"""The 重点任务推进情况 and 重大项目推进情况 sections: counts, investment by category and by reported status,
late projects, and the tables of every task and project."""

from __future__ import annotations

import re

from planwatch.report.model import PENDING, Paragraph, Table
from planwatch.report.projects import ProjectRecord, TaskRecord

NOT_REPORTED = "未报送"


def table_label(caption: str) -> str:
    """表1 of `表1 “科技影都”重点影视项目`."""
    match = re.match(r"表\s*\d+", caption or "")
    return match.group(0).replace(" ", "") if match else (caption or "")


def money(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def progress_text(record) -> str:
    parts = [part for part in (record.status, record.progress) if part]
    return "；".join(parts) if parts else PENDING


def _status_of(record) -> str:
    return record.status or ("滞后" if record.late else NOT_REPORTED)


def _groups(records) -> dict[str, list]:
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(_status_of(record), []).append(record)
    return groups


def _sources(records) -> str:
    return "、".join(table_label(t) for t in sorted({r.table for r in records if r.table}))


def task_blocks(tasks: list[TaskRecord]) -> list:
    if not tasks:
        return [Paragraph("纲要未列出重点任务表。", role="note")]
    text = f"纲要{_sources(tasks)}列出重点任务{len(tasks)}项。"
    if any(t.status or t.progress for t in tasks):
        text += (
            "其中" + "，".join(f"{status}{len(group)}项" for status, group in _groups(tasks).items()) + "。"
        )
        late = [t for t in tasks if t.late]
        if late:
            text += f"进度滞后的任务{len(late)}项，见下表。"
    else:
        text += "各责任部门尚未报送推进情况，下表推进情况一栏待填写。"
    rows = [
        [str(i), t.area or table_label(t.table), t.text, t.department or "—", progress_text(t)]
        for i, t in enumerate(tasks, 1)
    ]
    values = [
        [i, t.table, t.area, t.text, t.department, t.status, t.progress] for i, t in enumerate(tasks, 1)
    ]
    table = Table(
        "tasks",
        "表2　重点任务推进情况",
        ["序号", "领域", "任务内容", "责任部门", "推进情况"],
        rows,
        [1.0, 2.6, 7.4, 2.0, 2.6],
        align="cllcl",
        sheet="重点任务",
        values=values,
        sheet_header=["序号", "所属表", "领域", "任务内容", "责任部门", "状态", "推进情况"],
    )
    return [Paragraph(text), table]


def _count_and_amount(label: str, members: list[ProjectRecord]) -> str:
    amount = sum(p.investment or 0 for p in members)
    return f"{label}{len(members)}个" + (f"（计划投资{money(amount)}亿元）" if amount else "")


def project_blocks(projects: list[ProjectRecord]) -> list:
    if not projects:
        return [Paragraph("纲要未列出重大项目表。", role="note")]
    categories: dict[str, list[ProjectRecord]] = {}
    for project in projects:
        categories.setdefault(project.category or "未分类", []).append(project)
    with_amount = [p for p in projects if p.investment is not None]
    text = (
        f"纲要{_sources(projects)}列出重大项目{len(projects)}个，其中"
        + "，".join(_count_and_amount(c, members) for c, members in categories.items())
        + f"。已明确投资额的{len(with_amount)}个项目计划投资合计{money(sum(p.investment for p in with_amount))}亿元"
    )
    first_phase = sum(1 for p in with_amount if p.phase_only)
    text += f"（其中{first_phase}个项目为首期投资）。" if first_phase else "。"
    if any(p.status or p.progress for p in projects):
        groups = _groups(projects)
        text += (
            "从推进情况看，"
            + "，".join(_count_and_amount(s, members) for s, members in groups.items())
            + "。"
        )
        done = sum(p.completed_investment or 0 for p in projects)
        if done:
            text += f"累计完成投资{money(done)}亿元。"
        late = [p for p in projects if p.late]
        if late:
            text += f"进度滞后的项目为{'、'.join(p.name for p in late)}。"
    else:
        text += "各项目单位尚未报送推进情况，下表推进情况一栏待填写。"
    rows = [
        [
            str(i),
            p.name,
            p.category or "—",
            money(p.investment),
            money(p.land),
            p.department or "—",
            progress_text(p),
        ]
        for i, p in enumerate(projects, 1)
    ]
    values = [
        [i, p.table, p.name, p.category, p.investment, "是" if p.phase_only else "", p.land, p.description,
         p.department, p.status, p.progress, p.completed_investment, "是" if p.late else ""]
        for i, p in enumerate(projects, 1)
    ]  # fmt: skip
    table = Table(
        "projects",
        "表3　重大项目推进情况",
        ["序号", "项目名称", "类别", "计划投资（亿元）", "占地（亩）", "责任单位", "推进情况"],
        rows,
        [1.0, 4.0, 1.8, 1.7, 1.4, 2.0, 3.7],
        align="clcrrcl",
        sheet="重大项目",
        values=values,
        sheet_header=[
            "序号",
            "所属表",
            "项目名称",
            "类别",
            "计划投资（亿元）",
            "占地（亩）",
            "项目基本情况",
            "责任单位",
            "状态",
            "推进情况",
            "累计完成投资（亿元）",
            "是否滞后",
        ],  # fmt: skip
    )
    return [Paragraph(text), table]
