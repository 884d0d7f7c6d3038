"""Start `planwatch demo` / `planwatch serve` as a user would, and wait for /healthz; the demo's database, seeded
once per session and copied into each test's folder, where `planwatch demo` reuses it as it would its own."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.session_files import built_once

ROOT = Path(__file__).resolve().parents[2]
DEMO_DATABASE = "planwatch.sqlite3"  # the file `planwatch demo` creates (or reuses) in its working directory
# What `planwatch demo` does before it serves.
SEED_DEMO = "from planwatch.web import demo; demo.setup_django(); demo.migrate(); demo.seed_demo()"
MIGRATE = "from planwatch.web import demo; demo.setup_django(); demo.migrate()"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_environment(extra: dict | None = None) -> dict:
    """This process's environment without its test database (a child uses the database of its own folder), and
    with this checkout first on the Python path (a child runs the code under test, wherever it starts)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    env.update(extra or {})
    return env


def _run_in(folder: Path, script: str) -> None:
    """Run `script` in a new Python process on planwatch.sqlite3 in `folder`, as `planwatch demo` would."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        env=child_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{script} failed:\n{result.stderr[-3000:]}"


def demo_database(tmp_path_factory, folder: Path, name: str = DEMO_DATABASE) -> Path:
    """A copy in `folder` of the demo's database as a first `planwatch demo` leaves it (migrated and seeded once
    per session); `planwatch demo` started in `folder` reuses it and only issues a new token."""
    seeded = built_once(tmp_path_factory, "demo-database", lambda where: _run_in(where, SEED_DEMO))
    return Path(shutil.copy(seeded / DEMO_DATABASE, folder / name))


def migrated_database(tmp_path_factory, folder: Path, name: str) -> Path:
    """A copy in `folder` of an empty database with every migration applied (made once per session)."""
    migrated = built_once(tmp_path_factory, "migrated-database", lambda where: _run_in(where, MIGRATE))
    return Path(shutil.copy(migrated / DEMO_DATABASE, folder / name))


@contextmanager
def running(args: list[str], folder: Path, env_extra: dict | None = None, timeout: float = 90):
    """Yields (base URL, path of the output log) once GET /healthz answers 200."""
    port = free_port()
    env = child_environment(env_extra)
    log_path = folder / f"{args[0]}-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "planwatch.cli", *args, "--port", str(port)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise AssertionError(
                        f"planwatch {args[0]} did not start:\n{log_path.read_text()[-3000:]}"
                    )
                time.sleep(0.3)
            yield url, log_path
        finally:
            process.terminate()
            process.wait(timeout=10)


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()
