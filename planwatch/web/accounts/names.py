"""One form of a user name for sign-in, throttling and account creation: `ａｄmin`, `Admin ` and `admin` are one.

Django's sign-in form applies NFKC only; a throttle keyed on another form was bypassed with full-width letters.
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 150


def canonical_username(name: str | None) -> str:
    """NFKC, then casefold, then strip; the same three steps everywhere a user name is compared or stored."""
    return unicodedata.normalize("NFKC", name or "").casefold().strip()[:MAX_LENGTH]


def find_user(name: str | None):
    """The account whose user name has the same canonical form, or None."""
    from django.contrib.auth import get_user_model

    canonical = canonical_username(name)
    if not canonical:
        return None
    model = get_user_model()
    # Names are stored canonical since creation; iexact also finds older accounts stored in another case.
    candidates = model._default_manager.filter(**{f"{model.USERNAME_FIELD}__iexact": canonical})
    return next((u for u in candidates if canonical_username(u.get_username()) == canonical), None)
