from django.urls import path

from planwatch.web.evaluations import views

urlpatterns = [
    path("", views.evaluations_page, name="evaluations"),
    path("run/", views.run_evaluation, name="evaluation-run-new"),
    path("runs/<int:run_id>/", views.evaluation_run, name="evaluation-run"),
    path("override/<int:indicator_id>/", views.override_verdict, name="verdict-override"),
]
