"""Data entry for the open round (form or Excel), submission, and review by the planning office."""

from __future__ import annotations

import io
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from planwatch.document.spreadsheet import neutralise
from planwatch.errors import ObservationError
from planwatch.vocabulary import MEASURE_ZH
from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import (
    department_of,
    four_eyes_refusal,
    is_planner,
    is_reporter,
    login_required,
    planner_required,
    reporter_or_planner_required,
    visible_to,
)
from planwatch.web.locking import StaleEdit, last_editor
from planwatch.web.monitoring import intake
from planwatch.web.monitoring.context import Beside
from planwatch.web.monitoring.excel import build_template, shown_errors, workbook_rows
from planwatch.web.monitoring.forms import DecisionForm, EntryForm, RoundForm, UploadForm
from planwatch.web.monitoring.lateness import round_status
from planwatch.web.monitoring.models import Observation, Reminder, ReportingRound
from planwatch.web.params import is_number
from planwatch.web.plans import links
from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.plans.onboarding import unassigned_indicators
from planwatch.web.plans.scope import current_plan

log = logging.getLogger("planwatch.monitoring")


def _plan_departments(plan):
    """The departments that lead an indicator of this plan (all plans' when none is given), in a stable order."""
    indicators = plan.indicators.all() if plan else Indicator.objects.all()
    return Department.objects.active().filter(indicators__in=indicators).distinct().order_by("pk")


def _department(request, plan=None) -> Department:
    """The department whose data the user enters: their own, or (planning office) the one chosen, by default the
    first that leads an indicator of this plan (a district department has nothing to enter for a superior plan)."""
    if is_planner(request.user):
        chosen = request.GET.get("department") or request.POST.get("department")
        if chosen and is_number(chosen):
            return get_object_or_404(Department.objects.active(), pk=chosen)
        department = _plan_departments(plan).first() or _plan_departments(None).first()
        if department is None:
            raise Http404("没有分配了指标的部门")
        return department
    department = department_of(request.user)
    chosen = request.GET.get("department") or request.POST.get("department")
    if department is None or (chosen and chosen != str(department.pk)):
        raise PermissionDenied("只能填报本部门的数据")
    if not department.is_active:
        raise PermissionDenied(f"部门“{department.name}”已停用，不能再填报数据")
    return department


def stale_message(stale: StaleEdit, action: str = "您的修改") -> str:
    """The second of two people editing one value is told who changed it and what it is now."""
    current = stale.current
    if current is None:
        return f"该数据已被删除，{action}未保存。"
    comment = f"，审核意见：{current.comment}" if current.comment else ""
    return (
        f"“{current}”已被{last_editor(current)}修改，{action}未保存。当前数值 {current.value:g}"
        f"{current.unit}，来源：{current.source or '—'}，状态：{current.get_state_display()}{comment}。"
        "请核对当前值后重新操作。"
    )


def _open_round(plan: Plan | None) -> ReportingRound | None:
    return plan.rounds.filter(is_open=True).first() if plan else None


@require_safe
@reporter_or_planner_required
def entry(request):
    plan = current_plan(request)
    return _entry_page(request, plan, _department(request, plan))


def _entry_page(request, plan, department, form: EntryForm | None = None, problems: dict | None = None):
    """The entry page; after a refused save, `form` holds what was typed and `problems` the field → message."""
    reporting_round = _open_round(plan)
    indicators = list(plan.indicators.filter(department=department).select_related("plan")) if plan else []
    partners = links.partners(plan) if plan else {}
    with_linked = links.with_linked(indicators)
    rows = []
    if reporting_round:
        beside = Beside(plan, reporting_round.year)
        year = reporting_round.year
        # A linked figure is one for both plans, whichever plan's round collected it.
        stored_on = {i.pk: links.storage_indicator(i, year, partners.get(i.pk, [])) for i in indicators}
        measures = {indicator.pk: intake.measure_for(indicator) for indicator in indicators}
        typed = form.data if form is not None else {}
        for slot, (indicator, part) in _slots(indicators).items():
            measure = measures[indicator.pk]
            current = intake.current(stored_on[indicator.pk], year, measure, part)
            shown = current if current is not None and current.state != Observation.APPROVED else None
            fields = {}
            for name, stored in (
                ("value", f"{shown.value:g}" if shown else ""),
                ("source", shown.source if shown else ""),
                ("note", shown.note if shown else ""),
                ("comment", shown.department_comment if shown else ""),
            ):
                key = f"{name}-{slot}"
                error = (problems or {}).get(key)
                fields[name] = {
                    "name": key,
                    "value": typed.get(key, stored) if form else stored,
                    "error": error,
                }
            rows.append(
                {
                    "slot": slot,
                    "indicator": indicator,
                    "series": part,
                    "measure": measure,
                    "observation": current,
                    "fields": fields,
                    "invalid": any(f["error"] for f in fields.values()),
                    "beside": beside.of(indicator, measure, part, current.value if current else None),
                    "also_used_in": links.also_used_in(indicator, partners.get(indicator.pk, []), year),
                }
            )
    drafts = Observation.objects.filter(links.submittable(department), state=Observation.DRAFT).count()
    context = {
        "plan": plan,
        "department": department,
        "round": reporting_round,
        "unassigned": unassigned_indicators(plan),
        "rows": rows,
        "drafts": drafts,
        "reminders": _unread_reminders(request.user, department),
        "departments": _plan_departments(plan) if is_planner(request.user) else [],
        "measures": list(MEASURE_ZH.items()),
        "recent": Observation.objects.filter(
            links.observation_filter(plan), indicator_id__in=with_linked
        ).select_related("indicator", "submitted_by", "reviewed_by")[:60],
    }
    return render(request, "monitoring/entry.html", context)


