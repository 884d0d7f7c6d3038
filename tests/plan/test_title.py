"""The plan's title from its first lines: over two lines, after the issuing body and date, without its state."""

from __future__ import annotations

import pytest

from planwatch.plan.title import find_title, normalise_zero

TITLE = "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@pytest.mark.parametrize(
    "front",
    [
        [TITLE],
        ["某市国民经济和社会发展第十四个五年规划", "和二〇三五年远景目标纲要"],
        ["某市国民经济和社会发展", "第十四个五年规划和二〇三五年远景目标纲要"],
        ["某市人民政府", "2021年1月", TITLE + "（2022年修订）"],
        [TITLE, "（草案）", "本纲要根据……编制。"],
        ["某市国民经济和社会发展第十四个五年规划和二O三五年远景目标纲要"],
        ["某市国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要"],
        [
            "某市国民经济和社会发展第十四个五年",
            "规划和二 〇 三五年远景目标纲要",
            "某市人民政府",
            "2021 年 3 月",
        ],
    ],
    ids=[
        "one-line",
        "two-lines",
        "prefix-line",
        "body-date-revision",
        "draft",
        "letter-o",
        "white-circle",
        "broken-before-guihua-spaced-numerals",
    ],
)
def test_the_title_in_every_form_it_is_written(front):
    assert find_title(front, front, "plan.txt") == TITLE


def test_a_complete_title_is_not_extended_by_another_title_line():
    assert find_title([TITLE, "某县国民经济和社会发展第十四个五年规划纲要"], [], "plan.txt") == TITLE


def test_without_a_title_line_the_title_comes_from_a_mention_in_the_text():
    texts = ["《某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》是全区的行动纲领。"]
    assert (
        find_title(texts, texts, "plan.txt")
        == "某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    )


def test_zero_is_normalised_only_between_numerals():
    assert normalise_zero("二O三五年 O型 ○○") == "二〇三五年 O型 〇〇"


def test_a_line_that_does_not_end_a_name_is_not_joined_to_the_title():
    front = ["某市人民政府关于印发五年", "规划和二〇三五年远景目标纲要"]
    assert find_title(front, front, "plan.txt") == "规划和二〇三五年远景目标纲要"
