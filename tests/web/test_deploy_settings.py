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
    env = {k: v for k, v in os.environ.items() if k not in ("PLANWATCH_SECRET_KEY", "DATABASE_URL")}
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


def _env_run(code: str, **env: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_") and k != "DATABASE_URL"}
    full |= {"PLANWATCH_SECRET_KEY": secrets.token_urlsafe(50), "PYTHONPATH": str(ROOT)} | env
    return subprocess.run(
        [sys.executable, "-m", "planwatch.cli", *code.split()],
        cwd=env.get("CWD", ROOT),
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("value", ["off", "2", "ja", "truee"])
def test_a_boolean_setting_that_is_not_understood_stops_the_start_in_one_line(value, tmp_path):
    result = _env_run(
        "serve --production",
        PLANWATCH_SSL_REDIRECT=value,
        PLANWATCH_CACHE_DIR=str(tmp_path / "c"),
        CWD=str(tmp_path),
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"planwatch: 环境变量 PLANWATCH_SSL_REDIRECT={value!r} 无法识别：只能是 true/false、1/0 或 yes/no，系统拒绝启动。\n"
    )


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", True), ("FALSE", False), ("0", False), (" 1 ", True)]
)
def test_boolean_settings_read_true_false_one_zero_yes_no(value, expected, monkeypatch):
    from planwatch.web.settings_env import env_bool

    monkeypatch.setenv("PLANWATCH_SSL_REDIRECT", value)
    assert env_bool("PLANWATCH_SSL_REDIRECT", not expected) is expected


def test_a_short_secret_key_stops_serve_in_one_line(tmp_path):
    result = _env_run("serve --production", PLANWATCH_SECRET_KEY="short", CWD=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(
        "planwatch: 生产环境必须在环境变量 PLANWATCH_SECRET_KEY 中设置至少 50 个字符"
    )
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_cache_folder_is_created_private_and_a_shared_one_is_refused(tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from planwatch.web.settings_env import private_directory

    created = private_directory(tmp_path / "cache", "缓存目录")
    assert oct(created.stat().st_mode & 0o777) == "0o700"
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(ImproperlyConfigured, match="权限为 777，其他用户可以访问"):
        private_directory(shared, "缓存目录")
    link = tmp_path / "link"
    link.symlink_to(created)
    with pytest.raises(ImproperlyConfigured, match="不是目录（或是符号链接）"):
        private_directory(link, "缓存目录")


def test_a_cache_folder_planted_by_another_user_is_refused(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from planwatch.web.settings_env import private_directory

    planted = tmp_path / "planted"
    planted.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: planted.stat().st_uid + 1)
    with pytest.raises(ImproperlyConfigured, match="属于其他用户"):
        private_directory(planted, "缓存目录")


def test_production_uses_no_guessable_folder_under_tmp_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANWATCH_SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.delenv("PLANWATCH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    sys.modules.pop(PRODUCTION, None)
    module = importlib.import_module(PRODUCTION)
    sys.modules.pop(PRODUCTION, None)
    assert module.CACHES["default"]["LOCATION"] == str(tmp_path / "home-cache" / "planwatch")


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "redis://user@127.0.0.1:6379/0"])
def test_redis_without_a_password_stops_the_start_in_one_line(url, tmp_path):
    result = _env_run("serve --production", REDIS_URL=url, CWD=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("planwatch: 环境变量 REDIS_URL 中的 Redis 地址没有密码")
    assert result.stderr.count("\n") == 1


def test_forwarding_headers_are_dropped_unless_the_connection_comes_from_a_trusted_proxy(settings):
    from planwatch.web.security import TrustedProxiesOnly

    settings.PLANWATCH_TRUSTED_PROXIES = ["10.0.0.1"]
    seen = []
    app = TrustedProxiesOnly(lambda environ, start: seen.append(dict(environ)))
    headers = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    app({"REMOTE_ADDR": "192.0.2.9", **headers}, None)
    app({"REMOTE_ADDR": "10.0.0.1", **headers}, None)
    assert "HTTP_X_FORWARDED_PROTO" not in seen[0] and "HTTP_X_FORWARDED_FOR" not in seen[0]
    assert seen[1]["HTTP_X_FORWARDED_PROTO"] == "https" and seen[1]["HTTP_X_FORWARDED_FOR"] == "1.2.3.4"
