import shutil
import subprocess

import pytest
from PIL import Image

from tests.report.sample import SAMPLE_MIDTERM, verdict_counts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed"),
]


def _pages(pdf: bytes, directory, prefix: str, resolution: int = 50) -> list:
    source = directory / f"{prefix}.pdf"
    source.write_bytes(pdf)
    for old in directory.glob(f"{prefix}-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(source), str(directory / f"{prefix}-page")],
        check=True,
    )
    return sorted(directory.glob(f"{prefix}-page-*.png"))


def _ink(path) -> float:
    """Share of pixels that are not white."""
    image = Image.open(path).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def test_every_page_has_something_printed_on_it(midterm_pdf, artifacts):
    pages = _pages(midterm_pdf, artifacts, "sample-midterm")
    assert len(pages) >= 8
    assert all(_ink(page) > 0.002 for page in pages)
    # a page of the indicator charts carries far more ink than a page of text
    assert max(_ink(page) for page in pages) > 0.05


def test_the_pdf_text_carries_the_counts_and_the_fonts_are_embedded(midterm_pdf, artifacts):
    source = artifacts / "sample-midterm.pdf"
    source.write_bytes(midterm_pdf)
    text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert verdict_counts(flat[flat.index("截至2023年") :]) == SAMPLE_MIDTERM
    assert "—1—" in flat  # the first page after the title page is numbered 1
    fonts = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-SC" in fonts and "Noto-Sans-CJK-SC" in fonts


def test_the_songjiang_final_report_renders(demo_final_pdf, artifacts):
    pages = _pages(demo_final_pdf, artifacts, "songjiang-final", resolution=60)
    assert len(pages) >= 10 and all(_ink(page) > 0.002 for page in pages)
