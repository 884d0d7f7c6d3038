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
