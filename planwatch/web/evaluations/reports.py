"""The three reports (年度监测报告, 中期评估报告, 总结评估报告) from what is stored: the plan with its corrections,
approved observations, the target versions in force, planners' overrides, the office's written sections,
the departments' explanations and the project and task progress; `planwatch.report` writes the files."""

from __future__ import annotations

import datetime
from dataclasses import replace
from urllib.parse import quote

from django.utils import timezone

from planwatch.report.model import ILLUSTRATIVE_MARK
from planwatch.web.evaluations import service
from planwatch.web.evaluations.models import EXPLANATION_PREFIX, ReportText
from planwatch.web.params import is_number
from planwatch.web.plans.importer import parse_stored_plan
from planwatch.web.plans.models import Adjustment, Indicator, Plan
from planwatch.web.plans.onboarding import key_tasks
from planwatch.web.projects.models import TaskAssignment

KIND_BY_MODE = {"年度监测": "annual", "中期评估": "midterm", "总结评估": "final"}


def stored_texts(plan: Plan, year: int, kind: str = "") -> dict[str, ReportText]:
    """The texts a report of `kind` reads for the year: its own kind's over those written for every report."""
    rows = ReportText.objects.filter(plan=plan, year=year, kind__in={"", kind}).select_related("updated_by")
    found = {text.key: text for text in rows if not text.kind}
    found.update({text.key: text for text in rows if text.kind})
    return found


def unwritten_parts(plan: Plan, year: int, kind: str) -> list[str]:
    """The labels of the parts the office has still to write before a report of `kind` may go out."""
    from planwatch.report import unwritten

    return [
        part.label for part in unwritten(kind, _narratives(plan, kind, stored_texts(plan, year, kind), year))
    ]


def stored_evaluation(plan: Plan, year: int):
    """(the stored plan with its project tables, the core Evaluation with overrides and adjustments in force,
    the Observations it used, each stored indicator number → its number in the version in force that year)."""
    parsed, done = _stored(plan, year)
    return parsed, done.evaluation, done.observations, done.in_force.numbers


def _stored(plan: Plan, year: int):
    done = service.evaluate(plan, year)
    parsed = replace(done.plan, tables=parse_stored_plan(plan).tables)  # project tables come from the file
    return parsed, done


def _adjustment_line(adjustment: Adjustment) -> str:
    """An approved adjustment (规划调整) with its 批准文号."""
    indicator = adjustment.indicator
    document = f"，{adjustment.document_number}" if adjustment.document_number else ""
    source = f"第{adjustment.version}版，自{service.effective_year(adjustment)}年起执行{document}"
    return (
        f"第{indicator.number}项指标“{indicator.name}”的目标由“{adjustment.old_target_text}”调整为"
        f"“{adjustment.new_target_text}”（{source}；理由：{adjustment.reason.strip()}）。"
    )


def _revision_line(adjustment: Adjustment) -> str:
    """A target a new version of the plan file changed (修订), not an adjustment: no approval, no reason."""
    indicator = adjustment.indicator
    return (
        f"第{indicator.number}项指标“{indicator.name}”的目标在规划第{adjustment.plan_version}版中由"
        f"“{adjustment.old_target_text}”修订为“{adjustment.new_target_text}”"
        f"（自{service.effective_year(adjustment)}年起执行）。"
    )


