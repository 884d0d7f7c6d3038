"""Departments explain their lagging indicators (责任部门说明); the planning office approves or returns them.

An approved explanation becomes the report's 责任部门说明 for that indicator and year (`ReportText`), so the
reports keep reading one store.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from planwatch.evaluate.service import needs_explanation
from planwatch.web.accounts.permissions import (
    is_reporter,
    login_required,
    may_report_for,
    planner_required,
    visible_to,
)
from planwatch.web.evaluations.models import EXPLANATION_PREFIX, ReportText
from planwatch.web.evaluations.service import chosen_year, evaluation_data
from planwatch.web.plans.models import Indicator
from planwatch.web.plans.scope import current_plan
from planwatch.web.projects.forms import ExplanationForm
from planwatch.web.projects.models import LaggingExplanation


def writes_for(user, indicator) -> bool:
    """The responsible department's reporter writes; the office reviews (and writes report texts elsewhere)."""
    return is_reporter(user) and may_report_for(user, indicator.department)


def _rows(request, plan, year: int, forms: dict | None = None) -> tuple[list[dict], str | None]:
    """The lagging indicators the user may see for the year, each with its explanation and a form."""
    evaluation, error = evaluation_data(plan, year)
    lagging = {
        row.get("indicator_id"): row
        for row in (evaluation or {}).get("indicators", [])
        if needs_explanation(row)
    }
    indicators = visible_to(
        request.user, Indicator.all_objects.filter(plan=plan, pk__in=lagging).select_related("department")
    )
    written = {
        e.indicator_id: e
        for e in LaggingExplanation.objects.filter(indicator__plan=plan, year=year).select_related(
            "written_by", "reviewed_by"
        )
    }
    forms = forms or {}
    rows = []
    for indicator in indicators:
        explanation = written.get(indicator.pk)
        rows.append(
            {
                "indicator": indicator,
                "verdict": lagging[indicator.pk],
                "explanation": explanation,
                "may_write": writes_for(request.user, indicator)
                and (explanation is None or explanation.state != LaggingExplanation.APPROVED),
                "form": forms.get(indicator.pk)
                or ExplanationForm(instance=explanation, prefix=f"i{indicator.pk}"),
            }
        )
    return rows, error


def _page(request, plan, year, forms=None, status=200):
    rows, error = _rows(request, plan, year, forms)
    return render(
        request,
        "projects/explanations.html",
        {
            "plan": plan,
            "year": year,
            "years": list(range(plan.period_start, plan.period_end + 1)),
            "rows": rows,
            "error": error,
            "states": LaggingExplanation.STATES,
        },
        status=status,
    )


@login_required
def explanations(request):
    """GET: the lagging indicators of a year with their explanations; POST: a department writes its own."""
    plan = current_plan(request)
    if plan is None:
        raise Http404("尚未导入规划")
    year = chosen_year(request.POST if request.method == "POST" else request.GET, plan)
    if request.method != "POST":
        return _page(request, plan, year)
    indicator_id = request.POST.get("indicator", "")
    row = next(
        (r for r in _rows(request, plan, year)[0] if str(r["indicator"].pk) == indicator_id),
        None,
    )
    if row is None:
        raise Http404("该指标本年度没有滞后，或您无权查看")
    if not row["may_write"]:
        raise PermissionDenied("说明由责任部门撰写，只能为本部门的滞后指标撰写；已通过的说明不再修改")
    explanation = row["explanation"] or LaggingExplanation(indicator=row["indicator"], year=year)
    form = ExplanationForm(request.POST, instance=explanation, prefix=f"i{indicator_id}")
    if not form.is_valid():
        messages.error(request, "说明未保存：请填写内容")
        return _page(request, plan, year, forms={row["indicator"].pk: form}, status=400)
    explanation = form.save(commit=False)
    explanation.department = row["indicator"].department
    explanation.written_by = request.user
    explanation.state = LaggingExplanation.SUBMITTED
    explanation.save()
    messages.success(request, f"已报送“{row['indicator'].name}”的说明，等待规划科审核")
    return redirect(f"/plans/{plan.pk}/projects/explanations/?year={year}")


@planner_required
def review_explanation(request, explanation_id: int):
    """POST (planning office): approve — the text becomes the report's 责任部门说明 — or return with a comment."""
    explanation = get_object_or_404(
        LaggingExplanation.objects.select_related("indicator__plan"), pk=explanation_id
    )
    plan = explanation.indicator.plan
    back = f"/plans/{plan.pk}/projects/explanations/?year={explanation.year}"
    if request.method != "POST":
        return redirect(back)
    decision = request.POST.get("decision", "")
    comment = request.POST.get("comment", "").strip()
    if decision == "return" and not comment:
        messages.error(request, "退回时请写明意见")
        return redirect(back)
    if decision not in ("approve", "return") or explanation.state != LaggingExplanation.SUBMITTED:
        messages.error(request, "只能审核待审核的说明")
        return redirect(back)
    with transaction.atomic():
        explanation.reviewed_by, explanation.review_comment = request.user, comment
        if decision == "approve":
            explanation.state = LaggingExplanation.APPROVED
            _feed_report(explanation, request.user)
        else:
            explanation.state = LaggingExplanation.RETURNED
        explanation.save()
    messages.success(request, "已通过，说明已写入报告" if decision == "approve" else "已退回")
    return redirect(back)


def _feed_report(explanation: LaggingExplanation, user) -> None:
    """The approved text is the report's 责任部门说明 (`ReportText`), its history kept there."""
    key = f"{EXPLANATION_PREFIX}{explanation.indicator.number}"
    text = ReportText.objects.filter(
        plan=explanation.indicator.plan, year=explanation.year, kind="", key=key
    ).first()  # one explanation for every report of the year
    text = text or ReportText(plan=explanation.indicator.plan, year=explanation.year, key=key)
    text.text, text.updated_by = explanation.text, user
    text.save()
