from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.web.accounts"
    label = "accounts"
    verbose_name = "用户与部门"

    def ready(self) -> None:
        from planwatch.web.accounts import audit

        audit.connect()
        from django.contrib.auth.signals import user_logged_in

        from planwatch.web.accounts.forms import signed_in

        user_logged_in.connect(signed_in, dispatch_uid="planwatch-audit-login")
        from planwatch.web.accounts.first_password import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="planwatch-one-time-password")
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        pre_save.connect(
            _canonical_name_on_creation, sender=get_user_model(), dispatch_uid="planwatch-username"
        )


def _canonical_name_on_creation(sender, instance, raw=False, **kwargs):
    """Every new account is stored under its canonical user name (names.canonical_username)."""
    from planwatch.web.accounts.names import canonical_username

    if instance.pk is None and not raw:
        name = instance.get_username()
        setattr(instance, sender.USERNAME_FIELD, canonical_username(name) or name)
