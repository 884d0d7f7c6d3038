from planwatch.report.content import build_content
from planwatch.report.model import ChartGrid, Heading, Paragraph


def _headings(report, level=1):
    return [b.text for b in report.blocks if isinstance(b, Heading) and b.level == level]


def _texts(report):
    return [b.text for b in report.blocks if isinstance(b, Paragraph)]


def test_a_midterm_report_has_the_sections_of_methodology_5(midterm_report):
    assert _headings(midterm_report) == [
        "一、总体情况",
        "二、主要指标完成情况",
        "三、重点任务推进情况",
        "四、重大项目推进情况",
        "五、存在的问题",
        "六、下一步工作建议",
        "七、规划调整建议",
        "附表",
    ]


def test_a_final_report_ends_with_lessons_and_the_next_plan(final_report):
    assert _headings(final_report)[2] == "三、规划期累计与期末总量"
    assert _headings(final_report)[6:] == ["七、主要经验与启示", "八、对下一个五年规划编制的建议", "附表"]


def test_an_annual_report_is_titled_by_its_year(songjiang_plan, midterm_evaluation, sample_obs):
    report = build_content(
        songjiang_plan, midterm_evaluation, "annual", observations=sample_obs, charts=False
    )
    assert report.title_page.title.endswith("纲要》实施情况2023年度监测报告")
    assert _headings(report)[1:3] == ["二、主要指标监测情况", "三、年度目标完成情况"]


def test_narratives_passed_in_are_used_and_missing_ones_marked_pending(midterm_report):
    texts = _texts(midterm_report)
    assert "加快重大产业项目建设进度。" in texts and "强化约束性指标的督查考核。" in texts
    headings = [b for b in midterm_report.blocks if isinstance(b, Heading)]
    after_adjustments = midterm_report.blocks[midterm_report.blocks.index(headings[6]) + 1]
    assert (after_adjustments.text, after_adjustments.role) == (
        "（待填写：规划调整建议，由规划科撰写后报送）",
        "pending",
    )


def test_problems_list_lagging_indicators_binding_first_with_explanations(midterm_report):
    leads = [b.lead for b in midterm_report.blocks if isinstance(b, Paragraph) and b.lead]
    assert leads[:3] == [
        "（一）地表水达到或好于Ⅲ类水体比例滞后于预期。",
        "（二）地区生产总值年均增长率滞后于预期。",
        "（三）工业固定资产投资年均增长率滞后于预期。",
    ]
    texts = _texts(midterm_report)
    assert "责任部门说明：受部分重大产业项目开工推迟影响，工业投资增速低于预期。" in texts
    assert "报送备注：受疫情影响，2022年地区生产总值增速明显回落（2022年）。" in texts
    assert (
        "第20项指标暂无2023年监测数据，第14、18项指标尚未录入下达指标，无法作出评价，需责任部门尽快报送。"
        in texts
    )


def test_illustrative_data_is_announced_once_on_the_title_page_and_in_the_page_header(midterm_report):
    assert midterm_report.illustrative
    assert any("示例数据" in notice for notice in midterm_report.title_page.notices)
    assert midterm_report.running_header == "本报告含示例数据（标注※），不是官方统计数据"
    # stated once: not again under the table or in the text
    assert "示例数据" not in midterm_report.table("indicators").note
    assert not any("示例数据" in text for text in _texts(midterm_report))


def test_every_indicator_with_data_has_a_chart_and_there_is_a_summary_chart(midterm_report):
    charts = [c.key for b in midterm_report.blocks if isinstance(b, ChartGrid) for c in b.charts]
    # 9 (compound) and 12 (standard) have no observations in the sample; 14, 18 wait for allocations; 20 has none
    assert charts[0] == "summary"
    assert sorted(int(k.split("-")[1]) for k in charts[1:]) == [
        n for n in range(1, 22) if n not in (9, 12, 14, 18, 20)
    ]


def test_the_projects_section_totals_the_planned_investment(midterm_report):
    text = next(t for t in _texts(midterm_report) if t.startswith("纲要和项目库列出重大项目38个"))
    # 表1: 8 film projects, 8.5 + 9 + 5 + 6 + 11.43; 表2 and 表3 (14 and 16 rows) have no investment column
    assert (
        "其中“科技影都”重点影视项目8个（计划投资39.93亿元），教育领域重点项目14个，医疗健康领域重点项目16个。"
        in text
    )
    assert "已明确投资额的5个项目计划投资合计39.93亿元" in text


def test_the_annex_lists_every_observation_with_a_revised_vintage_marked(midterm_report, sample_obs):
    annex = midterm_report.table("observations")
    assert len(annex.rows) == len([o for o in sample_obs if o.year <= 2023])
    revised = [row for row in annex.rows if row[7].startswith("已被修订")]
    assert [row[:2] for row in revised] == [["16. 森林覆盖率", "2022"]]


def test_the_cover_title_breaks_between_words(midterm_report):
    from planwatch.report.model import TITLE_LINE

    lines = midterm_report.title_page.title_lines
    # the 38-character name breaks before 第…个五年 and after 和; the kind of report stands on its own line
    assert lines == [
        "《上海市松江区国民经济和社会发展",
        "第十四个五年规划和",
        "二〇三五年远景目标纲要》",
        "实施情况中期评估报告",
    ]
    assert "".join(lines) == midterm_report.title_page.title and all(
        len(line) <= TITLE_LINE for line in lines
    )


def test_a_report_with_no_figures_draws_no_chart_of_zero_counts_and_says_why(songjiang_plan):
    from planwatch.evaluate import evaluate_plan
    from planwatch.evaluate.observations import Observations

    evaluation = evaluate_plan(songjiang_plan, Observations(), 2021)
    report = build_content(songjiang_plan, evaluation, "annual", observations=Observations())
    charts = [c.key for b in report.blocks if isinstance(b, ChartGrid) for c in b.charts]
    assert "summary" not in charts
    assert "截至2021年，21项主要指标均尚无监测数据，暂无可统计的评价结果。" in _texts(report)


def test_a_report_with_figures_keeps_its_summary_chart(songjiang_plan, demo_observations):
    from planwatch.evaluate import evaluate_plan

    report = build_content(songjiang_plan, evaluate_plan(songjiang_plan, demo_observations, 2021), "annual")
    charts = [c.key for b in report.blocks if isinstance(b, ChartGrid) for c in b.charts]
    assert charts[0] == "summary"
    assert not any("暂无可统计的评价结果" in t for t in _texts(report))
