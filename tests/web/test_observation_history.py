from planwatch.web.monitoring.models import Observation


def _observation(number: int) -> Observation:
    return Observation.objects.filter(indicator__number=number).first()


def test_it_shows_every_version_of_a_value(planner):
    observation = _observation(16)
    observation.value = 19.0
    observation.save()
    response = planner.get(f"/monitoring/observations/{observation.pk}/history/")
    assert response.status_code == 200
    assert len(response.context["versions"]) == 2


def test_a_reporter_sees_the_history_of_their_own_value(kewei):
    assert kewei.get(f"/monitoring/observations/{_observation(8).pk}/history/").status_code == 200


def test_a_reporter_cannot_see_another_departments_value(kewei):
    assert kewei.get(f"/monitoring/observations/{_observation(16).pk}/history/").status_code == 404


def test_it_requires_login(anonymous):
    assert anonymous.get(f"/monitoring/observations/{_observation(16).pk}/history/").status_code == 302
