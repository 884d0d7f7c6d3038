"""Which heading forms are parts, chapters and sections: decided once for the whole document.

A plan uses a few of the forms of headings.FORMS, always nested in that order (第X篇 ⊃ 第X章 ⊃ 第X节 ⊃ 一、 ⊃
（一） ⊃ 1. ⊃ 1.1). The outermost form after 第X篇 that the document uses holds its chapters (第X章, else 一、 …:
a missing form falls back to the next one); the forms used below it are section levels 1, 2, … in that order,
the same in every chapter (a chapter whose parts start at 1、 has level-2 sections only). Word heading styles
count too: a styled paragraph without a numbering takes the form of the numbered ones of its style level.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planwatch.document import model as doc
from planwatch.plan import headings
from planwatch.plan.headings import FORM_ZH, FORMS, Heading

_CHAPTER_FALLBACK = ("chapter", "bufen", "jie", "cn", "style1", "paren")


@dataclass
class Outline:
    """The role of every heading paragraph, by its index in the block list."""

    chapter_form: str | None
    section_levels: dict[str, int]
    headings: dict[int, Heading]  # block index → its heading (form resolved for unnumbered styled ones)
    front: set[int] = field(default_factory=set)  # 序言/前言 headings
    back: set[int] = field(default_factory=set)  # 附件/名词解释 headings after the last chapter
    warnings: list[str] = field(default_factory=list)

    def role(self, index: int) -> str | None:
        """ "part", "chapter", "section", "front", "back" or None for the paragraph at `index`."""
        if index in self.front:
            return "front"
        if index in self.back:
            return "back"
        heading = self.headings.get(index)
        if heading is None:
            return None
        if heading.form == self.chapter_form:
            return "chapter"
        if heading.form in ("part", "bufen") and self.chapter_form not in (None, "part"):
            return "part"
        if heading.form in self.section_levels:
            return "section"
        return None


def decide(blocks: list[doc.Block]) -> Outline:
    found: dict[int, Heading] = {}
    unnumbered: dict[int, int] = {}  # index → style level of a styled paragraph without a numbering
    styled_forms: dict[int, Counter] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, doc.Paragraph):
            continue
        styled = block.heading_level is not None
        heading = headings.classify(block.text, styled=styled)
        if heading:
            found[index] = heading
            if styled:
                styled_forms.setdefault(block.heading_level, Counter())[heading.form] += 1
        elif styled and not headings.is_front_matter(block.text) and not headings.is_back_matter(block.text):
            unnumbered[index] = block.heading_level
    for index, level in unnumbered.items():
        peers = styled_forms.get(level)
        form = peers.most_common(1)[0][0] if peers else f"style{level}"
        found[index] = Heading(form, "", None, blocks[index].text.strip())
    forms = Counter(heading.form for heading in found.values())
    chapter_form = next((form for form in _CHAPTER_FALLBACK if forms.get(form)), None)
    outline = Outline(chapter_form, {}, found)
    if chapter_form is None:
        return outline
    chapter_indexes = [i for i, h in found.items() if h.form == chapter_form]
    first, last = min(chapter_indexes), max(chapter_indexes)
    if chapter_form != "chapter":
        form = FORM_ZH.get(chapter_form, "一级标题")
        outline.warnings.append(
            f"第{blocks[first].line}行起：未找到“第X章”形式的章标题，以“{form}”形式的标题作为章读入"
        )
    for index, block in enumerate(blocks):
        if not isinstance(block, doc.Paragraph):
            continue
        if index < first and headings.is_front_matter(block.text):
            outline.front.add(index)
        elif index > last and headings.is_back_matter(block.text):
            outline.back.add(index)
    end = min(outline.back, default=len(blocks))  # numbered lists of an annex do not make section levels
    outline.section_levels = _section_levels({i: h for i, h in found.items() if i < end}, chapter_form, first)
    return outline


def _section_levels(found: dict[int, Heading], chapter_form: str, first_chapter: int) -> dict[str, int]:
    """The forms used inside chapters, below the chapter form, numbered 1, 2 … from the outermost."""
    inside = sorted((i, h) for i, h in found.items() if i > first_chapter and h.form not in ("part", "bufen"))
    used = {h.form for _, h in inside if h.form != chapter_form}
    forms = [form for form in FORMS if form in used and _below(form, chapter_form)]
    depth = _depths(inside, chapter_form, forms)
    order = sorted(forms, key=lambda form: (depth[form], FORMS.index(form)))
    levels = {form: level for level, form in enumerate(order, start=1)}
    for form in sorted(f for f in used if f.startswith("style")):
        style_level = int(form[5:])
        levels[form] = max(1, style_level - 1)
    return levels


def _depths(inside: list[tuple[int, Heading]], chapter_form: str, forms: list[str]) -> dict[str, int]:
    """How deep each form nests, from the document: a list that starts (its number 1) right under a heading of
    another form is that form's child. Forms never seen starting under another keep their usual order."""
    votes: Counter = Counter()
    previous: Heading | None = None
    for _, heading in inside:
        if previous is not None and heading.form != previous.form and heading.value == 1:
            votes[(previous.form, heading.form)] += 1
        previous = heading
    depth = {chapter_form: 0}
    for level, form in enumerate(forms, start=1):
        depth[form] = level  # the usual order (headings.FORMS), until the votes say otherwise
    for _ in forms:
        for child in forms:
            parents = [
                (count, FORMS.index(p) if p in FORMS else -1, p)
                for (p, c), count in votes.items()
                if c == child
            ]
            parents = [entry for entry in parents if entry[2] in depth and entry[2] != child]
            if parents:
                _, _, parent = max(parents)  # most votes; on a tie the inner form
                depth[child] = min(depth[parent] + 1, len(forms))
    return depth


def _below(form: str, chapter_form: str) -> bool:
    if form in ("part", "bufen"):
        return False
    if chapter_form.startswith("style"):
        return True
    return FORMS.index(form) > FORMS.index(chapter_form)
