"""The report as one self-contained HTML page: styles inline, charts embedded as PNG data URIs, no CDN.

The same page carries print rules (A4, GB/T 9704 margins, — n — page numbers, repeated table headers)
that the PDF writer relies on. The text starts on the page after the title page, numbered — 1 — at the right:
the side of a page number follows its parity (as Word's odd/even footers do), not the sheet's side, so no blank
page is inserted after the title page. An office printing double-sided that wants page 1 on a recto adds the
blank verso when it prints; GB/T 9704 numbers a document's pages but prescribes no title page.
"""

from __future__ import annotations

import base64
from html import escape

from planwatch.report import style
from planwatch.report.fitting import NUMBER_WITH_UNIT, fitted_widths
from planwatch.report.model import ChartGrid, Heading, PageBreak, Paragraph, Report, Table


def stylesheet(running_header: str = "") -> str:
    s = style
    header = (
        f'\n  @top-center {{ content: "{running_header}"; font-family: {s.FANG.css}; font-size: {s.SIZE_5}pt;'
        " color: #808080; }"
        if running_header
        else ""
    )
    return f"""
@page {{ size: A4; margin: {s.MARGIN_TOP}mm {s.MARGIN_RIGHT}mm {s.MARGIN_BOTTOM}mm {s.MARGIN_LEFT}mm;{header} }}
@page :nth(2n) {{ @bottom-right {{ content: "— " counter(page) " —"; font-family: {s.SONG.css};
  font-size: {s.SIZE_4}pt; padding-right: 1em; }} }}
@page :nth(2n+1) {{ @bottom-left {{ content: "— " counter(page) " —"; font-family: {s.SONG.css};
  font-size: {s.SIZE_4}pt; padding-left: 1em; }} }}
@page cover {{ counter-increment: page 0; @bottom-right {{ content: none; }} @bottom-left {{ content: none; }} }}
html {{ background: #f3f3f3; }}
body {{ font-family: {s.FANG.css}; font-size: {s.SIZE_3}pt; line-height: {s.LINE_PITCH}pt; color: #000;
  max-width: {s.TEXT_WIDTH}mm; margin: 0 auto; padding: 20mm 26mm; background: #fff; text-align: justify; }}
.cover {{ page: cover; text-align: center; min-height: 200mm; padding-top: 40mm; break-after: page; }}
.cover h1 {{ font-family: {s.TITLE.css}; font-size: {s.SIZE_2}pt; line-height: 35pt; font-weight: normal;
  margin: 0 0 18pt; }}
.cover .subtitle {{ font-family: {s.KAI.css}; }}
.cover .issuer {{ margin-top: 60mm; }}
.cover .notice {{ font-size: 12pt; line-height: 20pt; color: #666; margin-top: 12mm; }}
.cover .notice + .notice {{ margin-top: 3mm; }}
h2 {{ font-family: {s.HEI.css}; font-size: {s.SIZE_3}pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; }}
h3 {{ font-family: {s.KAI.css}; font-size: {s.SIZE_3}pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; }}
h4 {{ font-size: {s.SIZE_3}pt; font-weight: bold; margin: 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; }}
p .lead {{ font-family: {s.KAI.css}; }}
p.note {{ font-size: 12pt; line-height: 20pt; }}
p.pending {{ color: #808080; }}
p.detail {{ text-align: left; }}
.caption {{ font-family: {s.HEI.css}; font-size: 12pt; line-height: 18pt; text-align: center; text-indent: 0;
  margin: 8pt 0 4pt; break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; font-size: {s.SIZE_5}pt; line-height: 14pt;
  margin: 0 auto; }}
th {{ font-family: {s.HEI.css}; font-weight: normal; background: #f0f0f0; text-align: center; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt 2pt; vertical-align: middle; overflow-wrap: anywhere; }}
.n {{ white-space: nowrap; }}
td.c {{ text-align: center; }} td.r {{ text-align: right; }} td.l {{ text-align: left; }}
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
.table-note {{ font-size: {s.SIZE_5}pt; line-height: 14pt; text-indent: 0; margin: 3pt 0 8pt; }}
.charts {{ margin: 6pt 0; text-indent: 0; text-align: center; font-size: 0; line-height: 0; }}
.charts figure {{ display: inline-block; vertical-align: top; margin: 2pt 0; }}
.charts.cols-1 figure {{ width: 100%; }}
.charts.cols-2 figure {{ width: 50%; }}
figure {{ margin: 0; text-align: center; break-inside: avoid; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption {{ font-family: {s.HEI.css}; font-size: {s.SIZE_5}pt; line-height: 14pt; }}
.running-header {{ display: none; }}
@media screen {{ .running-header {{ display: block; text-align: center; text-indent: 0; color: #808080;
  font-size: {s.SIZE_5}pt; }} }}
.page-break {{ break-after: page; height: 0; }}
@media print {{ html {{ background: none; }} body {{ max-width: none; padding: 0; margin: 0; }} }}
"""


