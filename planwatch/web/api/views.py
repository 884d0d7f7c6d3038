"""JSON API: plans, indicators, observations, evaluations; observations submitted with a token."""

from __future__ import annotations

import json
import logging

from django.db.models import Count, Q
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from planwatch.evaluate.service import count_statuses
from planwatch.vocabulary import attribute_json, attribute_label, attribute_stated
from planwatch.web.accounts.models import ApiToken
from planwatch.web.accounts.permissions import (
    is_planner,
    is_reporter,
    may_report_for,
    role_of,
    sees_everything,
    visible_to,
)
from planwatch.web.api.openapi import openapi_document
from planwatch.web.api.submissions import write_once
from planwatch.web.evaluations.service import current_year, evaluation_data
from planwatch.web.monitoring import intake
from planwatch.web.monitoring.models import Observation
from planwatch.web.params import is_number, number_or_none
from planwatch.web.plans import links
from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.plans.scope import default_plan, plans_visible_to

log = logging.getLogger("planwatch.api")


def _token_user(request):
    """The owner of an `Authorization: Bearer <token>` header; None without the header, False for a bad token."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return ApiToken.owner(header[7:].strip()) or False


def _user(request):
    """The token's owner, else the session user (reading only), else None for an anonymous reader."""
    user = _token_user(request)
    if user is not None:
        return user
    return request.user if request.user.is_authenticated else None


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _indicators(user, manager=None):
    """What the caller may read: the published indicators, and with a role also everything the role may see.

    A token or a session never sees less than an anonymous caller. `manager`: `Indicator.all_objects` to include
    the rows a newer version of the plan dropped.
    """
    manager = manager or Indicator.objects
    queryset = manager.select_related("department", "plan")
    published = queryset.filter(published=True)
    if user and role_of(user) is not None:
        return queryset.filter(Q(pk__in=visible_to(user, manager.all()).values("pk")) | Q(published=True))
    return published


def indicator_json(indicator: Indicator, others: list[Indicator] | None = None) -> dict:
    """`others`: the other plans' indicators linked to this one (its figures are reported once, for all)."""
    others = others or []
    return {
        "id": indicator.pk,
        "plan": indicator.plan_id,
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": attribute_json(indicator.attribute),
        "attribute_zh": attribute_label(indicator.attribute),
        "attribute_stated": attribute_stated(indicator.attribute),
        "kind": indicator.kind,
        "target_text": indicator.target_text,
        "target_year": indicator.target_year,
        "target": {"value": indicator.target_value, "comparator": indicator.comparator},
        "target_version": indicator.target_version,
        "baseline": (
            {"value": indicator.baseline_value, "year": indicator.baseline_year}
            if indicator.baseline_value is not None
            else None
        ),
        "department": indicator.department.name if indicator.department else None,
        "published": indicator.published,
        # the first other plan of the indicator's group (kept as it was for pairs); every one in `linked_all`
        "linked": _linked_json(others[0]) if others else None,
        "linked_all": [_linked_json(other) for other in others],
        "also_used_in": links.also_used_in(indicator, others),
    }


def _linked_json(other: Indicator) -> dict:
    return {"plan": other.plan_id, "indicator_id": other.pk, "number": other.number}


def observation_json(o: Observation, number: int | None = None) -> dict:
    """`number`: the indicator's number in the plan asked about, when the figure is stored by a linked plan's."""
    return {
        "id": o.pk,
        "indicator": number or o.indicator.number,
        "indicator_id": o.indicator_id,
        "year": o.year,
        "value": o.value,
        "measure": o.measure,
        "series": o.series,
        "unit": o.unit,
        "source": o.source,
        "vintage": o.vintage.isoformat(),
        "note": o.note,
        "state": o.state,
        "illustrative": o.is_illustrative,
    }


def _requested_plan(request, plan_id=None) -> Plan | None:
    """The plan of `/api/plans/<id>/…`, else `?plan=<id>`, else the default plan.

    None for an unknown, malformed or hidden id (never another plan), or when no plan is imported.
    """
    user = _user(request) or None
    plan_id = plan_id if plan_id is not None else getattr(request, "api_plan_id", None)
    requested = str(plan_id) if plan_id is not None else request.GET.get("plan", "")
    if requested:
        if not is_number(requested):
            return None
        return plans_visible_to(user).filter(pk=int(requested)).first()
    return default_plan(user)


def _no_plan(request, plan_id=None) -> JsonResponse:
    requested = plan_id if plan_id is not None else request.GET.get("plan", "")
    if requested:
        return _error(f"没有编号为 {requested} 的规划，或无权查看", 404)
    return _error("尚未导入规划", 404)


