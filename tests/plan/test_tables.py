"""The plan's tables: captions, kinds, headers, and category cells carried down the rows they span."""

from __future__ import annotations

from planwatch.document.model import Paragraph
from planwatch.document.model import Table as DocumentTable
from planwatch.plan.tables import build_table, compose_header, period_from_tables, table_kind

PROJECTS = [
    [
        "在建项目",
        "上海（车墩）高科技影视基地",
        "投资8.5亿元，占地615亩，改造6个摄影棚（5000平米），新建6个摄影棚（20000平米），新建1个数字置景车间兼摄影棚（1500平米），2019年8月举办项目开工仪式。",
    ],
    [
        "在建项目",
        "中视儒意影视基地",
        "位于玉树路、S32交界处，项目一期投资9亿元，占地62亩，已于2018年12月举办开工仪式。",
    ],
    [
        "在建项目",
        "昊浦影视基地",
        "总投资5亿元，占地70亩，在建4个高科技影棚和1个水下数字摄影棚，2018年底已完成结构封顶。2020年年底已完成土建结构竣工验收，后续将开展综合验收，力争2021年一季度完成整体验收。",
    ],
    [
        "新引进项目",
        "华策长三角国际影视中心",
        "首期投资6亿元，占地77亩，位于永丰街道玉树路西侧。2020年2月21日，项目开发公司上海策湾文化发展有限责任公司完成土地摘牌，于6月10日正式开工，9月开始桩基施工。",
    ],
    [
        "新引进项目",
        "松江星空综艺影视制作研发基地",
        "位于永丰街道，总占地150亩，一期96亩，投资11.43亿元。项目于2019年6月与区政府签订合作框架协议。目前已完成产业准入和园区平台认定，地上建筑物已完成动迁，力争2021年一季度完成拿地手续并于上半年开工。",
    ],
    [
        "新引进项目",
        "1905国际数娱影视产业园",
        "位于车墩镇，一期占地7.5亩，2019年11月已与车墩镇签订项目合作框架协议。已完成内部装修并同步开展招商。",
    ],
    [
        "在谈项目",
        "上海科技影都腾讯智慧影视公共服务平台",
        "将打造AI产业园区、构建企业服务平台、云公共服务平台、产业市场营销服务活动平台等，为松江影视产业园区定制化落地1套智慧影视解决方案，服务6000多家影视企业、各影视拍摄基地。",
    ],
    [
        "在谈项目",
        "启名影视科技创新基地建设",
        "占地面积约30亩，拟建综艺+5G基地。专业从事电视节目制作、后期包装、商务营销、宣发推广的影视制作公司，在浙江卫视、江苏卫视、腾讯视频、北京卫视等多个电视台制作了40多档节目，播出总时长超过1万小时。",
    ],
]

EDUCATION = [
    ["教育资源均衡配置", "新建松江云间中学、云间小学，与上海外国语大学合作办学。"],
    ["教育资源均衡配置", "启动10所老城区学校升级改造。"],
    ["教育资源均衡配置", "全力引进1-2所市实验性示范性高中。"],
    ["教育资源均衡配置", "推进“一网、一中心、一平台”建设，促进智慧教育常态化应用。"],
    ["打造一流基础教育", "开展“云间课程与教学”系列区域活动，深化课程教学改革，建设区域重点学科。"],
    [
        "打造一流基础教育",
        "探索义务教育阶段“按学科单元教学指南编制国家课程校本化实施方案”，高中阶段“以学校创新实验室为平台的学校课程建设”。",
    ],
    ["打造一流基础教育", "建立科学系统的区域质量评价体系，运用“云间智慧教育”平台提升管理效益。"],
    ["打造一流基础教育", "推动2-3所市示范园、8-10所市一级园创建，建设松江区学前教育“雁阵”文化新体系。"],
    [
        "打造一流基础教育",
        "抓实11所公办初中强校工程实验校建设、7个紧密型教育集团建设、义务教育“城乡学校携手共进计划”和特色普通高中创建。",
    ],
    ["构建优质职成教育", "创建五年一贯制新型职业学院，探索建立“学历证书+若干职业技能等级证书（1+X）”制度。"],
    ["构建优质职成教育", "建设30个具有辐射引领作用的区级校企合作基地。"],
    ["构建优质职成教育", "重点建设世界技能大赛国家集训基地。"],
    [
        "构建优质职成教育",
        "建成四级社区教育网络，4条市民修身“人文行走”线路，8大市民修身体验基地、60个体验站点。",
    ],
    [
        "建设智能化督导体系",
        "构建专业高效的综合性教育督导信息化平台，形成以现代信息技术和大数据为支撑的智能化督导体系。",
    ],
]

