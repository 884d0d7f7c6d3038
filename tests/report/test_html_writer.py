import re
from html.parser import HTMLParser

from tests.report.sample import SAMPLE_MIDTERM, verdict_counts


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.tables, self._table, self._row, self._cell = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if name in attrs:
                self.links.append(attrs[name])
        if tag == "table":
            self._table = {"key": attrs.get("data-key"), "rows": []}
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._table is not None:
            self._table["rows"].append(self._row)
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None


def _parse(data: bytes) -> _Collect:
    collector = _Collect()
    collector.feed(data.decode("utf-8"))
    return collector


def test_the_page_is_self_contained(midterm_html):
    page = _parse(midterm_html)
    assert page.links and all(link.startswith("data:image/png;base64,") for link in page.links)
    assert not re.search(rb"(?:src|href)=\"(?:https?:)?//", midterm_html)
    assert b"<link" not in midterm_html and b"<script" not in midterm_html


def test_the_indicator_table_rows_match_the_evaluation(midterm_html):
    table = next(t for t in _parse(midterm_html).tables if t["key"] == "indicators")
    assert len(table["rows"]) == 22
    row = next(r for r in table["rows"] if r[0] == "8")
    assert row[4:] == ["1755", "3200", "3300※", "107%※", "提前实现※"]


def test_the_summary_and_the_illustrative_note_are_on_the_page(midterm_html):
    text = midterm_html.decode("utf-8")
    assert verdict_counts(text) == SAMPLE_MIDTERM
    assert "本报告含示例数据" in text and "标注“※”的数值为示例数据" in text


def test_the_print_rules_carry_a4_and_page_numbers(midterm_html):
    text = midterm_html.decode("utf-8")
    assert "size: A4" in text and "counter(page)" in text and '"Noto Serif CJK SC"' in text


def test_text_is_escaped(songjiang_plan, midterm_evaluation):
    from planwatch.report import build_report

    data = build_report(
        songjiang_plan,
        midterm_evaluation,
        "midterm",
        "html",
        narratives={"next_steps": "<script>alert(1)</script>"},
    )
    assert b"<script>alert" not in data and b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
