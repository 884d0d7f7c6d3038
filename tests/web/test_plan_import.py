import io

from planwatch.web.demo import DEMO_PLAN
from planwatch.web.plans.models import Plan


def _file(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def test_the_planning_office_reimports_the_plan_and_goes_to_review(planner, plan):
    response = planner.post("/plans/import/", {"file": _file(DEMO_PLAN.read_bytes(), "songjiang.txt")})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{plan.pk}/review/"
    assert Plan.objects.count() == 2  # Songjiang and the national plan, none added


def test_it_refuses_an_unsupported_file_type_with_a_message(planner):
    response = planner.post("/plans/import/", {"file": _file(b"x", "plan.pdf")}, follow=True)
    assert "不支持“.pdf”文件" in response.content.decode()


def test_it_reports_an_unreadable_plan_in_one_line(planner):
    response = planner.post(
        "/plans/import/", {"file": _file("没有章节的文字".encode(), "empty.txt")}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "无法读取规划文件“empty.txt”" in page
    assert "no chapter heading" in page
    assert Plan.objects.count() == 2  # Songjiang and the national plan, none added


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/plans/import/").status_code == 403
    assert kewei.post("/plans/import/", {"file": _file(b"x", "plan.txt")}).status_code == 403


def test_a_file_uploaded_as_a_new_version_goes_to_the_import_review(planner, plan):
    text = DEMO_PLAN.read_text(encoding="utf-8").replace(
        "\t森林覆盖率\n\t%\n\t约束性\n\t19.5\n", "\t森林覆盖率\n\t%\n\t约束性\n\t20\n"
    )
    response = planner.post(
        "/plans/import/", {"file": _file(text.encode(), "songjiang-revised.txt"), "plan": str(plan.pk)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{plan.pk}/versions/"
    plan.refresh_from_db()
    assert plan.version == 2 and plan.indicators.get(number=16).target_value == 20.0


def test_an_unknown_plan_to_version_is_refused(planner):
    response = planner.post(
        "/plans/import/", {"file": _file(DEMO_PLAN.read_bytes(), "s.txt"), "plan": "999999"}
    )
    assert response.status_code == 404
    assert Plan.objects.count() == 2