HEALTH = [
    [
        "优化医疗卫生资源配置",
        "按计划完成上海交通大学医学院松江研究院、上海第九人民医院集团—松江医疗联合体，松江区牙病防治所、区眼病防治所、上海第九人民医院尖端医疗技术研究院、上海精准医学研究院松江分院等合作项目。",
    ],
    [
        "优化医疗卫生资源配置",
        "新建方塔中医医院总部院区，改扩建南部院区，推动方塔中医医院成为上海中医药大学附属医院，推动4-5家社区卫生服务中心成为上海中医药大学附属社区卫生服务中心。",
    ],
    ["优化医疗卫生资源配置", "发展中医药健康产业和特色医疗服务，推动中医药传承创新。"],
    ["优化医疗卫生资源配置", "加快与复旦大学附属儿科医院合作，推动儿科医院建设项目落地。"],
    ["优化医疗卫生资源配置", "加强与第一人民医院合作，支持市一南院二期建设。"],
    ["优化医疗卫生资源配置", "启动与复旦大学附属中山医院合作。"],
    [
        "优化医疗卫生资源配置",
        "完成九亭医院、车墩镇、石湖荡镇、泗泾镇、广富林街道、九里亭街道社区卫生服务中心迁建、改扩建及新建。",
    ],
    [
        "优化医疗卫生资源配置",
        "实施强基层行动，启动岳阳街道、方松街道、永丰街道、泗泾镇、石湖荡镇、泖港镇、新浜镇、洞泾镇、永丰第二、中山第二、佘山第二等社区卫生服务中心迁建、改扩建或新建。",
    ],
    ["优化医疗卫生资源配置", "迁建上海市第五康复医院。"],
    ["加强公共卫生体系建设", "建设公共卫生中心，实施区疾病预防控制中心和卫生监督所迁建工程。"],
    ["加强公共卫生体系建设", "完成区精神卫生中心改扩建。"],
    [
        "加强公共卫生体系建设",
        "改扩建区急救中心，完成急救中心分站标准化建设；改扩建卫生培训中心和血站，新建若干个街头无偿献血点。",
    ],
    ["加强公共卫生体系建设", "实施实验室能力提升工程。"],
    ["加强公共卫生体系建设", "开展新时代爱国卫生和健康促进行动。"],
    ["加强公共卫生体系建设", "建设区域妇儿中心、推进区妇幼保健院二期建设。"],
    ["加强公共卫生体系建设", "建立健全区卫生应急指挥机构。"],
]


def test_four_tables_with_captions_kinds_and_headers(songjiang_plan):
    assert [(t.caption, t.kind, t.header, t.line, t.chapter) for t in songjiang_plan.tables] == [
        (
            "上海市松江区“十四五”经济社会发展主要指标",
            "indicators",
            ["序号", "指标名称", "单位", "属性", "2025年目标"],
            75,
            2,
        ),
        ("表1 “科技影都”重点影视项目", "projects", ["类别", "项目名称", "项目基本情况"], 426, 6),
        ("表2 教育领域重点项目", "projects", ["类别", "项目名称"], 499, 8),
        ("表3 医疗健康领域重点项目", "projects", ["类别", "项目名称"], 550, 8),
    ]


def test_every_row_of_table_1_with_its_category(songjiang_plan):
    assert songjiang_plan.tables[1].rows == PROJECTS
    assert songjiang_plan.tables[1].row_lines == [430, 434, 439, 443, 447, 451, 455, 459]


def test_every_row_of_table_2_with_its_category(songjiang_plan):
    assert songjiang_plan.tables[2].rows == EDUCATION


def test_every_row_of_table_3_with_its_category(songjiang_plan):
    assert songjiang_plan.tables[3].rows == HEALTH


def test_the_main_indicator_table_rows_have_footnote_marks_removed(songjiang_plan):
    main = songjiang_plan.tables[0]
    assert main.rows[14] == ["15", "生活垃圾回收利用率", "%", "约束性", "45"]
    assert main.rows[11][2] == "微克/立方米"


def built(rows: list[list[str]], caption: str | None = None):
    cells = [[Paragraph(text, 20 + i) for text in row] for i, row in enumerate(rows)]
    return build_table(DocumentTable(rows=cells, line=20), caption, 2)


