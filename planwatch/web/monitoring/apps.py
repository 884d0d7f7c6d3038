from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "planwatch.web.monitoring"
    label = "monitoring"
    verbose_name = "年度监测"

    def ready(self) -> None:
        from planwatch.web.monitoring import responsibility

        responsibility.connect()
