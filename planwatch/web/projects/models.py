"""The project library (规划项目库) with milestones and progress, and tasks assigned to departments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from planwatch import vocabulary
from planwatch.web.accounts.models import Department
from planwatch.web.plans.models import Indicator, Plan, Task

PROJECT_STATUSES = vocabulary.project_status_choices()
INVESTMENT_UNITS = [("万元", "万元"), ("亿元", "亿元")]


class Project(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects")
    source_table = models.CharField("来源表格", max_length=200, blank=True)
    category = models.CharField("类别", max_length=100, blank=True)
    name = models.CharField("项目名称", max_length=300)
    description = models.TextField("项目基本情况", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=vocabulary.project_status_choices, default="planned"
    )
    investment = models.FloatField("投资（亿元）", null=True, blank=True)
    land_mu = models.FloatField("占地（亩）", null=True, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name="责任部门",
    )
    supporting = models.ManyToManyField(
        Department, blank=True, related_name="supported_projects", verbose_name="配合部门"
    )
    progress = models.PositiveSmallIntegerField("形象进度（%）", default=0)
    published = models.BooleanField("公开发布", default=False)
    line = models.PositiveIntegerField("原文行号", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = "项目"
        verbose_name_plural = "项目"

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveIntegerField("年份")
    title = models.CharField("节点", max_length=200)
    done = models.BooleanField("已完成", default=False)

    class Meta:
        ordering = ["project", "year", "id"]
        verbose_name = "项目节点"


class ProgressReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    reported_at = models.DateTimeField("报送时间", auto_now_add=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="报送人",
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="报送部门",
    )
    period = models.CharField("报告期", max_length=40, blank=True)  # 2026年、2026年上半年、2026年第3季度
    status = models.CharField("项目状态", max_length=20, choices=PROJECT_STATUSES, blank=True)
    progress = models.PositiveSmallIntegerField("形象进度（%）")
    investment_year = models.FloatField("年度完成投资", null=True, blank=True)
    investment_total = models.FloatField("累计完成投资", null=True, blank=True)
    investment_unit = models.CharField("投资单位", max_length=10, choices=INVESTMENT_UNITS, default="万元")
    text = models.TextField("进展情况")
    illustrative = models.BooleanField("示例数据", default=False)  # the demo's, marked ※ in the reports

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = "项目进展"


class TaskAssignment(models.Model):
    """A plan task decomposed to a lead department, supporting departments and a yearly milestone."""

    STATUSES = vocabulary.task_status_choices()

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name="任务")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="lead_tasks", verbose_name="牵头部门"
    )
    supporting = models.ManyToManyField(
        Department, blank=True, related_name="supporting_tasks", verbose_name="配合部门"
    )
    year = models.PositiveIntegerField("年度")
    milestone = models.CharField("年度目标", max_length=300, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=vocabulary.task_status_choices, default="not_started"
    )
    progress_note = models.TextField("进展说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task__order", "year", "id"]
        verbose_name = "任务分解"
        verbose_name_plural = "任务分解"

    def __str__(self) -> str:
        return f"{self.task} — {self.department}"


class TaskMilestone(models.Model):
    """A yearly milestone (年度节点) the planning office sets for an assigned task; the departments report on it."""

    STATUSES = [("pending", "未报告"), ("on_track", "按计划推进"), ("done", "已完成"), ("behind", "滞后")]

    assignment = models.ForeignKey(
        TaskAssignment, on_delete=models.CASCADE, related_name="milestones", verbose_name="任务分解"
    )
    year = models.PositiveIntegerField("年度")
    target = models.CharField("年度节点目标", max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="设定人",
    )
    status = models.CharField("完成情况", max_length=20, choices=STATUSES, default="pending")
    report = models.TextField("报送说明", blank=True)
    illustrative = models.BooleanField(
        "示例数据", default=False
    )  # the demo's report, marked ※ in the reports
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="报送人",
    )
    reported_at = models.DateTimeField("报送时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "year", "id"]
        verbose_name = "任务年度节点"
        verbose_name_plural = "任务年度节点"

    def __str__(self) -> str:
        return f"{self.year}年：{self.target}"


class LaggingExplanation(models.Model):
    """A department's explanation (责任部门说明) of its lagging indicator in a year, reviewed by the planning office.

    Once approved, its text is the report's 责任部门说明 (evaluations.ReportText); it is not a second store for reports.
    """

    SUBMITTED, APPROVED, RETURNED = "submitted", "approved", "returned"
    STATES = [(SUBMITTED, "待审核"), (APPROVED, "已通过"), (RETURNED, "已退回")]

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="explanations", verbose_name="指标"
    )
    year = models.PositiveIntegerField("评估年份")
    department = models.ForeignKey(
        Department, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="责任部门"
    )
    text = models.TextField("说明")
    state = models.CharField("状态", max_length=20, choices=STATES, default=SUBMITTED)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="撰写人",
    )
    written_at = models.DateTimeField("报送时间", auto_now=True)
    review_comment = models.TextField("审核意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核人",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__number", "year"]
        unique_together = [("indicator", "year")]
        verbose_name = "责任部门说明"
        verbose_name_plural = "责任部门说明"

    def __str__(self) -> str:
        return f"{self.year}年 {self.indicator.name}：{self.get_state_display()}"
