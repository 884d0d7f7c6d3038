"""The scheduler of tests/scheduling.py, driven as xdist drives it: each `[postgresql]` item reaches a PostgreSQL
worker and each `[sqlite]` item a SQLite one, every item exactly once; items without a database fill in anywhere."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.databases import _postgresql_twins_selected, item_database
from tests.scheduling import DatabaseScheduling

COLLECTION = (
    [f"tests/evaluate/test_paths.py::test_{n}" for n in range(40)]
    + [f"tests/web/test_entry.py::test_{n}[sqlite]" for n in range(30)]
    + [f"tests/web/test_entry.py::test_{n}[postgresql]" for n in range(30)]
    + [f"tests/web/test_api.py::test_{n}[a-b-sqlite]" for n in range(5)]
    + [f"tests/web/test_api.py::test_{n}[a-b-postgresql]" for n in range(5)]
    + [f"tests/web/test_browser.py::test_{n}" for n in range(3)]
)


class FakeNode:
    def __init__(self, worker_id: str, database: str):
        self.gateway = SimpleNamespace(id=worker_id)
        self.workerinput = {"workerid": worker_id, "planwatch_database": database}
        self.shutting_down = False
        self.queue: list[int] = []
        self.ran: list[int] = []

    def send_runtest_some(self, indices):
        self.queue.extend(indices)

    def shutdown(self):
        self.shutting_down = True


def _run(databases: list[str]) -> tuple[DatabaseScheduling, list[FakeNode]]:
    """Start the nodes, then let them finish items in turn as xdist reports them, until all shut down."""
    config = SimpleNamespace(
        getvalue=lambda name: [f"{len(databases)}*popen"],
        getoption=lambda name: None,
    )
    scheduler = DatabaseScheduling(config)
    nodes = [FakeNode(f"gw{i}", database) for i, database in enumerate(databases)]
    for node in nodes:
        scheduler.add_node(node)
        scheduler.add_node_collection(node, COLLECTION)
    scheduler.schedule()
    for _ in range(10 * len(COLLECTION)):
        busy = [node for node in nodes if node.queue]
        if not busy:
            break
        for node in busy:
            index = node.queue.pop(0)
            node.ran.append(index)
            scheduler.mark_test_complete(node, index)
    return scheduler, nodes


def test_each_database_item_reaches_a_worker_of_its_database_and_every_item_runs_once():
    scheduler, (sqlite, postgresql) = _run(["sqlite", "postgresql"])
    ran = sorted(sqlite.ran + postgresql.ran)
    assert ran == list(range(len(COLLECTION)))
    assert {item_database(COLLECTION[i]) for i in sqlite.ran} == {"sqlite", None}
    assert {item_database(COLLECTION[i]) for i in postgresql.ran} == {"postgresql", None}
    assert sum(item_database(COLLECTION[i]) == "postgresql" for i in postgresql.ran) == 35
    assert sum(item_database(COLLECTION[i]) is None for i in sqlite.ran + postgresql.ran) == 43
    assert scheduler.tests_finished and sqlite.shutting_down and postgresql.shutting_down


def test_the_items_without_a_database_are_shared_by_both_workers():
    _, (sqlite, postgresql) = _run(["sqlite", "postgresql"])
    for node in (sqlite, postgresql):
        assert any(item_database(COLLECTION[i]) is None for i in node.ran)


def test_with_no_postgresql_worker_its_items_still_go_somewhere_to_be_skipped():
    _, nodes = _run(["sqlite", "sqlite"])
    ran = sorted(nodes[0].ran + nodes[1].ran)
    assert ran == list(range(len(COLLECTION)))


def test_the_database_is_read_from_the_end_of_the_test_id():
    assert item_database("tests/web/test_x.py::test_y[postgresql]") == "postgresql"
    assert item_database("tests/web/test_x.py::test_y[3-sqlite]") == "sqlite"
    assert item_database("tests/web/test_x.py::test_postgresql") is None
    assert item_database("tests/web/test_x.py::test_y[mypostgresql]") is None


@pytest.mark.parametrize(
    ("markexpr", "selected"),
    [
        ("", True),
        ("not slow and not postgres and not browser", False),
        ("postgres", True),
        ("slow", True),  # a slow web test's [postgresql] twin
        ("not postgres", False),
        ("browser and not postgres", False),
    ],
)
def test_a_postgresql_worker_is_started_only_when_the_marks_can_select_a_postgresql_twin(markexpr, selected):
    config = SimpleNamespace(getoption=lambda name, default=None: markexpr)
    assert _postgresql_twins_selected(config) is selected
