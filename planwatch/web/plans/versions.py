"""New versions of a plan that keep people's work: matching stored rows to a new parse by content.

A corrected file, or a 修订版 after a mid-term adjustment, is stored as the next version of the same plan. Rows
are matched by what they say, not by position: chapters and sections by title, tasks by title (or text when they
have none), indicators by name; titles and names are compared without （草案）/（修订） marks, spaces and
footnote marks. A matched row is updated in place, so what hangs on it (departments, task assignments and
reports, observations, adjustments, overrides) stays. An unmatched row is never deleted with what hangs on it:
it is kept, detached from the version in force, and listed for the planning office.
"""

from __future__ import annotations

import re
import unicodedata

from planwatch.web.plans.models import Plan

_MARKS = re.compile(r"[（(](?:草案|修订|修订版|修订稿|征求意见稿|送审稿)[）)]")
_NOISE = re.compile(r"[\s\u3000*※①-⑳⑴-⒇¹²³⁰-⁹]+")


def normalized(text: str) -> str:
    """A title or name as compared across versions: NFKC, no draft/revision marks, no spaces or footnote marks."""
    text = unicodedata.normalize("NFKC", _NOISE.sub("", text or ""))  # ① and ¹ are footnote marks, not digits
    return _NOISE.sub("", _MARKS.sub("", text))


def same_title(a: str, b: str) -> bool:
    return normalized(a) == normalized(b)


def task_key(title: str, text: str) -> str:
    return "T:" + normalized(title) if (title or "").strip() else "X:" + normalized(text)[:120]


def reported_work(plan: Plan) -> list[str]:
    """What people reported on the plan (in Chinese, for the message that refuses to undo its import)."""
    from planwatch.web.evaluations.models import EvaluationRun, VerdictOverride
    from planwatch.web.monitoring.models import Observation
    from planwatch.web.plans.models import Adjustment
    from planwatch.web.projects.models import (
        LaggingExplanation,
        ProgressReport,
        TaskAssignment,
        TaskMilestone,
    )

    counts = [
        ("监测数据", Observation.objects.filter(indicator__plan=plan).count()),
        ("任务进展", TaskAssignment.objects.filter(task__plan=plan).exclude(progress_note="").count()),
        ("项目进展", ProgressReport.objects.filter(project__plan=plan).count()),
        (
            "任务节点报送",
            TaskMilestone.objects.filter(assignment__task__plan=plan).exclude(report="").count(),
        ),
        ("责任部门说明", LaggingExplanation.objects.filter(indicator__plan=plan).count()),
        ("规划调整", Adjustment.objects.filter(indicator__plan=plan).count()),
        ("人工评价", VerdictOverride.objects.filter(indicator__plan=plan).count()),
        ("存档评估", EvaluationRun.objects.filter(plan=plan).count()),
    ]
    return [f"{count}条{label}" for label, count in counts if count]
