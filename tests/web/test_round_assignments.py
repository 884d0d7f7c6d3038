"""A round remembers who was responsible for its indicators: once closed, its completeness and lateness keep the
departments of that time after a handover; an open round follows the current assignments."""

from __future__ import annotations

import datetime

from planwatch.web.accounts.models import Department
from planwatch.web.monitoring import lateness, reminders
from planwatch.web.monitoring.models import ReportingRound, RoundAssignment
from tests.web.conftest import indicator


def _department(code: str) -> Department:
    return Department.objects.get(code=code)


def _expected(page: str, department: Department) -> str | None:
    """The 应报 cell of the department's row on the completeness page, or None without a row."""
    marker = f'id="dept-{department.pk}"'
    if marker not in page:
        return None
    row = page[page.index(marker) :]
    row = row[: row.index("</tr>")]
    cell = row[row.index('data-label="应报" class="num">') :]
    return cell[len('data-label="应报" class="num">') : cell.index("</td>")]


def _hand_over_kw_to_jw(admin_client_) -> None:
    response = admin_client_.post(
        f"/accounts/departments/{_department('kw').pk}/deactivate/",
        {"successor": _department("jw").pk, "confirm": "on"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def _close(planner, reporting_round) -> None:
    assert planner.post(f"/monitoring/rounds/{reporting_round.pk}/close/").status_code == 302
    reporting_round.refresh_from_db()


def test_closing_a_round_records_the_lead_department_of_each_indicator(planner, plan):
    reporting_round = plan.rounds.get(is_open=True)
    assert reporting_round.assignments_recorded_at is None
    _close(planner, reporting_round)
    assert reporting_round.assignments_recorded_at is not None
    recorded = dict(
        RoundAssignment.objects.filter(round=reporting_round).values_list("indicator", "department")
    )
    assert recorded[indicator(8).pk] == _department("kw").pk
    assert len(recorded) == plan.indicators.exclude(department=None).count()


def test_a_closed_round_keeps_its_departments_after_a_handover(planner, admin_client_, plan):
    kw, jw = _department("kw"), _department("jw")
    reporting_round = plan.rounds.get(is_open=True)
    url = f"/monitoring/completeness/?round={reporting_round.pk}"
    before = planner.get(url).content.decode()
    jw_before = int(_expected(before, jw))
    assert _expected(before, kw) == "3"  # indicators 8, 10 and 11
    _close(planner, reporting_round)
    _hand_over_kw_to_jw(admin_client_)
    assert indicator(8).department == jw
    after = planner.get(url).content.decode()
    assert _expected(after, kw) == "3" and _expected(after, jw) == str(jw_before)
    assert 'id="recorded-departments"' in after and "已停用" in after
    status = {row["department"].code: row["assigned"] for row in lateness.round_status(reporting_round)}
    assert (status["kw"], status["jw"]) == (3, jw_before)


def test_an_open_round_follows_a_handover(planner, admin_client_, plan):
    kw, jw = _department("kw"), _department("jw")
    reporting_round = plan.rounds.get(is_open=True)
    url = f"/monitoring/completeness/?round={reporting_round.pk}"
    jw_before = int(_expected(planner.get(url).content.decode(), jw))
    _hand_over_kw_to_jw(admin_client_)
    after = planner.get(url).content.decode()
    assert _expected(after, kw) is None and _expected(after, jw) == str(jw_before + 3)


def test_a_reopened_round_follows_the_current_assignments_again(planner, admin_client_, plan):
    reporting_round = plan.rounds.get(is_open=True)
    _close(planner, reporting_round)
    _hand_over_kw_to_jw(admin_client_)
    reporting_round.is_open = True
    reporting_round.save()
    assert not RoundAssignment.objects.filter(round=reporting_round).exists()
    departments = {row["department"].code for row in reminders.completeness(reporting_round)}
    assert "kw" not in departments and "jw" in departments


def test_a_round_closed_before_a_reassignment_keeps_the_old_lead(planner, plan):
    """Not only a handover: a planner giving one indicator to another department leaves past rounds alone."""
    jw = _department("jw")
    closed = ReportingRound.objects.create(
        plan=plan, year=2024, title="2024年度监测数据填报", deadline=datetime.date(2025, 3, 31), is_open=False
    )
    moved = indicator(8)
    moved.department = jw
    moved.save()
    rows = {row["department"].code: row["expected"] for row in reminders.completeness(closed)}
    assert rows["kw"] == 3
    now = {
        row["department"].code: row["expected"]
        for row in reminders.completeness(plan.rounds.get(is_open=True))
    }
    assert now["kw"] == 2


def test_the_record_itself_writes_no_audit_entries_beyond_the_round_event(planner, plan):
    from planwatch.web.accounts.models import AuditEntry

    reporting_round = plan.rounds.get(is_open=True)
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    _close(planner, reporting_round)
    reporting_round.is_open = True
    reporting_round.save()
    entries = AuditEntry.objects.filter(pk__gt=since).order_by("id")
    assert list(entries.values_list("event", "model")) == [
        ("round-close", "填报轮次"),
        ("record-update", "填报轮次"),  # reopened by hand (no page reopens a round)
    ]


def test_a_deactivated_department_of_a_closed_round_is_not_offered_a_reminder(planner, admin_client_, plan):
    from planwatch.web.monitoring.models import Observation

    kw = _department("kw")
    reporting_round = plan.rounds.get(is_open=True)
    Observation.objects.filter(indicator=indicator(11), year=reporting_round.year).update(
        state=Observation.DRAFT
    )
    _close(planner, reporting_round)
    page = planner.get(f"/monitoring/completeness/?round={reporting_round.pk}").content.decode()
    assert "催报区科委" in page
    _hand_over_kw_to_jw(admin_client_)
    page = planner.get(f"/monitoring/completeness/?round={reporting_round.pk}").content.decode()
    assert _expected(page, kw) == "3" and "催报区科委" not in page


def test_deleting_a_department_cannot_erase_a_closed_rounds_record(planner, plan):
    import pytest
    from django.db.models import ProtectedError

    reporting_round = plan.rounds.get(is_open=True)
    _close(planner, reporting_round)
    kw = _department("kw")
    with pytest.raises(ProtectedError) as refused:
        kw.delete()
    assert any(isinstance(row, RoundAssignment) for row in refused.value.protected_objects)
    assert RoundAssignment.objects.filter(round=reporting_round, department=kw).exists()
