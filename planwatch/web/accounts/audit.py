"""Audit log: every save and delete of the project's models is written with the user who made it, as a business
event (accounts/events.py) with its object, change and comment in words (accounts/words.py), over the raw
field-level snapshots. Caches the system keeps (stored evaluations, data stamps) are not a person's change: they
are not recorded, so opening a page writes nothing here."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_save
from django.forms.models import model_to_dict

from planwatch.web.accounts import events, words

_state = threading.local()
AUDITED_APPS = {"plans", "monitoring", "evaluations", "projects", "accounts"}
SKIPPED_MODELS = {
    "AuditEntry",
    "ApiSubmission",
    "LoginFailure",
    "OneTimePassword",  # part of a password set, reset or change, which the people pages record as one event
    "RoundAssignment",  # recorded when a round closes (the round-close event), dropped when it reopens
    "Chapter",
    "Section",
    "Task",
    "Footnote",
    "Target",
    "StoredEvaluation",  # the evaluation cache, filled while anyone opens a page
    "PlanDataVersion",  # the cache's data stamp
    "StoredReport",  # a built file, derived from audited data: a cache, not a person's change
}
SECRET_FIELDS = {"key_hash", "key", "password"}  # never written to the audit log


def current_user():
    return getattr(_state, "user", None)


def set_current_user(user) -> None:
    _state.user = user


def current_address() -> str:
    return getattr(_state, "address", "")


class AuditUserMiddleware:
    """Remembers the signed-in user of the request so the signal handlers can name them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from planwatch.web.security import client_address

        user = getattr(request, "user", None)
        set_current_user(user if user is not None and user.is_authenticated else None)
        _state.address = client_address(request)
        try:
            return self.get_response(request)
        finally:
            set_current_user(None)
            _state.address = ""


def _snapshot(instance) -> dict:
    """Field values keyed by the field's Chinese label, as the audit page shows them."""
    data = model_to_dict(instance)
    labels = {
        f.name: str(getattr(f, "verbose_name", f.name))
        for f in instance._meta.get_fields()
        if hasattr(f, "attname")
    }
    return {
        labels.get(key, key): _plain(value)
        for key, value in data.items()
        if key not in ("source_text", "source_file") and key not in SECRET_FIELDS
    }


def _plain(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "pk"):
        return value.pk
    return str(value)


def _audited(sender) -> bool:
    meta = sender._meta
    name = sender.__name__
    return (
        meta.app_label in AUDITED_APPS
        and name not in SKIPPED_MODELS
        and not name.startswith("Historical")
        and not meta.auto_created
    )


def _raw(instance) -> dict:
    """Field values by field name, as stored (a related object by its key): what the event table tests."""
    if instance is None:
        return {}
    return {f.name: f.value_from_object(instance) for f in instance._meta.concrete_fields}


def _related(obj, field):
    try:
        return getattr(obj, field.name)
    except ObjectDoesNotExist:
        return None


def _field_words(obj, field) -> str:
    if obj is None:
        return ""
    raw = field.value_from_object(obj)
    shown = words.value_words(
        field, raw, _related(obj, field) if field.is_relation and raw is not None else None
    )
    unit = getattr(obj, "unit", "") if field.name in VALUE_FIELDS else ""
    return f"{shown}{unit}" if unit and shown != "—" else shown


VALUE_FIELDS = {"value", "target_value", "baseline_value"}  # shown with the object's unit


def _worth_showing(f) -> bool:
    """Not a secret, not a long source text, not the locking counter."""
    return f.name not in words.HIDDEN_FIELDS and f.name not in SECRET_FIELDS and f.name != "row_version"


def _readable(meta, old, new, action: str) -> list[list[str]]:
    """[label, before, after] per field that changed (every filled one when created or deleted), in words."""
    rows = []
    for f in meta.concrete_fields:
        if not _worth_showing(f):
            continue
        before = f.value_from_object(old) if old is not None else None
        after = f.value_from_object(new) if new is not None else None
        if action == "update" and (before == after or getattr(f, "auto_now", False)):
            continue
        if action != "update" and (before if action == "delete" else after) in (None, "", [], {}):
            continue
        rows.append([words.field_label(f), _field_words(old, f), _field_words(new, f)])
    return rows


def _change_words(kind: events.EventKind, change: events.Change, old, new) -> str:
    """The event's readable change: “已提交待审 → 已退回；数值：61.5%”."""
    if kind.words is not None:
        return kind.words(change)
    meta = (new or old)._meta
    names = (
        kind.shows
        or tuple(
            f.name
            for f in meta.concrete_fields
            if change.action == "update"
            and change.changed(f.name)
            and _worth_showing(f)
            and not getattr(f, "auto_now", False)
        )[:3]
    )
    parts = []
    for name in names:
        try:
            f = meta.get_field(name)
        except FieldDoesNotExist:
            continue
        after = _field_words(new, f) if new is not None else ""
        before = _field_words(old, f) if old is not None else ""
        shown = after or before
        if old is not None and new is not None and before != after:
            shown = f"{before} → {after}"
        label = "" if name in ("state", "status") and change.changed(name) else f"{words.field_label(f)}："
        parts.append(label + shown)
    return words.short("；".join(parts), 300)


