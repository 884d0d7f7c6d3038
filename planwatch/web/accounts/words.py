"""The audit trail in words: people by their names, objects as a planner names them, values as they were typed."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from planwatch.vocabulary import REPORT_KIND_ZH, REPORT_TEXT_ZH

logger = logging.getLogger(__name__)

HIDDEN_FIELDS = {"id", "source_text", "source_file", "key_hash", "key", "password", "search_words"}
TEXT_LIMIT = 120  # characters of a long text shown in a field change; the snapshot keeps it whole


def display_name(user) -> str:
    """A person as colleagues know them: full name, else the user name."""
    if user is None:
        return ""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def department_name(user) -> str:
    """The person's department; for the planning office, leaders and administrators without one, their role."""
    from planwatch.vocabulary import ROLE_ZH
    from planwatch.web.accounts.permissions import role_of

    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    department = getattr(profile, "department", None) if profile is not None else None
    if department is not None:
        return department.name
    return ROLE_ZH.get(role_of(user) or "", "")


def number(value: float | int) -> str:
    """A number as written: 61.5, 1637.11, 10000000 — no float noise, no exponent."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return format(value, ".12g")


def local_time(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_words(field, raw, related=None) -> str:
    """One stored value in the words of the page: a choice's label, a related object's name, 是/否, a number."""
    if raw is None or raw == "" or raw == []:
        return "—"
    if getattr(field, "is_relation", False):
        return thing_name(related) if related is not None else f"（已删除，编号{raw}）"
    choices = dict(getattr(field, "flatchoices", None) or ())
    if isinstance(raw, str | int) and raw in choices:
        return str(choices[raw])
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, int | float):
        return number(raw)
    if isinstance(raw, datetime.datetime):
        return local_time(raw)
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, list | tuple):
        if all(isinstance(v, str | int | float) for v in raw) and len(raw) <= 8:
            return short("、".join(number(v) if isinstance(v, float) else str(v) for v in raw))
        return f"（{len(raw)}项）"
    if isinstance(raw, dict):
        return f"（{len(raw)}项）"
    return short(raw)


def thing_name(obj) -> str:
    from django.contrib.auth import get_user_model

    if isinstance(obj, get_user_model()):
        return display_name(obj)
    return short(str(obj), 80)


# Fields some models leave unnamed, in the page's words (a related object is named by its model otherwise).
FIELD_ZH = {"user": "用户", "created": "创建时间"}


def field_label(field) -> str:
    label = str(getattr(field, "verbose_name", field.name))
    if not label.isascii():
        return label
    if field.name in FIELD_ZH:
        return FIELD_ZH[field.name]
    related = getattr(field, "related_model", None)
    return str(related._meta.verbose_name) if related is not None else label


def _indicator(ind) -> str:
    return f"指标{ind.number}“{ind.name}”"


def _task(task) -> str:
    return f"任务“{short(task.title or task.text, 30)}”"


# How each kind of object is named on the audit page (model label → words); others by their verbose name.
OBJECT_WORDS = {
    "monitoring.observation": lambda o: (
        f"{_indicator(o.indicator)}{o.year}年值" + (f"（{o.series}）" if o.series else "")
    ),
    "evaluations.verdictoverride": lambda o: f"{_indicator(o.indicator)}{o.year}年评价",
    "plans.adjustment": lambda o: f"{_indicator(o.indicator)}的目标",
    "plans.indicator": _indicator,
    "plans.plan": lambda o: f"《{o.title}》",
    "plans.systemsetting": lambda o: "系统设置（默认规划）",
    "monitoring.reportinground": lambda o: f"填报轮次“{o.title}”",
    "evaluations.evaluationrun": lambda o: f"{o.year}年评估",
    "evaluations.reporttext": lambda o: (
        f"{o.year}年{REPORT_KIND_ZH.get(getattr(o, 'kind', ''), '报告')}“{REPORT_TEXT_ZH.get(o.key, o.key)}”"
    ),
    "projects.project": lambda o: f"项目“{short(o.name, 40)}”",
    "projects.milestone": lambda o: f"项目“{short(o.project.name, 40)}”{o.year}年节点",
    "projects.progressreport": lambda o: (
        f"项目“{short(o.project.name, 40)}”进展" + (f"（{o.period}）" if o.period else "")
    ),
    "projects.taskassignment": lambda o: f"{_task(o.task)}{o.year}年分解（{o.department}）",
    "projects.taskmilestone": lambda o: f"{_task(o.assignment.task)}{o.year}年节点",
    "projects.laggingexplanation": lambda o: f"{_indicator(o.indicator)}{o.year}年责任部门说明",
    "accounts.apitoken": lambda o: f"令牌{o.prefix}…（{display_name(o.user)}）",
    "accounts.profile": lambda o: f"用户{display_name(o.user)}",
    "accounts.department": lambda o: f"部门“{o.name}”",
}

# Where an object's plan and department are found, tried in order (a new model usually fits one of them).
_PLAN_PATHS = ("plan", "indicator.plan", "round.plan", "project.plan", "task.plan", "assignment.task.plan")
_DEPARTMENT_PATHS = ("department", "indicator.department", "project.department", "assignment.department")


def _follow(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _first(obj, paths: tuple[str, ...]):
    for path in paths:
        try:
            found = _follow(obj, path)
        except ObjectDoesNotExist:
            continue
        if found is not None:
            return found
    return None


def describe(label: str, instance) -> tuple[str, object, str]:
    """(the object in words, its plan or None, its department's name) for an audited object."""
    from planwatch.web.plans.models import Plan

    try:
        words = OBJECT_WORDS[label](instance) if label in OBJECT_WORDS else ""
    except ObjectDoesNotExist:  # a cascade removed what it hung on
        words = ""
    except (AttributeError, TypeError, ValueError):  # a model changed under its entry: named generically
        logger.warning("audit: cannot name %s #%s in words", label, instance.pk, exc_info=True)
        words = ""
    if not words:
        words = f"{instance._meta.verbose_name}“{short(str(instance), 80)}”"
    plan = instance if isinstance(instance, Plan) else _first(instance, _PLAN_PATHS)
    department = _first(instance, _DEPARTMENT_PATHS)
    return words, plan if isinstance(plan, Plan) else None, str(department) if department is not None else ""
