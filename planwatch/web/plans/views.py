"""The plan: reader with search, indicator pages, review of what the parser found, and adjustments."""

from __future__ import annotations

import logging
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from planwatch.errors import PlanWatchError
from planwatch.vocabulary import UNSTATED
from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import (
    is_planner,
    is_reporter,
    login_required,
    planner_required,
    sees_everything,
    visible_to,
)
from planwatch.web.evaluations.models import VerdictOverride
from planwatch.web.evaluations.service import (
    chart_of,
    chosen_year,
    effective_year,
    evaluation_data,
    not_in_force_of,
    revision_texts,
    verdict_for,
)
from planwatch.web.locking import StaleEdit, last_editor
from planwatch.web.monitoring.models import Observation
from planwatch.web.pagecache import render_cached
from planwatch.web.params import number_or_none
from planwatch.web.plans import links
from planwatch.web.plans.figures import baseline_shown
from planwatch.web.plans.forms import AdjustmentForm, IndicatorForm, PlanSettingsForm, messages_of
from planwatch.web.plans.importer import import_plan_file
from planwatch.web.plans.linking import indicator_for_target
from planwatch.web.plans.models import COMPARATORS, DIRECTIONS, KINDS, Adjustment, Indicator, Plan
from planwatch.web.plans.scope import (
    current_plan,
    default_plan,
    onboarding_open,
    plan_for,
    set_default_plan,
)
from planwatch.web.plans.search import highlight, related_words, search_tasks, vocabulary

log = logging.getLogger("planwatch.plans")

_TARGET_PATTERN = re.compile(
    r"(?:(?:到|至)20\d\d年[^，。；]{0,30}?)?(?:达到|不低于|不少于|超过|控制在|以上|以下|力争|年均增长|累计|新增)?"
    r"[^，。；、]{0,6}?\d+(?:\.\d+)?\s*(?:%|％|万|亿|个|家|件|公里|平方米|亩|岁|人|所|座|条|项|倍)[^，。；]{0,4}"
)


def _annotate(
    text: str,
    footnotes,
    targets_on_line,
    title: str = "",
    guess_targets: bool = False,
    links: dict[str, str] | None = None,
) -> str:
    """HTML of a paragraph: lead phrase in bold, quantitative targets marked (and linked to their indicator when
    `links` names one for the quote), footnote terms explained on hover.

    Targets are the parser's quotes; only for a plan stored without any (older parse) are they guessed here.
    """
    links = links or {}
    html = escape(text)
    if guess_targets:
        html = _TARGET_PATTERN.sub(
            lambda m: (
                f'<mark class="target" title="量化目标">{m.group(0)}</mark>'
                if re.search(r"20\d\d年|达到|不低于|不少于|控制在|以上|力争|累计|新增", m.group(0))
                else m.group(0)
            ),
            html,
        )
    for quote in sorted({t.quote for t in targets_on_line if t.quote}, key=len, reverse=True):
        marked = f'<mark class="target" title="量化目标">{escape(quote)}</mark>'
        if quote in links:
            marked = f'<a class="target-link" href="{links[quote]}" title="查看对应指标">{marked}</a>'
        html = _replace_in_text(html, escape(quote), marked)
    if title and text.startswith(title):
        html = _replace_in_text(html, escape(title), f"<strong>{escape(title)}</strong>")
    for footnote in footnotes:
        term = escape(footnote.term)
        if term and term in html:
            definition = escape(footnote.definition)
            html = _replace_in_text(
                html, term, f'<abbr class="term" tabindex="0" title="{definition}">{term}</abbr>'
            )
    return mark_safe(html)


def _replace_in_text(html: str, needle: str, replacement: str) -> str:
    """Replace the first `needle` that lies in text, never inside a tag or an attribute, nor inside an <abbr>."""
    parts = re.split(r"(<[^>]+>)", html)
    inside_abbr = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            inside_abbr = part.startswith("<abbr") or (inside_abbr and not part.startswith("</abbr"))
            continue
        if not inside_abbr and needle in part:
            parts[index] = part.replace(needle, replacement, 1)
            return "".join(parts)
    return html


