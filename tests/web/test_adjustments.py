from planwatch.web.plans.models import Adjustment
from tests.web.conftest import indicator


def _propose(client) -> Adjustment:
    forest = indicator(16)
    client.post(
        "/plans/adjustments/propose/",
        {
            "indicator": forest.pk,
            "new_target_text": "20",
            "new_target_value": "20",
            "reason": "新增造林地块纳入统计",
            "effective_year": "2023",
        },
    )
    return Adjustment.objects.get(indicator=forest)


def test_the_planning_office_proposes_a_change_with_a_reason(planner):
    adjustment = _propose(planner)
    assert adjustment.state == Adjustment.PROPOSED
    assert adjustment.old_target_text == "19.5"
    assert planner.get("/plans/adjustments/").status_code == 200


def test_a_proposal_needs_a_reason(planner):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/", {"indicator": forest.pk, "new_target_text": "20", "reason": ""}
    )
    assert not Adjustment.objects.exists()


def test_the_proposer_cannot_approve_their_own_change(planner):
    adjustment = _propose(planner)
    planner.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "document_number": "松府发〔2023〕12号"},
    )
    adjustment.refresh_from_db()
    assert adjustment.state == Adjustment.PROPOSED


def test_an_approved_change_makes_a_new_target_version_that_evaluations_name(planner, admin_client_):
    adjustment = _propose(planner)
    admin_client_.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "comment": "同意", "document_number": "松府发〔2023〕12号"},
    )
    adjustment.refresh_from_db()
    forest = indicator(16)
    assert adjustment.state == Adjustment.APPROVED
    assert (forest.target_version, forest.target_value, forest.target_text) == (2, 20.0, "20")
    rows = planner.get("/evaluations/", {"year": "2025"}).context["rows"]
    row = next(r for r in rows if r["number"] == 16)
    assert row["target_used"]["version"] == 2
    assert row["target"]["version"] == "第2版（2023年起规划调整后，松府发〔2023〕12号）"
    assert row["target"]["value"] == 20.0


def test_a_leader_may_read_but_not_propose(leader):
    assert leader.get("/plans/adjustments/").status_code == 200
    assert leader.post("/plans/adjustments/propose/", {"indicator": indicator(16).pk}).status_code == 403


def test_it_refuses_a_reporter(shengtai):
    assert shengtai.get("/plans/adjustments/").status_code == 403
