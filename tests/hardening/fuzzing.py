"""Bounds shared by the fuzz tests: how many examples (raised by PLANWATCH_FUZZ_EXAMPLES) and how long each may run."""

from __future__ import annotations

import itertools
import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, settings

# The normal test run keeps every fuzz test small; CI or a developer raises the count, e.g.
# PLANWATCH_FUZZ_EXAMPLES=2000 python -m pytest tests/hardening
ENVIRONMENT_VARIABLE = "PLANWATCH_FUZZ_EXAMPLES"


class Hang(Exception):
    """An input kept a reader busy past its time limit."""


def examples(default: int) -> int:
    """The example count of one fuzz test: its default, or the larger count asked for in the environment."""
    asked = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return max(default, int(asked)) if asked.isdigit() else default


def fuzz(default: int):
    """Hypothesis settings for a fuzz test: `default` examples, no per-example deadline (time_limit bounds it)."""
    return settings(
        max_examples=examples(default),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


@contextmanager
def time_limit(seconds: float):
    """Raise Hang in the test when the body runs longer than `seconds` of wall-clock time."""

    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_SCRATCH = tempfile.TemporaryDirectory(prefix="planwatch-fuzz-")
_counter = itertools.count()


def scratch_file(name: str, data: bytes | None = None) -> Path:
    """A fresh path for one example's file (removed when the test process ends), holding `data` if given."""
    folder = Path(_SCRATCH.name) / str(next(_counter))
    folder.mkdir()
    path = folder / name
    if data is not None:
        path.write_bytes(data)
    return path