@require_safe
@login_required
def reader(request, plan_id: int | None = None):
    plan = plan_for(request, plan_id) if plan_id else current_plan(request)
    if plan is None:
        raise Http404("尚未导入规划")
    if request.GET.get("q", "").strip():
        return render(request, "plans/search.html", _reader_context(request, plan))
    return render_cached(
        request,
        "plans/reader.html",
        plan.pk,
        (),
        lambda: _reader_context(request, plan),
        title="规划原文",
        charts=False,
    )


def _target_links(request, plan: Plan, targets) -> dict[str, str]:
    """Quote → the page of the indicator it is about, for the indicators this user may open."""
    indicators = list(
        visible_to(request.user, plan.indicators.all()).only("pk", "name", "unit", "department")
    )
    links = {}
    for target in targets:
        found = indicator_for_target(target.metric, target.unit, indicators)
        if found is not None and target.quote:
            links[target.quote] = f"/plans/indicators/{found.pk}/"
    return links


def _reader_context(request, plan: Plan) -> dict:
    """The search results for `q`, or the whole text by chapter with targets and footnote terms marked."""
    query = request.GET.get("q", "").strip()
    footnotes = list(plan.footnotes.all())
    targets = list(plan.targets.all())
    guess = not targets
    links = _target_links(request, plan, targets)
    targets_by_line: dict[int, list] = {}
    for target in targets:
        targets_by_line.setdefault(target.line, []).append(target)

    def paragraph(task) -> dict:
        html = _annotate(task.text, footnotes, targets_by_line.get(task.line, []), task.title, guess, links)
        return {"task": task, "html": html}

    if query:
        hits = search_tasks(plan.tasks.select_related("chapter", "section"), query)[:100]
        results = [{"task": t, "html": mark_safe(highlight(paragraph(t)["html"], query))} for t in hits]
        suggestions = (
            []
            if results
            else related_words(vocabulary(plan.tasks.values_list("search_words", flat=True)), query)
        )
        return {"plan": plan, "query": query, "results": results, "suggestions": suggestions}
    chapters = []
    tasks = list(plan.tasks.select_related("section").order_by("order"))
    for chapter in plan.chapters.prefetch_related("sections"):
        own = [t for t in tasks if t.chapter_id == chapter.pk]
        blocks = [paragraph(t) for t in own if t.section_id is None]
        sections = [
            {"section": section, "items": [paragraph(t) for t in own if t.section_id == section.pk]}
            for section in chapter.sections.all()
        ]
        chapters.append({"chapter": chapter, "blocks": blocks, "sections": sections})
    return {"plan": plan, "chapters": chapters, "footnotes": footnotes, "target_count": len(targets)}


