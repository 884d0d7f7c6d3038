from planwatch.evaluate import format_table
from planwatch.evaluate.table import width, wrap
from tests.evaluate.test_serialize import small_evaluation


def test_wide_characters_take_two_columns():
    assert width("森林覆盖率") == 10
    assert width("PM2.5") == 5
    assert width("19.5%") == 5


def test_wrapping_respects_display_width():
    assert wrap("大气常规污染物年均浓度", 8) == ["大气常规", "污染物年", "均浓度"]


def test_table_has_the_report_columns_and_aligned_cells():
    table = format_table(small_evaluation())
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("序号"))
    assert header.split() == [
        "序号",
        "指标",
        "单位",
        "属性",
        "基期值",
        "目标值",
        "本期值",
        "完成进度",
        "评价",
    ]
    row = next(line for line in lines if line.startswith("1 "))
    # the verdict column starts at the same display column in the header and in the row
    assert width(header[: header.index("评价")]) == width(row[: row.index("快于预期")])
    assert "62.0%" in row and "18.5" in row and "19.12" in row


def test_table_ends_with_the_overview_sentence():
    table = format_table(small_evaluation())
    assert "纲要提出的2项主要指标中，1项快于预期，1项待录入下达指标。" in table
    assert "其中约束性指标2项：1项快于预期，1项待录入下达指标。" in table
