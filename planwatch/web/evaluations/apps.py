from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "planwatch.web.evaluations"
    label = "evaluations"
    verbose_name = "评估"

    def ready(self) -> None:
        from planwatch.web.evaluations import cache

        cache.connect()
