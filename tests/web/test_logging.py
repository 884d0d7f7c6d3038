"""One line per request error and per refused input, on stderr by default (the LOGGING setting)."""

from __future__ import annotations

import io
import json
import logging

from django.conf import settings
from django.contrib.auth.models import User

from planwatch.web.accounts.models import ApiToken
from planwatch.web.logs import OneLineFormatter


def test_the_setting_writes_request_errors_and_refusals_to_stderr():
    handler = settings.LOGGING["handlers"]["main"]
    assert handler["class"] == "logging.StreamHandler" and "stream" not in handler  # stderr
    assert settings.LOGGING["loggers"]["django.request"]["level"] == "WARNING"
    assert settings.LOGGING["loggers"]["planwatch"]["level"] == "INFO"


def test_a_traceback_becomes_one_line():
    try:
        raise ValueError("第一行\n第二行")
    except ValueError:
        record = logging.getLogger("planwatch.test").makeRecord(
            "planwatch.test",
            logging.ERROR,
            __file__,
            1,
            "report failed",
            (),
            exc_info=__import__("sys").exc_info(),
        )
    line = OneLineFormatter("%(levelname)s %(name)s %(message)s").format(record)
    assert line == "ERROR planwatch.test report failed | ValueError: 第一行\\n第二行"


def test_a_refused_api_submission_is_logged_in_one_line(anonymous, plan):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("planwatch")
    logger.addHandler(handler)
    try:
        anonymous.post(
            "/api/observations",
            json.dumps({"indicator": 8, "year": 2025, "value": "nan"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(User.objects.get(username='kw')).key}",
        )
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines == [
        f"INFO planwatch.intake observations refused (plan {plan.pk}): "
        "第1条“value”：数值必须是有限的数字（不接受 NaN、无穷大或超出范围的数）"
    ]