def visible_indicator(user, indicator_id: int) -> Indicator:
    """The indicator if the user may see it; 404 otherwise (a reporter never learns of other departments')."""
    indicator = (  # a row a new version dropped keeps its page: earlier years are still evaluated with it
        visible_to(user, Indicator.all_objects.select_related("plan", "department"))
        .defer("plan__source_file", "plan__source_text")
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None:
        raise Http404("没有这个指标，或您无权查看")
    return indicator


@require_safe
@login_required
def indicator_page(request, indicator_id: int):
    indicator = visible_indicator(request.user, indicator_id)
    plan_for(
        request, indicator.plan_id
    )  # 404 in an archived plan for all but the office; the header follows it
    year = chosen_year(request.GET, indicator.plan)
    return render_cached(
        request,
        "plans/indicator.html",
        indicator.plan_id,
        (indicator.pk, year),
        lambda: _indicator_context(request, indicator, year),
        title=indicator.name,
        charts=True,
    )


_SHOWN_IN_PLACE = {
    "target_text": "target",
    "target_value": "target",
    "baseline_value": "baseline",
    "baseline_year": "baseline",
}


def _corrections_beside(indicator: Indicator) -> dict:
    """A corrected target or base is labelled in its own row (the first correction of it); others get rows."""
    in_place: dict[str, dict] = {}
    others = []
    for correction in indicator.corrections():
        row = _SHOWN_IN_PLACE.get(correction["field"])
        if row is None:
            others.append(correction)
        else:
            in_place.setdefault(row, correction)
    return {
        "target_correction": in_place.get("target"),
        "baseline_correction": in_place.get("baseline"),
        "corrections": others,
    }


def _indicator_context(request, indicator: Indicator, year: int) -> dict:
    plan = indicator.plan
    evaluation, error = evaluation_data(plan, year)
    verdict = verdict_for(evaluation, indicator)
    others = links.linked_others(indicator)
    observations = (  # a linked figure is stored once, by the plan whose period holds its year
        Observation.objects.filter(links.read_filter(indicator, others))
        .select_related("submitted_by", "reviewed_by", "indicator__plan")
        .order_by("year", "series", "vintage", "id")
    )
    if not (is_planner(request.user) or is_reporter(request.user)):
        observations = observations.filter(state=Observation.APPROVED)  # leaders read approved figures
    observations = list(observations)
    approved = [o for o in observations if o.state == Observation.APPROVED and o.year <= year]
    base_rows = [
        o
        for o in approved
        if o.year == (indicator.baseline_year or plan.base_year) and not o.series and o.measure == "level"
    ]
    observed_baseline = max(base_rows, key=lambda o: (o.vintage, o.pk)) if base_rows else None
    context = {
        "baseline_shown": baseline_shown(indicator, verdict, observed_baseline),
        **_corrections_beside(indicator),
        "corrected_target": bool({"target_text", "target_value"} & set(indicator.corrected)),
        "target_used": (verdict or {}).get("target_text"),
        "indicator": indicator,
        "plan": plan,
        "year": year,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "verdict": verdict,
        "error": error,
        "observations": observations,
        "observed_baseline": observed_baseline,
        "linked_others": others,
        "also_used_in": links.also_used_in(indicator, others),
        "bases": links.base_comparison(indicator, others),
        "illustrative": any(o.is_illustrative for o in observations),
        **chart_of(plan, indicator, verdict, evaluation),
        "adjustments": indicator.adjustments.select_related("proposed_by", "decided_by"),
        "target_source": target_source(indicator),
        "overrides": VerdictOverride.objects.filter(indicator=indicator).select_related("created_by"),
        "history": indicator.history.all().select_related("history_user")[:20],
        "time_progress": (evaluation or {}).get("time_progress"),
        "plan_version": (evaluation or {}).get("plan_version"),
        "not_in_force": not_in_force_of(evaluation, indicator),
        "revisions": revision_texts(plan, indicator),
    }
    return context


def target_source(indicator: Indicator) -> str:
    """Where the indicator's current target comes from: a new version of the plan file (第2版修订) or an approved
    adjustment (规划调整, with its 批准文号); empty for the outline's own target."""
    if indicator.target_version <= 1:
        return ""
    latest = (
        indicator.adjustments.filter(state=Adjustment.APPROVED, version=indicator.target_version)
        .order_by("-id")
        .first()
    )
    if latest is not None and latest.plan_version:
        return f"规划第{latest.plan_version}版修订，自{effective_year(latest)}年起"
    document = f"，{latest.document_number}" if latest is not None and latest.document_number else ""
    return f"第{indicator.target_version}版，经规划调整{document}"


@require_safe
@planner_required
def review(request, plan_id: int | None = None):
    plan = plan_for(request, plan_id) if plan_id else current_plan(request)
    if plan is None:
        raise Http404("尚未导入规划")
    return render(
        request,
        "plans/review.html",
        {
            "plan": plan,
            "indicators": plan.indicators.select_related("department"),
            "unstated": plan.indicators.filter(attribute=UNSTATED),
            "kinds": KINDS,
            "comparators": COMPARATORS,
            "directions": DIRECTIONS,
            "departments": Department.objects.active(),
            "targets": plan.targets.all()[:200],
            "footnotes": plan.footnotes.all(),
        },
    )


@planner_required
def correct_indicator(request, indicator_id: int):
    """Save a planner's corrections; the corrected fields are remembered and survive a re-parse."""
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    if request.method != "POST":
        return redirect("plan-review")
    back = redirect(f"/plans/{indicator.plan_id}/review/#indicator-{indicator.pk}")
    current = {name: getattr(indicator, name) for name in Indicator.CORRECTABLE}
    current |= {"path_shape": indicator.path_shape, "department": indicator.department_id}
    data = {k: "" if v is None else v for k, v in current.items()} | request.POST.dict()
    data["confirmed"], data["published"] = (
        request.POST.get("confirmed") == "on",
        request.POST.get("published") == "on",
    )
    form = IndicatorForm(data)
    if not form.is_valid():
        for error in messages_of(form):
            messages.error(request, f"指标{indicator.number}：{error}")
        log.info("indicator %s correction refused: %s", indicator.pk, "; ".join(messages_of(form)))
        return back
    new = form.cleaned_data
    corrected = set(indicator.corrected)
    for field in Indicator.CORRECTABLE:
        if getattr(indicator, field) != new[field]:
            if field in ("target_value", "comparator", "target_text") and indicator.target_version > 1:
                continue  # an adjusted target is changed only through an adjustment
            if field not in corrected:
                indicator.original[field] = getattr(indicator, field)  # the plan file's own, kept beside
            setattr(indicator, field, new[field])
            corrected.add(field)
    indicator.department = (
        Department.objects.active().filter(pk=new["department"]).first() if new["department"] else None
    )
    indicator.path_shape = new["path_shape"] or ""
    indicator.confirmed, indicator.published = new["confirmed"], new["published"]
    indicator.corrected = sorted(corrected)
    indicator.save()
    messages.success(request, f"已保存指标{indicator.number}“{indicator.name}”")
    return back


@require_safe
@login_required
def adjustments(request):
    if not sees_everything(request.user):
        raise PermissionDenied("规划调整由规划科提出和审批，领导可查阅")
    plan = current_plan(request)
    return render(
        request,
        "plans/adjustments.html",
        {
            "plan": plan,
            "adjustments": Adjustment.objects.filter(indicator__plan=plan).select_related(
                "indicator", "proposed_by", "decided_by"
            ),
            "indicators": plan.indicators.all() if plan else [],
        },
    )


@planner_required
def propose_adjustment(request):
    if request.method != "POST":
        return redirect("adjustments")
    form = AdjustmentForm(request.POST)
    if not form.is_valid():
        log.info("adjustment refused: %s", "; ".join(messages_of(form)))
        for error in messages_of(form):
            messages.error(request, error)
        return redirect("adjustments")
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=form.cleaned_data["indicator"])
    if not form.check_against(indicator):
        log.info("adjustment of indicator %s refused: %s", indicator.pk, "; ".join(messages_of(form)))
        for error in messages_of(form):
            messages.error(request, error)
        return redirect("adjustments")
    data = form.cleaned_data
    Adjustment.objects.create(
        indicator=indicator,
        old_target_text=indicator.target_text,
        old_target_value=indicator.target_value,
        new_target_text=data["new_target_text"],
        new_target_value=data["new_target_value"],
        reason=data["reason"],
        effective_year=data["effective_year"],
        document_number=data["document_number"],
        proposed_by=request.user,
    )
    messages.success(request, f"已提出“{indicator.name}”的目标调整，待审批")
    return redirect("adjustments")


