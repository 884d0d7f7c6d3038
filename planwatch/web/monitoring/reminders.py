"""Completeness of a reporting round per department, and 催报: a reminder kept as a row (audited), shown in the
department's inbox until read, and sent by e-mail when an SMTP server is configured (settings.EMAIL_HOST)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail

from planwatch.web.monitoring.models import Observation, Reminder, ReportingRound
from planwatch.web.monitoring.responsibility import responsible

log = logging.getLogger("planwatch.reminders")
_RANK = {Observation.DRAFT: 1, Observation.REJECTED: 1, Observation.SUBMITTED: 2, Observation.APPROVED: 3}


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def completeness(reporting_round: ReportingRound) -> list[dict]:
    """Per department responsible in the round (responsibility.py): expected slots (indicator × part), how many are
    entered, submitted and approved, with %."""
    slots = responsible(reporting_round)
    indicators = [indicator for indicator, _ in slots]
    best: dict[tuple[int, str], int] = {}
    for indicator_id, series, state in Observation.objects.filter(
        indicator__in=indicators, year=reporting_round.year
    ).values_list("indicator_id", "series", "state"):
        rank = _RANK.get(state, 0)
        for key in ((indicator_id, series or ""), (indicator_id, None)):  # None: any series (no parts)
            best[key] = max(best.get(key, 0), rank)
    rows: dict[int, dict] = {}
    for indicator, department in slots:
        row = rows.setdefault(
            department.pk,
            {"department": department, "expected": 0, "entered": 0, "submitted": 0, "approved": 0},
        )
        # An indicator without parts is one slot, whatever series its figures have (pollutants of a standard).
        for part in [p["name"] for p in indicator.parts] or [None]:
            rank = best.get((indicator.pk, part), 0)
            row["expected"] += 1
            row["entered"] += rank >= 1
            row["submitted"] += rank >= 2
            row["approved"] += rank >= 3
    result = []
    for row in rows.values():
        for name in ("entered", "submitted", "approved"):
            row[f"{name}_percent"] = _percent(row[name], row["expected"])
        row["late"] = row["submitted"] < row["expected"] and reporting_round.is_past_deadline
        row["done"] = row["submitted"] == row["expected"]
        row["last_reminder"] = Reminder.objects.filter(
            round=reporting_round, department=row["department"]
        ).first()
        result.append(row)
    return sorted(result, key=lambda r: (r["done"], r["submitted_percent"], r["department"].pk))


def default_message(reporting_round: ReportingRound, row: dict) -> str:
    missing = row["expected"] - row["submitted"]
    return (
        f"{reporting_round.title}截止{reporting_round.deadline:%Y年%m月%d日}，贵部门尚有{missing}项数据未提交审核，"
        "请尽快填报并提交。"
    )


def send(reporting_round: ReportingRound, department, sender, message: str) -> Reminder:
    """Keep the reminder (the audit log records it) and e-mail the department's users when SMTP is configured."""
    reminder = Reminder.objects.create(
        round=reporting_round, department=department, sent_by=sender, message=message
    )
    if settings.EMAIL_HOST or settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
        addresses = list(
            User.objects.filter(profile__department=department, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if addresses:
            try:
                send_mail(f"【催报】{reporting_round.title}", message, None, addresses)
            except OSError as error:  # the reminder stands in the inbox; the mail server's failure is logged
                log.warning("reminder %s not e-mailed to %s: %s", reminder.pk, department.code, error)
    return reminder


def inbox_context(request) -> dict:
    """The number of a reporter's department's unread reminders, for the menu and the banner on every page."""
    from planwatch.web.accounts.permissions import department_of, is_reporter

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_reporter(user):
        return {}
    department = department_of(user)
    if department is None:
        return {}
    return {"unread_reminders": Reminder.objects.filter(department=department, read_at=None).count()}
