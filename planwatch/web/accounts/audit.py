"""Audit log: every save and delete of the project's models is written with the user who made it."""

from __future__ import annotations

import threading

from django.db.models.signals import post_delete, post_save, pre_save
from django.forms.models import model_to_dict

_state = threading.local()
AUDITED_APPS = {"plans", "monitoring", "evaluations", "projects", "accounts"}
SKIPPED_MODELS = {
    "AuditEntry",
    "ApiSubmission",
    "LoginFailure",
    "Chapter",
    "Section",
    "Task",
    "Footnote",
    "Target",
    # Derived rows a page view writes (an evaluation stored for reuse, a plan's data stamp): nobody's change, and
    # the change that renews them (an observation, an override…) is logged itself.
    "StoredEvaluation",
    "PlanDataVersion",
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


def _before_save(sender, instance, **kwargs):
    if not _audited(sender) or instance.pk is None:
        return
    old = sender._default_manager.using(kwargs.get("using")).filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, using=None, **kwargs):
    if raw or not _audited(sender):
        return
    from planwatch.web.accounts.models import AuditEntry

    before = None if created else getattr(instance, "_audit_before", None)
    after = _snapshot(instance)
    if before == after:
        return
    AuditEntry.objects.using(using).create(
        user=current_user(),
        action="create" if created else "update",
        model=sender._meta.verbose_name,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        address=current_address(),
        before=before,
        after=after,
    )


def _after_delete(sender, instance, using=None, **kwargs):
    if not _audited(sender):
        return
    from planwatch.web.accounts.models import AuditEntry

    AuditEntry.objects.using(using).create(
        user=current_user(),
        action="delete",
        model=sender._meta.verbose_name,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        address=current_address(),
        before=_snapshot(instance),
        after=None,
    )


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="planwatch-audit-pre")
    post_save.connect(_after_save, dispatch_uid="planwatch-audit-post")
    post_delete.connect(_after_delete, dispatch_uid="planwatch-audit-delete")
