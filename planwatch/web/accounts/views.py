"""Sign-in, sign-out and the audit log (操作留痕)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch.web.accounts.forms import LoginForm
from planwatch.web.accounts.models import AuditEntry
from planwatch.web.accounts.permissions import planner_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429  # Too Many Requests: the page says when to try again
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
