import pytest

from tests.web.commands import get, migrated_database, running

pytestmark = pytest.mark.slow  # left out of the fast subset (README)


def test_serve_migrates_an_empty_database_and_answers(tmp_path):
    with running(["serve"], tmp_path) as (url, log):
        assert "PlanWatch：http://127.0.0.1:" in log.read_text()
        status, page = get(f"{url}/public/")
        assert status == 200
        assert "暂无公开信息" in page
    assert (tmp_path / "planwatch.sqlite3").exists()


def test_serve_uses_database_url(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    with running(["serve"], tmp_path, {"DATABASE_URL": f"sqlite:///{database}"}) as (url, _):
        assert get(f"{url}/healthz")[0] == 200
    assert database.exists()
    assert not (tmp_path / "planwatch.sqlite3").exists()


def test_a_port_in_use_gives_one_chinese_line(tmp_path, tmp_path_factory):
    import os
    import socket
    import subprocess
    import sys

    migrated_database(tmp_path_factory, tmp_path, "planwatch.sqlite3")  # nothing to migrate before it listens

    # the working directory's SQLite file, never the DATABASE_URL of the test process (a PostgreSQL worker's)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "planwatch.cli", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"planwatch: 无法在 127.0.0.1:{port} 上启动服务")
    assert "Traceback" not in result.stderr
