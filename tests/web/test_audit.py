import datetime
import io

import openpyxl

from planwatch.web.accounts.models import AuditEntry, Department
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


def _event(key: str = "login", **fields) -> AuditEntry:
    from planwatch.web.accounts.audit import record_event

    return record_event(key, **fields)


def _rows(page: str) -> int:
    return page.count('<td class="nowrap" data-label="时间">')


def test_times_are_local_to_the_second_without_microseconds(planner):
    entry = _event(actor="某人", summary="登录系统")
    AuditEntry.objects.filter(pk=entry.pk).update(
        when=datetime.datetime(2025, 3, 1, 16, 30, 5, 123456, tzinfo=datetime.UTC)
    )
    page = planner.get("/accounts/audit/", {"q": "某人"}).content.decode()
    assert "2025-03-02 00:30:05" in page  # Asia/Shanghai, eight hours ahead of UTC
    assert "16:30" not in page and "123456" not in page


def test_people_and_departments_are_named_not_numbered(planner):
    forest = indicator(16)
    other = Department.objects.exclude(pk=forest.department_id).first()
    data = {
        "name": forest.name,
        "unit": forest.unit,
        "attribute": forest.attribute,
        "kind": forest.kind,
        "target_text": forest.target_text,
        "target_value": forest.target_value,
        "department": other.pk,
        **({"confirmed": "on"} if forest.confirmed else {}),
        **({"published": "on"} if forest.published else {}),
    }
    planner.post(f"/plans/indicators/{forest.pk}/correct/", data)
    entry = AuditEntry.objects.filter(event="indicator-correct", object_id=str(forest.pk)).first()
    assert ["责任部门", forest.department.name, other.name] in entry.fields
    assert entry.change == f"责任部门：{forest.department.name} → {other.name}"
    page = planner.get("/accounts/audit/", {"event": "indicator-correct"}).content.decode()
    assert f"责任部门：{forest.department.name} → {other.name}" in page


def test_the_filters_select_by_kind_person_department_plan_and_dates(planner, national):
    songjiang = indicator(1).plan
    _event(actor="甲", summary="对象一", plan=songjiang)
    _event("login-failed", actor="乙", summary="对象二", plan=national)
    late = _event("login", actor="丙", summary="对象三")
    AuditEntry.objects.filter(pk=late.pk).update(
        when=datetime.datetime(2024, 6, 30, 17, 0, tzinfo=datetime.UTC)
    )
    kw = AuditEntry.objects.create(action="event", event="login", actor="丁", actor_department="区科委")

    def shown(**query) -> set[str]:
        page = planner.get("/accounts/audit/", query).content.decode()
        return {name for name in "甲乙丙丁" if f'data-label="人员">{name}' in page}

    assert shown(event="login-failed") == {"乙"}
    assert shown(person="甲") == {"甲"}
    assert shown(department="区科委") == {"丁"} and kw.pk
    assert shown(plan=national.pk) == {"乙"}
    assert shown(plan=songjiang.pk) >= {"甲"} and "乙" not in shown(plan=songjiang.pk)
    assert shown(start="2024-07-01", end="2024-07-01") == {"丙"}  # 01:00 on 1 July in Shanghai
    assert "丙" not in shown(start="2024-07-02")


def test_the_search_finds_words_of_the_object_person_and_comment(planner):
    _event(actor="王五", summary="指标8“研发投入”2025年值", comment="请补充来源")
    _event(actor="赵六", summary="指标9“专利”2025年值")

    def found(q: str) -> set[str]:
        page = planner.get("/accounts/audit/", {"q": q}).content.decode()
        return {name for name in ("王五", "赵六") if f'data-label="人员">{name}' in page}

    assert found("研发投入") == {"王五"}
    assert found("补充来源") == {"王五"}
    assert found("赵六") == {"赵六"}
    assert found("2025年值") == {"王五", "赵六"}


def test_a_bad_filter_is_named_and_the_others_still_apply(planner):
    _event(actor="孙七")
    response = planner.get("/accounts/audit/", {"start": "2025-13-01", "person": "孙七"})
    page = response.content.decode()
    assert response.status_code == 200 and "起始日期：" in page
    assert _rows(page) == 1
    page = planner.get("/accounts/audit/", {"start": "2025-03-02", "end": "2025-03-01"}).content.decode()
    assert "起始日期晚于截止日期" in page


def test_the_page_holds_fifty_events_and_links_the_next_with_the_filters(planner):
    for n in range(120):
        _event(actor="周八", summary=f"第{n}次")
    first = planner.get("/accounts/audit/", {"person": "周八"}).content.decode()
    assert _rows(first) == 50 and "第1/3页" in first
    assert "?person=%E5%91%A8%E5%85%AB&amp;page=2" in first
    third = planner.get("/accounts/audit/", {"person": "周八", "page": "3"}).content.decode()
    assert _rows(third) == 20 and "第0次" in third


def test_a_page_of_fifty_events_is_tens_of_kilobytes(planner):
    """The demo's own history (a plan imported with its indicators, projects, figures): one full page."""
    response = planner.get("/accounts/audit/")
    assert _rows(response.content.decode()) == 50
    assert len(response.content) < 80_000


def test_the_export_holds_the_filtered_events_and_no_formula(planner):
    _event(actor="吴九", summary="对象", comment='=HYPERLINK("http://x")')
    _event(actor="郑十", summary="别的")
    response = planner.get("/accounts/audit/", {"person": "吴九", "format": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "事件", "人员")
    assert len(rows) == 2 and rows[1][1:3] == ("登录成功", "吴九")
    assert rows[1][7] == '\'=HYPERLINK("http://x")'
    csv_text = planner.get("/accounts/audit/", {"person": "吴九", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("时间,事件,人员") and "'=HYPERLINK" in csv_text
    assert "郑十" not in csv_text


def test_the_export_is_refused_to_a_leader(leader):
    assert leader.get("/accounts/audit/", {"format": "csv"}).status_code == 403


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
