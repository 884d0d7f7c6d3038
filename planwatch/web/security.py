"""Site-wide request hardening: methods no view takes, and the Content-Security-Policy header."""

from __future__ import annotations

import ipaddress

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


def _networks(entries) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The address of the person making the request.

    REMOTE_ADDR, unless it is one of the reverse proxies in `PLANWATCH_TRUSTED_PROXIES`: then X-Forwarded-For is
    read from the right, past the trusted proxies, and the first address not trusted is the client's. Anything
    further left was written by the client and is never believed.
    """
    if request is None:
        return "unknown"
    remote = (request.META.get("REMOTE_ADDR") or "unknown")[:64]
    networks = _networks(getattr(settings, "PLANWATCH_TRUSTED_PROXIES", []))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address, networks):
            return address[:64] if _is_address(address) else remote
    return remote


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_FORWARDED",
)


class TrustedProxiesOnly:
    """WSGI wrapper: forwarding headers are kept only on connections from `PLANWATCH_TRUSTED_PROXIES`.

    Django then reads the scheme from X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) and `client_address` the
    client from X-Forwarded-For; a client talking to the server directly cannot claim either. The same under
    waitress and gunicorn, which are told to pass the headers through.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        networks = _networks(getattr(settings, "PLANWATCH_TRUSTED_PROXIES", []))
        if not _is_trusted(environ.get("REMOTE_ADDR", ""), networks):
            for header in FORWARDING_HEADERS:
                environ.pop(header, None)
        return self.application(environ, start_response)
