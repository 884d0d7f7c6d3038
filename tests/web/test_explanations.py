"""A department explains its own lagging indicator; the planning office approves it into the report, or returns it.

In the demo data, 2023 has 区科委's indicator 10 (研发经费支出占比, lagging, yellow) and 区生态环境局's indicator 12
(大气污染物浓度, lagging, red) among the lagging ones; indicator 8 (高新技术企业数, 区科委) is not lagging.
"""

from planwatch.web.evaluations.models import ReportText
from planwatch.web.projects.models import LaggingExplanation
from tests.web.conftest import indicator


def _write(client, number: int, text: str, year: int = 2023):
    target = indicator(number)
    return client.post(
        "/projects/explanations/", {"year": str(year), "indicator": target.pk, f"i{target.pk}-text": text}
    )


def test_a_department_sees_only_its_own_lagging_indicators(kewei):
    response = kewei.get("/projects/explanations/", {"year": "2023"})
    assert [r["indicator"].number for r in response.context["rows"]] == [10]


def test_each_indicator_links_to_its_page_for_the_same_year(kewei):
    page = kewei.get("/projects/explanations/", {"year": "2023"}).content.decode()
    assert f'href="/plans/indicators/{indicator(10).pk}/?year=2023"' in page


def test_the_planning_office_sees_every_lagging_indicator_of_the_year(planner):
    response = planner.get("/projects/explanations/", {"year": "2023"})
    assert [r["indicator"].number for r in response.context["rows"]] == [1, 4, 9, 10, 12]


def test_a_department_writes_the_explanation_of_its_lagging_indicator(kewei):
    assert _write(kewei, 10, "研发投入统计口径调整，部分企业数据延后入库").status_code == 302
    explanation = LaggingExplanation.objects.get(indicator=indicator(10), year=2023)
    assert (explanation.state, explanation.department.code, explanation.written_by.username) == (
        "submitted",
        "kw",
        "kw",
    )


def test_an_explanation_is_not_in_the_report_before_approval(kewei, plan):
    _write(kewei, 10, "研发投入统计口径调整")
    assert not ReportText.objects.filter(plan=plan, year=2023, key="explanation-10").exists()


def test_an_indicator_that_is_not_lagging_needs_no_explanation(kewei):
    assert _write(kewei, 8, "无需说明").status_code == 404


def test_another_departments_lagging_indicator_is_not_found(kewei):
    assert _write(kewei, 12, "代写说明").status_code == 404


def test_a_leader_cannot_write_an_explanation(leader):
    assert _write(leader, 10, "领导代写").status_code == 403


def test_the_planning_office_reviews_but_does_not_write_a_departments_explanation(planner):
    assert _write(planner, 10, "规划科代写").status_code == 403
    assert not LaggingExplanation.objects.exists()


def test_an_empty_explanation_is_refused(kewei):
    response = _write(kewei, 10, "   ")
    assert response.status_code == 400
    assert not LaggingExplanation.objects.exists()


def test_approval_writes_the_text_as_the_reports_explanation(kewei, planner, plan):
    _write(kewei, 10, "研发投入统计口径调整")
    explanation = LaggingExplanation.objects.get()
    response = planner.post(f"/projects/explanations/{explanation.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    explanation.refresh_from_db()
    assert (explanation.state, explanation.reviewed_by.username) == ("approved", "guihuake")
    stored = ReportText.objects.get(plan=plan, year=2023, key="explanation-10")
    assert (stored.text, stored.updated_by.username) == ("研发投入统计口径调整", "guihuake")


def test_an_approved_explanation_can_no_longer_be_changed_by_the_department(kewei, planner):
    _write(kewei, 10, "研发投入统计口径调整")
    planner.post(
        f"/projects/explanations/{LaggingExplanation.objects.get().pk}/review/", {"decision": "approve"}
    )
    assert _write(kewei, 10, "改过的说明").status_code == 403


def test_return_needs_a_comment_and_the_department_rewrites(kewei, planner, plan):
    _write(kewei, 10, "原因待查")
    explanation = LaggingExplanation.objects.get()
    planner.post(f"/projects/explanations/{explanation.pk}/review/", {"decision": "return"})
    explanation.refresh_from_db()
    assert explanation.state == "submitted"
    planner.post(
        f"/projects/explanations/{explanation.pk}/review/",
        {"decision": "return", "comment": "请说明具体原因"},
    )
    explanation.refresh_from_db()
    assert (explanation.state, explanation.review_comment) == ("returned", "请说明具体原因")
    assert not ReportText.objects.filter(plan=plan, year=2023, key="explanation-10").exists()
    assert _write(kewei, 10, "规上企业研发投入增速放缓").status_code == 302
    explanation.refresh_from_db()
    assert (explanation.state, explanation.text) == ("submitted", "规上企业研发投入增速放缓")


def test_a_department_cannot_review_an_explanation(kewei):
    _write(kewei, 10, "研发投入统计口径调整")
    explanation = LaggingExplanation.objects.get()
    assert (
        kewei.post(f"/projects/explanations/{explanation.pk}/review/", {"decision": "approve"}).status_code
        == 403
    )
    explanation.refresh_from_db()
    assert explanation.state == "submitted"


def test_the_report_texts_page_shows_the_approved_explanation(kewei, planner):
    _write(kewei, 10, "研发投入统计口径调整")
    planner.post(
        f"/projects/explanations/{LaggingExplanation.objects.get().pk}/review/", {"decision": "approve"}
    )
    page = planner.get("/evaluations/texts/", {"year": "2023"}).content.decode()
    assert "研发投入统计口径调整" in page


def test_an_explanation_is_reported_work_that_keeps_a_plans_import_from_being_undone(national):
    from planwatch.web.plans.versions import reported_work

    LaggingExplanation.objects.create(indicator=national.indicators.first(), year=2026, text="基期数据待核")
    assert reported_work(national) == ["1条责任部门说明"]
