"""Parameters a red team sent: `²` and 5,000-digit numbers, a 1,100-word search, an anonymous reader asking for
unpublished targets, and import errors that named the server's temporary folder. None may give a 500 or leak."""

from __future__ import annotations

import io

import pytest

from planwatch.web.params import is_number, number_or_none
from tests.web.conftest import indicator


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023", 2023), (" 7 ", 7), ("²", None), ("١٢", None), ("9" * 5000, None), ("-1", None)],
)
def test_only_short_ascii_digits_are_numbers(text, expected):
    assert number_or_none(text) == expected
    assert is_number(text) is (expected is not None)


NUMBERS = ["²", "9" * 5000, "99999999999999999999"]
URLS = [
    "/api/evaluations?year={n}",
    "/api/evaluations?plan={n}",
    "/api/indicators?plan={n}",
    "/api/observations?indicator={n}",
    "/evaluations/?year={n}",
    "/evaluations/?plan={n}",
    "/?year={n}",
    "/monitoring/?department={n}",
    "/projects/?department={n}",
    "/evaluations/report/annual.html?plan={n}&year={n}",
]


@pytest.mark.parametrize("url", URLS)
def test_superscripts_and_huge_numbers_in_parameters_are_not_a_server_error(planner, url):
    for number in NUMBERS:
        response = planner.get(url.format(n=number))
        assert response.status_code in (200, 302, 400, 404), (url, number[:5], response.status_code)


def test_a_huge_or_superscript_year_on_the_pages_that_keep_the_chosen_year_is_not_a_server_error(
    planner, plan
):
    # one helper (evaluations.service.chosen_year) reads ?year= for these pages; `int()` refuses 5,000 digits
    patents = indicator(11)
    urls = [
        "/public/?year={n}",
        f"/public/indicators/{patents.pk}/?year={{n}}",
        f"/plans/indicators/{patents.pk}/?year={{n}}",
        f"/plans/{plan.pk}/projects/explanations/?year={{n}}",
    ]
    for url in urls:
        for number in NUMBERS:
            response = planner.get(url.format(n=number))
            assert response.status_code == 200, (url, number[:5], response.status_code)


def test_a_1100_word_search_answers(planner):
    query = " ".join(f"词{i}" for i in range(1100))
    response = planner.get("/plans/", {"q": query})
    assert response.status_code == 200


def test_an_anonymous_reader_gets_no_target_of_an_unpublished_indicator(anonymous, plan):
    hidden = indicator(5)
    hidden.published = False
    hidden.save()
    data = anonymous.get("/api/evaluations").json()
    assert "5" not in data["targets_used"] and "4" in data["targets_used"]
    assert all(row["number"] != 5 for row in data["indicators"])


def test_an_import_error_names_the_upload_not_the_servers_temporary_folder(planner):
    upload = io.BytesIO("没有章节的文字".encode())
    upload.name = "规划.txt"
    page = planner.post("/plans/import/", {"file": upload}, follow=True).content.decode()
    assert "无法读取规划文件“规划.txt”：规划.txt:" in page
    assert "/tmp" not in page and "tmp" not in page.split("无法读取规划文件", 1)[1][:300]
