"""End to end in Chromium: a supporting department reports on a task's yearly milestone and explains its lagging
indicator; the planning office sets the milestone and approves the explanation into the report texts.
Screenshots at 1280 and 390 px go to artifacts/."""

from __future__ import annotations

from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, _login, demo_server, pytestmark  # noqa: F401

WIDTHS = (1280, 390)


def _shoot(page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"trust-{name}-{width}.png"), full_page=True)


def test_a_supporting_department_reports_and_explains_and_the_office_approves(demo_server):  # noqa: F811
    from playwright.sync_api import sync_playwright

    url = demo_server
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        kw, office = browser.new_page(), browser.new_page()
        _login(kw, url, "kw")
        _login(office, url, "guihuake")

        # 区科委 supports chapter 5's tasks led by 区经委: they are in its list, its name in bold
        kw.goto(f"{url}/projects/tasks/")
        assert kw.locator("td strong", has_text="区科委").count() == 3
        _shoot(kw, "tasks-supporting")
        kw.locator("table tbody tr td a").first.click()
        task_url = kw.url

        office.goto(task_url)
        office.fill("input[name=year]", "2024")
        office.fill("input[name=target]", "出台产业技术创新实施方案")
        office.click("button:has-text('设定')")
        assert "已设定2024年节点" in office.inner_text(".messages")

        kw.goto(task_url)
        row = kw.locator("tr", has_text="2024年")  # the demo holds 2023 and 2025 milestones too
        row.locator("select[name$='-status']").select_option("done")
        row.locator("textarea[name$='-report']").fill("方案已印发")
        row.locator("form.stack button:has-text('报送')").click()
        assert "已报送2024年节点完成情况" in kw.inner_text(".messages")
        assert "方案已印发" in kw.inner_text("table")
        _shoot(kw, "task-milestone")

        # 2023: the R&D share (indicator 10, 区科委) is lagging; the department explains it
        kw.goto(f"{url}/projects/explanations/?year=2023")
        assert kw.locator("section.panel h2").all_inner_texts()[0].startswith("10. 全社会研发经费支出")
        kw.fill("textarea", "规上企业研发投入增速放缓。")
        kw.click("button:has-text('报送说明')")
        assert "等待规划科审核" in kw.inner_text(".messages")

        office.goto(f"{url}/projects/explanations/?year=2023")
        _shoot(office, "explanations-review")
        office.click("button:has-text('通过并写入报告')")
        assert "说明已写入报告" in office.inner_text(".messages")
        office.goto(f"{url}/evaluations/texts/?year=2023")
        assert office.locator("textarea", has_text="规上企业研发投入增速放缓。").count() == 1
        browser.close()
