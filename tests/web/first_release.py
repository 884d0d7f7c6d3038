"""A first-release database (tests/web/fixtures/first-release.sqlite3.gz) upgraded with today's migrations, once
per session: the upgrade tests read the same upgraded file instead of each migrating its own copy."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.session_files import built_once

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "first-release.sqlite3.gz"
DATABASE = "first-release.sqlite3"
# An adjustment as the first release stored it: an effective date, before adjustments had an effective year.
DATED_ADJUSTMENT = (
    "insert into plans_adjustment (old_target_text, old_target_value, new_target_text, new_target_value,"
    " reason, effective_date, state, proposed_at, decided_at, decision_comment, version, indicator_id,"
    " row_version) values ('19.5', 19.5, '20', 20, '扩大统计范围', '2023-03-01', 'approved',"
    " '2023-02-01 08:00:00', '2023-02-20 08:00:00', '', 2, 16, 1)"
)
# Migrate, then evaluate 2025 on the upgraded data and print how many indicators got a verdict.
UPGRADE = (
    "from planwatch.web import demo; demo.setup_django(); demo.migrate();"
    "from planwatch.web.evaluations.service import evaluation_data;"
    "from planwatch.web.plans.models import Plan;"
    "data, error = evaluation_data(Plan.objects.get(), 2025);"
    "print(error or sum(c['count'] for c in data['counts']))"
)


def first_release_copy(folder: Path) -> Path:
    """The first release's database, unchanged, in `folder`."""
    database = folder / DATABASE
    database.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return database


def _upgrade(folder: Path) -> None:
    database = first_release_copy(folder)
    with sqlite3.connect(database) as db:
        db.execute(DATED_ADJUSTMENT)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)})
    result = subprocess.run(
        [sys.executable, "-c", UPGRADE], env=env, cwd=folder, capture_output=True, text=True, timeout=300
    )
    outcome = {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr[-3000:]}
    (folder / "upgrade.json").write_text(json.dumps(outcome), encoding="utf-8")


def upgraded_first_release(tmp_path_factory) -> tuple[Path, dict]:
    """(the upgraded database, the upgrade's {returncode, stdout, stderr}); read it, don't change it."""
    folder = built_once(tmp_path_factory, "first-release-upgraded", _upgrade)
    return folder / DATABASE, json.loads((folder / "upgrade.json").read_text(encoding="utf-8"))
