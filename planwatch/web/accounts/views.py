"""Sign-in, sign-out and the audit log (操作留痕)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch.web.accounts import throttle
from planwatch.web.accounts.forms import LoginForm
from planwatch.web.accounts.models import AuditEntry
from planwatch.web.accounts.permissions import planner_required
from planwatch.web.security import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # Marks this browser as the owner's: its later attempts are not slowed by a stranger's failures.
        response.set_cookie(
            throttle.DEVICE_COOKIE,
            throttle.device_cookie(form.get_user().get_username()),
            max_age=throttle.DEVICE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429  # Too Many Requests: the page says when to try again
            username = form.data.get("username")
            remaining = throttle.wait(
                username, client_address(self.request), throttle.known_device(self.request, username)
            )
            if remaining is not None:
                response["Retry-After"] = str(max(1, int(remaining.total_seconds()) + 1))
        return response


class LogoutView(auth_views.LogoutView):
    pass


@require_safe
@planner_required
def audit_log(request):
    entries = AuditEntry.objects.select_related("user")
    model = request.GET.get("model", "").strip()
    if model:
        entries = entries.filter(model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    models = AuditEntry.objects.values_list("model", flat=True).distinct().order_by("model")
    return render(request, "accounts/audit.html", {"page": page, "models": models, "model": model})
