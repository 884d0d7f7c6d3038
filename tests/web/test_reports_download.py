"""Report downloads on the evaluation page, and the report texts the planning office writes."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import load_workbook

from planwatch.web.evaluations import report_jobs
from planwatch.web.evaluations.models import ReportText
from tests.web.conftest import indicator


@pytest.fixture(autouse=True)
def reports_in_the_request(settings):
    """The test database lives in the test's transaction, which a server thread cannot see: build inline."""
    settings.PLANWATCH_REPORT_RUNNER = "inline"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _summary(document) -> str:
    return next(p.text for p in document.paragraphs if "纲要提出的" in p.text and "项主要指标中" in p.text)


FINAL = ("完成", "基本完成", "未完成")


def _final_counts(sentence: str) -> dict[str, int]:
    found = {label: int(n) for n, label in re.findall(r"(\d+)项(完成|基本完成|未完成)", sentence)}
    return {label: found.get(label, 0) for label in FINAL}


def _final_counts_of(page_counts) -> dict[str, int]:
    shown = {c["status_zh"]: c["count"] for c in page_counts}
    return {label: shown.get(label, 0) for label in FINAL}


def test_the_evaluation_page_links_only_the_reports_that_fit_the_year(leader, plan):
    page = leader.get("/evaluations/", {"year": "2023"}).content.decode()
    for kind in ("annual", "midterm"):
        for fmt in ("docx", "pdf", "html", "xlsx"):
            assert f"/evaluations/report/{kind}.{fmt}?plan={plan.pk}&amp;year=2023" in page
    assert "/evaluations/report/final." not in page
    assert "总结评估报告：总结评估只针对目标年（2025年）；2023年规划尚未到期，可生成年度监测报告。" in page
    final_year = leader.get("/evaluations/", {"year": "2025"}).content.decode()
    assert f"/evaluations/report/final.docx?plan={plan.pk}&amp;year=2025" in final_year
    assert "/evaluations/report/midterm." not in final_year


def test_a_report_that_does_not_fit_the_year_is_refused_with_the_reason(planner, plan):
    response = planner.get(f"/evaluations/report/final.docx?plan={plan.pk}&year=2023", follow=True)
    assert response.redirect_chain[0][0] == f"/evaluations/?plan={plan.pk}&year=2023"
    assert "未生成2023年总结评估报告：总结评估只针对目标年（2025年）" in response.content.decode()


def test_a_report_is_built_once_per_plan_year_kind_and_data(planner, plan, monkeypatch):
    from planwatch.web.evaluations import report_views
    from planwatch.web.evaluations.cache import data_changed

    calls = []

    def build(plan_, year, kind, fmt, on_stage=None):
        calls.append((year, kind, fmt))
        on_stage("一、总体情况", 0, 3)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(report_views, "build_stored_report", build)
    url = f"/evaluations/report/annual.pdf?plan={plan.pk}&year=2022"
    assert planner.get(url).content == b"%PDF-1.7 test"
    assert planner.get(url).status_code == 200 and len(calls) == 1  # served from the cache
    data_changed(plan.pk)
    assert planner.get(url).status_code == 200 and len(calls) == 2  # new data, new report


def test_a_report_built_in_the_background_shows_its_progress(planner, plan, settings):
    import threading

    settings.PLANWATCH_REPORT_RUNNER = "thread"
    release = threading.Event()

    def build(on_stage):
        on_stage("二、主要指标完成情况", 2, 10)
        release.wait(5)
        return b"built"

    job = report_jobs.start(("test", plan.pk, 2023, "midterm", "docx", "stamp"), build)
    query = f"?kind=midterm&fmt=docx&plan={plan.pk}&year=2023"
    for _ in range(50):
        status = planner.get(f"/evaluations/report/progress/{job.id}.json").json()
        if status["percent"]:
            break
        threading.Event().wait(0.05)
    assert (status["stage"], status["percent"], status["ready"]) == ("二、主要指标完成情况", 20, False)
    page = planner.get(f"/evaluations/report/progress/{job.id}/{query}").content.decode()
    assert "正在生成：二、主要指标完成情况" in page and "planwatch/report_progress.js" in page
    assert f'data-download-url="/evaluations/report/midterm.docx?plan={plan.pk}&amp;year=2023"' in page
    release.set()
    for _ in range(50):
        if planner.get(f"/evaluations/report/progress/{job.id}.json").json()["ready"]:
            break
        threading.Event().wait(0.05)
    assert job.data == b"built" and job.percent == 100
    assert planner.get("/evaluations/report/progress/" + "0" * 32 + ".json").status_code == 404


