"""The web tests run on SQLite and on PostgreSQL in one pytest session.

Every web test that uses the test database is collected twice, `test_x[sqlite]` and `test_x[postgresql]` (the
`postgresql` one marked `postgres`). A process runs the items of its own database and skips the others, so the
database is chosen once per process, before Django is set up:

- distributed (`-n 2` or more, `--dist load`, the default): the controller gives every second worker (gw1, gw3,
  …) PostgreSQL when the server answers and `-m` can select a [postgresql] item, and a scheduler
  (tests/scheduling.py) sends each item only to a worker of its database; tests that use no database go to
  whichever worker is free. A worker that crashes is replaced by one of the same database (xdist names the
  replacement gw2, gw3, …: the number says nothing then), and its items wait for the replacement;
- `-n auto` on one core starts two workers when a [postgresql] twin is selected and the server answers, so that
  the twins run there too;
- one process: `--database` (sqlite by default) names the database; the other parameter is skipped.

Wherever the [postgresql] twins cannot run, each is skipped with the reason and the summary ends with one line
that counts them and says why.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
from functools import cache

import pytest

PG_HOST = os.environ.get("PLANWATCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PLANWATCH_PG_PORT", "5432"))
DATABASES = ("sqlite", "postgresql")
WORKER_KEY = "planwatch_database"
ABSENCE_KEY = "planwatch_no_postgresql"  # why no worker of the session runs on PostgreSQL
# The fixtures through which a test reaches the suite's test database (pytest-django).
_USES_DATABASE = {"django_db_setup", "db", "transactional_db"}
_PARAMETER = re.compile(r"[\[-](sqlite|postgresql)\]$")


@cache
def postgresql_unavailable() -> str | None:
    """None when PostgreSQL answers as user postgres on PG_HOST:PG_PORT, else why not, in one line."""
    try:
        socket.create_connection((PG_HOST, PG_PORT), timeout=1).close()
    except OSError:
        return (
            f"PostgreSQL is not running on {PG_HOST}:{PG_PORT}; start it to run the web tests on PostgreSQL"
        )
    try:
        import psycopg

        psycopg.connect(f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", connect_timeout=3).close()
    except Exception as error:  # a missing driver or a refused login: the reason goes into the skip message
        return f"cannot connect to PostgreSQL as postgres on {PG_HOST}:{PG_PORT}: {error}".replace("\n", " ")
    return None


def item_database(nodeid: str) -> str | None:
    """The database an item is parametrised with (its id ends in `sqlite]` or `postgresql]`), or None."""
    found = _PARAMETER.search(nodeid)
    return found.group(1) if found else None


def pytest_addoption(parser):
    parser.addoption(
        "--database",
        choices=DATABASES,
        default="sqlite",
        help="database of this process's web tests when the session is not distributed: sqlite (default, or "
        f"DATABASE_URL when set) or postgresql (a throwaway database on {PG_HOST}:{PG_PORT}, user postgres). "
        "With -n 2 or more, every second worker takes the [postgresql] items when the server answers.",
    )


def _process_database(config) -> str:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and WORKER_KEY in workerinput:
        return workerinput[WORKER_KEY]
    if config.getoption("--database") == "postgresql" or os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        return "postgresql"
    return "sqlite"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    database = _process_database(config)
    config.stash[_database_key] = database
    _refuse_settings_loaded_too_early(database)
    if database == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # pytest-django creates test_<name> (with the xdist worker's suffix) and drops it afterwards.
        os.environ["DATABASE_URL"] = (
            f"postgresql://postgres@{PG_HOST}:{PG_PORT}/planwatch_suite_{os.getpid()}"
        )
    elif database == "sqlite" and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ.pop("DATABASE_URL")


_database_key = pytest.StashKey[str]()


def _refuse_settings_loaded_too_early(database: str) -> None:
    """Django reads DATABASE_URL once; settings loaded before this hook would keep the other database."""
    import sys

    if "django.conf" not in sys.modules:
        return
    from django.conf import settings

    if settings.configured and database not in settings.DATABASES["default"]["ENGINE"]:
        raise pytest.UsageError(
            f"Django's settings were loaded before the test database ({database}) was chosen: "
            "unset DJANGO_SETTINGS_MODULE in the environment (tests/web/conftest.py sets it)"
        )


def _distributes_by_database(config) -> bool:
    return config.getoption("dist", "no") == "load" and len(_worker_specs(config)) >= 2


def _worker_specs(config) -> list:
    from xdist.workermanage import parse_tx_spec_config

    try:
        return parse_tx_spec_config(config)
    except pytest.UsageError:  # no -n/--tx given
        return []


@pytest.hookimpl(trylast=True)  # last: the database comes last in the id, test_x[a-postgresql]
def pytest_generate_tests(metafunc):
    if "web_database" not in metafunc.fixturenames:
        return
    uses_database = _USES_DATABASE & set(metafunc.fixturenames) or metafunc.definition.get_closest_marker(
        "django_db"
    )
    if not uses_database:
        return
    metafunc.parametrize(
        "web_database",
        [
            pytest.param("sqlite", id="sqlite"),
            pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
        ],
    )


def pytest_runtest_setup(item):
    wanted = item.callspec.params.get("web_database") if hasattr(item, "callspec") else None
    here = item.config.stash.get(_database_key, "sqlite")
    if wanted is None or wanted == here:
        return
    if wanted == "postgresql":
        pytest.skip(f"{POSTGRESQL_NOT_RUN}: {_why_not_here(item.config)}")
    pytest.skip("this process runs on PostgreSQL; the [sqlite] items run in a SQLite process")


POSTGRESQL_NOT_RUN = "[postgresql] twin not run"


def _why_not_here(config) -> str:
    unavailable = postgresql_unavailable()
    if unavailable:
        return unavailable
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return (
            "this process runs on SQLite; -n 2 (or -n auto) gives PostgreSQL a worker, "
            "--database=postgresql runs them here"
        )
    if ABSENCE_KEY in workerinput:
        return workerinput[ABSENCE_KEY]
    if WORKER_KEY not in workerinput:
        return "one worker only; -n 2 or more gives PostgreSQL a worker"
    return "the session's PostgreSQL worker stopped before its items ran"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` on one core: two workers when a [postgresql] twin is selected and the server answers (one
    would run SQLite only); elsewhere xdist's own count."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores >= 2 or not _postgresql_twins_selected(config) or postgresql_unavailable() is not None:
        return None
    return 2


# The summary: how many [postgresql] twins were skipped, and why, in one line (counted where the reports arrive:
# the controller, or the only process).


def pytest_runtest_logreport(report):
    if report.when != "setup" or not report.skipped or item_database(report.nodeid) != "postgresql":
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if POSTGRESQL_NOT_RUN in reason:
        why = reason.split(f"{POSTGRESQL_NOT_RUN}: ", 1)[-1]
        _skipped_twins[why] = _skipped_twins.get(why, 0) + 1


_skipped_twins: dict[str, int] = {}


def pytest_terminal_summary(terminalreporter):
    for why, count in sorted(_skipped_twins.items()):
        terminalreporter.write_line(f"PostgreSQL: {count} [postgresql] twins not run: {why}")


# The controller (xdist): which worker takes which database, and a scheduler that respects it.


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    # A worker inheriting DJANGO_SETTINGS_MODULE would have pytest-django load the settings (and DATABASE_URL)
    # before its pytest_configure chooses the database; tests/web/conftest.py sets it again in the worker.
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    config = node.config
    if not _distributes_by_database(config):
        return
    if _layout_key not in config.stash:
        config.stash[_layout_key] = WorkerLayout(_postgresql_wanted(config), len(_worker_specs(config)))
    layout = config.stash[_layout_key]
    worker = node.gateway.id
    node.workerinput[WORKER_KEY] = layout.take(worker)
    if layout.postgresql_workers == 0:
        node.workerinput[ABSENCE_KEY] = _why_no_postgresql_worker(config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    layout = node.config.stash.get(_layout_key, None)
    if layout is not None:
        layout.release(node.gateway.id, crashed=error is not None)


def _postgresql_wanted(config) -> str:
    """How many PostgreSQL workers: "all" (--database=postgresql or a postgres DATABASE_URL), "half" (every second
    worker: the twins are selected and the server answers) or "none"."""
    if _process_database(config) == "postgresql":
        return "all"
    if _postgresql_twins_selected(config) and postgresql_unavailable() is None:
        return "half"
    return "none"


def _why_no_postgresql_worker(config) -> str:
    if not _postgresql_twins_selected(config):
        return "-m selects no [postgresql] twin, so no worker runs on PostgreSQL"
    return postgresql_unavailable() or "no worker runs on PostgreSQL in this session"


class WorkerLayout:
    """Which database each worker of a session takes, decided on the controller.

    The first workers take them by number (gw1, gw3, … PostgreSQL when wanted); a worker that replaces a crashed
    one takes the crashed one's database, whatever xdist numbered it, so a session never loses its PostgreSQL
    worker to a crash. A worker that finished normally is not replaced.
    """

    def __init__(self, wanted: str, workers: int):
        self.wanted = wanted
        self.postgresql_workers = {"all": workers, "half": workers // 2, "none": 0}[wanted]
        self.live: dict[str, str] = {}
        self.to_replace: list[str] = []

    def take(self, worker: str) -> str:
        if self.to_replace:
            database = self.to_replace.pop(0)
        elif self.wanted == "all" or (self.wanted == "half" and int(worker.removeprefix("gw")) % 2 == 1):
            database = "postgresql"
        else:
            database = "sqlite"
        self.live[worker] = database
        return database

    def release(self, worker: str, crashed: bool) -> None:
        database = self.live.pop(worker, None)
        if crashed and database is not None:
            self.to_replace.append(database)


_layout_key = pytest.StashKey[WorkerLayout]()


def _postgresql_twins_selected(config) -> bool:
    """Whether `-m` can keep a [postgresql] twin (marked postgres, and maybe with any other mark the expression
    names); when it cannot, as in the fast subset, no worker is spent on PostgreSQL."""
    markexpr = config.getoption("markexpr", "")
    if not markexpr:
        return True
    from _pytest.mark.expression import Expression

    expression = Expression.compile(markexpr)
    names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", markexpr)) - {"and", "or", "not", "postgres"})
    for marks in itertools.product((False, True), repeat=len(names)):
        present = {"postgres"} | {name for name, mark in zip(names, marks, strict=True) if mark}
        if expression.evaluate(lambda name, /, **kwargs: name in present):  # noqa: B023
            return True
    return False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if not _distributes_by_database(config):
        return None
    from tests.scheduling import DatabaseScheduling

    return DatabaseScheduling(config, log)
