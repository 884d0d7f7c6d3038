"""The issue's "Done when" in Chromium against the running demo: a department saves a draft twice (one pending
value after submitting), enters an implausible value (warned; refused without a comment, accepted with one); the
planning office sees the warning and the comment, returns the value with a comment; the department fixes it and
resubmits; the planning office approves. Screenshots of entry, review, completeness and rules go to artifacts/."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.web.commands import demo_database, running
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]

RD = "全社会研发经费支出占地区生产总值比例"  # indicator 10, 2024 approved 4.7 %
PATENTS = "每万人口发明专利拥有量"  # indicator 11, 2024 approved 63.5 件


def observations_involved(folder: Path, numbers: tuple[int, ...] = (10, 11), year: int = 2025) -> list[int]:
    """Ids of the observations this test made (not the demo's own), for the audit page's assertions."""
    marks = ",".join("?" * len(numbers))
    query = (
        "SELECT o.id FROM monitoring_observation o JOIN plans_indicator i ON o.indicator_id = i.id "
        f"WHERE i.number IN ({marks}) AND o.year = ? AND o.source <> '示例数据' "
        "AND o.submitted_by_id IS NOT NULL ORDER BY o.id"
    )
    with sqlite3.connect(folder / "planwatch.sqlite3") as db:
        rows = db.execute(query, (*numbers, year))
        return [row[0] for row in rows]


def _audit_count(folder: Path) -> int:
    with sqlite3.connect(folder / "planwatch.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM accounts_auditentry").fetchone()[0]


def _row(page, name: str):
    return page.locator(f"form[action$='/monitoring/save/'] tr:has-text('{name}')")


def _messages(page) -> str:
    return page.locator(".messages").inner_text()


def _shots(page, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_entry_warning_comment_review_reject_fix_approve(tmp_path, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    demo_database(tmp_path_factory, tmp_path)
    with (
        running(["demo", "--no-browser"], tmp_path, timeout=300) as (url, _),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        department = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        office = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        errors = []
        for page in (department, office):
            page.on("pageerror", lambda error: errors.append(str(error)))

        _login(department, url, "kw")
        department.goto(f"{url}/monitoring/")
        _row(department, RD).locator("input[name^='value-']").fill("4.95")
        _row(department, RD).locator("input[name^='source-']").fill("区统计局统计公报")
        department.click("button:has-text('保存草稿')")
        assert "已保存1项草稿" in _messages(department)
        department.click(
            "button:has-text('保存草稿')"
        )  # the page holds the draft: saving again changes nothing
        assert "没有修改" in _messages(department)
        department.click("button:has-text('提交审核')")
        assert "已提交1项数据" in _messages(department)

        # 95 after 63.5: a jump of 31.5 against a usual yearly step of 2.85 (×3 = 8.55).
        _row(department, PATENTS).locator("input[name^='value-']").fill("95")
        _row(department, PATENTS).locator("input[name^='source-']").fill("区市场监管局")
        department.click("button:has-text('保存草稿')")
        assert "变化异常" in _row(department, PATENTS).inner_text()
        department.click("button:has-text('提交审核')")
        assert "未提交" in _messages(department) and "有预警（变化异常）" in _messages(department)
        _row(department, PATENTS).locator("input[name^='comment-']").fill("新建研发园区集中授权")
        department.click("button:has-text('保存草稿')")
        department.click("button:has-text('提交审核')")
        assert "已提交1项数据" in _messages(department)
        _shots(department, "entry")

        _login(office, url, "guihuake")
        office.goto(f"{url}/monitoring/review/")
        queue = office.locator("tr[id^='obs-']")
        assert queue.filter(has_text=RD).count() == 1  # saved twice, one pending value
        warned = queue.filter(has_text=PATENTS)
        assert "变化异常" in warned.inner_text() and "部门评注：新建研发园区集中授权" in warned.inner_text()
        assert "上年：63.5件" in warned.inner_text()
        _shots(office, "review")
        warned.locator("input[name='comment']").fill("与市场监管局年报不符，请核实")
        warned.locator("button[value='reject']").click()
        assert "已退回" in _messages(office)

        department.goto(f"{url}/monitoring/")
        row = _row(department, PATENTS)
        assert "已退回" in row.inner_text() and "与市场监管局年报不符，请核实" in row.inner_text()
        row.locator("input[name^='value-']").fill("66.5")
        row.locator("input[name^='comment-']").fill("")
        department.click("button:has-text('保存草稿')")
        department.click("button:has-text('提交审核')")
        assert "已提交1项数据" in _messages(department)

        office.goto(f"{url}/monitoring/review/")
        fixed = office.locator("tr[id^='obs-']").filter(has_text=PATENTS)
        assert "66.5" in fixed.inner_text() and "变化异常" not in fixed.inner_text()
        fixed.locator("button[value='approve']").click()
        assert "已通过" in _messages(office)
        department.goto(f"{url}/monitoring/")
        assert "已审核通过" in _row(department, PATENTS).inner_text()

        office.goto(f"{url}/monitoring/completeness/")
        _shots(office, "completeness")
        office.goto(f"{url}/monitoring/rules/")
        _shots(office, "rules")
        # R&D pending; patents returned, fixed in the same row (its history keeps the returned version), approved
        involved = observations_involved(tmp_path)
        assert len(involved) == 2

        # The audit trail holds these steps as events in Chinese, with names and local time; reading adds none.
        written = _audit_count(tmp_path)
        for path in (
            "/",
            "/monitoring/review/",
            "/monitoring/completeness/",
            "/evaluations/",
            "/accounts/audit/",
        ):
            office.goto(f"{url}{path}")
        assert _audit_count(tmp_path) == written, "opening pages wrote to the audit trail"
        office.goto(f"{url}/accounts/audit/?q={PATENTS}")
        trail = office.locator("table.audit").inner_text()
        for event in ("提交", "退回", "审核通过", "保存草稿"):
            assert event in trail, event
        assert "与市场监管局年报不符，请核实" in trail and "区科委" in trail
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", trail)
        assert not re.search(r"submitted|rejected|approved|None|\{'", trail)
        _shots(office, "audit")
        assert not errors, errors
        browser.close()
