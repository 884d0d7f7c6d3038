"""Optimistic locking: a row version incremented on every save and checked in the UPDATE's WHERE clause.

Two reviewers who load the same row both hold version n; the first save writes n+1, the second finds no
row with version n and is refused (`StaleEdit`) instead of silently overwriting the first. The check is the
UPDATE itself, so it holds across processes and database connections.
"""

from __future__ import annotations

from django.db import models, transaction

from planwatch.web.params import is_number


class StaleEdit(Exception):
    """The row changed (or was deleted) since it was read; `current` is the row as stored now, or None."""

    def __init__(self, current):
        super().__init__("该记录已被他人修改")
        self.current = current


class VersionedModel(models.Model):
    row_version = models.PositiveIntegerField("记录版本", default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "row_version"}
        expected = self.row_version
        self._expected_row_version = expected
        self.row_version = expected + 1
        try:
            # a savepoint of its own, so a refused save leaves the caller's transaction usable
            with transaction.atomic(using=kwargs.get("using") or self._state.db):
                super().save(*args, **kwargs)
        except BaseException:
            self.row_version = expected
            raise
        finally:
            del self._expected_row_version

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_expected_row_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        updated = super()._do_update(
            base_qs.filter(row_version=expected), using, pk_val, values, update_fields, forced_update
        )
        if not updated:
            raise StaleEdit(type(self)._base_manager.using(using).filter(pk=pk_val).first())
        return updated

    def expect_version(self, posted: str | None) -> None:
        """Take the version the user's form was built from, so the save is checked against what they saw."""
        if posted is not None and is_number(str(posted).strip()):
            self.row_version = int(str(posted).strip())


def last_editor(instance) -> str:
    """Who saved the row last and when, from its simple-history records: “张三（2025-03-01 10:02）”."""
    history = getattr(instance, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    if record is None:
        return "他人"
    user = record.history_user
    name = (user.get_full_name() or user.username) if user is not None else "系统"
    from django.utils import timezone

    return f"{name}（{timezone.localtime(record.history_date):%Y-%m-%d %H:%M}）"