def test_the_final_report_in_word_has_the_counts_of_the_page_with_overrides_texts_and_explanations(
    planner, plan
):
    gdp = indicator(1)
    planner.post(
        f"/evaluations/override/{gdp.pk}/",
        {"year": "2025", "status": "nearly_achieved", "reason": "受疫情冲击，区政府认定基本完成"},
    )
    lagging = next(
        r
        for r in planner.get("/evaluations/", {"year": "2025"}).context["rows"]
        if r["status"] == "not_achieved"
    )
    planner.post(
        "/evaluations/texts/",
        {
            "plan": plan.pk,
            "year": "2025",
            "kind": "final",
            "text-lessons": "坚持规划引领，年度计划逐项对接纲要指标。",
            "version-lessons": "0",
            f"text-explanation-{lagging['number']}": "受宏观环境影响，相关项目延期投产",
            f"version-explanation-{lagging['number']}": "0",
        },
    )
    page = planner.get("/evaluations/", {"year": "2025"}).context
    counts, rows = page["counts"], page["rows"]

    response = planner.get(f"/evaluations/report/final.docx?plan={plan.pk}&year=2025")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        "attachment; filename=\"planwatch-2025-final.docx\"; filename*=UTF-8''"
        + quote("2025年_总结评估报告.docx")
    )
    document = Document(io.BytesIO(response.content))
    summary = _summary(document)
    sentences = summary.split("。")
    every = next(s for s in sentences if s.startswith("纲要提出的"))
    binding = next(s for s in sentences if "项约束性指标" in s)
    assert every.startswith(f"纲要提出的{len(rows)}项主要指标中")
    assert _final_counts(every) == _final_counts_of(counts)
    binding_rows = [r for r in rows if r["attribute"] == "binding"]
    assert binding.startswith(f"{len(binding_rows)}项约束性指标中")
    binding_counts = {label: sum(1 for r in binding_rows if r["status_zh"] == label) for label in FINAL}
    if binding_counts["完成"] and not binding_counts["未完成"] and not binding_counts["基本完成"]:
        assert "全部完成" in binding
    elif binding_counts["完成"]:
        assert f"{binding_counts['完成']}项完成" in binding
    assert "其中1项指标的评价经规划部门研究调整" in summary
    text = _text(document)
    assert "坚持规划引领，年度计划逐项对接纲要指标。" in text
    assert "责任部门说明：受宏观环境影响，相关项目延期投产。" in text
    assert "※" in text  # illustrative demo values stay marked


def test_a_leader_downloads_the_midterm_report_as_html_and_excel(leader, plan):
    html = leader.get(f"/evaluations/report/midterm.html?plan={plan.pk}&year=2023")
    assert html.status_code == 200
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "filename*=UTF-8''" + quote("2023年_中期评估报告.html") in html["Content-Disposition"]
    assert "中期评估" in html.content.decode()
    assert "（待填写）" in html.content.decode()  # 规划调整建议 not written yet

    xlsx = leader.get(f"/evaluations/report/midterm.xlsx?plan={plan.pk}&year=2023")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert workbook.sheetnames[0] == "说明"
    table = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert table[0][:2] == ("序号", "指标")
    assert sorted(int(row[0]) for row in table[1:] if str(row[0] or "").isdigit()) == list(range(1, 22))


@pytest.mark.slow  # PDF rendering
def test_an_administrator_downloads_the_annual_report_as_pdf(admin_client_, plan):
    response = admin_client_.get(f"/evaluations/report/annual.pdf?plan={plan.pk}&year=2022")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert quote("2022年度监测报告.pdf") in response["Content-Disposition"]


def test_it_refuses_a_report_to_a_department_reporter(kewei, plan):
    assert kewei.get(f"/evaluations/report/final.docx?plan={plan.pk}&year=2025").status_code == 403


def test_it_sends_an_anonymous_visitor_to_the_login_page(anonymous, plan):
    response = anonymous.get(f"/evaluations/report/final.docx?plan={plan.pk}&year=2025")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/evaluations/report/final.docx")


def test_an_unknown_format_is_not_found(planner):
    assert planner.get("/evaluations/report/final.odt").status_code == 404


def test_a_planner_writes_a_section_and_every_version_is_kept(planner, plan):
    url = "/evaluations/texts/"
    planner.post(
        url, {"plan": plan.pk, "year": "2023", "text-next_steps": "第一稿", "version-next_steps": "0"}
    )
    text = ReportText.objects.get(plan=plan, year=2023, key="next_steps")
    planner.post(
        url,
        {
            "plan": plan.pk,
            "year": "2023",
            "text-next_steps": "第二稿",
            "version-next_steps": text.row_version,
        },
    )
    text.refresh_from_db()
    assert text.text == "第二稿" and text.row_version == 2
    assert [h.text for h in text.history.order_by("history_date")] == ["第一稿", "第二稿"]
    assert "第一稿" in planner.get(url, {"plan": plan.pk, "year": "2023"}).content.decode()  # 修改记录


