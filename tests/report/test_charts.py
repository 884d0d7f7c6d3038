from matplotlib import font_manager

from planwatch.report.charts import indicator_chart, register_fonts, summary_chart
from planwatch.report.facts import indicator_facts

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_simplified_chinese_face_of_the_installed_noto_file_is_registered():
    assert register_fonts() == "Noto Sans CJK SC"
    found = font_manager.findfont(
        font_manager.FontProperties(family="Noto Sans CJK SC"), fallback_to_default=False
    )
    assert found.endswith("NotoSansCJK-Regular.ttc") or found.endswith("NotoSansCJK-Bold.ttc")


def test_an_indicator_with_data_gets_a_png_chart(midterm_evaluation, sample_obs):
    fact = indicator_facts(midterm_evaluation.indicators[2], 2023)
    chart = indicator_chart(fact, sample_obs, 2023, 2020, 2025)
    assert chart.png.startswith(PNG) and chart.key == "indicator-3" and len(chart.png) > 10_000


def test_an_indicator_without_data_gets_no_chart(midterm_evaluation, sample_obs):
    fact = indicator_facts(midterm_evaluation.indicators[19], 2023)  # 20: only the 2020 baseline
    assert indicator_chart(fact, sample_obs, 2023, 2020, 2025) is None


def test_the_summary_chart_is_drawn_for_final_verdicts(final_evaluation):
    facts = [indicator_facts(r, 2025) for r in final_evaluation.indicators]
    assert summary_chart(facts, final=True).png.startswith(PNG)
