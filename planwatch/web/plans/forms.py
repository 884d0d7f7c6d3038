"""Forms in front of the plan pages that change stored values: corrections, indicator settings, adjustments and
the plan's tolerances. Numbers are read and checked as the core checks them (finite, plausible, no growth at or
below -100%); every refusal is in Chinese."""

from __future__ import annotations

from django import forms

from planwatch.evaluate.values import target_problem
from planwatch.vocabulary import (
    attribute_choices,
    comparator_choices,
    direction_choices,
    kind_choices,
    path_choices,
)
from planwatch.web.monitoring.forms import NumberField

MAX_REASON_CHARS = 2000


def _optional(choices):
    return lambda: [("", "—"), *choices()]


def _text(label: str, limit: int, required: bool = False) -> forms.CharField:
    return forms.CharField(
        required=required,
        max_length=limit,
        strip=True,
        error_messages={"max_length": f"{label}不超过{limit}字", "required": f"请填写{label}"},
    )


class IndicatorForm(forms.Form):
    """A planner's corrections and settings of one indicator (the fields of the review page)."""

    name = _text("指标名称", 200, required=True)
    unit = _text("单位", 40)
    attribute = forms.ChoiceField(
        choices=attribute_choices, error_messages={"invalid_choice": "属性必须是预期性、约束性或未标明"}
    )
    kind = forms.ChoiceField(choices=kind_choices, error_messages={"invalid_choice": "类型不在可选范围内"})
    target_text = _text("目标（原文）", 200, required=True)
    target_value = NumberField(label="目标值")
    comparator = forms.ChoiceField(
        choices=_optional(comparator_choices),
        required=False,
        error_messages={"invalid_choice": "比较方式不在可选范围内"},
    )
    direction = forms.ChoiceField(
        choices=_optional(direction_choices),
        required=False,
        error_messages={"invalid_choice": "方向不在可选范围内"},
    )
    baseline_value = NumberField(label="基期值")
    baseline_year = forms.IntegerField(
        required=False, min_value=1900, max_value=2200, error_messages={"invalid": "基期年应为四位数字年份"}
    )
    path_shape = forms.ChoiceField(
        choices=path_choices, required=False, error_messages={"invalid_choice": "预期路径不在可选范围内"}
    )
    department = forms.IntegerField(required=False, min_value=1)
    confirmed = forms.BooleanField(required=False)
    published = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind", "")
        for name in ("target_value", "baseline_value"):
            value = data.get(name)
            problem = (
                target_problem(value, kind if name == "target_value" else "") if value is not None else None
            )
            if problem:
                self.add_error(name, problem)
        for name in ("comparator", "direction"):
            data[name] = data.get(name) or None
        return data


class AdjustmentForm(forms.Form):
    """A proposed change of a target (规划调整), in force from its effective year on once approved."""

    indicator = forms.IntegerField(
        min_value=1, error_messages={"required": "请选择指标", "invalid": "请选择指标"}
    )
    new_target_text = _text("调整后目标", 200, required=True)
    new_target_value = NumberField(label="调整后目标值")
    reason = _text("调整理由", MAX_REASON_CHARS, required=True)
    effective_year = forms.IntegerField(
        required=False, min_value=1900, max_value=2200, error_messages={"invalid": "生效年份应为四位数字年份"}
    )
    document_number = _text("批准文号", 100)

    def check_against(self, indicator) -> bool:
        """The value checks that need the indicator: its kind, and an effective year within its plan's period."""
        value = self.cleaned_data.get("new_target_value")
        problem = target_problem(value, indicator.kind) if value is not None else None
        if problem:
            self.add_error("new_target_value", problem)
        year = self.cleaned_data.get("effective_year")
        plan = indicator.plan
        if year is not None and not plan.period_start <= year <= plan.period_end:
            self.add_error("effective_year", f"生效年份应在规划期{plan.period_start}—{plan.period_end}年内")
        return not self.errors


class PlanSettingsForm(forms.Form):
    """The plan's tolerances (METHODOLOGY §3)."""

    progress_tolerance = NumberField(required=True, label="完成进度容差")
    growth_tolerance_pp = NumberField(required=True, label="增长率容差")

    def clean(self):
        data = super().clean()
        tolerance, growth = data.get("progress_tolerance"), data.get("growth_tolerance_pp")
        if tolerance is not None and not 0 <= tolerance < 1:
            self.add_error("progress_tolerance", "完成进度容差应为 0 到 1 之间的小数，如 0.10")
        if growth is not None and not 0 <= growth < 10:
            self.add_error("growth_tolerance_pp", "增长率容差应为 0 到 10 之间的百分点数，如 0.5")
        return data


def messages_of(form: forms.Form) -> list[str]:
    """Every message of the form, a field's own prefixed with the field's label where it has one."""
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            text = str(error)
            found.append(f"{label}：{text}" if label and not text.startswith(label) else text)
    return found


class IndicatorLinkForm(forms.Form):
    """Link two plans' indicators of one statistical definition (规划间指标关联); the refusal names both."""

    first = forms.IntegerField(
        label="一个规划的指标", min_value=1, error_messages={"required": "请选择要关联的第一个指标"}
    )
    second = forms.IntegerField(
        label="另一个规划的指标", min_value=1, error_messages={"required": "请选择要关联的第二个指标"}
    )

    def clean(self):
        from planwatch.web.plans.links import link_refusal
        from planwatch.web.plans.models import Indicator

        cleaned = super().clean()
        found = {}
        for name in ("first", "second"):
            if cleaned.get(name) is not None:
                found[name] = Indicator.objects.select_related("plan").filter(pk=cleaned[name]).first()
                if found[name] is None:
                    self.add_error(name, "没有这个指标")
        if len(found) == 2 and all(found.values()):
            refusal = link_refusal(found["first"], found["second"])
            if refusal:
                raise forms.ValidationError(refusal)
            cleaned["indicators"] = (found["first"], found["second"])
        return cleaned
