from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "planwatch.web.public"
    label = "public"
