"""Every URL of the project × every role: the status each one gets, for GET and for state-changing methods.

The URLs are walked from Django's resolver, so a view added without a row in `MATRIX` (or an admin model
without the generic admin rule) fails `test_every_url_pattern_is_in_the_matrix`. State-changing requests
are sent with CSRF checks on: with the token (the row's expectation), without it (403 everywhere but the
token-authenticated API), and as PUT/PATCH/DELETE (405 everywhere: no view takes them).

Roles: anonymous; a signed-in account nobody gave a role (a member of the public); administrator;
规划科; 领导; the 区科委 reporter on its own objects ("own") and the same reporter on 区生态环境局's ("other").
"""

from __future__ import annotations

import datetime
import json
import re
import string
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "public", "admin", "planner", "leader", "own", "other")
USERNAMES = {"admin": "admin", "planner": "guihuake", "leader": "lingdao", "own": "kw", "other": "kw"}
PUBLIC_USERNAME = "shimin-no-role"
CSRF_SECRET = (string.ascii_letters + string.digits)[:32]

# Expectations: an HTTP status, or one of these redirects.
LOGIN = "302 → sign-in"
ADMIN_LOGIN = "302 → admin sign-in"
PUBLIC_HOME = "302 → public pages"
REDIRECT = "302 → elsewhere"
ADMIN_OK = "200 or 302"


def roles(default, **overrides) -> dict:
    """A role → expectation map: `default` for every role, `other` following `own` unless given."""
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    if "own" in overrides and "other" not in overrides:
        table["other"] = overrides["own"]
    return table


def everyone(ok) -> dict:
    return roles(ok)


def signed_in(ok) -> dict:
    """Any account with a role; anonymous visitors sign in first, accounts without a role are refused."""
    return roles(ok, anonymous=LOGIN, public=403)


def planners(ok) -> dict:
    """规划科 and administrators only."""
    return roles(403, anonymous=LOGIN, admin=ok, planner=ok)


def readers(ok) -> dict:
    """规划科, administrators and leaders: evaluations, reports, adjustments."""
    return roles(403, anonymous=LOGIN, admin=ok, planner=ok, leader=ok)


def scoped(ok, other=404) -> dict:
    """What everyone with a role may read, a reporter only for their own department (404 for another's)."""
    return roles(ok, anonymous=LOGIN, public=403, other=other)


def reporting(ok, other=403, leader=403) -> dict:
    """Data entry: a reporter for their own department, the planning office for any; leaders only read."""
    return roles(ok, anonymous=LOGIN, public=403, leader=leader, other=other)


NOT_ALLOWED = everyone(405)


@dataclass
class Row:
    """One URL: how to fill it for a side ("own" or "other"), and what each role gets."""

    get: dict
    post: dict = field(default_factory=lambda: NOT_ALLOWED)
    kwargs: object = None  # (objects, side) -> URL kwargs
    query: object = None  # (objects, side) -> GET parameters
    data: object = None  # (objects, side) -> POST body
    json_body: bool = False
    csrf_exempt: bool = False
    fresh_clients: bool = False  # signing in or out changes the session: a new client for each request


def _user_id(username: str) -> int:
    from django.contrib.auth.models import User

    return User.objects.get(username=username).pk


def _ids(name):
    return lambda o, side: {name: o[side][name]}


def _report_job(o, side) -> dict:
    """A finished report job (planwatch.web.evaluations.report_jobs) whose progress page is asked for."""
    from planwatch.web.evaluations import report_jobs

    return {"job_id": report_jobs.start(("permissions-matrix",), lambda on_stage: b"<html></html>").id}


