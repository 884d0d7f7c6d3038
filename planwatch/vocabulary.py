"""The glossary's terms once, with their Chinese labels (METHODOLOGY.md §1).

The core, the CLI, the reports and the web's model choices read these mappings; nothing else spells a label.
The measure of an observation is 计量方式; 口径 is kept for 统计口径 (a change of statistical definition).
"""

from __future__ import annotations

# Target kinds (METHODOLOGY §2), in the order of the methodology.
KIND_ZH = {
    "level": "水平值",
    "share": "比重/比率",
    "annual_growth_rate": "年均增长率",
    "cumulative": "累计值",
    "per_year_bound": "逐年约束",
    "relative": "相对目标",
    "allocation": "逐年下达",
    "standard": "标准达标",
    "compound": "复合目标",
    "qualitative": "定性目标",
}
KINDS = tuple(KIND_ZH)

# An indicator's attribute (属性). "unstated" when the plan does not say: never guessed as 预期性, and the JSON
# interfaces (whose attribute is "expected"|"binding") keep "expected" and add attribute_stated: false.
ATTRIBUTE_ZH = {"expected": "预期性", "binding": "约束性", "unstated": "未标明"}
UNSTATED = "unstated"


def attribute_label(attribute: str | None) -> str:
    """预期性 / 约束性, or 未标明 for an attribute the plan does not state (None in a JSON answer)."""
    return ATTRIBUTE_ZH.get(attribute or UNSTATED, ATTRIBUTE_ZH[UNSTATED])


def attribute_json(attribute: str | None) -> str:
    """The attribute as the fixed interfaces spell it ("expected"|"binding"): the one evaluation applies, so an
    unstated attribute, evaluated as not binding, reads "expected" there; `attribute_stated` (added beside it) says
    whether the plan stated it, and `attribute_zh` gives 未标明 for it."""
    return "binding" if attribute == "binding" else "expected"


def attribute_stated(attribute: str | None) -> bool:
    """Whether the plan states the indicator's attribute (预期性/约束性)."""
    return attribute in ("expected", "binding")


# Verdict classes during the period (§3) and at its end (§4), and what stands when there is none.
STATUS_ZH = {
    "achieved_early": "提前实现",
    "ahead": "快于预期",
    "on_track": "基本符合预期",
    "lagging": "滞后于预期",
    "achieved": "完成",
    "nearly_achieved": "基本完成",
    "not_achieved": "未完成",
    "no_data": "无数据",
    "needs_input": "待录入",  # the class: a base, an allocation or data; a verdict names which
    "qualitative": "定性评价",
}
# What a needs_input verdict lacks (IndicatorResult.missing), in the words of the CLI, pages and reports: the one list
# of missing inputs; the verdict's label is 待录入 + the word (待录入基期值), sentences use the word (尚未录入基期值).
MISSING_INPUT_ZH = {"baseline": "基期值", "allocation": "下达指标", "data": "监测数据"}
NEEDS_INPUT_ZH = {key: f"待录入{word}" for key, word in MISSING_INPUT_ZH.items()}


def missing_input(missing: str | None) -> str:
    """The word for what a needs_input verdict lacks; a verdict that does not say lacks an allocation."""
    return MISSING_INPUT_ZH.get(missing or "allocation", MISSING_INPUT_ZH["data"])


def status_label(status: str, missing: str | None = None) -> str:
    """The verdict's label; for needs_input, what must be entered (待录入基期值 / 待录入下达指标 / 待录入监测数据)."""
    if status == "needs_input" and missing in NEEDS_INPUT_ZH:
        return NEEDS_INPUT_ZH[missing]
    return STATUS_ZH[status]


WARNING_ZH = {"green": "绿", "yellow": "黄", "red": "红"}

# What an observation measures: its 计量方式.
MEASURE_ZH = {
    "level": "水平值",
    "growth_rate": "增长率（%）",
    "amount": "年度量",
    "reduction_rate": "降低率（%）",
    "allocation": "下达值",
}
MEASURES = tuple(MEASURE_ZH)

# Warnings of the validation rules on a monitoring figure (planwatch.evaluate.plausibility).
CHECK_ZH = {
    "below_minimum": "低于下限",
    "above_maximum": "高于上限",
    "jump": "变化异常",
    "no_source": "缺少来源",
    "unit_changed": "单位与上年不同",
}

