"""Sign-in forms (the site's and the admin's) that slow a guesser down, and account creation with one user name form."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm

from planwatch.web.accounts import throttle
from planwatch.web.accounts.names import canonical_username, find_user
from planwatch.web.security import client_address


class ThrottledLogin:
    """Checks the throttle before the password, and counts every failed password."""

    def clean(self):
        username = self.data.get("username")
        address = client_address(self.request)
        device = throttle.known_device(self.request, username)
        refused = throttle.refusal(username, address, device)
        if refused:
            raise forms.ValidationError(refused, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if any(e.code == "invalid_login" for e in error.error_list):
                throttle.record_failure(username, address, device)
            raise
        throttle.record_success(username, device)
        return cleaned

    @property
    def throttled(self) -> bool:
        return any(e.code == "throttled" for e in self.errors.as_data().get("__all__", []))


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
