"""A password someone else set (a new account, a reset) is a one-time password: at the next sign-in the person can
do nothing but choose their own. The mark is read once, at sign-in, into the session (no query per request);
bearer-token API calls never carry a session and are not affected."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from planwatch.web.accounts import audit
from planwatch.web.accounts.models import OneTimePassword
from planwatch.web.accounts.permissions import account_required

SESSION_KEY = "planwatch_must_change_password"
CHANGE_URL = "/accounts/password/"
# What a person with a one-time password may still open: the form itself, signing out, and the site's files.
OPEN_PATHS = (CHANGE_URL, "/accounts/logout/", "/accounts/login/", "/static/", "/healthz", "/favicon.ico")
EXPLANATION = "您的密码是系统管理员或规划科设定的一次性密码。为保护账号安全，请先设置您自己的密码，之后才能使用系统的其他功能。"


def mark(account, set_by) -> None:
    """The account's password was just set by `set_by`: it must be changed at the next sign-in."""
    OneTimePassword.objects.update_or_create(user=account, defaults={"set_by": set_by})


def on_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: carry the account's mark into its session."""
    if request is not None and hasattr(request, "session"):
        if OneTimePassword.objects.filter(user=user).exists():
            request.session[SESSION_KEY] = True
        else:
            request.session.pop(SESSION_KEY, None)


def must_change(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY)) and request.user.is_authenticated


class PasswordChangeRequiredMiddleware:
    """Sends a person signed in with a one-time password to the password form from every page; `/api/` answers
    JSON 403 to their session (an `Authorization: Bearer` token is the API's own affair; any other header falls
    back to the session there, so it is refused here)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if must_change(request) and not request.path.startswith(OPEN_PATHS):
            if request.path.startswith("/api/"):
                if not request.headers.get("Authorization", "").startswith("Bearer "):
                    return JsonResponse({"error": "请先在“修改密码”页面设置您自己的密码"}, status=403)
            else:
                return redirect(f"{CHANGE_URL}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PasswordChange(auth_views.PasswordChangeView):
    """Every signed-in account, with a role or without one, changes its own password, checked by Django's
    validators; the change is audited, and ends a one-time password's hold on the account."""

    template_name = "accounts/password_change.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if must_change(self.request):  # what the account holds now is the one-time password it was given
            form.fields["old_password"].label = "一次性密码"
        return form

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "forced": must_change(self.request),
            "password_locked": must_change(self.request),  # base.html: the header without menus
            "explanation": EXPLANATION,
        }

    def form_valid(self, form):
        forced = must_change(self.request)
        response = super().form_valid(form)
        account = self.request.user
        OneTimePassword.objects.filter(user=account).delete()
        self.request.session.pop(SESSION_KEY, None)
        before = {"密码": "（一次性密码）" if forced else "（原密码）"}
        after = {"密码": "（本人已修改）"}
        audit.record_event(
            "password-change",
            user=account,
            summary=f"修改密码：“{account.first_name or account.username}”（{account.username}）",
            change=audit.change_words(before, after),
            before=before,
            after=after,
            action="update",
            model="用户",
            obj=account,
        )
        messages.success(self.request, "密码已修改")
        return response

    def get_success_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return wanted if safe and wanted.startswith("/") and not wanted.startswith(CHANGE_URL) else "/"


password_change = account_required(PasswordChange.as_view())