COMPARATOR_ZH = {">=": "不低于", "<=": "不高于", "=": "等于", "~": "左右"}
DIRECTION_ZH = {"up": "越高越好", "down": "越低越好"}
PATH_ZH = {"": "自动", "linear": "线性", "geometric": "几何（等比）"}

# Workflow states of the web system.
OBSERVATION_STATE_ZH = {
    "draft": "草稿",
    "submitted": "已提交待审",
    "approved": "已审核通过",
    "rejected": "已退回",
}
ADJUSTMENT_STATE_ZH = {"proposed": "待审批", "approved": "已批准", "rejected": "已驳回"}
PROJECT_STATUS_ZH = {
    "building": "在建",
    "new": "新引进",
    "negotiating": "在谈",
    "planned": "计划实施",
    "done": "已竣工",
    "lagging": "滞后",
}
TASK_STATUS_ZH = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "delayed": "滞后"}

# Who uses the system (PRODUCT.md); what each may do is the capabilities table of web/accounts/permissions.py.
ROLE_ZH = {
    "administrator": "系统管理员",
    "planning": "规划科",
    "reporter": "责任部门填报员",
    "leader": "领导、人大（只读）",
}

# Kinds of department (部门类型) the planning office files its departments under.
DEPARTMENT_KIND_ZH = {
    "bureau": "委办局",
    "town": "街道、镇",
    "office": "综合协调部门",
    "enterprise": "国有企业",
    "other": "其他单位",
}

# Reports (METHODOLOGY §5): the kind follows from the year.
REPORT_KIND_ZH = {"annual": "年度监测报告", "midterm": "中期评估报告", "final": "总结评估报告"}
EVALUATION_MODE_ZH = {"annual": "年度监测", "midterm": "中期评估", "final": "总结评估"}
# The parts of a report the planning office writes, by the key planwatch.report names them.
REPORT_TEXT_ZH = {
    "overview": "总体情况（补充说明）",
    "problems": "存在的问题（补充说明）",
    "next_steps": "下一步工作建议",
    "adjustments": "规划调整建议",
    "lessons": "主要经验与启示",
    "next_plan": "对下一个五年规划编制的建议",
    "issuer": "编制单位",
    "doc_number": "发文字号",
    "date": "成文日期",
}

# Columns of an observations file (INTERFACES.md §2) as a message names them.
OBSERVATION_COLUMN_ZH = {
    "indicator": "指标",
    "year": "年份",
    "value": "数值",
    "measure": "计量方式",
    "series": "分项",
    "unit": "单位",
    "source": "数据来源",
    "note": "备注",
    "vintage": "数据版本",
    "definition_change": "口径调整",
}


def report_kind_for(year: int, period_start: int, period_end: int) -> str:
    """annual for any year of the period, midterm in its third year, final from its last year on."""
    if year >= period_end:
        return "final"
    if year == period_start + 2:
        return "midterm"
    return "annual"


# Model choices (Django calls these; a changed label needs no migration).
def kind_choices() -> list[tuple[str, str]]:
    return list(KIND_ZH.items())


def attribute_choices() -> list[tuple[str, str]]:
    return list(ATTRIBUTE_ZH.items())


def status_choices() -> list[tuple[str, str]]:
    return list(STATUS_ZH.items())


def measure_choices() -> list[tuple[str, str]]:
    return list(MEASURE_ZH.items())


def comparator_choices() -> list[tuple[str, str]]:
    return list(COMPARATOR_ZH.items())


def direction_choices() -> list[tuple[str, str]]:
    return list(DIRECTION_ZH.items())


def path_choices() -> list[tuple[str, str]]:
    return list(PATH_ZH.items())


def observation_state_choices() -> list[tuple[str, str]]:
    return list(OBSERVATION_STATE_ZH.items())


def adjustment_state_choices() -> list[tuple[str, str]]:
    return list(ADJUSTMENT_STATE_ZH.items())


def project_status_choices() -> list[tuple[str, str]]:
    return list(PROJECT_STATUS_ZH.items())


def task_status_choices() -> list[tuple[str, str]]:
    return list(TASK_STATUS_ZH.items())


def role_choices() -> list[tuple[str, str]]:
    return list(ROLE_ZH.items())


def report_kind_choices() -> list[tuple[str, str]]:
    """The kind of report a written text belongs to; blank: every report of its year."""
    return [("", "本年度各报告"), *REPORT_KIND_ZH.items()]


def department_kind_choices() -> list[tuple[str, str]]:
    return list(DEPARTMENT_KIND_ZH.items())
