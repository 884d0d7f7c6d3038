"""The .docx reader on mutations of a real Word file built from the plan: flipped and cut bytes, dropped or broken
parts, random runs and elements in the body. It gives a plan or a PlanFormatError naming the file, in bounded time."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from planwatch.document import read_text
from planwatch.errors import PlanFormatError
from planwatch.reading import read_plan
from tests.conftest import SONGJIANG
from tests.document.docx_builder import W_NS, build_docx
from tests.hardening.fuzzing import fuzz, scratch_file, time_limit

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

W = f"{{{W_NS}}}"


@cache
def original() -> bytes:
    """The Songjiang plan as a Word file, built once."""
    return build_docx(read_text(SONGJIANG), scratch_file("songjiang.docx")).read_bytes()


def parts_of(data: bytes) -> dict[str, bytes]:
    path = scratch_file("source.docx", data)
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def package(parts: dict[str, bytes | None]) -> Path:
    path = scratch_file("plan.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if content is not None:
                archive.writestr(name, content)
    return path


def outcome(path: Path):
    """A plan, or a PlanFormatError whose message starts with the file's name."""
    try:
        with time_limit(20):
            plan = read_plan(path)
    except PlanFormatError as error:
        assert str(error).startswith(str(path)), str(error)
        assert len(error.reason) < 500, error.reason[:300]
        assert error.line is None or error.line >= 1
        return ("error", error.reason)
    return ("plan", len(plan.chapters), len(plan.indicators))


PART_NAMES = [
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/media/image1.png",
    "docProps/core.xml",
]


@fuzz(300)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.integers(0),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=5,
    )
)
@example([("truncate", 0, b"x")])
@example([("truncate", 50_000, b"x")])
@example([("flip", 30, b"\x08")])  # the UTF-8 flag of the first file name
def test_flipped_and_cut_bytes_of_the_zip_give_a_plan_or_an_error(edits):
    data = bytearray(original())
    for action, position, payload in edits:
        position %= len(data) + 1
        if action == "flip" and position < len(data):
            data[position] ^= payload[0] or 0xFF
        elif action == "insert":
            data[position:position] = payload
        elif action == "delete":
            del data[position : position + len(payload)]
        elif action == "truncate":
            del data[position:]
    outcome(scratch_file("plan.docx", bytes(data)))


@fuzz(100)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PART_NAMES),
            st.sampled_from(["drop", "truncate", "insert", "replace", "empty"]),
            st.integers(0),
            st.binary(max_size=8)
            | st.sampled_from([b"<", b"&", b"]]>", b"<w:p>", b"\xff\xfe", b"<!DOCTYPE x>"]),
        ),
        min_size=1,
        max_size=3,
    )
)
@example([("word/document.xml", "drop", 0, b"")])
@example([("word/footnotes.xml", "drop", 0, b"")])
@example([("word/styles.xml", "replace", 0, b"<x/>")])
@example([("word/_rels/document.xml.rels", "empty", 0, b"")])
@example([("[Content_Types].xml", "truncate", 100, b"")])
def test_dropped_and_broken_parts_give_a_plan_or_an_error(edits):
    parts: dict[str, bytes | None] = dict(parts_of(original()))
    for name, action, position, payload in edits:
        content = parts.get(name)
        if content is None:
            continue
        position %= len(content) + 1
        if action == "drop":
            parts[name] = None
        elif action == "truncate":
            parts[name] = content[:position]
        elif action == "insert":
            parts[name] = content[:position] + payload + content[position:]
        elif action == "replace":
            parts[name] = payload
        else:
            parts[name] = b""
    outcome(package(parts))


# Text that XML 1.0 can hold, with the markers and numbers the reader and extraction look for.
RUN_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(list("\t\n0123456789%。，第章一二十百万亿")),
    max_size=40,
) | st.sampled_from(
    ["第十三章  新章", "一、新节", "表9 新表", "到2025年达到1.5万个以上", "[7: 注]", "（", "）"]
)
ELEMENTS = [
    f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="{{n}}"/></w:r>',
    f'<w:r xmlns:w="{W_NS}"><w:footnoteReference/></w:r>',
    f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vanish/></w:rPr><w:t>隐藏{{n}}</w:t></w:r>',
    f'<w:r xmlns:w="{W_NS}"><w:br/><w:tab/><w:cr/></w:r>',
    f'<w:tbl xmlns:w="{W_NS}"><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
    f'<w:tbl xmlns:w="{W_NS}"><w:tr><w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr></w:tc></w:tr></w:tbl>',
    f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent><w:p><w:r><w:t>{{n}}个</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Heading{{n}}"/></w:pPr><w:r><w:t>第{{n}}章 新</w:t></w:r></w:p>',
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"/>',
    f'<w:drawing xmlns:w="{W_NS}"/>',
    "<unknown/>",
]


@fuzz(100)
@given(
    st.lists(
        st.tuples(
            st.integers(0),
            st.one_of(
                RUN_TEXT.map(lambda text: ("text", text)),
                st.tuples(st.sampled_from(ELEMENTS), st.integers(-3, 2000)).map(
                    lambda pair: ("xml", pair[0].replace("{n}", str(pair[1])))
                ),
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
@example([(0, ("xml", ELEMENTS[1]))])
@example([(5, ("xml", ELEMENTS[0].replace("{n}", "77")))])
def test_random_runs_and_elements_in_the_body_give_a_plan_or_an_error(insertions):
    parts = parts_of(original())
    root = etree.fromstring(parts["word/document.xml"])
    paragraphs = list(root.iter(f"{W}p"))
    body = root.find(f"{W}body")
    for position, (kind, content) in insertions:
        if kind == "text":
            run = etree.SubElement(paragraphs[position % len(paragraphs)], f"{W}r")
            etree.SubElement(run, f"{W}t").text = content
        else:
            element = etree.fromstring(content)
            target = paragraphs[position % len(paragraphs)] if element.tag.endswith("}r") else body
            target.insert(position % (len(target) + 1), element)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    outcome(package(parts))
