"""Login throttling: after too many failed sign-ins for one user name or from one address within a window,
refuse further attempts (even with the right password) until the window has passed.

Failures are rows in the database, so every server process sees the same count. The address is the
connection's REMOTE_ADDR; behind a reverse proxy, have the proxy set it (a client-sent X-Forwarded-For
would let a guesser choose their own address).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from planwatch.web.accounts.models import LoginFailure

logger = logging.getLogger("planwatch.security")

USERNAME_LIMIT = 5  # failures per user name within the window
ADDRESS_LIMIT = 20  # per address: offices sign in from behind one NAT address, so higher
WINDOW = datetime.timedelta(minutes=15)


def _limits() -> tuple[int, int, datetime.timedelta]:
    return (
        getattr(settings, "PLANWATCH_LOGIN_USERNAME_LIMIT", USERNAME_LIMIT),
        getattr(settings, "PLANWATCH_LOGIN_ADDRESS_LIMIT", ADDRESS_LIMIT),
        getattr(settings, "PLANWATCH_LOGIN_WINDOW", WINDOW),
    )


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64] if request is not None else "unknown"


def normalise(username: str | None) -> str:
    return (username or "").strip().lower()[:150]


def refusal(username: str | None, address: str) -> str | None:
    """The Chinese message to show when this user name or address is locked out; None when it may try."""
    username_limit, address_limit, window = _limits()
    now = timezone.now()
    recent = LoginFailure.objects.filter(when__gte=now - window)
    waits = []
    for rows, limit in (
        (recent.filter(username=normalise(username)), username_limit),
        (recent.filter(address=address), address_limit),
    ):
        times = list(rows.order_by("-when").values_list("when", flat=True)[:limit])
        if len(times) >= limit:
            waits.append(times[-1] + window - now)  # when the oldest of the last `limit` leaves the window
    if not waits:
        return None
    minutes = max(1, -(-int(max(waits).total_seconds()) // 60))
    return (
        f"登录失败次数过多：该账号或本机地址在{int(window.total_seconds() // 60)}分钟内已连续失败多次，"
        f"为保护账号安全暂停登录，请约{minutes}分钟后再试；如忘记密码请联系系统管理员。"
    )


def record_failure(username: str | None, address: str) -> None:
    forget_old_failures()
    LoginFailure.objects.create(username=normalise(username), address=address)
    logger.warning("failed sign-in for %r from %s", normalise(username), address)


def record_success(username: str | None) -> None:
    """A right password clears that user name's failures (the address keeps its count)."""
    LoginFailure.objects.filter(username=normalise(username)).delete()


def forget_old_failures() -> None:
    LoginFailure.objects.filter(when__lt=timezone.now() - _limits()[2]).delete()
