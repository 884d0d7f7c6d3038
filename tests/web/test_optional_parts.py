"""A missing optional part (the PostgreSQL driver, the Redis client) is named in one line with its install command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.web.optional import MissingPart, check_settings, require

ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_driver_is_named_with_its_extra(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(MissingPart) as error:
        check_settings("django.db.backends.postgresql", None)
    assert str(error.value) == (
        "DATABASE_URL 指向 PostgreSQL需要 psycopg，但它没有安装：pip install 'planwatch[postgres]'"
    )
    with pytest.raises(MissingPart, match=r"pip install 'planwatch\[redis\]'"):
        require("redis", "REDIS_URL 指向 Redis")


def test_sqlite_needs_no_optional_part(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    check_settings("django.db.backends.sqlite3", None)


def test_serve_without_psycopg_says_so_in_one_line(tmp_path):
    # a directory earlier on the path whose psycopg cannot be found: find_spec("psycopg") is None there
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['psycopg'] = None\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/planwatch_webcore_missing",
    }
    result = subprocess.run(
        [sys.executable, "-c", "from planwatch.cli import main; main(['serve'])"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "planwatch: DATABASE_URL 指向 PostgreSQL需要 psycopg，但它没有安装：pip install 'planwatch[postgres]'"
    ]
