"""An adjustment stored with an effective date before adjustments had an effective year keeps it, as that year."""

from __future__ import annotations

import sqlite3

import pytest

from tests.web.first_release import upgraded_first_release

pytestmark = pytest.mark.slow


def test_an_effective_date_becomes_the_effective_year(tmp_path_factory):
    database, upgrade = upgraded_first_release(tmp_path_factory)  # holds first_release.DATED_ADJUSTMENT
    assert upgrade["returncode"] == 0, upgrade["stderr"]
    with sqlite3.connect(database) as db:
        rows = db.execute("select effective_year, document_number from plans_adjustment").fetchall()
        columns = [row[1] for row in db.execute("pragma table_info(plans_adjustment)")]
    assert rows == [(2023, "")]
    assert "effective_date" not in columns