def _stale_adjustment(stale: StaleEdit) -> str:
    current = stale.current
    if current is None:
        return "该调整申请已被删除，您的审批未保存。"
    decided = f"，审批人 {current.decided_by.username}" if current.decided_by else ""
    comment = f"，意见：{current.decision_comment}" if current.decision_comment else ""
    return (
        f"“{current}”已被{last_editor(current)}处理，您的审批未保存。当前状态：{current.get_state_display()}"
        f"{decided}{comment}；调整后目标“{current.new_target_text}”。请刷新后核对。"
    )


def _approval_refusal(request, adjustment: Adjustment) -> str | None:
    """Take the approving document (批准文号) and the effective year from the decision form; a message if wrong.

    An effective year left empty is the current year, within the plan period."""
    plan = adjustment.indicator.plan
    document = request.POST.get("document_number", "").strip() or adjustment.document_number
    if not document:
        return f"批准“{adjustment}”须填写批准文号（如 松府发〔2023〕12号）"
    if len(document) > 100:
        return "批准文号不超过 100 字"
    typed = request.POST.get("effective_year", "").strip()
    year = number_or_none(typed) if typed else adjustment.effective_year
    if typed and year is None:
        return f"生效年份“{typed[:10]}”应为四位数字年份"
    if year is None:
        year = min(max(timezone.localdate().year, plan.period_start), plan.period_end)
    if not plan.period_start <= year <= plan.period_end:
        return f"生效年份应在规划期{plan.period_start}—{plan.period_end}年内"
    adjustment.document_number, adjustment.effective_year = document, year
    return None


