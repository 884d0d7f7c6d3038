"""Entry and review as a statistics office runs them: only changes are saved, typed input survives an error,
impossible values are refused alike in form, Excel and API, doubtful ones are warned and need a comment."""

from __future__ import annotations

import json

from django.contrib.auth.models import User

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation, ValidationRule
from tests.web.conftest import indicator
from tests.web.helpers import filled_template

SHARE_480 = "数值480%不可能：比重（比率）应在0至100%之间"


def _row(number: int) -> str:
    return f"{indicator(number).pk}-1"


def _save(client, number: int, value: str, source: str = "区统计局", **more):
    slot = _row(number)
    data = {f"value-{slot}": value, f"source-{slot}": source}
    data.update({f"{name}-{slot}": text for name, text in more.items()})
    return client.post("/monitoring/save/", data, follow=True)


def _api(client, payload):
    token = ApiToken.issue(User.objects.get(username="kw")).key
    return client.post(
        "/api/observations",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_saving_the_same_draft_twice_keeps_one_draft_with_one_version(kewei):
    _save(kewei, 11, "65.5")
    draft = Observation.objects.get(indicator=indicator(11), state=Observation.DRAFT)
    page = _save(kewei, 11, "65.5").content.decode()
    assert "没有修改：与已保存的数据相同，未重复保存" in page
    assert Observation.objects.filter(indicator=indicator(11), state=Observation.DRAFT).count() == 1
    assert draft.history.count() == 1


def test_the_page_prefills_the_draft_so_saving_it_unchanged_saves_nothing(kewei):
    _save(kewei, 11, "65.5")
    page = kewei.get("/monitoring/").content.decode()
    assert (
        f'name="value-{_row(11)}" inputmode="decimal" size="8" aria-label="每万人口发明专利拥有量数值" value="65.5"'
        in page
    )


def test_a_second_identical_pending_value_is_refused_with_the_field_marked(kewei):
    _save(kewei, 11, "65.5")
    kewei.post("/monitoring/submit/")
    response = _save(kewei, 11, "65.5", note="补充说明")
    page = response.content.decode()
    assert response.status_code == 200
    assert "指标11“每万人口发明专利拥有量”2025年已有相同数值的数据在等待审核，不再重复提交" in page
    assert f'id="value-{_row(11)}-error"' in page
    assert not Observation.objects.filter(indicator=indicator(11), state=Observation.DRAFT).exists()
    assert Observation.objects.filter(indicator=indicator(11), state=Observation.SUBMITTED).count() == 1


def test_typed_input_survives_an_error_and_the_field_is_marked(kewei):
    good, bad = _row(8), _row(11)
    response = kewei.post(
        "/monitoring/save/",
        {
            f"value-{good}": "3350",
            f"source-{good}": "区科委年报",
            f"value-{bad}": "很多",
            f"note-{bad}": "留着我",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="value-{good}"' in page and 'value="3350"' in page and 'value="区科委年报"' in page
    assert 'value="留着我"' in page
    assert f'value="很多" aria-invalid="true" aria-describedby="value-{bad}-error"' in page
    assert "有1处需要修改，数据未保存" in page
    assert not Observation.objects.filter(state=Observation.DRAFT, indicator__number__in=[8, 11]).exists()


def test_beside_each_row_last_years_value_target_path_and_change(kewei):
    _save(kewei, 10, "4.9")
    page = kewei.get("/monitoring/").content.decode()
    row = page[page.index(f'id="row-{_row(10)}"') :]
    row = row[: row.index("</tr>")]
    # 2024 approved 4.7 %; target 5.0 in 2025; linear path 4.32 → 5.0 gives 5.0 in 2025; 4.9 − 4.7 = +0.2 points
    assert "上年：4.7%" in row
    assert "目标：5%" in row
    assert "2025年进度值：5" in row
    assert "较上年：+0.2个百分点" in row


def test_an_impossible_share_is_refused_alike_by_form_excel_and_api(kewei, anonymous):
    before = Observation.objects.count()
    form = _save(kewei, 10, "480").content.decode()
    assert SHARE_480 in form
    template = kewei.get("/monitoring/template.xlsx").content
    upload = kewei.post(
        "/monitoring/upload/", {"file": filled_template(template, {10: 480})}
    ).content.decode()
    assert f"第3行“数值”列：{SHARE_480}" in upload
    api = _api(anonymous, {"indicator": 10, "year": 2025, "value": 480, "source": "区统计局"})
    assert api.status_code == 400
    assert api.json()["error"] == f"第1条“value”：{SHARE_480}"
    assert Observation.objects.count() == before


def test_a_negative_count_is_refused(kewei):
    page = _save(kewei, 8, "-3").content.decode()
    assert "数值-3家不可能：计数不能为负数" in page


def test_a_jump_is_warned_and_cannot_be_submitted_without_a_comment(kewei, planner):
    page = _save(kewei, 10, "9.5").content.decode()
    assert "较2024年变化+4.8个百分点，超过通常年变化（0.09个百分点）的3倍" in page
    draft = Observation.objects.get(indicator=indicator(10), state=Observation.DRAFT)
    assert [w["code"] for w in draft.warnings] == ["jump"]
    refused = kewei.post("/monitoring/submit/", follow=True).content.decode()
    assert (
        "未提交：指标10“全社会研发经费支出占地区生产总值比例”有预警（变化异常），请先在“评注”中说明原因"
        in refused
    )
    draft.refresh_from_db()
    assert draft.state == Observation.DRAFT
    _save(kewei, 10, "9.5", comment="新增两家研发总部，口径已核实")
    kewei.post("/monitoring/submit/")
    submitted = Observation.objects.get(indicator=indicator(10), state=Observation.SUBMITTED)
    assert submitted.department_comment == "新增两家研发总部，口径已核实"
    queue = planner.get("/monitoring/review/").content.decode()
    row = queue[queue.index(f'id="obs-{submitted.pk}"') :]
    assert "变化异常" in row and "超过通常年变化（0.09个百分点）的3倍" in row
    assert "部门评注：新增两家研发总部，口径已核实" in row
    assert "上年：4.7%" in row and "较上年：+4.8个百分点" in row


def test_a_missing_source_is_warned(kewei):
    _save(kewei, 11, "65.5", source="")
    draft = Observation.objects.get(indicator=indicator(11), state=Observation.DRAFT)
    assert draft.warnings == [{"code": "no_source", "label": "缺少来源", "message": "未填写数据来源"}]


def test_the_planning_office_sets_a_minimum_and_a_value_below_it_is_warned(planner, kewei):
    patents = indicator(11)
    response = planner.post(
        "/monitoring/rules/",
        {"indicator": patents.pk, "minimum": "64", "maximum": "", "source_required": "1"},
    )
    assert response.status_code == 302
    rule = ValidationRule.objects.get(indicator=patents)
    assert (rule.minimum, rule.maximum, rule.jump_factor, rule.source_required) == (64.0, None, None, True)
    _save(kewei, 11, "63.8")
    draft = Observation.objects.get(indicator=patents, state=Observation.DRAFT)
    assert [w["message"] for w in draft.warnings] == ["数值63.8低于设定的下限64"]


def test_a_rule_with_the_maximum_below_the_minimum_is_refused_keeping_what_was_typed(planner):
    patents = indicator(11)
    response = planner.post("/monitoring/rules/", {"indicator": patents.pk, "minimum": "70", "maximum": "60"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "上限60低于下限70" in page and 'value="70"' in page
    assert not ValidationRule.objects.filter(indicator=patents).exists()


def test_the_rules_page_is_for_the_planning_office(planner, kewei):
    assert "变化异常倍数" in planner.get("/monitoring/rules/").content.decode()
    assert kewei.get("/monitoring/rules/").status_code == 403


def test_the_api_refuses_a_warned_value_without_a_comment_and_accepts_it_with_one(anonymous):
    item = {"indicator": 10, "year": 2025, "value": 9.5, "source": "区统计局"}
    refused = _api(anonymous, item)
    assert refused.status_code == 400
    body = refused.json()
    assert body["warnings"][0]["indicator"] == 10
    assert body["warnings"][0]["warnings"][0]["code"] == "jump"
    assert "“comment”" in body["error"] and "超过通常年变化" in body["error"]
    assert not Observation.objects.filter(indicator=indicator(10), state=Observation.SUBMITTED).exists()
    accepted = _api(anonymous, {**item, "comment": "口径调整，已核实"})
    assert accepted.status_code == 201
    stored = Observation.objects.get(indicator=indicator(10), state=Observation.SUBMITTED)
    assert stored.department_comment == "口径调整，已核实"
    assert [w["code"] for w in stored.warnings] == ["jump"]
    assert accepted.json()[0]["warnings"][0]["code"] == "jump"


def test_an_excel_upload_reports_the_warnings_and_skips_unchanged_rows(kewei):
    template = kewei.get("/monitoring/template.xlsx").content
    page = kewei.post(
        "/monitoring/upload/", {"file": filled_template(template, {10: 9.5})}, follow=True
    ).content.decode()
    assert "第3行（指标10“全社会研发经费支出占地区生产总值比例”）有预警" in page
    again = kewei.post(
        "/monitoring/upload/", {"file": filled_template(template, {10: 9.5})}, follow=True
    ).content.decode()
    assert "上传的1行与已保存的数据相同，未重复保存" in again
    assert Observation.objects.filter(indicator=indicator(10), state=Observation.DRAFT).count() == 1
