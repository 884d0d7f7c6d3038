"""Production settings: `check --deploy` is clean, no start without a secret key, secure cookies and headers."""

from __future__ import annotations

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "planwatch.web.settings_production"


def _django(*args: str, secret: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PLANWATCH_SECRET_KEY"}
    if secret is not None:
        env["PLANWATCH_SECRET_KEY"] = secret
    return subprocess.run(
        [sys.executable, "-m", "django", *args, f"--settings={PRODUCTION}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_for_the_production_settings():
    result = _django("check", "--deploy", "--fail-level", "WARNING", secret=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret", [None, "planwatch-local-only-not-secret", "a" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = _django("check", secret=secret)
    assert result.returncode != 0
    assert "PLANWATCH_SECRET_KEY" in result.stderr and "拒绝以默认密钥启动" in result.stderr


@pytest.fixture
def production(settings, monkeypatch):
    """The production module's settings laid over the test settings (same apps, test database)."""
    monkeypatch.setenv("PLANWATCH_SECRET_KEY", secrets.token_urlsafe(50))
    sys.modules.pop(PRODUCTION, None)
    module = importlib.import_module(PRODUCTION)
    for name in dir(module):
        if name.startswith(("SECURE_", "SESSION_", "CSRF_")) or name in ("X_FRAME_OPTIONS", "DEBUG"):
            setattr(settings, name, getattr(module, name))
    sys.modules.pop(PRODUCTION, None)
    return settings


def test_plain_http_is_redirected_to_https(production, anonymous):
    response = anonymous.get("/public/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/public/"


def test_pages_carry_the_security_headers(production, anonymous):
    response = anonymous.get("/public/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    )


def test_the_session_and_csrf_cookies_are_secure_and_http_only(production, anonymous):
    page = anonymous.get("/accounts/login/", secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = anonymous.post("/accounts/login/", {"username": "kw", "password": "kw-demo-2025"}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["max-age"] == 8 * 60 * 60


def test_no_page_needs_an_inline_script(db):
    """The CSP allows scripts from the system's own files only: templates carry no inline script or handler."""
    import re

    templates = ROOT / "planwatch" / "web" / "templates"
    for template in templates.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", text), f"{template.name}: inline event handler"
        for tag in re.findall(r"<script[^>]*>", text):
            assert "src=" in tag, f"{template.name}: inline <script>"
