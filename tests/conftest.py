from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.document import read_text
from planwatch.reading import read_plan

pytest_plugins = ["tests.databases"]  # the web tests on SQLite and PostgreSQL in one session

ROOT = Path(__file__).resolve().parent.parent
SONGJIANG = ROOT / "planwatch" / "data" / "songjiang-14th-fyp.txt"


@pytest.fixture(scope="session")
def songjiang_path() -> Path:
    return SONGJIANG


@pytest.fixture(scope="session")
def songjiang_document():
    return read_text(SONGJIANG)


@pytest.fixture(scope="session")
def songjiang_plan():
    return read_plan(SONGJIANG)
