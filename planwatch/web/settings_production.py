"""Production settings: a real secret key from the environment, HTTPS-only cookies and security headers.

Run with `planwatch serve --production` behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto
and X-Forwarded-For (README, "Production"); the proxy's address is `PLANWATCH_TRUSTED_PROXIES`.
`python -m django check --deploy --settings=planwatch.web.settings_production` is clean (tests/web/test_deploy_settings.py).
Every setting that is wrong stops the start with one line (ImproperlyConfigured), never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from planwatch.web.settings import *  # noqa: F403
from planwatch.web.settings_env import env_bool, env_networks, private_directory, redis_url_with_password

DEBUG = False

SECRET_KEY = os.environ.get("PLANWATCH_SECRET_KEY", "")
# (the development default, "planwatch-local-only-not-secret", is far shorter and so refused too)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "生产环境必须在环境变量 PLANWATCH_SECRET_KEY 中设置至少 50 个字符的随机密钥"
        '（可用 python -c "import secrets; print(secrets.token_urlsafe(50))" 生成），系统拒绝以默认密钥启动。'
    )

# Cookies: sent over HTTPS only, out of reach of page scripts, and a working day long.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; no script needs to read the cookie
CSRF_COOKIE_SAMESITE = "Lax"

# HTTPS: redirect plain HTTP (PLANWATCH_SSL_REDIRECT=0 when the proxy already does) and remember it a year.
SECURE_SSL_REDIRECT = env_bool("PLANWATCH_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the readiness probe on the loopback address answers over plain HTTP
# The proxy on this machine by default; its X-Forwarded-For and X-Forwarded-Proto are believed, nobody else's.
PLANWATCH_TRUSTED_PROXIES = env_networks("PLANWATCH_TRUSTED_PROXIES", "127.0.0.1,::1")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload flag only takes effect if someone submits the domain to the browsers' list; opt out with 0.
SECURE_HSTS_PRELOAD = env_bool("PLANWATCH_HSTS_PRELOAD", True)

# Headers: no MIME sniffing, no referrer to other sites, never framed; the CSP comes from
# planwatch.web.security (every script, style and font is the system's own).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Rendered page bodies (planwatch.web.pagecache) shared by all server processes on this machine, so each
# page is rendered once per data change rather than once per process. Keys carry the plan's data stamp.
# The file cache unpickles what it reads: its folder must be this user's alone (created 0700, refused otherwise),
# never a guessable folder under /tmp; Redis (REDIS_URL) only with a password.
_redis = redis_url_with_password("REDIS_URL")
if _redis:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis,
            "TIMEOUT": 3600,
        }
    }
else:
    _cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(
                private_directory(
                    Path(os.environ.get("PLANWATCH_CACHE_DIR") or _cache_home / "planwatch"), "缓存目录"
                )
            ),
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# `planwatch serve --production` collects the static files here before serving (whitenoise serves them).
STATIC_ROOT = os.environ.get("PLANWATCH_STATIC_ROOT") or str(Path.cwd() / "planwatch-static")
WHITENOISE_USE_FINDERS = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "WARNING"},
        "planwatch.security": {"handlers": ["console"], "level": "WARNING"},
    },
}
