"""The audit page's filters (事件类型, 人员, 部门, 规划, 时间段, free text) and its CSV/Excel export."""

from __future__ import annotations

import csv
import datetime
import io

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

from planwatch.document.spreadsheet import neutralise
from planwatch.web.accounts import events, words
from planwatch.web.accounts.models import AuditEntry

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000  # rows of one export; narrow the filters for more
SEARCH_LIMIT = 100  # characters of the free-text search
COLUMNS = ("时间", "事件", "人员", "部门", "规划", "对象", "变化", "意见", "来源地址")


class TrailFilterForm(forms.Form):
    event = forms.ChoiceField(label="事件类型", required=False)
    person = forms.CharField(label="人员", required=False, max_length=150)
    department = forms.CharField(label="部门", required=False, max_length=100)
    plan = forms.IntegerField(label="规划", required=False, min_value=1, max_value=2**31 - 1)
    start = forms.DateField(label="起始日期", required=False)
    end = forms.DateField(label="截止日期", required=False)
    q = forms.CharField(label="搜索", required=False, max_length=SEARCH_LIMIT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "全部"), *((k.key, k.label) for k in events.EVENTS)]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("时间段的起始日期晚于截止日期，请重新选择")
        return cleaned


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def filtered(form: TrailFilterForm):
    """The entries the valid filters select, newest first; an invalid filter is left out (the page says which)."""
    entries = AuditEntry.objects.all()
    data = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    if "event" in data:
        entries = entries.filter(event=data["event"])
    if "person" in data:
        entries = entries.filter(actor=data["person"])
    if "department" in data:
        entries = entries.filter(
            Q(actor_department=data["department"]) | Q(object_department=data["department"])
        )
    if "plan" in data:
        entries = entries.filter(plan_id=data["plan"])
    if "start" in data:
        entries = entries.filter(when__gte=_local_midnight(data["start"]))
    if "end" in data:
        entries = entries.filter(when__lt=_local_midnight(data["end"] + datetime.timedelta(days=1)))
    text = " ".join(data.get("q", "").split())
    for word in text.split(" ") if text else []:
        entries = entries.filter(
            Q(summary__icontains=word)
            | Q(actor__icontains=word)
            | Q(comment__icontains=word)
            | Q(change__icontains=word)
            | Q(plan_title__icontains=word)
            | Q(actor_department__icontains=word)
        )
    return entries


def form_errors(form: TrailFilterForm) -> list[str]:
    """One Chinese line per invalid filter, naming it."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else "筛选条件"
        lines += [f"{label}：{e}" if name in form.fields else str(e) for e in errors]
    return lines


def valid_filters(request) -> TrailFilterForm:
    """The bound form with only its valid fields kept (so one bad date does not drop the other filters)."""
    form = TrailFilterForm(request.GET)
    if not form.is_valid():
        form.cleaned_data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return form


def row(entry: AuditEntry) -> list[str]:
    return [
        words.local_time(entry.when),
        events.label_of(entry.event or entry.action),
        entry.actor or "系统",
        entry.actor_department,
        entry.plan_title,
        entry.summary or entry.object_repr,
        entry.change,
        entry.comment,
        entry.address,
    ]


def export(entries, file_format: str) -> HttpResponse:
    """The selected events as CSV (UTF-8 with BOM, for Excel) or an Excel workbook; text never becomes a formula."""
    rows = (row(e) for e in entries.order_by("-when", "-id")[:EXPORT_LIMIT].iterator(chunk_size=1000))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if file_format == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([neutralise(v) for v in r] for r in rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("操作留痕")
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([neutralise(v) for v in r])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
    return response
