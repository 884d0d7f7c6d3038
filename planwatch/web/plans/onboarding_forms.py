"""Forms of the onboarding steps (计划接入向导): assignments row by row and by chapter, public content, first round."""

from __future__ import annotations

import datetime

from django import forms

from planwatch.web.monitoring.forms import RoundForm

UNASSIGNED = ""


def _department_choices(departments) -> list[tuple[str, str]]:
    return [(str(d.pk), d.name) for d in departments]


class AssignmentTableForm(forms.Form):
    """A lead and supporting departments for every row: `<key>-lead`, `<key>-supporting` (key `i<id>`, `t<id>`)."""

    def __init__(self, *args, rows: list[dict], departments, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _department_choices(departments)
        self.rows = rows
        for row in rows:
            key = row["key"]
            lead_choices = ([] if row.get("locked_lead") else [(UNASSIGNED, "未指定")]) + choices
            self.fields[f"{key}-lead"] = forms.ChoiceField(
                choices=lead_choices,
                required=False,
                label=row["label"],
                error_messages={"invalid_choice": f"{row['label']}：所选牵头部门不存在"},
            )
            self.fields[f"{key}-supporting"] = forms.MultipleChoiceField(
                choices=choices,
                required=False,
                label=row["label"],
                error_messages={"invalid_choice": f"{row['label']}：所选配合部门不存在"},
            )

    def choice(self, key: str) -> tuple[int | None, set[int]]:
        """(lead department id or None, supporting department ids without the lead) of one row."""
        lead = self.cleaned_data.get(f"{key}-lead") or None
        lead_id = int(lead) if lead else None
        supporting = {int(v) for v in self.cleaned_data.get(f"{key}-supporting") or []} - {lead_id}
        return lead_id, supporting


class BulkAssignForm(forms.Form):
    """按章节批量指定: one lead (and supporting departments) for all indicators, or for a chapter's tasks."""

    target = forms.ChoiceField(label="指定范围", error_messages={"invalid_choice": "请选择指定范围"})
    lead = forms.ChoiceField(
        label="牵头部门",
        error_messages={"required": "请选择牵头部门", "invalid_choice": "所选牵头部门不存在"},
    )
    supporting = forms.MultipleChoiceField(
        label="配合部门", required=False, error_messages={"invalid_choice": "所选配合部门不存在"}
    )
    only_unassigned = forms.BooleanField(label="只指定尚未指定牵头部门的", required=False, initial=True)

    def __init__(self, *args, chapters, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("indicators", "全部主要指标")] + [
            (f"chapter-{c.pk}", f"第{c.number}章 {c.title}（重点任务）") for c in chapters
        ]
        choices = _department_choices(departments)
        self.fields["lead"].choices = [("", "请选择")] + choices
        self.fields["supporting"].choices = choices


class PublicForm(forms.Form):
    """Which indicators and projects the public pages show."""

    indicators = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": "所选指标不存在"}
    )
    projects = forms.MultipleChoiceField(required=False, error_messages={"invalid_choice": "所选项目不存在"})

    def __init__(self, *args, indicators, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [(str(i.pk), i.name) for i in indicators]
        self.fields["projects"].choices = [(str(p.pk), p.name) for p in projects]


class FirstRoundForm(RoundForm):
    """The first reporting round: a year within the plan's period and a deadline."""

    def __init__(self, *args, period: tuple[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.period[0] <= year <= self.period[1]:
            raise forms.ValidationError(f"数据年份应在规划期 {self.period[0]}—{self.period[1]} 年之内")
        return year

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < datetime.date(2000, 1, 1):
            raise forms.ValidationError("截止日期应为 YYYY-MM-DD")
        return deadline


def default_round_year(period: tuple[int, int], today: datetime.date) -> int:
    """The current year within the plan's period: its first year before it begins, its last after it ends."""
    return max(period[0], min(period[1], today.year))
