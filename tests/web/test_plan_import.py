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
    response = planner.post("/plans/import/", {"file": _file(b"x", "plan.xls")}, follow=True)
    assert "不支持“.xls”文件" in response.content.decode()


def test_an_old_binary_word_file_is_refused_with_how_to_convert_it(planner):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    response = planner.post("/plans/import/", {"file": _file(ole2, "plan.doc")}, follow=True)
    page = response.content.decode()
    assert "无法读取规划文件“plan.doc”" in page and "save it as .docx" in page


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


def test_a_published_pdf_of_another_plan_is_imported_as_a_new_plan(planner):
    from pathlib import Path

    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "lujiang-14th" / "plan.pdf"
    response = planner.post("/plans/import/", {"file": _file(pdf.read_bytes(), "庐江县纲要.pdf")})
    stored = Plan.objects.get(title__startswith="庐江县")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{stored.pk}/onboarding/"  # a new plan: its checklist
    # tests/fixtures/plans/lujiang-14th/expected.json: 2021—2025, four chapters, eight main indicators
    assert (stored.period_start, stored.period_end) == (2021, 2025)
    assert stored.indicators.count() == 8
    assert stored.source_text == ""  # a PDF is kept as its bytes, not decoded as text


def test_the_review_page_lists_what_the_reader_doubted_with_its_line(planner):
    from pathlib import Path

    text = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "jiangchuan-15th" / "plan.txt"
    planner.post("/plans/import/", {"file": _file(text.read_bytes(), "jiangchuan.txt")})
    stored = Plan.objects.get(title__contains="江川")
    page = planner.get(f"/plans/{stored.pk}/review/").content.decode()
    # line 19 of the export is the first body row of a two-row header: six cells under a header row of five
    assert "解析提示（" in page and "第19行：表格行有6个单元格，表头有5个" in page


def test_the_list_of_imported_plans_scrolls_inside_its_frame_at_phone_width(planner, plan, national):
    page = planner.get("/plans/import/").content.decode()
    table = page.index("<th>SHA-256</th>")
    assert page.rfind('<div class="table-wrap"><table>', 0, table) > page.index("已导入的规划")
    assert page.index("</table></div>", table) > table
