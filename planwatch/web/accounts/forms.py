"""Sign-in forms (the site's and the admin's) that slow a guesser down, and account creation with one user name form."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm
from django.db import transaction

from planwatch.web.accounts import audit, throttle
from planwatch.web.accounts.names import canonical_username, find_user
from planwatch.web.security import client_address


class ThrottledLogin:
    """Checks the throttle before the password, and counts every attempt until its password proves right."""

    def clean(self):
        username = self.data.get("username")
        address = client_address(self.request)
        device = throttle.known_device(self.request, username)
        with transaction.atomic():
            # Check and count in one transaction (SQLite takes the write lock at BEGIN): guesses sent in parallel
            # are counted one after another, not all let through on the same count.
            refused = throttle.refusal(username, address, device)
            if not refused:
                throttle.record_failure(
                    username, address, device
                )  # a failure until the password proves right
        if refused:
            _failed(username, "尝试过于频繁，须等待后再试")
            raise forms.ValidationError(refused, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            _failed(username, "用户名或密码错误")
            raise
        throttle.record_success(username, device)
        return cleaned

    @property
    def throttled(self) -> bool:
        return any(e.code == "throttled" for e in self.errors.as_data().get("__all__", []))


def _failed(username: str | None, reason: str) -> None:
    """A failed sign-in in the audit trail (登录失败), under the name that was typed."""
    typed = canonical_username(username)
    audit.record_event(
        "login-failed",
        actor=typed or "（未填用户名）",
        summary=f"以用户名“{typed}”登录" if typed else "登录",
        comment=reason,
    )


def signed_in(sender, request, user, **kwargs) -> None:
    """A sign-in in the audit trail (登录成功), the site's and the admin's alike."""
    audit.record_event("login", user=user, summary="登录系统")


class LoginForm(ThrottledLogin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    pass


class CanonicalUserCreationForm(AdminUserCreationForm):
    """The admin's new-account form: the name is stored in its canonical form, and `ａｄmin` is `admin`'s name."""

    def clean_username(self):
        name = canonical_username(self.cleaned_data.get("username"))
        if not name:
            raise forms.ValidationError("请填写用户名。", code="required")
        if find_user(name) is not None:
            raise forms.ValidationError(f"用户名“{name}”已被使用（不区分大小写和全角半角）。", code="unique")
        return name
