"""The same web suite on PostgreSQL, as part of the one test command: tests/web with `--database=postgresql`
(the conftest option that points DATABASE_URL at the server), in a child pytest spread over two xdist workers.
`python3 -m pytest tests/web --database=postgresql -n auto` runs the same directly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

HOST, PORT = (
    os.environ.get("PLANWATCH_PG_HOST", "127.0.0.1"),
    int(os.environ.get("PLANWATCH_PG_PORT", "5432")),
)
INNER = "PLANWATCH_WEB_SUITE_ON_POSTGRESQL"
ROOT = Path(__file__).resolve().parents[2]


def _server_up() -> bool:
    try:
        with socket.create_connection((HOST, PORT), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="already the PostgreSQL run")
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("sqlite") and os.environ.get("DATABASE_URL", "") != "",
    reason="the suite already runs on DATABASE_URL",
)
def test_the_web_suite_passes_on_postgresql():
    if not _server_up():
        pytest.skip(
            f"PostgreSQL is not running on {HOST}:{PORT}; start it to run the web suite on PostgreSQL"
        )
    try:
        import psycopg

        psycopg.connect(f"postgresql://postgres@{HOST}:{PORT}/postgres", connect_timeout=3).close()
    except Exception as error:
        pytest.skip(f"cannot connect to PostgreSQL as postgres on {HOST}:{PORT}: {error}")
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {INNER: "1"}
    env = {key: value for key, value in env.items() if not key.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/web",
            "--database=postgresql",
            "-n",
            "2",
            "--ignore=tests/web/test_postgresql.py",
            "--ignore=tests/web/test_browser.py",
            "--ignore=tests/web/test_demo_command.py",
            "--ignore=tests/web/test_serve_command.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    print(f"PostgreSQL run: {summary}")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary
