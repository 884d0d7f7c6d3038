"""The planning office writes each report's own parts (per plan, year and kind); the evaluation page says which
reports are still drafts and what is missing; a written part rebuilds the stored report."""

import io

import pytest
from docx import Document

from planwatch.web.accounts.models import AuditEntry
from planwatch.web.evaluations import report_jobs
from planwatch.web.evaluations.models import ReportText


@pytest.fixture(autouse=True)
def reports_in_the_request(settings):
    """The test's transaction is invisible to a server thread: build the report in the request."""
    settings.PLANWATCH_REPORT_RUNNER = "inline"


def _write(client, plan, kind: str, **texts):
    data = {"plan": plan.pk, "year": "2025", "kind": kind}
    for key, text in texts.items():
        stored = ReportText.objects.filter(plan=plan, year=2025, kind=kind, key=key).first()
        data[f"text-{key}"] = text
        data[f"version-{key}"] = str(stored.row_version if stored else 0)
    return client.post("/evaluations/texts/", data)


def _docx_text(client, plan, kind: str) -> str:
    response = client.get(f"/evaluations/report/{kind}.docx?plan={plan.pk}&year=2025")
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


def test_the_page_shows_the_parts_of_the_report_asked_for(planner, plan):
    final = planner.get("/evaluations/texts/", {"plan": plan.pk, "year": "2025", "kind": "final"}).context
    assert [f["key"] for f in final["fields"] if not f["key"].startswith("explanation-")][-2:] == [
        "lessons",
        "next_plan",
    ]
    assert final["unwritten"] == ["编制单位", "成文日期", "主要经验与启示", "对下一个五年规划编制的建议"]
    annual = planner.get("/evaluations/texts/", {"plan": plan.pk, "year": "2025", "kind": "midterm"}).context
    assert annual["kind"] == "annual"  # 2025 has no mid-term report: the year's first kind is shown
    assert "lessons" not in [f["key"] for f in annual["fields"]]


def test_a_text_written_for_the_final_report_stays_out_of_the_annual_report(planner, plan):
    assert (
        _write(planner, plan, "final", lessons="坚持规划引领，年度计划逐项对接纲要指标。").status_code == 302
    )
    stored = ReportText.objects.get(plan=plan, year=2025, key="lessons")
    assert (stored.kind, stored.text, stored.updated_by.username) == (
        "final",
        "坚持规划引领，年度计划逐项对接纲要指标。",
        "guihuake",
    )
    assert "坚持规划引领，年度计划逐项对接纲要指标。" in _docx_text(planner, plan, "final")
    _write(planner, plan, "annual", issuer="上海市松江区发展和改革委员会")
    assert "编制单位：（待填写）" in _docx_text(
        planner, plan, "final"
    )  # the annual report's issuer is its own


def test_the_evaluation_page_lists_the_unwritten_parts_until_the_report_is_complete(planner, plan):
    page = planner.get("/evaluations/", {"year": "2025"}).content.decode()
    assert "草稿，尚不能报送" in page
    assert "未撰写：编制单位、成文日期、主要经验与启示、对下一个五年规划编制的建议。" in page
    assert f"/evaluations/texts/?plan={plan.pk}&amp;year=2025&amp;kind=final" in page
    _write(planner, plan, "final", issuer="区发改委", date="2026年3月", lessons="甲", next_plan="乙")
    _write(planner, plan, "annual", issuer="区发改委", date="2026年2月")
    page = planner.get("/evaluations/", {"year": "2025"}).content.decode()
    assert "草稿，尚不能报送" not in page
    text = _docx_text(planner, plan, "final")
    assert "（待填写" not in text and "草稿" not in text and "印发日期" not in text


def test_a_text_written_before_reports_had_kinds_serves_every_report_of_the_year(planner, plan):
    ReportText.objects.create(plan=plan, year=2025, key="lessons", text="各报告共用的经验。")
    page = planner.get("/evaluations/texts/", {"plan": plan.pk, "year": "2025", "kind": "final"}).context
    lessons = next(f for f in page["fields"] if f["key"] == "lessons")
    assert (lessons["text"], lessons["own"]) == ("各报告共用的经验。", None)
    assert "主要经验与启示" not in page["unwritten"]
    # left as it is, it stays shared; changed, the final report gets its own
    _write(planner, plan, "final", lessons="各报告共用的经验。")
    assert ReportText.objects.filter(plan=plan, year=2025, key="lessons").count() == 1
    _write(planner, plan, "final", lessons="总结评估自己的经验。")
    assert (
        ReportText.objects.get(plan=plan, year=2025, key="lessons", kind="final").text
        == "总结评估自己的经验。"
    )
    assert "总结评估自己的经验。" in _docx_text(planner, plan, "final")


def test_a_written_part_rebuilds_the_stored_report(planner, plan):
    before = report_jobs.report_key(plan, 2025, "final", "docx").stamp
    _write(planner, plan, "annual", problems="年度报告的补充。")
    assert report_jobs.report_key(plan, 2025, "final", "docx").stamp == before  # another report's text
    _write(planner, plan, "final", lessons="坚持规划引领。")
    assert report_jobs.report_key(plan, 2025, "final", "docx").stamp != before


def test_writing_is_audited_with_the_text_before_and_after(planner, plan):
    _write(planner, plan, "final", lessons="初稿。")
    _write(planner, plan, "final", lessons="定稿。")
    entry = AuditEntry.objects.filter(model="报告文字").order_by("-id").first()
    assert (entry.before["内容"], entry.after["内容"]) == ("初稿。", "定稿。")
    assert entry.after["报告类型"] == "final"
    assert entry.summary == "2025年总结评估报告“主要经验与启示”"


def test_a_save_based_on_an_older_version_is_refused_and_the_typing_kept(planner, plan):
    _write(planner, plan, "final", lessons="第一稿。")
    stale = {
        "plan": plan.pk,
        "year": "2025",
        "kind": "final",
        "text-lessons": "我的稿。",
        "version-lessons": "0",
    }
    _write(planner, plan, "final", lessons="他人的稿。")
    response = planner.post("/evaluations/texts/", stale)
    assert response.status_code == 409
    assert "我的稿。" in response.content.decode() and "他人的稿。" in response.content.decode()
    assert ReportText.objects.get(plan=plan, year=2025, kind="final", key="lessons").text == "他人的稿。"


def test_a_leader_reads_the_texts_but_cannot_write_them(leader, plan):
    assert (
        leader.get("/evaluations/texts/", {"plan": plan.pk, "year": "2025", "kind": "final"}).status_code
        == 200
    )
    assert _write(leader, plan, "final", lessons="x").status_code == 403
    assert not ReportText.objects.filter(plan=plan, year=2025, key="lessons").exists()
