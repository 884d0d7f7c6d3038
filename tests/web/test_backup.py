"""`planwatch backup` / `planwatch restore`: a full demo database round-trips, every table row by row."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import PG_HOST, PG_PORT, postgresql_unavailable
from tests.web.commands import demo_database, migrated_database

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

ROOT = Path(__file__).resolve().parents[2]
SEED = "from planwatch.web import demo; demo.setup_django(); demo.migrate(); demo.seed_demo()"


def _run(args: list[str], database_url: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )


def _planwatch(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(["-m", "planwatch.cli", *args], database_url, cwd)


def _seed(database_url: str, cwd: Path) -> None:
    result = _run(["-c", SEED], database_url, cwd)
    assert result.returncode == 0, result.stderr[-3000:]


def _model_tables() -> set[str]:
    """Every table of a Django model here: the project's, their simple-history twins, auth, sessions."""
    from django.apps import apps

    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


def _sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory) -> Path:
    """The demo's database as `planwatch demo` seeds it (a copy of the session's)."""
    return demo_database(tmp_path_factory, tmp_path_factory.mktemp("backup"), "demo.sqlite3")


def test_a_sqlite_backup_restores_every_table_row_by_row(demo_sqlite, tmp_path):
    backup = tmp_path / "planwatch.bak"
    done = _planwatch(f"sqlite:///{demo_sqlite}", tmp_path, "backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert "已备份" in done.stdout
    restored = tmp_path / "restored.sqlite3"

    done = _planwatch(f"sqlite:///{restored}", tmp_path, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    original, copy = _sqlite_tables(demo_sqlite), _sqlite_tables(restored)
    assert _model_tables() <= set(original)
    assert {"historicalobservation", "accounts_auditentry", "auth_user"} <= {
        name.removeprefix("monitoring_") for name in original
    }
    assert len(original["monitoring_observation"]) > 100
    assert len(original["monitoring_historicalobservation"]) >= len(original["monitoring_observation"])
    assert original.keys() == copy.keys()
    for table, rows in original.items():
        assert copy[table] == rows, table


def test_restore_refuses_a_database_with_data_unless_forced(demo_sqlite, tmp_path):
    backup = tmp_path / "planwatch.bak"
    _planwatch(f"sqlite:///{demo_sqlite}", tmp_path, "backup", str(backup))
    target = tmp_path / "in-use.sqlite3"
    shutil.copy(demo_sqlite, target)
    with sqlite3.connect(target) as connection:
        connection.execute("UPDATE monitoring_observation SET value = -1")

    refused = _planwatch(f"sqlite:///{target}", tmp_path, "restore", str(backup))

    assert refused.returncode == 2
    assert "已有数据" in refused.stderr and "--force" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    forced = _planwatch(f"sqlite:///{target}", tmp_path, "restore", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert _sqlite_tables(target) == _sqlite_tables(demo_sqlite)


def test_backup_will_not_overwrite_a_file_and_restore_refuses_what_is_not_a_backup(demo_sqlite, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("会议纪要", encoding="utf-8")
    refused = _planwatch(f"sqlite:///{demo_sqlite}", tmp_path, "backup", str(existing))
    assert refused.returncode == 2 and "已存在" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "会议纪要"
    refused = _planwatch(f"sqlite:///{tmp_path / 'new.sqlite3'}", tmp_path, "restore", str(existing))
    assert refused.returncode == 2
    assert "不是 PlanWatch 备份文件" in refused.stderr


# PostgreSQL


def _postgresql_ready() -> str | None:
    """None when the server and pg_dump/pg_restore are there, else why the test is skipped."""
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        return "pg_dump/pg_restore are not on PATH (apt-get install postgresql-client)"
    return postgresql_unavailable()


def _pg_tables(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as connection:
        names = [
            r[0] for r in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {
            name: sorted(
                (
                    tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                    for row in connection.execute(f'SELECT * FROM "{name}"')
                ),
                key=repr,
            )
            for name in names
        }


@pytest.fixture
def pg_databases():
    import psycopg

    why = _postgresql_ready()
    if why:
        pytest.skip(why)
    names = [f"planwatch_backup_{kind}_{os.getpid()}" for kind in ("original", "restored")]
    admin = psycopg.connect(f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", autocommit=True)
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield [f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}" for name in names]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_postgresql_backup_restores_every_table_row_by_row(pg_databases, tmp_path):
    original, restored = pg_databases
    _seed(original, tmp_path)
    backup = tmp_path / "planwatch.dump"
    done = _planwatch(original, tmp_path, "backup", str(backup))
    assert done.returncode == 0, done.stderr
    assert backup.read_bytes().startswith(b"PGDMP")

    done = _planwatch(restored, tmp_path, "restore", str(backup))

    assert done.returncode == 0, done.stderr
    before, after = _pg_tables(original), _pg_tables(restored)
    assert _model_tables() <= set(before)
    assert len(before["monitoring_observation"]) > 100
    assert before.keys() == after.keys()
    for table, rows in before.items():
        assert after[table] == rows, table
    again = _planwatch(restored, tmp_path, "restore", str(backup))
    assert again.returncode == 2 and "--force" in again.stderr
    forced = _planwatch(restored, tmp_path, "restore", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert _pg_tables(restored) == before


# Hostile backups: each is refused in one line before the database is touched, which stays byte for byte as it was.


@pytest.fixture(scope="module")
def empty_backup(tmp_path_factory) -> Path:
    """A backup of a migrated database with no data."""
    folder = tmp_path_factory.mktemp("hostile")
    database = migrated_database(tmp_path_factory, folder, "source.sqlite3")
    backup = folder / "empty.bak"
    assert _planwatch(f"sqlite:///{database}", folder, "backup", str(backup)).returncode == 0
    return backup


def _hostile(empty_backup: Path, tmp_path: Path, *statements: str) -> Path:
    hostile = tmp_path / "hostile.bak"
    shutil.copy(empty_backup, hostile)
    with sqlite3.connect(hostile) as connection:
        for statement in statements:
            connection.execute(statement)
    return hostile


def _restore_refused(backup: Path, demo_sqlite: Path, tmp_path: Path) -> str:
    target = tmp_path / "live.sqlite3"
    shutil.copy(demo_sqlite, target)
    before = target.read_bytes()
    result = _planwatch(f"sqlite:///{target}", tmp_path, "restore", "--force", str(backup))
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert target.read_bytes() == before
    return result.stderr


def test_a_backup_is_written_readable_by_its_owner_only(demo_sqlite, tmp_path):
    backup = tmp_path / "planwatch.bak"
    assert _planwatch(f"sqlite:///{demo_sqlite}", tmp_path, "backup", str(backup)).returncode == 0
    assert oct(backup.stat().st_mode & 0o777) == "0o600"


def test_a_backup_missing_every_table_is_refused(empty_backup, demo_sqlite, tmp_path):
    with sqlite3.connect(empty_backup) as source:
        names = [r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    drops = [f'DROP TABLE "{name}"' for name in names if name not in ("django_migrations", "sqlite_sequence")]
    message = _restore_refused(_hostile(empty_backup, tmp_path, *drops), demo_sqlite, tmp_path)
    assert "备份与本版本的数据库结构不符" in message and "no such table: django_content_type" in message


def test_a_backup_with_an_added_trigger_is_refused(empty_backup, demo_sqlite, tmp_path):
    hostile = _hostile(
        empty_backup,
        tmp_path,
        "CREATE TRIGGER grant_admin AFTER INSERT ON auth_user BEGIN "
        "UPDATE auth_user SET is_superuser = 1; END",
    )
    message = _restore_refused(hostile, demo_sqlite, tmp_path)
    assert "备份中有 PlanWatch 从不创建的数据库对象（trigger grant_admin）" in message


def test_a_backup_with_a_view_or_an_unknown_table_is_refused(empty_backup, demo_sqlite, tmp_path):
    view = _hostile(empty_backup, tmp_path, "CREATE VIEW v AS SELECT 1")
    assert "（view v）" in _restore_refused(view, demo_sqlite, tmp_path)
    extra = tmp_path / "extra"
    extra.mkdir()
    table = _hostile(empty_backup, extra, "CREATE TABLE stash (x)")
    assert "多出表 stash" in _restore_refused(table, demo_sqlite, extra)


def test_a_backup_with_flipped_bytes_is_refused(empty_backup, demo_sqlite, tmp_path):
    damaged = tmp_path / "damaged.bak"
    data = bytearray(empty_backup.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # a byte in every page after the header page
        data[offset] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert "备份文件已损坏" in _restore_refused(damaged, demo_sqlite, tmp_path)
