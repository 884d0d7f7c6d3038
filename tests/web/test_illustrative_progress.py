"""Illustrative task and project reports are recognised by their flag (set by the demo), never by their wording."""

import io

import pytest
from django.apps import apps
from docx import Document

from planwatch.web.projects.models import ProgressReport, TaskAssignment, TaskMilestone

SUFFIX = "（示例数据）"


@pytest.fixture(autouse=True)
def reports_in_the_request(settings):
    """The test's transaction is invisible to a server thread: build the report in the request."""
    settings.PLANWATCH_REPORT_RUNNER = "inline"


def _project_cells(planner, plan) -> dict[str, str]:
    response = planner.get(f"/evaluations/report/annual.docx?plan={plan.pk}&year=2023")
    document = Document(io.BytesIO(response.content))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "项目名称")
    return {r.cells[1].text: r.cells[5].text for r in table.rows[1:]}


def test_the_demo_flags_its_reports_and_keeps_their_texts_plain(plan):
    reports = ProgressReport.objects.filter(project__plan=plan)
    milestones = TaskMilestone.objects.filter(assignment__task__plan=plan).exclude(report="")
    assert reports.exists() and milestones.exists()
    assert all(r.illustrative and not r.text.endswith(SUFFIX) for r in reports)
    assert all(m.illustrative and not m.report.endswith(SUFFIX) for m in milestones)


def test_the_flag_not_the_wording_marks_a_project_report(planner, plan):
    report = ProgressReport.objects.get(project__name__startswith="上海（车墩）", period="2023年")
    assert (
        _project_cells(planner, plan)["上海（车墩）高科技影视基地"]
        == "在建；形象进度55%；二期摄影棚主体结构施工※"
    )
    # an official report whose text happens to end with the old tag is not marked
    report.illustrative, report.text = False, "二期摄影棚主体结构施工" + SUFFIX
    report.save()  # renews the data stamp: the report is built again
    cells = _project_cells(planner, plan)
    assert cells["上海（车墩）高科技影视基地"] == "在建；形象进度55%；二期摄影棚主体结构施工" + SUFFIX


def test_a_departments_own_milestone_report_is_no_longer_illustrative(kewei):
    assignment = (
        TaskAssignment.objects.filter(department__code="jw", supporting__code="kw").order_by("id").first()
    )
    milestone = TaskMilestone.objects.filter(assignment=assignment, illustrative=True).first()
    response = kewei.post(
        f"/projects/tasks/{assignment.pk}/milestones/",
        {
            "milestone": milestone.pk,
            f"m{milestone.pk}-status": "done",
            f"m{milestone.pk}-report": "已按期完成",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.report, milestone.illustrative) == ("已按期完成", False)


def test_the_migration_flags_the_rows_an_older_demo_tagged_in_their_text(plan):
    from importlib import import_module

    migration = import_module("planwatch.web.projects.migrations.0005_illustrative_progress_flag")
    report = ProgressReport.objects.filter(project__plan=plan).first()
    ProgressReport.objects.filter(pk=report.pk).update(illustrative=False, text="完成桩基工程" + SUFFIX)
    official = ProgressReport.objects.filter(project__plan=plan).exclude(pk=report.pk).first()
    ProgressReport.objects.filter(pk=official.pk).update(illustrative=False, text="完成桩基工程")
    migration.flag_tagged_texts(apps, None)
    report.refresh_from_db()
    official.refresh_from_db()
    assert (report.text, report.illustrative) == ("完成桩基工程", True)
    assert (official.text, official.illustrative) == ("完成桩基工程", False)


def test_migrating_back_puts_the_tag_again_on_the_flagged_texts(plan):
    """The flag replaced the tag at the end of the demo's texts: undone, the tag comes back, and forward again it goes."""
    import importlib

    flag = importlib.import_module("planwatch.web.projects.migrations.0005_illustrative_progress_flag")
    report = ProgressReport.objects.filter(project__plan=plan, illustrative=True).first()
    official = ProgressReport.objects.filter(project__plan=plan).exclude(pk=report.pk).first()
    official.illustrative = False
    official.save()
    text, official_text = report.text, official.text
    flag.untag_flagged_texts(apps, None)
    report.refresh_from_db()
    official.refresh_from_db()
    assert (report.text, official.text) == (text + SUFFIX, official_text)
    flag.flag_tagged_texts(apps, None)
    report.refresh_from_db()
    assert (report.text, report.illustrative) == (text, True)
