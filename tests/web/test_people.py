"""Users and departments on the system's own pages (人员与部门): the administrator, and the planning office when
the administrator allows it; Django's password validators; no raised own role; never without an administrator."""

from __future__ import annotations

import re

import pytest


def _allow_planners(on: bool = True) -> None:
    from planwatch.web.plans.models import SystemSetting

    setting = SystemSetting.objects.first() or SystemSetting()
    setting.planners_manage_people = on
    setting.save()


def _user(username: str):
    from django.contrib.auth.models import User

    return User.objects.select_related("profile").get(username=username)


def _one_time_password(response) -> str:
    return re.search(r'<code id="one-time-password">([^<]+)</code>', response.content.decode()).group(1)


def _department(code: str):
    from planwatch.web.accounts.models import Department

    return Department.objects.get(code=code)


def test_the_administrator_lists_users_and_departments(admin_client_):
    page = admin_client_.get("/accounts/people/").content.decode()
    assert "guihuake" in page and "区科委" in page and "责任部门填报员" in page
    assert "允许规划科管理人员" in page  # the setting, on the administrator's page only


def test_a_new_user_gets_a_one_time_password_shown_once(admin_client_):
    from django.test import Client

    from planwatch.web.accounts.models import AuditEntry

    response = admin_client_.post(
        "/accounts/people/new/",
        {
            "username": "ＷangXiao",  # stored canonical: wangxiao
            "display_name": "王晓",
            "department": _department("kw").pk,
            "role": "reporter",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    password = _one_time_password(response)
    account = _user("wangxiao")
    assert (account.first_name, account.profile.role, account.profile.department.code) == (
        "王晓",
        "reporter",
        "kw",
    )
    assert not account.is_staff and not account.is_superuser
    assert Client().login(username="wangxiao", password=password)
    entry = AuditEntry.objects.get(model="用户", object_id=str(account.pk), action="create")
    assert entry.after == {
        "用户名": "wangxiao",
        "姓名": "王晓",
        "角色": "责任部门填报员",
        "部门": "区科委",
        "启用": True,
    }
    assert password not in str(entry.before) + str(entry.after)
    listing = admin_client_.get("/accounts/people/").content.decode()
    assert "王晓" in listing and password not in listing


def test_a_typed_password_is_checked_by_djangos_validators(admin_client_):
    response = admin_client_.post(
        "/accounts/people/new/", {"username": "lixin", "role": "leader", "password": "12345678"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "密码长度太短，至少需要10个字符" in page and "这个密码太常见了" in page and "密码只包含数字" in page
    )
    from django.contrib.auth.models import User

    assert not User.objects.filter(username="lixin").exists()


def test_a_taken_user_name_is_refused_whatever_its_width_or_case(admin_client_):
    response = admin_client_.post("/accounts/people/new/", {"username": "ＫＷ", "role": "leader"})
    assert response.status_code == 400
    assert "用户名“kw”已被使用" in response.content.decode()


def test_a_reporter_needs_a_department(admin_client_):
    response = admin_client_.post("/accounts/people/new/", {"username": "zhaoyi", "role": "reporter"})
    assert response.status_code == 400
    assert "责任部门填报员须属于一个部门" in response.content.decode()


def test_a_deactivated_user_can_no_longer_sign_in(admin_client_):
    from django.test import Client

    account = _user("kw")
    response = admin_client_.post(
        f"/accounts/people/{account.pk}/",
        {
            "display_name": "",
            "role": "reporter",
            "department": _department("kw").pk,
        },  # box unticked: inactive
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert not account.is_active
    assert not Client().login(username="kw", password="kw-demo-2025")


def test_a_reset_password_replaces_the_old_one(admin_client_):
    from django.test import Client

    from planwatch.web.accounts.models import AuditEntry

    account = _user("lingdao")
    assert (
        admin_client_.get(f"/accounts/people/{account.pk}/password/").status_code == 302
    )  # GET changes nothing
    response = admin_client_.post(f"/accounts/people/{account.pk}/password/")
    password = _one_time_password(response)
    assert not Client().login(username="lingdao", password="lingdao-demo-2025")
    assert Client().login(username="lingdao", password=password)
    entry = AuditEntry.objects.filter(model="用户", object_id=str(account.pk)).first()
    assert entry.after == {"密码": "（已重置为一次性密码）"}


def test_the_last_administrator_cannot_be_demoted_or_deactivated(admin_client_):
    account = _user("admin")
    for data in ({"role": "planning", "is_active": "on"}, {"role": "administrator"}):
        response = admin_client_.post(f"/accounts/people/{account.pk}/", data)
        assert response.status_code == 400
        assert "最后一位启用的系统管理员" in response.content.decode()
    account.refresh_from_db()
    assert account.is_active and account.is_superuser


def test_an_administrator_may_step_down_once_another_exists(admin_client_):
    other = _user("lingdao")
    admin_client_.post(f"/accounts/people/{other.pk}/", {"role": "administrator", "is_active": "on"})
    other.refresh_from_db()
    assert other.is_superuser and other.profile.role == "administrator"
    account = _user("admin")
    response = admin_client_.post(f"/accounts/people/{account.pk}/", {"role": "planning", "is_active": "on"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert not account.is_superuser and account.profile.role == "planning"


def test_departments_are_created_and_renamed(admin_client_):
    from planwatch.web.accounts.models import AuditEntry, Department

    response = admin_client_.post(
        "/accounts/departments/new/", {"code": "qu-sjj", "name": "区数据管理局", "kind": "bureau"}
    )
    assert response.status_code == 302
    department = Department.objects.get(code="qu-sjj")
    admin_client_.post(
        f"/accounts/departments/{department.pk}/", {"code": "qu-sjj", "name": "区数据局", "kind": "bureau"}
    )
    department.refresh_from_db()
    assert department.name == "区数据局"
    entry = AuditEntry.objects.filter(model="部门", object_id=str(department.pk)).first()
    assert (entry.before["部门名称"], entry.after["部门名称"]) == ("区数据管理局", "区数据局")
    taken = admin_client_.post("/accounts/departments/new/", {"code": "kw", "name": "重名", "kind": "town"})
    assert taken.status_code == 400 and "这个代码已被其他部门使用" in taken.content.decode()


@pytest.mark.parametrize("url", ["/accounts/people/", "/accounts/people/new/", "/accounts/departments/new/"])
@pytest.mark.parametrize("who", ["leader", "kewei"])
def test_leaders_and_reporters_are_refused(who, url, request, db):
    assert request.getfixturevalue(who).get(url).status_code == 403


def test_the_planning_office_manages_people_only_when_the_administrator_allows(planner, admin_client_):
    from planwatch.web.plans.models import SystemSetting

    refused = planner.get("/accounts/people/")
    assert refused.status_code == 403 and "系统管理员尚未允许规划科管理人员与部门" in refused.content.decode()
    assert "人员与部门" not in planner.get("/").content.decode()
    assert planner.post("/accounts/people/setting/", {"planners_manage_people": "on"}).status_code == 403
    assert (
        admin_client_.post("/accounts/people/setting/", {"planners_manage_people": "on"}).status_code == 302
    )
    assert SystemSetting.objects.get().planners_manage_people
    page = planner.get("/accounts/people/").content.decode()
    assert "新建用户" in page and "允许规划科管理人员" not in page  # the setting stays the administrator's
    assert 'href="/accounts/people/">人员与部门' in planner.get("/").content.decode()


def test_the_planning_office_grants_no_role_above_its_own(planner):
    _allow_planners()
    response = planner.post("/accounts/people/new/", {"username": "tianyu", "role": "administrator"})
    assert response.status_code == 400
    assert "不能授予这个角色" in response.content.decode()
    me = _user("guihuake")
    response = planner.post(f"/accounts/people/{me.pk}/", {"role": "administrator", "is_active": "on"})
    assert response.status_code == 400
    me.refresh_from_db()
    assert me.profile.role == "planning" and not me.is_superuser


def test_the_planning_office_never_touches_an_administrators_account(planner):
    _allow_planners()
    admin = _user("admin")
    assert planner.get(f"/accounts/people/{admin.pk}/").status_code == 403
    assert planner.post(f"/accounts/people/{admin.pk}/password/").status_code == 403


def test_everyone_changes_their_own_password(kewei):
    from django.test import Client

    response = kewei.post(
        "/accounts/password/",
        {"old_password": "kw-demo-2025", "new_password1": "短", "new_password2": "短"},
    )
    assert response.status_code == 200 and "密码长度太短" in response.content.decode()
    response = kewei.post(
        "/accounts/password/",
        {
            "old_password": "kw-demo-2025",
            "new_password1": "qiu-tian-de-feng-88",
            "new_password2": "qiu-tian-de-feng-88",
        },
    )
    assert response.status_code == 302
    assert Client().login(username="kw", password="qiu-tian-de-feng-88")


def _entries_after(since: int):
    from planwatch.web.accounts.models import AuditEntry

    return list(AuditEntry.objects.filter(pk__gt=since).order_by("id"))


def _last() -> int:
    from planwatch.web.accounts.models import AuditEntry

    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_each_person_action_is_one_audit_entry_with_before_and_after(admin_client_):
    """The profile's model save is not logged a second time beside the page's own event."""
    since = _last()
    admin_client_.post(
        "/accounts/people/new/",
        {
            "username": "sunmei",
            "display_name": "孙梅",
            "department": _department("kw").pk,
            "role": "reporter",
            "is_active": "on",
        },
    )
    [created] = _entries_after(since)
    account = _user("sunmei")
    assert (created.event, created.action, created.object_id) == ("account", "create", str(account.pk))
    assert created.after["部门"] == "区科委" and created.before is None

    since = _last()
    admin_client_.post(
        f"/accounts/people/{account.pk}/",
        {"display_name": "孙梅", "department": _department("sthj").pk, "role": "leader", "is_active": "on"},
    )
    [edited] = _entries_after(since)
    assert (edited.before["角色"], edited.after["角色"]) == ("责任部门填报员", "领导、人大（只读）")
    assert (edited.before["部门"], edited.after["部门"]) == ("区科委", "区生态环境局")
    assert edited.fields == [
        ["角色", "责任部门填报员", "领导、人大（只读）"],
        ["部门", "区科委", "区生态环境局"],
    ]

    since = _last()
    admin_client_.post(f"/accounts/people/{account.pk}/password/")
    [reset] = _entries_after(since)
    assert reset.after == {"密码": "（已重置为一次性密码）"}

    since = _last()
    admin_client_.post(
        f"/accounts/people/{account.pk}/",
        {"display_name": "孙梅", "department": _department("sthj").pk, "role": "leader"},
    )
    [deactivated] = _entries_after(since)
    assert (deactivated.before["启用"], deactivated.after["启用"]) == (True, False)

    since = _last()
    admin_client_.post(
        f"/accounts/people/{account.pk}/",
        {"display_name": "孙梅", "department": _department("sthj").pk, "role": "leader"},
    )
    assert _entries_after(since) == []  # nothing changed, nothing written


def test_a_department_change_is_one_audit_entry(admin_client_):
    department = _department("kw")
    since = _last()
    admin_client_.post(
        f"/accounts/departments/{department.pk}/",
        {"code": "kw", "name": "区科学技术委员会", "kind": "bureau"},
    )
    [renamed] = _entries_after(since)
    assert renamed.event == "department" and renamed.change == "部门名称：区科委 → 区科学技术委员会"
