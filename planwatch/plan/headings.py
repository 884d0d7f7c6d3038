"""Recognising the headings of a Chinese plan outline: 第X章, 一、, 1、, 图N, 表N."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
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

CHAPTER = re.compile(r"^第(?P<number>[一二三四五六七八九十百零〇\d]+)章\s*(?P<title>.*)$")
SECTION = re.compile(r"^(?P<number>[一二三四五六七八九十]+)、\s*(?P<title>\S.*)$")
SUBSECTION = re.compile(r"^(?P<number>\d{1,2})\s*[、．.]\s*(?P<title>\S.*)$")
FIGURE = re.compile(r"^图\s*(?P<number>\d+)\s*(?P<title>.*)$")
TABLE_CAPTION = re.compile(r"^表\s*(?P<number>\d+)\s*(?P<title>.*)$")
SENTENCE_END = ("。", "！", "？", "；", "：", "，", "、")
# Headings are short phrases; a numbered line longer than this, or holding a full stop, is body text.
MAX_HEADING = 40


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


def match_chapter(text: str) -> tuple[int, str] | None:
    match = CHAPTER.match(text)
    if not match:
        return None
    number = small_number(match.group("number"))
    title = match.group("title").strip()
    if number is None or len(title) > MAX_HEADING or "。" in title:
        return None
    return number, title


def match_section(text: str) -> tuple[str, int, str] | None:
    """(number as written, level, title) of a section heading, else None."""
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
        and not match_section(text)
        and not CHAPTER.match(text)
        and not FIGURE.match(text)
        and not TABLE_CAPTION.match(text)
    )
