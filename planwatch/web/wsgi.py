"""WSGI entry point, served by waitress (`planwatch serve`) or gunicorn (`planwatch.web.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

from planwatch.web.security import TrustedProxiesOnly

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")

# Forwarding headers count only from the trusted reverse proxies (PLANWATCH_TRUSTED_PROXIES).
application = TrustedProxiesOnly(get_wsgi_application())
