"""An adjustment stored with an effective date before adjustments had an effective year keeps it, as that year."""

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


def test_an_effective_date_becomes_the_effective_year(tmp_path):
    database = tmp_path / "first-release.sqlite3"
    database.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    with sqlite3.connect(database) as db:
        db.execute(
            "insert into plans_adjustment (old_target_text, old_target_value, new_target_text, new_target_value,"
            " reason, effective_date, state, proposed_at, decided_at, decision_comment, version, indicator_id,"
            " row_version) values ('19.5', 19.5, '20', 20, '扩大统计范围', '2023-03-01', 'approved',"
            " '2023-02-01 08:00:00', '2023-02-20 08:00:00', '', 2, 16, 1)"
        )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    script = "from planwatch.web import demo; demo.setup_django(); demo.migrate()"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(database) as db:
        rows = db.execute("select effective_year, document_number from plans_adjustment").fetchall()
        columns = [row[1] for row in db.execute("pragma table_info(plans_adjustment)")]
    assert rows == [(2023, "")]
    assert "effective_date" not in columns
