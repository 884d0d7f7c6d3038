"""Load: the web system under gunicorn on PostgreSQL, a national portfolio, 50 clients for 60 seconds.

Creates a throwaway database (planwatch_load), migrates it, seeds the demo and clones Songjiang's plan with
all its rows into a portfolio of 3,000 plans (bulk_create, no parsing), starts gunicorn with the production
settings on 127.0.0.1 only, and drives concurrent clients (asyncio, keep-alive connections). Each client is
an office that follows one plan of the portfolio over its plan-scoped pages: the dashboard
(/plans/<id>/dashboard/), its indicator pages, the plan reader (/plans/<id>/), the plan's public pages (asked
without a session, as the public does) and one static file. Every URL is asked once before measuring and
must answer 200 (a redirect or 404 would measure nothing); any non-200 while measuring counts as an error.

The cache is a private Redis when `redis-server` is installed (started on a free loopback port with a random
password, no persistence, stopped at the end; the system refuses a password-less REDIS_URL), or the Redis of
`--redis URL`; else the private file cache of the production settings. The output says which.
With `--no-warmup` the caches (pages and stored evaluations) are emptied and the server restarted after the
URL check, so the run measures the first renders too.

Prints requests/s overall and per page, p50/p95/p99 per page, errors, and the ratio of the dashboard's p95 to
the static file's p95 in the same run; drops the database at the end.

Run: python benchmarks/load.py [--plans 3000] [--clients 50] [--seconds 60] [--workers 2] [--threads 4]
     [--no-warmup] [--keep] [--redis URL | --no-redis]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and gunicorn. Not part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
# (page, share of requests)
MIX = [("dashboard", 0.25), ("indicator", 0.30), ("reader", 0.15), ("public", 0.10), ("static", 0.20)]
ANONYMOUS = {"public", "static"}  # asked without a session, as the public does


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    # One process per core, threads to cover database waits: on 2 cores, 2 × 4 beat 3 × 2 (p95 196 vs 344 ms).
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--server", default=f"postgresql://postgres@{HOST}:5432")
    parser.add_argument("--database", default="planwatch_load")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="measure from cold (first renders included)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it next time)")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--redis", metavar="URL", help="use this Redis (with its password) as the cache")
    cache.add_argument(
        "--no-redis", action="store_true", help="use the private file cache even if redis-server is installed"
    )
    return parser.parse_args()


# ---------------------------------------------------------------- database and portfolio


def create_database(server: str, name: str, reuse: bool) -> bool:
    """Create the throwaway database; True if it was there already and is reused."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reuse:
            return True
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return False


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(environment: dict) -> None:
    os.environ.update(environment)
    import django

    django.setup()


