"""An approved adjustment applies from its effective year on: earlier verdicts and reports stay as they were."""

from __future__ import annotations

import hashlib

import pytest

from planwatch.web.evaluations.models import EvaluationRun, StoredEvaluation
from planwatch.web.plans.models import Adjustment
from tests.web.conftest import indicator

DOCUMENT = "松府发〔2024〕7号"


@pytest.fixture(autouse=True)
def reports_in_the_request(settings):
    settings.PLANWATCH_REPORT_RUNNER = "inline"


def _page_verdict(client, year: int) -> dict:
    rows = client.get("/evaluations/", {"year": str(year)}).context["rows"]
    row = next(r for r in rows if r["number"] == 16)
    return {"status": row["status"], "target": row["target"]["value"], "progress": row.get("progress")}


def _api_verdict(client, year: int) -> dict:
    data = client.get("/api/evaluations", {"year": str(year)}).json()
    row = next(r for r in data["indicators"] if r["number"] == 16)
    return {"status": row["status"], "progress": row.get("progress")}


def _report_digest(client, plan, year: int) -> str:
    response = client.get(f"/evaluations/report/annual.html?plan={plan.pk}&year={year}")
    assert response.status_code == 200
    return hashlib.sha256(response.content).hexdigest()


def _approve(planner, admin, year: int, target: str) -> Adjustment:
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {
            "indicator": forest.pk,
            "new_target_text": target,
            "new_target_value": target,
            "reason": "生态保护红线调整后重新核定",
            "effective_year": str(year),
        },
    )
    adjustment = Adjustment.objects.get(indicator=forest)
    admin.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "document_number": DOCUMENT, "comment": "同意"},
    )
    adjustment.refresh_from_db()
    assert adjustment.state == Adjustment.APPROVED
    return adjustment


def test_an_adjustment_from_a_later_year_leaves_earlier_verdicts_and_reports_unchanged(
    planner, admin_client_, plan
):
    earlier = (2022, 2023)
    planner.post("/evaluations/run/", {"plan": plan.pk, "year": "2022"})
    run = EvaluationRun.objects.get(plan=plan, year=2022)
    archived = run.result
    before_pages = {y: _page_verdict(planner, y) for y in earlier}
    before_api = {y: _api_verdict(planner, y) for y in earlier}
    before_reports = {y: _report_digest(planner, plan, y) for y in earlier}
    before_stored = StoredEvaluation.objects.get(plan=plan, year=2022).result
    later_before = _page_verdict(planner, 2024)
    assert later_before["target"] == 19.5

    adjustment = _approve(planner, admin_client_, 2024, "30")
    assert (adjustment.effective_year, adjustment.document_number) == (2024, DOCUMENT)

    assert {y: _page_verdict(planner, y) for y in earlier} == before_pages
    assert {y: _api_verdict(planner, y) for y in earlier} == before_api
    assert {y: _report_digest(planner, plan, y) for y in earlier} == before_reports
    after_stored = StoredEvaluation.objects.get(plan=plan, year=2022).result
    verdict = next(r for r in after_stored["indicators"] if r["number"] == 16)
    stored_before = next(r for r in before_stored["indicators"] if r["number"] == 16)
    assert (verdict["status"], verdict["target"]) == (stored_before["status"], stored_before["target"])
    run.refresh_from_db()
    assert run.result == archived  # an archived run is never rewritten

    later = _page_verdict(planner, 2024)
    assert later["target"] == 30.0
    assert later["status"] != later_before["status"]
    rows = planner.get("/evaluations/", {"year": "2024"}).context["rows"]
    assert next(r for r in rows if r["number"] == 16)["target"]["version"] == (
        f"第2版（2024年起规划调整后，{DOCUMENT}）"
    )
    report_2024 = planner.get(f"/evaluations/report/annual.html?plan={plan.pk}&year=2024").content.decode()
    assert f"（第2版，自2024年起执行，{DOCUMENT}；理由：生态保护红线调整后重新核定）" in report_2024


def test_approval_needs_the_approving_document(planner, admin_client_):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {"indicator": forest.pk, "new_target_text": "20", "new_target_value": "20", "reason": "核定"},
    )
    adjustment = Adjustment.objects.get(indicator=forest)
    page = admin_client_.post(
        f"/plans/adjustments/{adjustment.pk}/decide/", {"decision": "approve"}, follow=True
    ).content.decode()
    adjustment.refresh_from_db()
    assert adjustment.state == Adjustment.PROPOSED
    assert "须填写批准文号" in page
    assert indicator(16).target_version == 1


def test_an_effective_year_given_on_approval_must_lie_in_the_plan_period(planner, admin_client_):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {"indicator": forest.pk, "new_target_text": "20", "new_target_value": "20", "reason": "核定"},
    )
    adjustment = Adjustment.objects.get(indicator=forest)
    page = admin_client_.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "document_number": DOCUMENT, "effective_year": "2031"},
        follow=True,
    ).content.decode()
    adjustment.refresh_from_db()
    assert adjustment.state == Adjustment.PROPOSED
    assert "生效年份应在规划期2021—2025年内" in page


def test_the_adjustments_page_shows_the_effective_year_and_document(planner, admin_client_):
    _approve(planner, admin_client_, 2024, "20")
    page = planner.get("/plans/adjustments/").content.decode()
    assert "自2024年起" in page and DOCUMENT in page
