"""Login throttling: a guesser waits longer after every failure (1 s, 2 s, 4 s … 15 min) for one canonical user
name and one real client address; the owner's own browser (device cookie) is never slowed by a stranger."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

PASSWORD = "kw-demo-2025"
ATTACKER = "10.1.2.3"


def _sign_in(client: Client, username: str, password: str, path: str = "/accounts/login/", **extra):
    extra.setdefault("REMOTE_ADDR", ATTACKER)
    return client.post(path, {"username": username, "password": password}, **extra)


def _past_failures(username: str, count: int, address: str = ATTACKER, seconds_ago: int = 0) -> None:
    """`count` failed sign-ins recorded `seconds_ago`, as a guesser who waited each delay out would leave them."""
    from django.utils import timezone

    from planwatch.web.accounts.models import LoginFailure

    rows = [LoginFailure.objects.create(username=username, address=address) for _ in range(count)]
    when = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    LoginFailure.objects.filter(pk__in=[r.pk for r in rows]).update(when=when)


@pytest.fixture
def client(db, settings):
    """A client; the demo accounts get their passwords again under a fast hasher (the count is the point)."""
    from django.contrib.auth.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in User.objects.filter(username__in=["kw", "sthj", "admin"]):
        user.set_password(f"{user.username}-demo-2025")
        user.save()
    return Client()


def test_the_wait_doubles_after_three_free_failures_up_to_fifteen_minutes():
    from planwatch.web.accounts.throttle import delay_after

    seconds = [delay_after(n, 3).total_seconds() for n in (0, 2, 3, 4, 5, 12, 13, 100)]
    assert seconds == [0, 0, 1, 2, 4, 512, 900, 900]  # 2**10 = 1024 s is over the 900 s cap


def test_the_right_password_signs_in_after_three_failures_once_the_first_wait_has_passed(client):
    for _ in range(3):
        assert _sign_in(client, "kw", "wrong").status_code == 200
    refused = _sign_in(client, "kw", PASSWORD)
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    assert "请约1秒后再试" in refused.content.decode()
    from planwatch.web.accounts.models import LoginFailure

    LoginFailure.objects.update(when=LoginFailure.objects.first().when - datetime.timedelta(seconds=2))
    assert _sign_in(client, "kw", PASSWORD).status_code == 302


def test_full_width_and_upper_case_guesses_count_against_the_same_account(client):
    for name in ("ｋｗ", "KW", " Ｋw "):
        assert _sign_in(client, name, "wrong").status_code == 200
    response = _sign_in(Client(), "kw", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_full_width_or_upper_case_user_name_signs_in_to_the_account(client):
    from django.contrib.auth.models import User

    for name in ("ｋｗ", "KW"):
        fresh = Client()
        assert _sign_in(fresh, name, PASSWORD).status_code == 302
        assert fresh.session["_auth_user_id"] == str(User.objects.get(username="kw").pk)


def test_the_owner_signs_in_from_their_own_browser_while_a_stranger_is_slowed(client):
    owner = Client()
    assert _sign_in(owner, "admin", "admin-demo-2025", REMOTE_ADDR="10.7.7.7").status_code == 302
    owner.post("/accounts/logout/")
    _past_failures("admin", 12)  # a stranger's guesses: the next must wait 512 s
    stranger = _sign_in(Client(), "admin", "admin-demo-2025")
    assert stranger.status_code == 429 and "请约9分钟后再试" in stranger.content.decode()
    assert _sign_in(owner, "admin", "admin-demo-2025", REMOTE_ADDR="10.7.7.7").status_code == 302


def test_a_device_cookie_of_another_account_or_a_forged_one_does_not_skip_the_wait(client):
    from planwatch.web.accounts.throttle import DEVICE_COOKIE

    sthj = Client()
    assert _sign_in(sthj, "sthj", "sthj-demo-2025").status_code == 302
    sthj.post("/accounts/logout/")
    _past_failures("kw", 10)
    assert _sign_in(sthj, "kw", PASSWORD).status_code == 429
    forged = Client()
    forged.cookies[DEVICE_COOKIE] = "eyJ1Ijoia3cifQ:forged:signature"
    assert _sign_in(forged, "kw", PASSWORD).status_code == 429


def test_twenty_failures_from_one_proxy_slow_only_the_guessers_real_address(client, settings):
    settings.PLANWATCH_TRUSTED_PROXIES = ["127.0.0.1"]
    for index in range(20):
        response = _sign_in(
            Client(), f"nobody{index}", "wrong", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
        assert response.status_code == 200
    colleague = _sign_in(
        Client(), "sthj", "sthj-demo-2025", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert colleague.status_code == 302
    guesser = _sign_in(Client(), "sthj", "wrong", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert guesser.status_code == 429
    from planwatch.web.accounts.models import LoginFailure

    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"203.0.113.5"}


def test_a_client_sent_forwarded_for_is_not_believed_without_a_trusted_proxy(rf, settings):
    from planwatch.web.security import client_address

    settings.PLANWATCH_TRUSTED_PROXIES = ["127.0.0.1"]
    direct = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="1.2.3.4")
    spoofed = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_address(direct) == "10.1.2.3"
    assert client_address(spoofed) == "198.51.100.7"  # the proxy appended the real one; 1.2.3.4 was typed


def test_a_successful_sign_in_clears_the_user_names_failures(client):
    from planwatch.web.accounts.models import LoginFailure

    _past_failures("kw", 3, seconds_ago=5)
    assert _sign_in(client, "kw", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="kw").exists()


def test_the_admin_sign_in_is_throttled_too(client):
    _past_failures("admin", 8)
    response = _sign_in(client, "ＡＤＭＩＮ", "admin-demo-2025", path="/admin/login/")
    assert "登录尝试过于频繁" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_new_accounts_are_stored_under_the_canonical_user_name(db):
    from django.contrib.auth.models import User

    from planwatch.web.accounts.forms import CanonicalUserCreationForm

    assert User.objects.create_user("Ｚhang San ", password="x-long-password-1").username == "zhang san"
    form = CanonicalUserCreationForm(
        data={"username": "ＫＷ", "password1": "a-long-password-9", "password2": "a-long-password-9"}
    )
    assert not form.is_valid()
    assert form.errors["username"] == ["用户名“kw”已被使用（不区分大小写和全角半角）。"]


@pytest.mark.slow  # starts the demo server
def test_twenty_guesses_sent_at_once_are_counted_one_after_another(tmp_path, tmp_path_factory):
    """Against the running demo (waitress, 8 threads): parallel guesses may not all pass on the same count."""
    import re
    import threading
    import urllib.parse
    import urllib.request
    from http.cookiejar import CookieJar

    from tests.web.commands import demo_database, running

    demo_database(tmp_path_factory, tmp_path)
    with running(["demo", "--no-browser"], tmp_path, timeout=300) as (url, _):
        statuses: list[int] = []

        def guess() -> None:
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
            page = opener.open(f"{url}/accounts/login/", timeout=60).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            data = urllib.parse.urlencode(
                {"username": "admin", "password": "wrong", "csrfmiddlewaretoken": token}
            )
            try:
                statuses.append(opener.open(f"{url}/accounts/login/", data.encode(), timeout=60).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

        threads = [threading.Thread(target=guess) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    checked = statuses.count(200)  # a password was checked (and was wrong); 429: refused before checking
    assert statuses.count(429) == 20 - checked
    assert 3 <= checked <= 7  # 3 free, then one more after each doubling wait (1 s, 2 s, 4 s …) that ran out
