"""Restores of hostile backups: damaged pages, added triggers, views and tables, dropped tables. Each is refused
in one line (exit 2) and the database restored over stays byte for byte as it was; an intact backup restores."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hardening.fuzzing import fuzz, scratch_file
from tests.web.commands import migrated_database

pytestmark = pytest.mark.slow  # fuzzing restores in subprocesses; left out of the fast subset (README)

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], database: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=database.parent, env=env, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """An empty migrated database, whose file is both a valid backup and a database to restore over."""
    return migrated_database(tmp_path_factory, tmp_path_factory.mktemp("fuzz-backups"), "migrated.sqlite3")


HOSTILE_SQL = st.sampled_from(
    [
        "CREATE TRIGGER t AFTER INSERT ON auth_user BEGIN UPDATE auth_user SET is_superuser = 1; END",
        "CREATE VIEW v AS SELECT * FROM auth_user",
        "CREATE TABLE stash (x BLOB)",
        "DROP TABLE accounts_auditentry",
        "DROP TABLE auth_user",
        "ALTER TABLE accounts_auditentry DROP COLUMN object_repr",
        "DELETE FROM django_migrations WHERE app = 'accounts'",
    ]
)


@fuzz(4)
@given(statement=HOSTILE_SQL, flips=st.lists(st.integers(min_value=100, max_value=200_000), max_size=3))
def test_a_hostile_backup_is_refused_in_one_line_and_the_database_is_left_as_it_was(
    migrated, statement, flips
):
    backup = scratch_file("hostile.bak", migrated.read_bytes())
    with sqlite3.connect(backup) as connection:
        connection.execute(statement)
    data = bytearray(backup.read_bytes())
    for offset in flips:
        if offset < len(data):
            data[offset] ^= 0x5A
    backup.write_bytes(bytes(data))
    target = backup.with_name("live.sqlite3")
    shutil.copy(migrated, target)
    before = target.read_bytes()
    result = _run(["-m", "planwatch.cli", "restore", "--force", str(backup)], target)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_an_intact_backup_restores(migrated):
    backup = scratch_file("intact.bak", migrated.read_bytes())
    target = backup.with_name("live.sqlite3")
    result = _run(["-m", "planwatch.cli", "restore", str(backup)], target)
    assert result.returncode == 0, result.stderr
    assert target.exists()