def test_a_second_header_row_shorter_than_the_body_goes_under_the_merged_target_cell():
    header, aligned = compose_header(
        [["指标", "2020年", "“十四五”目标", "属性"], ["2025年", "年均[累计]"]], 5
    )
    assert aligned
    assert header == ["指标", "2020年", "“十四五”目标/2025年", "“十四五”目标/年均[累计]", "属性"]


def test_two_merged_cells_each_over_two_columns():
    # 2020年 over 绝对值 | 增速 and 2025年 over 绝对值 | 增速: four cells under two groups.
    header, aligned = compose_header(
        [["指标", "2020年", "2025年", "属性"], ["绝对值", "增速", "绝对值", "增速"]], 6
    )
    assert aligned
    assert header == ["指标", "2020年/绝对值", "2020年/增速", "2025年/绝对值", "2025年/增速", "属性"]


def test_header_rows_that_cannot_be_aligned_keep_the_first_row():
    header, aligned = compose_header([["指标", "目标", "属性"], ["甲", "乙", "丙", "丁"]], 7)
    assert (header, aligned) == (["指标", "目标", "属性"], False)


def test_a_table_without_a_caption_is_an_indicator_table_by_its_attribute_cells():
    table = built([["名称", "2025年"], ["森林覆盖率（%）", "19.5"], ["常住人口（万人）", "200"]])
    assert table.kind == "other"
    table = built(
        [["名称", "2025年", "类型"], ["森林覆盖率（%）", "19.5", "约束性"], ["常住人口", "200", "预期性"]]
    )
    assert table.kind == "indicators"
    assert table_kind(["序号", "项目名称", "建设内容"]) == "projects"


def test_a_title_row_becomes_the_caption_and_the_header_starts_under_it():
    table = built([["“十四五”主要指标"], ["指标", "2025年", "属性"], ["森林覆盖率（%）", "19.5", "约束性"]])
    assert (table.caption, table.header, table.rows, table.row_lines) == (
        "“十四五”主要指标",
        ["指标", "2025年", "属性"],
        [["森林覆盖率（%）", "19.5", "约束性"]],
        [22],
    )


def test_a_category_cell_left_out_of_a_row_is_carried_down_from_the_row_above():
    table = built(
        [
            ["类别", "指标", "2025年", "属性"],
            ["经济发展", "地区生产总值增长（%）", "6", "预期性"],
            ["研发经费投入强度（%）", "3", "预期性"],
            ["", "数字经济比重（%）", "15", "预期性"],
        ]
    )
    assert [row[0] for row in table.rows] == ["经济发展", "经济发展", "经济发展"]
    assert table.rows[1] == ["经济发展", "研发经费投入强度（%）", "3", "预期性"]


def test_the_period_of_a_15th_plan_from_its_2025_and_2030_columns():
    fifteenth = built([["指标", "2025年", "2030年", "属性"], ["森林覆盖率（%）", "31.2", "32", "约束性"]])
    fourteenth = built(
        [
            ["指标", "2020年", "“十四五”目标", "属性"],
            ["2025年", "年均[累计]"],
            ["城镇化率（%）", "60", "65", "—", "预期性"],
        ]
    )
    district = built(
        [["序号", "指标名称", "单位", "2025年目标", "属性"], ["1", "森林覆盖率", "%", "19.5", "约束性"]]
    )
    projects = built([["项目名称", "2030年"], ["松江枢纽", "建成"]])
    assert period_from_tables([projects, fifteenth]) == (2026, 2030)
    assert period_from_tables([fourteenth]) == (2021, 2025)
    assert period_from_tables([district]) == (2021, 2025)
    assert period_from_tables([projects]) is None


PLAN_WITHOUT_ORDINAL = """某县国民经济和社会发展规划纲要
第一章  发展基础
“十四五”时期（2021—2025年），全县地区生产总值年均增长6%。
第二章  主要目标
\t指标
\t2025年
\t2030年
\t属性

\t森林覆盖率（%）
\t31.2
\t32
\t约束性

"""


def test_column_years_win_over_a_look_back_period_named_in_the_text():
    # The text names 2021—2025 only as the period under review; the table's columns say 2026–2030.
    from planwatch.document.text_reader import parse_text
    from planwatch.plan.structure import build_plan

    plan = build_plan(parse_text(PLAN_WITHOUT_ORDINAL))
    assert (plan.period_start, plan.period_end) == (2026, 2030)