@planner_required
def decide_adjustment(request, adjustment_id: int):
    adjustment = get_object_or_404(Adjustment.objects.select_related("indicator"), pk=adjustment_id)
    if request.method != "POST":
        return redirect("adjustments")
    stored_version = adjustment.row_version
    adjustment.expect_version(request.POST.get("row_version"))
    if adjustment.row_version != stored_version:  # decided or changed since the page was built
        adjustment.row_version = stored_version
        messages.error(request, _stale_adjustment(StaleEdit(adjustment)))
        return redirect("adjustments")
    if adjustment.state != Adjustment.PROPOSED:
        return redirect("adjustments")
    decision = request.POST.get("decision")
    if decision == "approve":
        refusal = _approval_refusal(request, adjustment)
        if refusal:
            messages.error(request, refusal)
            return redirect("adjustments")
    if (
        adjustment.proposed_by_id == request.user.pk
        and decision == "approve"
        and not request.user.is_superuser
    ):
        messages.error(request, "提出人不能审批自己提出的调整，请由另一位规划科人员或管理员审批")
        return redirect("adjustments")
    try:
        with transaction.atomic():
            adjustment.decided_by = request.user
            adjustment.decided_at = timezone.now()
            adjustment.decision_comment = request.POST.get("comment", "").strip()
            indicator = adjustment.indicator
            if decision == "approve":
                adjustment.state = Adjustment.APPROVED
                adjustment.version = indicator.target_version + 1
            else:
                adjustment.state = Adjustment.REJECTED
            adjustment.save()  # first: the version check decides whose decision stands
            if decision == "approve":
                indicator.refresh_from_db()
                indicator.target_version += 1
                indicator.target_text = adjustment.new_target_text
                indicator.target_value = adjustment.new_target_value
                indicator.save()
                if adjustment.version != indicator.target_version:
                    adjustment.version = indicator.target_version
                    adjustment.save()
    except StaleEdit as stale:
        messages.error(request, _stale_adjustment(stale))
        return redirect("adjustments")
    messages.success(request, f"调整已{'批准' if decision == 'approve' else '驳回'}：{adjustment}")
    return redirect("adjustments")


