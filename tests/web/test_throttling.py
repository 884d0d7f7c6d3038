"""Login throttling: five wrong passwords for a user name within 15 minutes lock it for the rest of the window."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

PASSWORD = "kw-demo-2025"


def _sign_in(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def _fail(client: Client, username: str, times: int, path: str = "/accounts/login/") -> None:
    for _ in range(times):
        assert _sign_in(client, username, "wrong-password", path).status_code == 200


@pytest.fixture
def client(db, settings):
    """A client; the demo accounts get their passwords again under a fast hasher (the count is the point)."""
    from django.contrib.auth.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in User.objects.filter(username__in=["kw", "sthj", "admin"]):
        user.set_password(f"{user.username}-demo-2025")
        user.save()
    return Client()


def test_the_right_password_signs_in_after_four_failures(client):
    _fail(client, "kw", 4)
    response = _sign_in(client, "kw", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_user_name_is_locked_after_five_failures_even_with_the_right_password(client):
    _fail(client, "kw", 5)
    response = _sign_in(client, "kw", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "请约15分钟后再试" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_counts_the_user_name_whatever_its_case(client):
    _fail(client, "KW", 3)
    _fail(client, " kw", 2)
    assert _sign_in(client, "kw", PASSWORD).status_code == 429


def test_another_user_may_still_sign_in_during_a_lock(client):
    _fail(client, "kw", 5)
    response = _sign_in(client, "sthj", "sthj-demo-2025")
    assert response.status_code == 302


def test_the_lock_ends_when_the_failures_leave_the_fifteen_minute_window(client):
    from django.utils import timezone

    from planwatch.web.accounts.models import LoginFailure

    _fail(client, "kw", 5)
    LoginFailure.objects.update(when=timezone.now() - datetime.timedelta(minutes=16))
    assert _sign_in(client, "kw", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_user_names_failures(client):
    from planwatch.web.accounts.models import LoginFailure

    _fail(client, "kw", 4)
    assert _sign_in(client, "kw", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="kw").exists()


def test_an_address_is_locked_after_too_many_failures_across_user_names(client, settings):
    settings.PLANWATCH_LOGIN_ADDRESS_LIMIT = 3
    for username in ("zhangsan", "lisi", "wangwu"):
        _fail(client, username, 1)
    assert _sign_in(client, "sthj", "sthj-demo-2025").status_code == 429
    other_machine = Client().post(
        "/accounts/login/", {"username": "sthj", "password": "sthj-demo-2025"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other_machine.status_code == 302


def test_the_admin_sign_in_is_throttled_too(client):
    _fail(client, "admin", 5, path="/admin/login/")
    response = _sign_in(client, "admin", "admin-demo-2025", path="/admin/login/")
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
