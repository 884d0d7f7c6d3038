from pathlib import Path

import pytest

from planwatch.document.model import Paragraph, Piece
from planwatch.extract.passages import Passage

PLAN = Path(__file__).resolve().parents[2] / "planwatch" / "data" / "songjiang-14th-fyp.txt"


def paragraph(text: str, line: int = 1) -> Paragraph:
    """A one-line paragraph whose text stands at column 0 of `line`."""
    return Paragraph(text=text, line=line, pieces=(Piece(0, len(text), line, 0),))


def passage(text: str, line: int = 1, container: str = "body", review: bool = False, chapter=3) -> Passage:
    return Passage(paragraph(text, line), container, chapter, review=review)


@pytest.fixture(scope="session")
def plan_document():
    from planwatch.document import read_text

    return read_text(PLAN)


@pytest.fixture(scope="session")
def plan_passages(plan_document):
    from planwatch.extract.passages import passages_from_document

    return passages_from_document(plan_document)


@pytest.fixture(scope="session")
def plan_targets(plan_passages):
    from planwatch.extract.targets import extract_targets

    return extract_targets(plan_passages)


@pytest.fixture(scope="session")
def plan_baselines(plan_passages):
    from planwatch.extract.baselines import extract_baselines

    return extract_baselines(plan_passages)
