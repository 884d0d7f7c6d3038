"""The plan's title and period, from its first lines, its mentions of itself, or its tables."""

from __future__ import annotations

import re

from planwatch.errors import PlanFormatError
from planwatch.plan import headings
from planwatch.plan.model import Table
from planwatch.plan.tables import period_from_tables

_TITLE_MENTION = re.compile(r"《([^《》]{4,80}?(?:规划纲要|规划|纲要))》")
_PERIOD = re.compile(r"(20\d{2}|19\d{2})\s*[-—–~～至到]\s*(20\d{2}|19\d{2})\s*年")
_FYP_ORDINAL = re.compile(
    r"第([一二三四五六七八九十]+)个五年规划|“?([一二三四五六七八九十]+)五”?(?:规划|时期)"
)
# （草案）, （2022年修订）, (征求意见稿): a state of the document, not part of its name.
_STATE = re.compile(
    r"\s*[（(](?:草案|征求意见稿|送审稿|[^（）()]{0,12}修订[^（）()]{0,4}|[^（）()]{0,12}修正)[）)]\s*$"
)
# A second title line goes on with 和/与 … or names the kind of document.
_CONTINUATION = re.compile(r"^(?:和|与|及|暨|以及)|(?:纲要|规划|远景目标)$")
_DATE_OR_BODY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月|(?:人民政府|人民代表大会|委员会|办公室|办公厅)$")
_ZERO = re.compile(r"(?<=[一二三四五六七八九〇○O])[○O]|[○O](?=[一二三四五六七八九〇○O])")
# 二 〇 三五 in a PDF copy: spaces between the numerals of a year written in Chinese.
_NUMERAL_SPACE = re.compile(r"(?<=[一二三四五六七八九〇○O零])[ \u00a0\u3000]+(?=[一二三四五六七八九〇○O零])")
# …第十四个五年 / 规划和…: a title broken inside its name, before 规划 or 纲要.
_NAME_BROKEN = re.compile(r"(?:第[一二三四五六七八九十\d]+个五年|国民经济和社会发展)$")


def normalise_zero(text: str) -> str:
    """The white circle ○ or the letter O typed for the numeral zero 〇 (二○三五, 二O三五) becomes 〇;
    spaces between Chinese numerals (二 〇 三五, as PDF copies write them) go."""
    return _ZERO.sub("〇", _NUMERAL_SPACE.sub("", text))


def find_title(front: list[str], texts: list[str], fallback: str) -> str:
    """The title: the first lines naming a 规划/纲要 (over two lines when it wraps), else 《…》 in the text."""
    lines = [text.strip() for text in front[:15]]
    for index, line in enumerate(lines):
        if _title_line(line):
            title = line
            if index and _title_prefix(lines[index - 1], line):
                title = lines[index - 1] + title
            for following in lines[index + 1 : index + 3]:
                if _STATE.fullmatch(following):
                    title += following
                    continue
                complete = title.endswith(("纲要", "规划"))
                goes_on = following.startswith(("和", "与", "及", "暨", "以及")) or (
                    not complete and _CONTINUATION.search(following)
                )
                if not (_title_line(following) and goes_on):
                    break
                title += following
            return normalise_zero(_STATE.sub("", title))
    for text in texts[:50]:
        match = _TITLE_MENTION.search(text)
        if match:
            return normalise_zero(match.group(1))
    first = lines[0] if lines else ""
    # A first line that is a sentence (本纲要主要阐明…，…) is body text, not a title: the fallback names the plan.
    if not first or len(first) > 60 or any(mark in first for mark in "。，,；;："):
        return fallback
    return normalise_zero(first)


def _title_prefix(previous: str, line: str) -> bool:
    """中华人民共和国国民经济和社会发展 / 第十四个五年规划…: the first line of a title that wrapped."""
    return (
        0 < len(previous) <= 60
        and not any(mark in previous for mark in "。，；：、")
        and not _DATE_OR_BODY.search(previous)
        and (
            previous.endswith("发展")
            or line.startswith(("第", "“", "和", "与"))
            or (bool(_NAME_BROKEN.search(previous)) and line.startswith(("规划", "纲要")))
        )
    )


def _title_line(text: str) -> bool:
    return (
        0 < len(text) <= 80
        and "。" not in text
        and not text.endswith(("，", "；", "：", "、"))
        and not _DATE_OR_BODY.search(text)
        and ("规划" in text or "纲要" in text or bool(_CONTINUATION.search(text)))
    )


def _ordinal_period(match: re.Match) -> tuple[int, int] | None:
    n = headings.small_number(match.group(1) or match.group(2))
    if n and n >= 3:
        start = 1966 + 5 * (n - 3)  # the 3rd plan began in 1966; each one since is five years
        return start, start + 4
    return None


def period_from_mentions(texts: list[str]) -> tuple[int, int] | None:
    """The latest five-year period the opening of the text names (谋划“十四五”时期…): a plan looks back at the
    period before its own and plans its own, and names no later one."""
    periods = [
        period
        for text in texts[:50]
        for match in _FYP_ORDINAL.finditer(text)
        if (period := _ordinal_period(match))
    ]
    return max(periods) if periods else None


def find_period(title: str, texts: list[str], tables: list[Table]) -> tuple[int, int]:
    ordinal = _FYP_ORDINAL.search(title)
    if ordinal and (period := _ordinal_period(ordinal)):
        return period
    from_tables = period_from_tables(tables)  # column years witness the period as well as a title
    if from_tables:
        return from_tables
    for text in texts[:50]:
        match = _PERIOD.search(text)
        if match and int(match.group(2)) - int(match.group(1)) == 4:
            return int(match.group(1)), int(match.group(2))
    raise PlanFormatError(
        "cannot tell the plan period: no 第N个五年规划 in the title and no 2021-2025年 in the text"
    )