def _unread_reminders(user, department):
    """A department's unread 催报, shown to its own users (not to the planning office looking at its page)."""
    if not is_reporter(user) or department_of(user) != department:
        return []
    return list(
        Reminder.objects.filter(department=department, read_at=None).select_related("round", "sent_by")
    )


def _slots(indicators) -> dict:
    """The entry page's inputs: "<indicator id>-<n>" → (indicator, its n-th part, or "" without parts)."""
    slots = {}
    for indicator in indicators:
        for position, part in enumerate([p["name"] for p in indicator.parts] or [""], start=1):
            slots[f"{indicator.pk}-{position}"] = (indicator, part)
    return slots


_FIELD_OF_COLUMN = {"source": "source", "note": "note"}  # any other column's problem is shown at the value


@reporter_or_planner_required
def save_form(request):
    """Save the rows that changed as drafts; on any problem, show the page again with what was typed."""
    if request.method != "POST":
        return redirect("monitoring-entry")
    plan = current_plan(request)
    department = _department(request, plan)
    back = redirect(f"{_prefix(plan)}/monitoring/?department={department.pk}")
    reporting_round = _open_round(plan)
    if reporting_round is None:
        messages.error(request, "当前没有开放的填报轮次")
        return redirect("monitoring-entry")
    own = list(plan.indicators.filter(department=department))
    slots = _slots(own)
    own_ids = {str(i.pk) for i in own}
    for key in request.POST:  # a value for an indicator outside the department is an attack, not a typo
        if key.startswith("value-") and key.split("-")[1] not in own_ids and request.POST[key].strip():
            raise PermissionDenied("只能填报本部门负责的指标")
    form = EntryForm(request.POST, slots)
    if not form.is_valid():
        problems = {name: str(errors[0]) for name, errors in form.errors.items()}
        log.info("entry form refused for %s: %s", department.code, form.errors.as_text()[:500])
        return _refused(request, plan, department, form, problems, slots)
    places, records, slot_of, comments = {}, [], {}, {}
    for position, (key, value, source, note, comment) in enumerate(form.filled(), start=1):
        indicator, series = slots[key]
        measure = intake.measure_for(indicator)
        unit = intake.unit_for(indicator, measure)
        places[position] = _where(indicator, series)
        slot_of[position] = key
        comments[position] = comment
        records.append(
            (position, [indicator.number, reporting_round.year, value, measure, series, unit, source, note])
        )
    checked = intake.check(
        plan, intake.COLUMNS, records, {i.number for i in own}, lambda row, column: places.get(row, "填报表")
    )
    problems = {}
    for row, column, reason in checked.problems:
        if row in slot_of:
            problems.setdefault(f"{_FIELD_OF_COLUMN.get(column, 'value')}-{slot_of[row]}", reason)
    sorted_out = intake.sort_out(plan, checked.accepted, comments)
    for row, reason in sorted_out.refused:
        problems.setdefault(f"value-{slot_of[row]}", reason)
    if checked.errors or problems:
        return _refused(request, plan, department, form, problems, slots)
    if not sorted_out.changed:
        messages.info(request, "没有修改：与已保存的数据相同，未重复保存")
        return back
    try:
        saved = intake.store(
            plan, sorted_out.changed, user=request.user, state=Observation.DRAFT, comments=comments
        )
    except StaleEdit as stale:
        messages.error(request, stale_message(stale, "本次填报"))
        return back
    warned = sum(1 for o in saved if o.warnings and not o.department_comment)
    same = f"，{sorted_out.unchanged}项未修改" if sorted_out.unchanged else ""
    messages.success(request, f"已保存{len(saved)}项草稿{same}，请核对后点击“提交审核”")
    if warned:
        messages.warning(request, f"{warned}项数据有预警：请在“评注”中说明原因，否则不能提交审核")
    return back


