"""`planwatch serve --production` started exactly as README's Production section says, behind a small reverse
proxy on loopback that terminates "TLS" and adds X-Forwarded-Proto and X-Forwarded-For, as nginx would."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.web.commands import migrated_database, running

pytestmark = pytest.mark.slow  # starts the server behind a proxy (left out of the fast subset, README)

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "203.0.113.7"  # the address the proxy saw the browser come from


class Proxy:
    """A threaded HTTP proxy to `backend`: one port stands for the HTTPS listener, one for plain HTTP."""

    def __init__(self, backend_port: int):
        self.backend_port = backend_port
        self.servers = [self._server("https"), self._server("http")]
        for server in self.servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.https_port, self.http_port = (s.server_address[1] for s in self.servers)

    def _server(self, scheme: str) -> ThreadingHTTPServer:
        backend_port = self.backend_port

        class Forward(BaseHTTPRequestHandler):
            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if not k.lower().startswith("x-forwarded-")}
                headers["X-Forwarded-Proto"] = scheme
                headers["X-Forwarded-For"] = CLIENT
                upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=30)
                upstream.request(self.command, self.path, body=body or None, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        return ThreadingHTTPServer(("127.0.0.1", 0), Forward)

    def close(self):
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _request(port: int, method: str, path: str, cookies: dict, body: dict | None = None, origin: str = ""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    data = urlencode(body).encode() if body is not None else None
    if data is not None:
        headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";", 1)[0]
    connection.close()
    return response, content


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def production(tmp_path, tmp_path_factory):
    """README's environment: a secret key, the host names, the database; the rest as documented defaults.

    The database is an empty migrated one (test_serve_command.py sees `serve` migrate an empty file)."""
    migrated_database(tmp_path_factory, tmp_path, "planwatch.sqlite3")
    env = {
        "PLANWATCH_SECRET_KEY": secrets.token_urlsafe(50),
        "PLANWATCH_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'planwatch.sqlite3'}",
        "PLANWATCH_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    with running(["serve", "--production"], tmp_path, env, timeout=180) as (url, log):
        proxy = Proxy(int(url.rsplit(":", 1)[1]))
        try:
            yield proxy, env, tmp_path, log
        finally:
            proxy.close()


def test_production_behind_a_proxy_redirects_http_sends_hsts_logs_the_client_and_serves_static(production):
    proxy, env, folder, log = production
    assert "静态文件：" in log.read_text()
    assert (folder / "planwatch-static" / "staticfiles.json").exists()

    response, _ = _request(proxy.http_port, "GET", "/public/", {})
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{proxy.http_port}/public/"

    response, page = _request(proxy.https_port, "GET", "/public/", {})
    assert response.status == 200, page[:500]
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    stylesheet = re.search(r'href="(/static/planwatch/style\.[0-9a-f]+\.css)"', page).group(1)
    response, css = _request(proxy.https_port, "GET", stylesheet, {})
    assert response.status == 200 and "max-age" in (response.getheader("Cache-Control") or "")
    assert css == (ROOT / "planwatch/web/static/planwatch/style.css").read_text()

    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.contrib.auth.models import User; "
            "User.objects.create_superuser('root', password='root-password-2025')",
        ],
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "planwatch.web.settings"},
        cwd=folder,
        check=True,
        timeout=60,
    )
    cookies: dict = {}
    origin = f"https://127.0.0.1:{proxy.https_port}"
    _, page = _request(proxy.https_port, "GET", "/admin/login/", cookies)
    response, _ = _request(
        proxy.https_port,
        "POST",
        "/admin/login/?next=/admin/",
        cookies,
        {"username": "root", "password": "root-password-2025", "csrfmiddlewaretoken": _csrf(page)},
        origin,
    )
    assert response.status == 302, "sign-in through the proxy failed"
    _, page = _request(proxy.https_port, "GET", "/admin/accounts/department/add/", cookies)
    response, _ = _request(
        proxy.https_port,
        "POST",
        "/admin/accounts/department/add/",
        cookies,
        {"name": "区审计局", "code": "sjj", "kind": "bureau", "csrfmiddlewaretoken": _csrf(page)},
        origin,
    )
    assert response.status == 302
    with sqlite3.connect(folder / "planwatch.sqlite3") as database:
        rows = database.execute(
            "SELECT event, model, address FROM accounts_auditentry ORDER BY id"
        ).fetchall()
    assert rows == [("login", "", CLIENT), ("department", "部门", CLIENT)]  # the sign-in, then the change
