from django.urls import path

from planwatch.web.plans import link_views, views
from planwatch.web.plans.scope import redirecting, scoped_patterns

patterns = [
    path("", redirecting(views.reader, "/plans/", "/"), name="plan-reader"),
    path("<int:plan_id>/", views.reader, name="plan-reader-id"),
    path("review/", redirecting(views.review, "/plans/", "/"), name="plan-review"),
    path("import/", views.import_plan, name="plan-import"),
    path("default/", views.choose_default_plan, name="plan-default"),
    path("<int:plan_id>/settings/", views.plan_settings, name="plan-settings"),
    path("<int:plan_id>/review/", views.review, name="plan-review-id"),
    path("<int:plan_id>/archive/", views.archive_plan, name="plan-archive"),
    path("<int:plan_id>/undo-import/", views.undo_import, name="plan-undo-import"),
    path("<int:plan_id>/versions/", views.import_review, name="plan-import-review"),
    path("indicators/<int:indicator_id>/", views.indicator_page, name="indicator"),
    path("indicators/<int:indicator_id>/correct/", views.correct_indicator, name="indicator-correct"),
    path("links/", link_views.indicator_links, name="indicator-links"),
    path("links/add/", link_views.link_indicators, name="indicator-link-add"),
    path("links/<int:link_id>/remove/", link_views.unlink_indicators, name="indicator-link-remove"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/propose/", views.propose_adjustment, name="adjustment-propose"),
    path("adjustments/<int:adjustment_id>/decide/", views.decide_adjustment, name="adjustment-decide"),
]

urlpatterns, plan_urlpatterns = scoped_patterns(
    "", patterns, pages={"adjustments"}, actions={"adjustment-propose"}
)
