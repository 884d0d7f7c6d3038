"""Evaluations stored per plan and year, reused until the plan's data changes.

Any save or delete of what a plan's pages show (observations, indicators, the plan, verdict overrides,
adjustments, reporting rounds, projects) renews the plan's data stamp; a stored evaluation (and a cached
page fragment, planwatch.web.pagecache) counts only for the stamp it was computed under, and only for the build of
the code that computed it (planwatch.web.build: an upgrade's evaluations are computed afresh). The stamp is read
before the data, so a change landing during a computation leaves a result under the old stamp: never served.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save

from planwatch.web import build
from planwatch.web.evaluations.models import PlanDataVersion, StoredEvaluation


def data_stamp(plan_id: int) -> str:
    """The plan's current data stamp; its row is made the first time it is asked for."""
    found = PlanDataVersion.objects.filter(plan_id=plan_id).values_list("stamp", flat=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            PlanDataVersion.objects.create(plan_id=plan_id, stamp=uuid.uuid4().hex)
    except IntegrityError:
        pass
    return PlanDataVersion.objects.get(plan_id=plan_id).stamp


def evaluation_stamp(plan_id: int) -> str:
    """The plan's data stamp and the build fingerprint in the 32 characters of StoredEvaluation.data_stamp."""
    return hashlib.blake2b(f"{data_stamp(plan_id)}|{build.BUILD}".encode(), digest_size=16).hexdigest()


def stored_evaluation(plan, year: int, compute) -> dict:
    """The stored evaluation for the plan's current data and this build, else `compute(plan, year)` stored."""
    stamp = evaluation_stamp(plan.pk)
    found = (
        StoredEvaluation.objects.filter(plan_id=plan.pk, year=year, data_stamp=stamp)
        .values_list("result", flat=True)
        .first()
    )
    if found is not None:
        return found
    result = json.loads(json.dumps(compute(plan, year)))  # the same shape as when read back
    try:
        with transaction.atomic():
            StoredEvaluation.objects.filter(plan_id=plan.pk, year=year).exclude(data_stamp=stamp).delete()
            StoredEvaluation.objects.create(plan_id=plan.pk, year=year, data_stamp=stamp, result=result)
    except IntegrityError:
        pass  # another request stored it first
    return result


def data_changed(plan_id: int | None) -> None:
    """Renew the plan's data stamp: stored evaluations and cached pages lapse. (No row yet: nothing stored.)"""
    if plan_id is not None:
        PlanDataVersion.objects.filter(plan_id=plan_id).update(stamp=uuid.uuid4().hex)


def _plan_of_indicator(indicator_id) -> int | None:
    from planwatch.web.plans.models import Indicator

    return Indicator.objects.filter(pk=indicator_id).values_list("plan_id", flat=True).first()


def _through_indicator(sender, instance, **kwargs) -> None:
    data_changed(_plan_of_indicator(instance.indicator_id))


def _through_linked_indicator(sender, instance, **kwargs) -> None:
    """A figure is read by its plan and, through a link, by the linked indicator's plan (plans/links.py)."""
    from planwatch.web.plans.links import partner_plan_ids

    data_changed(_plan_of_indicator(instance.indicator_id))
    for plan_id in partner_plan_ids(instance.indicator_id):
        data_changed(plan_id)


def _through_link(sender, instance, **kwargs) -> None:
    """An indicator joining or leaving a group changes what its plan and the group's other plans read."""
    from planwatch.web.plans.models import IndicatorLink

    data_changed(_plan_of_indicator(instance.indicator_id))
    others = IndicatorLink.objects.filter(group_id=instance.group_id).exclude(
        indicator_id=instance.indicator_id
    )
    for plan_id in set(others.values_list("indicator__plan_id", flat=True)):
        data_changed(plan_id)


def _through_plan(sender, instance, **kwargs) -> None:
    data_changed(instance.plan_id)


def _the_plan(sender, instance, **kwargs) -> None:
    data_changed(instance.pk)


def _through_project(sender, instance, **kwargs) -> None:
    from planwatch.web.projects.models import Project

    data_changed(Project.objects.filter(pk=instance.project_id).values_list("plan_id", flat=True).first())


def _through_task(sender, instance, **kwargs) -> None:
    from planwatch.web.plans.models import Task

    data_changed(Task.objects.filter(pk=instance.task_id).values_list("plan_id", flat=True).first())


def connect() -> None:
    from planwatch.web.evaluations.models import VerdictOverride
    from planwatch.web.monitoring.models import Observation, ReportingRound
    from planwatch.web.plans.models import Adjustment, Indicator, IndicatorLink, Plan
    from planwatch.web.projects.models import Milestone, ProgressReport, Project, TaskAssignment

    receivers = [
        (Observation, _through_linked_indicator),
        (IndicatorLink, _through_link),
        (VerdictOverride, _through_indicator),
        (Adjustment, _through_indicator),
        (Indicator, _through_plan),
        (ReportingRound, _through_plan),
        (Project, _through_plan),
        # what the reports' 重点任务 and 重大项目 sections show
        (Milestone, _through_project),
        (ProgressReport, _through_project),
        (TaskAssignment, _through_task),
        (Plan, _the_plan),
    ]
    for model, receiver in receivers:
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"data-stamp-{model.__name__}-{id(signal)}")
