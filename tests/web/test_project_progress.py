"""A project's progress report: a period, status, 形象进度 and investment completed; lead and supporting departments."""

from planwatch.web.accounts.models import Department
from planwatch.web.projects.models import ProgressReport, Project


def _wjw_project() -> Project:
    return Project.objects.filter(department__code="wjw").order_by("id").first()


def _supported_by_kewei() -> Project:
    project = _wjw_project()
    project.supporting.add(Department.objects.get(code="kw"))
    return project


REPORT = {
    "period": "2024年上半年",
    "status": "building",
    "progress": "55",
    "investment_year": "3200",
    "investment_total": "8600",
    "investment_unit": "万元",
    "text": "主体结构封顶",
}


def test_a_supporting_department_sees_the_project_in_its_list(kewei):
    project = _supported_by_kewei()
    response = kewei.get("/projects/")
    assert [p.pk for p in response.context["projects"]] == [project.pk]


def test_a_supporting_department_reports_progress_with_period_and_investment(kewei):
    project = _supported_by_kewei()
    response = kewei.post(f"/projects/{project.pk}/", REPORT)
    assert response.status_code == 302
    report = ProgressReport.objects.get(project=project)
    assert (report.period, report.status, report.progress) == ("2024年上半年", "building", 55)
    assert (report.investment_year, report.investment_total, report.investment_unit) == (
        3200.0,
        8600.0,
        "万元",
    )
    assert report.department.code == "kw"
    project.refresh_from_db()
    assert (project.progress, project.status) == (55, "building")


def test_a_department_neither_leading_nor_supporting_cannot_open_the_project(kewei):
    assert kewei.get(f"/projects/{_wjw_project().pk}/").status_code == 404


def test_a_leader_reads_the_project_but_cannot_report(leader):
    project = _supported_by_kewei()
    assert leader.get(f"/projects/{project.pk}/").status_code == 200
    assert leader.post(f"/projects/{project.pk}/", REPORT).status_code == 403


def test_cumulative_investment_below_the_years_is_refused_and_the_typing_kept(kewei):
    project = _supported_by_kewei()
    response = kewei.post(f"/projects/{project.pk}/", {**REPORT, "investment_total": "1000"})
    assert response.status_code == 400
    assert ProgressReport.objects.filter(project=project).count() == 0
    page = response.content.decode()
    assert "累计完成投资不能小于年度完成投资" in page
    assert 'value="3200"' in page and "主体结构封顶" in page
    assert 'class="field invalid"' in page


def test_a_report_without_a_period_is_refused(kewei):
    project = _supported_by_kewei()
    response = kewei.post(f"/projects/{project.pk}/", {**REPORT, "period": ""})
    assert response.status_code == 400
    assert not ProgressReport.objects.filter(project=project).exists()


def test_the_page_lists_reports_with_both_investment_figures(planner):
    project = _wjw_project()
    ProgressReport.objects.create(
        project=project,
        period="2023年",
        status="building",
        progress=30,
        investment_year=1500,
        investment_total=2100,
        text="开工",
    )
    page = planner.get(f"/projects/{project.pk}/").content.decode()
    assert "1500.0 万元" in page and "2100.0 万元" in page and "2023年" in page


def test_the_planning_office_sets_supporting_departments(planner):
    project = _wjw_project()
    kw, czj = Department.objects.get(code="kw"), Department.objects.get(code="czj")
    planner.post(
        f"/projects/{project.pk}/assign/",
        {"department": project.department_id, "status": "lagging", "supporting": [kw.pk, czj.pk]},
    )
    project.refresh_from_db()
    assert project.status == "lagging"
    assert set(project.supporting.values_list("code", flat=True)) == {"kw", "czj"}


def test_a_reporter_cannot_set_supporting_departments(kewei):
    project = _supported_by_kewei()
    assert kewei.post(f"/projects/{project.pk}/assign/", {"supporting": []}).status_code == 403
    assert project.supporting.count() == 1


def test_a_report_on_an_earlier_year_shows_the_projects_status_of_that_year(db):
    """A project 在谈 at the end of 2023 and 在建 since 2025: the 2023 report says 在谈, the 2025 one 在建."""
    import datetime

    from django.utils import timezone

    from planwatch.web.evaluations.reports import _project_progress

    project = Project.objects.filter(reports__isnull=True).first()
    project.status = "negotiating"
    project.save()
    project.history.filter(pk=project.history.latest().pk).update(
        history_date=timezone.make_aware(datetime.datetime(2023, 6, 1))
    )
    project.status = "building"
    project.save()
    project.history.filter(pk=project.history.latest("history_id").pk).update(
        history_date=timezone.make_aware(datetime.datetime(2025, 3, 1))
    )
    assert _project_progress(project, 2023)["status"] == "在谈"
    assert _project_progress(project, 2025)["status"] == "在建"
