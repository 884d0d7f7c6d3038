"""Who was responsible (牵头部门) for each indicator of a reporting round.

An open round follows the current assignments: a handover while it is open moves its slots to the receiving
department. When the round closes, the lead department of every indicator is recorded (RoundAssignment), and
from then on the round's completeness and lateness are read from that record, so a later handover or a
reassignment leaves a past round with the departments that were responsible then. Reopening a round drops its
record (it follows the current assignments again); closing it again records them anew.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from planwatch.web.monitoring.models import ReportingRound, RoundAssignment

log = logging.getLogger("planwatch.monitoring")


def responsible(reporting_round: ReportingRound) -> list[tuple]:
    """(indicator, lead department) for every indicator of the round that has one, by indicator number."""
    if reporting_round.assignments_recorded_at is None:
        current = reporting_round.plan.indicators.exclude(department=None).select_related("department")
        return [(indicator, indicator.department) for indicator in current.order_by("number")]
    recorded = reporting_round.assignments.select_related("indicator", "department")
    return [(row.indicator, row.department) for row in recorded.order_by("indicator__number")]


@transaction.atomic
def record(reporting_round: ReportingRound) -> int:
    """Record the current lead department of every indicator of the round's plan; returns how many."""
    current = reporting_round.plan.indicators.exclude(department=None).values_list("pk", "department_id")
    reporting_round.assignments.all().delete()
    RoundAssignment.objects.bulk_create(
        RoundAssignment(round=reporting_round, indicator_id=indicator_id, department_id=department_id)
        for indicator_id, department_id in current
    )
    now = timezone.now()
    # An update, not save(): the record is no change of the round a person made (no audit event, no signal).
    ReportingRound.objects.filter(pk=reporting_round.pk).update(assignments_recorded_at=now)
    reporting_round.assignments_recorded_at = now
    log.info("round %s closed: %s lead departments recorded", reporting_round.pk, len(current))
    return len(current)


@transaction.atomic
def release(reporting_round: ReportingRound) -> None:
    """A reopened round follows the current assignments again."""
    reporting_round.assignments.all().delete()
    ReportingRound.objects.filter(pk=reporting_round.pk).update(assignments_recorded_at=None)
    reporting_round.assignments_recorded_at = None


def _on_round_saved(sender, instance: ReportingRound, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the fixture carries its own record
        return
    if not instance.is_open and instance.assignments_recorded_at is None:
        record(instance)
    elif instance.is_open and instance.assignments_recorded_at is not None:
        release(instance)


def connect() -> None:
    post_save.connect(_on_round_saved, sender=ReportingRound, dispatch_uid="planwatch-round-assignments")
