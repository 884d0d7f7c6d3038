"""The plan as stored: its source file, text structure, footnotes, indicators, targets and adjustments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from planwatch import vocabulary
from planwatch.web.accounts.models import Department
from planwatch.web.locking import VersionedModel

# The glossary's terms (planwatch.vocabulary); model fields take the callables, so a label edit needs no migration.
ATTRIBUTES = vocabulary.attribute_choices()
KINDS = vocabulary.kind_choices()
COMPARATORS = vocabulary.comparator_choices()
DIRECTIONS = vocabulary.direction_choices()
LEVELS = [("", "本级规划"), ("superior", "上级规划"), ("special", "专项规划")]


# A row a new version no longer holds keeps its number this far out of the way (the plan+number pair is unique).
PARKED = 100000


class AttachedManager(models.Manager):
    """Rows of the plan in force: a row a new version of the file no longer holds is kept, detached, out of sight."""

    def get_queryset(self):
        return super().get_queryset().filter(detached=False)


class Plan(models.Model):
    title = models.CharField("规划名称", max_length=300)
    period_start = models.PositiveIntegerField("起始年")
    period_end = models.PositiveIntegerField("终止年")
    source_name = models.CharField("来源文件", max_length=300)
    source_text = models.TextField("来源文本", blank=True)  # the text of a .txt source, for reading
    source_file = models.BinaryField(
        "来源文件内容"
    )  # the file as uploaded (.txt or .docx), re-parsed on demand
    source_hash = models.CharField("文件SHA-256", max_length=64, db_index=True)
    imported_at = models.DateTimeField("导入时间", auto_now=True)
    growth_tolerance_pp = models.FloatField("增长率容差（百分点）", default=0.5)
    progress_tolerance = models.FloatField("完成进度容差", default=0.10)
    version = models.PositiveIntegerField("版本", default=1)
    # The year the current version (a re-imported file) is in force from; earlier years keep the version before.
    version_effective_year = models.PositiveIntegerField("现行版本生效年份", null=True, blank=True)
    archived = models.BooleanField("已归档", default=False)
    level = models.CharField("规划层级", max_length=10, blank=True, choices=LEVELS)
    # What the last re-import could not match and where the file and a person's correction disagree.
    import_review = models.JSONField("导入核对清单", default=dict, blank=True)
    # What the reader doubted or could not read in the file (the parse JSON's `warnings`), with their lines.
    reader_warnings = models.JSONField("解析提示", default=list, blank=True)
    # Four-eyes rule (双人复核): whoever entered or submitted a figure may not approve it.
    four_eyes = models.BooleanField("四眼原则（提交人不能审核通过自己提交的数据）", default=True)
    # Onboarding (计划接入向导): the office confirmed the parse review and chose what is public.
    parse_checked = models.BooleanField("解析结果已核对", default=False)
    public_chosen = models.BooleanField("公开内容已选定", default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = "规划"
        verbose_name_plural = "规划"

    def __str__(self) -> str:
        return self.title

    @property
    def base_year(self) -> int:
        return self.period_start - 1


class Chapter(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    line = models.PositiveIntegerField()
    detached = models.BooleanField("已脱离现行版本", default=False)

    objects = AttachedManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = "章"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"第{self.number}章 {self.title}"


class Section(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=10)
    level = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    line = models.PositiveIntegerField()
    order = models.PositiveIntegerField()
    detached = models.BooleanField("已脱离现行版本", default=False)

    objects = AttachedManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["chapter", "order"]
        base_manager_name = "all_objects"
        verbose_name = "节"

    def __str__(self) -> str:
        return f"{self.number}、{self.title}"


class Task(models.Model):
    """A task or paragraph (任务/段落) of the plan text, with its segmented words for search."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    line = models.PositiveIntegerField()
    order = models.PositiveIntegerField()
    search_words = models.TextField(blank=True)
    detached = models.BooleanField("已脱离现行版本", default=False)

    objects = AttachedManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["plan", "order"]
        base_manager_name = "all_objects"
        verbose_name = "任务"
        verbose_name_plural = "任务"

    def __str__(self) -> str:
        return self.title or self.text[:40]