def _named(response: JsonResponse, plan: Plan) -> JsonResponse:
    """The answer names the plan it used, so that the item shapes stay as they are."""
    response["X-PlanWatch-Plan"] = str(plan.pk)
    return response


def _paging(request) -> tuple[int, int | None] | str:
    """(offset, limit) from `?offset=&limit=`, or the message for a bad value."""
    values = {}
    for name in ("offset", "limit"):
        text = request.GET.get(name, "")
        if text == "":
            continue
        if not is_number(text):
            return f"“{name}”应为非负整数"
        values[name] = int(text)
    return values.get("offset", 0), values.get("limit")


@require_safe
def openapi(request):
    return _json(openapi_document())


@require_safe
def plans(request):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    paging = _paging(request)
    if isinstance(paging, str):
        return _error(paging, 400)
    offset, limit = paging
    visible = plans_visible_to(user or None).only(
        "title", "period_start", "period_end", "source_hash", "version", "archived", "level"
    )
    counts = dict(
        _indicators(user or None).values_list("plan_id").annotate(n=Count("id")).values_list("plan_id", "n")
    )
    chosen = visible[offset : offset + limit] if limit is not None else visible[offset:]
    return _json(
        [
            {
                "id": p.pk,
                "title": p.title,
                "period": {"start": p.period_start, "end": p.period_end},
                "version": p.version,
                "indicators": counts.get(p.pk, 0),
                "source_hash": p.source_hash,
                "archived": p.archived,
                "level": p.level or "local",
            }
            for p in chosen
        ]
    )


@require_safe
def indicators(request, plan_id=None):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    plan = _requested_plan(request, plan_id)
    if plan is None:
        return _no_plan(request, plan_id)
    rows = _indicators(user).filter(plan=plan)
    partners = links.partners(plan)
    return _named(_json([indicator_json(i, partners.get(i.pk, [])) for i in rows]), plan)


@require_safe
def indicator(request, indicator_id: int):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    found = _indicators(user).filter(pk=indicator_id, plan__in=plans_visible_to(user or None)).first()
    if found is None:
        return _error("没有这个指标，或无权查看", 404)
    return _named(_json(indicator_json(found, links.linked_others(found))), found.plan)


@csrf_exempt
def observations(request, plan_id=None):
    if request.method == "POST":
        # Exempt from CSRF because it accepts only a bearer token, never the browser's session cookie.
        request.api_plan_id = plan_id  # the intake reads the plan through _requested_plan
        return _submit(request, _token_user(request))
    if request.method not in ("GET", "HEAD"):
        return _error(f"不支持 {request.method} 方法", 405)
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    plan = _requested_plan(request, plan_id)
    if plan is None:
        return _no_plan(request, plan_id)
    readable = _indicators(user).filter(plan=plan)
    partners = links.partners(plan)
    read = {i.pk: links.read_filter(i, partners[i.pk]) for i in readable.filter(pk__in=list(partners))}
    numbers = links.numbers_by_indicator(plan)
    wanted_rows = Q(indicator__in=readable)
    for linked_read in read.values():
        wanted_rows |= linked_read
    rows = Observation.objects.filter(wanted_rows).select_related("indicator")
    if user and is_planner(user):
        pass
    elif user and is_reporter(user):
        # Their own department's figures in every state; everyone else's once approved.
        own = visible_to(user, Indicator.objects.all())
        rows = rows.filter(
            Q(indicator__in=own)
            | Q(indicator_id__in=links.with_linked(own.filter(plan=plan)))
            | Q(state=Observation.APPROVED)
        )
    else:
        rows = rows.filter(state=Observation.APPROVED)
    indicator_filter = request.GET.get("indicator", "")
    if indicator_filter:
        if not is_number(indicator_filter):
            return _error("“indicator”应为指标 id（整数）", 400)
        wanted = int(indicator_filter)
        rows = rows.filter(read[wanted] if wanted in read else Q(indicator_id=wanted))
    return _named(_json([observation_json(o, numbers.get(o.indicator_id)) for o in rows]), plan)


def _warned(uncommented: list) -> JsonResponse:
    """400: values the validation rules warn about need the department's `comment` before they are submitted."""
    named = [
        f"第{row.row}条（指标{row.indicator}）：" + "；".join(w["message"] for w in warned)
        for row, warned in uncommented
    ]
    log.info("API submission held for comments: %s", "；".join(named)[:500])
    body = {
        "error": "以下数据有预警，请在“comment”中说明原因后重新提交：" + "。".join(named),
        "warnings": [
            {"item": row.row, "indicator": row.indicator, "warnings": warned} for row, warned in uncommented
        ],
    }
    return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})


