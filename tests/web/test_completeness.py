"""Completeness per department and round, and 催报: a reminder row (audited), the department's inbox and banner
until read, and e-mail only when an SMTP server is configured."""

from __future__ import annotations

from django.core import mail

from planwatch.web.accounts.models import AuditEntry, Department
from planwatch.web.monitoring.models import Observation, Reminder
from tests.web.conftest import indicator


def _kewei_row(page: str, department: Department) -> str:
    row = page[page.index(f'id="dept-{department.pk}"') :]
    return row[: row.index("</tr>")]


def test_completeness_counts_slots_entered_submitted_and_approved_per_department(planner, plan):
    kewei = Department.objects.get(code="kw")
    # 区科委 has indicators 8, 10 and 11, all approved for 2025 in the demo; one goes back to a draft.
    Observation.objects.filter(indicator=indicator(11), year=2025).update(state=Observation.DRAFT)
    row = _kewei_row(planner.get("/monitoring/completeness/").content.decode(), kewei)
    assert '<td data-label="应报" class="num">3</td>' in row
    assert '<td data-label="已填报" class="num">3（100%）</td>' in row
    assert '<td data-label="已提交" class="num">2（67%）</td>' in row
    assert '<td data-label="已审核通过" class="num">2（67%）</td>' in row
    assert "催报区科委" in row


def test_a_department_with_everything_submitted_needs_no_reminder(planner):
    kewei = Department.objects.get(code="kw")
    row = _kewei_row(planner.get("/monitoring/completeness/").content.decode(), kewei)
    assert "已报齐" in row and "催报区科委" not in row


def test_a_reminder_is_recorded_shown_in_the_inbox_until_read(planner, kewei, plan, settings):
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    department = Department.objects.get(code="kw")
    department_user = department.members.get(user__username="kw").user
    department_user.email = "kw@example.invalid"
    department_user.save()
    round_ = plan.rounds.get(is_open=True)
    response = planner.post(
        "/monitoring/completeness/remind/",
        {"round": round_.pk, "department": department.pk, "message": "请于本周五前补报"},
    )
    assert response.status_code == 302
    reminder = Reminder.objects.get(department=department)
    assert (reminder.message, reminder.sent_by.username, reminder.read_at) == (
        "请于本周五前补报",
        "guihuake",
        None,
    )
    assert AuditEntry.objects.filter(model="催报", object_id=str(reminder.pk), action="create").exists()
    assert [m.to for m in mail.outbox] == [["kw@example.invalid"]]
    assert mail.outbox[0].subject == f"【催报】{round_.title}"
    entry = kewei.get("/monitoring/").content.decode()
    assert "规划科催报（1）" in entry and "请于本周五前补报" in entry
    assert "规划科发来1条催报" in kewei.get("/").content.decode()
    inbox = kewei.get("/monitoring/inbox/").content.decode()
    assert "请于本周五前补报" in inbox and "未读" in inbox
    kewei.post(f"/plans/{plan.pk}/monitoring/inbox/read/")
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert "规划科催报" not in kewei.get("/monitoring/").content.decode()


def test_no_mail_is_sent_without_an_smtp_server(planner, plan, settings, monkeypatch):
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    sent = []
    monkeypatch.setattr("planwatch.web.monitoring.reminders.send_mail", lambda *a, **k: sent.append(a))
    department = Department.objects.get(code="kw")
    planner.post(
        "/monitoring/completeness/remind/",
        {"round": plan.rounds.get(is_open=True).pk, "department": department.pk},
    )
    assert Reminder.objects.filter(department=department).count() == 1
    assert sent == []


def test_another_departments_reminders_are_not_shown(planner, shengtai, plan):
    department = Department.objects.get(code="kw")
    planner.post(
        "/monitoring/completeness/remind/",
        {"round": plan.rounds.get(is_open=True).pk, "department": department.pk, "message": "区科委请补报"},
    )
    assert "区科委请补报" not in shengtai.get("/monitoring/inbox/").content.decode()
    assert "规划科发来" not in shengtai.get("/monitoring/").content.decode()


def test_an_indicator_without_parts_counts_once_whatever_the_series_of_its_figures(planner):
    """区生态环境局's indicator 12 (GB 3095 standard) is reported per pollutant: one slot, reported."""
    sthj = Department.objects.get(code="sthj")
    row = _kewei_row(planner.get("/monitoring/completeness/").content.decode(), sthj)
    assert '<td data-label="应报" class="num">2</td>' in row
    assert '<td data-label="已提交" class="num">2（100%）</td>' in row