def _refused(request, plan, department, form, problems: dict, slots: dict):
    messages.error(request, f"有{len(problems)}处需要修改，数据未保存：请看标红的栏目")
    for name, reason in problems.items():
        indicator, series = slots.get(name.split("-", 1)[1], (None, ""))
        messages.error(request, f"{_where(indicator, series) if indicator else '填报表'}：{reason}")
    response = _entry_page(request, plan, department, form, problems)
    response.status_code = 200
    return response


def _prefix(plan) -> str:
    return f"/plans/{plan.pk}" if plan else ""


def _sheet_place(row: int | None) -> str:
    return ObservationError("", row=row).where or "文件"


def _where(indicator, series: str) -> str:
    return f"指标{indicator.number}“{indicator.name}”" + (f"（{series}）" if series else "")


@require_safe
@reporter_or_planner_required
def template(request):
    plan = current_plan(request)
    department = _department(request, plan)
    reporting_round = _open_round(plan)
    year = reporting_round.year if reporting_round else plan.period_start
    indicators = list(plan.indicators.filter(department=department).select_related("plan"))
    partners = links.partners(plan)
    also = {i.pk: links.also_used_in(i, partners.get(i.pk, []), year) for i in indicators}
    data = build_template(department, indicators, year, intake.measure_for, also)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"planwatch-{department.code}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@reporter_or_planner_required
def upload(request):
    plan = current_plan(request)
    department = _department(request, plan)
    reporting_round = _open_round(plan)
    context = {"department": department, "round": reporting_round, "result": None}
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if reporting_round is None:
            messages.error(request, "当前没有开放的填报轮次")
        elif not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            own = set(plan.indicators.filter(department=department).values_list("number", flat=True))
            try:
                header, records = workbook_rows(form.cleaned_data["file"])
            except ObservationError as error:
                result = intake.Intake(errors=[intake.error_of_file(error)])
            else:
                result = intake.check_table(plan, header, records, own)
            result.errors = shown_errors(result.errors)
            context["result"] = result
            sorted_out = intake.sort_out(plan, result.accepted) if not result.errors else None
            if sorted_out is not None and sorted_out.refused:
                result.errors = shown_errors(
                    [f"{_sheet_place(row)}：{reason}" for row, reason in sorted_out.refused]
                )
            elif sorted_out is not None and result.accepted:
                back = f"{_prefix(plan)}/monitoring/?department={department.pk}"
                if not sorted_out.changed:
                    messages.info(request, f"上传的{sorted_out.unchanged}行与已保存的数据相同，未重复保存")
                    return redirect(back)
                try:
                    saved = intake.store(plan, sorted_out.changed, user=request.user, state=Observation.DRAFT)
                except StaleEdit as stale:
                    messages.error(request, stale_message(stale, "本次上传"))
                    return redirect(back)
                same = f"，{sorted_out.unchanged}行未修改" if sorted_out.unchanged else ""
                messages.success(request, f"上传成功：{len(saved)}行已保存为草稿{same}，请核对后提交审核")
                by_row = dict(zip([row.row for row in sorted_out.changed], saved, strict=True))
                for row, observation in by_row.items():
                    if observation.warnings:
                        found = "；".join(w["message"] for w in observation.warnings)
                        messages.warning(
                            request,
                            f"{_sheet_place(row)}（{_where(observation.indicator, observation.series)}）有预警："
                            f"{found}。请在下方“评注”栏说明原因后再提交审核",
                        )
                return redirect(back)
            if not result.errors:
                messages.warning(request, "文件中没有填写任何数值")
            else:
                log.info("upload refused for %s: %d problems", department.code, len(result.errors))
    return render(request, "monitoring/upload.html", context)


