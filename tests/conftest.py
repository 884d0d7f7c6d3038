from __future__ import annotations

import os
from pathlib import Path

import pytest

from planwatch.document import read_text
from planwatch.reading import read_plan

PG_HOST = os.environ.get("PLANWATCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PLANWATCH_PG_PORT", "5432"))


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="database of the web tests: sqlite (default, or DATABASE_URL when set) or postgresql "
        f"(a throwaway database on {PG_HOST}:{PG_PORT}, user postgres; one per xdist worker)",
    )


def pytest_configure(config):
    if config.getoption("--database") == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        # pytest-django creates test_<name> (with the xdist worker's suffix) and drops it afterwards.
        os.environ["DATABASE_URL"] = (
            f"postgresql://postgres@{PG_HOST}:{PG_PORT}/planwatch_suite_{os.getpid()}"
        )


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
