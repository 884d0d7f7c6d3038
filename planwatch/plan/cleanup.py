"""Blocks as a plan's reader should see them: paragraphs cut by text boxes joined, headings glued to a
paragraph cut off, and a typed table of contents (目录) dropped — whatever the input was.
"""

from __future__ import annotations

import re

from planwatch.document import model as doc
from planwatch.plan import headings

_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", ")")
# Where a heading glued to the end of a paragraph may start: after a sentence end.
_GLUE = re.compile(
    r"[。！？；”]\s*(?=第\s*[一二三四五六七八九十百零〇\d]+\s*(?:[篇章节]|部分)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_LOOSE_GLUE = re.compile(r"(?=第\s*[一二三四五六七八九十百零〇\d]+\s*(?:[篇章节]|部分))")
_CONTENTS = re.compile(r"^\s*目\s*[录次]\s*$")
# A contents entry ends in its page number, often after dot leaders: 第一章 发展基础……3
_PAGE_NUMBER = re.compile(r"[\s.．。·•…—\-_]*(?:\d{1,4}|[IVXivx]{1,5})\s*$")
_SPACE = re.compile(r"\s+")


def tidy_document(document: doc.Document) -> list[doc.Block]:
    """Split glued headings and drop a typed 目录 in the document itself (so that extraction reads the same
    paragraphs), noting each repair in its warnings; return its blocks as the structure reads them."""
    notes: list[str] = []
    blocks = drop_typed_contents(split_glued_headings(document.blocks, notes), notes)
    if notes:
        document.blocks = blocks
        document.warnings.extend(notes)
    # Only a text export cuts a paragraph at the text box anchored in it; a Word file keeps it whole.
    return rejoin_split_paragraphs(blocks) if document.format == "text" else blocks


def rejoin_split_paragraphs(blocks: list[doc.Block]) -> list[doc.Block]:
    """A paragraph cut in two by a text box anchored inside it (a text export does this) is one again."""
    result: list[doc.Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], doc.Box):
            j += 1
        if (
            isinstance(block, doc.Paragraph)
            and j > i + 1
            and j < len(blocks)
            and isinstance(blocks[j], doc.Paragraph)
            and block.text
            and not block.text.endswith(_SENTENCE_END)
            and not is_structural(block.text)
            and not is_structural(blocks[j].text)
        ):
            result.append(join(block, blocks[j]))
            result.extend(blocks[i + 1 : j])
            i = j + 1
            continue
        result.append(block)
        i += 1
    return result


def is_structural(text: str) -> bool:
    return bool(
        headings.classify(text)
        or headings.match_section(text)
        or headings.FIGURE.match(text)
        or headings.TABLE_CAPTION.match(text)
    )


def join(first: doc.Paragraph, second: doc.Paragraph) -> doc.Paragraph:
    offset = len(first.text)
    return doc.Paragraph(
        text=first.text + second.text,
        line=first.line,
        pieces=first.pieces
        + tuple(doc.Piece(p.start + offset, p.end + offset, p.line, p.column) for p in second.pieces),
        refs=first.refs + tuple(doc.FootnoteRef(r.number, r.offset + offset) for r in second.refs),
        heading_level=first.heading_level,
    )


def cut(paragraph: doc.Paragraph, start: int, end: int) -> doc.Paragraph:
    """paragraph.text[start:end], trimmed of blanks, with its source map."""
    piece_text = paragraph.text[start:end]
    start += len(piece_text) - len(piece_text.lstrip())
    end -= len(piece_text) - len(piece_text.rstrip())
    pieces = []
    for piece in paragraph.pieces:
        low, high = max(piece.start, start), min(piece.end, end)
        if high > low:
            pieces.append(
                doc.Piece(low - start, high - start, piece.line, piece.column + (low - piece.start))
            )
    refs = tuple(
        doc.FootnoteRef(r.number, r.offset - start) for r in paragraph.refs if start <= r.offset <= end
    )
    line = pieces[0].line if pieces else paragraph.line
    return doc.Paragraph(paragraph.text[start:end], line, tuple(pieces), refs, paragraph.heading_level)


def split_glued_headings(blocks: list[doc.Block], notes: list[str]) -> list[doc.Block]:
    """`…完成目标任务。第三章 加快建设现代化产业体系` (text copied from a web page) is a paragraph and a heading;
    so is the last cell of a table followed by a heading (`预期性第二章 构建都市圈`)."""
    result: list[doc.Block] = []
    for block in blocks:
        if isinstance(block, doc.Paragraph) and block.heading_level is None:
            cut_at = _glued_heading_start(block.text)
            if cut_at is not None:
                head = cut(block, cut_at, len(block.text))
                result += [cut(block, 0, cut_at), head]
                notes.append(f"第{head.line}行：标题“{head.text}”接在上一段末尾，已将其分开")
                continue
        elif isinstance(block, doc.Table) and block.rows and block.rows[-1]:
            last = block.rows[-1][-1]
            cut_at = _glued_heading_start(last.text, after_cell=True)
            if cut_at is not None:
                head = cut(last, cut_at, len(last.text))
                block.rows[-1][-1] = cut(last, 0, cut_at)
                result += [block, head]
                notes.append(f"第{head.line}行：标题“{head.text}”接在表格末尾，已将其分开")
                continue
        result.append(block)
    return result


def _glued_heading_start(text: str, after_cell: bool = False) -> int | None:
    if len(text) < 4 or ("第" not in text and "、" not in text and "）" not in text and ")" not in text):
        return None
    # After a sentence end any heading may be glued; after a table cell, or in a paragraph that does not end
    # as a sentence, a 第X章 needs no sentence end before it.
    patterns = [_GLUE]
    if after_cell or not text.endswith(headings.SENTENCE_END + ("。",)):
        patterns.append(_LOOSE_GLUE)
    for pattern in patterns:
        for match in pattern.finditer(text, 1):
            rest = text[match.end() :]
            heading = headings.classify(rest)
            if not heading or "。" in rest or rest.endswith(headings.SENTENCE_END):
                continue
            if pattern is _LOOSE_GLUE and not (
                heading.form in ("part", "bufen", "chapter", "jie") and heading.title
            ):
                continue
            return None if headings.classify(text) else match.end()
    return None


def drop_typed_contents(blocks: list[doc.Block], notes: list[str]) -> list[doc.Block]:
    """A typed 目录 repeats every heading before the body: drop it, up to where the body repeats its first entry."""
    for index, block in enumerate(blocks[:400]):
        if isinstance(block, doc.Paragraph) and _CONTENTS.match(block.text):
            end = _contents_end(blocks, index)
            if end is not None:
                notes.append(f"第{block.line}行：目录（至第{blocks[end - 1].line}行）不作为正文读入")
                return blocks[:index] + blocks[end:]
    return blocks


def _contents_end(blocks: list[doc.Block], start: int) -> int | None:
    """Index of the first body block after the contents that begin at `start`, or None if none is found."""
    entries: list[str] = []
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if not isinstance(block, doc.Paragraph):
            break
        key = _entry_key(block.text)
        if entries and key == entries[0]:
            return index
        if "。" in block.text or len(key) > 80 or not key:
            break
        entries.append(key)
    if len(entries) >= 2 and all(_PAGE_NUMBER.search(b.text) for b in blocks[start + 1 : start + 3]):
        return start + 1 + len(entries)
    return None


def _entry_key(text: str) -> str:
    return _SPACE.sub("", _PAGE_NUMBER.sub("", text))
