"""The scheduler of tests/scheduling.py, driven as xdist drives it: each `[postgresql]` item reaches a PostgreSQL
worker and each `[sqlite]` item a SQLite one, every item exactly once; items without a database fill in anywhere."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import databases
from tests.databases import WorkerLayout, _postgresql_twins_selected, item_database
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


def test_a_crashed_postgresql_worker_is_replaced_by_a_postgresql_worker_whatever_its_number():
    layout = WorkerLayout("half", 2)
    assert [layout.take("gw0"), layout.take("gw1")] == ["sqlite", "postgresql"]
    layout.release("gw1", crashed=True)
    assert layout.take("gw2") == "postgresql"  # by its number it would have been SQLite
    layout.release("gw0", crashed=True)
    assert layout.take("gw3") == "sqlite"  # by its number it would have been PostgreSQL
    assert layout.live == {"gw2": "postgresql", "gw3": "sqlite"}


def test_a_worker_that_finished_is_not_replaced_and_the_layout_follows_the_workers_numbers_at_first():
    layout = WorkerLayout("half", 4)
    assert [layout.take(f"gw{n}") for n in range(4)] == ["sqlite", "postgresql", "sqlite", "postgresql"]
    layout.release("gw1", crashed=False)
    assert layout.to_replace == []
    assert WorkerLayout("all", 2).take("gw0") == "postgresql"
    assert WorkerLayout("none", 2).take("gw1") == "sqlite"


def test_the_items_of_a_crashed_postgresql_worker_wait_for_its_replacement_instead_of_being_skipped():
    config = SimpleNamespace(getvalue=lambda name: ["2*popen"], getoption=lambda name: None)
    scheduler = DatabaseScheduling(config)
    sqlite, postgresql = FakeNode("gw0", "sqlite"), FakeNode("gw1", "postgresql")
    for node in (sqlite, postgresql):
        scheduler.add_node(node)
        scheduler.add_node_collection(node, COLLECTION)
    scheduler.schedule()
    postgresql.ran.append(postgresql.queue.pop(0))
    scheduler.mark_test_complete(postgresql, postgresql.ran[-1])
    crashed_on = postgresql.queue.pop(0)
    scheduler.remove_node(
        postgresql
    )  # the worker died running `crashed_on`; xdist reports that one as failed
    replacement = FakeNode("gw2", "postgresql")
    for _ in range(len(COLLECTION)):  # the SQLite worker goes on alone for a while
        if not sqlite.queue:
            break
        index = sqlite.queue.pop(0)
        sqlite.ran.append(index)
        scheduler.mark_test_complete(sqlite, index)
    assert all(item_database(COLLECTION[i]) != "postgresql" for i in sqlite.ran)
    scheduler.add_node(replacement)
    scheduler.add_node_collection(replacement, COLLECTION)
    scheduler.schedule()
    for _ in range(10 * len(COLLECTION)):
        busy = [node for node in (sqlite, replacement) if node.queue]
        if not busy:
            break
        for node in busy:
            index = node.queue.pop(0)
            node.ran.append(index)
            scheduler.mark_test_complete(node, index)
    ran = sorted(sqlite.ran + postgresql.ran + replacement.ran + [crashed_on])
    assert ran == list(range(len(COLLECTION)))
    assert all(item_database(COLLECTION[i]) != "postgresql" for i in sqlite.ran)
    assert sum(item_database(COLLECTION[i]) == "postgresql" for i in replacement.ran) > 0
    assert scheduler.tests_finished


def test_the_summary_counts_the_postgresql_twins_not_run_and_says_why(monkeypatch):
    monkeypatch.setattr(databases, "_skipped_twins", {})
    reason = (
        f"Skipped: {databases.POSTGRESQL_NOT_RUN}: one worker only; -n 2 or more gives PostgreSQL a worker"
    )
    for n in range(3):
        report = SimpleNamespace(
            when="setup",
            skipped=True,
            nodeid=f"tests/web/test_x.py::test_{n}[postgresql]",
            longrepr=("f", 1, reason),
        )
        databases.pytest_runtest_logreport(report)
    other = SimpleNamespace(
        when="setup", skipped=True, nodeid="tests/web/test_x.py::test_y[sqlite]", longrepr=("f", 1, "x")
    )
    databases.pytest_runtest_logreport(other)
    lines = []
    databases.pytest_terminal_summary(SimpleNamespace(write_line=lines.append))
    assert lines == [
        "PostgreSQL: 3 [postgresql] twins not run: one worker only; -n 2 or more gives PostgreSQL a worker"
    ]


def test_the_skip_reason_names_why_no_worker_runs_postgresql(monkeypatch):
    monkeypatch.setattr(databases, "postgresql_unavailable", lambda: None)
    one_process = SimpleNamespace()
    assert "-n 2" in databases._why_not_here(one_process)
    one_worker = SimpleNamespace(workerinput={"workerid": "gw0"})
    assert databases._why_not_here(one_worker).startswith("one worker only")
    deselected = SimpleNamespace(
        workerinput={"planwatch_database": "sqlite", databases.ABSENCE_KEY: "-m selects none"}
    )
    assert databases._why_not_here(deselected) == "-m selects none"
    monkeypatch.setattr(
        databases, "postgresql_unavailable", lambda: "PostgreSQL is not running on 127.0.0.1:5432"
    )
    assert databases._why_not_here(one_worker) == "PostgreSQL is not running on 127.0.0.1:5432"


@pytest.mark.parametrize(
    ("cores", "markexpr", "server", "workers"),
    [
        ({0}, "", None, 2),  # one core: a second worker, so that the twins run on PostgreSQL
        ({0}, "not postgres", None, None),  # no twin selected: xdist's own count
        ({0}, "", "PostgreSQL is not running", None),  # no server: xdist's own count
        ({0, 1}, "", None, None),  # two cores already give PostgreSQL a worker
    ],
)
def test_n_auto_on_one_core_starts_two_workers_when_the_twins_can_run(
    monkeypatch, cores, markexpr, server, workers
):
    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    monkeypatch.setattr(databases.os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(databases, "postgresql_unavailable", lambda: server)
    config = SimpleNamespace(getoption=lambda name, default=None: markexpr)
    assert databases.pytest_xdist_auto_num_workers(config) == workers
