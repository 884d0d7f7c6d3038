from planwatch.web.accounts.models import AuditEntry
from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator


def _submitted(client, number: int, value: str) -> Observation:
    found = indicator(number)
    client.post("/monitoring/save/", {f"value-{found.pk}-1": value, f"source-{found.pk}-1": "区统计局"})
    client.post("/monitoring/submit/")
    return Observation.objects.get(indicator=found, state=Observation.SUBMITTED)


def test_it_lists_submissions_for_the_planning_office(planner, kewei):
    observation = _submitted(kewei, 11, "61.5")
    page = planner.get("/monitoring/review/").content.decode()
    assert f'id="obs-{observation.pk}"' in page


def test_it_approves_with_the_reviewer_and_keeps_history(planner, kewei):
    observation = _submitted(kewei, 11, "61.5")
    response = planner.post(
        f"/monitoring/review/{observation.pk}/", {"decision": "approve", "comment": "核对无误"}
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.state == Observation.APPROVED
    assert observation.reviewed_by.username == "guihuake"
    states = [h.state for h in observation.history.order_by("history_date")]
    assert states[-2:] == ["submitted", "approved"]
    entry = AuditEntry.objects.filter(object_id=str(observation.pk), action="update").first()
    assert entry.user.username == "guihuake"
    assert entry.before["状态"] == "submitted" and entry.after["状态"] == "approved"


def test_it_requires_a_comment_to_reject(planner, kewei):
    observation = _submitted(kewei, 11, "61.5")
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "reject", "comment": ""})
    observation.refresh_from_db()
    assert observation.state == Observation.SUBMITTED
    planner.post(
        f"/monitoring/review/{observation.pk}/", {"decision": "reject", "comment": "请附统计公报来源"}
    )
    observation.refresh_from_db()
    assert observation.state == Observation.REJECTED
    assert observation.comment == "请附统计公报来源"


def test_it_refuses_a_reporter_approving_their_own_value(kewei):
    observation = _submitted(kewei, 11, "61.5")
    assert kewei.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"}).status_code == 403
    assert kewei.get("/monitoring/review/").status_code == 403
    observation.refresh_from_db()
    assert observation.state == Observation.SUBMITTED


def test_it_refuses_a_leader(leader):
    assert leader.get("/monitoring/review/").status_code == 403


def test_the_round_progress_heading_does_not_repeat_its_last_word(planner):
    page = planner.get("/monitoring/review/").content.decode()
    assert "<h2>2025年度监测数据填报：进度</h2>" in page
    assert "填报填报" not in page