def _without_paths(error: Exception, folder: str) -> str:
    """The error as the user may see it: the server's temporary folder is no business of theirs."""
    text = str(error)
    for prefix in (folder + "/", folder):
        text = text.replace(prefix, "")
    return text


# What the upload form offers; the core reads a file by its content, whatever its name says.
PLAN_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps")


@planner_required
def import_plan(request):
    """Upload a plan document (.docx, PDF or a .txt export); the parse is stored for the planning office to review.

    The core decides what a file is by its content: a .doc or .wps gets its one-line advice to save as .docx."""
    import tempfile
    from pathlib import Path

    if request.method == "POST":
        upload = request.FILES.get("file")
        suffix = Path(upload.name).suffix.lower() if upload else ""
        if upload is None:
            messages.error(request, "请选择规划文件")
        elif suffix not in PLAN_SUFFIXES:
            messages.error(
                request,
                f"不支持“{suffix or '无扩展名'}”文件：请上传 Word（.docx）、PDF 或 Word 的文本导出（.txt）",
            )
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(upload.name).name
                path.write_bytes(upload.read())
                target = request.POST.get("plan", "")
                typed_year = request.POST.get("effective_year", "").strip()
                try:
                    since = number_or_none(typed_year) if typed_year else None
                    if typed_year and since is None:
                        raise ValueError(f"执行年份“{typed_year[:10]}”应为四位数字年份")
                    version_of = plan_for(request, target).pk if target else None
                    stored = import_plan_file(path, plan_id=version_of, effective_year=since)
                except (PlanWatchError, UnicodeDecodeError, ValueError) as error:
                    messages.error(
                        request, f"无法读取规划文件“{upload.name}”：{_without_paths(error, folder)}"
                    )
                else:
                    review = stored.import_review
                    kept = len(review.get("unmatched_indicators", [])) + len(
                        review.get("unmatched_tasks", [])
                    )
                    messages.success(
                        request,
                        f"已导入“{stored.title}”第{stored.version}版：{stored.indicators.count()}项主要指标，请逐项核对"
                        + (f"；自{stored.version_effective_year}年起执行" if stored.version > 1 else "")
                        + (
                            f"；{kept}项未能对应、{len(review.get('conflicts', []))}处与人工更正不一致，见导入核对"
                            if stored.version > 1
                            else ""
                        ),
                    )
                    if stored.version > 1:
                        return redirect("plan-import-review", plan_id=stored.pk)
                    if onboarding_open(stored):  # a new plan: its checklist, up to the first round
                        return redirect("plan:onboarding", plan_id=stored.pk)
                    return redirect("plan-review-id", plan_id=stored.pk)
    return render(
        request,
        "plans/import.html",
        {
            "plans": Plan.objects.defer("source_file", "source_text"),
            "default": default_plan(request.user),
            "this_year": timezone.localdate().year,
        },
    )


@planner_required
def plan_settings(request, plan_id: int):
    """The plan's tolerances (METHODOLOGY §3): δ of completion and the growth tolerance in percentage points."""
    plan = plan_for(request, plan_id)
    if request.method == "POST":
        form = PlanSettingsForm(request.POST)
        if not form.is_valid():
            log.info("settings of plan %s refused: %s", plan.pk, "; ".join(messages_of(form)))
            for error in messages_of(form):
                messages.error(request, error)
        else:
            tolerance, growth = (
                form.cleaned_data["progress_tolerance"],
                form.cleaned_data["growth_tolerance_pp"],
            )
            plan.progress_tolerance, plan.growth_tolerance_pp = tolerance, growth
            if (
                "four_eyes_shown" in request.POST
            ):  # an unticked box is absent: only a form that shows it says so
                plan.four_eyes = request.POST.get("four_eyes") == "on"
            plan.save()
            messages.success(
                request, f"已保存评估参数：完成进度容差 {tolerance:g}，增长率容差 {growth:g} 个百分点"
            )
    return redirect("plan-review-id", plan_id=plan.pk)


