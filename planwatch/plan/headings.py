"""Recognising the headings of a Chinese plan outline by their numbering form.

Forms, from the outermost: 第X篇, 第X章, 第X节, 一、, （一）, 1. / 1、, 1.1 — plus 序言/前言 before the body and
附件/附表/名词解释 after it. A line is only a *candidate* here; which forms are chapters and which are sections
is decided for the document as a whole (plan/levels.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_CN = "一二三四五六七八九十"
_ORDINAL = r"[一二三四五六七八九十百零〇○两\d]+"

# Forms from the outermost to the innermost; levels.py ranks the forms a document uses in this order.
FORMS = ("part", "bufen", "chapter", "jie", "cn", "paren", "arabic", "dotted")
FORM_ZH = {
    "part": "第X篇",
    "bufen": "第X部分",
    "chapter": "第X章",
    "jie": "第X节",
    "cn": "一、",
    "paren": "（一）",
    "arabic": "1.",
    "dotted": "1.1",
}

PART = re.compile(rf"^第\s*(?P<number>{_ORDINAL})\s*篇(?![章节])\s*(?P<title>.*)$")
BUFEN = re.compile(
    rf"^第\s*(?P<number>{_ORDINAL})\s*部分\s*(?P<title>.*)$"
)  # 第一部分: a part, or the chapters
CHAPTER = re.compile(rf"^第\s*(?P<number>{_ORDINAL})\s*章\s*(?P<title>.*)$")
JIE = re.compile(rf"^第\s*(?P<number>{_ORDINAL})\s*节\s*(?P<title>.*)$")
SECTION = re.compile(rf"^(?P<number>[{_CN}]+)\s*(?:[、．]|\.(?!\d))\s*(?P<title>\S.*)$")
PAREN = re.compile(rf"^[（(]\s*(?P<number>[{_CN}]+)\s*[）)]\s*(?P<title>\S.*)$")
SUBSECTION = re.compile(r"^(?P<number>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(?P<title>\S.*)$")
# 1.1 指导思想; not 1.5倍 or 2.3万人 (a number and its unit at the start of a sentence).
DOTTED = re.compile(
    r"^(?P<number>\d{1,2}\.\d{1,2})(?![.\d%％])\s*(?P<title>[^\d\s.倍万亿千百个元‰年月日次家项人吨米公].*)$"
)
FIGURE = re.compile(r"^图\s*(?P<number>\d+)\s*(?P<title>.*)$")
TABLE_CAPTION = re.compile(r"^表\s*(?P<number>\d+)\s*(?P<title>.*)$")
# 序言, 前 言, 引言, 总则 standing alone before the first chapter.
FRONT = re.compile(r"^(?:序\s*言|前\s*言|引\s*言|总\s*则|序)$")
# 附件, 附件1：…, 附表, 附录, 名词解释 after the last chapter.
BACK = re.compile(
    r"^(?:附\s*[件表录]\s*[\d一二三四五六七八九十]*\s*[：:、.．]?\s*(?P<title>[^。]{0,60})|名词解释)$"
)
SENTENCE_END = ("。", "！", "？", "；", "：", "，", "、")
# A numbered line longer than this, or holding a full stop, is body text — for sections only: a chapter
# title may be a whole programmatic sentence.
MAX_HEADING = 40
MAX_SECTION_HEADING = 60
# Words that make a 第X章 at the start of a line a reference to it, not its heading (第三章所列, 第二章中).
_REFERENCE_AFTER = ("的", "所", "中", "提出", "规定", "已", "是", "和", "及", "至", "到", "、", "，")

# Every numbered heading starts with one of these.
_HEADING_FIRST = frozenset("第（(0123456789" + _CN)
_SECTION_FORMS = (
    ("jie", JIE),
    ("cn", SECTION),
    ("paren", PAREN),
    ("dotted", DOTTED),
    ("arabic", SUBSECTION),
)


@dataclass(frozen=True)
class Heading:
    """A line that has the form of a heading: its numbering form, number as written and value, title."""

    form: str  # one of FORMS
    number: str
    value: int | None
    title: str


def small_number(text: str) -> int | None:
    """Value of a small Chinese or Arabic number used in numbering (一 … 九十九, 第十二章 → 12)."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def is_heading_text(title: str) -> bool:
    return 0 < len(title) <= MAX_HEADING and "。" not in title


def _is_section_title(title: str, styled: bool) -> bool:
    if not title:
        return False
    if styled:
        return True
    return len(title) <= MAX_SECTION_HEADING and "。" not in title and not title.endswith(SENTENCE_END)


def _is_big_title(title: str) -> bool:
    """The title of 第X篇/第X章/第X节: any length, but not a sentence and not a reference to the heading."""
    if "。" in title.rstrip("。") or title.startswith(_REFERENCE_AFTER):
        return False
    return not title.endswith(("；", "，", "、"))


def classify(text: str, styled: bool = False) -> Heading | None:
    """The heading form of a paragraph, or None; `styled` (a Word heading style) drops the length limit."""
    text = text.strip()
    if not text or text[0] not in _HEADING_FIRST:
        return None  # most paragraphs: no numbering at their start
    for form, pattern in (("part", PART), ("bufen", BUFEN), ("chapter", CHAPTER), ("jie", JIE)):
        match = pattern.match(text)
        if match:
            number, title = match.group("number"), match.group("title").strip()
            value = small_number(number)
            if value is None or not _is_big_title(title):
                return None
            return Heading(form, _numeral(number), value, title)
    for form, pattern in _SECTION_FORMS[1:]:
        match = pattern.match(text)
        if match:
            title = match.group("title").strip()
            if not _is_section_title(title, styled):
                return None
            number = match.group("number")
            value = small_number(number) if form != "dotted" else int(number.split(".")[1])
            return Heading(form, number, value, title)
    return None


def _numeral(number: str) -> str:
    return number.replace("○", "〇")


def is_front_matter(text: str) -> bool:
    return bool(FRONT.match(text.strip()))


def is_back_matter(text: str) -> bool:
    return bool(BACK.match(text.strip()))


def match_chapter(text: str) -> tuple[int, str] | None:
    """(number, title) of a 第X章 heading, else None."""
    heading = classify(text)
    if heading and heading.form == "chapter":
        return heading.value, heading.title
    return None


def match_section(text: str) -> tuple[str, int, str] | None:
    """(number as written, level, title) of a 一、 or 1、 heading in the Songjiang form, else None."""
    for pattern, level in ((SECTION, 1), (SUBSECTION, 2)):
        match = pattern.match(text)
        if match and is_heading_text(match.group("title").strip()):
            return match.group("number"), level, match.group("title").strip()
    return None


def is_wrapped_title(text: str) -> bool:
    """A short line without punctuation right after a heading is the rest of a title that wrapped."""
    return (
        0 < len(text) <= 20
        and not any(p in text for p in SENTENCE_END)
        and classify(text) is None
        and not match_section(text)
        and not is_front_matter(text)
        and not is_back_matter(text)
        and not FIGURE.match(text)
        and not TABLE_CAPTION.match(text)
    )
