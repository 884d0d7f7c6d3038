"""Forms in front of every monitoring view that takes input: fields with their limits, messages in Chinese.

A typed figure is read by the core (planwatch.evaluate.values), so the form refuses exactly what the Excel upload
and the API refuse, with the same words.
"""

from __future__ import annotations

from django import forms

from planwatch.evaluate.values import ValueProblem, read_value
from planwatch.web.monitoring.intake import LIMITS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a department's template is a few kilobytes
MAX_FIGURE_CHARS = 60


class FigureField(forms.CharField):
    """A monitoring figure as typed: `１２`, `1,234.5` and `12%` pass here (the unit is checked by the core);
    `nan`, `inf` and `1e400` are refused with the core's message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_FIGURE_CHARS)
        kwargs.setdefault("error_messages", {"max_length": "数值过长：请只填写数字"})
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text:
            try:
                read_value(text)
            except ValueProblem as problem:
                raise forms.ValidationError(str(problem)) from None
        return text


def _text(label: str, limit: int, required: bool = False) -> forms.CharField:
    return forms.CharField(
        required=required,
        max_length=limit,
        strip=True,
        error_messages={"max_length": f"{label}不超过{limit}字", "required": f"请填写{label}"},
    )


class EntryForm(forms.Form):
    """The entry page: one value, source and note per (indicator, part) slot of the department.

    `slots` maps the slot key ("<indicator id>-<position>", as the page names its inputs) to (indicator, series).
    """

    def __init__(self, data, slots: dict):
        super().__init__(data)
        self.slots = slots
        for key in slots:
            self.fields[f"value-{key}"] = FigureField(required=False)
            self.fields[f"source-{key}"] = _text("数据来源", LIMITS["source"])
            self.fields[f"note-{key}"] = _text("说明", LIMITS["note"])
            self.fields[f"comment-{key}"] = _text("评注", LIMITS["note"])

    def filled(self) -> list[tuple[str, str, str, str, str]]:
        """(slot key, value text, source, note, comment on warnings) of every slot with a value."""
        return [
            (
                key,
                self.cleaned_data[f"value-{key}"],
                self.cleaned_data[f"source-{key}"],
                self.cleaned_data[f"note-{key}"],
                self.cleaned_data[f"comment-{key}"],
            )
            for key in self.slots
            if self.cleaned_data.get(f"value-{key}")
        ]


class UploadForm(forms.Form):
    file = forms.FileField(error_messages={"required": "请选择要上传的 Excel 文件"})

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"文件有{file.size / 1024 / 1024:.1f} MB，超过{MAX_UPLOAD_BYTES // 1024 // 1024} MB 的上限"
            )
        return file


class RoundForm(forms.Form):
    year = forms.IntegerField(
        min_value=1900,
        max_value=2200,
        error_messages={"invalid": "请填写四位数字年份", "required": "请填写年份"},
    )
    deadline = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "截止日期应为 YYYY-MM-DD", "required": "请填写截止日期（YYYY-MM-DD）"},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "通过"), ("reject", "退回")],
        error_messages={"required": "请选择通过或退回", "invalid_choice": "请选择通过或退回"},
    )
    comment = _text("审核意见", 2000)
    row_version = forms.IntegerField(required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("comment"):
            raise forms.ValidationError("退回时请填写审核意见，说明需要修改的地方")
        return data


class CorrectionForm(forms.Form):
    """The planning office corrects a stored value; the reason is kept with the old value in the history."""

    value = FigureField()
    unit = _text("单位", LIMITS["unit"])
    source = _text("数据来源", LIMITS["source"])
    vintage = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "数据版本日期应为 YYYY-MM-DD", "required": "请填写数据版本日期"},
    )
    note = _text("说明", LIMITS["note"])
    reason = _text("修改理由", 500, required=True)
    row_version = forms.IntegerField(required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "请写明修改理由，它将与修改前的数值一起留存"
        self.fields["value"].error_messages["required"] = "请填写数值"


class NumberField(forms.CharField):
    """A number typed by a planner (target, baseline, tolerance): read as the core reads figures, finite only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_FIGURE_CHARS)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            reading = read_value(text)
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        if reading.percent:
            raise forms.ValidationError("请只填写数字，不要带百分号")
        return reading.value


class RuleForm(forms.Form):
    """The planning office's validation rule of one indicator: bounds, jump multiple, source required."""

    indicator = forms.IntegerField(min_value=1, error_messages={"required": "请选择指标"})
    minimum = NumberField()
    maximum = NumberField()
    jump_factor = NumberField()
    source_required = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        low, high, factor = data.get("minimum"), data.get("maximum"), data.get("jump_factor")
        if low is not None and high is not None and low > high:
            self.add_error("maximum", f"上限{high:g}低于下限{low:g}")
        if factor is not None and not 1 <= factor <= 100:
            self.add_error("jump_factor", "变化异常倍数应在1至100之间（留空即默认3倍）")
        return data


class ReminderForm(forms.Form):
    round = forms.IntegerField(min_value=1, error_messages={"required": "请选择填报轮次"})
    department = forms.IntegerField(min_value=1, error_messages={"required": "请选择部门"})
    message = _text("催报内容", 1000)
