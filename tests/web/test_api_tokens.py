"""API tokens are stored as hashes, shown once, never in the audit log; the demo issues a fresh one per start."""

from __future__ import annotations

import hashlib
import importlib
from types import SimpleNamespace

from django.contrib.auth.models import User
from django.db import connection

from planwatch.web.accounts.models import ApiToken, AuditEntry


def _kw():
    return User.objects.get(username="kw")


def test_an_issued_token_is_stored_only_as_its_sha256(db):
    token = ApiToken.issue(_kw())
    assert len(token.key) == 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(token.key.encode()).hexdigest()
    assert stored.prefix == token.key[:8] and not hasattr(stored, "key")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken WHERE id = %s", [token.pk])
        row = cursor.fetchone()
    assert token.key not in [str(value) for value in row]


def test_the_token_authenticates_and_a_wrong_or_hash_token_does_not(db, anonymous):
    token = ApiToken.issue(_kw())
    assert anonymous.get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {token.key}").status_code == 200
    stored_hash = ApiToken.objects.get(pk=token.pk).key_hash
    assert anonymous.get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {stored_hash}").status_code == 401
    assert anonymous.get("/api/indicators", HTTP_AUTHORIZATION="Bearer " + "0" * 40).status_code == 401


def test_the_audit_log_holds_neither_the_token_nor_its_hash(db):
    token = ApiToken.issue(_kw())
    entry = AuditEntry.objects.get(model="接口令牌", object_id=str(token.pk))
    shown = repr(entry.after)
    assert token.key not in shown and ApiToken.objects.get(pk=token.pk).key_hash not in shown
    assert entry.after == {"ID": token.pk, "user": _kw().pk, "用途": ""}


def test_the_admin_shows_a_new_token_once(db, admin_client_):
    response = admin_client_.post(
        "/admin/accounts/apitoken/add/", {"user": _kw().pk, "note": "统计直报接口"}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    [shown] = [m for m in messages if m.startswith("新令牌（只显示这一次")]
    key = shown.rsplit("：", 1)[1]
    token = ApiToken.objects.get(note="统计直报接口")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    page = admin_client_.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    assert key not in page and token.key_hash not in page


def test_the_migration_hashes_existing_tokens_and_scrubs_old_audit_entries():
    migration = importlib.import_module(
        "planwatch.web.accounts.migrations.0003_token_hashes_and_audit_address"
    )
    saved = []

    class Rows(list):
        def all(self):
            return self

        def filter(self, **kwargs):
            return self

        def using(self, database):
            assert database == "elsewhere"
            return self

    def row(**fields):
        item = SimpleNamespace(**fields)
        item.save = lambda update_fields: saved.append((item, update_fields))
        return item

    token = row(pk=1, key="a1b2c3d4e5f6" + "0" * 28, key_hash=None, prefix="")
    entry = row(before=None, after={"key": token.key, "user": 5})
    models = {"ApiToken": Rows([token]), "AuditEntry": Rows([entry])}
    apps = SimpleNamespace(get_model=lambda app, name: SimpleNamespace(objects=models[name]))
    migration.hash_existing_tokens(apps, SimpleNamespace(connection=SimpleNamespace(alias="elsewhere")))
    assert token.key_hash == hashlib.sha256(token.key.encode()).hexdigest() and token.prefix == "a1b2c3d4"
    assert entry.after == {"user": 5, "令牌开头": "（已隐去）"}


def test_each_demo_start_issues_a_fresh_token_and_the_old_one_stops_working(db, anonymous):
    from planwatch.web.demo import seed_demo

    first, second = seed_demo()["token"], seed_demo()["token"]
    assert first != second
    assert anonymous.get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
    assert anonymous.get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
