"""A password set by someone else (a new account, a reset) is a one-time password: at the next sign-in the person
can do nothing but change it; the change is audited; API tokens are not affected."""

from __future__ import annotations

import re

from django.test import Client

NEW_PASSWORD = "chun-feng-hua-yu-2026"


def _user(username: str):
    from django.contrib.auth.models import User

    return User.objects.get(username=username)


def _reset(admin_client_, username: str) -> str:
    response = admin_client_.post(f"/accounts/people/{_user(username).pk}/password/")
    return re.search(r'<code id="one-time-password">([^<]+)</code>', response.content.decode()).group(1)


def _signed_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def test_after_a_reset_every_page_leads_to_the_password_form(admin_client_, plan):
    password = _reset(admin_client_, "kw")
    client = _signed_in("kw", password)
    for path in ("/", f"/plans/{plan.pk}/monitoring/", "/projects/tasks/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/password/?next="), path
    refused = client.post(f"/plans/{plan.pk}/monitoring/", {"department": "1"})
    assert refused.status_code == 302 and refused["Location"].startswith("/accounts/password/")
    page = client.get("/accounts/password/?next=/projects/tasks/")
    assert page.status_code == 200
    assert "一次性密码" in page.content.decode() and 'id="password-forced"' in page.content.decode()
    api = client.get(f"/api/plans/{plan.pk}/indicators")
    assert api.status_code == 403 and "修改密码" in api.json()["error"]
    assert client.get("/healthz").status_code == 200


def test_changing_the_password_frees_the_account_and_is_audited_once(admin_client_, plan):
    from planwatch.web.accounts.models import AuditEntry, OneTimePassword

    password = _reset(admin_client_, "kw")
    client = _signed_in("kw", password)
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    response = client.post(
        "/accounts/password/?next=/projects/tasks/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/projects/tasks/"
    assert client.get(f"/plans/{plan.pk}/monitoring/").status_code == 200
    assert not OneTimePassword.objects.filter(user=_user("kw")).exists()
    [entry] = AuditEntry.objects.filter(pk__gt=since)
    assert (entry.event, entry.model, entry.object_id) == ("password-change", "用户", str(_user("kw").pk))
    assert (entry.before, entry.after) == ({"密码": "（一次性密码）"}, {"密码": "（本人已修改）"})
    assert password not in str(entry.before) + str(entry.after) + entry.change
    # signing in again with the own password: no more detour
    again = _signed_in("kw", NEW_PASSWORD).get(f"/plans/{plan.pk}/monitoring/")
    assert again.status_code == 200


def test_an_unsafe_next_address_is_not_followed(admin_client_):
    password = _reset(admin_client_, "lingdao")
    client = _signed_in("lingdao", password)
    response = client.post(
        "/accounts/password/?next=https://example.com/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_new_account_must_change_its_password_first_even_a_typed_one(admin_client_, plan):
    admin_client_.post(
        "/accounts/people/new/",
        {
            "username": "zhouli",
            "display_name": "周丽",
            "role": "leader",
            "password": NEW_PASSWORD,
            "is_active": "on",
        },
    )
    client = _signed_in("zhouli", NEW_PASSWORD)
    assert client.get(f"/plans/{plan.pk}/dashboard/")["Location"].startswith("/accounts/password/")


def test_api_tokens_are_not_affected(admin_client_, plan):
    from planwatch.web.accounts.models import ApiToken

    token = ApiToken.issue(_user("kw"), note="测试")
    _reset(admin_client_, "kw")
    response = Client().get(f"/api/plans/{plan.pk}/indicators", HTTP_AUTHORIZATION=f"Bearer {token.key}")
    assert response.status_code == 200
    posted = Client().post(
        "/api/observations",
        data='{"indicator": 8, "year": 2025, "value": 3300, "source": "区科委统计"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token.key}",
    )
    assert posted.status_code == 201, posted.content.decode()


def test_demo_and_own_passwords_are_not_one_time(kewei, plan):
    assert kewei.get(f"/plans/{plan.pk}/monitoring/").status_code == 200
    assert "一次性密码" not in kewei.get("/accounts/password/").content.decode()


def test_a_password_the_administrator_sets_in_djangos_admin_is_one_time_too(admin_client_):
    from planwatch.web.accounts.models import OneTimePassword

    account = _user("lingdao")
    response = admin_client_.post(
        f"/admin/auth/user/{account.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert OneTimePassword.objects.filter(user=account).exists()
    client = _signed_in("lingdao", NEW_PASSWORD)
    assert client.get("/")["Location"].startswith("/accounts/password/")


def test_an_authorization_header_without_a_token_does_not_open_the_api_to_the_session(admin_client_, plan):
    password = _reset(admin_client_, "kw")
    client = _signed_in("kw", password)
    for header in ("Basic a3c6eA==", "Token abc", "bearer"):
        response = client.get(f"/api/plans/{plan.pk}/indicators", HTTP_AUTHORIZATION=header)
        assert response.status_code == 403, header
        assert "修改密码" in response.json()["error"]


def test_the_forced_password_page_shows_no_menus_only_signing_out(admin_client_, plan):
    password = _reset(admin_client_, "kw")
    page = _signed_in("kw", password).get("/accounts/password/").content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert 'id="password-locked-header"' in header and "退出登录" in header
    assert "<nav" not in header and "plan-switch" not in header
    assert "<a " not in header  # every link would only lead back to this form
    assert 'action="/accounts/logout/"' in header


def test_the_password_page_of_a_free_account_keeps_its_menus(kewei):
    header = kewei.get("/accounts/password/").content.decode().split("</header>", 1)[0]
    assert "<nav" in header and 'id="password-locked-header"' not in header


def test_an_account_without_a_role_can_change_its_one_time_password(admin_client_):
    from django.contrib.auth.models import User

    from planwatch.web.accounts.models import OneTimePassword

    account = User.objects.create(username="shimin-no-role", first_name="市民")
    password = _reset(admin_client_, "shimin-no-role")
    client = _signed_in("shimin-no-role", password)
    assert client.get("/")["Location"].startswith("/accounts/password/")
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and 'id="password-forced"' in page.content.decode()
    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not OneTimePassword.objects.filter(user=account).exists()
    assert _signed_in("shimin-no-role", NEW_PASSWORD).get("/accounts/password/").status_code == 200


def test_the_forced_form_asks_for_the_one_time_password_by_that_name(admin_client_, kewei):
    password = _reset(admin_client_, "jw")
    forced = _signed_in("jw", password).get("/accounts/password/").context["form"]
    assert forced.fields["old_password"].label == "一次性密码"
    free = kewei.get("/accounts/password/").context["form"]
    assert free.fields["old_password"].label != "一次性密码"