@planner_required
def choose_default_plan(request):
    """The planning office chooses the plan that old URLs and the API mean without `?plan=` (audited)."""
    if request.method != "POST":
        return redirect("plan-import")
    plan = plan_for(request, request.POST.get("plan", ""))
    if plan.archived:
        messages.error(request, f"“{plan.title}”已归档，不能设为默认规划")
    else:
        set_default_plan(plan)
        messages.success(request, f"默认规划已设为“{plan.title}”")
    return redirect("plan-import")


@planner_required
def archive_plan(request, plan_id: int):
    """Archive a plan (only the planning office still sees it) or bring it back."""
    plan = plan_for(request, plan_id)
    if request.method == "POST":
        plan.archived = request.POST.get("archived") == "1"
        plan.save(update_fields=["archived"])
        messages.success(request, f"“{plan.title}”{'已归档' if plan.archived else '已恢复'}")
    return redirect("plan-import")


@planner_required
def undo_import(request, plan_id: int):
    """Remove an imported plan, only while nothing has been reported on it."""
    from planwatch.web.plans.versions import reported_work

    plan = plan_for(request, plan_id)
    if request.method == "POST":
        work = reported_work(plan)
        if work:
            messages.error(request, f"“{plan.title}”已有{'、'.join(work)}，不能撤销导入；可改为归档")
        else:
            title = plan.title
            Plan.objects.get(pk=plan.pk).delete()  # every field loaded: the audit log keeps the deleted row
            messages.success(request, f"已撤销导入“{title}”")
    return redirect("plan-import")


@planner_required
def import_review(request, plan_id: int):
    """What the last re-import could not match, and where the new file and a person's correction disagree.

    POST settles one disagreement: `choice=file` takes the file's value (the field is no longer a correction),
    `choice=person` keeps the correction; either way it leaves the list.
    """
    plan = plan_for(request, plan_id)
    review = plan.import_review or {}
    if request.method == "POST":
        _settle_conflict(request, plan, review)
        return redirect("plan-import-review", plan_id=plan.pk)
    return render(
        request,
        "plans/versions.html",
        {
            "plan": plan,
            "review": review,
            "detached_indicators": Indicator.all_objects.filter(plan=plan, detached=True),
            **_changes_and_renumbering(revision_texts(plan)),
        },
    )


def _changes_and_renumbering(rows: list[dict]) -> dict:
    """The versions' real changes, and per version the indicators it only renumbered (one summary line each)."""
    renumbered: dict[int, list[dict]] = {}
    for row in rows:
        if row["renumbered_only"]:
            renumbered.setdefault(row["plan_version"], []).append(row)
    return {
        "revisions": [row for row in rows if not row["renumbered_only"]],
        "renumbered": [
            {"plan_version": v, "rows": found} for v, found in sorted(renumbered.items(), reverse=True)
        ],
    }


def _settle_conflict(request, plan: Plan, review: dict) -> None:
    indicator_id, field = request.POST.get("indicator", ""), request.POST.get("field", "")
    conflicts = review.get("conflicts", [])
    found = next((c for c in conflicts if str(c["indicator"]) == indicator_id and c["field"] == field), None)
    if found is None:
        messages.error(request, "该不一致之处已处理或不存在")
        return
    indicator = get_object_or_404(Indicator, pk=found["indicator"], plan=plan)
    if request.POST.get("choice") == "file":
        setattr(indicator, field, found["file"])
        indicator.corrected = [name for name in indicator.corrected if name != field]
        indicator.save()
        messages.success(request, f"指标{indicator.number}“{field}”已采用新文件的值")
    else:
        messages.success(request, f"指标{indicator.number}“{field}”保留人工更正")
    conflicts.remove(found)
    plan.import_review = {**review, "conflicts": conflicts}
    plan.save(update_fields=["import_review"])
