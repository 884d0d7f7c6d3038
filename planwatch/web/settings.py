"""Settings: a SQLite file in the working directory by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from planwatch.web.logs import logging_config
from planwatch.web.optional import check_settings
from planwatch.web.settings_env import env_bool, env_networks

WEB_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("PLANWATCH_SECRET_KEY", "planwatch-local-only-not-secret")
DEBUG = env_bool("PLANWATCH_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "planwatch.web.accounts",
    "planwatch.web.plans",
    "planwatch.web.monitoring",
    "planwatch.web.evaluations",
    "planwatch.web.projects",
    "planwatch.web.api",
    "planwatch.web.public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "planwatch.web.api.errors.ApiJsonErrorsMiddleware",
    "planwatch.web.security.RefuseUnusedMethodsMiddleware",
    "planwatch.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "planwatch.web.accounts.first_password.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "planwatch.web.accounts.audit.AuditUserMiddleware",
]

ROOT_URLCONF = "planwatch.web.urls"
WSGI_APPLICATION = "planwatch.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch.web.accounts.permissions.role_context",
                "planwatch.web.plans.scope.plan_context",
                "planwatch.web.monitoring.reminders.inbox_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{Path.cwd() / 'planwatch.sqlite3'}",
        conn_max_age=60,
    )
}
check_settings(DATABASES["default"]["ENGINE"], os.environ.get("REDIS_URL"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Writers queue for the lock at BEGIN instead of failing with "database is locked" when two save at once.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per process: rendered page bodies keyed by the plan's data stamp (planwatch.web.pagecache), so a stale
# entry is never served; a shared cache (Redis, memcached) would only save each process its first render.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("PLANWATCH_STATIC_ROOT") or None  # only `collectstatic` for production needs it
STATICFILES_DIRS = [WEB_DIR / "static"]
# Serve straight from the app's static folders: no collectstatic step for the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Reverse proxies whose X-Forwarded-For names the client (planwatch.web.security.client_address); none by default.
PLANWATCH_TRUSTED_PROXIES = env_networks("PLANWATCH_TRUSTED_PROXIES")

AUTHENTICATION_BACKENDS = ["planwatch.web.accounts.backends.CanonicalUsernameBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "planwatch.web.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/public/"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# One line per request error and per refused input, on stderr (planwatch/web/logs.py).
LOGGING = logging_config()

# 催报 by e-mail (monitoring/reminders.py): off unless an SMTP server is named; the reminder is kept either way.
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PLANWATCH_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", "planwatch@localhost")
