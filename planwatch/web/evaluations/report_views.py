"""Report downloads from the evaluation page, and the page where the planning office writes the report's texts."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from planwatch.web.accounts.permissions import is_planner, sees_everything
from planwatch.web.evaluations.models import EXPLANATION_PREFIX, REPORT_TEXTS, ReportText
from planwatch.web.evaluations.reports import build_stored_report, content_disposition, stored_texts
from planwatch.web.evaluations.service import current_year, evaluation_data
from planwatch.web.locking import StaleEdit, last_editor
from planwatch.web.plans.models import Plan

KINDS_ZH = {"annual": "年度监测报告", "midterm": "中期评估报告", "final": "总结评估报告"}
FORMATS_ZH = {"docx": "Word", "pdf": "PDF", "html": "HTML", "xlsx": "Excel"}
PROBLEM_STATUSES = ("lagging", "not_achieved", "nearly_achieved")
# Which reports print each section (planwatch.report.NARRATIVES; the first two and the dates go into all three).
USED_IN = {
    "next_steps": "年度监测报告、中期评估报告",
    "adjustments": "中期评估报告",
    "lessons": "总结评估报告",
    "next_plan": "总结评估报告",
}


log = logging.getLogger("planwatch.reports")


def _readers_only(request):
    """Planning office, leaders and administrators; None when allowed, else the response to give."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not sees_everything(request.user):
        raise PermissionDenied("评估报告仅对规划科和领导开放")
    return None


def _plan_and_year(params) -> tuple[Plan, int]:
    plan_id = params.get("plan", "")
    plan = get_object_or_404(Plan, pk=plan_id) if plan_id.isdigit() else Plan.objects.first()
    if plan is None:
        raise PermissionDenied("尚未导入规划")
    year = params.get("year", "")
    return plan, int(year) if year.isdigit() else current_year(plan)


@require_safe
def download_report(request, kind: str, fmt: str):
    refused = _readers_only(request)
    if refused is not None:
        return refused
    from planwatch.report import MEDIA_TYPES, report_filename

    plan, year = _plan_and_year(request.GET)
    try:
        data = build_stored_report(plan, year, kind, fmt)
    except Exception as error:  # the engine and writers are the core's: keep the page up and say why
        log.exception("report %s.%s of plan %s for %s failed", kind, fmt, plan.pk, year)
        messages.error(request, f"{year}年{KINDS_ZH[kind]}未能生成：{error}")
        return redirect(f"/evaluations/?plan={plan.pk}&year={year}")
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(
        report_filename(kind, year, fmt), f"planwatch-{year}-{kind}.{fmt}"
    )
    response["Content-Length"] = str(len(data))
    return response


def _fields(plan: Plan, year: int, texts: dict[str, ReportText], rows: list[dict]) -> list[dict]:
    """The sections to write: the office's own, then one explanation per lagging indicator (or one already written)."""
    fields = [
        {
            "key": key,
            "label": label,
            "hint": f"用于{USED_IN[key]}" if key in USED_IN else "",
            "rows": 1 if key in ("issuer", "date") else 4,
        }
        for key, label in REPORT_TEXTS
    ]
    lagging = {
        row["number"]: row
        for row in rows
        if row.get("status") in PROBLEM_STATUSES or row.get("warning") == "red"
    }
    written = {
        int(key.removeprefix(EXPLANATION_PREFIX))
        for key in texts
        if key.startswith(EXPLANATION_PREFIX) and key.removeprefix(EXPLANATION_PREFIX).isdigit()
    }
    names = dict(plan.indicators.values_list("number", "name"))
    for number in sorted(set(lagging) | written):
        status = lagging.get(number, {}).get("status_zh", "")
        fields.append(
            {
                "key": f"{EXPLANATION_PREFIX}{number}",
                "label": f"第{number}项“{names.get(number, '')}”{status}——责任部门说明",
                "rows": 3,
            }
        )
    for field in fields:
        stored = texts.get(field["key"])
        field["text"] = stored.text if stored else ""
        field["version"] = stored.row_version if stored else 0
        field["stored"] = stored
    return fields


def report_texts(request):
    """GET: the written sections of the reports for a year; POST (planning office): save them, history kept."""
    refused = _readers_only(request)
    if refused is not None:
        return refused
    params = request.POST if request.method == "POST" else request.GET
    plan, year = _plan_and_year(params)
    texts = stored_texts(plan, year)
    evaluation, error = evaluation_data(plan, year)
    fields = _fields(plan, year, texts, (evaluation or {}).get("indicators", []))
    conflicts = []
    if request.method == "POST":
        if not is_planner(request.user):
            raise PermissionDenied("报告文字由规划科撰写")
        saved, conflicts = _save_texts(request, plan, year, fields, texts)
        if not conflicts:
            messages.success(request, f"已保存{saved}处报告文字" if saved else "内容没有变化")
            return redirect(f"/evaluations/texts/?plan={plan.pk}&year={year}")
    history = (
        ReportText.history.filter(plan_id=plan.pk, year=year)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "fields": fields,
        "conflicts": conflicts,
        "history": history,
        "error": error,
        "can_edit": is_planner(request.user),
    }
    return render(request, "evaluations/texts.html", context, status=409 if conflicts else 200)


def _save_texts(request, plan, year, fields, texts) -> tuple[int, list[dict]]:
    saved, conflicts = 0, []
    for field in fields:
        key = field["key"]
        posted = request.POST.get(f"text-{key}")
        if posted is None:
            continue
        posted = posted.replace("\r\n", "\n").strip()
        stored = texts.get(key)
        if stored is None and not posted:
            continue
        if stored is not None and stored.text == posted:
            continue
        try:
            with transaction.atomic():
                if stored is None:
                    stored = ReportText(plan=plan, year=year, key=key)
                else:
                    stored.expect_version(request.POST.get(f"version-{key}"))
                stored.text = posted
                stored.updated_by = request.user
                stored.save()
            saved += 1
        except (StaleEdit, IntegrityError) as stale:
            # IntegrityError: someone else wrote this section first since the page was loaded
            current = (
                getattr(stale, "current", None)
                or ReportText.objects.filter(plan=plan, year=year, key=key).first()
            )
            field["text"] = posted  # what they wrote stays in the box
            field["version"] = current.row_version if current else 0
            conflicts.append(
                {
                    "label": field["label"],
                    "by": last_editor(current) if current else "他人",
                    "current": current.text if current else "（已删除）",
                }
            )
    return saved, conflicts
