"""Forms for the departments' own reports: project progress, task milestones, explanations of lagging indicators."""

from __future__ import annotations

from django import forms

from planwatch.web.projects.models import LaggingExplanation, ProgressReport, TaskMilestone

MAX_INVESTMENT = 1e9  # 万元: a figure beyond this is a typing error, not a project


class ProgressReportForm(forms.ModelForm):
    """A progress report for a reporting period: status, physical progress and investment completed."""

    progress = forms.IntegerField(label="形象进度（%）", min_value=0, max_value=100)
    investment_year = forms.FloatField(
        label="年度完成投资", min_value=0, max_value=MAX_INVESTMENT, required=False
    )
    investment_total = forms.FloatField(
        label="累计完成投资", min_value=0, max_value=MAX_INVESTMENT, required=False
    )

    class Meta:
        model = ProgressReport
        fields = [
            "period",
            "status",
            "progress",
            "investment_year",
            "investment_total",
            "investment_unit",
            "text",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].required = True
        self.fields["period"].help_text = "如 2026年、2026年上半年、2026年第3季度"
        self.fields["status"].required = True
        self.fields["investment_unit"].required = False

    def clean_investment_unit(self):
        return self.cleaned_data.get("investment_unit") or "万元"

    def clean(self):
        data = super().clean()
        year, total = data.get("investment_year"), data.get("investment_total")
        if year is not None and total is not None and total < year:
            self.add_error("investment_total", "累计完成投资不能小于年度完成投资")
        return data


class TaskMilestoneForm(forms.ModelForm):
    """The planning office sets a yearly milestone of an assigned task."""

    class Meta:
        model = TaskMilestone
        fields = ["year", "target"]

    def __init__(self, *args, period: tuple[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.period and not self.period[0] <= year <= self.period[1]:
            raise forms.ValidationError(f"年度应在规划期 {self.period[0]}—{self.period[1]} 年之内")
        return year


class MilestoneReportForm(forms.ModelForm):
    """A department reports against a milestone."""

    class Meta:
        model = TaskMilestone
        fields = ["status", "report"]
        widgets = {"report": forms.Textarea(attrs={"rows": 2})}

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == "pending":
            raise forms.ValidationError("请选择完成情况")
        return status

    def clean_report(self):
        report = self.cleaned_data["report"].strip()
        if not report:
            raise forms.ValidationError("请填写报送说明")
        return report


class ExplanationForm(forms.ModelForm):
    class Meta:
        model = LaggingExplanation
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError("请填写说明")
        return text
