"""Sign-in forms (the site's and the admin's) that refuse a locked-out user name or address."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from planwatch.web.accounts import throttle


class ThrottledLogin:
    """Checks the throttle before the password, and counts every failed password."""

    def clean(self):
        username = self.data.get("username")
        address = throttle.client_address(self.request)
        refused = throttle.refusal(username, address)
        if refused:
            raise forms.ValidationError(refused, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if any(e.code == "invalid_login" for e in error.error_list):
                throttle.record_failure(username, address)
            raise
        throttle.record_success(username)
        return cleaned

    @property
    def throttled(self) -> bool:
        return any(e.code == "throttled" for e in self.errors.as_data().get("__all__", []))


class LoginForm(ThrottledLogin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    pass
