"""Spaces that typesetting or a web page put inside numbers and between a number and its unit (`424.74 亿元`,
`6.5 %`), which no plan means: removed by the readers, so that every later step sees `424.74亿元`."""

from __future__ import annotations

import re

_CJK = r"\u3400-\u9fff"
# A number (not a name such as G60, nor a caption's number 表1/图2) followed by spaces and a unit or %.
_BEFORE_UNIT = re.compile(rf"(?<![A-Za-z\d.表图栏])(\d+(?:\.\d+)?)[ \u00a0\u3000]+(?=[{_CJK}%‰％])")
_CANDIDATE = re.compile(r"[\d.．][ \u00a0\u3000]")
_INSIDE_NUMBER = re.compile(r"(?<=\d)[ \u00a0]+(?=[.．]\d)|(?<=\d[.．])[ \u00a0]+(?=\d)")


def tighten_numbers(text: str) -> str:
    """`到2025年增长6.5 %，达到424.74 亿元` → `到2025年增长6.5%，达到424.74亿元`; names like G60 科创走廊 keep theirs."""
    if not _CANDIDATE.search(text):
        return text  # most lines: no space after a digit or a point
    return _BEFORE_UNIT.sub(r"\1", _INSIDE_NUMBER.sub("", text))