def _heading(block: Heading) -> str:
    tag = {1: "h2", 2: "h3"}.get(block.level, "h4")
    return f"<{tag}>{escape(block.text)}</{tag}>"


def _paragraph(block: Paragraph) -> str:
    lead = f'<span class="lead">{escape(block.lead)}</span>' if block.lead else ""
    css = f' class="{block.role}"' if block.role != "body" else ""
    return f"<p{css}>{lead}{escape(block.text)}</p>"


def _align(block: Table, index: int) -> str:
    return block.align[index] if index < len(block.align) else "l"


def _cell(text: str) -> str:
    """Escaped cell text with each number and its unit in a span that never breaks."""
    parts, end = [], 0
    for match in NUMBER_WITH_UNIT.finditer(text):
        parts += [escape(text[end : match.start()]), f'<span class="n">{escape(match.group())}</span>']
        end = match.end()
    return "".join(parts) + escape(text[end:])


def _table(block: Table) -> str:
    widths = fitted_widths(block.widths, block.header, block.rows)
    total = sum(widths)
    columns = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in widths)
    head = "".join(f"<th>{escape(cell)}</th>" for cell in block.header)  # short ones fit (fitting.py)
    body = "\n".join(
        "<tr>"
        + "".join(f'<td class="{_align(block, i)}">{_cell(cell)}</td>' for i, cell in enumerate(row))
        + "</tr>"
        for row in block.rows
    )
    note = f'<p class="table-note">{escape(block.note)}</p>' if block.note else ""
    return (
        f'<p class="caption">{escape(block.caption)}</p>\n<table data-key="{escape(block.key)}">'
        f"<colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>\n{note}"
    )


def _charts(block: ChartGrid) -> str:
    figures = []
    for chart in block.charts:
        data = base64.b64encode(chart.png).decode("ascii")
        width = f"{chart.width_cm * 10:.0f}mm"
        figures.append(
            f'<figure data-key="{escape(chart.key)}"><img src="data:image/png;base64,{data}" '
            f'alt="{escape(chart.caption)}" style="width:{width}"><figcaption>{escape(chart.caption)}'
            "</figcaption></figure>"
        )
    return f'<div class="charts cols-{min(block.columns, 2)}">' + "\n".join(figures) + "</div>"


def render_body(report: Report) -> str:
    page = report.title_page
    cover = [f'<p class="doc-number">{escape(page.doc_number)}</p>'] if page.doc_number else []
    cover.append("<h1>" + "<br>".join(escape(line) for line in page.title_lines) + "</h1>")
    if page.subtitle:
        cover.append(f'<p class="subtitle">{escape(page.subtitle)}</p>')
    if page.issuer:
        cover.append(f'<p class="issuer">{escape(page.issuer)}</p>')
    cover.append(f"<p>{escape(page.date_line)}</p>")
    cover.extend(f'<p class="notice">{escape(notice)}</p>' for notice in page.notices)
    parts = []
    for block in report.blocks:
        if isinstance(block, Heading):
            parts.append(_heading(block))
        elif isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Table):
            if block.printed:
                parts.append(_table(block))
        elif isinstance(block, ChartGrid):
            parts.append(_charts(block))
        elif isinstance(block, PageBreak):
            parts.append('<div class="page-break"></div>')
    cover_html = "\n".join(f"  {line}" for line in cover)
    if report.running_header:
        parts.insert(0, f'<p class="running-header">{escape(report.running_header)}</p>')
    return (
        f'<section class="cover">\n{cover_html}\n</section>\n<main class="report">\n'
        + "\n".join(parts)
        + "\n</main>"
    )


def render_html(report: Report) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title_page.title)}</title>\n<style>{stylesheet(report.running_header)}</style>\n</head>\n<body>\n"
        f"{render_body(report)}\n</body>\n</html>\n"
    )


def write_html(report: Report) -> bytes:
    """The report as one UTF-8 HTML file with everything embedded."""
    return render_html(report).encode("utf-8")
