"""Read-only views write nothing to the audit trail: every page, as every role, on both demo plans.

The pages are walked as the page-word test walks them (the permission matrix says how to fill each URL); each
role's client signs in once, before counting (a sign-in is an event of its own).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planwatch.web.accounts.models import AuditEntry
from tests.web.test_page_words import _pages
from tests.web.test_permissions_matrix import MATRIX, ROLES, _client, objects  # noqa: F401

_WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Tables a GET may write that are not a person's change and not audited: sessions (Django's own) and the
# caches of evaluations (planwatch.web.evaluations.cache), filled while anyone reads a page.
# caches a page view may fill: sessions, stored evaluations and their data stamp, a report file built on request
CACHE_TABLES = {
    "django_session",
    "evaluations_storedevaluation",
    "evaluations_plandataversion",
    "evaluations_storedreport",
}


def _urls(found, role: str, plan_ids: tuple[int, int]):
    side = "other" if role == "other" else "own"
    for name, namespace in _pages():
        row = MATRIX.get(name)
        if row is None:
            continue
        for plan_id in plan_ids if namespace else (None,):
            kwargs = dict(row.kwargs(found, side)) if row.kwargs else {}
            if namespace:
                kwargs["plan_id"] = plan_id
            query = row.query(found, side) if row.query else {}
            yield name, reverse(namespace + name, kwargs=kwargs or None), query


@pytest.mark.parametrize("role", ROLES)
def test_opening_every_page_writes_nothing_to_the_audit_trail(role, objects, national, monkeypatch, settings):  # noqa: F811
    monkeypatch.setattr(
        "planwatch.web.evaluations.report_views.build_stored_report", lambda *a, **k: b"<html></html>"
    )
    settings.PLANWATCH_REPORT_RUNNER = "inline"
    client = _client(role)
    count = AuditEntry.objects.count()
    written, tables, pages = [], set(), 0
    for name, url, query in _urls(objects, role, (objects["own"]["plan_id"], national.pk)):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, query, follow=True)
        pages += 1
        tables |= {m.group(2) for q in queries.captured_queries if (m := _WRITE.match(q["sql"]))}
        now = AuditEntry.objects.count()
        if now != count:
            new = AuditEntry.objects.order_by("-id")[: now - count]
            written.append(f"{url} ({name}): {[(e.event, e.model, e.summary) for e in new]}")
            count = now
    assert pages > 100
    assert not written, f"as {role}, opening pages wrote audit entries:\n" + "\n".join(written)
    assert tables <= CACHE_TABLES, f"as {role}, pages wrote {sorted(tables - CACHE_TABLES)}"
