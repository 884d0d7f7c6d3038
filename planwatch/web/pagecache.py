"""Rendered page bodies kept per plan data stamp: a dashboard, indicator page or plan reader is rendered once
per change of the plan's data (and per kind of viewer), then served from the cache.

The key holds the build fingerprint (planwatch.web.build): after an upgrade, a cache shared between processes
and restarts (file, Redis) never serves a page the older code or templates rendered.

A page template extends `base|default:"base.html"`; rendered with base="fragment.html" it gives only its
content block, which is cached and then laid into `cached_page.html` for the user at hand (menus, name,
messages and CSRF token are never cached).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from planwatch.web import build
from planwatch.web.accounts.permissions import department_of, role_of
from planwatch.web.evaluations.cache import data_stamp

TIMEOUT = 60 * 60


def viewer(user) -> str:
    """What decides what a user sees on a page: their role, and a reporter's department."""
    department = department_of(user)
    return f"{role_of(user)}-{department.pk if department else ''}"


def render_cached(request, template: str, plan_id: int, key: tuple, build_context, title: str, charts: bool):
    """The page: its content from the cache when the plan's data is unchanged, else built and stored."""
    parts = (
        build.BUILD,
        template,
        plan_id,
        data_stamp(plan_id),
        viewer(request.user),
        timezone.localdate(),
        *key,
    )
    cache_key = "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    content = cache.get(cache_key)
    if content is None:
        content = render_to_string(template, {**build_context(), "base": "fragment.html"}, request)
        if (
            "csrfmiddlewaretoken" not in content
        ):  # a form's token belongs to one user: such pages stay uncached
            cache.set(cache_key, content, TIMEOUT)
    return render(
        request, "cached_page.html", {"title": title, "content": mark_safe(content), "charts": charts}
    )