@reporter_or_planner_required
def submit(request):
    """Submit the department's drafts; a draft with warnings waits for the department's comment (评注)."""
    if request.method != "POST":
        return redirect("monitoring-entry")
    plan = current_plan(request)
    department = _department(request, plan)
    back = redirect(f"{_prefix(plan)}/monitoring/?department={department.pk}")
    # its own indicators' drafts, and its linked slots' drafts kept on another plan's indicator: never the
    # drafts another department entered on a linked indicator for that indicator's own years
    drafts = Observation.objects.filter(
        links.submittable(department), state=Observation.DRAFT
    ).select_related("indicator")
    count, held = 0, []
    try:
        with transaction.atomic():
            for observation in drafts:
                where = _where(observation.indicator, observation.series)
                if observation.warnings and not observation.department_comment.strip():
                    labels = "、".join(w["label"] for w in observation.warnings)
                    held.append(f"{where}有预警（{labels}），请先在“评注”中说明原因")
                    continue
                if intake.pending_twin(
                    observation.indicator,
                    observation.year,
                    observation.measure,
                    observation.series,
                    observation.value,
                ):
                    held.append(intake.twin_message(observation.indicator, observation.year))
                    continue
                observation.state = Observation.SUBMITTED
                observation.submitted_by = request.user
                observation.submitted_at = timezone.now()
                observation.save()
                count += 1
    except StaleEdit as stale:
        messages.error(request, stale_message(stale, "本次提交"))
        return back
    for reason in held:
        messages.error(request, f"未提交：{reason}")
    if count:
        messages.success(request, f"已提交{count}项数据，等待规划科审核")
    elif not held:
        messages.warning(request, "没有待提交的草稿")
    return back


@require_safe
@planner_required
def review(request):
    """Submitted values with what the reviewer needs beside them: last year, target, path, change, warnings."""
    plan = current_plan(request)
    submitted = list(
        Observation.objects.filter(
            links.observation_filter(plan), state=Observation.SUBMITTED
        ).select_related("indicator", "indicator__plan", "indicator__department", "submitted_by")
    )
    partners = links.partners(plan)
    linked_to: dict[int, list[Plan]] = {}  # indicator id → the other plans that read it
    for own, others in partners.items():
        for other in others:
            linked_to.setdefault(own, []).append(other.plan)
            linked_to.setdefault(other.pk, [plan]).extend(p.plan for p in others if p.pk != other.pk)
    besides: dict[tuple[int, int], Beside] = {}
    for observation in submitted:
        # a linked figure is reviewed once, for both plans, beside its own plan's evaluation
        owner = observation.indicator.plan
        key = (owner.pk, observation.year)
        if key not in besides:  # one evaluation per plan and year, not one per row
            besides[key] = Beside(owner, observation.year)
        beside = besides[key]
        observation.beside = beside.of(
            observation.indicator, observation.measure, observation.series, observation.value
        )
        readers = [p for p in linked_to.get(observation.indicator_id, []) if links.reads(p, observation.year)]
        observation.also_used_in = "同时用于" + "、".join(f"《{p}》" for p in readers) if readers else ""
    reporting_round = _open_round(plan)
    return render(
        request,
        "monitoring/review.html",
        {
            "submitted": submitted,
            "warned": sum(1 for o in submitted if o.warnings),
            "round": reporting_round,
            "status": round_status(reporting_round) if reporting_round else [],
        },
    )


@planner_required
def decide(request, observation_id: int):
    observation = get_object_or_404(Observation, pk=observation_id)
    if request.method != "POST":
        return redirect("monitoring-review")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(str(e[0]) for e in form.errors.values()))
        return redirect("monitoring-review")
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    stored_version = observation.row_version
    observation.expect_version(request.POST.get("row_version"))
    if observation.row_version != stored_version:  # changed since the reviewer's page was built
        observation.row_version = stored_version
        messages.error(request, stale_message(StaleEdit(observation), "您的审核"))
        return redirect("monitoring-review")
    if observation.state != Observation.SUBMITTED:
        messages.error(request, "该数据不在待审核状态")
        return redirect("monitoring-review")
    refused = four_eyes_refusal(request.user, observation) if decision == "approve" else None
    if refused:
        messages.error(request, refused)
        return redirect("monitoring-review")
    observation.state = Observation.APPROVED if decision == "approve" else Observation.REJECTED
    observation.reviewed_by = request.user
    observation.reviewed_at = timezone.now()
    observation.comment = comment
    try:
        observation.save()
    except StaleEdit as stale:
        messages.error(request, stale_message(stale, "您的审核"))
        return redirect("monitoring-review")
    verb = "通过" if decision == "approve" else "退回"
    messages.success(request, f"已{verb}：{observation}")
    return redirect("monitoring-review")


