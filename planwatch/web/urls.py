"""Top-level URLs: one prefix per app, named by what users do; every plan's pages also under `/plans/<id>/`."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

from planwatch.web.evaluations import urls as evaluation_urls
from planwatch.web.evaluations import views as evaluation_views
from planwatch.web.monitoring import urls as monitoring_urls
from planwatch.web.plans import onboarding
from planwatch.web.plans import urls as plan_urls
from planwatch.web.plans.scope import scoped
from planwatch.web.projects import urls as project_urls
from planwatch.web.public import urls as public_urls


@require_safe
def healthz(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# The plan-scoped forms (`/plans/<id>/…`), reversed as `plan:<name>` with `plan_id`.
plan_scoped = [
    path("dashboard/", scoped(evaluation_views.dashboard), name="dashboard"),
    path("onboarding/", scoped(onboarding.onboarding), name="onboarding"),
    path("onboarding/checked/", scoped(onboarding.confirm_checked), name="onboarding-checked"),
    path("onboarding/assign/", scoped(onboarding.assign), name="onboarding-assign"),
    path("onboarding/public/", scoped(onboarding.choose_public), name="onboarding-public"),
    path("onboarding/round/", scoped(onboarding.open_first_round), name="onboarding-round"),
    *plan_urls.plan_urlpatterns,
    *monitoring_urls.plan_urlpatterns,
    *evaluation_urls.plan_urlpatterns,
    *project_urls.plan_urlpatterns,
    *public_urls.plan_urlpatterns,
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", evaluation_views.dashboard, name="dashboard"),
    path("accounts/", include("planwatch.web.accounts.urls")),
    path("plans/<int:plan_id>/", include((plan_scoped, "plan"))),
    path("plans/", include("planwatch.web.plans.urls")),
    path("monitoring/", include("planwatch.web.monitoring.urls")),
    path("evaluations/", include("planwatch.web.evaluations.urls")),
    path("projects/", include("planwatch.web.projects.urls")),
    path("api/", include("planwatch.web.api.urls")),
    path("public/", include("planwatch.web.public.urls")),
    path("admin/", admin.site.urls),
]
