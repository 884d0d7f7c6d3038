from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator


def test_it_submits_the_departments_drafts_for_review(kewei):
    patents = indicator(11)
    kewei.post(
        "/monitoring/save/", {f"value-{patents.pk}-1": "65.5", f"source-{patents.pk}-1": "区市场监管局"}
    )
    response = kewei.post("/monitoring/submit/")
    assert response.status_code == 302
    submitted = Observation.objects.get(indicator=patents, year=2025, state=Observation.SUBMITTED)
    assert submitted.submitted_at is not None


def test_it_does_not_submit_another_departments_drafts(kewei, shengtai):
    water = indicator(13)
    shengtai.post("/monitoring/save/", {f"value-{water.pk}-1": "62"})
    kewei.post("/monitoring/submit/")
    assert Observation.objects.get(indicator=water, state=Observation.DRAFT)


def test_it_refuses_a_leader(leader):
    assert leader.post("/monitoring/submit/").status_code == 403