class Footnote(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveIntegerField()
    term = models.CharField(max_length=200)
    definition = models.TextField()
    line = models.PositiveIntegerField()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = "名词解释"


def _shown(field, value) -> str:
    """A stored value as people read it: a choice by its label, a number without a trailing .0, None as —."""
    if value is None or value == "":
        return "—"
    choices = dict(field.choices or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Indicator(models.Model):
    """A row of the main indicator table. Fields a planner corrected are listed in `corrected` and win over a re-parse."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveIntegerField("序号")
    name = models.CharField("指标名称", max_length=200)
    unit = models.CharField("单位", max_length=40, blank=True)
    attribute = models.CharField("属性", max_length=10, choices=vocabulary.attribute_choices)
    kind = models.CharField("类型", max_length=30, choices=vocabulary.kind_choices)
    target_text = models.CharField("目标值（原文）", max_length=200)
    target_year = models.PositiveIntegerField("目标年")
    target_value = models.FloatField("目标值", null=True, blank=True)
    comparator = models.CharField(
        "比较方式", max_length=2, choices=vocabulary.comparator_choices, null=True, blank=True
    )
    direction = models.CharField(
        "方向", max_length=4, choices=vocabulary.direction_choices, null=True, blank=True
    )
    baseline_value = models.FloatField("基期值", null=True, blank=True)
    baseline_year = models.PositiveIntegerField("基期年", null=True, blank=True)
    parts = models.JSONField("分项", default=list, blank=True)
    reference = models.PositiveIntegerField("参照指标序号", null=True, blank=True)
    line = models.PositiveIntegerField("原文行号", null=True, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name="责任部门",
    )
    supporting = models.ManyToManyField(
        Department, blank=True, related_name="supported_indicators", verbose_name="配合部门"
    )
    confirmed = models.BooleanField("已核对", default=False)
    published = models.BooleanField("公开发布", default=False)
    corrected = models.JSONField("人工更正字段", default=list, blank=True)
    # The plan file's own value (纲要原文) of each corrected field, kept beside the person's correction.
    original = models.JSONField("纲要原文值", default=dict, blank=True)
    target_version = models.PositiveIntegerField("目标版本", default=1)
    path_shape = models.CharField(
        "预期路径形状",
        max_length=10,
        blank=True,
        choices=vocabulary.path_choices,
    )
    detached = models.BooleanField("已脱离现行版本", default=False)
    history = HistoricalRecords()

    objects = AttachedManager()
    all_objects = models.Manager()

    CORRECTABLE = (
        "name",
        "unit",
        "attribute",
        "kind",
        "target_text",
        "target_value",
        "comparator",
        "direction",
        "baseline_value",
        "baseline_year",
    )

    @property
    def listed_number(self) -> int:
        """The number the plan lists it under (a dropped row's number as the version that held it had it)."""
        return self.number - PARKED if self.number >= PARKED else self.number

    def corrections(self) -> list[dict]:
        """Each field a person corrected (人工更正): its label, the value now and the plan file's own (纲要原文)."""
        found = []
        for name in self.corrected:
            if name not in self.CORRECTABLE:
                continue
            field = self._meta.get_field(name)
            found.append(
                {
                    "field": name,
                    "label": field.verbose_name,
                    "value": _shown(field, getattr(self, name)),
                    "original": _shown(field, self.original[name]) if name in self.original else "未记录",
                }
            )
        return found

    class Meta:
        ordering = ["plan", "number"]
        unique_together = [("plan", "number")]
        verbose_name = "主要指标"
        base_manager_name = "all_objects"
        verbose_name_plural = "主要指标"

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Target(models.Model):
    """A quantitative commitment found in the plan text, with the sentence it came from."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(max_length=200)
    value = models.FloatField()
    value_max = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    comparator = models.CharField(max_length=8, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    per_year = models.BooleanField(default=False)
    line = models.PositiveIntegerField()
    quote = models.CharField(max_length=500)

    class Meta:
        ordering = ["plan", "line"]
        verbose_name = "量化目标"


class Adjustment(VersionedModel):
    """A proposed change of an indicator's target (规划调整): reason, approval, effective date, history."""

    PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"
    STATES = vocabulary.adjustment_state_choices()

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="adjustments")
    old_target_text = models.CharField("原目标", max_length=200)
    old_target_value = models.FloatField("原目标值", null=True, blank=True)
    new_target_text = models.CharField("调整后目标", max_length=200)
    new_target_value = models.FloatField("调整后目标值", null=True, blank=True)
    reason = models.TextField("调整理由")
    # In force from this year on (within the plan period); earlier years keep the target before it.
    effective_year = models.PositiveIntegerField("生效年份", null=True, blank=True)
    document_number = models.CharField("批准文号", max_length=100, blank=True)  # e.g. 松府发〔2023〕12号
    # Set when the change came with a new version of the plan file (re-import), not through the approval form.
    plan_version = models.PositiveIntegerField("规划版本", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=vocabulary.adjustment_state_choices, default=PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="提出人",
    )
    proposed_at = models.DateTimeField("提出时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="审批人",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_comment = models.TextField("审批意见", blank=True)
    version = models.PositiveIntegerField("生效后目标版本", null=True, blank=True)
    history = HistoricalRecords(use_base_model_db=True)  # history beside the row, in its database

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = "规划调整"
        verbose_name_plural = "规划调整"

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.old_target_text} → {self.new_target_text}"


class SystemSetting(models.Model):
    """The office's choices for the whole system: one row."""

    default_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="默认规划"
    )
    # The administrator may let the planning office manage users and departments (人员与部门).
    planners_manage_people = models.BooleanField("允许规划科管理人员", default=False)

    class Meta:
        verbose_name = "系统设置"
        verbose_name_plural = "系统设置"


class IndicatorGroup(models.Model):
    """One figure in several plans (规划间指标关联组): the indicators of one statistical definition in several plans
    (森林覆盖率 in the 14th, the 15th and a 专项规划). A figure is stored once and read by every plan of the group."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="关联人",
    )
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "规划间指标关联组"
        verbose_name_plural = "规划间指标关联组"

    def __str__(self) -> str:
        return "、".join(f"《{link.indicator.plan}》{link.indicator}" for link in self.links.all())


class IndicatorLink(models.Model):
    """One plan's indicator in a group of linked indicators (规划间指标关联); an indicator is in one group at most."""

    group = models.ForeignKey(
        IndicatorGroup, on_delete=models.CASCADE, related_name="links", verbose_name="关联组"
    )
    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="link", verbose_name="指标"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="关联人",
    )
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        ordering = ["group", "indicator__plan__period_start", "indicator__plan", "indicator__number"]
        verbose_name = "规划间指标关联"
        verbose_name_plural = "规划间指标关联"

    def __str__(self) -> str:
        return f"《{self.indicator.plan}》{self.indicator}"


class IndicatorRevision(models.Model):
    """What a new version of the plan file (第N版) changed about an indicator, in force from its effective year:
    the fields as the version before had them and as this one has them; or that it added or dropped the indicator.
    The target itself is recorded as an `Adjustment` with `plan_version`, as before."""

    CHANGED, ADDED, DROPPED = "changed", "added", "dropped"
    ACTIONS = [(CHANGED, "修改"), (ADDED, "新增"), (DROPPED, "不再列入")]

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="revisions")
    plan_version = models.PositiveIntegerField("规划版本")
    effective_year = models.PositiveIntegerField("生效年份")
    action = models.CharField("变化", max_length=10, choices=ACTIONS, default=CHANGED)
    before = models.JSONField("原版本", default=dict, blank=True)  # stored field names → values
    after = models.JSONField("新版本", default=dict, blank=True)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        ordering = ["plan_version", "indicator_id"]
        unique_together = [("indicator", "plan_version")]
        verbose_name = "指标版本变化"
        verbose_name_plural = "指标版本变化"

    def __str__(self) -> str:
        return f"第{self.plan_version}版 {self.indicator.name}（{self.get_action_display()}）"
