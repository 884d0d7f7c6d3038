"""Logging as the operator reads it: one line per request error and per refused input, on stderr by default."""

from __future__ import annotations

import logging
import os


class OneLineFormatter(logging.Formatter):
    """A record on one line: a traceback is reduced to its last line (the exception), newlines escaped."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        text = super().format(logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None}))
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" | {type(error).__name__}: {error}"
        record.exc_info, record.exc_text, record.stack_info = saved
        return text.replace("\r", "\\r").replace("\n", "\\n")


def logging_config(level: str | None = None) -> dict:
    """The LOGGING setting: request errors (django.request, 4xx and 5xx) and planwatch's refusals, to stderr.

    `PLANWATCH_LOG_LEVEL` (default INFO) sets planwatch's level; `PLANWATCH_LOG_FILE` writes to a file instead.
    """
    level = (level or os.environ.get("PLANWATCH_LOG_LEVEL") or "INFO").upper()
    path = os.environ.get("PLANWATCH_LOG_FILE")
    handler = (
        {"class": "logging.FileHandler", "filename": path} if path else {"class": "logging.StreamHandler"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "line": {"()": OneLineFormatter, "format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
        },
        "handlers": {"main": {**handler, "formatter": "line"}},
        "loggers": {
            "django.request": {"handlers": ["main"], "level": "WARNING", "propagate": False},
            "django.security": {"handlers": ["main"], "level": "WARNING", "propagate": False},
            "planwatch": {"handlers": ["main"], "level": level, "propagate": False},
        },
    }
