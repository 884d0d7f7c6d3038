"""Every plan-scoped page under /plans/<id>/…, one resolver: unknown or hidden plans are 404, old URLs redirect."""

from __future__ import annotations

import pytest

from planwatch.web.plans.scope import default_plan, set_default_plan

PAGES = [
    "dashboard/",
    "",
    "review/",
    "monitoring/",
    "monitoring/review/",
    "monitoring/rounds/",
    "evaluations/",
    "evaluations/texts/",
    "adjustments/",
    "projects/",
    "projects/tasks/",
]


@pytest.mark.parametrize("which", ["plan", "national"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_each_plan_shows_that_plan(which, page, planner, request):
    chosen = request.getfixturevalue(which)
    response = planner.get(f"/plans/{chosen.pk}/{page}")
    assert response.status_code == 200
    assert response.context["nav_plan"].pk == chosen.pk  # the plan the page and its menu are about


@pytest.mark.parametrize("page", PAGES)
def test_an_unknown_plan_is_not_found_never_plan_one(page, planner):
    assert planner.get(f"/plans/999999/{page}").status_code == 404


def test_the_public_page_of_each_plan(anonymous, plan, national):
    assert "第十五个五年规划纲要" in anonymous.get(f"/plans/{national.pk}/public/").content.decode()
    assert "松江区" in anonymous.get(f"/plans/{plan.pk}/public/").content.decode()
    assert anonymous.get("/plans/999999/public/").status_code == 404


def test_an_unknown_plan_parameter_is_not_found(planner, leader):
    assert planner.get("/evaluations/", {"plan": "999999"}).status_code == 404
    assert leader.get("/", {"plan": "999999"}).status_code == 404


def test_old_urls_redirect_to_the_default_plans_form(plan, national):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="guihuake"))
    assert client.get("/monitoring/rounds/?x=1")["Location"] == f"/plans/{plan.pk}/monitoring/rounds/?x=1"
    assert client.get("/plans/review/")["Location"] == f"/plans/{plan.pk}/review/"
    assert client.get("/plans/adjustments/")["Location"] == f"/plans/{plan.pk}/adjustments/"
    set_default_plan(national)
    assert client.get("/evaluations/")["Location"] == f"/plans/{national.pk}/evaluations/"
    assert client.get("/public/")["Location"] == f"/plans/{national.pk}/public/"


def test_the_planning_office_sets_the_default_plan_and_it_is_audited(planner, national):
    from planwatch.web.accounts.models import AuditEntry

    before = AuditEntry.objects.count()
    response = planner.post("/plans/default/", {"plan": national.pk})
    assert response.status_code == 302
    assert default_plan().pk == national.pk
    assert AuditEntry.objects.count() > before


def test_a_leader_may_not_set_the_default_plan(leader, plan, national):
    assert leader.post("/plans/default/", {"plan": national.pk}).status_code == 403
    assert default_plan().pk == plan.pk


def test_an_archived_plan_is_hidden_from_all_but_the_planning_office(
    planner, leader, anonymous, plan, national
):
    planner.post(f"/plans/{national.pk}/archive/", {"archived": "1"})
    national.refresh_from_db()
    assert national.archived
    assert leader.get(f"/plans/{national.pk}/dashboard/").status_code == 404
    assert anonymous.get(f"/plans/{national.pk}/public/").status_code == 404
    assert planner.get(f"/plans/{national.pk}/dashboard/").status_code == 200
    assert "十五个五年" not in leader.get("/").content.decode()


def test_the_header_switches_between_the_plans(leader, plan, national):
    page = leader.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert f'href="/plans/{plan.pk}/dashboard/"' in page and f'href="/plans/{national.pk}/dashboard/"' in page
    assert "当前规划：中华人民共和国国民经济和社会发展第十五个五" in page
    assert f'href="/plans/{national.pk}/evaluations/"' in page  # the menu stays on the plan shown


