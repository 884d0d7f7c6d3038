"""The planning office corrects a stored value: the old one stays in the history with the written reason, and
a correction based on a value someone else has changed meanwhile is refused (optimistic locking)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from planwatch.vocabulary import OBSERVATION_COLUMN_ZH
from planwatch.web.accounts.permissions import planner_required
from planwatch.web.locking import StaleEdit
from planwatch.web.monitoring import intake
from planwatch.web.monitoring.forms import CorrectionForm
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.views import stale_message


def _initial(observation: Observation) -> dict:
    return {
        "value": f"{observation.value:g}",
        "unit": observation.unit,
        "source": observation.source,
        "vintage": observation.vintage.isoformat() if observation.vintage else "",
        "note": observation.note,
        "reason": "",
        "row_version": observation.row_version,
    }


def _check(observation: Observation, data: dict) -> tuple[object | None, list[str]]:
    """The corrected row through the core's validator (unit, conversion, plausibility), as any other channel."""
    indicator = observation.indicator
    record = [
        indicator.number,
        observation.year,
        data["value"],
        observation.measure,
        observation.series,
        data["unit"],
        data["source"],
        data["note"],
    ]
    checked = intake.check(
        indicator.plan,
        intake.COLUMNS,
        [(1, record)],
        None,
        lambda row, column: f"“{OBSERVATION_COLUMN_ZH.get(column or '', '数据')}”",
    )
    return (checked.accepted[0] if checked.accepted else None), checked.errors


@planner_required
def edit_observation(request, observation_id: int):
    observation = get_object_or_404(
        Observation.objects.select_related("indicator", "indicator__plan"), pk=observation_id
    )
    if request.method != "POST":
        return render(
            request, "monitoring/edit.html", {"observation": observation, "form": _initial(observation)}
        )
    typed = {key: request.POST.get(key, "") for key in _initial(observation)}
    form = CorrectionForm(request.POST)
    errors = (
        [str(e) for field_errors in form.errors.values() for e in field_errors] if not form.is_valid() else []
    )
    core = None
    if not errors:
        core, errors = _check(observation, form.cleaned_data)
    if errors:
        for error in errors:
            messages.error(request, error)
        return render(
            request, "monitoring/edit.html", {"observation": observation, "form": typed}, status=400
        )
    data = form.cleaned_data
    observation.value = core.value
    observation.unit = core.unit or data["unit"]
    observation.source = data["source"]
    observation.vintage = data["vintage"]
    observation.note = "；".join(part for part in (data["note"], core.conversion) if part)
    observation.expect_version(typed["row_version"])
    observation._change_reason = data["reason"][:100]
    try:
        observation.save()
    except StaleEdit as stale:
        messages.error(request, stale_message(stale))
        current = stale.current or observation
        # what they typed stays in the form; the version moves on so a deliberate second save goes through
        typed["row_version"] = current.row_version
        return render(
            request,
            "monitoring/edit.html",
            {"observation": current, "form": typed, "stale": stale.current},
            status=409,
        )
    messages.success(request, f"已修正：{observation}（修改前的数值保留在历史记录中）")
    return redirect("observation-history", observation_id=observation.pk)
