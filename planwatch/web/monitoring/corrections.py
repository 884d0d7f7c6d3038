"""The planning office corrects a stored value: the old one stays in the history with the written reason, and
a correction based on a value someone else has changed meanwhile is refused (optimistic locking)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from planwatch.web.accounts.permissions import planner_required
from planwatch.web.locking import StaleEdit
from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.views import stale_message


def _form(observation: Observation, data=None) -> dict:
    data = data or {}
    return {
        "value": data.get("value", f"{observation.value:g}"),
        "unit": data.get("unit", observation.unit),
        "source": data.get("source", observation.source),
        "vintage": data.get("vintage", observation.vintage.isoformat() if observation.vintage else ""),
        "note": data.get("note", observation.note),
        "reason": data.get("reason", ""),
        "row_version": data.get("row_version", observation.row_version),
    }


def _apply(observation: Observation, form: dict) -> list[str]:
    errors = []
    try:
        observation.value = float(form["value"].replace(",", "").strip())
    except ValueError:
        errors.append(f"数值“{form['value']}”不是数字")
    try:
        observation.vintage = datetime.date.fromisoformat(form["vintage"].strip())
    except ValueError:
        errors.append(f"数据版本日期“{form['vintage']}”应为 YYYY-MM-DD")
    if not form["reason"].strip():
        errors.append("请写明修改理由，它将与修改前的数值一起留存")
    observation.unit = form["unit"].strip()
    observation.source = form["source"].strip()
    observation.note = form["note"].strip()
    return errors


@planner_required
def edit_observation(request, observation_id: int):
    observation = get_object_or_404(Observation.objects.select_related("indicator"), pk=observation_id)
    if request.method != "POST":
        return render(
            request, "monitoring/edit.html", {"observation": observation, "form": _form(observation)}
        )
    form = _form(observation, {k: request.POST.get(k, "") for k in _form(observation)})
    errors = _apply(observation, form)
    if errors:
        for error in errors:
            messages.error(request, error)
        return render(request, "monitoring/edit.html", {"observation": observation, "form": form}, status=400)
    observation.expect_version(form["row_version"])
    observation._change_reason = form["reason"].strip()[:100]
    try:
        observation.save()
    except StaleEdit as stale:
        messages.error(request, stale_message(stale))
        current = stale.current or observation
        # what they typed stays in the form; the version moves on so a deliberate second save goes through
        form["row_version"] = current.row_version
        return render(
            request,
            "monitoring/edit.html",
            {"observation": current, "form": form, "stale": stale.current},
            status=409,
        )
    messages.success(request, f"已修正：{observation}（修改前的数值保留在历史记录中）")
    return redirect("observation-history", observation_id=observation.pk)
