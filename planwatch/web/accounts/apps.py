from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.web.accounts"
    label = "accounts"
    verbose_name = "用户与部门"

    def ready(self) -> None:
        from planwatch.web.accounts import audit

        audit.connect()
