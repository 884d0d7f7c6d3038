"""Random mutations and truncations of the plan never crash the reader: it parses or names the line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.document.text_reader import parse_text
from planwatch.errors import PlanFormatError
from planwatch.extract.enrich import enrich_plan
from planwatch.plan.structure import build_plan
from tests.conftest import SONGJIANG

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

TEXT = SONGJIANG.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
FRAGMENTS = [
    "\t",
    "\n",
    "(",
    ")",
    " (",
    "[footnoteRef:3]",
    "[footnoteRef:99]",
    "[7: 说明。]",
    "[bookmark: _Toc1]",
    "第十三章  新章",
    "一、",
    "1、",
    "表4 新表",
    "图3 新图",
    "。",
    "〔13.5〕",
    "70/500（25）",
    "\x00",
    "专栏2：",
]


def _parse(text: str) -> None:
    try:
        document = parse_text(text)
        plan = build_plan(document)
        enrich_plan(plan, document)
    except PlanFormatError as error:
        assert error.line is None or 1 <= error.line <= text.count("\n") + 1
        assert str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(TEXT)))
def test_truncated_plans_parse_or_fail_with_a_format_error(cut):
    _parse(TEXT[:cut])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(LINES) - 1),
            st.sampled_from(["drop", "dup", "insert", "swap"]),
            st.sampled_from(FRAGMENTS),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_line_mutations_parse_or_fail_with_a_format_error(mutations):
    lines = list(LINES)
    for index, action, fragment in mutations:
        index %= len(lines)
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, fragment)
        else:
            lines[index] = fragment + lines[index]
        if not lines:
            lines = [""]
    _parse("\n".join(lines))


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("第一章二、1.\t\n ()（）[]:：footnoteRef0123456789。，专栏表图指标属性约束性%")
        ),
        max_size=400,
    )
)
def test_arbitrary_text_parses_or_fails_with_a_format_error(text):
    _parse(text)
