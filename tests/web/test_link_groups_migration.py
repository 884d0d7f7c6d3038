"""Linked pairs stored before links became groups join their groups with who linked them and when; migrating back
gives the same pairs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import datetime, json
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from planwatch.web import demo

demo.setup_django()
call_command("migrate", "plans", "0011", verbosity=0)
apps = MigrationExecutor(connection).loader.project_state([("plans", "0011_indicator_groups")]).apps
Plan, Indicator = apps.get_model("plans", "Plan"), apps.get_model("plans", "Indicator")
Link, User = apps.get_model("plans", "IndicatorLink"), apps.get_model("auth", "User")
planner = User.objects.create(username="guihuake")


def plan(name, start):
    return Plan.objects.create(title=name, period_start=start, period_end=start + 4, source_name=name)


def indicator(plan, number):
    return Indicator.objects.create(plan=plan, number=number, name="森林覆盖率", unit="%", target_year=2030)


p13, p14, p15, special = plan("十三五", 2016), plan("十四五", 2021), plan("十五五", 2026), plan("专项", 2021)
a, b, c, d, e = indicator(p13, 1), indicator(p14, 1), indicator(p15, 2), indicator(p14, 3), indicator(special, 1)
when = {}
for day, (earlier, later) in ((3, (a, b)), (1, (b, c)), (2, (d, e))):
    pair = Link.objects.create(earlier=earlier, later=later, created_by=planner)
    when[(earlier.pk, later.pk)] = datetime.datetime(2024, 5, day, 8, 0, tzinfo=datetime.timezone.utc)
    Link.objects.filter(pk=pair.pk).update(created_at=when[(earlier.pk, later.pk)])

call_command("migrate", "plans", verbosity=0)
from planwatch.web.plans.models import IndicatorLink

members = {
    link.indicator_id: [link.group_id, link.created_at.isoformat(), link.created_by_id]
    for link in IndicatorLink.objects.all()
}
call_command("migrate", "plans", "0010", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("select earlier_id, later_id, created_at, created_by_id from plans_indicatorlink")
    pairs = sorted([row[0], row[1], str(row[2])[:10], row[3]] for row in cursor.fetchall())
print(json.dumps({"ids": [a.pk, b.pk, c.pk, d.pk, e.pk], "planner": planner.pk, "members": members, "pairs": pairs}))
"""


def test_pairs_become_groups_and_come_back(tmp_path):
    database = tmp_path / "links.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    a, b, c, d, e = found["ids"]
    members = {int(key): value for key, value in found["members"].items()}
    # a–b and b–c share b: one group of three; d–e another
    assert members[a][0] == members[b][0] == members[c][0] != members[d][0] == members[e][0]
    assert {value[2] for value in members.values()} == {found["planner"]}
    # each member keeps the date of the first pair it was linked in (b: b–c on 1 May, before a–b on 3 May)
    assert {key: value[1][:10] for key, value in members.items()} == {
        a: "2024-05-03",
        b: "2024-05-01",
        c: "2024-05-01",
        d: "2024-05-02",
        e: "2024-05-02",
    }
    planner = found["planner"]
    assert found["pairs"] == sorted(
        [[a, b, "2024-05-03", planner], [b, c, "2024-05-01", planner], [d, e, "2024-05-02", planner]]
    )
