"""Each web test that uses the database runs twice, once per engine (tests/databases.py): the twin named
`[postgresql]` really talks to PostgreSQL, the `[sqlite]` one to SQLite."""

from __future__ import annotations

from django.db import connection

from planwatch.web.plans.models import Plan


def test_each_twin_runs_on_the_database_its_id_names(web_database, db):
    assert connection.vendor == web_database
    assert Plan.objects.count() == 2  # the demo's two plans, seeded into this engine's test database
