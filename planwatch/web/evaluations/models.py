"""Evaluation runs (the engine's verdicts as of a year) and planners' written overrides of a verdict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from planwatch import vocabulary
from planwatch.vocabulary import STATUS_ZH
from planwatch.web.locking import VersionedModel
from planwatch.web.plans.models import Indicator, Plan

STATUSES_ZH = STATUS_ZH  # one wording for the CLI, the reports and the pages
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


class VerdictOverride(models.Model):
    """A planner's judgement that replaces the computed verdict on display; the computed one is kept beside it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="overrides")
    year = models.PositiveIntegerField("评估年份")
    status = models.CharField("人工评价", max_length=20, choices=vocabulary.status_choices)
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

    @property
    def computed_status_zh(self) -> str:
        return STATUS_ZH.get(self.computed_status, "—")


# The parts of a report the planning office writes (METHODOLOGY §5); keys as planwatch.report.NARRATIVES names them.
REPORT_TEXTS = list(vocabulary.REPORT_TEXT_ZH.items())
EXPLANATION_PREFIX = "explanation-"  # + indicator number: the responsible department's explanation


class ReportText(VersionedModel):
    """One written part of a report of a plan, year and kind (or a department's explanation of a shortfall).

    `kind` blank: the text serves every report of the year (the departments' explanations, and texts written
    before reports had their own); a report reads its own kind's text over it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_texts")
    year = models.PositiveIntegerField("评估年份")
    kind = models.CharField(
        "报告类型", max_length=10, blank=True, default="", choices=vocabulary.report_kind_choices
    )
    key = models.CharField("部分", max_length=40)
    text = models.TextField("内容", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="撰写人",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    history = HistoricalRecords(use_base_model_db=True)  # history beside the row, in its database

    class Meta:
        ordering = ["plan", "year", "kind", "key"]
        unique_together = [("plan", "year", "kind", "key")]
        verbose_name = "报告文字"
        verbose_name_plural = "报告文字"

    def __str__(self) -> str:
        return f"{self.year}年{vocabulary.REPORT_KIND_ZH.get(self.kind, '')}{self.label}"

    @property
    def label(self) -> str:
        if self.key.startswith(EXPLANATION_PREFIX):
            return f"第{self.key.removeprefix(EXPLANATION_PREFIX)}项指标责任部门说明"
        return dict(REPORT_TEXTS).get(self.key, self.key)


class PlanDataVersion(models.Model):
    """A stamp renewed whenever the plan's data changes (observations, indicators, overrides, rounds, projects).

    A random stamp rather than a counter: a change rolled back never makes an old stamp current again.
    """

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="+", primary_key=True)
    stamp = models.CharField(max_length=32)


class StoredEvaluation(models.Model):
    """The engine's evaluation of a plan as of a year, valid while the plan's data stamp is unchanged."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    data_stamp = models.CharField(max_length=32)
    result = models.JSONField()
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "data_stamp"], name="one_evaluation_per_stamp")
        ]


class StoredReport(models.Model):
    """A built report file, kept for the plan, year, kind and format while its data and texts are unchanged.

    Shared by every worker process and kept across restarts; `stamp` digests the plan's data stamp and the
    report texts' versions, so a change to either makes the row unusable (it is replaced on the next build).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)
    fmt = models.CharField(max_length=5)
    stamp = models.CharField(max_length=64)
    data = models.BinaryField()
    built_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)  # how long the build took

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "kind", "fmt", "stamp"], name="one_report_per_stamp"
            )
        ]