def test_a_plan_without_data_says_what_to_do_next(planner, kewei, national):
    entry = planner.get(f"/plans/{national.pk}/monitoring/").content.decode()
    assert (
        "尚未开启填报轮次" in entry
        and f'<a href="/plans/{national.pk}/monitoring/rounds/">填报轮次</a>开启一轮' in entry
    )
    assert (
        "规划科开启填报轮次后，各部门即可填报"
        in kewei.get(f"/plans/{national.pk}/monitoring/").content.decode()
    )
    projects = planner.get(f"/plans/{national.pk}/projects/")
    assert projects.context["totals"]["count"] == 0
    tasks = planner.get(f"/plans/{national.pk}/projects/tasks/").content.decode()
    assert "暂无分解任务" in tasks


def test_a_form_posted_on_a_plans_page_comes_back_to_that_plans_page(planner, national):
    from planwatch.web.accounts.models import Department
    from planwatch.web.projects.models import TaskAssignment

    task = national.tasks.exclude(title="").first()
    department = Department.objects.get(code="gj-fgw")
    page = planner.get(f"/plans/{national.pk}/projects/tasks/").content.decode()
    assert f'action="/plans/{national.pk}/projects/tasks/assign/"' in page
    response = planner.post(
        f"/plans/{national.pk}/projects/tasks/assign/",
        {"task": task.pk, "department": department.pk, "year": "2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{national.pk}/projects/tasks/"
    assert TaskAssignment.objects.filter(task=task, department=department).count() == 1


def test_an_indicator_of_an_archived_plan_is_hidden_from_a_leader(leader, planner, national):
    indicator = national.indicators.get(number=5)
    assert "人均预期寿命" in leader.get(f"/plans/indicators/{indicator.pk}/").content.decode()
    national.archived = True
    national.save()
    assert leader.get(f"/plans/indicators/{indicator.pk}/").status_code == 404
    assert planner.get(f"/plans/indicators/{indicator.pk}/").status_code == 200


def test_the_dashboard_of_a_plan_without_rounds_says_how_to_open_one(planner, leader, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "尚未开启填报轮次" in page and f'href="/plans/{national.pk}/monitoring/rounds/"' in page
    # A leader cannot open a round: told who does, not linked to the office's page.
    page = leader.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "尚未开启填报轮次" in page and "规划科开启填报轮次后" in page


def test_the_switcher_lists_at_most_thirty_plans(leader, plan):
    from planwatch.web.plans.models import Plan

    Plan.objects.bulk_create(
        Plan(
            title=f"专项规划{n}",
            period_start=2026,
            period_end=2030,
            source_name="x.txt",
            source_hash="0" * 64,
        )
        for n in range(40)
    )
    page = leader.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    switcher = page.split('<details class="plan-switch">', 1)[1].split("</details>", 1)[0]
    assert switcher.count('<li><a href="/plans/') == 30
    assert "共 42 个规划，此处列出前 30 个" in page


SCOPED_FORM = {"plan-reader": "plan-reader-id", "plan-review": "plan-review-id"}


@pytest.mark.parametrize("default", ["plan", "national"])
def test_every_old_page_url_redirects_to_its_scoped_form_of_the_default_plan(default, plan, request):
    """Each page of the permission matrix's REDIRECTED_PAGES, for the demo's default plan and after a change."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from tests.web.test_permissions_matrix import REDIRECTED_PAGES

    chosen = request.getfixturevalue(default)
    set_default_plan(chosen)
    client = Client()
    client.force_login(User.objects.get(username="guihuake"))
    for name in sorted(REDIRECTED_PAGES):
        old = reverse(name)
        scoped = SCOPED_FORM.get(name)
        new = (
            reverse(scoped, kwargs={"plan_id": chosen.pk})
            if scoped
            else reverse(f"plan:{name}", kwargs={"plan_id": chosen.pk})
        )
        response = client.get(old, {"year": "2026"})
        assert (response.status_code, response["Location"]) == (302, f"{new}?year=2026"), name
        assert client.get(new).status_code == 200, name
