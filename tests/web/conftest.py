"""Web tests: Django settings, and the demo data (plan, departments, accounts, observations) loaded once."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")


def pytest_configure(config):
    import django

    django.setup()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from planwatch.web.demo import seed_demo

    with django_db_blocker.unblock():
        seed_demo()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached pages: a rolled-back test must not leave pages for the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(db):
    from planwatch.web.plans.models import Plan

    return Plan.objects.get()


def _client(username: str):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
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
    from django.test import Client

    return Client()


def indicator(number: int):
    from planwatch.web.plans.models import Indicator

    return Indicator.objects.get(number=number)
