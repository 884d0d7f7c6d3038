from django.urls import path

from planwatch.web.monitoring import corrections, office, views
from planwatch.web.plans.scope import scoped_patterns

patterns = [
    path("", views.entry, name="monitoring-entry"),
    path("save/", views.save_form, name="monitoring-save"),
    path("template.xlsx", views.template, name="monitoring-template"),
    path("export.xlsx", views.export, name="monitoring-export"),
    path("upload/", views.upload, name="monitoring-upload"),
    path("submit/", views.submit, name="monitoring-submit"),
    path("review/", views.review, name="monitoring-review"),
    path("review/<int:observation_id>/", views.decide, name="monitoring-decide"),
    path("rounds/", views.rounds, name="monitoring-rounds"),
    path("rounds/<int:round_id>/close/", views.close_round, name="monitoring-round-close"),
    path("rules/", office.rules, name="monitoring-rules"),
    path("completeness/", office.completeness, name="monitoring-completeness"),
    path("completeness/remind/", office.remind, name="monitoring-remind"),
    path("inbox/", office.inbox, name="monitoring-inbox"),
    path("inbox/read/", office.mark_read, name="monitoring-inbox-read"),
    path("observations/<int:observation_id>/history/", views.observation_history, name="observation-history"),
    path("observations/<int:observation_id>/edit/", corrections.edit_observation, name="observation-edit"),
]

urlpatterns, plan_urlpatterns = scoped_patterns(
    "monitoring/",
    patterns,
    pages={
        "monitoring-entry",
        "monitoring-upload",
        "monitoring-review",
        "monitoring-rounds",
        "monitoring-rules",
        "monitoring-completeness",
        "monitoring-inbox",
    },
    actions={
        "monitoring-remind",
        "monitoring-inbox-read",
        "monitoring-save",
        "monitoring-submit",
        "monitoring-template",
        "monitoring-export",
    },
)
