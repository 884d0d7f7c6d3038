"""The parts of a report the planning office writes: which each kind prints, and a draft while one is empty."""

from planwatch.report.content import build_content
from planwatch.report.model import Paragraph
from planwatch.report.written import parts_for, unwritten

FINAL_TEXTS = {
    "issuer": "上海市松江区发展和改革委员会",
    "date": "2026年3月",
    "lessons": "坚持规划引领。",
    "next_plan": "做好与“十五五”规划的衔接。",
}


def _keys(parts) -> list[str]:
    return [part.key for part in parts]


def test_each_kind_prints_its_own_written_parts():
    assert _keys(parts_for("annual")) == [
        "issuer",
        "doc_number",
        "date",
        "overview",
        "problems",
        "next_steps",
    ]
    assert "adjustments" in _keys(parts_for("midterm")) and "lessons" not in _keys(parts_for("midterm"))
    assert _keys(parts_for("final"))[-2:] == ["lessons", "next_plan"]


def test_the_empty_required_parts_are_listed_and_blank_text_counts_as_empty():
    assert _keys(unwritten("final", {**FINAL_TEXTS, "lessons": "  "})) == ["lessons"]
    assert _keys(unwritten("annual", {"issuer": "区发改委"})) == [
        "date"
    ]  # 发文字号 and the supplements may stay empty
    assert unwritten("final", FINAL_TEXTS) == []


def test_a_draft_names_each_empty_part_where_it_belongs_and_says_so_on_the_cover(
    songjiang_plan, final_evaluation, sample_obs
):
    report = build_content(songjiang_plan, final_evaluation, "final", observations=sample_obs, charts=False)
    pending = [b.text for b in report.blocks if isinstance(b, Paragraph) and b.role == "pending"]
    assert "（待填写：主要经验与启示，由规划科撰写后报送）" in pending
    assert "（待填写：对下一个五年规划编制的建议，由规划科撰写后报送）" in pending
    assert report.unwritten == ["编制单位", "成文日期", "主要经验与启示", "对下一个五年规划编制的建议"]
    assert report.title_page.notices[0] == "草稿：尚有4个部分待规划科撰写，本稿不宜报送。"


def test_a_report_with_every_part_written_is_no_draft(songjiang_plan, final_evaluation, sample_obs):
    report = build_content(
        songjiang_plan,
        final_evaluation,
        "final",
        observations=sample_obs,
        narratives=FINAL_TEXTS,
        charts=False,
    )
    texts = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    assert "坚持规划引领。" in texts and "做好与“十五五”规划的衔接。" in texts
    assert report.unwritten == [] and not any(n.startswith("草稿") for n in report.title_page.notices)
    assert not any(
        b.role == "pending" and b.text.startswith("（待填写")
        for b in report.blocks
        if isinstance(b, Paragraph)
    )
