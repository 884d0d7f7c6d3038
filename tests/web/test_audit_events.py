"""The audit trail records business events made through the real views, in words: who (by name and department),
what (the object as a planner names it), the change (待审 → 已退回, values with units) and the comment."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import ApiToken, AuditEntry
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Adjustment, Plan
from tests.web.conftest import indicator


@pytest.fixture
def named(db):
    """The demo's reporter of 区科委 and the planning office's account, with their full names."""
    User.objects.filter(username="kw").update(first_name="张科")
    User.objects.filter(username="guihuake").update(first_name="李规划")


def _events(kind: str):
    return AuditEntry.objects.filter(event=kind).order_by("-id")


def _submitted(client, number: int = 11, value: str = "61.5") -> Observation:
    found = indicator(number)
    client.post(
        "/monitoring/save/", {f"value-{found.pk}-1": value, f"source-{found.pk}-1": "区统计局统计公报"}
    )
    client.post("/monitoring/submit/")
    return Observation.objects.get(indicator=found, state=Observation.SUBMITTED)


def test_a_submission_is_an_event_with_the_reporters_name_department_and_value(named, kewei):
    observation = _submitted(kewei)
    entry = _events("submit").get(object_id=str(observation.pk))
    found = indicator(11)
    assert entry.actor == "张科" and entry.actor_department == "区科委"
    assert entry.summary == f"指标11“{found.name}”{observation.year}年值"
    assert entry.change == f"草稿 → 已提交待审；数值：61.5{observation.unit}"
    assert entry.plan_id == found.plan_id and entry.plan_title == found.plan.title
    assert _events("draft").filter(object_id=str(observation.pk)).exists()  # saving the draft came first


def test_an_approval_is_an_event_with_the_reviewers_comment(named, planner, kewei):
    observation = _submitted(kewei)
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve", "comment": "核对无误"})
    entry = _events("approve").get(object_id=str(observation.pk))
    assert (entry.actor, entry.comment) == ("李规划", "核对无误")
    assert entry.change.startswith("已提交待审 → 已审核通过；数值：61.5")
    assert entry.object_department == "区科委"


def test_a_rejection_is_an_event_with_its_comment_in_the_readable_change(named, planner, kewei):
    observation = _submitted(kewei)
    planner.post(
        f"/monitoring/review/{observation.pk}/", {"decision": "reject", "comment": "请附统计公报来源"}
    )
    entry = _events("reject").get(object_id=str(observation.pk))
    assert entry.comment == "请附统计公报来源"
    assert entry.change.startswith("已提交待审 → 已退回")
    page = planner.get("/accounts/audit/", {"event": "reject"}).content.decode()
    assert "退回" in page and "请附统计公报来源" in page and "已提交待审 → 已退回" in page
    assert "rejected" not in page and "submitted" not in page


def test_an_approval_after_a_rejection_does_not_repeat_the_rejections_comment(named, planner, kewei):
    observation = _submitted(kewei)
    planner.post(
        f"/monitoring/review/{observation.pk}/", {"decision": "reject", "comment": "请附统计公报来源"}
    )
    _submitted(kewei, value="61.6")
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve", "comment": ""})
    approved = _events("approve").get(object_id=str(observation.pk))
    assert approved.comment == "" and approved.change.startswith("已提交待审 → 已审核通过；数值：61.6")


def test_a_correction_is_an_event_with_the_written_reason_and_the_old_value(named, planner):
    row = Observation.objects.filter(indicator__number=1, measure="growth_rate", state="approved").first()
    old = f"{row.value:g}"
    form = {"value": "5.9", "unit": "%", "source": "统计公报", "vintage": "2025-03-01", "note": ""}
    planner.post(
        f"/monitoring/observations/{row.pk}/edit/",
        {**form, "reason": "统计局修订数", "row_version": row.row_version},
    )
    entry = _events("correct").get(object_id=str(row.pk))
    assert entry.comment == "统计局修订数"
    assert entry.change.startswith(f"数值：{old}% → 5.9%")
    assert ["数值", f"{old}%", "5.9%"] in entry.fields


def test_an_adjustment_is_proposed_and_approved_as_two_events(named, planner, admin_client_):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {
            "indicator": forest.pk,
            "new_target_text": "20",
            "new_target_value": "20",
            "reason": "新增造林地块纳入统计",
            "effective_year": "2023",
        },
    )
    adjustment = Adjustment.objects.get(indicator=forest)
    admin_client_.post(
        f"/plans/adjustments/{adjustment.pk}/decide/",
        {"decision": "approve", "document_number": "松府发〔2023〕12号", "comment": "同意"},
    )
    proposed = _events("adjust-propose").get(object_id=str(adjustment.pk))
    assert proposed.summary == f"指标16“{forest.name}”的目标" and proposed.comment == "新增造林地块纳入统计"
    assert proposed.change == "调整后目标：20"
    approved = _events("adjust-approve").get(object_id=str(adjustment.pk))
    assert approved.comment == "同意" and approved.change.startswith("待审批 → 已批准")


def test_an_override_is_an_event_naming_both_verdicts_and_the_reason(named, planner):
    gdp = indicator(1)
    planner.post(
        f"/evaluations/override/{gdp.pk}/",
        {"year": "2025", "status": "nearly_achieved", "reason": "区政府认定基本完成"},
    )
    entry = _events("override").get()
    assert entry.summary == f"指标1“{gdp.name}”2025年评价"
    assert re.fullmatch(r"系统评价\S+ → 人工评价基本完成", entry.change)
    assert entry.comment == "区政府认定基本完成"


def test_an_import_and_its_undoing_are_events_named_by_the_plan(named, planner):
    upload = io.BytesIO(
        "第一章 发展目标\n\n一、主要目标\n\n到2025年，全区地区生产总值年均增长6%左右。\n".encode()
    )
    upload.name = "small.txt"
    planner.post("/plans/import/", {"file": upload})
    plan = Plan.objects.order_by("-id").first()
    entry = _events("plan-import").get(object_id=str(plan.pk))
    assert entry.actor == "李规划" and entry.summary == f"《{plan.title}》" and entry.plan_id == plan.pk
    planner.post(f"/plans/{plan.pk}/undo-import/")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    undone = _events("plan-undo").get(object_id=str(plan.pk))
    assert undone.plan_title == plan.title  # the plan's name outlives the plan


def test_a_failed_sign_in_is_an_event_under_the_typed_name(db):
    Client().post("/accounts/login/", {"username": "KW", "password": "wrong"})
    entry = _events("login-failed").first()
    assert (entry.user, entry.actor, entry.comment) == (None, "kw", "用户名或密码错误")
    assert entry.address == "127.0.0.1"


def test_a_sign_in_is_an_event_of_the_person(named, db):
    User.objects.get(username="kw").set_password("right-password-1")
    user = User.objects.get(username="kw")
    user.set_password("right-password-1")
    user.save()
    Client().post("/accounts/login/", {"username": "kw", "password": "right-password-1"})
    entry = _events("login").first()
    assert (entry.user, entry.actor, entry.actor_department) == (user, "张科", "区科委")


def test_a_token_issued_and_revoked_are_events_without_the_key(db):
    token = ApiToken.issue(User.objects.get(username="kw"), note="统计直报")
    token_id = token.pk
    ApiToken.objects.get(pk=token_id).delete()
    issued = _events("token-issue").get(object_id=str(token_id))
    revoked = _events("token-revoke").get(object_id=str(token_id))
    assert issued.summary == f"令牌{token.prefix}…（kw）" and issued.change == "用途：统计直报"
    assert token.key not in repr(issued.__dict__) and revoked.summary == issued.summary


def test_a_reminder_maps_to_the_reminder_event_by_its_model_label():
    from planwatch.web.accounts.events import Change, event_for

    assert event_for(Change("monitoring.reminder", "create", {}, {"department": 3})).label == "催报"


def test_every_event_kind_has_a_chinese_label_and_a_unique_key():
    from planwatch.web.accounts.events import EVENTS

    keys = [kind.key for kind in EVENTS]
    assert len(keys) == len(set(keys))
    assert all(re.search(r"[\u4e00-\u9fff]", kind.label) and kind.label.isascii() is False for kind in EVENTS)
