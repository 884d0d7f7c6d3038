"""The text reader on encoded, garbled and oversized variants of the plan: a plan, or a PlanFormatError naming the file
and a line that exists, in bounded time. tests/document/test_text_reader_fuzz.py covers line-level mutations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from planwatch.document.text_reader import parse_text, read_text
from planwatch.errors import PlanFormatError
from planwatch.reading import read_plan
from tests.conftest import SONGJIANG
from tests.hardening.fuzzing import fuzz, scratch_file, time_limit

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

TEXT = SONGJIANG.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]
# Pieces that start or end a marker, a table, a box or a number, repeated to make one very long line.
LONG_LINE_PIECES = [
    "[1:a]b",
    "[1:",
    "]",
    " [2:",
    "[bookmark:",
    "[footnoteRef:1]",
    "[footnoteRef:",
    "\t",
    "(",
    "第一章",
    "一、",
    "到2025年，",
    "达到1.5万个以上",
    "不少于",
    "百分之三十三",
    "一百二十三万四千",
    "9",
    "，",
    "PM2.5",
    "〔13.5〕",
    "70/500（25）",
    "“十三五”期末",
]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


def write(data: bytes, name: str = "plan.txt") -> Path:
    return scratch_file(name, data)


def outcome(path: Path, line_count: int):
    """What reading the plan gives: its structure, or the error, checked to name the file and a real line."""
    try:
        with time_limit(20):
            plan = read_plan(path)
    except PlanFormatError as error:
        assert str(error).startswith(str(path)), str(error)
        assert len(error.reason) < 500, error.reason[:300]
        assert error.line is None or 1 <= error.line <= line_count, (error.line, line_count)
        return ("error", error.reason, error.line)
    return ("plan", plan.title, len(plan.chapters), len(plan.indicators), len(plan.targets))


def chunk(start: int, length: int) -> str:
    return "\n".join(LINES[start : start + length])


@fuzz(100)
@given(st.integers(0, len(LINES) - 1), st.integers(1, 400), st.sampled_from(ENCODINGS))
@example(0, len(LINES), "gb18030")
@example(0, len(LINES), "utf-16")
def test_every_encoding_reads_as_the_utf8_text_does(start, length, encoding):
    text = chunk(start, length)
    data = encode(text, encoding)
    if encoding == "gb18030":
        try:
            data.decode("utf-8")
            assume(False)  # GB18030 bytes that are also valid UTF-8 are read as UTF-8, as documented
        except UnicodeDecodeError:
            pass
    path = write(data)
    try:
        expected = parse_text(text).lines
    except PlanFormatError as error:
        try:
            read_text(path)
        except PlanFormatError as same:
            assert same.reason == error.reason and same.line == error.line
            return
        raise AssertionError("the encoded file read without the error the text gives") from None
    assert read_text(path).lines == expected


@fuzz(150)
@given(
    st.sampled_from(ENCODINGS),
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.integers(0),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=6,
    ),
)
@example("utf-8", [("insert", 0, b"\x00")])
@example("utf-16", [("truncate", 7, b"x")])
@example("gb18030", [("insert", 3, b"\x81\x30")])
def test_garbled_bytes_give_a_plan_or_an_error_naming_the_file_and_line(encoding, edits):
    data = bytearray(encode(TEXT, encoding))
    for action, position, payload in edits:
        position %= len(data) + 1
        if action == "flip" and position < len(data):
            data[position] ^= payload[0] or 0xFF
        elif action == "insert":
            data[position:position] = payload
        elif action == "delete":
            del data[position : position + len(payload)]
        elif action == "truncate" and position > len(data) // 2:
            del data[position:]
    outcome(write(bytes(data)), data.count(b"\n") + data.count(b"\r") + 1)


@fuzz(80)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEXT)), st.text(min_size=1, max_size=3)),
        min_size=1,
        max_size=20,
    )
)
def test_mojibake_in_the_plan_gives_a_plan_or_an_error_naming_the_line(edits):
    text = TEXT
    for position, garbage in edits:
        text = text[:position] + garbage + text[position:]
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        assume(False)
    outcome(write(data), text.count("\n") + text.count("\r") + 1)


@fuzz(40)
@given(
    st.integers(0, len(LINES) - 1),
    st.lists(st.sampled_from(LONG_LINE_PIECES), min_size=1, max_size=4),
    st.integers(1_000, 25_000),
)
@example(0, ["[1:a]b"], 300_000)
@example(0, ["[bookmark:"], 300_000)
@example(0, ["\t"], 300_000)
@example(0, ["一百二十三万四千"], 19_999)
@example(0, ["到2025年，", "达到1.5万个以上"], 19_999)
@example(0, ["9"], 19_999)
def test_a_very_long_line_is_read_in_bounded_time(at, pieces, length):
    line = ("".join(pieces) * (length // len("".join(pieces)) + 1))[:length]
    lines = list(LINES)
    lines.insert(at, line)
    outcome(write("\n".join(lines).encode("utf-8")), len(lines))


@fuzz(300)
@given(st.text(max_size=300), st.sampled_from(ENCODINGS))
@example("", "utf-8")
@example("", "utf-8-sig")
@example(" \n\t\n", "utf-16")
@example("\ufeff", "utf-8")
def test_random_text_in_any_encoding_gives_a_plan_or_an_error(text, encoding):
    try:
        data = encode(text, encoding)
    except UnicodeEncodeError:
        assume(False)  # lone surrogates cannot be written in any encoding
    outcome(write(data), text.count("\n") + text.count("\r") + 1)
