"""One assigned task: the planning office sets yearly milestones, the lead and supporting departments report on them."""

from planwatch.web.projects.models import TaskAssignment, TaskMilestone


def _supported_by_kewei() -> TaskAssignment:
    """The demo decomposes chapter 5's tasks to 区经委 (lead) with 区科委 supporting."""
    return TaskAssignment.objects.filter(department__code="jw", supporting__code="kw").order_by("id").first()


def _led_by_shengtai() -> TaskAssignment:
    return TaskAssignment.objects.filter(department__code="sthj").order_by("id").first()


def test_a_supporting_department_sees_the_tasks_it_supports(kewei):
    response = kewei.get("/projects/tasks/")
    supported = {a.pk for a, may_report in response.context["assignments"] if may_report}
    assert _supported_by_kewei().pk in supported
    assert _led_by_shengtai().pk not in supported


def test_a_supporting_department_updates_the_task_status(kewei):
    assignment = _supported_by_kewei()
    response = kewei.post(
        f"/projects/tasks/{assignment.pk}/", {"status": "delayed", "progress_note": "配合完成"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress_note) == ("delayed", "配合完成")


def test_the_planning_office_sets_a_yearly_milestone(planner):
    assignment = _supported_by_kewei()
    response = planner.post(
        f"/projects/tasks/{assignment.pk}/milestones/", {"year": "2024", "target": "出台实施方案"}
    )
    assert response.status_code == 302
    milestone = TaskMilestone.objects.get(assignment=assignment, year=2024)  # the demo holds 2023 and 2025
    assert (milestone.year, milestone.target, milestone.status) == (2024, "出台实施方案", "pending")
    assert milestone.set_by.username == "guihuake"


def test_a_milestone_outside_the_plan_period_is_refused_with_the_typing_kept(planner):
    assignment = _supported_by_kewei()
    response = planner.post(
        f"/projects/tasks/{assignment.pk}/milestones/", {"year": "2031", "target": "远期目标"}
    )
    assert response.status_code == 400
    assert "年度应在规划期 2021—2025 年之内" in response.content.decode()
    assert 'value="远期目标"' in response.content.decode()
    assert not TaskMilestone.objects.filter(assignment=assignment, year=2031).exists()


def test_a_department_cannot_set_milestones(kewei):
    assignment = _supported_by_kewei()
    response = kewei.post(f"/projects/tasks/{assignment.pk}/milestones/", {"year": "2024", "target": "自定"})
    assert response.status_code == 403


def test_a_supporting_department_reports_against_a_milestone(kewei):
    assignment = _supported_by_kewei()
    milestone = TaskMilestone.objects.create(assignment=assignment, year=2024, target="出台实施方案")
    response = kewei.post(
        f"/projects/tasks/{assignment.pk}/milestones/",
        {
            "milestone": milestone.pk,
            f"m{milestone.pk}-status": "done",
            f"m{milestone.pk}-report": "方案已印发",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.report, milestone.reported_by.username) == (
        "done",
        "方案已印发",
        "kw",
    )
    assert milestone.reported_at is not None


def test_a_milestone_report_without_text_is_refused(kewei):
    assignment = _supported_by_kewei()
    milestone = TaskMilestone.objects.create(assignment=assignment, year=2024, target="出台实施方案")
    response = kewei.post(
        f"/projects/tasks/{assignment.pk}/milestones/",
        {"milestone": milestone.pk, f"m{milestone.pk}-status": "done", f"m{milestone.pk}-report": " "},
    )
    assert response.status_code == 400
    milestone.refresh_from_db()
    assert milestone.status == "pending"


def test_another_department_cannot_see_or_report_on_the_task(kewei):
    assignment = _led_by_shengtai()
    milestone = TaskMilestone.objects.create(assignment=assignment, year=2024, target="完成整治")
    assert kewei.get(f"/projects/tasks/{assignment.pk}/").status_code == 404
    response = kewei.post(
        f"/projects/tasks/{assignment.pk}/milestones/",
        {"milestone": milestone.pk, f"m{milestone.pk}-status": "done", f"m{milestone.pk}-report": "x"},
    )
    assert response.status_code == 404


def test_a_leader_reads_the_milestones_but_cannot_report(leader):
    assignment = _supported_by_kewei()
    milestone = TaskMilestone.objects.create(assignment=assignment, year=2024, target="出台实施方案")
    page = leader.get(f"/projects/tasks/{assignment.pk}/")
    assert page.status_code == 200 and "出台实施方案" in page.content.decode()
    response = leader.post(
        f"/projects/tasks/{assignment.pk}/milestones/",
        {"milestone": milestone.pk, f"m{milestone.pk}-status": "done", f"m{milestone.pk}-report": "x"},
    )
    assert response.status_code == 403
