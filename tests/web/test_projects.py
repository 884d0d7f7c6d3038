from planwatch.web.projects.models import ProgressReport, Project


def _project_of(code: str) -> Project:
    return Project.objects.filter(department__code=code).first()


def test_it_lists_all_projects_with_totals_for_the_planning_office(planner):
    response = planner.get("/projects/")
    assert response.status_code == 200
    assert response.context["totals"]["count"] == Project.objects.count() == 38
    assert response.context["totals"]["investment"] > 0


def test_it_filters_by_status(leader):
    response = leader.get("/projects/", {"status": "building"})
    assert {p.status for p in response.context["projects"]} == {"building"}


def test_a_reporter_sees_only_their_departments_projects(kewei):
    response = kewei.get("/projects/")
    assert response.context["totals"]["count"] == 0


def test_a_reporter_cannot_open_another_departments_project(kewei):
    assert kewei.get(f"/projects/{_project_of('wjw').pk}/").status_code == 404


def test_a_reporter_reports_progress_on_their_own_project(db):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="wjw"))
    project = _project_of("wjw")
    response = client.post(
        f"/projects/{project.pk}/",
        {"period": "2024年", "status": "building", "progress": "40", "text": "主体结构完工"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.progress == 40
    assert ProgressReport.objects.get(project=project).reported_by.username == "wjw"


def test_a_leader_cannot_report_progress(leader):
    project = _project_of("wjw")
    assert leader.get(f"/projects/{project.pk}/").status_code == 200
    assert leader.post(f"/projects/{project.pk}/", {"progress": "40", "text": "x"}).status_code == 403


def test_the_planning_office_assigns_a_department(planner):
    from planwatch.web.accounts.models import Department

    project = _project_of("wjw")
    kw = Department.objects.get(code="kw")
    planner.post(f"/projects/{project.pk}/assign/", {"department": kw.pk, "status": "done"})
    project.refresh_from_db()
    assert (project.department, project.status) == (kw, "done")


def test_a_reporter_cannot_assign_a_department(kewei):
    assert kewei.post(f"/projects/{_project_of('wjw').pk}/assign/", {"department": ""}).status_code == 403


def test_the_department_adds_and_completes_a_milestone(db):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="wjw"))
    project = _project_of("wjw")
    client.post(f"/projects/{project.pk}/milestones/", {"year": "2024", "title": "主体结构封顶"})
    milestone = project.milestones.get()
    client.post(f"/projects/{project.pk}/milestones/", {"done": str(milestone.pk)})
    milestone.refresh_from_db()
    assert (milestone.year, milestone.title, milestone.done) == (2024, "主体结构封顶", True)


def test_another_department_cannot_add_a_milestone(kewei):
    project = _project_of("wjw")
    assert (
        kewei.post(f"/projects/{project.pk}/milestones/", {"year": "2024", "title": "x"}).status_code == 404
    )
    assert not project.milestones.exists()


def test_a_leader_cannot_add_a_milestone(leader):
    project = _project_of("wjw")
    assert (
        leader.post(f"/projects/{project.pk}/milestones/", {"year": "2024", "title": "x"}).status_code == 403
    )


def test_a_plan_without_projects_offers_no_other_plans_tables(planner, plan, national):
    page = planner.get(f"/plans/{national.pk}/projects/").content.decode()
    assert "本规划还没有列入项目库的重大项目" in page
    assert "没有符合条件的项目" not in page
    tables = set(Project.objects.filter(plan=plan).values_list("source_table", flat=True))
    assert len(tables) == 3  # Songjiang's 表1–表3
    assert not [t for t in tables if f'<option value="{t}"' in page]


def test_a_filter_that_finds_nothing_says_so(planner, plan):
    page = planner.get(f"/plans/{plan.pk}/projects/", {"q": "不存在的项目名称"}).content.decode()
    assert "没有符合条件的项目" in page
    assert f'<option value="{Project.objects.filter(plan=plan).first().source_table}"' in page


def test_a_department_without_projects_in_the_plan_is_told_so(kewei, plan):
    page = kewei.get(f"/plans/{plan.pk}/projects/").content.decode()
    assert "本规划中没有由本部门负责或配合的项目" in page
    assert "本规划还没有列入项目库的重大项目" not in page


def test_the_project_list_of_a_plan_without_projects_prints_no_zero_totals(planner, national):
    page = planner.get(f"/plans/{national.pk}/projects/").content.decode()
    assert "本规划还没有列入项目库的重大项目" in page
    assert "共 <strong>0</strong> 个项目" not in page
