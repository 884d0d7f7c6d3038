from django.urls import path, re_path

from planwatch.web.evaluations import report_views, views
from planwatch.web.plans.scope import scoped_patterns

patterns = [
    path("", views.evaluations_page, name="evaluations"),
    path("run/", views.run_evaluation, name="evaluation-run-new"),
    path("runs/<int:run_id>/", views.evaluation_run, name="evaluation-run"),
    path("override/<int:indicator_id>/", views.override_verdict, name="verdict-override"),
    re_path(
        r"^report/(?P<kind>annual|midterm|final)\.(?P<fmt>docx|pdf|html|xlsx)$",
        report_views.download_report,
        name="evaluation-report",
    ),
    re_path(
        r"^report/progress/(?P<job_id>[0-9a-f]{32})/$", report_views.report_progress, name="report-progress"
    ),
    re_path(
        r"^report/progress/(?P<job_id>[0-9a-f]{32})\.json$",
        report_views.report_progress_json,
        name="report-progress-json",
    ),
    path("texts/", report_views.report_texts, name="report-texts"),
]

urlpatterns, plan_urlpatterns = scoped_patterns(
    "evaluations/",
    patterns,
    pages={"evaluations", "report-texts"},
    actions={"evaluation-run-new", "evaluation-report"},
)
