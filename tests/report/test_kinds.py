"""Which reports fit which year (METHODOLOGY §5), in the core, the CLI and the content builder."""

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.report.content import build_content, sections_for
from planwatch.report.kinds import kind_refusal, report_kinds_for
from tests.report.conftest import DEMO_OBSERVATIONS

PERIOD = (2021, 2025)


def test_the_kinds_offered_per_year_of_a_five_year_plan():
    offered = {year: report_kinds_for(PERIOD, year) for year in range(2020, 2027)}
    assert offered == {
        2020: (),
        2021: ("annual",),
        2022: ("annual",),
        2023: ("annual", "midterm"),  # the third year, as the national mid-term evaluation of 2023
        2024: ("annual",),
        2025: ("annual", "final"),
        2026: (),
    }


def test_the_refusals_say_why_in_one_line():
    assert kind_refusal(PERIOD, 2023, "midterm") is None
    assert (
        kind_refusal(PERIOD, 2023, "final")
        == "总结评估只针对目标年（2025年）；2023年规划尚未到期，可生成年度监测报告。"
    )
    assert kind_refusal(PERIOD, 2025, "midterm") == (
        "中期评估在规划期中段进行一次，以2023年数据为准；2025年可生成年度监测报告。"
    )
    assert kind_refusal(PERIOD, 2019, "annual") == "2019年不在规划期（2021—2025年）内，不能生成评估报告。"


def test_the_content_builder_refuses_a_kind_that_does_not_fit(songjiang_plan, midterm_evaluation):
    with pytest.raises(ValueError, match="总结评估只针对目标年"):
        build_content(songjiang_plan, midterm_evaluation, "final", charts=False)


def test_the_registry_gives_each_kind_its_own_sections():
    assert [s.key for s in sections_for("annual")] == [
        "overview", "indicators", "year", "tasks", "projects", "problems", "next_steps", "annexes"
    ]  # fmt: skip
    assert "adjustments" in [s.key for s in sections_for("midterm")]
    final = [s.key for s in sections_for("final")]
    assert "period" in final and "next_steps" not in final and "lessons" in final


def test_the_cli_refuses_a_final_report_for_2023_and_names_the_kinds_that_fit(songjiang_path, tmp_path):
    args = ["report", str(songjiang_path), "--observations", str(DEMO_OBSERVATIONS), "--year", "2023"]
    result = CliRunner().invoke(main, [*args, "--kind", "final", "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert "总结评估只针对目标年（2025年）" in result.output
    assert "2023年可生成：年度监测报告、中期评估报告" in result.output
    assert not (tmp_path / "r.docx").exists()
