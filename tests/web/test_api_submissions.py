"""POST /api/observations writes each submission once: wrong field types are refused before any write, a retry
with the same Idempotency-Key gets the first answer, and an identical value waiting for review is not added again."""

from __future__ import annotations

import json
import re
import threading
import urllib.request

import pytest
from django.contrib.auth.models import User

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation
from tests.web.commands import demo_database, running

ITEM = {"indicator": 8, "year": 2025, "value": 3350, "source": "区科委"}


def _post(client, payload, token: str, **headers):
    return client.post(
        "/api/observations",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **headers,
    )


def _token() -> str:
    return ApiToken.issue(User.objects.get(username="kw")).key


def _pending() -> int:
    return Observation.objects.filter(indicator__number=8, year=2025, state=Observation.SUBMITTED).count()


def test_a_list_where_text_belongs_is_refused_before_anything_is_written(anonymous):
    before = Observation.objects.count()
    response = _post(anonymous, [ITEM, {**ITEM, "year": 2024, "source": ["a"], "note": {"x": 1}}], _token())
    assert response.status_code == 400
    assert response.json() == {"error": "第2条“source”：应为文字；第2条“note”：应为文字"}
    assert Observation.objects.count() == before


def test_an_identical_value_still_waiting_for_review_is_not_submitted_twice(anonymous):
    token = _token()
    assert _post(anonymous, ITEM, token).status_code == 201
    again = _post(anonymous, ITEM, token)
    assert again.status_code == 409
    assert again.json() == {"error": "第1条：指标8已有相同数值的数据在等待审核，不再重复提交"}
    assert _pending() == 1
    assert _post(anonymous, {**ITEM, "value": 3360}, token).status_code == 201  # a revised value is new


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(anonymous):
    token = _token()
    first = _post(anonymous, ITEM, token, HTTP_IDEMPOTENCY_KEY="kw-2025-0001")
    retry = _post(anonymous, ITEM, token, HTTP_IDEMPOTENCY_KEY="kw-2025-0001")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert _pending() == 1
    # another value no validation rule warns about (a warned one would be answered 400 before the key is checked)
    other = _post(anonymous, {**ITEM, "value": 3400}, token, HTTP_IDEMPOTENCY_KEY="kw-2025-0001")
    assert other.status_code == 422
    assert other.json() == {"error": "该 Idempotency-Key 已用于另一份不同的提交，请换一个"}


@pytest.mark.slow  # starts the demo server
def test_twenty_identical_posts_at_once_make_one_row(tmp_path, tmp_path_factory):
    """Against the running demo server (waitress, 8 threads, SQLite file), as the red team did."""
    demo_database(tmp_path_factory, tmp_path)
    with running(["demo", "--no-browser"], tmp_path, timeout=300) as (url, log):
        token = re.search(
            r"接口令牌（区科委 kw，用于 POST /api/observations）：([0-9a-f]{40})", log.read_text()
        ).group(1)
        statuses: list[int] = []

        def post() -> None:
            request = urllib.request.Request(
                f"{url}/api/observations",
                data=json.dumps(ITEM).encode(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

        threads = [threading.Thread(target=post) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(statuses) == [201] + [409] * 19
