import json
from pathlib import Path

from click.testing import CliRunner

from planwatch.cli import main

DATA = Path(__file__).resolve().parents[2] / "planwatch" / "data"
PLAN = str(DATA / "songjiang-14th-fyp.txt")
OBSERVATIONS = str(DATA / "songjiang-observations.csv")


def test_evaluate_prints_json():
    result = CliRunner().invoke(main, ["evaluate", PLAN, "--observations", OBSERVATIONS, "--year", "2023"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["year"], data["time_progress"]) == (2023, 0.6)
    assert len(data["indicators"]) == 21
    high_tech = data["indicators"][7]
    assert (high_tech["number"], high_tech["status"], high_tech["status_zh"]) == (8, "ahead", "快于预期")
    assert data["summary"] == {"achieved_early": 3, "ahead": 6, "on_track": 7, "lagging": 4, "needs_input": 1}


def test_evaluate_prints_a_table():
    result = CliRunner().invoke(
        main, ["evaluate", PLAN, "--observations", OBSERVATIONS, "--year", "2025", "--format", "table"]
    )
    assert result.exit_code == 0, result.output
    assert "序号  指标" in result.output
    assert "纲要提出的21项主要指标中，11项完成，2项基本完成，7项未完成，1项待录入下达指标。" in result.output


def test_bad_row_exits_2_naming_the_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,year,value,unit\n8,2022,2650,家\n16,2022,19.1,个百分点\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", PLAN, "--observations", str(bad), "--year", "2022"])
    assert result.exit_code == 2
    assert f"{bad}，第3行“单位”列" in result.output
