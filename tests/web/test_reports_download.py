"""Report downloads on the evaluation page, and the report texts the planning office writes."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from docx import Document
from openpyxl import load_workbook

from planwatch.web.evaluations.models import ReportText
from tests.web.conftest import indicator

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


def test_the_evaluation_page_links_the_three_reports_in_four_formats(leader, plan):
    page = leader.get("/evaluations/", {"year": "2023"}).content.decode()
    for kind in ("annual", "midterm", "final"):
        for fmt in ("docx", "pdf", "html", "xlsx"):
            assert f"/evaluations/report/{kind}.{fmt}?plan={plan.pk}&amp;year=2023" in page
    assert "中期评估报告" in page and "总结评估报告" in page and "年度监测报告" in page


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
    every, binding = summary.split("。")[1:3]  # after the time sentence: all indicators, then binding ones
    assert every.startswith(f"纲要提出的{len(rows)}项主要指标中")
    assert _final_counts(every) == _final_counts_of(counts)
    binding_rows = [r for r in rows if r["attribute"] == "binding"]
    assert binding.startswith(f"{len(binding_rows)}项约束性指标中")
    assert _final_counts(binding) == {
        label: sum(1 for r in binding_rows if r["status_zh"] == label) for label in FINAL
    }
    assert "1项指标的评价经规划部门人工调整" in summary
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
