"""The 重点任务推进情况 and 重大项目推进情况 sections: counts, investment by category and by reported status,
late projects, and the tables of every task and project."""

from __future__ import annotations

import re

from planwatch.report.model import ILLUSTRATIVE_MARK, Marked, Paragraph, Table
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
    return "；".join(parts) if parts else "—"


def _status_of(record) -> str:
    return record.status or ("滞后" if record.late else NOT_REPORTED)


def _groups(records) -> dict[str, list]:
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(_status_of(record), []).append(record)
    return groups


def _sources(records) -> str:
    return "、".join(table_label(t) for t in sorted({r.table for r in records if r.table}))


def _reported(records) -> list:
    return [r for r in records if r.status or r.progress or r.late]


def _status_counts(records, unit: str) -> str:
    """进展符合预期96项，滞后3项，未报送3项: the reported statuses, counted as the indicators are."""
    return "，".join(f"{status}{len(group)}{unit}" for status, group in _groups(records).items())


def undecomposed_sentence(count: int) -> str:
    """Key tasks the plan sets that no department has been given yet: nothing can be reported on them."""
    return f"纲要部署的{count}项重点任务尚未分解到责任部门，暂无推进情况。" if count else ""


def task_count_sentence(tasks: list[TaskRecord], undecomposed: int = 0) -> str:
    """The tasks counted in the manner of the overview (“102项重大工程……96项进展符合预期”)."""
    if not tasks:
        return undecomposed_sentence(undecomposed)
    if not _reported(tasks):
        return f"纲要部署的{len(tasks)}项重点任务，各责任部门尚未报送推进情况。"
    return f"纲要部署的{len(tasks)}项重点任务中，{_status_counts(tasks, '项')}。"


def project_count_sentence(projects: list[ProjectRecord]) -> str:
    if not projects:
        return ""
    if not _reported(projects):
        return f"纲要所列{len(projects)}个重大项目，项目单位尚未报送推进情况。"
    return f"纲要所列{len(projects)}个重大项目中，{_status_counts(projects, '个')}。"


def task_blocks(tasks: list[TaskRecord], table_number: int = 2, undecomposed: int = 0) -> list:
    if not tasks:
        if undecomposed:
            return [Paragraph(undecomposed_sentence(undecomposed), role="note")]
        return [Paragraph("纲要正文未列出可分解的重点任务。", role="note")]
    chapters = list(dict.fromkeys(t.area for t in tasks if t.area))
    text = (
        f"纲要共{len(chapters)}章部署重点任务{len(tasks)}项"
        if len(chapters) > 1
        else f"纲要部署重点任务{len(tasks)}项"
    )
    reported = _reported(tasks)
    if reported:
        text += "，" + _status_counts(tasks, "项") + "。"
        late = [t for t in tasks if t.late]
        if late:
            text += (
                f"进度滞后的任务为{''.join(f'“{t.text}”' for t in late[:6])}{'等' if len(late) > 6 else ''}。"
            )
    else:
        text += "。各责任部门尚未报送推进情况，任务清单见数据附件（Excel）“重点任务”表。"
    rows = [
        [str(i), short_area(t.area) or table_label(t.table), t.text, t.department or "—", progress_text(t)]
        for i, t in enumerate(tasks, 1)
    ]
    values = [
        [i, t.table, t.area, t.text, t.department, t.status, t.progress] for i, t in enumerate(tasks, 1)
    ]
    table = Table(
        "tasks",
        f"表{table_number}　重点任务推进情况",
        ["序号", "章节", "任务", "责任部门", "年度目标与进展"],
        rows,
        [1.0, 2.4, 3.6, 2.6, 6.0],
        align="cllcl",
        printed=bool(reported),  # a table of dashes says nothing: the empty state is the sentence above
        sheet="重点任务",
        values=values,
        sheet_header=["序号", "所属章（表）", "章节", "任务", "责任部门", "状态", "年度目标与进展"],
    )
    return [Paragraph(text), table]


def short_area(area: str) -> str:
    """A chapter's title up to its first comma (构建现代化产业体系，打造…之城 → 构建现代化产业体系)."""
    return re.split(r"[，,：:]", area or "", maxsplit=1)[0]


def _table_name(caption: str) -> str:
    """表1 “科技影都”重点影视项目 → “科技影都”重点影视项目 (the label is implied by the order)."""
    return re.sub(r"^表\s*\d+\s*", "", caption) or caption


def _invested(project: ProjectRecord):
    """The completed investment as a workbook value: marked ※ when it was reported as illustrative."""
    done = project.completed_investment
    return Marked(done) if project.illustrative and done is not None else done


def _count_and_amount(label: str, members: list[ProjectRecord]) -> str:
    amount = sum(p.investment or 0 for p in members)
    return f"{label}{len(members)}个" + (f"（计划投资{money(amount)}亿元）" if amount else "")


def project_blocks(projects: list[ProjectRecord], table_number: int = 3) -> list:
    if not projects:
        return [Paragraph("纲要未列出重大项目表，项目库中也没有项目。", role="note")]
    tables: dict[str, list[ProjectRecord]] = {}
    for project in projects:
        tables.setdefault(project.table or "项目库", []).append(project)
    with_amount = [p for p in projects if p.investment is not None]
    text = (
        f"纲要和项目库列出重大项目{len(projects)}个，其中"
        + "，".join(_count_and_amount(_table_name(t), members) for t, members in tables.items())
        + "。"
    )
    if with_amount:
        total = money(sum(p.investment for p in with_amount))
        text += f"已明确投资额的{len(with_amount)}个项目计划投资合计{total}亿元"
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
            # a sum over illustrative reports is illustrative too
            marked = any(p.illustrative for p in projects if p.completed_investment)
            text += f"累计完成投资{money(done)}{ILLUSTRATIVE_MARK if marked else ''}亿元。"
        late = [p for p in projects if p.late]
        if late:
            text += f"进度滞后的项目为{'、'.join(p.name.rstrip('。；') for p in late)}。"
    reported = [p for p in projects if p.progress or p.completed_investment or p.late]
    if not reported:
        text += "各项目单位尚未报送推进情况，项目清单见数据附件（Excel）“重大项目”表。"
    elif len(reported) < len(projects):
        text += (
            f"已报送推进情况的{len(reported)}个项目见下表；其余{len(projects) - len(reported)}个项目，"
            "项目单位尚未报送推进情况，清单见数据附件（Excel）“重大项目”表。"
        )
    rows = [
        [
            str(i),
            p.name.rstrip("。；"),  # some tables' names are sentences
            table_label(p.table) or "项目库",
            money(p.investment) + ("（首期）" if p.phase_only else ""),
            p.department or "—",
            progress_text(p),
        ]
        for i, p in enumerate(reported, 1)
    ]
    values = [
        [i, p.table, p.name, p.category, p.investment, "是" if p.phase_only else "", p.land, p.description,
         p.department, p.status, p.progress, _invested(p), "是" if p.late else ""]
        for i, p in enumerate(projects, 1)
    ]  # fmt: skip
    table = Table(
        "projects",
        f"表{table_number}　重大项目推进情况",
        ["序号", "项目名称", "所属表", "计划投资（亿元）", "责任单位", "推进情况"],
        rows,
        [1.0, 4.6, 1.3, 1.8, 2.0, 5.4],
        align="clcrcl",
        printed=bool(reported),
        sheet="重大项目",
        values=values,
        sheet_header=[
            "序号",
            "所属表",
            "项目名称",
            "类别",
            "计划投资（亿元）",
            "仅首期投资",
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
