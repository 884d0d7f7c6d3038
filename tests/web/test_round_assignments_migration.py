"""Rounds closed before rounds recorded their departments take the current assignments at the upgrade; open
rounds get no record (they follow the current assignments)."""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "first-release.sqlite3.gz"


def test_closed_rounds_record_the_current_lead_departments(tmp_path):
    database = tmp_path / "first-release.sqlite3"
    database.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    with sqlite3.connect(database) as db:
        db.execute(
            "insert into monitoring_reportinground (id, year, title, deadline, is_open, plan_id)"
            " values (2, 2024, '2024年度监测数据填报', '2025-03-31', 0, 1)"
        )
        db.execute("update plans_indicator set department_id = null where number = 1")
        expected = set(
            db.execute("select id, department_id from plans_indicator where department_id is not null")
        )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATABASE_URL=f"sqlite:///{database}", PYTHONPATH=str(ROOT))
    script = "from planwatch.web import demo; demo.setup_django(); demo.migrate()"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(database) as db:
        recorded = db.execute("select round_id, indicator_id, department_id from monitoring_roundassignment")
        rows = list(recorded)
        stamps = dict(db.execute("select id, assignments_recorded_at from monitoring_reportinground"))
    assert {r[0] for r in rows} == {2}
    assert {(indicator, department) for _, indicator, department in rows} == expected
    assert len(expected) == 20
    assert stamps[1] is None and stamps[2] is not None