def _actor_fields(user) -> dict:
    return {
        "user": user,
        "actor": words.display_name(user),
        "actor_department": words.department_name(user),
        "address": current_address(),
    }


def _write(sender, instance, action: str, old, new, using, before, after) -> None:
    from planwatch.web.accounts.models import AuditEntry

    label = sender._meta.label_lower
    change = events.Change(label, action, _raw(old), _raw(new), instance)
    kind = events.event_for(change)
    summary, plan, department = words.describe(label, instance)
    AuditEntry.objects.using(using).create(
        **_actor_fields(current_user()),
        action=action,
        model=sender._meta.verbose_name,
        model_label=label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
        event=kind.key,
        summary=words.short(summary, 300),
        change=_change_words(kind, change, old, new),
        comment=kind.comment(change)[:2000],
        fields=_readable(sender._meta, old, new, action),
        plan_id=plan.pk if plan is not None else None,
        plan_title=plan.title[:300] if plan is not None else "",
        object_department=department[:100],
    )


def record_event(
    key: str,
    *,
    user=None,
    actor: str = "",
    summary: str = "",
    change: str = "",
    comment: str = "",
    plan=None,
    before: dict | None = None,
    after: dict | None = None,
    action: str = "event",
    model: str = "",
    obj=None,
):
    """An event that is no model save (a sign-in, a failed one, a change the model signals do not see), written as
    the audit trail's entry; `before`/`after` (field label → value) are kept as its field-level history."""
    from planwatch.web.accounts.models import AuditEntry

    if key not in events.BY_KEY:
        raise ValueError(f"unknown audit event {key!r}")
    fields = _actor_fields(user)
    if actor and not fields["actor"]:
        fields["actor"] = words.short(actor, 150)
    return AuditEntry.objects.create(
        **fields,
        action=action,
        model=model,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        event=key,
        summary=words.short(summary, 300),
        change=words.short(change, 300),
        comment=comment[:2000],
        before=before,
        after=after,
        fields=[
            [str(label), _shown((before or {}).get(label)), _shown((after or {}).get(label))]
            for label in dict.fromkeys([*(before or {}), *(after or {})])
            if (before or {}).get(label) != (after or {}).get(label)
        ],
        plan_id=plan.pk if plan is not None else None,
        plan_title=plan.title[:300] if plan is not None else "",
    )


def _shown(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value) or "（空）"
    return str(value)


def change_words(before: dict | None, after: dict | None) -> str:
    """“label：old → new；…” for the fields that differ, as the audit page's change column shows them."""
    parts = [
        f"{label}：{_shown((before or {}).get(label))} → {_shown((after or {}).get(label))}"
        for label in dict.fromkeys([*(before or {}), *(after or {})])
        if (before or {}).get(label) != (after or {}).get(label)
    ]
    return words.short("；".join(parts), 300)


@contextmanager
def written_by_caller(*instances):
    """Saves of `instances` inside the block are not audited by signal: the caller writes the one business event
    of the person's action itself (with before and after), so that one change is never logged twice."""
    for instance in instances:
        instance._audit_by_caller = True
    try:
        yield
    finally:
        for instance in instances:
            instance.__dict__.pop("_audit_by_caller", None)


def _by_caller(instance) -> bool:
    return getattr(instance, "_audit_by_caller", False)


def _before_save(sender, instance, **kwargs):
    if not _audited(sender) or instance.pk is None or _by_caller(instance):
        return
    old = sender._default_manager.using(kwargs.get("using")).filter(pk=instance.pk).first()
    instance._audit_old = old
    instance._audit_before = _snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, using=None, **kwargs):
    if raw or not _audited(sender) or _by_caller(instance):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = _snapshot(instance)
    if before == after:
        return
    old = None if created else getattr(instance, "_audit_old", None)
    _write(sender, instance, "create" if created else "update", old, instance, using, before, after)


def _after_delete(sender, instance, using=None, **kwargs):
    if not _audited(sender):
        return
    _write(sender, instance, "delete", instance, None, using, _snapshot(instance), None)


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="planwatch-audit-pre")
    post_save.connect(_after_save, dispatch_uid="planwatch-audit-post")
    post_delete.connect(_after_delete, dispatch_uid="planwatch-audit-delete")
