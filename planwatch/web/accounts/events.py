"""The audit trail's business events (提交、审核通过、退回…): one registry entry per kind of event.

An event is derived from a model change (its model, the action and the fields before and after) by the first
entry whose model and test match; events that are no model save (a sign-in, a failed one) are recorded with
`audit.record_event`. A change no entry matches is still recorded, as 新增/修改/删除记录.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planwatch.vocabulary import STATUS_ZH

SUBMITTED, APPROVED, REJECTED, DRAFT = "submitted", "approved", "rejected", "draft"


@dataclass(frozen=True)
class Change:
    """A save or delete of a model: raw field values by field name before ({} when created) and after."""

    model: str  # "monitoring.observation"
    action: str  # create | update | delete
    before: dict
    after: dict
    instance: object = None

    def was(self, name: str):
        return self.before.get(name)

    def now(self, name: str):
        return self.after.get(name)

    def changed(self, *names: str) -> bool:
        return self.action == "update" and any(self.was(n) != self.now(n) for n in names)

    def moved(self, name: str, to, away_from=None) -> bool:
        """An update that set `name` to `to` (from `away_from` when given)."""
        if self.action != "update" or self.now(name) != to or self.was(name) == to:
            return False
        return away_from is None or self.was(name) == away_from


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str
    model: str | None  # model label; None: recorded only by record_event
    test: Callable[[Change], bool] = lambda change: True
    shows: tuple[str, ...] = ()  # fields whose before → after is the event's readable change
    comment: Callable[[Change], str] = lambda change: ""
    words: Callable[[Change], str] | None = None  # the readable change, when `shows` cannot say it


def _created(change: Change) -> bool:
    return change.action == "create"


def _updated(change: Change) -> bool:
    return change.action == "update"


def _deleted(change: Change) -> bool:
    return change.action == "delete"


def _field(name: str) -> Callable[[Change], str]:
    """The field as the change leaves it (as it was, for a delete): an approval never repeats the comment of an
    earlier rejection."""
    return lambda change: str((change.was(name) if _deleted(change) else change.now(name)) or "")


def _submitted(change: Change) -> bool:
    if change.action == "create":
        return change.now("state") == SUBMITTED
    return change.moved("state", SUBMITTED)


def _corrected(change: Change) -> bool:
    return (
        change.was("state") == APPROVED
        and change.now("state") == APPROVED
        and change.changed("value", "unit", "source", "vintage", "note")
    )


def _indicator_corrected(change: Change) -> bool:
    """A planner's correction of what the plan says (name, target, unit, department…), not a flag alone."""
    flags = {"confirmed", "published", "corrected", "target_version", "detached"}
    return change.changed(*(name for name in change.after if name not in flags))


def _override_words(change: Change) -> str:
    computed = STATUS_ZH.get(change.now("computed_status") or "", "—")
    return f"系统评价{computed} → 人工评价{STATUS_ZH.get(change.now('status') or '', '—')}"


OBS, ADJ, IND, PLAN = "monitoring.observation", "plans.adjustment", "plans.indicator", "plans.plan"
OVERRIDE, EXPLAIN = "evaluations.verdictoverride", "projects.laggingexplanation"

