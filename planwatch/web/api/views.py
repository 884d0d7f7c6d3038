"""JSON API: plans, indicators, observations, evaluations; observations submitted with a token."""

from __future__ import annotations

import json
import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from planwatch.evaluate.service import count_statuses
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
from planwatch.web.evaluations.service import current_year, evaluation_data
from planwatch.web.monitoring import intake
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Indicator, Plan

log = logging.getLogger("planwatch.api")


def _token_user(request):
    """The owner of an `Authorization: Bearer <token>` header; None without the header, False for a bad token."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    key = header[7:].strip()
    token = ApiToken.objects.select_related("user").filter(key=key).first() if key else None
    return token.user if token and token.user.is_active else False


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


def _indicators(user):
    """What the caller may read: everything it is allowed to see when signed in, published ones otherwise."""
    queryset = Indicator.objects.select_related("department", "plan")
    if user and role_of(user) is not None:
        return visible_to(user, queryset)
    return queryset.filter(published=True)


def indicator_json(indicator: Indicator) -> dict:
    return {
        "id": indicator.pk,
        "plan": indicator.plan_id,
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": indicator.attribute,
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
    }


def observation_json(o: Observation) -> dict:
    return {
        "id": o.pk,
        "indicator": o.indicator.number,
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


def _requested_plan(request) -> Plan | None:
    """The plan named by `?plan=<id>`, else the first; None for an unknown or malformed id."""
    plans = Plan.objects.defer("source_file", "source_text")
    plan_id = request.GET.get("plan", "")
    if plan_id:
        return plans.filter(pk=int(plan_id)).first() if plan_id.isdigit() else None
    return plans.first()


@require_safe
def openapi(request):
    return _json(openapi_document())


@require_safe
def plans(request):
    return _json(
        [
            {
                "id": p.pk,
                "title": p.title,
                "period": {"start": p.period_start, "end": p.period_end},
                "source_hash": p.source_hash,
            }
            for p in Plan.objects.only("title", "period_start", "period_end", "source_hash")
        ]
    )


@require_safe
def indicators(request):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    rows = _indicators(user)
    if request.GET.get("plan", "").isdigit():
        rows = rows.filter(plan_id=int(request.GET["plan"]))
    return _json([indicator_json(i) for i in rows])


@require_safe
def indicator(request, indicator_id: int):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    found = _indicators(user).filter(pk=indicator_id).first()
    if found is None:
        return _error("没有这个指标，或无权查看", 404)
    return _json(indicator_json(found))


@csrf_exempt
def observations(request):
    if request.method == "POST":
        # Exempt from CSRF because it accepts only a bearer token, never the browser's session cookie.
        return _submit(request, _token_user(request))
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    rows = Observation.objects.filter(indicator__in=_indicators(user)).select_related("indicator")
    if not (user and (is_planner(user) or is_reporter(user))):
        rows = rows.filter(state=Observation.APPROVED)
    if request.GET.get("indicator", "").isdigit():
        rows = rows.filter(indicator_id=int(request.GET["indicator"]))
    return _json([observation_json(o) for o in rows])


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
        wrong = [k for k in intake.TEXT_COLUMNS if item.get(k) is not None and not isinstance(item[k], str)]
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
    created = intake.store(plan, checked.accepted, user=user, state=Observation.SUBMITTED)
    return _json([observation_json(o) for o in created], status=201)


def _item_place(position: int | None, column: str | None) -> str:
    return f"第{position}条" + (f"“{column}”" if column else "")


@require_safe
def evaluations(request):
    user = _user(request)
    if user is False:
        return _error("令牌无效", 401)
    plan = _requested_plan(request)
    if plan is None:
        return _error("尚未导入规划", 404)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else current_year(plan)
    data, error = evaluation_data(plan, year)
    if error:
        return _error(error, 503)
    allowed = set(_indicators(user).filter(plan=plan).values_list("number", flat=True))
    data["indicators"] = [row for row in data.get("indicators", []) if row.get("number") in allowed]
    data["order"] = [number for number in data.get("order", []) if number in allowed]
    if not (user and sees_everything(user)):
        data.pop("observations_used", None)
        data["targets_used"] = {k: v for k, v in data.get("targets_used", {}).items() if int(k) in allowed}
        data["summary"] = {
            c["status"]: c["count"] for c in count_statuses(r["status"] for r in data["indicators"])
        }
        data["counts"] = count_statuses(r["status"] for r in data["indicators"])
        data["binding_counts"] = count_statuses(
            r["status"] for r in data["indicators"] if r.get("attribute") == "binding"
        )
    return _json(data)
