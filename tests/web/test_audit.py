from planwatch.web.accounts.models import AuditEntry
from tests.web.conftest import indicator


def test_a_change_is_logged_with_who_before_and_after(planner):
    forest = indicator(16)
    planner.post(
        f"/plans/indicators/{forest.pk}/correct/",
        {
            "name": forest.name,
            "unit": forest.unit,
            "attribute": "expected",
            "kind": forest.kind,
            "target_text": forest.target_text,
            "target_value": forest.target_value,
            "department": forest.department_id,
        },
    )
    entry = AuditEntry.objects.filter(object_id=str(forest.pk), model="主要指标").first()
    assert entry.user.username == "guihuake"
    assert (entry.before["属性"], entry.after["属性"]) == ("binding", "expected")
    assert entry.event == "indicator-correct" and ["属性", "约束性", "预期性"] in entry.fields
    page = planner.get("/accounts/audit/").content.decode()
    assert "更正指标" in page and "属性：约束性 → 预期性" in page and "binding" not in page


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/accounts/audit/").status_code == 403


def test_it_refuses_a_leader(leader):
    assert leader.get("/accounts/audit/").status_code == 403


def test_the_administrator_manages_users_and_departments(admin_client_):
    assert admin_client_.get("/admin/auth/user/").status_code == 200
    assert admin_client_.get("/admin/accounts/department/").status_code == 200


def test_the_planning_office_has_no_system_administration(planner):
    assert planner.get("/admin/auth/user/").status_code == 302
