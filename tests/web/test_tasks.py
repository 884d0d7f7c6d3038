from planwatch.web.accounts.models import Department
from planwatch.web.projects.models import TaskAssignment


def test_a_reporter_sees_only_tasks_their_department_leads_or_supports(shengtai):
    response = shengtai.get("/projects/tasks/")
    seen = [a for a, _ in response.context["assignments"]]
    assert seen
    for assignment in seen:
        supporting = {d.code for d in assignment.supporting.all()}
        assert assignment.department.code == "sthj" or "sthj" in supporting


def test_a_reporter_updates_their_own_task(shengtai):
    assignment = TaskAssignment.objects.filter(department__code="sthj").first()
    response = shengtai.post(
        f"/projects/tasks/{assignment.pk}/", {"status": "done", "progress_note": "已完成整治"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress_note) == ("done", "已完成整治")


def test_a_reporter_cannot_touch_another_departments_task(kewei):
    assignment = TaskAssignment.objects.filter(department__code="sthj").first()
    assert kewei.post(f"/projects/tasks/{assignment.pk}/", {"status": "done"}).status_code == 404


def test_the_planning_office_decomposes_a_task(planner, plan):
    task = plan.tasks.exclude(title="").last()
    lead, helper = Department.objects.get(code="fgw"), Department.objects.get(code="czj")
    planner.post(
        "/projects/tasks/assign/",
        {
            "task": task.pk,
            "department": lead.pk,
            "supporting": [helper.pk],
            "year": "2024",
            "milestone": "完成方案",
        },
    )
    assignment = TaskAssignment.objects.get(task=task)
    assert assignment.department == lead
    assert list(assignment.supporting.all()) == [helper]


def test_a_reporter_cannot_decompose_tasks(kewei, plan):
    assert kewei.post("/projects/tasks/assign/", {"task": plan.tasks.first().pk}).status_code == 403
