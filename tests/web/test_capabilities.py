"""A role is a row of the capabilities table: what each role may do is read from it, and a new role is one row."""

from __future__ import annotations

from types import SimpleNamespace

from planwatch.vocabulary import ROLE_ZH
from planwatch.web.accounts import permissions
from planwatch.web.accounts.permissions import CAPABILITIES, is_planner, is_reporter, may, sees_everything


def _user(role: str | None):
    profile = SimpleNamespace(role=role, department=None) if role else None
    return SimpleNamespace(is_authenticated=True, is_superuser=False, profile=profile)


def test_every_role_of_the_vocabulary_has_a_row():
    assert set(CAPABILITIES) == set(ROLE_ZH)


def test_the_table_decides_what_each_role_may_do():
    assert [(is_planner(_user(r)), is_reporter(_user(r)), sees_everything(_user(r))) for r in ROLE_ZH] == [
        (True, False, True),  # administrator
        (True, False, True),  # planning office
        (False, True, False),  # reporter
        (False, False, True),  # leader
    ]
    assert not any(
        may(_user(None), c) for c in (permissions.MANAGE, permissions.REPORT, permissions.READ_ALL)
    )


def test_a_new_role_is_one_row(monkeypatch):
    monkeypatch.setitem(CAPABILITIES, "auditor", frozenset({permissions.READ_ALL}))
    auditor = _user("auditor")
    assert sees_everything(auditor) and not is_planner(auditor) and not is_reporter(auditor)