@planner_required
def rounds(request):
    plan = current_plan(request)
    if request.method == "POST":
        form = RoundForm(request.POST)
        if not form.is_valid():
            messages.error(request, next(str(e[0]) for e in form.errors.values()))
        else:
            year, deadline = form.cleaned_data["year"], form.cleaned_data["deadline"]
            ReportingRound.objects.create(
                plan=plan, year=year, deadline=deadline, title=f"{year}年度监测数据填报"
            )
            messages.success(request, f"已开启{year}年度填报，截止{deadline:%Y-%m-%d}")
        return redirect("monitoring-rounds")
    all_rounds = plan.rounds.all() if plan else []
    return render(
        request,
        "monitoring/rounds.html",
        {
            "rounds": [(r, round_status(r)) for r in all_rounds],
            "plan": plan,
            "next_year": _next_round_year(plan),
            "unassigned": unassigned_indicators(plan),
        },
    )


def _next_round_year(plan: Plan | None) -> int | None:
    """The year the form offers: the one after the latest round's, else the plan's first, within its period."""
    if plan is None:
        return None
    latest = plan.rounds.order_by("-year").values_list("year", flat=True).first()
    wanted = plan.period_start if latest is None else latest + 1
    return max(plan.period_start, min(plan.period_end, wanted))


@planner_required
def close_round(request, round_id: int):
    reporting_round = get_object_or_404(ReportingRound, pk=round_id)
    if request.method == "POST":
        reporting_round.is_open = False
        reporting_round.save()
        messages.success(request, f"已关闭：{reporting_round}")
    return redirect(f"/plans/{reporting_round.plan_id}/monitoring/rounds/")  # the round's own plan


def _may_read_history(user, observation: Observation) -> bool:
    """Who may see the observation's indicator; and, for a linked figure kept once for the group, who may see an
    indicator of the group whose plan reads that year (never another plan's own years: those are its department's)."""
    if visible_to(user, Indicator.objects.filter(pk=observation.indicator_id)).exists():
        return True
    group = links.with_linked(Indicator.objects.filter(pk=observation.indicator_id))
    readers = visible_to(user, Indicator.objects.filter(pk__in=group)).select_related("plan")
    return any(
        Observation.objects.filter(links.read_filter(member), pk=observation.pk).exists()
        for member in readers
    )


@require_safe
@login_required
def observation_history(request, observation_id: int):
    """Every version of one value (simple-history), for those who may see its indicator.

    Leaders read approved figures only, as in the export and the API; drafts are the departments' own.
    """
    observation = get_object_or_404(Observation, pk=observation_id)
    if not _may_read_history(request.user, observation):
        raise Http404
    if (
        not (is_planner(request.user) or is_reporter(request.user))
        and observation.state != Observation.APPROVED
    ):
        raise Http404
    versions = observation.history.all().select_related("history_user")
    return render(request, "monitoring/history.html", {"observation": observation, "versions": versions})


@require_safe
@login_required
def export(request):
    """All observations the user may see, as Excel: indicator, year, value, source, vintage, state, who."""
    indicators = visible_to(request.user, Indicator.objects.all())
    rows = Observation.objects.filter(indicator__in=indicators).select_related(
        "indicator", "indicator__department", "submitted_by", "reviewed_by"
    )
    if not is_planner(request.user):
        rows = rows.filter(state=Observation.APPROVED) if not is_reporter(request.user) else rows
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "监测值"
    sheet.append(
        [
            "序号",
            "指标名称",
            "责任部门",
            "年份",
            "计量方式",
            "分项",
            "数值",
            "单位",
            "来源",
            "示例数据",
            "数据版本",
            "状态",
            "填报人",
            "审核人",
            "审核意见",
            "说明",
        ]
    )
    for o in rows:
        sheet.append(  # text typed by people never becomes a live formula (neutralise)
            [
                neutralise(value)
                for value in (
                    o.indicator.number,
                    o.indicator.name,
                    o.indicator.department.name if o.indicator.department else "",
                    o.year,
                    o.get_measure_display(),
                    o.series,
                    o.value,
                    o.unit,
                    o.source,
                    "是" if o.is_illustrative else "",
                    o.vintage,
                    o.get_state_display(),
                    o.submitted_by.username if o.submitted_by else "",
                    o.reviewed_by.username if o.reviewed_by else "",
                    o.comment,
                    o.note,
                )
            ]
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="planwatch-observations.xlsx"'
    return response
