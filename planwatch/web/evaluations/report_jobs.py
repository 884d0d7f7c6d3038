"""Reports built in the background, with their progress, cached per plan, year, kind, format and data.

Building a report with charts takes seconds; the web page must not hang meanwhile. A report asked for is built
by a thread of the server process (the embedded default; `PLANWATCH_REPORT_RUNNER = "inline"` builds it in the
request instead, as tests do), its progress (the section being built) is read by the progress page, and the
finished file is kept for the same plan, year, kind and format while the plan's data stamp and the report
texts stay the same (and the build of the code that wrote it): in the database (StoredReport), so that every worker process serves it and it survives a
restart; the jobs themselves (progress, the newest `KEEP` finished files) are per process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, transaction

from planwatch.web import build

log = logging.getLogger("planwatch.reports")

KEEP = 24  # finished reports kept (a docx is about 1 MB)


@dataclass
class ReportJob:
    id: str
    key: tuple
    stage: str = "排队等待"
    done: float = 0
    total: int = 1
    data: bytes | None = None
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def ready(self) -> bool:
        return self.data is not None

    @property
    def percent(self) -> int:
        if self.ready:
            return 100
        return int(100 * self.done / max(self.total, 1))

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started


_LOCK = threading.Lock()
_JOBS: OrderedDict[str, ReportJob] = OrderedDict()  # by id, oldest first
_BY_KEY: dict[tuple, str] = {}


def texts_stamp(plan, year: int, kind: str | None = None) -> str:
    """What the office wrote for the year's report of `kind` (its own texts and those of every report; all the
    year's texts when kind is None): the written parts are not part of the plan's data stamp."""
    from planwatch.web.evaluations.models import ReportText

    rows = ReportText.objects.filter(plan=plan, year=year)
    if kind is not None:
        rows = rows.filter(kind__in={"", kind})
    found = rows.order_by("kind", "key").values_list("kind", "key", "row_version")
    return ";".join(f"{kind}/{key}:{version}" for kind, key, version in found)


class ReportKey(NamedTuple):
    plan: int
    year: int
    kind: str
    fmt: str
    data_stamp: str
    texts_stamp: str

    @property
    def stamp(self) -> str:
        """The data stamp, the texts' versions and the build in 64 characters: what a stored file was built from."""
        return hashlib.sha256(f"{self.data_stamp}|{self.texts_stamp}|{build.BUILD}".encode()).hexdigest()


def report_key(plan, year: int, kind: str, fmt: str) -> ReportKey:
    from planwatch.web.evaluations.cache import data_stamp

    return ReportKey(plan.pk, year, kind, fmt, data_stamp(plan.pk), texts_stamp(plan, year, kind))


def _stored(key: ReportKey) -> bytes | None:
    from planwatch.web.evaluations.models import StoredReport

    found = (
        StoredReport.objects.filter(
            plan_id=key.plan, year=key.year, kind=key.kind, fmt=key.fmt, stamp=key.stamp
        )
        .values_list("data", flat=True)
        .first()
    )
    return bytes(found) if found is not None else None


def _store(key: ReportKey, data: bytes, seconds: float) -> None:
    """Keep the file for every process; the same report under an older stamp is dropped."""
    from planwatch.web.evaluations.models import StoredReport

    same = StoredReport.objects.filter(plan_id=key.plan, year=key.year, kind=key.kind, fmt=key.fmt)
    try:
        with transaction.atomic():
            same.exclude(stamp=key.stamp).delete()
            StoredReport.objects.create(
                plan_id=key.plan,
                year=key.year,
                kind=key.kind,
                fmt=key.fmt,
                stamp=key.stamp,
                data=data,
                seconds=seconds,
            )
    except IntegrityError:
        pass  # another process stored it first
    except DatabaseError as error:  # the file is still served from this process's job
        log.warning("report %s not stored: %s", key[:4], error)


def job(job_id: str) -> ReportJob | None:
    with _LOCK:
        return _JOBS.get(job_id)


def _forget_old() -> None:
    finished = [j for j in _JOBS.values() if j.finished is not None]
    for old in finished[: max(0, len(finished) - KEEP)]:
        _JOBS.pop(old.id, None)
        if _BY_KEY.get(old.key) == old.id:
            del _BY_KEY[old.key]


def _run(current: ReportJob, build: Callable[[Callable[[str, float, int], None]], bytes]) -> None:
    def on_stage(title: str, done: float, total: int) -> None:
        current.stage, current.done, current.total = title, done, total

    try:
        data = build(on_stage)
        if isinstance(current.key, ReportKey):
            _store(current.key, data, time.monotonic() - current.started)
        current.data = data
        current.stage = "已完成"
    except Exception as error:  # the core's errors become the page's message; the job is not cached
        current.error = str(error) or error.__class__.__name__
        current.stage = "生成失败"
    finally:
        current.finished = time.monotonic()
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()  # this thread's own connections


def start(key: tuple, build: Callable[[Callable[[str, float, int], None]], bytes]) -> ReportJob:
    """The job for `key`: the finished or running one, a file stored by any process under the same stamp, else a
    new one (run per PLANWATCH_REPORT_RUNNER)."""
    with _LOCK:
        found = _JOBS.get(_BY_KEY.get(key, ""))
        if found is not None and found.error is None:
            return found
    stored = _stored(key) if isinstance(key, ReportKey) else None
    with _LOCK:
        found = _JOBS.get(_BY_KEY.get(key, ""))
        if found is not None and found.error is None:
            return found
        current = ReportJob(uuid.uuid4().hex, key)
        if stored is not None:
            current.data, current.stage, current.finished = stored, "已完成", time.monotonic()
        _JOBS[current.id] = current
        _BY_KEY[key] = current.id
        _forget_old()
    if current.ready:
        return current
    if getattr(settings, "PLANWATCH_REPORT_RUNNER", "thread") == "inline":
        _run(current, build)
    else:
        threading.Thread(
            target=_run, args=(current, build), name=f"report-{current.id[:8]}", daemon=True
        ).start()
    return current
