"""End to end in Chromium (issue 13, Done when): the planning office creates a department and its user, uploads a
plan's .docx, walks the onboarding steps to an open round; the department's user reports a figure; the planning
office finds it in the review queue. Screenshots of each step and of the people pages, at 1280 and 390 px, go
to artifacts/onboarding/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.web.commands import demo_database, running
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS

JIANGCHUAN_DOCX = Path(__file__).resolve().parents[1] / "fixtures/plans/jiangchuan-15th/styled.docx"
SHOTS = ARTIFACTS / "onboarding"
DEPARTMENT = "江川市卫生健康委"
INDICATOR = "人均预期寿命"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture
def demo_server(tmp_path, tmp_path_factory):
    demo_database(tmp_path_factory, tmp_path)
    with running(["demo", "--no-browser"], tmp_path) as (url, _):
        yield url


def _login(page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/")


def _logout(page) -> None:
    page.click("header button:has-text('退出')")
    page.wait_for_load_state()


def _shoot(page, name: str) -> None:
    """The page at 1280 and at 390 px wide, full length."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _messages(page) -> str:
    return page.locator(".messages").inner_text()


def test_the_office_onboards_a_plan_and_a_department_reports_on_it(demo_server, tmp_path):
    from playwright.sync_api import sync_playwright

    url = demo_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    upload = tmp_path / "江川市十五五规划纲要.docx"
    shutil.copy(JIANGCHUAN_DOCX, upload)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        # The administrator lets the planning office manage people.
        _login(page, url, "admin", "admin-demo-2025")
        page.click("nav >> text=人员与部门")
        page.check("#id_planners_manage_people")
        page.click("button:has-text('保存设置')")
        assert "已允许规划科管理人员与部门" in _messages(page)
        _shoot(page, "people-admin")
        _logout(page)

        # The planning office creates the department and its reporter.
        _login(page, url, "guihuake", "guihuake-demo-2025")
        page.click("nav >> text=人员与部门")
        page.click("text=新建部门")
        page.fill("#id_code", "jc-wjw")
        page.fill("#id_name", DEPARTMENT)
        page.select_option("#id_kind", label="委办局")
        _shoot(page, "department-new")
        page.click("button:has-text('保存')")
        assert f"已建立部门“{DEPARTMENT}”" in _messages(page)
        page.click("text=新建用户")
        page.fill("#id_username", "jcwjw")
        page.fill("#id_display_name", "李医生")
        page.select_option("#id_department", label=DEPARTMENT)
        page.select_option("#id_role", label="责任部门填报员")
        assert page.locator("#id_role option").all_inner_texts() == [
            "规划科",
            "责任部门填报员",
            "领导、人大（只读）",
        ]
        _shoot(page, "person-new")
        page.click("button:has-text('保存')")
        password = page.locator("#one-time-password").inner_text()
        _shoot(page, "password-once")
        page.goto(f"{url}/accounts/people/")
        assert "jcwjw" in page.locator("table").first.inner_text()
        _shoot(page, "people")

        # ① upload: the import lands on the plan's checklist.
        page.goto(f"{url}/plans/import/")
        page.set_input_files("#file", str(upload))
        page.click("button:has-text('导入')")
        page.wait_for_url(re.compile(r".*/plans/\d+/onboarding/$"))
        plan_url = page.url.removesuffix("onboarding/")
        assert "还有 4 步未完成" in page.locator("main").inner_text()
        _shoot(page, "step1-checklist")

        # ② the parse review, then 核对完毕.
        page.click("text=去核对")
        assert "指标核对" in page.title()
        _shoot(page, "step2-review")
        page.go_back()
        page.click("button:has-text('核对完毕')")
        assert "已确认解析结果核对完毕" in _messages(page)

        # ③ every indicator to the new department at once, then each chapter's paragraphs, one supporting.
        page.click("text=去分解")
        assert page.locator("#unassigned-indicators").inner_text() == "8"
        page.select_option("#id_target", value="indicators")
        page.select_option("#id_lead", label=DEPARTMENT)
        page.click("button:has-text('批量指定')")
        assert page.locator("#unassigned-indicators").inner_text() == "0"
        chapters = [v for v in page.locator("#id_target option").evaluate_all("o => o.map(x => x.value)")]
        for target in (v for v in chapters if v.startswith("chapter-")):
            page.select_option("#id_target", value=target)
            page.select_option("#id_lead", label="区发改委")
            page.click("button:has-text('批量指定')")
        assert page.locator("#unassigned-tasks").inner_text() == "0"
        row = page.locator("tr", has=page.locator(f"td:text-is('{INDICATOR}')"))
        row.locator("select[multiple]").select_option(label="区统计局")
        page.click("button:has-text('保存分工')")
        assert "已保存分工：1项有改动" in _messages(page)
        _shoot(page, "step3-assign")

        # ④ every indicator public (the select-all box), no project.
        page.goto(f"{plan_url}onboarding/public/")
        page.check("#all-indicators")
        assert page.locator("input[name=indicators]:checked").count() == 8
        _shoot(page, "step4-public")
        page.click("button:has-text('保存公开内容')")
        assert "已选定公开内容：8项指标、0个项目" in _messages(page)

        # ⑤ the first round, for the year the form offers.
        year = page.input_value("#round-year")
        _shoot(page, "step5-round")
        page.click("button:has-text('开启填报轮次')")
        assert f"已开启{year}年度填报" in _messages(page)
        assert "全部完成" in page.locator("main").inner_text()
        _shoot(page, "step5-done")
        _logout(page)

        # The department's user first replaces the one-time password, then reports on its indicator.
        page.goto(f"{url}/accounts/login/")
        page.fill("#id_username", "jcwjw")
        page.fill("#id_password", password)
        page.press("#id_password", "Enter")
        page.wait_for_url(re.compile(r".*/accounts/password/\?next=.*"))
        assert page.locator("#password-forced").is_visible()
        _shoot(page, "password-forced")
        page.fill("#id_old_password", password)
        page.fill("#id_new_password1", "jiang-chuan-wei-jian-2026")
        page.fill("#id_new_password2", "jiang-chuan-wei-jian-2026")
        page.click("button:has-text('修改密码')")
        assert "密码已修改" in _messages(page)
        page.goto(f"{plan_url}monitoring/")
        page.fill(f"input[aria-label='{INDICATOR}数值']", "80.3")
        page.fill(f"tr:has(input[aria-label='{INDICATOR}数值']) input[name^=source]", "江川市卫健委年报")
        page.click("button:has-text('保存草稿')")
        page.click("button:has-text('提交审核')")
        assert "已提交1项数据" in _messages(page)
        _shoot(page, "reporter-entry")
        _logout(page)

        # The planning office sees it in the review queue.
        _login(page, url, "guihuake", "guihuake-demo-2025")
        page.goto(f"{plan_url}monitoring/review/")
        queue = page.locator("tr[id^='obs-']")
        assert queue.count() == 1
        assert INDICATOR in queue.inner_text() and "80.3" in queue.inner_text()
        _shoot(page, "review-queue")
        assert not errors, errors
        browser.close()
