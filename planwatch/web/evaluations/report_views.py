"""Report downloads from the evaluation page, and the page where the planning office writes the report's texts."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from planwatch.evaluate.service import needs_explanation
from planwatch.web.accounts.permissions import is_planner, sees_everything
from planwatch.web.evaluations import report_jobs
from planwatch.web.evaluations.models import EXPLANATION_PREFIX, ReportText
from planwatch.web.evaluations.reports import (
    build_stored_report,
    content_disposition,
    stored_texts,
    unwritten_parts,
)
from planwatch.web.evaluations.service import current_year, evaluation_data
from planwatch.web.locking import StaleEdit, last_editor
from planwatch.web.params import is_number
from planwatch.web.plans.models import Plan
from planwatch.web.plans.scope import current_plan

KINDS_ZH = {"annual": "年度监测报告", "midterm": "中期评估报告", "final": "总结评估报告"}
FORMATS_ZH = {"docx": "Word", "pdf": "PDF", "html": "HTML", "xlsx": "Excel"}


log = logging.getLogger("planwatch.reports")


def _readers_only(request):
    """Planning office, leaders and administrators; None when allowed, else the response to give."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not sees_everything(request.user):
        raise PermissionDenied("评估报告仅对规划科和领导开放")
    return None


def _plan_and_year(request, params) -> tuple[Plan, int]:
    plan = current_plan(request)
    if plan is None:
        raise PermissionDenied("尚未导入规划")
    year = params.get("year", "")
    return plan, int(year) if is_number(year) else current_year(plan)


def _refusal(plan: Plan, year: int, kind: str) -> str | None:
    from planwatch.report import kind_refusal

    return kind_refusal((plan.period_start, plan.period_end), year, kind)


def _serve(data: bytes, kind: str, year: int, fmt: str) -> HttpResponse:
    from planwatch.report import MEDIA_TYPES, report_filename

    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(
        report_filename(kind, year, fmt), f"planwatch-{year}-{kind}.{fmt}"
    )
    response["Content-Length"] = str(len(data))
    return response


def _download_url(plan: Plan, year: int, kind: str, fmt: str) -> str:
    return f"/evaluations/report/{kind}.{fmt}?plan={plan.pk}&year={year}"


@require_safe
def download_report(request, kind: str, fmt: str):
    """The report file when it is built (or cached); else it is built in the background and the progress page
    is shown. A kind that does not fit the year is refused with the reason."""
    refused = _readers_only(request)
    if refused is not None:
        return refused
    plan, year = _plan_and_year(request, request.GET)
    back = f"/evaluations/?plan={plan.pk}&year={year}"
    refusal = _refusal(plan, year, kind)
    if refusal:
        messages.error(request, f"未生成{year}年{KINDS_ZH[kind]}：{refusal}")
        return redirect(back)
    key = report_jobs.report_key(plan, year, kind, fmt)
    job = report_jobs.start(
        key, lambda on_stage: build_stored_report(plan, year, kind, fmt, on_stage=on_stage)
    )
    if job.ready:
        return _serve(job.data, kind, year, fmt)
    if job.error:
        messages.error(request, f"{year}年{KINDS_ZH[kind]}未能生成：{job.error}")
        return redirect(back)
    return redirect(
        f"/evaluations/report/progress/{job.id}/?kind={kind}&fmt={fmt}&plan={plan.pk}&year={year}"
    )


def _job_or_404(job_id: str):
    found = report_jobs.job(job_id)
    if found is None:
        raise Http404("报告生成任务不存在或已过期，请重新下载")
    return found


@require_safe
def report_progress(request, job_id: str):
    """The page shown while a report is built; report_progress.js polls the JSON and starts the download."""
    refused = _readers_only(request)
    if refused is not None:
        return refused
    job = _job_or_404(job_id)
    plan, year = _plan_and_year(request, request.GET)
    kind = request.GET.get("kind", "")
    fmt = request.GET.get("fmt", "")
    context = {
        "job": job,
        "plan": plan,
        "year": year,
        "title": f"{year}年{KINDS_ZH.get(kind, '评估报告')}（{FORMATS_ZH.get(fmt, fmt)}）",
        "download": _download_url(plan, year, kind, fmt) if kind in KINDS_ZH and fmt in FORMATS_ZH else "",
        "back": f"/evaluations/?plan={plan.pk}&year={year}",
    }
    return render(request, "evaluations/report_progress.html", context)


@require_safe
def report_progress_json(request, job_id: str):
    refused = _readers_only(request)
    if refused is not None:
        return refused
    job = _job_or_404(job_id)
    return JsonResponse(
        {
            "stage": job.stage,
            "percent": job.percent,
            "ready": job.ready,
            "error": job.error,
            "seconds": round(job.seconds, 1),
        }
    )