MATRIX: dict[str, Row] = {
    "healthz": Row(get=everyone(200)),
    "dashboard": Row(get=roles(200, anonymous=PUBLIC_HOME, public=PUBLIC_HOME)),
    "login": Row(
        get=roles(REDIRECT, anonymous=200),
        post=roles(REDIRECT, anonymous=200),
        data=lambda o, side: {"username": "kw", "password": "wrong-password"},
        fresh_clients=True,
    ),
    "logout": Row(get=everyone(405), post=everyone(PUBLIC_HOME), fresh_clients=True),
    "audit-log": Row(get=planners(200)),
    # Any signed-in account, with a role or without one, changes its own password (a one-time one too).
    "password-change": Row(
        get=roles(200, anonymous=LOGIN), post=roles(200, anonymous=LOGIN), data=lambda o, side: {}
    ),
    # People and departments: the administrator; the planning office only when the administrator allows it
    # (off here; tests/web/test_people.py turns it on).
    "people": Row(get=roles(403, anonymous=LOGIN, admin=200)),
    "person-new": Row(
        get=roles(403, anonymous=LOGIN, admin=200),
        post=roles(403, anonymous=LOGIN, admin=200),
        data=lambda o, side: {"username": "matrix-new", "display_name": "测试", "role": "leader"},
    ),
    "person-edit": Row(
        get=roles(403, anonymous=LOGIN, admin=200),
        post=roles(403, anonymous=LOGIN, admin=REDIRECT),
        kwargs=_ids("user_id"),
        data=lambda o, side: {
            "display_name": "科委填报员",
            "role": "reporter",
            "department": o[side]["department"],
            "is_active": "on",
        },
    ),
    # The reset makes a one-time password, which sends its owner to the password form: a bystander's account.
    "person-password": Row(
        get=roles(403, anonymous=LOGIN, admin=REDIRECT),
        post=roles(403, anonymous=LOGIN, admin=200),
        kwargs=lambda o, side: {"user_id": _user_id("tjj" if side == "own" else "czj")},
    ),
    "people-setting": Row(
        get=roles(403, anonymous=LOGIN, admin=REDIRECT),
        post=roles(403, anonymous=LOGIN, admin=REDIRECT),
        data=lambda o, side: {},
    ),
    "department-new": Row(
        get=roles(403, anonymous=LOGIN, admin=200),
        post=roles(403, anonymous=LOGIN, admin=REDIRECT),
        data=lambda o, side: {"code": "matrix-dept", "name": "矩阵测试部门", "kind": "bureau"},
    ),
    "department-edit": Row(
        get=roles(403, anonymous=LOGIN, admin=200),
        post=roles(403, anonymous=LOGIN, admin=REDIRECT),
        kwargs=lambda o, side: {"department_id": o[side]["department"]},
        data=lambda o, side: {"code": o[side]["department_code"], "name": "改名后的部门", "kind": "town"},
    ),
    # Deactivating a department: 区科委 and 区生态环境局 hold work, so a POST without a successor is refused (400)
    # and changes nothing; reactivating an active department goes back to its page.
    "department-deactivate": Row(
        get=roles(403, anonymous=LOGIN, admin=200),
        post=roles(403, anonymous=LOGIN, admin=400),
        kwargs=lambda o, side: {"department_id": o[side]["department"]},
        data=lambda o, side: {"confirm": "on"},
    ),
    "department-reactivate": Row(
        get=roles(403, anonymous=LOGIN, admin=REDIRECT),
        post=roles(403, anonymous=LOGIN, admin=REDIRECT),
        kwargs=lambda o, side: {"department_id": o[side]["department"]},
        data=lambda o, side: {},
    ),
    # Onboarding a plan (计划接入向导): only under /plans/<id>/onboarding/, for the planning office.
    "onboarding": Row(get=planners(200)),
    "onboarding-checked": Row(
        get=planners(REDIRECT), post=planners(REDIRECT), data=lambda o, side: {"checked": "1"}
    ),
    "onboarding-assign": Row(
        get=planners(200), post=planners(REDIRECT), data=lambda o, side: {"action": "save"}
    ),
    "onboarding-public": Row(get=planners(200), post=planners(REDIRECT)),
    "onboarding-round": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {"year": "2025", "deadline": "2026-03-31"},
    ),
    "plan-reader": Row(get=signed_in(200)),
    "plan-reader-id": Row(get=signed_in(200), kwargs=_ids("plan_id")),
    "plan-review": Row(get=planners(200)),
    "plan-review-id": Row(get=planners(200), kwargs=_ids("plan_id")),
    "plan-import": Row(get=planners(200), post=planners(200)),
    "plan-default": Row(
        get=planners(REDIRECT), post=planners(REDIRECT), data=lambda o, side: {"plan": o[side]["plan_id"]}
    ),
    "plan-archive": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("plan_id"),
        data=lambda o, side: {"archived": "0"},
    ),
    # Refused while anything is reported on the plan (the fixture's observations are): a message, no deletion.
    "plan-undo-import": Row(get=planners(REDIRECT), post=planners(REDIRECT), kwargs=_ids("plan_id")),
    "plan-import-review": Row(
        get=planners(200),
        post=planners(REDIRECT),
        kwargs=_ids("plan_id"),
        data=lambda o, side: {"indicator": o[side]["indicator_id"], "field": "kind", "choice": "person"},
    ),
    "plan-settings": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("plan_id"),
        data=lambda o, side: {"progress_tolerance": "0.1", "growth_tolerance_pp": "0.5"},
    ),
    "indicator": Row(get=scoped(200), kwargs=_ids("indicator_id")),
    "indicator-correct": Row(get=planners(REDIRECT), post=planners(REDIRECT), kwargs=_ids("indicator_id")),
    "indicator-links": Row(get=planners(200)),
    "indicator-link-add": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {"first": o[side]["indicator_id"], "second": o[side]["lagging_id"]},
    ),
    "indicator-link-remove": Row(get=planners(REDIRECT), post=planners(REDIRECT), kwargs=_ids("link_id")),
    "adjustments": Row(get=readers(200)),
    "adjustment-propose": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {
            "indicator": o[side]["indicator_id"],
            "new_target_text": "80%",
            "new_target_value": "80",
            "reason": "上级规划调整",
        },
    ),
    "adjustment-decide": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("adjustment_id"),
        data=lambda o, side: {"decision": "reject", "comment": "再议"},
    ),
    "monitoring-entry": Row(
        get=reporting(200),
        query=lambda o, side: {"department": o[side]["department"]} if side == "other" else {},
    ),
    "monitoring-save": Row(
        get=reporting(REDIRECT, other=REDIRECT),
        post=reporting(REDIRECT),
        data=lambda o, side: {
            "department": o[side]["department"],
            f"value-{o[side]['indicator_id']}-0": "1.5",
            f"source-{o[side]['indicator_id']}-0": "区统计局",
        },
    ),
    "monitoring-template": Row(
        get=reporting(200),
        query=lambda o, side: {"department": o[side]["department"]} if side == "other" else {},
    ),
    "monitoring-export": Row(get=signed_in(200)),
    "monitoring-upload": Row(
        get=reporting(200),
        post=reporting(200),
        query=lambda o, side: {"department": o[side]["department"]} if side == "other" else {},
        data=lambda o, side: {"department": o[side]["department"]},
    ),
    "monitoring-submit": Row(
        get=reporting(REDIRECT, other=REDIRECT),
        post=reporting(REDIRECT),
        data=lambda o, side: {"department": o[side]["department"]},
    ),
    "monitoring-review": Row(get=planners(200)),
    "monitoring-decide": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("observation_id"),
        data=lambda o, side: {"decision": "reject", "comment": "来源不全"},
    ),
    "monitoring-rounds": Row(
        get=planners(200),
        post=planners(REDIRECT),
        data=lambda o, side: {"year": "2024", "deadline": "2025-03-31"},
    ),
    "monitoring-rules": Row(
        get=planners(200),
        post=planners(REDIRECT),
        data=lambda o, side: {"indicator": o[side]["indicator_id"], "minimum": "1", "maximum": "9"},
    ),
    "monitoring-completeness": Row(get=planners(200)),
    "monitoring-remind": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {"round": o[side]["round_id"], "department": o[side]["department"]},
    ),
    # A reporter reads their own department's reminders (no department parameter: "other" is the same page).
    "monitoring-inbox": Row(get=reporting(200, other=200)),
    "monitoring-inbox-read": Row(
        get=reporting(REDIRECT, other=REDIRECT), post=reporting(REDIRECT, other=REDIRECT)
    ),
    "monitoring-round-close": Row(get=planners(REDIRECT), post=planners(REDIRECT), kwargs=_ids("round_id")),
    # Leaders read approved figures only; the observation here is submitted, not yet approved.
    "observation-history": Row(get=scoped(200, other=404) | {"leader": 404}, kwargs=_ids("observation_id")),
    "observation-edit": Row(
        get=planners(200),
        post=planners(REDIRECT),
        kwargs=_ids("observation_id"),
        data=lambda o, side: {"value": "3.3", "vintage": "2024-03-01", "reason": "更正笔误"},
    ),
    "evaluations": Row(get=readers(200)),
    "evaluation-run-new": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {"plan": o[side]["plan_id"], "year": "2022"},
    ),
    "evaluation-run": Row(get=readers(200), kwargs=_ids("run_id")),
    "verdict-override": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("indicator_id"),
        data=lambda o, side: {"status": "achieved", "reason": "统计口径调整", "year": "2022"},
    ),
    "evaluation-report": Row(get=readers(200), kwargs=lambda o, side: {"kind": "annual", "fmt": "html"}),
    "report-progress": Row(get=readers(200), kwargs=_report_job),
    "report-progress-json": Row(get=readers(200), kwargs=_report_job),
    "report-texts": Row(
        get=readers(200),
        post=readers(REDIRECT) | {"leader": 403},
        data=lambda o, side: {"year": "2022", "text-overview": "总体平稳"},
    ),
    "projects": Row(get=signed_in(200)),
    "project-detail": Row(
        get=scoped(200),
        post=scoped(REDIRECT) | {"leader": 403},
        kwargs=_ids("project_id"),
        data=lambda o, side: {
            "period": "2023年",
            "status": "building",
            "text": "主体结构完工",
            "progress": "60",
        },
    ),
    "project-assign": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("project_id"),
        data=lambda o, side: {"department": o[side]["department"], "status": "building"},
    ),
    "project-milestones": Row(
        get=scoped(REDIRECT),
        post=scoped(REDIRECT) | {"leader": 403},
        kwargs=_ids("project_id"),
        data=lambda o, side: {"year": "2023", "title": "竣工验收"},
    ),
    "tasks": Row(get=signed_in(200)),
    "task-assign": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {
            "task": o[side]["task_id"],
            "department": o[side]["department"],
            "year": "2023",
        },
    ),
    "task-update": Row(
        get=scoped(200),
        post=scoped(REDIRECT) | {"leader": 403},
        kwargs=_ids("assignment_id"),
        data=lambda o, side: {"status": "in_progress", "progress_note": "按计划推进"},
    ),
    # Yearly milestones: the planning office sets them (the reporter's POST without a milestone id is refused).
    "task-milestones": Row(
        get=scoped(REDIRECT),
        post=scoped(403) | {"admin": REDIRECT, "planner": REDIRECT},
        kwargs=_ids("assignment_id"),
        data=lambda o, side: {"year": "2023", "target": "完成实施方案"},
    ),
    # 2023: 区科委's indicator 10 and 区生态环境局's indicator 12 are lagging; a department explains its own
    # (the office reviews it and writes its own texts on the report texts page).
    "explanations": Row(
        get=signed_in(200),
        post=roles(403, anonymous=LOGIN, own=REDIRECT, other=404),
        data=lambda o, side: {
            "year": "2023",
            "indicator": o[side]["lagging_id"],
            f"i{o[side]['lagging_id']}-text": "受外部需求影响",
        },
    ),
    "explanation-review": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        kwargs=_ids("explanation_id"),
        data=lambda o, side: {"decision": "return", "comment": "请补充数据"},
    ),
    "api-openapi": Row(get=everyone(200)),
    "api-plans": Row(get=everyone(200)),
    "api-indicators": Row(get=everyone(200)),
    # A published indicator: a token or session never sees less than an anonymous caller.
    "api-indicator": Row(get=everyone(200), kwargs=_ids("indicator_id")),
    "api-plan-indicators": Row(get=everyone(200), kwargs=_ids("plan_id")),
    "api-plan-observations": Row(
        get=everyone(200),
        post=everyone(401),
        kwargs=_ids("plan_id"),
        data=lambda o, side: [{"indicator": o[side]["number"], "year": 2023, "value": 1.0}],
        json_body=True,
        csrf_exempt=True,
    ),
    "api-plan-evaluations": Row(get=everyone(200), kwargs=_ids("plan_id")),
    # The one CSRF-exempt endpoint: it takes a bearer token only, never the session, so without one it is 401.
    "api-observations": Row(
        get=everyone(200),
        post=everyone(401),
        data=lambda o, side: [{"indicator": o[side]["number"], "year": 2023, "value": 1.0}],
        json_body=True,
        csrf_exempt=True,
    ),
    "api-evaluations": Row(get=everyone(200)),
    "public-home": Row(get=everyone(200)),
    "public-indicator": Row(get=everyone(200), kwargs=_ids("indicator_id")),
}

