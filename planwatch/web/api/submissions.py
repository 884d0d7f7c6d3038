"""Safe POST /api/observations: field types checked before anything is written, and each submission written once.

A retry with the same `Idempotency-Key` gets the first answer again; a value identical to one still waiting for
review is refused (409). Both are decided inside the transaction that writes, after the submission's indicators
are locked, so twenty identical requests at once make one row.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone

MAX_KEY_LENGTH = 100
KEPT = datetime.timedelta(days=7)  # a retry comes within minutes; a week of answers is plenty


def _answer(body, status: int) -> JsonResponse:
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def write_once(request, user, pending: list, write: Callable[[], tuple[object, int]]) -> JsonResponse:
    """Run `write` (returning the answer's body and status) once per Idempotency-Key, in one transaction."""
    from planwatch.web.accounts.models import ApiSubmission
    from planwatch.web.monitoring.intake import pending_twin
    from planwatch.web.plans.models import Indicator

    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY_LENGTH:
        return _answer({"error": f"Idempotency-Key 过长（最多 {MAX_KEY_LENGTH} 个字符）"}, 400)
    body_hash = hashlib.sha256(request.body).hexdigest()
    try:
        with transaction.atomic():
            # Locks the indicators written to: concurrent submissions for them wait here, one after another.
            list(Indicator.objects.select_for_update().filter(pk__in=[found.pk for found, _ in pending]))
            if key:
                earlier = ApiSubmission.objects.filter(user=user, key=key).first()
                if earlier is not None:
                    if earlier.body_hash != body_hash:
                        return _answer({"error": "该 Idempotency-Key 已用于另一份不同的提交，请换一个"}, 422)
                    return _answer(earlier.response, earlier.status)
            for position, (found, item) in enumerate(pending, start=1):
                if pending_twin(
                    found,
                    item.get("year"),
                    item.get("measure", "level"),
                    item.get("series"),
                    item.get("value"),
                ):
                    return _answer(
                        {
                            "error": f"第{position}条：指标{found.number}已有相同数值的数据在等待审核，不再重复提交"
                        },
                        409,
                    )
            body, status = write()
            if key:
                ApiSubmission.objects.filter(created__lt=timezone.now() - KEPT).delete()
                ApiSubmission.objects.create(
                    user=user, key=key, body_hash=body_hash, status=status, response=body
                )
    except IntegrityError:  # the same key committed by a concurrent request a moment earlier
        earlier = ApiSubmission.objects.filter(user=user, key=key).first() if key else None
        if earlier is None:
            raise
        return _answer(earlier.response, earlier.status)
    return _answer(body, status)
