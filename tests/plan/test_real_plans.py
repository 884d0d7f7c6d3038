"""Openings of published plan outlines the reader was not built on (tests/fixtures/real/README.md), read as a
new user would: expected values written by hand from the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.reading import read_plan

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _read(name: str):
    return read_plan(REAL / f"{name}.txt")


def _chapters(plan) -> list[tuple]:
    return [(c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters]


def test_qingyuan_title_over_two_lines_broken_before_guihua_with_spaced_numerals():
    plan = _read("qingyuan-county-14th")
    assert plan.title == "庆元县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (plan.period_start, plan.period_end) == (2021, 2025)
    assert plan.parts == []
    assert _chapters(plan) == [
        (1, "开启全面建设社会主义现代化新征程", [("一", 1, "全面建设小康社会如期实现")])
    ]
    assert plan.indicators == []


def test_qingyuan_look_back_under_a_half_width_paren_heading_gives_facts_not_targets():
    plan = _read("qingyuan-county-14th")
    assert plan.targets == []  # every number of the opening tells what “十三五” achieved
    facts = {(b.value, b.unit, b.year) for b in plan.baselines}
    assert {(57.02, "亿元", 2015), (78.93, "亿元", 2020), (6.72, "%", None), (50.0, "%", None)} <= facts
    ranks = [b for b in plan.baselines if b.kind == "rank"]
    assert [(b.value, b.unit) for b in ranks] == [(1.0, "名")]  # 保持全市第一, said of the past


def test_chongming_preface_then_chapter_with_cn_sections():
    plan = _read("chongming-district-14th")
    assert plan.title == "崇明区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (plan.period_start, plan.period_end) == (2021, 2025)
    assert _chapters(plan) == [(1, "发展基础与发展环境", [("一", 1, "发展基础")])]
    assert [p.text[:5] for p in plan.preface][-3:] == ["新世纪以来", "站在新的历", "依据中共中"]
    assert plan.targets == [] and plan.warnings == []


def test_liangzihu_pdf_copy_without_title_line_reads_part_chapter_jie():
    plan = _read("liangzihu-district-14th")
    assert plan.title == str(REAL / "liangzihu-district-14th.txt")
    assert plan.warnings[0].startswith("未找到规划标题")
    # “十四五”时期 named in its opening: the plan's own period, though 到2020年 is the commonest year.
    assert (plan.period_start, plan.period_end) == (2021, 2025)
    # The space of the PDF copy's line join stays: a space between two phrases is the writer's own in other
    # plans (坚持创新驱动发展 全面塑造发展新优势), and the two cannot be told apart by their characters.
    assert [(p.number, p.title) for p in plan.parts] == [
        (1, "全面建成小康社会,开启社会主义现代化生态 文明示范区建设新征程")
    ]
    assert _chapters(plan) == [(1, "历史方位", [("一", 1, "全面小康社会如期建成")])]


def test_liangzihu_figures_of_2020_compared_with_2015_are_2020_facts():
    plan = _read("liangzihu-district-14th")
    assert plan.targets == []
    levels = sorted((b.value, b.unit, b.year) for b in plan.baselines if b.unit == "亿元")
    assert levels == [(6.13, "亿元", 2020), (21.45, "亿元", 2020), (100.13, "亿元", 2020)]
    assert {b.year for b in plan.baselines} == {2020}
    changes = [(b.metric, b.value, b.kind) for b in plan.baselines if b.unit == "%"]
    assert changes == [
        ("地区生产总值同比2015年增长", 67.86, "change"),
        ("财政收入同比2015年增长", 72.0, "change"),
        ("社会消费品零售总额同比2015年增长", 17.6, "change"),
    ]


@pytest.mark.parametrize(
    "front,expected",
    [
        (["本纲要主要阐明全区战略意图，是政府履行职责的重要依据。"], "plan.txt"),
        (["某区发展蓝图"], "某区发展蓝图"),
    ],
)
def test_a_sentence_on_the_first_line_is_not_taken_for_the_title(front, expected):
    from planwatch.plan.title import find_title

    assert find_title(front, front, "plan.txt") == expected


def test_the_latest_period_named_in_the_opening_is_the_plans_own():
    from planwatch.plan.title import period_from_mentions

    texts = ["“十三五”时期成就显著。", "谋划“十四五”时期国民经济和社会发展。", "“十三五”规划目标完成。"]
    assert period_from_mentions(texts) == (2021, 2025)
    assert period_from_mentions(["到2020年，地区生产总值达到100亿元。"]) is None


def test_a_plan_of_another_span_is_refused_in_chinese_naming_its_span(tmp_path):
    """崇明世界级生态岛发展规划纲要(2021-2035年) (https://www.shanghai.gov.cn/nw12344/20220114/
    44da2dee52e2474d8c5942da188e3426.html): a fifteen-year plan, not a five-year outline."""
    from planwatch.errors import PlanFormatError

    path = tmp_path / "shengtaidao.txt"
    path.write_text(
        "崇明世界级生态岛发展规划纲要(2021-2035年)\n一、明确总体战略\n(一)指导思想\n坚持生态立岛不动摇。\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanFormatError) as refused:
        read_plan(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: 读不出规划期：开头写的期限是2021—2035年，不是一个五年规划期")
    assert "第十四个五年规划" in message
