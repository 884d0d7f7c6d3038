from django.urls import path

from planwatch.web.plans import views

urlpatterns = [
    path("", views.reader, name="plan-reader"),
    path("<int:plan_id>/", views.reader, name="plan-reader-id"),
    path("review/", views.review, name="plan-review"),
    path("import/", views.import_plan, name="plan-import"),
    path("<int:plan_id>/settings/", views.plan_settings, name="plan-settings"),
    path("<int:plan_id>/review/", views.review, name="plan-review-id"),
    path("indicators/<int:indicator_id>/", views.indicator_page, name="indicator"),
    path("indicators/<int:indicator_id>/correct/", views.correct_indicator, name="indicator-correct"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/propose/", views.propose_adjustment, name="adjustment-propose"),
    path("adjustments/<int:adjustment_id>/decide/", views.decide_adjustment, name="adjustment-decide"),
]
