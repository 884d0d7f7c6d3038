"""The demo's task milestones and project progress reports: illustrative (示例数据), written so that the demo's
reports show real 重点任务 and 重大项目 sections. Each row is flagged `illustrative`, which the reports print as ※
(planwatch.web.evaluations.reports) and the pages as 示例; nothing here is an official figure."""

from __future__ import annotations

import datetime

# Task title (as the plan's section heading reads) → {year: (milestone, status, what the department reported)}.
# Statuses are TaskMilestone's: done, on_track, behind, pending.
TASK_MILESTONES = {
    "加快打造世界级产业集群": {
        2023: (
            "电子信息、高端装备两大产业集群产值突破2000亿元",
            "done",
            "两大集群实现产值2080亿元，新增规上企业36家",
        ),
        2025: ("形成两个千亿级先进制造业集群", "on_track", "集成电路、智能装备重点项目按计划投产"),
    },
    "全面激发科技创新策源功能": {
        2023: ("新建市级以上研发平台5个", "done", "新建市级企业技术中心4个、工程技术研究中心2个"),
        2025: ("G60科创走廊松江段研发平台达到60个", "on_track", "已建成研发平台54个，年内在建6个"),
    },
    "加快推进战略性新兴产业集群建设": {
        2023: (
            "新引进战略性新兴产业项目20个",
            "behind",
            "受项目审批进度影响，当年引进14个，6个项目延至次年落地",
        ),
        2025: ("战略性新兴产业产值占规上工业比重达到33%", "on_track", "前三季度比重为33.1%，全年有望达标"),
    },
    "持续做好碳达峰、碳中和工作": {
        2023: ("完成区碳达峰实施方案编制", "done", "《松江区碳达峰实施方案》已印发实施"),
        2025: ("完成重点用能单位节能改造30家", "on_track", "已完成改造24家，其余6家在施工"),
    },
    "大力推进清水行动": {
        2023: ("完成12条河道综合整治", "done", "12条河道整治全部完工，劣V类水体保持动态清零"),
        2025: ("地表水考核断面达到或好于Ⅲ类比例达到60%", "done", "考核断面达标比例为62%"),
    },
    "深入推进清洁空气行动": {
        2023: ("完成挥发性有机物重点企业治理40家", "behind", "完成治理31家，9家企业因停产搬迁顺延"),
        2025: ("细颗粒物年均浓度稳定在30微克/立方米以下", "on_track", "1—9月细颗粒物平均浓度为28微克/立方米"),
    },
    "实现更加充分更高质量就业": {
        2023: ("新增就业岗位2.5万个", "done", "新增就业岗位2.7万个，帮扶长期失业青年就业1200人"),
        2025: ("城镇登记失业人数控制在市下达指标内", "on_track", "前三季度登记失业人数低于市下达指标"),
    },
    "健全帮困救助体系": {
        2023: ("完成社会救助“一网通办”系统上线", "done", "系统上线运行，救助事项网上办理率达到95%"),
        2025: ("困难群众救助服务覆盖率达到100%", "on_track", "已实现街镇社区救助顾问全覆盖"),
    },
    "推进慈善事业健康发展": {
        2023: ("建成区级慈善超市5家", "done", "建成慈善超市5家，募集善款1800万元"),
        2025: ("培育品牌慈善项目10个", "pending", ""),
    },
}

# Project name (or its start) → {year: (status code, 形象进度 %, completed investment in 亿元, reported text)} and
# its milestones [(year, milestone, done)].
PROJECT_PROGRESS = {
    "上海（车墩）高科技影视基地": (
        {
            2023: ("building", 55, 4.1, "二期摄影棚主体结构施工"),
            2025: ("building", 85, 7.2, "二期摄影棚主体完工，室内装修进行中"),
        },
        [(2023, "二期摄影棚主体结构封顶", True)],
    ),
    "中视儒意影视基地": (
        {2023: ("building", 35, 2.4, "一期6个摄影棚投入使用"), 2025: ("building", 60, 4.6, "二期开工建设")},
        [(2024, "二期工程开工", True)],
    ),
    "昊浦影视基地": (
        {
            2023: ("building", 30, 1.1, "一期工程收尾，二期土地出让延后"),
            2025: ("building", 40, 1.5, "受土地出让进度影响，二期尚未开工"),
        },
        [(2023, "二期工程开工", False)],
    ),
    "华策长三角国际影视中心": (
        {2023: ("new", 5, None, "完成项目签约"), 2025: ("new", 20, 0.8, "完成项目立项和规划方案批复")},
        [(2024, "取得施工许可", False)],
    ),
    "松江星空综艺影视制作研发基地": ({2025: ("new", 15, 1.2, "已签订投资协议，正在办理用地手续")}, []),
    "1905国际数娱影视产业园": ({2025: ("negotiating", 0, None, "与投资方就建设方案进行第三轮洽谈")}, []),
    "新建松江云间中学": (
        {2023: ("done", 100, None, "两所学校已于2023年9月开学")},
        [(2023, "竣工并开学", True)],
    ),
    "迁建上海市第五康复医院": (
        {2023: ("building", 20, None, "完成桩基工程"), 2025: ("building", 55, None, "主体结构施工中")},
        [(2024, "主体结构封顶", False)],
    ),
}


def _matching(names, wanted: str):
    """The stored name equal to `wanted`, else one that starts with it (the table's names may be longer)."""
    return next((n for n in names if n == wanted), None) or next(
        (n for n in names if n.startswith(wanted)), None
    )


def seed_progress(plan, planner) -> None:
    """Yearly milestones with reports for the assigned tasks, and progress reports for some projects."""
    from planwatch.web.projects.models import Milestone, ProgressReport, TaskAssignment, TaskMilestone

    assignments = TaskAssignment.objects.filter(task__plan=plan).select_related("task", "department")
    for assignment in assignments:
        title = _matching(TASK_MILESTONES, assignment.task.title) or ""
        for year, (target, status, report) in TASK_MILESTONES.get(title, {}).items():
            TaskMilestone.objects.create(
                assignment=assignment,
                year=year,
                target=target,
                set_by=planner,
                status=status,
                report=report,
                illustrative=bool(report),
                reported_at=datetime.datetime(year, 12, 20, tzinfo=datetime.UTC) if report else None,
            )
    projects = {p.name: p for p in plan.projects.select_related("department")}
    for wanted, (reports, milestones) in PROJECT_PROGRESS.items():
        name = _matching(projects, wanted)
        if name is None:
            continue
        project = projects[name]
        for year, (status, progress, invested, text) in sorted(reports.items()):
            report = ProgressReport.objects.create(
                project=project,
                department=project.department,
                period=f"{year}年",
                status=status,
                progress=progress,
                investment_total=invested,
                investment_unit="亿元",
                text=text,
                illustrative=True,
            )
            # reported at the end of its period (auto_now_add would say today)
            reported = datetime.datetime(year, 12, 20, tzinfo=datetime.UTC)
            ProgressReport.objects.filter(pk=report.pk).update(reported_at=reported)
            project.status, project.progress = status, progress
        project.save()
        for year, title, done in milestones:
            Milestone.objects.create(project=project, year=year, title=title, done=done)
