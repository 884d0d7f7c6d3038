"""Project tables (表1) and task tables (表2, 表3) as records."""

from planwatch.extract.projects import FIRST_PHASE, TOTAL, read_project_tables
from planwatch.plan.model import Table

PROJECTS = Table(
    caption="表1 “科技影都”重点影视项目",
    kind="projects",
    header=["类别", "项目名称", "项目基本情况"],
    rows=[
        [
            "在建项目",
            "中视儒意影视基地",
            "位于玉树路、S32交界处，项目一期投资9亿元，占地62亩，已于2018年12月举办开工仪式。",
        ],
        [
            "在建项目",
            "昊浦影视基地",
            "总投资5亿元，占地70亩，在建4个高科技影棚和1个水下数字摄影棚，2018年底已完成结构封顶。",
        ],
        [
            "新引进项目",
            "松江星空综艺影视制作研发基地",
            "位于永丰街道，总占地150亩，一期96亩，投资11.43亿元。",
        ],
        ["在谈项目", "某平台", "计划投资8000万元。"],
    ],
    line=425,
    row_lines=[434, 439, 447, 455],
)
TASKS = Table(
    caption="表2 教育领域重点项目",
    kind="projects",
    header=["类  别", "项   目   名   称"],
    rows=[
        ["教育资源均衡配置", "启动10所老城区学校升级改造。"],
        ["教育资源均衡配置", "全力引进1-2所市实验性示范性高中。"],
    ],
    line=498,
    row_lines=[505, 508],
)


def test_first_phase_investment_is_not_the_total():
    projects, _ = read_project_tables([PROJECTS])
    first = projects[0]
    assert (first.name, first.category, first.line) == ("中视儒意影视基地", "在建项目", 434)
    assert (first.investment_total, first.investment_first_phase) == (None, 9)
    assert first.investments[0].phase == FIRST_PHASE
    assert (first.land_area_mu, first.location, first.dates) == (62, "玉树路、S32交界处", ["2018年12月"])


def test_total_investment_and_land_with_first_phase():
    projects, _ = read_project_tables([PROJECTS])
    assert (projects[1].investment_total, projects[1].investments[0].phase) == (5, TOTAL)
    star = projects[2]
    assert (star.land_area_mu, star.land_area_first_phase_mu, star.investment_total) == (150, 96, 11.43)
    assert star.location == "永丰街道"


def test_investment_in_wan_yuan_is_given_in_yi_yuan():
    projects, _ = read_project_tables([PROJECTS])
    assert projects[3].investment_total == 0.8
    assert projects[3].to_json()["investment_unit"] == "亿元"


def test_task_table_rows_become_tasks_with_their_category():
    _, tasks = read_project_tables([TASKS])
    assert [(t.text, t.category, t.line) for t in tasks] == [
        ("启动10所老城区学校升级改造。", "教育资源均衡配置", 505),
        ("全力引进1-2所市实验性示范性高中。", "教育资源均衡配置", 508),
    ]


def test_the_plan_has_eight_projects_and_thirty_tasks():
    from planwatch.reading import read_plan

    from .conftest import PLAN

    projects, tasks = read_project_tables(read_plan(PLAN).tables)
    assert [p.category for p in projects].count("在建项目") == 3
    assert len(projects) == 8 and len(tasks) == 30
    assert projects[0].investment_total == 8.5 and projects[0].land_area_mu == 615
