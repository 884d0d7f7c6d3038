"""Departments, the role of each user, API tokens and the audit log."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from planwatch import vocabulary

ADMINISTRATOR = "administrator"
PLANNING_OFFICE = "planning"
REPORTER = "reporter"
LEADER = "leader"

ROLES = vocabulary.role_choices()


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        """The departments work can be given to: a deactivated one (停用) stays only in history."""
        return self.filter(is_active=True)


class Department(models.Model):
    name = models.CharField("部门名称", max_length=100, unique=True)
    code = models.SlugField("代码", max_length=40, unique=True)
    kind = models.CharField(
        "部门类型", max_length=20, choices=vocabulary.department_kind_choices, default="bureau"
    )
    # Never deleted: a deactivated department leaves assignment choices, entry and reminders, and keeps its past.
    is_active = models.BooleanField("启用", default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "部门"
        verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("角色", max_length=20, choices=vocabulary.role_choices, default=LEADER)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="部门",
    )

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user.username}（{self.get_role_display()}）"


class OneTimePassword(models.Model):
    """The account's password was set by an administrator or the planning office (new account, reset): until the
    person chooses their own, they can do nothing else (accounts/first_password.py). Never holds the password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="one_time_password"
    )
    set_at = models.DateTimeField("设定时间", auto_now_add=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="设定人",
    )

    class Meta:
        verbose_name = "一次性密码"
        verbose_name_plural = "一次性密码"


def token_hash(key: str) -> str:
    """How a token is stored: its SHA-256 (a token is 160 random bits, so no slow hash is needed)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class ApiToken(models.Model):
    """A bearer token with which a department's system submits observations through the API.

    Only the token's hash is stored: it is shown once, when issued, and can be neither read back nor copied from
    the database, the admin, the audit log or a backup.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        "令牌开头", max_length=8, editable=False, help_text="用于辨认令牌，不能用来登录"
    )
    note = models.CharField("用途", max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.user}）"

    @classmethod
    def issue(cls, user, note: str = "") -> ApiToken:
        """A new token for `user`; its clear text is on the returned object's `key`, once, and stored nowhere."""
        key = secrets.token_hex(20)
        token = cls.objects.create(user=user, key_hash=token_hash(key), prefix=key[:8], note=note)
        token.key = key
        return token

    @classmethod
    def owner(cls, key: str):
        """The active user of the token `key`, or None."""
        if not key or len(key) > 200:
            return None
        token = cls.objects.select_related("user").filter(key_hash=token_hash(key)).first()
        return token.user if token is not None and token.user.is_active else None


class AuditEntry(models.Model):
    """One business event (提交、审核通过、退回…) or change of a stored object: who, when, what it was before and
    after (全过程留痕). The event and its words are derived when written (accounts/events.py); `before` and `after`
    keep the raw field-level snapshots underneath, `fields` the same change in readable words."""

    when = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=10)  # create | update | delete | event
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    address = models.CharField("来源地址", max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    event = models.CharField("事件", max_length=30, blank=True, db_index=True)
    model_label = models.CharField("对象类型", max_length=60, blank=True)
    actor = models.CharField("人员", max_length=150, blank=True)  # display name at the time
    actor_department = models.CharField("人员部门", max_length=100, blank=True)
    object_department = models.CharField("对象部门", max_length=100, blank=True)
    plan_id = models.PositiveIntegerField(
        "规划", null=True, blank=True, db_index=True
    )  # kept after a deletion
    plan_title = models.CharField("规划名称", max_length=300, blank=True)
    summary = models.CharField("对象", max_length=300, blank=True)
    change = models.CharField("变化", max_length=300, blank=True)
    comment = models.TextField("意见", blank=True)
    fields = models.JSONField("字段变化", default=list, blank=True)

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = "操作留痕"
        verbose_name_plural = "操作留痕"

    ACTIONS_ZH = {"create": "新增", "update": "修改", "delete": "删除", "event": "事件"}

    @property
    def event_label(self) -> str:
        from planwatch.web.accounts.events import label_of

        return label_of(self.event or self.action)

    @property
    def local_when(self) -> str:
        from planwatch.web.accounts.words import local_time

        return local_time(self.when)

    @property
    def field_rows(self) -> list:
        """[label, before, after] in words; entries written before events were named show their raw values."""
        if self.fields:
            return self.fields
        from planwatch.web.accounts.words import short

        shown = lambda v: "—" if v in (None, "") else short(str(v))  # noqa: E731
        return [[k, shown(b) if self.action != "create" else "", shown(a)] for k, b, a in self.changes]

    @property
    def action_zh(self) -> str:
        return self.ACTIONS_ZH.get(self.action, self.action)

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [
            (k, before.get(k), after.get(k))
            for k in keys
            if before.get(k) != after.get(k)
            and not (self.action == "create" and after.get(k) in (None, "", []))
        ]


class LoginFailure(models.Model):
    """A failed sign-in, counted per user name and per address to throttle password guessing."""

    when = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"


class ApiSubmission(models.Model):
    """The answer to a POST /api/observations sent with an Idempotency-Key: a retry gets it again, unwritten."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_answer_per_idempotency_key")]
        verbose_name = "接口提交记录"
        verbose_name_plural = "接口提交记录"