def test_a_stale_section_is_refused_and_what_was_typed_is_kept(planner, plan):
    url = "/evaluations/texts/"
    planner.post(
        url, {"plan": plan.pk, "year": "2023", "text-next_steps": "甲的稿", "version-next_steps": "0"}
    )
    planner.post(
        url, {"plan": plan.pk, "year": "2023", "text-next_steps": "甲的二稿", "version-next_steps": "1"}
    )

    response = planner.post(
        url, {"plan": plan.pk, "year": "2023", "text-next_steps": "乙的稿", "version-next_steps": "1"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改，您的修改未保存" in page
    assert "甲的二稿" in page and "乙的稿" in page
    assert ReportText.objects.get(plan=plan, year=2023, key="next_steps").text == "甲的二稿"


def test_a_leader_reads_the_texts_but_cannot_save_them(leader, plan):
    assert leader.get("/evaluations/texts/", {"plan": plan.pk, "year": "2023"}).status_code == 200
    response = leader.post("/evaluations/texts/", {"plan": plan.pk, "year": "2023", "text-next_steps": "x"})
    assert response.status_code == 403
    assert not ReportText.objects.exists()


def test_a_reporter_cannot_see_the_texts(kewei, plan):
    assert kewei.get("/evaluations/texts/", {"plan": plan.pk, "year": "2023"}).status_code == 403


def test_lagging_indicators_name_their_responsible_department(planner, plan):
    response = planner.get(f"/evaluations/report/annual.docx?plan={plan.pk}&year=2023")
    assert response["Content-Type"] == DOCX
    text = _text(Document(io.BytesIO(response.content)))
    gdp, investment = indicator(1), indicator(4)  # both led by 区发改委 in the demo, both lagging in 2023
    assert (gdp.department.name, investment.department.name) == ("区发改委", "区发改委")
    summary = _summary(Document(io.BytesIO(response.content)))
    assert f"“{gdp.name}”滞后于预期（责任部门：区发改委）" in summary
    assert "地区生产总值年均增长率滞后于预期（责任部门：区发改委）。" in text  # 存在的问题
    assert "区发改委（第1、4项）" in text and "尚未报送滞后原因说明" in text


def test_a_built_report_is_stored_for_every_process_until_the_data_changes(planner, plan, monkeypatch):
    from planwatch.web.evaluations import report_views
    from planwatch.web.evaluations.cache import data_changed
    from planwatch.web.evaluations.models import StoredReport

    calls = []

    def build(plan_, year, kind, fmt, on_stage=None):
        calls.append((year, kind, fmt))
        return b"%PDF-1.7 stored"

    monkeypatch.setattr(report_views, "build_stored_report", build)
    url = f"/evaluations/report/annual.pdf?plan={plan.pk}&year=2021"
    assert planner.get(url).content == b"%PDF-1.7 stored" and len(calls) == 1
    key = report_jobs.report_key(plan, 2021, "annual", "pdf")
    row = StoredReport.objects.get(plan=plan, year=2021, kind="annual", fmt="pdf")
    assert (row.stamp, bytes(row.data)) == (key.stamp, b"%PDF-1.7 stored")
    # a new process (or another worker) knows no job: the file comes from the database, not a new build
    monkeypatch.setattr(report_jobs, "_JOBS", type(report_jobs._JOBS)())
    monkeypatch.setattr(report_jobs, "_BY_KEY", {})
    response = planner.get(url)
    assert response.content == b"%PDF-1.7 stored" and response["Content-Type"] == "application/pdf"
    assert len(calls) == 1
    # new data: a new build replaces the stored file
    data_changed(plan.pk)
    assert planner.get(url).status_code == 200 and len(calls) == 2
    assert StoredReport.objects.filter(plan=plan, year=2021, kind="annual", fmt="pdf").count() == 1
    assert StoredReport.objects.get(plan=plan, year=2021, kind="annual").stamp != key.stamp


def test_a_task_report_changes_the_data_the_reports_are_built_from(planner, plan):
    from planwatch.web.evaluations.cache import data_stamp
    from planwatch.web.projects.models import TaskAssignment

    before = data_stamp(plan.pk)
    assignment = TaskAssignment.objects.filter(task__plan=plan).first()
    assignment.progress_note = "已完成年度目标"
    assignment.save()
    assert data_stamp(plan.pk) != before


def test_the_demo_reports_show_task_milestones_and_project_progress_marked_illustrative(planner, plan):
    response = planner.get(f"/evaluations/report/annual.docx?plan={plan.pk}&year=2023")
    document = Document(io.BytesIO(response.content))
    text = _text(document)
    assert "纲要共3章部署重点任务9项，已完成7项，滞后2项。" in text
    tasks = next(t for t in document.tables if t.rows[0].cells[1].text == "章节")
    row = [c.text for c in tasks.rows[3].cells]
    assert row[1:4] == ["构建现代化产业体系", "加快推进战略性新兴产业集群建设", "区经委（配合：区科委）"]
    assert row[4].startswith("滞后；2023年目标：新引进战略性新兴产业项目20个；") and row[4].endswith("※")
    projects = next(t for t in document.tables if t.rows[0].cells[1].text == "项目名称")
    printed = {r.cells[1].text: r.cells[5].text for r in projects.rows[1:]}
    # reported up to 2023 only: the 2025 reports do not reach the 2023 report
    assert printed["上海（车墩）高科技影视基地"] == "在建；形象进度55%；二期摄影棚主体结构施工※"
    assert "1905国际数娱影视产业园" not in printed and len(printed) == 6
    assert "累计完成投资7.6※亿元。进度滞后的项目为昊浦影视基地。" in text
