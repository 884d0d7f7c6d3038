"""Departments, the role of each user, API tokens and the audit log."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from planwatch import vocabulary

ADMINISTRATOR = "administrator"
PLANNING_OFFICE = "planning"
REPORTER = "reporter"
LEADER = "leader"

ROLES = vocabulary.role_choices()


class Department(models.Model):
    name = models.CharField("部门名称", max_length=100, unique=True)
    code = models.SlugField("代码", max_length=40, unique=True)

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


class ApiToken(models.Model):
    """A bearer token with which a department's system submits observations through the API."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    @classmethod
    def issue(cls, user) -> ApiToken:
        return cls.objects.create(user=user, key=secrets.token_hex(20))


class AuditEntry(models.Model):
    """One change of a stored object: who, when, what it was before and after (全过程留痕)."""

    when = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=10)  # create | update | delete
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = "操作留痕"
        verbose_name_plural = "操作留痕"

    ACTIONS_ZH = {"create": "新增", "update": "修改", "delete": "删除"}

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
