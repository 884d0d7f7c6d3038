"""`planwatch import PLAN_FILE [--plan ID]` (INTERFACES.md §5) on the database `serve` would use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.web.demo import DEMO_PLAN, SUPERIOR_PLAN

pytestmark = pytest.mark.slow  # seven `planwatch import` processes, each starting Django and migrating


def _import(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-m", "planwatch.cli", "import", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_imports_into_the_working_directorys_database_and_versions_a_plan(tmp_path):
    first = _import(tmp_path, str(SUPERIOR_PLAN))
    assert first.returncode == 0, first.stderr
    answer = json.loads(first.stdout)
    assert {k: answer[k] for k in ("plan_id", "version", "indicators")} == {
        "plan_id": 1,
        "version": 1,
        "indicators": 8,
    }
    # the superior plan's table states no 属性: one warning for the table, nothing else
    assert len(answer["warnings"]) == 1
    assert "主要指标表未标明属性" in answer["warnings"][0] and "8项指标" in answer["warnings"][0]
    assert answer["period"] == {"start": 2026, "end": 2030}
    assert (tmp_path / "planwatch.sqlite3").exists()

    second = _import(tmp_path, str(DEMO_PLAN))
    assert json.loads(second.stdout)["plan_id"] == 2

    revised = tmp_path / "national-revised.txt"
    revised.write_text(
        SUPERIOR_PLAN.read_text(encoding="utf-8").replace("\t12.5\n", "\t13\n"), encoding="utf-8"
    )
    again = json.loads(_import(tmp_path, str(revised), "--plan", "1", "--effective-year", "2028").stdout)
    assert (again["plan_id"], again["version"], again["indicators"]) == (1, 2, 8)
    assert again["effective_year"] == 2028

    outside = _import(tmp_path, str(revised) + "", "--plan", "1", "--effective-year", "2031")
    assert outside.returncode == 0  # the same file again: no new version, so no year is asked for
    revised.write_text(revised.read_text(encoding="utf-8").replace("\t13\n", "\t13.5\n"), encoding="utf-8")
    refused = _import(tmp_path, str(revised), "--plan", "1", "--effective-year", "2031")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "planwatch: 执行年份2031不在规划期2026—2030年内"


def test_a_file_it_cannot_read_is_one_line_and_exit_2(tmp_path):
    missing = _import(tmp_path, str(tmp_path / "nothing.txt"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "nothing.txt" in missing.stderr
    unknown = _import(tmp_path, str(SUPERIOR_PLAN), "--plan", "9")
    assert unknown.returncode == 2 and unknown.stderr.strip() == "planwatch: 没有编号为 9 的规划"
