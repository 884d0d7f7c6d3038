from django.urls import path

from planwatch.web.public import views

urlpatterns = [
    path("", views.home, name="public-home"),
    path("indicators/<int:indicator_id>/", views.indicator, name="public-indicator"),
]
