"""Deactivating a department (停用): what it still holds is listed for every plan, handed to another department in
one audited step, its accounts deactivated with it; it then leaves every choice and stays in history."""

from __future__ import annotations

import re

import pytest


def _department(code: str):
    from planwatch.web.accounts.models import Department

    return Department.objects.get(code=code)


def _new_entries(since: int):
    from planwatch.web.accounts.models import AuditEntry

    return AuditEntry.objects.filter(pk__gt=since).order_by("id")


def _last_entry() -> int:
    from planwatch.web.accounts.models import AuditEntry

    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _allow_planners() -> None:
    from planwatch.web.plans.models import SystemSetting

    setting = SystemSetting.objects.first() or SystemSetting()
    setting.planners_manage_people = True
    setting.save()


@pytest.fixture
def kw_work(plan, national):
    """区科委 leads Songjiang's indicators 8, 10 and 11 (one draft, one figure waiting for review), supports the
    national plan's indicator 2 and leads a task of Songjiang's plan."""
    from django.contrib.auth.models import User

    from planwatch.web.monitoring.models import Observation
    from planwatch.web.plans.models import Indicator
    from planwatch.web.projects.models import TaskAssignment

    kw, jw = _department("kw"), _department("jw")
    indicator_8 = Indicator.objects.get(plan=plan, number=8)
    reporter = User.objects.get(username="kw")
    Observation.objects.create(indicator=indicator_8, year=2025, value=3.4, state=Observation.DRAFT)
    Observation.objects.create(
        indicator=indicator_8, year=2024, value=3.3, state=Observation.SUBMITTED, submitted_by=reporter
    )
    national_2 = Indicator.objects.get(plan=national, number=2)
    national_2.supporting.add(kw)
    task = plan.tasks.filter(title__gt="").order_by("id").first()
    assignment = TaskAssignment.objects.create(task=task, department=kw, year=2025)
    assignment.supporting.add(jw)  # the successor already supports it: it becomes the lead, once
    return {"indicator_8": indicator_8, "national_2": national_2, "assignment": assignment}


def test_the_page_lists_what_the_department_holds_in_each_plan(admin_client_, kw_work, plan, national):
    from planwatch.web.accounts.departments import holdings

    held = holdings(_department("kw"))
    by_plan = {row.plan.pk: row for row in held.plans}
    songjiang, superior = by_plan[plan.pk], by_plan[national.pk]
    assert sorted(i.number for i in songjiang.lead_indicators) == [8, 10, 11]
    assert (songjiang.drafts, songjiang.pending) == (1, 1)
    assert [i.number for i in superior.supported_indicators] == [2]
    assert superior.lead_indicators == [] and superior.drafts == 0
    assert [u.username for u in held.users] == ["kw"]
    page = admin_client_.get(f"/accounts/departments/{_department('kw').pk}/deactivate/").content.decode()
    assert plan.title in page and national.title in page
    assert "配合：2. " in page and "牵头：8. " in page
    assert '<li>kw <a href="/accounts/people/' in page and "移交并停用" in page


def test_a_department_holding_work_is_not_deactivated_without_a_successor(admin_client_, kw_work):
    kw = _department("kw")
    response = admin_client_.post(f"/accounts/departments/{kw.pk}/deactivate/", {"confirm": "on"})
    assert response.status_code == 400
    assert "请选择接收部门" in response.content.decode()
    unconfirmed = admin_client_.post(
        f"/accounts/departments/{kw.pk}/deactivate/", {"successor": _department("jw").pk}
    )
    assert unconfirmed.status_code == 400 and "请勾选“确认停用”" in unconfirmed.content.decode()
    kw.refresh_from_db()
    assert kw.is_active


