"""Sign-in, sign-out and the audit log (操作留痕)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch.web.accounts import throttle, trail
from planwatch.web.accounts.events import EVENTS
from planwatch.web.accounts.forms import LoginForm
from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import planner_required
from planwatch.web.accounts.words import display_name
from planwatch.web.plans.models import Plan
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
    """The audit trail as business events, filtered, searched and paged; `?format=xlsx|csv` exports the selection."""
    form = trail.valid_filters(request)
    entries = trail.filtered(form)
    file_format = request.GET.get("format", "")
    if file_format in ("xlsx", "csv"):
        return trail.export(entries, file_format)
    page = Paginator(entries.select_related(None).order_by("-when", "-id"), trail.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "page": page,
        "form": form,
        "errors": trail.form_errors(form),
        "events": [(kind.key, kind.label) for kind in EVENTS],
        # people with an account (a name typed at a failed sign-in is found by the search, not listed)
        "people": sorted({display_name(u) for u in get_user_model().objects.all()}),
        "departments": Department.objects.values_list("name", flat=True),
        "plans": Plan.objects.order_by("-id").values_list("id", "title"),
        "chosen": {k: ("" if v is None else str(v)) for k, v in form.cleaned_data.items()},
        "query": query.urlencode(),
    }
    return render(request, "accounts/audit.html", context)
