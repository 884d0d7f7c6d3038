"""One intake: the entry form, the Excel upload and the API give the same outcome and the same Chinese message for
the same typed figure. Indicator 8 (有效期内高新技术企业数) is counted in 家, indicator 10 (研发经费支出占比) in %;
both belong to 区科委 (the `kewei` reporter), whose template lists 8, 10, 11 on rows 2, 3, 4."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator
from tests.web.helpers import filled_template

NOT_FINITE = "数值必须是有限的数字（不接受 NaN、无穷大或超出范围的数）"
PERCENT_ON_COUNT = "“12%”带百分号，但该项的单位是“家”：请按该单位填写数字"

# (indicator, typed, stored value or None, reason when refused)
CASES = [
    (8, "nan", None, NOT_FINITE),
    (8, "inf", None, NOT_FINITE),
    (8, "1e400", None, NOT_FINITE),
    (8, "１２", 12.0, None),
    (8, "1,234.5", 1234.5, None),
    (10, "12%", 12.0, None),
    (8, "12%", None, PERCENT_ON_COUNT),
]
IDS = ["nan", "inf", "1e400", "full-width-12", "thousands", "percent-on-percent", "percent-on-count"]
TEMPLATE_ROW = {8: 2, 10: 3}


def _drafts(number: int) -> list[float]:
    return [
        o.value
        for o in Observation.objects.filter(indicator__number=number, year=2025, state=Observation.DRAFT)
    ]


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.mark.parametrize(("number", "typed", "stored", "reason"), CASES, ids=IDS)
def test_the_entry_form(kewei, number, typed, stored, reason):
    found = indicator(number)
    response = kewei.post("/monitoring/save/", {f"value-{found.pk}-1": typed}, follow=True)
    if reason is None:
        assert _drafts(number) == [stored]
    else:
        assert _drafts(number) == []
        assert f"指标{number}“{found.name}”：{reason}" in _messages(response)


@pytest.mark.parametrize(("number", "typed", "stored", "reason"), CASES, ids=IDS)
def test_the_excel_upload(kewei, number, typed, stored, reason):
    template = kewei.get("/monitoring/template.xlsx").content
    response = kewei.post("/monitoring/upload/", {"file": filled_template(template, {number: typed})})
    if reason is None:
        assert response.status_code == 302
        assert _drafts(number) == [stored]
    else:
        assert _drafts(number) == []
        assert f"第{TEMPLATE_ROW[number]}行“数值”列：{reason}" in response.context["result"].errors


def _post(client, body: str):
    token = ApiToken.issue(User.objects.get(username="kw")).key
    return client.post(
        "/api/observations", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


@pytest.mark.parametrize(("number", "typed", "stored", "reason"), CASES, ids=IDS)
def test_the_api_with_numbers_written_as_strings(anonymous, number, typed, stored, reason):
    response = _post(
        anonymous,
        json.dumps(
            {"indicator": number, "year": 2025, "value": typed, "source": "区统计局", "comment": "已核实"}
        ),
    )
    if reason is None:
        assert response.status_code == 201
        assert response.json()[0]["value"] == stored
        assert response.json()[0]["state"] == "submitted"
    else:
        assert response.status_code == 400
        assert response.json()["error"] == f"第1条“value”：{reason}"


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_the_api_refuses_non_finite_json_numbers_with_the_same_message(anonymous, literal):
    response = _post(anonymous, f'{{"indicator": 8, "year": 2025, "value": {literal}}}')
    assert response.status_code == 400
    assert response.json()["error"] == f"第1条“value”：{NOT_FINITE}"


def test_the_api_refuses_a_list_as_source_before_writing_anything(anonymous):
    before = Observation.objects.count()
    response = _post(anonymous, json.dumps({"indicator": 8, "year": 2025, "value": 1, "source": ["a"]}))
    assert response.status_code == 400
    assert response.json()["error"] == "第1条“source”：应为文字"
    assert Observation.objects.count() == before


def test_a_source_longer_than_its_field_is_refused_in_every_channel(kewei, anonymous):
    long_source = "统" * 5000
    forest = indicator(8)
    form = kewei.post(
        "/monitoring/save/",
        {f"value-{forest.pk}-1": "3300", f"source-{forest.pk}-1": long_source},
        follow=True,
    )
    assert "指标8“有效期内高新技术企业数”：数据来源不超过200字" in _messages(form)
    api = _post(anonymous, json.dumps({"indicator": 8, "year": 2025, "value": 3300, "source": long_source}))
    assert api.json()["error"] == "第1条“source”：数据来源不超过200字（现有5000字）"
    assert _drafts(8) == []


def test_an_invented_series_is_refused_by_the_core(anonymous):
    response = _post(
        anonymous, json.dumps({"indicator": 8, "year": 2025, "value": 3300, "series": "虚构分项"})
    )
    assert response.json()["error"] == "第1条“series”：指标8没有分项，“分项”列请留空"


def _growth_row() -> Observation:
    return Observation.objects.filter(indicator__number=1, measure="growth_rate", state="approved").first()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-250", "“数值”：年增长-250%不可能：任何量都不会下降100%或更多"),
        ("1e300", "“数值”：数值1e+300大得不合常理（超过1e+15%）：请检查单位"),
        ("inf", NOT_FINITE),
    ],
)
def test_the_correction_page_checks_values_as_the_core_does(planner, typed, message):
    row = _growth_row()
    before = row.value
    form = {"value": typed, "unit": "%", "source": "统计公报", "vintage": "2025-03-01", "note": ""}
    response = planner.post(
        f"/monitoring/observations/{row.pk}/edit/", {**form, "reason": "核对", "row_version": row.row_version}
    )
    assert response.status_code == 400
    assert message in _messages(response)
    row.refresh_from_db()
    assert row.value == before