def test_deactivating_hands_everything_over_in_one_audited_step(admin_client_, kw_work, plan, national):
    from django.contrib.auth.models import User
    from django.test import Client

    from planwatch.web.monitoring.models import Observation
    from planwatch.web.plans.models import Indicator

    kw, jw = _department("kw"), _department("jw")
    since = _last_entry()
    response = admin_client_.post(
        f"/accounts/departments/{kw.pk}/deactivate/", {"successor": jw.pk, "confirm": "on"}
    )
    assert response.status_code == 302
    kw.refresh_from_db()
    assert not kw.is_active
    assert set(
        Indicator.objects.filter(plan=plan, number__in=[8, 10, 11]).values_list("department", flat=True)
    ) == {jw.pk}
    assert list(kw_work["national_2"].supporting.all()) == [jw]
    assignment = kw_work["assignment"]
    assignment.refresh_from_db()
    assert assignment.department == jw and list(assignment.supporting.all()) == []
    # the drafts and the figure waiting for review follow their indicator to 区经委
    assert Observation.objects.filter(indicator=kw_work["indicator_8"], state=Observation.DRAFT).count() == 1
    assert (
        Observation.objects.filter(indicator=kw_work["indicator_8"], state=Observation.SUBMITTED).count() == 1
    )
    assert not User.objects.get(username="kw").is_active
    assert not Client().login(username="kw", password="kw-demo-2025")

    entries = list(_new_entries(since))
    handovers = [e for e in entries if e.event == "handover"]
    # indicators 8, 10, 11; national indicator 2; the task it leads; chapter 5's three tasks it supports (区经委 leads)
    held_before = 3 + 1 + 1 + 3
    assert len(handovers) == held_before
    assert len({(e.model, e.object_id) for e in handovers}) == held_before  # one entry per object
    moved_task = next(e for e in handovers if e.object_id == str(assignment.pk) and e.model == "任务分解")
    assert moved_task.before == {"牵头部门": "区科委", "配合部门": ["区经委"]}
    assert moved_task.after == {"牵头部门": "区经委", "配合部门": []}
    assert moved_task.comment == "部门“区科委”停用，移交给“区经委”"
    assert {e.plan_id for e in handovers} == {plan.pk, national.pk}
    [closed] = [e for e in entries if e.event == "department-deactivate"]
    assert closed.object_id == str(kw.pk) and closed.change == "启用：是 → 否"
    [account] = [e for e in entries if e.event == "account"]
    assert (account.before, account.after) == ({"启用": True}, {"启用": False})
    assert len(entries) == held_before + 2  # nothing else, and nothing twice


def test_a_deactivated_department_leaves_every_choice_and_stays_in_history(
    admin_client_, planner, kw_work, plan
):
    from planwatch.web.monitoring.models import Observation

    kw, jw = _department("kw"), _department("jw")
    figures = Observation.objects.filter(indicator__plan=plan).count()
    option = re.compile(rf'<option value="{kw.pk}"[^>]*>\s*区科委\s*<')

    def offered() -> list[bool]:
        pages = (
            planner.get(f"/plans/{plan.pk}/onboarding/assign/"),
            planner.get(f"/plans/{plan.pk}/projects/tasks/"),
            planner.get(f"/plans/{plan.pk}/review/"),
            admin_client_.get("/accounts/people/new/"),
        )
        return [bool(option.search(page.content.decode())) for page in pages]

    assert offered() == [True] * 4
    admin_client_.post(f"/accounts/departments/{kw.pk}/deactivate/", {"successor": jw.pk, "confirm": "on"})
    assert offered() == [False] * 4
    assert planner.get(f"/plans/{plan.pk}/monitoring/?department={kw.pk}").status_code == 404
    completeness = planner.get(f"/plans/{plan.pk}/monitoring/completeness/").content.decode()
    assert "区科委" not in completeness
    round_id = plan.rounds.first().pk
    reminded = planner.post(
        f"/plans/{plan.pk}/monitoring/remind/", {"round": round_id, "department": kw.pk, "message": ""}
    )
    assert reminded.status_code == 404
    # history: its figures, the people page (marked), the audit log's department filter
    assert Observation.objects.filter(indicator__plan=plan).count() == figures
    people = admin_client_.get("/accounts/people/").content.decode()
    assert "区科委" in people and f"/accounts/departments/{kw.pk}/reactivate/" in people
    assert "区科委" in admin_client_.get("/accounts/audit/").content.decode()


