"""No lost data: two people saving one observation (or adjustment) at once — the second is refused and told
the current value; every save leaves the earlier value in the history."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from planwatch.web.locking import StaleEdit
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Adjustment
from tests.databases import PG_HOST, PG_PORT, postgresql_unavailable
from tests.web.conftest import indicator


def _submitted(number: int = 8, value: float = 412.0) -> Observation:
    return Observation.objects.create(
        indicator=indicator(number), year=2024, value=value, unit="家", source="区科委报送", state="submitted"
    )


# On the suite's database (each test twice: [sqlite] and [postgresql], tests/databases.py)


def test_a_save_from_a_stale_copy_is_refused_and_the_first_save_stands(db):
    stored = _submitted()
    first, second = Observation.objects.get(pk=stored.pk), Observation.objects.get(pk=stored.pk)
    first.value = 415.0
    first.save()
    second.value = 420.0

    with pytest.raises(StaleEdit) as refused:
        second.save()

    assert refused.value.current.value == 415.0
    stored.refresh_from_db()
    assert (stored.value, stored.row_version) == (415.0, 2)
    assert second.row_version == 1  # unchanged, so the caller can still tell what it was based on


def test_every_save_increments_the_version_and_keeps_the_earlier_value_in_history(db):
    stored = _submitted()
    for value in (413.0, 414.0):
        stored.value = value
        stored.save()
    assert stored.row_version == 3
    assert [(h.value, h.row_version) for h in stored.history.order_by("history_date", "history_id")] == [
        (412.0, 1),
        (413.0, 2),
        (414.0, 3),
    ]


def test_the_version_is_checked_in_the_update_statement_itself(db):
    stored = _submitted()
    stored.value = 413.0
    with CaptureQueriesContext(connection) as queries:
        stored.save()
    update = next(
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "monitoring_observation" in q["sql"]
    )
    where = update.split("WHERE", 1)[1]
    assert '"row_version" = 1' in where
    assert '"row_version" = 2' in update.split("WHERE", 1)[0]


def test_a_refused_save_leaves_the_surrounding_transaction_usable(db):
    stored = _submitted()
    stale = Observation.objects.get(pk=stored.pk)
    Observation.objects.filter(pk=stored.pk).update(row_version=5)
    with transaction.atomic():
        with pytest.raises(StaleEdit):
            stale.save()
        assert Observation.objects.filter(pk=stored.pk).count() == 1


# Two connections at once, on a scratch database of each engine


def _scratch_sqlite(tmp_path):
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "race.sqlite3")}, None


def _scratch_postgresql():
    import psycopg

    unavailable = postgresql_unavailable()
    if unavailable:
        pytest.skip(unavailable)
    admin = psycopg.connect(f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", autocommit=True)
    name = f"planwatch_race_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    config = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "HOST": PG_HOST,
        "PORT": str(PG_PORT),
        "USER": "postgres",
        "PASSWORD": "",
    }
    return config, (admin, name)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def race_database(request, tmp_path_factory, django_db_blocker):
    """A migrated scratch database of each engine under the alias "race", holding one plan and indicator."""
    from django.core.management import call_command

    from planwatch.web.plans.models import Indicator, Plan

    if request.param == "sqlite":
        config, cleanup = _scratch_sqlite(tmp_path_factory.mktemp("race"))
    else:
        config, cleanup = _scratch_postgresql()
    settings = {**connections.settings["default"], "OPTIONS": {}, "TEST": {}, **config}
    if request.param == "sqlite":
        settings["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    connections.settings["race"] = settings
    with django_db_blocker.unblock():
        call_command("migrate", database="race", verbosity=0)
        plan = Plan.objects.using("race").create(
            title="测试规划",
            period_start=2021,
            period_end=2025,
            source_name="t.txt",
            source_file=b"",
            source_hash="0" * 64,
        )
        # bulk_create: no history or audit signals, which would write to the suite's own database
        [found] = Indicator.objects.using("race").bulk_create(
            [
                Indicator(
                    plan=plan,
                    number=8,
                    name="每万人口发明专利拥有量",
                    unit="件",
                    attribute="expected",
                    kind="level",
                    target_text="80",
                    target_year=2025,
                    target_value=80,
                )
            ]
        )
        yield {"engine": request.param, "config": config, "indicator": found}
        connections["race"].close()
    del connections["race"]  # the next engine gets a fresh connection object in this thread
    del connections.settings["race"]
    if cleanup is not None:
        admin, name = cleanup
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def race_db(race_database, django_db_blocker):
    """One submitted observation and one proposed adjustment, both at version 1."""
    found = race_database["indicator"]
    with django_db_blocker.unblock():
        observation = Observation.objects.using("race").create(
            indicator=found, year=2024, value=60.0, unit="件", source="区科委报送", state="submitted"
        )
        adjustment = Adjustment.objects.using("race").create(
            indicator=found,
            old_target_text="80",
            new_target_text="75",
            new_target_value=75,
            reason="统计口径调整",
        )
    return {**race_database, "observation": observation.pk, "adjustment": adjustment.pk}


def _waiting_on_a_lock(config) -> bool:
    """PostgreSQL: is a backend of the scratch database blocked on a row lock right now?"""
    import psycopg

    # autocommit: inside one transaction pg_stat_activity would show the same snapshot on every poll
    with psycopg.connect(f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", autocommit=True) as monitor:
        for _ in range(100):
            row = monitor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                (config["NAME"],),
            ).fetchone()
            if row[0]:
                return True
            time.sleep(0.05)
    return False


def _race(race_db, model, pk, change_first, change_second) -> dict:
    """Both read version 1; the first saves inside an open transaction; the second saves while it is open
    (PostgreSQL: its UPDATE waits on the row lock; SQLite: its BEGIN IMMEDIATE waits); then the first commits."""
    first = model.objects.using("race").get(pk=pk)
    second = model.objects.using("race").get(pk=pk)
    first_saved, second_started = threading.Event(), threading.Event()
    outcome: dict = {}

    def first_reviewer():
        try:
            with transaction.atomic(using="race"):
                change_first(first)
                first.save()
                first_saved.set()
                second_started.wait(10)
                if race_db["engine"] == "postgresql":
                    outcome["second_blocked"] = _waiting_on_a_lock(race_db["config"])
                else:
                    time.sleep(0.4)
                    outcome["second_blocked"] = not outcome.get("second_done", False)
        finally:
            connections.close_all()  # this thread's: the audit signal may have opened "default" too

    def second_reviewer():
        first_saved.wait(10)
        second_started.set()
        try:
            change_second(second)
            second.save()
            outcome["second"] = "saved"
        except StaleEdit as stale:
            outcome["second"] = stale
        finally:
            outcome["second_done"] = True
            connections.close_all()

    threads = [threading.Thread(target=first_reviewer), threading.Thread(target=second_reviewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcome


def test_two_reviewers_at_once_on_one_observation_the_second_is_refused(race_db, django_db_blocker):
    def approve(o):
        o.state, o.comment = "approved", "与统计公报一致"

    def reject(o):
        o.state, o.comment = "rejected", "请核对口径"

    with django_db_blocker.unblock():
        outcome = _race(race_db, Observation, race_db["observation"], approve, reject)
        stored = Observation.objects.using("race").get(pk=race_db["observation"])
        history = list(stored.history.using("race").order_by("history_date", "history_id"))

    assert outcome["second_blocked"], "the second save should have been in flight while the first was open"
    assert isinstance(outcome["second"], StaleEdit)
    assert outcome["second"].current.state == "approved"
    assert (stored.state, stored.comment, stored.row_version) == ("approved", "与统计公报一致", 2)
    assert [h.state for h in history] == ["submitted", "approved"]


def test_two_planners_at_once_on_one_adjustment_the_second_is_refused(race_db, django_db_blocker):
    def approve(a):
        a.state, a.decision_comment, a.version = "approved", "同意", 2

    def reject(a):
        a.state, a.decision_comment = "rejected", "理由不足"

    with django_db_blocker.unblock():
        outcome = _race(race_db, Adjustment, race_db["adjustment"], approve, reject)
        stored = Adjustment.objects.using("race").get(pk=race_db["adjustment"])

    assert outcome["second_blocked"], outcome
    assert isinstance(outcome["second"], StaleEdit)
    assert outcome["second"].current.decision_comment == "同意"
    assert (stored.state, stored.row_version) == ("approved", 2)


# Through the pages


def test_the_second_reviewer_is_told_the_value_was_approved_meanwhile(planner, admin_client_):
    stored = _submitted(value=412.0)
    page = planner.get("/monitoring/review/").content.decode()
    assert f'name="row_version" value="{stored.row_version}"' in page
    admin_client_.post(
        f"/monitoring/review/{stored.pk}/",
        {"decision": "approve", "row_version": "1", "document_number": "松府发〔2023〕12号"},
    )

    response = planner.post(
        f"/monitoring/review/{stored.pk}/",
        {"decision": "reject", "comment": "数值偏高", "row_version": "1"},
        follow=True,
    )

    text = response.content.decode()
    assert "已被admin" in text and "您的审核未保存" in text
    assert "当前数值 412家" in text and "状态：已审核通过" in text
    stored.refresh_from_db()
    assert (stored.state, stored.comment, stored.reviewed_by.username) == ("approved", "", "admin")


def test_a_correction_based_on_an_old_version_is_refused_and_what_was_typed_is_kept(planner, admin_client_):
    stored = _submitted(value=412.0)
    form = {"value": "421", "unit": "家", "source": "区科委报送", "vintage": "2025-03-01", "note": ""}
    admin_client_.post(
        f"/monitoring/observations/{stored.pk}/edit/",
        {**form, "reason": "笔误，按公报更正", "row_version": "1"},
    )

    response = planner.post(
        f"/monitoring/observations/{stored.pk}/edit/",
        {**form, "value": "430", "reason": "按部门复核", "row_version": "1"},
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert "当前数值 421家" in text and "您的修改未保存" in text
    assert 'value="430"' in text and "按部门复核" in text  # nothing they typed is lost
    assert 'name="row_version" value="2"' in text
    stored.refresh_from_db()
    assert (stored.value, stored.row_version) == (421.0, 2)
    reasons = [h.history_change_reason for h in stored.history.order_by("history_date", "history_id")]
    assert reasons == [None, "笔误，按公报更正"]


def test_a_correction_needs_a_reason_and_is_for_the_planning_office_only(planner, kewei):
    stored = _submitted()
    form = {
        "value": "500",
        "unit": "家",
        "source": "x",
        "vintage": "2025-03-01",
        "note": "",
        "row_version": "1",
    }
    assert (
        kewei.post(f"/monitoring/observations/{stored.pk}/edit/", {**form, "reason": "x"}).status_code == 403
    )
    assert (
        planner.post(f"/monitoring/observations/{stored.pk}/edit/", {**form, "reason": ""}).status_code == 400
    )
    stored.refresh_from_db()
    assert stored.value == 412.0


def test_the_second_decision_on_an_adjustment_is_refused(planner, admin_client_):
    gdp = indicator(1)
    planner.post(
        "/plans/adjustments/propose/",
        {"indicator": gdp.pk, "new_target_text": "7%左右", "new_target_value": "7", "reason": "受疫情影响"},
    )
    adjustment = Adjustment.objects.get()
    admin_client_.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "row_version": "1", "document_number": "松府发〔2023〕12号"},
    )

    response = planner.post(
        f"/plans/adjustments/{adjustment.pk}/decide/", {"decision": "reject", "row_version": "1"}, follow=True
    )

    text = response.content.decode()
    assert "您的审批未保存" in text and "当前状态：已批准" in text
    adjustment.refresh_from_db()
    gdp.refresh_from_db()
    assert (adjustment.state, adjustment.version, gdp.target_version) == ("approved", 2, 2)
    assert [h.state for h in adjustment.history.order_by("history_date", "history_id")] == [
        "proposed",
        "approved",
    ]
