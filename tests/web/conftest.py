"""Web tests: Django settings, and the demo data (plan, departments, accounts, observations) loaded once."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")


def pytest_configure(config):
    import django
    from django.conf import settings

    django.setup()
    # The demo's 18 accounts and every test that sets a password would otherwise spend a PBKDF2 run each
    # (about a third of a second, most of the demo's seeding); what the tests check of passwords is the
    # validators, the throttle and who may sign in, none of which depends on the hash's cost. Servers the
    # tests start run in their own process with the real settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _scan_static_files_once_per_configuration()


def _scan_static_files_once_per_configuration() -> None:
    """Django's test client builds the middleware anew for every client, and WhiteNoise's middleware then finds,
    stats and describes every static file again (WHITENOISE_USE_FINDERS): half the time of a test that signs in
    as each role in turn. A server builds it once per process; here the scan is kept per configuration of the
    settings it reads, and each new middleware gets the same files (read-only descriptions of unchanged files)."""
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    scan = WhiteNoiseMiddleware.add_files_from_finders
    scans: dict[str, dict] = {}

    def add_files_from_finders(self) -> None:
        names = sorted(
            name
            for name in dir(settings)
            if name.startswith(("WHITENOISE_", "STATIC"))
            or name in ("INSTALLED_APPS", "DEBUG", "FORCE_SCRIPT_NAME")
        )
        key = repr([(name, getattr(settings, name)) for name in names])
        if key not in scans:
            own, self.files = self.files, {}
            scan(self)
            scans[key], self.files = self.files, own
        self.files.update(scans[key])

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders


@pytest.fixture(autouse=True)
def web_database(request) -> str:
    """The database this test runs on: each test that uses it is parametrised sqlite/postgresql
    (tests/databases.py); the others run on whichever database their process has."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A SQLite worker builds the suite's database from the models (Django's TEST MIGRATE False: a tenth of the
    time of thirty migrations, each rebuilding tables) and records the migrations as applied; a PostgreSQL worker
    runs them all. The migrations stay tested: test_migrations.py (the models and the migrations agree, so both
    ways give one schema), the [postgresql] workers, test_first_release_upgrade.py and the demo and backup tests,
    which migrate their own SQLite files."""
    from django.db import connections

    default = connections["default"].settings_dict
    if default["ENGINE"].endswith("sqlite3"):
        default.setdefault("TEST", {})["MIGRATE"] = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    from planwatch.web.demo import seed_demo

    with django_db_blocker.unblock():
        if connection.settings_dict["TEST"].get("MIGRATE") is False:
            recorder = MigrationRecorder(connection)
            recorder.ensure_schema()
            applied = recorder.applied_migrations()
            for app, name in MigrationLoader(connection, ignore_no_migrations=True).graph.nodes:
                if (app, name) not in applied:
                    recorder.record_applied(app, name)
        seed_demo()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached pages: a rolled-back test must not leave pages for the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


SONGJIANG = "上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@pytest.fixture
def plan(db):
    """Songjiang's 14th plan, the first plan of the demo (and its default plan)."""
    from planwatch.web.plans.models import Plan

    return Plan.objects.get(title=SONGJIANG)


@pytest.fixture
def national(db):
    """The national 15th Five-Year Plan outline, the demo's second plan (上级规划, no monitoring data)."""
    from planwatch.web.plans.models import Plan

    return Plan.objects.get(level="superior")


def _follows_to_scoped_form(path: str, response) -> bool:
    """An old page URL answered by a redirect to its plan-scoped form (`/x/` → `/plans/<id>/x/`)."""
    import re

    location = response.headers.get("Location", "") if response.status_code == 302 else ""
    found = re.match(r"^/plans/\d+(/[^?]*)", location)
    old = path.split("?")[0]
    return bool(found) and found.group(1) in (old, old.removeprefix("/plans"))


def plan_client():
    """A test client that follows an old page URL's redirect to the default plan's scoped form.

    The redirect itself is checked in test_plan_scope.py and the permission matrix; the other tests read the page.
    """
    from django.test import Client

    class PlanClient(Client):
        def get(self, path, data=None, **extra):
            response = super().get(path, data, **extra)
            if _follows_to_scoped_form(path, response):
                return super().get(response.headers["Location"], data, **extra)
            return response

    return PlanClient()


def _client(username: str):
    from django.contrib.auth.models import User

    client = plan_client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def planner(db):
    return _client("guihuake")


@pytest.fixture
def admin_client_(db):
    return _client("admin")


@pytest.fixture
def leader(db):
    return _client("lingdao")


@pytest.fixture
def kewei(db):
    """Reporter of 区科委 (indicators 8, 10, 11)."""
    return _client("kw")


@pytest.fixture
def shengtai(db):
    """Reporter of 区生态环境局 (indicators 12, 13)."""
    return _client("sthj")


@pytest.fixture
def anonymous(db):
    return plan_client()


def indicator(number: int):
    """An indicator of Songjiang's plan by its number in the main table."""
    from planwatch.web.plans.models import Indicator

    return Indicator.objects.get(plan__title=SONGJIANG, number=number)
