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
    page = planner.get("/accounts/audit/").content.decode()
    assert "属性：binding → expected" in page


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/accounts/audit/").status_code == 403


def test_it_refuses_a_leader(leader):
    assert leader.get("/accounts/audit/").status_code == 403


def test_the_administrator_manages_users_and_departments(admin_client_):
    assert admin_client_.get("/admin/auth/user/").status_code == 200
    assert admin_client_.get("/admin/accounts/department/").status_code == 200


def test_the_planning_office_has_no_system_administration(planner):
    assert planner.get("/admin/auth/user/").status_code == 302


def test_viewing_a_page_writes_nothing_to_the_audit_log(leader, plan):
    from planwatch.web.evaluations.models import StoredEvaluation

    StoredEvaluation.objects.all().delete()
    before = AuditEntry.objects.count()
    assert (
        leader.get(f"/plans/{plan.pk}/dashboard/").status_code == 200
    )  # the evaluation is computed and stored
    assert StoredEvaluation.objects.filter(plan=plan).exists()
    assert AuditEntry.objects.count() == before


def test_an_approved_figure_is_logged_but_the_evaluation_it_renews_is_not(planner, plan):
    from planwatch.web.evaluations.models import PlanDataVersion, StoredEvaluation
    from planwatch.web.monitoring.models import Observation

    planner.get(f"/plans/{plan.pk}/dashboard/")
    observation = Observation.objects.create(
        indicator=indicator(8),
        year=2023,
        value=987.6,
        measure="level",
        state=Observation.SUBMITTED,
        source="区统计局",
    )
    before = AuditEntry.objects.count()
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    assert "987.6" in planner.get(f"/plans/{plan.pk}/dashboard/?year=2023").content.decode()
    logged = list(AuditEntry.objects.order_by("pk")[before:].values_list("model", "object_id"))
    assert ("监测值", str(observation.pk)) in logged
    derived = {StoredEvaluation._meta.verbose_name, PlanDataVersion._meta.verbose_name}
    assert not derived & {model for model, _ in logged}
