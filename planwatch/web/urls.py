"""Top-level URLs: one prefix per app, named by what users do."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

from planwatch.web.evaluations import views as evaluation_views


@require_safe
def healthz(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", evaluation_views.dashboard, name="dashboard"),
    path("accounts/", include("planwatch.web.accounts.urls")),
    path("plans/", include("planwatch.web.plans.urls")),
    path("monitoring/", include("planwatch.web.monitoring.urls")),
    path("evaluations/", include("planwatch.web.evaluations.urls")),
    path("projects/", include("planwatch.web.projects.urls")),
    path("api/", include("planwatch.web.api.urls")),
    path("public/", include("planwatch.web.public.urls")),
    path("admin/", admin.site.urls),
]