def _narratives(plan: Plan, kind: str, texts: dict[str, ReportText], year: int) -> dict[str, str]:
    """The office's sections, with the adjustments in force in `year` (one effective later is not yet news)."""
    narratives = {
        key: text.text for key, text in texts.items() if not key.startswith(EXPLANATION_PREFIX) and text.text
    }
    adjustments = Adjustment.objects.filter(indicator__plan=plan).select_related(
        "indicator", "indicator__plan"
    )
    approved = [
        a
        for a in adjustments.order_by("indicator__number", "version")
        if a.state == Adjustment.APPROVED and service.effective_year(a) <= year
    ]
    adjusted = [a for a in approved if not a.plan_version]
    revised = [a for a in approved if a.plan_version]
    said = [narratives.get("indicators", "")]
    if adjusted:
        said.append("经规划调整程序审批：\n" + "\n".join(_adjustment_line(a) for a in adjusted))
    if revised:
        said.append("规划修订版本改变的目标：\n" + "\n".join(_revision_line(a) for a in revised))
    if adjusted or revised:
        narratives["indicators"] = "\n".join(filter(None, said))
    proposed = [a for a in adjustments if a.state == Adjustment.PROPOSED]
    if kind == "midterm" and proposed:
        lines = "\n".join(
            f"建议将第{a.indicator.number}项指标“{a.indicator.name}”的目标由“{a.old_target_text}”调整为"
            f"“{a.new_target_text}”，理由：{a.reason.strip()}（待审批）。"
            for a in proposed
        )
        narratives["adjustments"] = "\n".join(filter(None, [narratives.get("adjustments", ""), lines]))
    return narratives


def _explanations(texts: dict[str, ReportText]) -> dict[int, str]:
    found = {}
    for key, text in texts.items():
        number = key.removeprefix(EXPLANATION_PREFIX)
        if key.startswith(EXPLANATION_PREFIX) and is_number(number) and text.text.strip():
            found[int(number)] = text.text.strip()
    return found


def _marked(text: str, illustrative: bool) -> str:
    """A department's text; an illustrative one (the demo's, flagged) carries ※."""
    text = text.strip()
    return text.rstrip("。") + ILLUSTRATIVE_MARK if illustrative and text else text


def _status_at_end_of(project, year: int) -> str:
    """The library's status of the project as it stood at the end of `year` (its history), so that a report on an
    earlier year never shows a later status; the current one where the history does not reach back that far."""
    end = timezone.make_aware(datetime.datetime(year, 12, 31, 23, 59, 59))
    then = project.history.filter(history_date__lte=end).order_by("-history_date").first()
    return (then or project).get_status_display()


def _project_progress(project, year: int) -> dict:
    """What the project's department reported up to the end of `year` (the latest report of that time)."""
    reports = [r for r in project.reports.all() if r.reported_at.year <= year]
    latest = reports[0] if reports else None  # newest first
    progress, invested = [], None
    if latest is not None:
        if latest.progress:
            progress.append(f"形象进度{latest.progress}%")
        progress.append(_marked(latest.text, latest.illustrative))
        if latest.investment_total is not None:
            unit = 1 if latest.investment_unit == "亿元" else 1 / 10000
            invested = latest.investment_total * unit
    # the reported status; else the library's as it stood then (a history query only where no report says it)
    status = (
        latest.get_status_display()
        if latest is not None and latest.status
        else _status_at_end_of(project, year)
    )
    return {
        "department": project.department.name if project.department else "",
        "status": status,
        "progress": "；".join(p for p in progress if p),
        "completed_investment": invested,
        "late": any(not m.done and m.year <= year for m in project.milestones.all()),
        "reported": latest is not None,
        "illustrative": latest is not None and latest.illustrative,
    }


