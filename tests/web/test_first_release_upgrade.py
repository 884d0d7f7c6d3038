"""A first-release database (and so a first-release backup, which is the SQLite file) upgrades with today's
migrations: the first release's migrations are kept, new ones are added, and no row is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.web.first_release import first_release_copy, upgraded_first_release

pytestmark = pytest.mark.slow

FIRST_RELEASE_MIGRATIONS = {
    ("accounts", "0001_initial"),
    ("accounts", "0002_login_failures"),
    ("evaluations", "0001_initial"),
    ("evaluations", "0002_report_texts"),
    ("evaluations", "0003_stored_evaluations"),
    ("evaluations", "0004_alter_historicalverdictoverride_status_and_more"),
    ("monitoring", "0001_initial"),
    ("monitoring", "0002_row_version"),
    ("plans", "0001_initial"),
    ("plans", "0002_row_version"),
    ("projects", "0001_initial"),
}


def _counts(path: Path) -> dict[str, object]:
    with sqlite3.connect(path) as db:
        return {
            "plans": db.execute("select count(*) from plans_plan").fetchone()[0],
            "indicators": db.execute("select count(*) from plans_indicator").fetchone()[0],
            "observations": db.execute(
                "select count(*), round(sum(value), 3) from monitoring_observation"
            ).fetchone(),
            "accounts": db.execute("select count(*) from accounts_profile").fetchone()[0],
            "projects": db.execute("select count(*) from projects_project").fetchone()[0],
        }


def test_a_first_release_database_migrates_and_keeps_every_row(tmp_path, tmp_path_factory):
    before = _counts(first_release_copy(tmp_path))
    assert before == {
        "plans": 1,
        "indicators": 21,
        "observations": (175, 137276.087),
        "accounts": 18,
        "projects": 38,
    }
    database, upgrade = upgraded_first_release(tmp_path_factory)
    assert upgrade["returncode"] == 0, upgrade["stderr"]
    assert (
        upgrade["stdout"].strip().splitlines()[-1] == "21"
    )  # every indicator evaluated on the upgraded data
    assert _counts(database) == before
    with sqlite3.connect(database) as db:
        applied = set(db.execute("select app, name from django_migrations").fetchall())
    assert applied >= FIRST_RELEASE_MIGRATIONS
    assert ("plans", "0005_vocabulary_choices") in applied