def _kind(plan: Plan, year: int, params) -> str:
    """The report whose texts are asked for: one that fits the year, else the year's first (the annual report)."""
    from planwatch.report import report_kinds_for

    kinds = report_kinds_for((plan.period_start, plan.period_end), year) or ("annual",)
    return params.get("kind") if params.get("kind") in kinds else kinds[0]


def _fields(plan: Plan, kind: str, texts: dict[str, ReportText], rows: list[dict]) -> list[dict]:
    """The parts of the report of `kind` the office writes, then one explanation per lagging indicator (or one
    already written), which every report of the year shares."""
    from planwatch.report import parts_for

    fields = [
        {
            "key": part.key,
            "label": part.label,
            "kind": kind,
            "required": part.required,
            "rows": 1 if part.cover else 4,
        }
        for part in parts_for(kind)
    ]
    lagging = {row["number"]: row for row in rows if needs_explanation(row)}
    written = {
        int(key.removeprefix(EXPLANATION_PREFIX))
        for key in texts
        if key.startswith(EXPLANATION_PREFIX) and is_number(key.removeprefix(EXPLANATION_PREFIX))
    }
    names = dict(plan.indicators.values_list("number", "name"))
    for number in sorted(set(lagging) | written):
        status = lagging.get(number, {}).get("status_zh", "")
        fields.append(
            {
                "key": f"{EXPLANATION_PREFIX}{number}",
                "label": f"第{number}项“{names.get(number, '')}”{status}——责任部门说明",
                "kind": "",
                "hint": "本年度各报告共用",
                "rows": 3,
            }
        )
    for field in fields:
        stored = texts.get(field["key"])
        own = stored if stored is not None and stored.kind == field["kind"] else None
        field["text"] = stored.text if stored else ""
        field["version"] = own.row_version if own else 0
        field["stored"] = stored
        field["own"] = (
            own  # None: nothing written for this report yet (a text shown is the year's shared one)
        )
        if stored is not None and own is None:
            field["hint"] = "沿用本年度各报告共用的文字；修改后只用于本报告"
    return fields


def report_texts(request):
    """GET: the parts of a report the office writes, for a year and kind; POST (planning office): save them,
    history kept. The parts still empty are listed: the report is a draft until they are written."""
    from planwatch.report import KIND_ZH, report_kinds_for

    refused = _readers_only(request)
    if refused is not None:
        return refused
    params = request.POST if request.method == "POST" else request.GET
    plan, year = _plan_and_year(request, params)
    kind = _kind(plan, year, params)
    texts = stored_texts(plan, year, kind)
    evaluation, error = evaluation_data(plan, year)
    fields = _fields(plan, kind, texts, (evaluation or {}).get("indicators", []))
    conflicts = []
    back = f"/evaluations/texts/?plan={plan.pk}&year={year}&kind={kind}"
    if request.method == "POST":
        if not is_planner(request.user):
            raise PermissionDenied("报告文字由规划科撰写")
        saved, conflicts = _save_texts(request, plan, year, fields)
        if not conflicts:
            messages.success(request, f"已保存{saved}处报告文字" if saved else "内容没有变化")
            return redirect(back)
    history = (
        ReportText.history.filter(plan_id=plan.pk, year=year, kind__in={"", kind})
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    kinds = report_kinds_for((plan.period_start, plan.period_end), year)
    context = {
        "plan": plan,
        "year": year,
        "kind": kind,
        "kind_zh": KIND_ZH[kind] if kind != "annual" else f"{year}年度监测报告",
        "kinds": [(k, KIND_ZH[k] if k != "annual" else f"{year}年度监测报告") for k in kinds],
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "fields": fields,
        "unwritten": unwritten_parts(plan, year, kind),
        "conflicts": conflicts,
        "history": history,
        "error": error,
        "can_edit": is_planner(request.user),
    }
    return render(request, "evaluations/texts.html", context, status=409 if conflicts else 200)


def _save_texts(request, plan, year, fields) -> tuple[int, list[dict]]:
    """Each changed part saved under its own row (the report's kind, or the year's for explanations), checked
    against the version the page showed."""
    saved, conflicts = 0, []
    for field in fields:
        key = field["key"]
        posted = request.POST.get(f"text-{key}")
        if posted is None:
            continue
        posted = posted.replace("\r\n", "\n").strip()
        own = field["own"]
        if posted == field["text"]:
            continue  # unchanged (a shared text left as it is stays shared)
        try:
            with transaction.atomic():
                if own is None:
                    own = ReportText(plan=plan, year=year, kind=field["kind"], key=key)
                else:
                    own.expect_version(request.POST.get(f"version-{key}"))
                own.text = posted
                own.updated_by = request.user
                own.save()
            saved += 1
        except (StaleEdit, IntegrityError) as stale:
            # IntegrityError: someone else wrote this part first since the page was loaded
            current = (
                getattr(stale, "current", None)
                or ReportText.objects.filter(plan=plan, year=year, kind=field["kind"], key=key).first()
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
