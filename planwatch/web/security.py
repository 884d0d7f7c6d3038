"""Site-wide request hardening: methods no view takes, and the Content-Security-Policy header."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseNotAllowed

ALLOWED_METHODS = ("GET", "HEAD", "POST")

# Every script, style, font and image is served by the system itself (government intranets are offline).
# Styles allow inline because ECharts writes style attributes into its tooltips.
DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class RefuseUnusedMethodsMiddleware:
    """No view takes PUT, PATCH, DELETE or OPTIONS: answer 405 before CSRF checks or views see them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send `PLANWATCH_CSP` (DEFAULT_CSP unless set) on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PLANWATCH_CSP", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
