"""Evaluation runs (the engine's verdicts as of a year) and planners' written overrides of a verdict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from planwatch.web.plans.models import Indicator, Plan

STATUSES_ZH = {
    "achieved_early": "提前实现",
    "ahead": "快于预期",
    "on_track": "基本符合预期",
    "lagging": "滞后于预期",
    "achieved": "完成",
    "nearly_achieved": "基本完成",
    "not_achieved": "未完成",
    "no_data": "暂无数据",
    "needs_input": "待录入下达值",
    "qualitative": "定性评价",
}
STATUS_CHOICES = list(STATUSES_ZH.items())


class EvaluationRun(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveIntegerField("评估年份")
    run_at = models.DateTimeField("运行时间", auto_now_add=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="运行人",
    )
    result = models.JSONField("评估结果")
    # {indicator number: {"version": n, "target_text": str, "target_value": float|None}}
    targets_used = models.JSONField("所用目标版本", default=dict)
    # observation ids and vintages the run used
    observations_used = models.JSONField("所用监测值", default=list)

    class Meta:
        ordering = ["-run_at", "-id"]
        verbose_name = "评估"
        verbose_name_plural = "评估"

    def __str__(self) -> str:
        return f"{self.year}年评估（{self.run_at:%Y-%m-%d %H:%M}）"

    def verdict_for(self, number: int) -> dict | None:
        for row in self.result.get("indicators", []):
            if row.get("number") == number:
                return row
        return None


class VerdictOverride(models.Model):
    """A planner's judgement that replaces the computed verdict on display; the computed one is kept beside it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="overrides")
    year = models.PositiveIntegerField("评估年份")
    status = models.CharField("人工评价", max_length=20, choices=STATUS_CHOICES)
    reason = models.TextField("理由")
    computed_status = models.CharField("系统评价", max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="评价人",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "人工评价"
        verbose_name_plural = "人工评价"

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}：{self.get_status_display()}"