def _submit(request, user):
    """Create submitted observations for the token owner's department through the one intake.

    Numbers may be JSON numbers or strings (`"1,234.5"`, `"12%"`); every bad item is named (第N条“列”).
    """
    if user is False:
        return _error("令牌无效", 401)
    if user is None:
        return _error("提交数据需要令牌：请在请求头中加入 Authorization: Bearer <令牌>", 401)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        log.info("API submission refused: body is not JSON (%s)", error)
        return _error(f"请求体不是合法的 JSON：{error}", 400)
    items = payload if isinstance(payload, list) else [payload]
    plan = _requested_plan(request)
    if plan is None:
        return _error("没有这个规划", 404)
    by_number = {i.number: i for i in plan.indicators.select_related("department")}
    errors, records = [], []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(f"第{position}条：应为对象")
            continue
        wrong = [
            k
            for k in (*intake.TEXT_COLUMNS, "comment")
            if item.get(k) is not None and not isinstance(item[k], str)
        ]
        errors.extend(f"第{position}条“{k}”：应为文字" for k in wrong)
        found = by_number.get(item.get("indicator")) if type(item.get("indicator")) is int else None
        if found is not None and not may_report_for(user, found.department):
            return _error(f"第{position}条：指标{found.number}不属于您的部门，无权报送", 403)
        records.append((position, [item.get(column) for column in intake.COLUMNS]))
    if errors:
        log.info("API submission refused: %s", "；".join(errors)[:500])
        return _error("；".join(errors), 400)
    allowed = {n for n, i in by_number.items() if may_report_for(user, i.department)}
    checked = intake.check(plan, intake.COLUMNS, records, allowed, _item_place)
    if checked.errors:
        return _error("；".join(checked.errors), 400)
    comments = {
        position: (item.get("comment") or "").strip()
        for position, item in enumerate(items, start=1)
        if isinstance(item, dict)
    }
    uncommented = intake.uncommented(plan, checked.accepted, comments)
    if uncommented:
        return _warned(uncommented)
    partners = links.partners(plan)
    numbers = links.numbers_by_indicator(plan)
    pending = [  # where each figure is stored: a linked figure once, for both plans
        (
            links.storage_indicator(
                by_number[o.indicator], o.year, partners.get(by_number[o.indicator].pk, [])
            ),
            {"year": o.year, "measure": o.measure, "series": o.series, "value": o.value},
        )
        for o in checked.accepted
    ]

    def write():
        created = intake.store(
            plan, checked.accepted, user=user, state=Observation.SUBMITTED, comments=comments
        )
        return [
            observation_json(o, numbers.get(o.indicator_id))
            | {"warnings": o.warnings, "comment": o.department_comment}
            for o in created
        ], 201

    return write_once(request, user, pending, write)


def _item_place(position: int | None, column: str | None) -> str:
    return f"第{position}条" + (f"“{column}”" if column else "")


@require_safe
def evaluations(request, plan_id=None):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    plan = _requested_plan(request, plan_id)
    if plan is None:
        return _no_plan(request, plan_id)
    requested = request.GET.get("year", "")
    if requested and not is_number(requested):
        return _error(f"“year”应为 {plan.period_start}—{plan.period_end} 之间的年份", 400)
    year = int(requested) if requested else current_year(plan)
    if not plan.period_start <= year <= plan.period_end:
        return _error(f"{year}年不在规划期（{plan.period_start}—{plan.period_end}年）内", 400)
    data, error = evaluation_data(plan, year)
    if error:
        return _error(error, 503)
    # by id: an earlier year's version may number its indicators otherwise, or hold one dropped since
    visible = set(_indicators(user, Indicator.all_objects).filter(plan=plan).values_list("pk", flat=True))
    data["indicators"] = [row for row in data.get("indicators", []) if row.get("indicator_id") in visible]
    allowed = {row["number"] for row in data["indicators"]}
    data["not_in_force"] = [o for o in data.get("not_in_force", []) if o.get("indicator_id") in visible]
    data["order"] = [number for number in data.get("order", []) if number in allowed]
    # The target versions used: only those of indicators the caller may see (unpublished targets stay internal).
    data["targets_used"] = {
        k: v for k, v in data.get("targets_used", {}).items() if number_or_none(k) in allowed
    }
    if not (user and sees_everything(user)):
        data.pop("observations_used", None)
        data["summary"] = {
            c["status"]: c["count"] for c in count_statuses(r["status"] for r in data["indicators"])
        }
        data["counts"] = count_statuses(r["status"] for r in data["indicators"])
        data["binding_counts"] = count_statuses(
            r["status"] for r in data["indicators"] if r.get("attribute") == "binding"
        )
    return _named(_json(data), plan)
