"""Observations with source, vintage and approval, and the reporting rounds that collect them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from planwatch import vocabulary
from planwatch.web.locking import VersionedModel
from planwatch.web.plans.models import Indicator, Plan

ILLUSTRATIVE_SOURCE = "示例数据"
MEASURES = vocabulary.measure_choices()


class ReportingRound(models.Model):
    """A yearly (or quarterly) call for data: departments submit values for `year` before `deadline`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveIntegerField("数据年份")
    title = models.CharField("名称", max_length=100)
    deadline = models.DateField("截止日期")
    is_open = models.BooleanField("开放填报", default=True)
    # When the round closed, who led each indicator was recorded (RoundAssignment); empty while it is open.
    assignments_recorded_at = models.DateTimeField("责任部门记录时间", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = "填报轮次"
        verbose_name_plural = "填报轮次"

    def __str__(self) -> str:
        return self.title

    @property
    def is_past_deadline(self) -> bool:
        return timezone.localdate() > self.deadline


class RoundAssignment(models.Model):
    """Who led (牵头) an indicator when its round closed: a past round keeps its departments after a handover."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="assignments", verbose_name="填报轮次"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="指标")
    department = models.ForeignKey(
        # a department is deactivated, never deleted; deleting one (Django admin) must not erase past rounds
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="责任部门",
    )

    class Meta:
        unique_together = [("round", "indicator")]
        verbose_name = "轮次责任部门"
        verbose_name_plural = "轮次责任部门"

    def __str__(self) -> str:
        return f"{self.round}：{self.indicator.name}由{self.department}牵头"


class Observation(VersionedModel):
    DRAFT, SUBMITTED, APPROVED, REJECTED = "draft", "submitted", "approved", "rejected"
    STATES = vocabulary.observation_state_choices()

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name="指标"
    )
    year = models.PositiveIntegerField("年份")
    value = models.FloatField("数值")
    measure = models.CharField("计量方式", max_length=20, choices=vocabulary.measure_choices, default="level")
    series = models.CharField("分项", max_length=60, blank=True)
    unit = models.CharField("单位", max_length=40, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    vintage = models.DateField("数据版本日期", default=timezone.localdate)
    note = models.TextField("说明", blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=vocabulary.observation_state_choices, default=DRAFT
    )
    round = models.ForeignKey(
        ReportingRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
        verbose_name="填报轮次",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="填报人",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    comment = models.TextField("审核意见", blank=True)
    # What the department saw when it saved the figure (planwatch.evaluate.plausibility), and its answer.
    warnings = models.JSONField("预警", default=list, blank=True)
    department_comment = models.TextField("填报评注", blank=True)
    history = HistoricalRecords(use_base_model_db=True)  # history beside the row, in its database

    class Meta:
        ordering = ["indicator", "year", "series", "-vintage", "-id"]
        verbose_name = "监测值"
        verbose_name_plural = "监测值"

    def __str__(self) -> str:
        series = f"（{self.series}）" if self.series else ""
        return f"{self.indicator.name}{series} {self.year}年：{self.value:g}"

    @property
    def is_illustrative(self) -> bool:
        return self.source.strip() == ILLUSTRATIVE_SOURCE

    @property
    def department(self):
        return self.indicator.department


class ValidationRule(models.Model):
    """The planning office's validation rule for one indicator; without a row the defaults apply."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="validation_rule", verbose_name="指标"
    )
    minimum = models.FloatField("下限", null=True, blank=True)
    maximum = models.FloatField("上限", null=True, blank=True)
    jump_factor = models.FloatField("变化异常倍数", null=True, blank=True)  # empty: the default (3×)
    source_required = models.BooleanField("须填来源", default=True)

    class Meta:
        verbose_name = "校验规则"
        verbose_name_plural = "校验规则"

    def __str__(self) -> str:
        return f"{self.indicator.name}的校验规则"


class Reminder(models.Model):
    """催报: the planning office reminds a late department; shown in its users' inbox until read."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reminders", verbose_name="填报轮次"
    )
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.CASCADE, related_name="reminders", verbose_name="部门"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="催报人",
    )
    sent_at = models.DateTimeField("催报时间", default=timezone.now)
    message = models.TextField("催报内容")
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "催报"
        verbose_name_plural = "催报"

    def __str__(self) -> str:
        return f"{self.round}：催报{self.department}"
