"""Login throttling that slows a password guesser without locking out the account's owner.

Each failed sign-in is a row (shared by every server process), keyed by the canonical user name
(`names.canonical_username`: `ａｄmin` and `Admin` count as `admin`) and by the client's real address
(`security.client_address`, which believes X-Forwarded-For only from `PLANWATCH_TRUSTED_PROXIES`). After a few free
failures, each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s … up to 15 minutes):
a guesser gets a handful of tries an hour, and nobody is locked out for good.

The owner is not slowed: a browser in which the account has signed in before carries a signed device cookie for
that user name, and its attempts are counted against that device only. So a stranger who types five bad
passwords for `admin` slows the stranger, not the administrator at their desk.
"""

from __future__ import annotations

import datetime
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from planwatch.web.accounts.models import LoginFailure
from planwatch.web.accounts.names import canonical_username

logger = logging.getLogger("planwatch.security")

USERNAME_FREE = 3  # failures per user name before the delays start
ADDRESS_FREE = 20  # per address: offices sign in from behind one NAT address, so more
DEVICE_FREE = 5  # per known device (the owner's own browser)
MAX_DELAY = datetime.timedelta(minutes=15)
WINDOW = datetime.timedelta(hours=1)  # failures older than this are forgotten
DEVICE_COOKIE = "planwatch_device"
DEVICE_SALT = "planwatch.accounts.device"
DEVICE_AGE = 180 * 24 * 60 * 60


def _setting(name: str, default):
    return getattr(settings, name, default)


def delay_after(failures: int, free: int) -> datetime.timedelta:
    """The wait before the next attempt after `failures` recent failures: none while free, then doubling."""
    if failures < free:
        return datetime.timedelta(0)
    max_delay = _setting("PLANWATCH_LOGIN_MAX_DELAY", MAX_DELAY)
    exponent = failures - free
    if exponent >= 32:
        return max_delay
    return min(max_delay, datetime.timedelta(seconds=2**exponent))


def device_cookie(username: str) -> str:
    """A signed cookie value marking this browser as one where `username` has signed in."""
    return signing.dumps({"u": canonical_username(username), "d": secrets.token_hex(8)}, salt=DEVICE_SALT)


def known_device(request, username: str | None) -> str | None:
    """The device id when the request carries a valid device cookie for this user name, else None."""
    value = request.COOKIES.get(DEVICE_COOKIE) if request is not None else None
    if not value:
        return None
    try:
        data = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != canonical_username(username):
        return None
    return str(data.get("d", ""))[:32] or None


def _keys(username: str | None, address: str, device: str | None) -> list[tuple[dict, int]]:
    if device:
        return [({"username": f"device:{device}"}, DEVICE_FREE)]
    return [
        (
            {"username": canonical_username(username)},
            _setting("PLANWATCH_LOGIN_USERNAME_FREE", USERNAME_FREE),
        ),
        ({"address": address}, _setting("PLANWATCH_LOGIN_ADDRESS_FREE", ADDRESS_FREE)),
    ]


def wait(username: str | None, address: str, device: str | None = None) -> datetime.timedelta | None:
    """How long this attempt must still wait; None when it may try now."""
    now = timezone.now()
    recent = LoginFailure.objects.filter(when__gte=now - _setting("PLANWATCH_LOGIN_WINDOW", WINDOW))
    waits = []
    for where, free in _keys(username, address, device):
        times = list(recent.filter(**where).order_by("-when").values_list("when", flat=True)[: free + 40])
        if not times:
            continue
        until = times[0] + delay_after(len(times), free)
        if until > now:
            waits.append(until - now)
    return max(waits) if waits else None


def refusal(username: str | None, address: str, device: str | None = None) -> str | None:
    """The Chinese message to show when this attempt must wait; None when it may try."""
    remaining = wait(username, address, device)
    if remaining is None:
        return None
    seconds = max(1, -(-int(remaining.total_seconds() * 1000) // 1000))
    shown = f"{seconds}秒" if seconds < 60 else f"{-(-seconds // 60)}分钟"
    return (
        f"登录尝试过于频繁：为防止密码被猜测，请约{shown}后再试（每次失败后等待时间加倍）。"
        "曾在本浏览器登录过的用户不受影响；如忘记密码请联系系统管理员。"
    )


def record_failure(username: str | None, address: str, device: str | None = None) -> None:
    forget_old_failures()
    key = f"device:{device}" if device else canonical_username(username)
    LoginFailure.objects.create(username=key, address=address)
    logger.warning("failed sign-in for %r from %s", canonical_username(username), address)


def record_success(username: str | None, device: str | None = None) -> None:
    """A right password clears that user name's (and device's) failures; the address keeps its count."""
    keys = [canonical_username(username)] + ([f"device:{device}"] if device else [])
    LoginFailure.objects.filter(username__in=keys).delete()


def forget_old_failures() -> None:
    LoginFailure.objects.filter(when__lt=timezone.now() - _setting("PLANWATCH_LOGIN_WINDOW", WINDOW)).delete()