def clone_portfolio(total: int) -> None:
    """Copy the seeded plan's rows until there are `total` plans; FKs remapped, bulk_create in batches."""
    from django.db import transaction

    from planwatch.web.monitoring.models import Observation, ReportingRound
    from planwatch.web.plans.models import Chapter, Footnote, Indicator, Plan, Section, Target, Task
    from planwatch.web.projects.models import Project

    original = Plan.objects.order_by("pk").first()
    have = Plan.objects.count()
    if have >= total:
        return
    # Children in dependency order; each FK to a cloned model is remapped.
    children = [Chapter, Section, Task, Footnote, Target, Indicator, ReportingRound, Observation, Project]
    rows = {
        Chapter: Chapter.objects.filter(plan=original),
        Section: Section.objects.filter(chapter__plan=original),
        Task: Task.objects.filter(plan=original),
        Footnote: Footnote.objects.filter(plan=original),
        Target: Target.objects.filter(plan=original),
        Indicator: Indicator.objects.filter(plan=original),
        ReportingRound: ReportingRound.objects.filter(plan=original),
        Observation: Observation.objects.filter(indicator__plan=original),
        Project: Project.objects.filter(plan=original),
    }
    cloned = {Plan, *children}
    values = {model: list(query.order_by("pk").values()) for model, query in rows.items()}
    fks = {
        model: [
            (f.attname, f.related_model)
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in cloned
        ]
        for model in children
    }
    plan_values = Plan.objects.filter(pk=original.pk).values().get()
    started, batch = time.perf_counter(), 100
    for first in range(have, total, batch):
        numbers = range(first, min(total, first + batch))
        with transaction.atomic():
            plans = Plan.objects.bulk_create(
                [
                    Plan(**{**plan_values, "id": None, "title": f"{plan_values['title']}（样本{n:04d}）"})
                    for n in numbers
                ]
            )
            maps = [{Plan: {original.pk: plan.pk}} for plan in plans]
            for model in children:
                objects, keys = [], []
                for index in range(len(plans)):
                    mapping = maps[index]
                    for row in values[model]:
                        new = {**row, "id": None}
                        for attname, target in fks[model]:
                            if new[attname] is not None:
                                new[attname] = mapping[target][new[attname]]
                        objects.append(model(**new))
                        keys.append((index, row["id"]))
                created = model.objects.bulk_create(objects, batch_size=5000)
                for (index, old), obj in zip(keys, created, strict=True):
                    maps[index].setdefault(model, {})[old] = obj.pk
        done = numbers.stop
        if done // 500 != (done - len(numbers)) // 500 or done == total:
            print(f"  {done} plans ({time.perf_counter() - started:.0f} s)", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def sessions(usernames: list[str]) -> list[str]:
    """Signed-in session keys for the given accounts, made directly (no password round trip)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    keys = []
    for username in usernames:
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # a backend not listed: signed out
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return keys


def client_paths(count: int, seed: int = 2025) -> list[dict[str, list[str]]]:
    """For each client: the pages of the one plan it follows."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    from planwatch.web.plans.models import Indicator, Plan

    static = staticfiles_storage.url("planwatch/style.css")
    # The portfolio is made of Songjiang's plan (the demo's first) and its clones; the demo's other plans differ.
    title = Plan.objects.order_by("pk").values_list("title", flat=True).first()
    plan_ids = list(Plan.objects.filter(title__startswith=title).values_list("pk", flat=True))
    chooser = random.Random(seed)
    chosen = [chooser.choice(plan_ids) for _ in range(count)]
    indicators: dict[int, list[int]] = defaultdict(list)
    published: dict[int, list[int]] = defaultdict(list)
    rows = Indicator.objects.filter(plan_id__in=set(chosen)).values_list("pk", "plan_id", "published")
    for pk, plan_id, public in rows:
        indicators[plan_id].append(pk)
        if public:
            published[plan_id].append(pk)
    return [
        {
            "dashboard": [f"/plans/{plan_id}/dashboard/"],
            "indicator": [f"/plans/indicators/{pk}/" for pk in indicators[plan_id]],
            "reader": [f"/plans/{plan_id}/"],
            "public": [f"/plans/{plan_id}/public/"]
            + [f"/public/indicators/{pk}/" for pk in published[plan_id]],
            "static": [static],
        }
        for plan_id in chosen
    ]


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, threads: int, environment: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "planwatch.web.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--backlog",
        "1024",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **environment})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def empty_caches() -> None:
    """Forget every rendered page and stored evaluation: the next request of each page renders it afresh."""
    from django.core.cache import cache
    from django.db import connections

    from planwatch.web.evaluations.models import StoredEvaluation

    cache.clear()
    StoredEvaluation.objects.all()._raw_delete(StoredEvaluation.objects.db)  # no signals: nobody's change
    connections.close_all()


