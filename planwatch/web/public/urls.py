from django.urls import path

from planwatch.web.plans.scope import scoped_patterns
from planwatch.web.public import views

patterns = [
    path("", views.home, name="public-home"),
    path("indicators/<int:indicator_id>/", views.indicator, name="public-indicator"),
]

urlpatterns, plan_urlpatterns = scoped_patterns("public/", patterns, pages={"public-home"})
