"""Optional parts (PostgreSQL driver, Redis client) installed as extras: a missing one is named in one line."""

from __future__ import annotations

import importlib.util

from planwatch.errors import PlanWatchError

EXTRAS = {"psycopg": "postgres", "redis": "redis"}


class MissingPart(PlanWatchError):
    """A setting asks for an optional part that is not installed."""


def require(module: str, needed_for: str) -> None:
    """Raise MissingPart (one line, with the install command) when `module` cannot be imported."""
    if importlib.util.find_spec(module) is None:
        extra = EXTRAS.get(module, module)
        raise MissingPart(f"{needed_for}需要 {module}，但它没有安装：pip install 'planwatch[{extra}]'")


def check_settings(engine: str, redis_url: str | None) -> None:
    """The optional parts the configured database and cache need."""
    if "postgresql" in engine:
        require("psycopg", "DATABASE_URL 指向 PostgreSQL")
    if redis_url:
        require("redis", "REDIS_URL 指向 Redis")