EVENTS: tuple[EventKind, ...] = (
    # Figures: entry, review, correction (监测值)
    EventKind("submit", "提交", OBS, _submitted, ("state", "value")),
    EventKind(
        "approve",
        "审核通过",
        OBS,
        lambda c: c.moved("state", APPROVED),
        ("state", "value"),
        _field("comment"),
    ),
    EventKind(
        "reject", "退回", OBS, lambda c: c.moved("state", REJECTED), ("state", "value"), _field("comment")
    ),
    EventKind("withdraw", "撤回", OBS, lambda c: c.moved("state", DRAFT, SUBMITTED), ("state", "value")),
    EventKind(
        "correct",
        "修正（人工更正）",
        OBS,
        _corrected,
        ("value", "unit", "source"),
        lambda c: str(getattr(c.instance, "_change_reason", "") or ""),
    ),
    EventKind("draft", "保存草稿", OBS, lambda c: not _deleted(c) and c.now("state") == DRAFT, ("value",)),
    EventKind("observation-create", "录入监测值", OBS, _created, ("state", "value")),
    EventKind("observation-delete", "删除监测值", OBS, _deleted, ("state", "value")),
    # Target adjustments (规划调整)
    EventKind("adjust-propose", "规划调整提出", ADJ, _created, ("new_target_text",), _field("reason")),
    EventKind(
        "adjust-approve",
        "规划调整批准",
        ADJ,
        lambda c: c.moved("state", APPROVED),
        ("state", "new_target_text"),
        _field("decision_comment"),
    ),
    EventKind(
        "adjust-reject",
        "规划调整驳回",
        ADJ,
        lambda c: c.moved("state", REJECTED),
        ("state", "new_target_text"),
        _field("decision_comment"),
    ),
    # Verdict overrides (改评)
    EventKind("override", "改评", OVERRIDE, lambda c: not _deleted(c), (), _field("reason"), _override_words),
    EventKind("override-delete", "撤销改评", OVERRIDE, _deleted, ("status",), _field("reason")),
    # Plans: import, versions, archive (导入规划)
    EventKind("plan-import", "导入规划", PLAN, _created, ("version",)),
    EventKind("plan-version", "导入新版本", PLAN, lambda c: c.changed("version"), ("version",)),
    EventKind("plan-archive", "归档", PLAN, lambda c: c.moved("archived", True), ("archived",)),
    EventKind("plan-restore", "恢复规划", PLAN, lambda c: c.moved("archived", False), ("archived",)),
    EventKind("plan-undo", "撤销导入", PLAN, _deleted, ("version",)),
    EventKind(
        "plan-settings",
        "修改评估参数",
        PLAN,
        _updated,
        ("progress_tolerance", "growth_tolerance_pp", "four_eyes"),
    ),
    EventKind("default-plan", "设定默认规划", "plans.systemsetting", shows=("default_plan",)),
    # Indicators (指标核对)
    EventKind("indicator-correct", "更正指标", IND, _indicator_corrected),
    EventKind("indicator-confirm", "核对确认", IND, lambda c: c.moved("confirmed", True), ("confirmed",)),
    EventKind("indicator-publish", "公开发布", IND, lambda c: c.moved("published", True), ("published",)),
    EventKind("indicator-unpublish", "取消发布", IND, lambda c: c.moved("published", False), ("published",)),
    EventKind("indicator-update", "修改指标", IND, _updated),
    EventKind("indicator-create", "新增指标", IND, _created),
    # Rounds, reminders, evaluations, reports
    EventKind("round-open", "开启填报轮次", "monitoring.reportinground", _created, ("year", "deadline")),
    EventKind(
        "round-close",
        "关闭填报轮次",
        "monitoring.reportinground",
        lambda c: c.moved("is_open", False),
        ("is_open",),
    ),
    EventKind("remind", "催报", "monitoring.reminder", _created, ("message",)),
    EventKind("remind-read", "催报已阅", "monitoring.reminder", _updated, ("read_at",)),
    EventKind("evaluate", "运行评估", "evaluations.evaluationrun", _created, ("year",)),
    EventKind("report-text", "修改报告文字", "evaluations.reporttext", lambda c: not _deleted(c), ("text",)),
    # Departments' own work: tasks, projects, explanations
    EventKind(
        "task-assign", "任务分解", "projects.taskassignment", _created, ("department", "year", "milestone")
    ),
    EventKind("task-progress", "任务进展", "projects.taskassignment", _updated, ("status", "progress_note")),
    EventKind("milestone-set", "设定年度节点", "projects.taskmilestone", _created, ("target",)),
    EventKind(
        "milestone-report",
        "报送节点完成情况",
        "projects.taskmilestone",
        lambda c: c.changed("status", "report"),
        ("status", "report"),
    ),
    EventKind("project-create", "新增项目", "projects.project", _created, ("status", "department")),
    EventKind("project-update", "修改项目", "projects.project", _updated),
    EventKind(
        "project-progress",
        "项目进展",
        "projects.progressreport",
        _created,
        ("status", "progress", "investment_year", "investment_total"),
        _field("text"),
    ),
    EventKind("explain-approve", "说明审核通过", EXPLAIN, lambda c: c.moved("state", "approved"), ("state",)),
    EventKind(
        "explain-return",
        "说明退回",
        EXPLAIN,
        lambda c: c.moved("state", "returned"),
        ("state",),
        _field("review_comment"),
    ),
    EventKind("explain", "报送责任部门说明", EXPLAIN, lambda c: not _deleted(c), ("state",), _field("text")),
    # Access: tokens and sign-in
    EventKind("token-issue", "令牌签发", "accounts.apitoken", _created, ("note",)),
    EventKind("token-revoke", "令牌吊销", "accounts.apitoken", _deleted, ("note",)),
    EventKind("account", "用户与部门", "accounts.profile", shows=("role", "department")),
    EventKind("password-change", "修改密码", None),
    EventKind(
        "department-deactivate",
        "部门停用",
        "accounts.department",
        lambda c: c.moved("is_active", False),
        ("is_active",),
    ),
    EventKind(
        "department-reactivate",
        "部门启用",
        "accounts.department",
        lambda c: c.moved("is_active", True),
        ("is_active",),
    ),
    EventKind("department", "部门设置", "accounts.department", shows=("name",)),
    EventKind("handover", "部门移交", None),
    EventKind("supporting", "配合部门调整", None),
    EventKind("login", "登录成功", None),
    EventKind("login-failed", "登录失败", None),
    # Anything else a person changed, field by field
    EventKind("record-create", "新增记录", "*", _created),
    EventKind("record-update", "修改记录", "*", _updated),
    EventKind("record-delete", "删除记录", "*", _deleted),
)
BY_KEY: dict[str, EventKind] = {kind.key: kind for kind in EVENTS}
LABELS: dict[str, str] = {kind.key: kind.label for kind in EVENTS}
LEGACY = {"create": "record-create", "update": "record-update", "delete": "record-delete"}


def event_for(change: Change) -> EventKind:
    """The first kind whose model and test match the change (a catch-all ends the table)."""
    for kind in EVENTS:
        if kind.model in (change.model, "*") and kind.test(change):
            return kind
    return BY_KEY[LEGACY.get(change.action, "record-update")]


def label_of(key: str) -> str:
    return LABELS.get(key) or LABELS[LEGACY.get(key, "record-update")]
