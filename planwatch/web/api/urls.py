from django.urls import path

from planwatch.web.api import views

urlpatterns = [
    path("openapi.json", views.openapi, name="api-openapi"),
    path("plans", views.plans, name="api-plans"),
    path("plans/<int:plan_id>/indicators", views.indicators, name="api-plan-indicators"),
    path("plans/<int:plan_id>/observations", views.observations, name="api-plan-observations"),
    path("plans/<int:plan_id>/evaluations", views.evaluations, name="api-plan-evaluations"),
    path("indicators", views.indicators, name="api-indicators"),
    path("indicators/<int:indicator_id>", views.indicator, name="api-indicator"),
    path("observations", views.observations, name="api-observations"),
    path("evaluations", views.evaluations, name="api-evaluations"),
]
