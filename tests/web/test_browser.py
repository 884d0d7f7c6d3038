"""End to end in Chromium: a department uploads Excel (one bad row, fixed), submits; the planning office
approves; the dashboard shows the new verdict. Screenshots go to artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.web.commands import demo_database, running

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


@pytest.fixture
def demo_server(tmp_path, tmp_path_factory):
    """`planwatch demo` in a directory of its own, on a copy of the seeded demo database; yields its base URL once
    /healthz answers."""
    demo_database(tmp_path_factory, tmp_path)
    with running(["demo", "--no-browser"], tmp_path, timeout=300) as (url, log):
        output = log.read_text()
        assert "guihuake" in output and "kw-demo-2025" in output
        yield url


def _fill(path: Path, values: dict[int, object]) -> Path:
    workbook = load_workbook(path)
    sheet = workbook["监测值填报"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[3].value = values[row[0].value]
            row[7].value = "区科委统计年报"
    out = path.with_name(f"filled-{len(list(path.parent.iterdir()))}.xlsx")
    workbook.save(out)
    return out


def _login(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-2025")
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/")


def _card_verdict(page, name: str) -> str:
    card = page.locator("article.card", has=page.locator(f"h3:has-text('{name}')"))
    return card.locator(".verdict").first.inner_text()


def test_a_department_reports_and_the_dashboard_shows_the_new_verdict(demo_server, tmp_path):
    from playwright.sync_api import sync_playwright

    url = demo_server
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 900}, locale="zh-CN", accept_downloads=True
        )
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        _login(page, url, "kw")
        before = _card_verdict(page, "全社会研发经费支出占地区生产总值比例")
        assert before != "完成"

        page.goto(f"{url}/monitoring/")
        with page.expect_download() as download:
            page.click("text=下载本部门 Excel 模板")
        template = tmp_path / "template.xlsx"
        download.value.save_as(template)
        assert [
            r[0] for r in load_workbook(template)["监测值填报"].iter_rows(min_row=2, values_only=True)
        ] == [8, 10, 11]

        page.goto(f"{url}/monitoring/upload/")
        page.set_input_files("#file", str(_fill(template, {8: 3350, 10: "五点一"})))
        page.click("button:has-text('上传并检查')")
        message = page.locator(".upload-errors").inner_text()
        assert "第3行“数值”列：“五点一”不是数字" in message

        page.set_input_files("#file", str(_fill(template, {8: 3350, 10: 5.1})))
        page.click("button:has-text('上传并检查')")
        page.wait_for_url(f"{url}/**/monitoring/?department=*")
        assert "上传成功：2行已保存为草稿" in page.locator(".messages").inner_text()
        # 5.1 after 4.7 is more than 3× the usual yearly step (0.09): the department explains it before submitting.
        assert "有预警" in page.locator(".messages").inner_text()
        page.fill("tr:has-text('全社会研发经费支出') input[name^='comment-']", "新增研发总部，已核实")
        page.click("button:has-text('保存草稿')")
        page.click("button:has-text('提交审核')")
        assert "已提交2项数据" in page.locator(".messages").inner_text()
        page.click("text=退出")

        _login(page, url, "guihuake")
        page.goto(f"{url}/monitoring/review/")
        rows = page.locator("tr[id^='obs-']")
        assert rows.count() == 2
        for _ in range(2):
            page.locator("tr[id^='obs-'] button[value='approve']").first.click()
            page.wait_for_load_state()
        assert page.locator("tr[id^='obs-']").count() == 0

        page.goto(f"{url}/")
        assert _card_verdict(page, "全社会研发经费支出占地区生产总值比例") == "完成"
        page.wait_for_timeout(300)
        assert page.locator(".card .chart svg").count() >= 10, "ECharts did not draw the cards"
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

        page.click("h3 a:has-text('全社会研发经费支出占地区生产总值比例')")
        page.wait_for_selector(".chart.big svg")
        assert "区科委统计年报" in page.content()
        page.screenshot(path=str(ARTIFACTS / "indicator.png"), full_page=True)

        page.goto(f"{url}/plans/#ch-7")
        page.screenshot(path=str(ARTIFACTS / "plan-reader.png"))
        assert page.locator("abbr.term").count() > 0
        assert not errors, errors
        browser.close()
