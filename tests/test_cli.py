"""The `planwatch` command as other programs call it (INTERFACES.md §1)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from planwatch.cli import main
from tests.conftest import SONGJIANG

TOP_KEYS = {
    "title",
    "period",
    "chapters",
    "footnotes",
    "tables",
    "boxes",
    "figures",
    "indicators",
    "targets",
    "baselines",
}
INDICATOR_KEYS = {
    "number",
    "name",
    "unit",
    "attribute",
    "kind",
    "target_text",
    "target_year",
    "target",
    "parts",
    "baseline",
}


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_parse_prints_the_plan_as_json_with_every_interface_field():
    result = run("parse", str(SONGJIANG), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data.keys() >= TOP_KEYS
    assert data["period"] == {"start": 2021, "end": 2025}
    assert len(data["chapters"]) == 12
    assert len(data["indicators"]) == 21
    assert all(indicator.keys() >= INDICATOR_KEYS for indicator in data["indicators"])
    first_section = data["chapters"][0]["sections"][0]
    assert first_section == {
        "number": "一",
        "level": 1,
        "title": "“十三五”时期的主要成就",
        "line": 5,
        "items": [],
    }
    assert data["indicators"][8]["parts"] == [
        {"name": "上市", "value": 70.0, "comparator": ">="},
        {"name": "挂牌", "value": 500.0, "comparator": ">="},
        {"name": "科创板", "value": 25.0, "comparator": ">="},
    ]
    assert data["footnotes"][0] == {
        "number": 1,
        "term": "五个中心",
        "definition": "上海国际经济、金融、贸易、航运、科技创新中心。",
        "line": 1,
    }


def test_parse_of_a_missing_file_exits_2_with_one_line(tmp_path):
    result = run("parse", str(tmp_path / "none.txt"), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "none.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_of_a_table_row_wider_than_its_header_reads_the_plan_and_warns_naming_the_line(tmp_path):
    broken = tmp_path / "broken.txt"
    lines = SONGJIANG.read_text(encoding="utf-8").split("\n")
    lines[77] = "\t属性\n\t多余的列"  # the header row of the main table gets a sixth cell
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = run("parse", str(broken), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["chapters"]) == 12
    assert "第82行：表格行有5个单元格，表头有6个" in data["warnings"]


def test_parse_of_a_binary_file_exits_2(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run("parse", str(binary))
    assert result.exit_code == 2
    assert "binary data" in result.stderr


def test_show_prints_a_chinese_outline_with_the_indicator_table():
    result = run("show", str(SONGJIANG))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n规划期：2021—2025年"
    )
    assert "第3章 构建新发展格局，创造长三角G60科创走廊策源地高质量一体化发展新气象（第215行" in out
    assert "    2、全力建设“中国制造”迈向“中国创造”的先进走廊（3段，3项任务）" in out
    assert "主要指标（21项）" in out
    assert "专栏 3 个，表格 4 张，图 2 幅，名词解释 29 条" in out


def test_parse_gives_parts_jie_sections_and_warnings_as_the_interface_says(tmp_path):
    from tests.plan.test_heading_forms import MUNICIPAL, NATIONAL

    national = tmp_path / "national.txt"
    national.write_text(NATIONAL, encoding="utf-8")
    result = run("parse", str(national), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [{k: p[k] for k in ("number", "title", "line", "chapters")} for p in data["parts"]] == [
        {"number": 1, "title": "开启全面建设社会主义现代化国家新征程", "line": 3, "chapters": [1, 2]},
        {"number": 2, "title": "坚持创新驱动发展 全面塑造发展新优势", "line": 12, "chapters": [3]},
    ]
    section = data["chapters"][0]["sections"][0]
    assert {k: section[k] for k in ("number", "level", "title", "line")} == {
        "number": "一",
        "level": 1,
        "title": "决胜全面建成小康社会取得决定性成就",
        "line": 5,
    }
    assert data["warnings"] == []
    municipal = tmp_path / "municipal.txt"
    municipal.write_text(MUNICIPAL, encoding="utf-8")
    shown = run("show", str(municipal))
    assert shown.exit_code == 0, shown.output
    assert "第1章 发展基础（第2行，2段）" in shown.stdout  # the two paragraphs of its two sections
    assert "  第2行起：未找到“第X章”形式的章标题，以“一、”形式的标题作为章读入" in shown.stdout


def test_parse_of_an_old_binary_word_file_says_how_to_convert_it(tmp_path):
    old = tmp_path / "plan.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    result = run("parse", str(old))
    assert result.exit_code == 2
    assert result.stderr == (
        f"planwatch: {old}: this is an old binary Word 97-2003 document (.doc), which cannot be read: open it in "
        "Word or WPS and save it as .docx (文件→另存为→Word 文档 .docx), then read that file\n"
    )
