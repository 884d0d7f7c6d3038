"""Forms in front of the evaluation views: every field with its limits, messages in Chinese."""

from __future__ import annotations

from django import forms

from planwatch.vocabulary import status_choices

MAX_REASON_CHARS = 2000


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2200)
        kwargs.setdefault(
            "error_messages", {"required": "请填写评估年份", "invalid": "评估年份必须是四位数字年份"}
        )
        super().__init__(**kwargs)


class RunForm(forms.Form):
    """Run and archive the evaluation of a year."""

    plan = forms.IntegerField(min_value=1, error_messages={"invalid": "规划编号无效", "required": "缺少规划"})
    year = YearField()


class OverrideForm(forms.Form):
    """A planner's verdict with a written reason (both the computed and the planner's verdict are kept)."""

    year = YearField()
    status = forms.ChoiceField(choices=status_choices, error_messages={"invalid_choice": "请选择评价等级"})
    reason = forms.CharField(
        max_length=MAX_REASON_CHARS,
        strip=True,
        error_messages={"required": "请写明人工评价的理由", "max_length": "理由不超过%(limit_value)d字"},
    )


def first_error(form: forms.Form) -> str:
    """The form's first message, for a page that redirects with one message."""
    for errors in form.errors.values():
        return str(errors[0])
    return ""
