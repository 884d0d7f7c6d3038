"""The reading-quality corpus (tests/fixtures/plans): well-formed, and what the current reader makes of it.

Every (plan, input, aspect) asserts a perfect reading: all expected elements found and nothing found wrongly.
Where today's reader falls short, the case is listed in SHORTFALLS below and runs as a strict xfail: when the
reader improves, the case passes, the xfail turns red, and its line here is deleted.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import zipfile

import docx
import pytest

from tests.fixtures.plans.build import text_export, web_copy
from tests.fixtures.plans.corpus import (
    CORPUS,
    KINDS,
    Reading,
    expected,
    inputs,
    norm,
    norm_number,
    plan_names,
    read,
    score,
)
from tests.fixtures.plans.source import Heading, TableBlock, parse_source

# ---- where the current reader falls short (issue 11 items in brackets) ---------------------------------
# Empty: every plan, input and aspect of the corpus reads right. A case the reader cannot yet read goes here as
# {(plan, input kind): {aspect: reason}} and runs as a strict xfail.

ASPECTS = ("title", "period", "parts", "chapters", "sections", "indicators", "values", "kinds", "targets")
SHORTFALLS: dict[tuple[str, str], dict[str, str]] = {}

# ---- the corpus is well-formed ------------------------------------------------------------------------

PLANS = plan_names()


def test_the_corpus_has_at_least_eight_plans_three_with_a_pdf():
    assert len(PLANS) >= 8
    assert sum("pdf" in inputs(plan) for plan in PLANS) >= 3
    assert sum("web" in inputs(plan) for plan in PLANS) >= 1


def test_the_corpus_holds_14th_and_15th_plans():
    periods = {tuple(expected(plan)["period"]) for plan in PLANS}
    assert periods == {(2021, 2025), (2026, 2030)}


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_has_all_its_inputs(plan):
    source = parse_source(CORPUS / plan / "source.txt")
    want = (
        {"plain", "styled", "text"} | ({"pdf"} if source.pdf else set()) | ({"web"} if source.web else set())
    )
    assert set(inputs(plan)) == want


@pytest.mark.parametrize("plan", PLANS)
def test_expected_file_is_complete_and_agrees_with_the_source(plan):
    want = json.loads((CORPUS / plan / "expected.json").read_text(encoding="utf-8"))
    source = parse_source(CORPUS / plan / "source.txt")
    headings = [b for b in source.blocks if isinstance(b, Heading)]
    chapter_level = 1 if any(h.level == 1 for h in headings) else None
    assert [n for n, _ in want["chapters"]] == list(range(1, len(want["chapters"]) + 1))
    assert len(want["chapters"]) == sum(h.level == chapter_level for h in headings)
    assert len(want["parts"]) == sum(h.level == 0 for h in headings)
    assert len(want["sections"]) == sum(h.level >= 2 for h in headings)
    assert {c for c, *_ in want["sections"]} <= {n for n, _ in want["chapters"]}
    assert all(level in (1, 2) for _, level, _, _ in want["sections"])
    tables = [b for b in source.blocks if isinstance(b, TableBlock)]
    assert len(want["indicators"]) == len(tables[0].body)
    assert [row[0] for row in want["indicators"]] == list(range(1, len(want["indicators"]) + 1))
    for row in want["indicators"]:
        assert len(row) == 9 and row[3] in ("expected", "binding")
    for key, value, unit in want["targets"]:
        assert key and isinstance(value, int | float) and unit


@pytest.mark.parametrize("plan", PLANS)
def test_text_export_is_what_the_generator_writes(plan):
    source = parse_source(CORPUS / plan / "source.txt")
    assert (CORPUS / plan / KINDS["text"]).read_text(encoding="utf-8") == text_export(source)
    if source.web:
        assert (CORPUS / plan / KINDS["web"]).read_text(encoding="utf-8") == web_copy(source)


def test_text_export_writes_a_merged_header_with_fewer_cells_than_the_body():
    text = (CORPUS / "jiangchuan-15th" / "plan.txt").read_text(encoding="utf-8")
    rows = text.split("江川市“十五五”时期经济社会发展主要指标\n", 1)[1].split("\n\n")
    assert rows[0].split("\n") == ["\t指标", "\t单位", "\t2025年", "\t“十五五”目标", "\t属性"]
    assert rows[1].split("\n") == ["\t", "\t", "\t", "\t2030年", "\t年均[累计]", "\t"]
    assert rows[2].split("\n") == ["\t1.地区生产总值增长", "\t%", "\t5.6", "\t—", "\t6左右", "\t预期性"]


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("kind", ["plain", "styled"])
def test_word_documents_hold_the_headings_in_order(plan, kind, tmp_path):
    source = parse_source(CORPUS / plan / "source.txt")
    document = docx.Document(str(CORPUS / plan / KINDS[kind]))
    paragraphs = [(p.text, p.style.name, any(r.bold for r in p.runs)) for p in document.paragraphs]
    headings = [b for b in source.blocks if isinstance(b, Heading)]
    texts = [text for text, _, _ in paragraphs]
    positions = [texts.index(h.text) for h in headings]
    assert positions == sorted(positions)
    levels = source.heading_levels
    for heading, position in zip(headings, positions, strict=True):
        _, style, bold = paragraphs[position]
        if kind == "styled":
            assert style == f"Heading {levels.index(heading.level) + 1}"
        else:
            assert style == "Normal" and bold


@pytest.mark.parametrize("plan", PLANS)
def test_word_documents_are_what_the_generator_writes(plan, tmp_path):
    from tests.fixtures.plans.build import docx_file

    source = parse_source(CORPUS / plan / "source.txt")
    for kind, styled in (("plain", False), ("styled", True)):
        docx_file(source, tmp_path / "fresh.docx", styled)
        assert (tmp_path / "fresh.docx").read_bytes() == (CORPUS / plan / KINDS[kind]).read_bytes()


def test_a_merged_category_cell_spans_its_rows_in_word():
    document = docx.Document(str(CORPUS / "national-14th" / "plain.docx"))
    table = document.tables[0]
    assert table.cell(1, 0).text == "经济发展"
    assert table.cell(3, 0)._tc is table.cell(1, 0)._tc  # 经济发展 covers indicators 1–3
    assert table.cell(4, 0).text == "创新驱动"


def test_footnotes_are_real_word_footnotes():
    with zipfile.ZipFile(CORPUS / "mianxian-14th" / "plain.docx") as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert "经济强县、生态美县、幸福勉县。" in notes
    assert body.count("w:footnoteReference") == 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("plan", [p for p in PLANS if "pdf" in inputs(p)])
def test_pdf_holds_the_chapters_a_running_header_and_page_numbers(plan):
    source = parse_source(CORPUS / plan / "source.txt")
    text = subprocess.run(
        ["pdftotext", "-layout", str(CORPUS / plan / "plan.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")
    flat = re.sub(r"\s+", "", text)
    for heading in source.blocks:
        if isinstance(heading, Heading) and heading.level <= 1:
            assert re.sub(r"\s+", "", heading.text) in flat
    assert len([p for p in pages if p.strip()]) >= 3
    assert re.sub(r"\s+", "", source.running) in re.sub(r"\s+", "", pages[1])
    assert "—2—" in re.sub(r"\s+", "", pages[1])


# ---- what the current reader makes of it --------------------------------------------------------------


@functools.cache
def reading(plan: str, kind: str) -> Reading:
    return read(plan, kind, inputs(plan)[kind])


def _cases():
    for plan in PLANS:
        for kind in inputs(plan):
            for aspect in ASPECTS:
                reason = SHORTFALLS.get((plan, kind), {}).get(aspect)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(plan, kind, aspect, marks=marks, id=f"{plan}-{kind}-{aspect}")


@pytest.mark.parametrize(("plan", "kind", "aspect"), list(_cases()))
def test_reader_reads_the_corpus(plan, kind, aspect):
    result = reading(plan, kind)
    count = result.counts[aspect]
    assert result.error is None or not count.expected, result.error
    assert (count.missed, count.wrong) == ([], [])


def _signature(result: Reading) -> tuple | None:
    """What must be the same whatever the input: structure, indicators and their targets."""
    if result.data is None:
        return None
    data = result.data
    chapters = [(c["number"], norm(c["title"])) for c in data["chapters"]]
    sections = [
        (c["number"], s["level"], norm_number(s["number"]), norm(s["title"]))
        for c in data["chapters"]
        for s in c["sections"]
    ]
    indicators = [
        (norm(i["name"]), norm(i["unit"]), i["kind"], i["attribute"], (i["target"] or {}).get("value"))
        for i in data["indicators"]
    ]
    parts = [(p["number"], norm(p["title"])) for p in data.get("parts") or []]
    return norm(data["title"]), data["period"]["start"], parts, chapters, sections, indicators


def _consistency_cases():
    for plan in PLANS:
        reason = SHORTFALLS.get((plan, "all"), {}).get("same_plan")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(plan, marks=marks, id=plan)


@pytest.mark.parametrize("plan", list(_consistency_cases()))
def test_every_input_of_a_plan_gives_the_same_plan(plan):
    kinds = [kind for kind in inputs(plan) if kind != "web"]  # a web copy loses the tables' layout
    signatures = {kind: _signature(reading(plan, kind)) for kind in kinds}
    first = signatures[kinds[0]]
    assert first is not None
    assert all(signature == first for signature in signatures.values()), sorted(signatures)


def test_shortfalls_name_only_inputs_and_aspects_that_exist():
    for (plan, kind), aspects in SHORTFALLS.items():
        if kind == "all":
            assert plan in PLANS and set(aspects) == {"same_plan"}
        else:
            assert kind in inputs(plan), (plan, kind)
            assert set(aspects) <= set(ASPECTS)


def test_a_refused_input_scores_every_expected_element_as_missed(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    result = read("national-14th", "text", path)
    assert result.error is not None
    count = result.counts["indicators"]
    assert (count.expected, count.found, count.matched) == (20, 0, 0)
    assert result.counts["chapters"].missed == [
        (n, t)
        for n, t in [
            (1, "发展环境"),
            (2, "指导方针"),
            (3, "主要目标"),
            (4, "强化国家战略科技力量"),
            (5, "提升企业技术创新能力"),
        ]
    ]


def test_score_counts_what_was_missed_and_what_was_found_wrongly():
    want = {
        "title": "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        "period": [2021, 2025],
        "parts": [],
        "chapters": [[1, "发展基础"], [2, "主要目标"]],
        "sections": [[2, 1, "一", "指导思想"]],
        "indicators": [[1, "森林覆盖率", "%", "binding", "share", 24.1, ">=", 23.2, 2019]],
        "targets": [["森林覆盖率", 24.1, "%"]],
    }
    got = {
        "title": "某县国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要",  # ○ and 〇 are the same
        "period": {"start": 2021, "end": 2025},
        "chapters": [
            {"number": 1, "title": "发展 基础", "sections": []},
            {"number": 2, "title": "主要目标第一节　指导思想", "sections": []},
        ],
        "indicators": [
            {
                "name": "森林覆盖率",
                "unit": "%",
                "attribute": "binding",
                "kind": "level",
                "target": {"value": 24.1, "comparator": ">="},
                "baseline": {"value": 23.2, "year": 2019},
            },
        ],
        "targets": [
            {
                "metric": "森林覆盖率",
                "value": 24.1,
                "unit": "%",
                "quote": "森林覆盖率提高到24.1%",
                "container": "body",
            },
            {
                "metric": "森林覆盖率",
                "value": 23.2,
                "unit": "%",
                "quote": "森林覆盖率达到23.2%",
                "container": "body",
            },
            {"metric": "森林覆盖率", "value": 24.1, "unit": "%", "quote": "24.1", "container": "table"},
        ],
    }
    counts = score(want, got)
    assert counts["title"].perfect and counts["period"].perfect and counts["parts"].perfect
    assert (counts["chapters"].matched, counts["chapters"].missed) == (1, [(2, "主要目标")])
    assert counts["chapters"].wrong == [(2, "主要目标第一节指导思想")]
    assert (counts["sections"].recall, counts["sections"].precision) == (0.0, None)
    assert counts["values"].perfect and counts["baselines"].perfect
    assert counts["kinds"].missed == [("森林覆盖率", "share")] and counts["kinds"].wrong == [
        ("森林覆盖率", "level")
    ]
    # the table's own target is not a target sentence; the look-back 23.2 is a wrong find
    assert (counts["targets"].matched, counts["targets"].found, counts["targets"].precision) == (1, 2, 0.5)