def test_an_account_is_not_enabled_in_a_deactivated_department(admin_client_, kw_work):
    from django.contrib.auth.models import User

    kw = _department("kw")
    admin_client_.post(
        f"/accounts/departments/{kw.pk}/deactivate/", {"successor": _department("jw").pk, "confirm": "on"}
    )
    account = User.objects.get(username="kw")
    response = admin_client_.post(
        f"/accounts/people/{account.pk}/",
        {"display_name": "", "role": "reporter", "department": kw.pk, "is_active": "on"},
    )
    assert response.status_code == 400
    assert "部门“区科委”已停用" in response.content.decode()
    account.refresh_from_db()
    assert not account.is_active


def test_reactivating_enables_the_accounts_ticked(admin_client_, kw_work):
    from django.contrib.auth.models import User
    from django.test import Client

    kw = _department("kw")
    admin_client_.post(
        f"/accounts/departments/{kw.pk}/deactivate/", {"successor": _department("jw").pk, "confirm": "on"}
    )
    page = admin_client_.get(f"/accounts/departments/{kw.pk}/reactivate/").content.decode()
    account = User.objects.get(username="kw")
    assert f'value="{account.pk}"' in page
    since = _last_entry()
    response = admin_client_.post(f"/accounts/departments/{kw.pk}/reactivate/", {"users": [account.pk]})
    assert response.status_code == 302
    kw.refresh_from_db()
    assert kw.is_active and User.objects.get(username="kw").is_active
    assert [e.event for e in _new_entries(since)] == ["department-reactivate", "account"]
    assert Client().login(username="kw", password="kw-demo-2025")


def test_a_department_with_nothing_left_is_deactivated_without_a_successor(admin_client_):
    from planwatch.web.accounts.models import Department

    empty = Department.objects.create(code="qu-lsb", name="区临时办")
    page = admin_client_.get(f"/accounts/departments/{empty.pk}/deactivate/").content.decode()
    assert 'id="holds-nothing"' in page
    response = admin_client_.post(f"/accounts/departments/{empty.pk}/deactivate/", {"confirm": "on"})
    assert response.status_code == 302
    empty.refresh_from_db()
    assert not empty.is_active


def test_the_office_may_not_deactivate_its_own_department_or_an_administrators(planner, kw_work):
    from django.contrib.auth.models import User

    from planwatch.web.accounts.models import Profile

    _allow_planners()
    fgw = _department("fgw")
    for username in ("guihuake", "admin"):
        profile = Profile.objects.filter(user__username=username).first() or Profile(
            user=User.objects.get(username=username), role="administrator"
        )
        profile.department = fgw
        profile.save()
        response = planner.post(
            f"/accounts/departments/{fgw.pk}/deactivate/",
            {"successor": _department("jw").pk, "confirm": "on"},
        )
        assert response.status_code == 400
        expected = "您本人的账号属于该部门" if username == "guihuake" else "只有系统管理员可以停用该部门"
        assert expected in response.content.decode(), username
        profile.department = None
        profile.save()
    fgw.refresh_from_db()
    assert fgw.is_active and User.objects.get(username="guihuake").is_active


@pytest.mark.parametrize("who", ["leader", "kewei", "planner"])
def test_only_people_managers_open_the_department_pages(who, request, db):
    client = request.getfixturevalue(who)
    kw = _department("kw")
    for url in (f"/accounts/departments/{kw.pk}/deactivate/", f"/accounts/departments/{kw.pk}/reactivate/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirm": "on"}).status_code == 403
    kw.refresh_from_db()
    assert kw.is_active