class PrivateRedis:
    """A redis-server of this run alone: a free loopback port, a random password, no persistence, a temp dir."""

    def __init__(self) -> None:
        self.password = secrets.token_urlsafe(32)
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="planwatch-load-redis-")  # 0700: the password stays private
        config = Path(self.folder) / "redis.conf"
        config.write_text(
            f'bind {HOST}\nport {self.port}\nrequirepass {self.password}\nsave ""\nappendonly no\n'
            f"dir {self.folder}\nmaxmemory 512mb\nmaxmemory-policy allkeys-lru\nloglevel warning\n"
        )
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), str(config)], stdout=subprocess.DEVNULL, cwd=self.folder
        )
        self.url = f"redis://:{self.password}@{HOST}:{self.port}/0"
        import redis

        client = redis.Redis(host=HOST, port=self.port, password=self.password)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit("the private redis-server did not start") from None
                time.sleep(0.1)
        client.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# ---------------------------------------------------------------- clients


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, str]:
    """Read one HTTP/1.1 response (Content-Length or chunked); its status and Location header."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked, location = None, False, ""
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "location":
            location = value.strip()
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, location


def _request(path: str, port: int, cookie: str | None) -> bytes:
    session = f"Cookie: sessionid={cookie}\r\n" if cookie else ""
    return (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{session}"
        f"X-Forwarded-Proto: https\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n"
    ).encode()


async def _client(port, paths, cookie, deadline, budget, results, errors, chooser) -> None:
    reader = writer = None
    kinds = [kind for kind, _ in MIX]
    weights = [share for _, share in MIX]
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        kind = chooser.choices(kinds, weights)[0]
        path = chooser.choice(paths[kind])
        request = _request(path, port, None if kind in ANONYMOUS else cookie)
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(request)
            await writer.drain()
            status, location = await asyncio.wait_for(_read_response(reader), timeout=30)
        except (TimeoutError, OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as error:
            errors[kind].append(f"{path}: {type(error).__name__} {error}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        elapsed = time.perf_counter() - started
        if status != 200:
            errors[kind].append(f"{path}: HTTP {status} {location}".rstrip())
        results[kind].append(elapsed)
    if writer is not None:
        writer.close()


async def check_urls(port: int, clients: list[dict], cookies: list[str]) -> tuple[int, list[str]]:
    """Each client asks for each of its pages once (not measured); (requests, the ones that did not answer 200)."""

    async def one(paths: dict, cookie: str) -> tuple[int, list[str]]:
        reader, writer = await asyncio.open_connection(HOST, port)
        count, wrong = 0, []
        for kind, group in paths.items():
            for path in sorted(set(group)):
                writer.write(_request(path, port, None if kind in ANONYMOUS else cookie))
                await writer.drain()
                status, location = await asyncio.wait_for(_read_response(reader), timeout=120)
                count += 1
                if status != 200:
                    wrong.append(f"{kind} {path}: HTTP {status} {location}".rstrip())
        writer.close()
        return count, wrong

    done = await asyncio.gather(*(one(paths, cookies[n % len(cookies)]) for n, paths in enumerate(clients)))
    return sum(count for count, _ in done), [message for _, wrong in done for message in wrong]


async def drive(port: int, clients: list[dict], cookies: list[str], seconds: float, budget: int):
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    remaining = [budget]
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _client(
                port, paths, cookies[n % len(cookies)], deadline, remaining, results, errors, random.Random(n)
            )
            for n, paths in enumerate(clients)
        )
    )
    return results, errors, time.perf_counter() - started


# ---------------------------------------------------------------- report


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def report(results, errors, elapsed: float, arguments) -> None:
    total = sum(len(v) for v in results.values())
    failed = sum(len(v) for v in errors.values())
    print(
        f"\n{arguments.clients} clients, {elapsed:.1f} s, gunicorn {arguments.workers} workers × "
        f"{arguments.threads} threads, {arguments.plans} plans"
    )
    print(
        f"{'page':<10} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
    )
    for kind, _ in [*MIX, ("all", 0)]:
        values = [v for vs in results.values() for v in vs] if kind == "all" else results.get(kind, [])
        wrong = failed if kind == "all" else len(errors.get(kind, []))
        if not values:
            continue
        print(
            f"{kind:<10} {len(values):>9} {len(values) / elapsed:>8.1f} {percentile(values, 50) * 1000:>8.1f} "
            f"{percentile(values, 95) * 1000:>8.1f} {percentile(values, 99) * 1000:>8.1f} {wrong:>7}"
        )
    for kind, messages in errors.items():
        for message in messages[:3]:
            print(f"  error ({kind}): {message}")
    dashboard, static = results.get("dashboard", []), results.get("static", [])
    if dashboard and static:
        ratio = percentile(dashboard, 95) / percentile(static, 95)
        p95 = percentile(dashboard, 95) * 1000
        print(f"\nthroughput: {total / elapsed:.1f} requests/s; errors (non-200 or no answer): {failed}")
        print(
            f"dashboard p95 / static p95: {ratio:.1f}× (goal ≤ 10×, no errors); dashboard p95 {p95:.0f} ms, "
            f"static p95 {percentile(static, 95) * 1000:.0f} ms"
        )
        verdict = "MET" if failed == 0 and ratio <= 10 else "NOT MET"
        print(f"goal {verdict}")
    print(
        f"mean of all latencies: {statistics.fmean(v for vs in results.values() for v in vs) * 1000:.1f} ms"
    )


def main() -> None:
    arguments = parse_args()
    reused = create_database(arguments.server, arguments.database, reuse=arguments.keep)
    static_root = tempfile.mkdtemp(prefix="planwatch-load-static-")
    cache_dir = tempfile.mkdtemp(prefix="planwatch-load-cache-")  # starts empty: first renders are real
    environment = {
        "DJANGO_SETTINGS_MODULE": "planwatch.web.settings_production",
        "DATABASE_URL": f"{arguments.server}/{arguments.database}",
        "PLANWATCH_SECRET_KEY": secrets.token_urlsafe(50),
        "PLANWATCH_SSL_REDIRECT": "0",  # the clients speak to it as a TLS-terminating proxy would
        "PLANWATCH_ALLOWED_HOSTS": HOST,
        "PLANWATCH_STATIC_ROOT": static_root,
        "PLANWATCH_CACHE_DIR": cache_dir,
    }
    server = redis = None
    try:
        if arguments.redis:
            environment["REDIS_URL"] = arguments.redis
            cache_note = "Redis given by --redis"
        elif not arguments.no_redis and shutil.which("redis-server"):
            redis = PrivateRedis()
            environment["REDIS_URL"] = redis.url
            cache_note = (
                f"Redis (a private redis-server on {HOST}:{redis.port}, with a password, no persistence)"
            )
        else:
            why = "--no-redis" if arguments.no_redis else "redis-server is not installed"
            cache_note = f"the private file cache ({why})"
        print(f"cache: {cache_note}", flush=True)
        setup_django(environment)
        from django.core.management import call_command

        from planwatch.web.demo import seed_demo

        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not reused:
            seed_demo()
        print(f"database {arguments.database}: migrated and seeded in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        clone_portfolio(arguments.plans)
        print(f"portfolio of {arguments.plans} plans ready in {time.perf_counter() - started:.0f} s")
        cookies = sessions(["lingdao", "guihuake"])
        clients = client_paths(arguments.clients)
        empty_caches()  # what an earlier run (--keep) stored is not this run's first render
        port = free_port()
        server = start_server(port, arguments.workers, arguments.threads, environment)
        print(f"gunicorn on {HOST}:{port}", flush=True)
        started = time.perf_counter()
        asked, wrong = asyncio.run(check_urls(port, clients, cookies))
        print(
            f"URL check: every page of every client once, {asked} requests in {time.perf_counter() - started:.1f} s"
        )
        if wrong:
            for message in wrong[:10]:
                print(f"  not 200: {message}")
            raise SystemExit(f"{len(wrong)} of {asked} URLs did not answer 200: nothing measured")
        if not arguments.warmup:
            stop_server(server)
            server = None
            empty_caches()
            server = start_server(port, arguments.workers, arguments.threads, environment)
            print("cold start: caches emptied (pages, stored evaluations) and gunicorn restarted", flush=True)
        print(f"{arguments.clients} clients for {arguments.seconds:.0f} s …", flush=True)
        results, errors, elapsed = asyncio.run(
            drive(port, clients, cookies, arguments.seconds, arguments.max_requests)
        )
        print(f"\ncache: {cache_note}; {'cold start (--no-warmup)' if not arguments.warmup else 'warm'}")
        report(results, errors, elapsed, arguments)
    finally:
        if server is not None:
            stop_server(server)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may not be set up when the database step failed
            pass
        if redis is not None:
            redis.stop()
        for folder in (static_root, cache_dir):
            shutil.rmtree(folder, ignore_errors=True)
        if not arguments.keep:
            drop_database(arguments.server, arguments.database)
            print(f"database {arguments.database} dropped")


if __name__ == "__main__":
    main()
