"""Telling a plan outline without headings from a file that is no plan at all, and saying what it seems to be."""

from __future__ import annotations

import re

from planwatch.document.model import Document

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_PLAN_WORDS = ("规划", "纲要")
_GOAL_WORDS = ("发展", "目标", "建设", "推进", "加快", "坚持")


def looks_like_a_plan(texts: list[str]) -> bool:
    """Chinese prose that names itself a 规划/纲要 and speaks of goals: worth reading even without headings."""
    sample = "".join(texts)[:200_000]
    cjk = len(_CJK.findall(sample))
    return (
        cjk >= 100
        and cjk >= 0.3 * len(sample)
        and any(word in sample for word in _PLAN_WORDS)
        and sum(sample.count(word) for word in _GOAL_WORDS) >= 3
    )


def describe_non_plan(document: Document) -> str:
    """One clause, in Chinese, on what the file seems to be instead of a plan outline."""
    sample = "\n".join(document.lines[:200])[:20_000]
    head = sample[:2000].lower()
    if "<html" in head or "<!doctype" in head or "<body" in head:
        return "它看来是网页源代码（HTML）：请在浏览器中打开，复制正文另存为 .txt，或另存为 .docx"
    lines = [line for line in sample.splitlines() if line.strip()]
    if len(lines) >= 3 and all(line.count(",") >= 2 for line in lines[:20]):
        return "它看来是一张逗号分隔的表格（CSV），不是规划文本"
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    if latin > 3 * max(cjk, 1):
        return "它看来是英文或程序文本，不是中文规划纲要"
    if cjk < 100:
        return f"它只有{cjk}个汉字，太短，不像一份规划纲要"
    return "它是一段中文文字，但既无章节标题，也没有“规划”“纲要”等字样"