# Pages that exist only in their plan-scoped form (`plan:<name>`), with no old URL.
SCOPED_ONLY = {
    "onboarding",
    "onboarding-checked",
    "onboarding-assign",
    "onboarding-public",
    "onboarding-round",
}

# Old page URLs send everyone to the default plan's scoped form (`plan:<name>`, checked with the row above).
REDIRECTED_PAGES = {
    "plan-reader",
    "plan-review",
    "adjustments",
    "monitoring-entry",
    "monitoring-upload",
    "monitoring-review",
    "monitoring-rounds",
    "monitoring-rules",
    "monitoring-completeness",
    "monitoring-inbox",
    "evaluations",
    "report-texts",
    "projects",
    "tasks",
    "explanations",
    "public-home",
}

# Django's admin: the administrator only; everyone else is sent to the admin's own sign-in page.
ADMIN_ANYONE_ELSE = roles(ADMIN_LOGIN, admin=ADMIN_OK)
ADMIN_SPECIAL = {
    "login": Row(get=roles(200, admin=REDIRECT), post=roles(200), data=lambda o, s: {}, fresh_clients=True),
    # The admin sends anyone but its staff from its logout page to its index, which then asks them to sign in.
    "logout": Row(
        get=roles(REDIRECT, admin=405), post=roles(REDIRECT, admin=PUBLIC_HOME), fresh_clients=True
    ),
    "catch_all": Row(get=roles(ADMIN_LOGIN, admin=404), post=roles(ADMIN_LOGIN, admin=404)),
    # Without its app, model and field parameters the autocomplete refuses even the administrator.
    "autocomplete": Row(get=roles(ADMIN_LOGIN, admin=403), post=roles(ADMIN_LOGIN, admin=405)),
    "view_on_site": Row(get=roles(ADMIN_LOGIN, admin=404), post=roles(ADMIN_LOGIN, admin=404)),
    # The audit log is append-only, even for the administrator.
    "accounts_auditentry_delete": Row(get=roles(ADMIN_LOGIN, admin=403), post=roles(ADMIN_LOGIN, admin=403)),
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name, prefix + str(pattern.pattern), pattern


def _project_patterns():
    return [
        (name, route) for namespace, name, route, _ in _walk(get_resolver().url_patterns) if namespace == ""
    ]


def _admin_patterns():
    return [
        (name, route, pattern)
        for namespace, name, route, pattern in _walk(get_resolver().url_patterns)
        if namespace == "admin:"
    ]


def _plan_patterns():
    return [
        (name, route)
        for namespace, name, route, _ in _walk(get_resolver().url_patterns)
        if namespace == "plan:"
    ]


def test_every_url_pattern_is_in_the_matrix():
    scoped = [name for name, _ in _plan_patterns()]
    assert scoped and set(scoped) <= set(MATRIX) | {"dashboard"}
    assert len(scoped) == len(set(scoped))
    assert set(scoped) | {"plan-reader", "plan-review"} >= REDIRECTED_PAGES
    names = [name for name, _ in _project_patterns()]
    assert None not in names, "every URL pattern needs a name to be checked"
    assert sorted(set(names) | SCOPED_ONLY) == sorted(MATRIX), (
        f"not in the matrix: {sorted(set(names) - set(MATRIX))}; gone from the project: {sorted(set(MATRIX) - set(names) - SCOPED_ONLY)}"
    )
    assert set(scoped) >= SCOPED_ONLY
    assert len(names) == len(set(names))


def _plan_patterns_at_import():
    import django

    django.setup()
    return _plan_patterns()


def test_every_admin_pattern_has_a_rule():
    for name, route, _ in _admin_patterns():
        assert _admin_url(name, route, {}) is not None, route


@pytest.fixture
def objects(db, plan):
    """One object of each kind for 区科委 ("own") and for 区生态环境局 ("other")."""
    from django.contrib.auth.models import User

    from planwatch.web.accounts.models import Department
    from planwatch.web.evaluations.models import EvaluationRun
    from planwatch.web.monitoring.models import Observation, ReportingRound
    from planwatch.web.plans.models import Adjustment, Indicator, IndicatorGroup, IndicatorLink
    from planwatch.web.projects.models import LaggingExplanation, Project, TaskAssignment

    User.objects.create(username=PUBLIC_USERNAME)  # no profile: nobody gave it a role
    planner = User.objects.get(username="guihuake")
    reporting_round = plan.rounds.filter(is_open=True).first() or ReportingRound.objects.create(
        plan=plan, year=2023, deadline=datetime.date(2024, 3, 31), title="2023年度监测数据填报"
    )
    run = EvaluationRun.objects.create(plan=plan, year=2022, run_by=planner, result={"indicators": []})
    projects = list(Project.objects.filter(plan=plan).order_by("id")[:2])
    tasks = list(plan.tasks.filter(title__gt="").order_by("id")[:2])
    found = {}
    for side, code, number, lagging, project, task in (
        ("own", "kw", 8, 10, projects[0], tasks[0]),
        ("other", "sthj", 12, 12, projects[1], tasks[1]),
    ):
        department = Department.objects.get(code=code)
        indicator = Indicator.objects.get(plan=plan, number=number)
        assert indicator.department == department and indicator.published
        project.department = department
        project.save()
        observation = Observation.objects.create(
            indicator=indicator,
            year=2023,
            value=3.2,
            state=Observation.SUBMITTED,
            submitted_by=User.objects.get(username=code),
            round=reporting_round,
        )
        found[side] = {
            "plan_id": plan.pk,
            "department": department.pk,
            "indicator_id": indicator.pk,
            "number": number,
            "observation_id": observation.pk,
            "project_id": project.pk,
            "task_id": task.pk,
            "assignment_id": TaskAssignment.objects.create(task=task, department=department, year=2023).pk,
            "adjustment_id": Adjustment.objects.create(
                indicator=indicator,
                old_target_text=indicator.target_text,
                new_target_text="调整后目标",
                reason="测试",
                proposed_by=planner,
            ).pk,
            "round_id": reporting_round.pk,
            "user_id": User.objects.get(username=code).pk,
            "department_code": department.code,
            "run_id": run.pk,
            "link_id": IndicatorLink.objects.create(
                group=IndicatorGroup.objects.create(), indicator=indicator
            ).pk,
            "lagging_id": Indicator.objects.get(plan=plan, number=lagging).pk,
            "explanation_id": LaggingExplanation.objects.create(
                indicator=Indicator.objects.get(plan=plan, number=lagging),
                year=2022,
                department=department,
                text="原因说明",
            ).pk,
        }
    return found


def _client(role: str):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(
            User.objects.get(username=PUBLIC_USERNAME if role == "public" else USERNAMES[role])
        )
    client.cookies["csrftoken"] = CSRF_SECRET
    return client


def _outcome(response) -> object:
    """The status, with a redirect named by where it goes."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/accounts/login/"):
        return LOGIN
    if location.startswith("/admin/login/"):
        return ADMIN_LOGIN
    if location.startswith("/public/") or re.match(
        r"^/plans/\d+/public/", location
    ):  # that plan's public page
        return PUBLIC_HOME
    return REDIRECT


def _matches(expected, outcome) -> bool:
    if expected == ADMIN_OK:
        return outcome in (200, REDIRECT)
    return expected == outcome


def _requests(row: Row, role: str, url: str, objects) -> list[tuple[str, object, str, dict]]:
    """(label, expected, method, request arguments) for one role at one URL."""
    from urllib.parse import urlencode

    side = "other" if role == "other" else "own"
    query = row.query(objects, side) if row.query else {}
    data = row.data(objects, side) if row.data else {}
    if row.json_body:
        signed = bare = {"data": json.dumps(data), "content_type": "application/json"}
    else:
        signed, bare = {"data": {**data, "csrfmiddlewaretoken": CSRF_SECRET}}, {"data": data}
    found = [
        ("GET", row.get[role], "GET", {"path": url + ("?" + urlencode(query) if query else "")}),
        ("POST", row.post[role], "POST", {"path": url, **signed}),
        (
            "POST without CSRF token",
            row.post[role] if row.csrf_exempt else 403,
            "POST",
            {"path": url, **bare},
        ),
    ]
    # No view takes these; one role is enough for PUT and PATCH, every role tries DELETE.
    for method in ("PUT", "PATCH", "DELETE") if role == "planner" else ("DELETE",):
        found.append((method, 405, method, {"path": url, "headers": {"X-CSRFToken": CSRF_SECRET}}))
    return found


def _send(client, method: str, arguments: dict):
    if method == "GET":
        return client.get(**arguments)
    if method == "POST":
        return client.post(**arguments)
    return client.generic(method, **arguments)


def _check(url_for, row: Row, objects) -> list[str]:
    """Every role × (GET, POST with token, POST without token, PUT/PATCH/DELETE); the mismatches."""
    problems = []
    for role in ROLES:
        url = url_for("other" if role == "other" else "own")
        client = None
        for label, expected, method, arguments in _requests(row, role, url, objects):
            if expected is None:
                continue
            if client is None or row.fresh_clients:
                client = _client(role)
            if label == "POST without CSRF token":
                del client.cookies["csrftoken"]
            outcome = _outcome(_send(client, method, arguments))
            client.cookies["csrftoken"] = CSRF_SECRET
            if not _matches(expected, outcome):
                problems.append(f"{label} {url} as {role}: expected {expected}, got {outcome}")
    return problems


@pytest.mark.parametrize("name", sorted(set(MATRIX) - SCOPED_ONLY))
def test_url_gives_each_role_its_status(name, objects, monkeypatch, settings):
    from django.urls import reverse

    # Who may download a report is the question here, not the report (tests/web/test_reports_download.py).
    monkeypatch.setattr(
        "planwatch.web.evaluations.report_views.build_stored_report", lambda *a, **k: b"<html></html>"
    )
    settings.PLANWATCH_REPORT_RUNNER = "inline"  # built in the request, not by a thread

    row = MATRIX[name]
    if name in REDIRECTED_PAGES:
        row = Row(**{**row.__dict__, "get": everyone(PUBLIC_HOME if name == "public-home" else REDIRECT)})
    problems = _check(
        lambda side: reverse(name, kwargs=row.kwargs(objects, side) if row.kwargs else None), row, objects
    )
    assert not problems, "\n".join(problems)


# The scoped dashboard of a plan: the public are sent to the public pages, as at `/`.
SCOPED_ROWS = {"dashboard": Row(get=roles(200, anonymous=PUBLIC_HOME, public=PUBLIC_HOME))}
# The national plan has no data, so no lagging indicator to explain: Songjiang's indicator is not found there.
NATIONAL_ROWS = {
    "explanations": Row(
        get=signed_in(200),
        post=roles(404, anonymous=LOGIN, public=403),
        data=MATRIX["explanations"].data,
    ),
    # The national plan's period is 2026–2030: its first round is for a year of it.
    "onboarding-round": Row(
        get=planners(REDIRECT),
        post=planners(REDIRECT),
        data=lambda o, side: {"year": "2026", "deadline": "2027-03-31"},
    ),
    # Songjiang's indicator and round are not the national plan's: not found there, never another plan's.
    "monitoring-rules": Row(get=planners(200), post=planners(404), data=MATRIX["monitoring-rules"].data),
    "monitoring-remind": Row(
        get=planners(REDIRECT), post=planners(404), data=MATRIX["monitoring-remind"].data
    ),
}


@pytest.mark.parametrize("which", ["songjiang", "national"])
@pytest.mark.parametrize("name", sorted(name for name, _ in _plan_patterns_at_import()))
def test_plan_scoped_url_gives_each_role_its_status(name, which, objects, national, monkeypatch, settings):
    """`/plans/<id>/…` for both plans of the demo: the same statuses as the page of the default plan."""
    from django.urls import reverse

    monkeypatch.setattr(
        "planwatch.web.evaluations.report_views.build_stored_report", lambda *a, **k: b"<html></html>"
    )
    settings.PLANWATCH_REPORT_RUNNER = "inline"  # built in the request, not by a thread
    row = SCOPED_ROWS.get(name) or (NATIONAL_ROWS.get(name) if which == "national" else None) or MATRIX[name]
    plan_id = objects["own"]["plan_id"] if which == "songjiang" else national.pk

    def url(side):
        kwargs = row.kwargs(objects, side) if row.kwargs else {}
        return reverse(f"plan:{name}", kwargs={**kwargs, "plan_id": plan_id})

    problems = _check(url, row, objects)
    assert not problems, "\n".join(problems)


def test_an_unknown_or_archived_plan_is_not_found(objects, national):
    """Never silently another plan: an unknown id is 404 for everyone, an archived plan for all but 规划科."""
    national.archived = True
    national.save()
    for role in ROLES:
        client = _client(role)
        assert client.get("/plans/999999/monitoring/").status_code in (302, 404)
        assert client.get("/plans/999999/evaluations/").status_code in (302, 404)
        if role not in ("anonymous", "public"):
            assert client.get("/plans/999999/projects/").status_code == 404, role
            expected = 200 if role in ("admin", "planner") else 404
            assert client.get(f"/plans/{national.pk}/projects/").status_code == expected, role
    assert _client("anonymous").get(f"/plans/{national.pk}/public/").status_code == 404
    assert _client("anonymous").get("/plans/999999/public/").status_code == 404


def _admin_url(name: str | None, route: str, objects_by_model: dict) -> str | None:
    """The admin URL filled with an existing object of its model (or the app's label); None if unknown."""
    from django.urls import reverse

    if name is None and route.endswith("(?P<url>.*)$"):  # the admin's catch-all
        return "/admin/no-such-page/"
    if name is None:  # admin/<app>/<model>/<object_id>/ redirects to the change page
        if not route.endswith("<path:object_id>/"):
            return None
        app, model = route.split("/")[1:3]
        return f"/admin/{app}/{model}/{objects_by_model.get(f'{app}_{model}', 1)}/"
    if name == "view_on_site":
        return reverse("admin:view_on_site", args=[1, 1])
    if name == "app_list":
        return reverse("admin:app_list", kwargs={"app_label": "accounts"})
    if name in (
        "login",
        "logout",
        "index",
        "password_change",
        "password_change_done",
        "jsi18n",
        "autocomplete",
    ):
        return reverse(f"admin:{name}")
    if name.endswith("_password_change"):  # a user's password form
        return reverse(
            f"admin:{name}", kwargs={"id": objects_by_model.get(name.removesuffix("_password_change"), 1)}
        )
    model, _, action = name.rpartition("_")
    if action in ("changelist", "add"):
        return reverse(f"admin:{name}")
    if action in ("history", "delete", "change"):
        return reverse(f"admin:{name}", kwargs={"object_id": objects_by_model.get(model, 1)})
    return None


def test_admin_pages_are_for_the_administrator_only(objects):
    from django.contrib import admin

    objects_by_model = {}
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        objects_by_model[f"{model._meta.app_label}_{model._meta.model_name}"] = first.pk if first else 1
    problems = []
    for name, route, _ in _admin_patterns():
        url = _admin_url(name, route, objects_by_model)
        # The administrator's own POSTs there would delete the accounts the test signs in with: not sent.
        if name is None and route.endswith("(?P<url>.*)$"):
            name = "catch_all"
        row = ADMIN_SPECIAL.get(name) or Row(get=ADMIN_ANYONE_ELSE, post=roles(ADMIN_LOGIN, admin=None))
        problems += _check(lambda side, u=url: u, row, objects)
    assert not problems, "\n".join(problems)


# The people and department pages, administrator's setting aside, once the administrator lets the planning office
# manage people: 规划科 gets what the administrator gets (the administrator's own requests are in MATRIX).
PEOPLE_PAGES = (
    "people",
    "person-new",
    "person-edit",
    "person-password",
    "department-new",
    "department-edit",
    "department-deactivate",
    "department-reactivate",
)


@pytest.mark.parametrize("name", PEOPLE_PAGES)
def test_people_pages_when_the_planning_office_may_manage_people(name, objects):
    from django.urls import reverse

    from planwatch.web.plans.models import SystemSetting

    setting = SystemSetting.objects.first() or SystemSetting()
    setting.planners_manage_people = True
    setting.save()
    base = MATRIX[name]
    row = Row(
        **{
            **base.__dict__,
            "get": {**base.get, "admin": None, "planner": base.get["admin"]},
            "post": {**base.post, "admin": None, "planner": base.post["admin"]},
        }
    )
    problems = _check(
        lambda side: reverse(name, kwargs=row.kwargs(objects, side) if row.kwargs else None), row, objects
    )
    assert not problems, "\n".join(problems)


def test_the_people_setting_stays_the_administrators(objects):
    from planwatch.web.plans.models import SystemSetting

    SystemSetting.objects.update_or_create(defaults={"planners_manage_people": True})
    base = MATRIX["people-setting"]
    row = Row(**{**base.__dict__, "get": {**base.get, "admin": None}, "post": {**base.post, "admin": None}})
    problems = _check(lambda side: "/accounts/people/setting/", row, objects)
    assert not problems, "\n".join(problems)
    assert SystemSetting.objects.get().planners_manage_people
