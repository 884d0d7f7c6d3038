import json

import pytest

from tests.web.commands import get, running

pytestmark = pytest.mark.slow  # left out of the fast subset (README)


def test_demo_prints_the_accounts_serves_and_reuses_its_database(tmp_path):
    with running(["demo", "--no-browser"], tmp_path) as (url, log):
        output = log.read_text()
        assert "guihuake   guihuake-demo-2025     规划科" in output
        assert "kw         kw-demo-2025           责任部门填报员 · 区科委" in output
        status, body = get(f"{url}/api/plans")
        plans = json.loads(body)
        assert status == 200 and [(p["period"]["start"], p["indicators"]) for p in plans] == [
            (2021, 21),
            (2026, 8),
        ]
    assert (tmp_path / "planwatch.sqlite3").exists()
    with running(["demo", "--no-browser"], tmp_path) as (url, _):
        assert len(json.loads(get(f"{url}/api/plans")[1])) == 2
        assert "上海市松江区" in get(f"{url}/public/")[1]  # the default plan
        assert "第十五个五年规划纲要" in get(f"{url}/plans/2/public/")[1]
