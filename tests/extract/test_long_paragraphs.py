"""An over-long paragraph (a file without line breaks) is read in pieces cut after a sentence, never refused."""

from __future__ import annotations

from planwatch.document.model import Paragraph, Piece
from planwatch.document.text_reader import parse_text
from planwatch.extract.passages import MAX_PASSAGE_CHARS, passages_from_document, split_long
from planwatch.reading import read_plan

SENTENCE = "坚持创新驱动发展，加快建设现代化产业体系。"  # 21 characters


def test_a_long_paragraph_is_cut_after_the_last_sentence_that_fits():
    text = SENTENCE * 10  # 210 characters
    paragraph = Paragraph(text=text, line=7, pieces=(Piece(0, len(text), 7, 3),))
    pieces = split_long(paragraph, limit=100)
    # 100 characters hold four whole sentences (84); the rest is cut the same way.
    assert [len(p.text) for p in pieces] == [84, 84, 42]
    assert "".join(p.text for p in pieces) == text
    assert [p.pieces for p in pieces] == [
        (Piece(0, 84, 7, 3),),
        (Piece(0, 84, 7, 87),),
        (Piece(0, 42, 7, 171),),
    ]


def test_a_long_run_without_sentence_ends_is_not_cut_inside_a_number():
    text = "甲" * 95 + "123.45" + "乙" * 40
    pieces = split_long(Paragraph(text=text, line=1, pieces=(Piece(0, len(text), 1, 0),)), limit=100)
    assert [p.text for p in pieces] == ["甲" * 95, "123.45" + "乙" * 40]


def test_a_plan_with_a_paragraph_over_the_limit_is_read(tmp_path):
    long = "到2025年，全区生产总值达到1500亿元。" + SENTENCE * (MAX_PASSAGE_CHARS // len(SENTENCE) + 50)
    text = f"某区国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n{long}\n"
    document = parse_text(text)
    passages = [p for p in passages_from_document(document) if p.paragraph.line == 3]
    assert len(passages) == 2
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert "".join(p.text for p in passages) == long
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = read_plan(path)
    assert [(t.value, t.unit, t.line) for t in plan.targets if t.value == 1500] == [(1500.0, "亿元", 3)]


def test_a_paragraph_with_more_numbers_than_a_passage_may_hold_is_cut_between_sentences():
    sentence = "第1项增长2%，第3项增长4%。"  # four numbers a sentence, 16 characters
    text = sentence * 150  # 600 numbers, 2,400 characters
    pieces = split_long(Paragraph(text=text, line=2, pieces=(Piece(0, len(text), 2, 0),)), max_numbers=400)
    # 400 numbers are 100 sentences: the first piece ends after the 100th sentence.
    assert [len(p.text) for p in pieces] == [1600, 800]
    assert "".join(p.text for p in pieces) == text


def test_a_plan_paragraph_with_600_numbers_is_read(tmp_path):
    sentence = "第1项增长2%，第3项增长4%。"
    text = f"某区国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n{sentence * 150}\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = read_plan(path)
    assert [c.title for c in plan.chapters] == ["总体要求"]