def _projects_and_tasks(plan: Plan, parsed, year: int) -> tuple[list, list]:
    """The plan's projects (表1) and key tasks (表2、表3) with what the project library holds on each, and the
    tasks the office assigned to departments. The library stores every table row, tasks included; a row is
    matched to the plan's record by its line."""
    from planwatch.report.projects import plan_projects

    found_projects, found_tasks = plan_projects(parsed)
    tasks_by_line = {task.line: index for index, task in enumerate(found_tasks)}
    projects = []
    library = plan.projects.select_related("department").prefetch_related("milestones", "reports")
    for project in library:
        stored = _project_progress(project, year)
        if project.line in tasks_by_line:
            index = tasks_by_line[project.line]
            found_tasks[index] = replace(
                found_tasks[index],
                department=stored["department"],
                status=stored["status"] if stored["reported"] else "",
                progress=stored["progress"],
                late=stored["late"],
                illustrative=stored["illustrative"],
            )
            continue
        projects.append(
            {
                "name": project.name,
                "category": project.category,
                "table": project.source_table,
                "description": project.description,
                "investment": project.investment,
                "land": project.land_mu,
                "line": project.line,
                "department": stored["department"],
                "status": stored["status"],
                "progress": stored["progress"],
                "completed_investment": stored["completed_investment"],
                "late": stored["late"],
                "illustrative": stored["illustrative"],
            }
        )
    if not library:
        projects = found_projects
    assigned = _assigned_tasks(plan, year)
    # a chapter the office has decomposed into assigned tasks is reported by those tasks, not by its sections
    decomposed = {record["area"] for record in assigned}
    return projects, [t for t in found_tasks if t.table not in decomposed] + assigned


MILESTONE_STATUS_ZH = {"done": "已完成", "on_track": "推进中", "behind": "滞后"}  # pending: not reported


def _assigned_tasks(plan: Plan, year: int) -> list[dict]:
    """The tasks the office assigned, each with its milestone for `year` and what the department reported on
    it (else the assignment's own milestone and note)."""
    assignments = (
        TaskAssignment.objects.filter(task__plan=plan)
        .select_related("task", "task__chapter", "department")
        .prefetch_related("supporting", "milestones")
    )
    records = []
    for assignment in assignments:
        supporting = "、".join(d.name for d in assignment.supporting.all())
        department = assignment.department.name + (f"（配合：{supporting}）" if supporting else "")
        milestone = next((m for m in assignment.milestones.all() if m.year == year), None)
        if milestone is not None:
            status = MILESTONE_STATUS_ZH.get(milestone.status, "")
            parts = (f"{year}年目标：{milestone.target}", _marked(milestone.report, milestone.illustrative))
            late = milestone.status == "behind"
            illustrative = milestone.illustrative
        else:
            status = assignment.get_status_display()
            target = f"{assignment.year}年目标：{assignment.milestone}" if assignment.milestone else ""
            parts = (target, assignment.progress_note.strip())
            late = assignment.status == "delayed"
            illustrative = False
        records.append(
            {
                "text": assignment.task.title or assignment.task.text[:80],
                "area": assignment.task.chapter.title,
                "department": department,
                "status": status,
                "progress": "；".join(p for p in parts if p),
                "late": late,
                "illustrative": illustrative,
                "line": assignment.task.line,
            }
        )
    return records


def build_stored_report(plan: Plan, year: int, kind: str, fmt: str, on_stage=None) -> bytes:
    """The report file of `kind` (annual | midterm | final) in `fmt` (docx | pdf | html | xlsx); on_stage is
    told each section as it is built (report_jobs shows it)."""
    from planwatch.report import build_report

    parsed, done = _stored(plan, year)
    evaluation, observations, numbers = done.evaluation, done.observations, done.in_force.numbers
    texts = stored_texts(plan, year, kind)
    projects, tasks = _projects_and_tasks(plan, parsed, year)
    departments = {
        numbers[indicator.number]: indicator.department.name
        for indicator in Indicator.all_objects.filter(plan=plan).select_related("department")
        if indicator.department is not None and indicator.number in numbers
    }
    return build_report(
        parsed,
        evaluation,
        kind,
        fmt,
        observations=observations,
        narratives=_narratives(plan, kind, texts, year),
        explanations=_explanations(texts),
        projects=projects,
        tasks=tasks,
        departments=departments,
        on_stage=on_stage,
        undecomposed_tasks=key_tasks(plan).filter(assignments__isnull=True).count(),
        in_force=done.in_force,
    )


def content_disposition(filename: str, fallback: str) -> str:
    """attachment with an ASCII fallback name and the Chinese name per RFC 5987 (filename*=UTF-8''…)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
