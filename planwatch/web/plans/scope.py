"""Which plan a request is about: one resolver for every page and endpoint.

A plan-scoped URL (`/plans/<id>/…`) names its plan; an unknown plan, or one the user may not see (an archived
plan is seen by the planning office and administrators only), is a 404, never silently another plan. Old URLs
without a plan mean the default plan (the office chooses it; the first plan imported until then); their pages
redirect to the plan-scoped form.
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, path, re_path
from django.urls.resolvers import RoutePattern

from planwatch.web.accounts.permissions import is_planner
from planwatch.web.params import is_number
from planwatch.web.plans.models import Plan, SystemSetting

LIGHT = ("source_file", "source_text")  # the source is read only to re-parse
SWITCHER_SIZE = 30


def plans_visible_to(user):
    """The plans a user may see: archived ones only for the planning office and administrators."""
    plans = Plan.objects.defer(*LIGHT)
    return plans if is_planner(user) else plans.filter(archived=False)


def default_plan(user=None) -> Plan | None:
    """The office's default plan if the user may see it, else the first plan the user may see."""
    plans = plans_visible_to(user)
    chosen = SystemSetting.objects.values_list("default_plan_id", flat=True).first()
    found = plans.filter(pk=chosen).first() if chosen else None
    return found or plans.filter(archived=False).first() or plans.first()


def set_default_plan(plan: Plan) -> None:
    setting = SystemSetting.objects.first() or SystemSetting()
    setting.default_plan = plan
    setting.save()


def plan_for(request, plan_id) -> Plan:
    """The plan with this id if the user may see it; Http404 otherwise (unknown, malformed or hidden)."""
    text = str(plan_id)
    if not is_number(text):
        raise Http404("没有这个规划")
    found = plans_visible_to(getattr(request, "user", None)).filter(pk=int(text)).first()
    if found is None:
        raise Http404("没有这个规划，或您无权查看")
    request.plan = found  # the page is about it: the header's switcher and menu follow
    return found


def current_plan(request) -> Plan | None:
    """The plan of a plan-scoped URL, else `?plan=` (404 if unknown), else the default plan (None if there is none)."""
    scoped = getattr(request, "plan", None)
    if scoped is not None:
        return scoped
    requested = request.GET.get("plan", "") or (
        request.POST.get("plan", "") if request.method == "POST" else ""
    )
    if requested:
        return plan_for(request, requested)
    cached = getattr(request, "_default_plan", None)
    if cached is None:
        cached = request._default_plan = default_plan(
            getattr(request, "user", None)
        )  # asked once per request
    return cached


def scoped(view):
    """The view under `/plans/<plan_id>/…`: the plan is resolved (or 404) and put on `request.plan`."""

    @wraps(view)
    def wrapper(request, plan_id, *args, **kwargs):
        request.plan = plan_for(request, plan_id)
        return _stay_in_plan(view(request, *args, **kwargs), request.plan)

    return wrapper


def _stay_in_plan(response, plan: Plan):
    """A redirect to an old page URL (after a form's POST) goes to that page of the same plan, not the default's."""
    from django.urls import Resolver404, resolve

    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    if not location.startswith("/") or location.startswith("/plans/") and location[7:8].isdigit():
        return response
    path, _, query = location.partition("?")
    scoped_path = f"/plans/{plan.pk}{path.removeprefix('/plans')}"
    try:
        match = resolve(scoped_path)
    except Resolver404:
        return response
    if match.namespace != "plan" and match.url_name not in ("plan-reader-id", "plan-review-id"):
        return response
    response["Location"] = scoped_path + (f"?{query}" if query else "")
    return response


def redirecting(view, prefix: str, scoped_prefix: str | None = None):
    """The old URL of a page: a GET without `?plan=` goes to the default plan's scoped form; the rest is served.

    `/<prefix>rest` goes to `/plans/<id>/<scoped_prefix>rest` (`scoped_prefix` is `prefix` unless given).
    """
    target = prefix if scoped_prefix is None else scoped_prefix

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and "plan" not in request.GET:
            plan = default_plan(request.user)
            if plan is not None:
                rest = request.get_full_path()[len(prefix) :]
                return redirect(f"/plans/{plan.pk}{target}{rest}")
        return view(request, *args, **kwargs)

    return wrapper


def scoped_patterns(
    prefix: str, patterns: list[URLPattern], pages: set[str], actions: set[str] = frozenset()
) -> tuple[list, list]:
    """(the app's patterns, the same views under `/plans/<id>/<prefix>`, named alike in the `plan` namespace).

    `pages` show one plan: their old URLs redirect to the default plan's form. `actions` act on one plan
    (forms post there): they are scoped too, and their old URLs keep acting on the default plan.
    """
    old, new = [], []
    for pattern in patterns:
        if pattern.name in pages:
            callback = redirecting(pattern.callback, "/" + (prefix or "plans/"), "/" + prefix)
            old.append(_copy(pattern, "", callback, pattern.name))
        else:
            old.append(pattern)
        if pattern.name in pages or pattern.name in actions:
            new.append(_copy(pattern, prefix, scoped(pattern.callback), pattern.name))
    return old, new


def _copy(pattern: URLPattern, prefix: str, callback, name: str) -> URLPattern:
    if isinstance(pattern.pattern, RoutePattern):
        return path(prefix + str(pattern.pattern), callback, name=name)
    regex = str(pattern.pattern.regex.pattern).removeprefix("^")
    return re_path("^" + prefix + regex, callback, name=name)


def plan_context(request) -> dict:
    """The header's plan switcher: the plan shown and the plans the user may switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    try:
        shown = current_plan(request)
    except Http404:
        shown = None
    visible = plans_visible_to(user).only("title", "period_start", "period_end", "archived", "version")
    plans = list(visible[: SWITCHER_SIZE + 1])  # a system may hold thousands: the menu lists the first ones
    more = visible.count() if len(plans) > SWITCHER_SIZE else 0
    return {
        "nav_plan": shown,
        "nav_plans": plans[:SWITCHER_SIZE],
        "nav_plans_total": more,
        "nav_prefix": f"/plans/{shown.pk}" if shown else "",
        "nav_onboarding": shown is not None and is_planner(user) and onboarding_open(shown),
    }


def onboarding_open(plan: Plan) -> bool:
    """Whether the plan's onboarding (计划接入向导) has steps left that the header should point to."""
    return not (plan.parse_checked and plan.public_chosen) or not plan.rounds.exists()
