"""Reports built once per session: the hand-made evaluation (counts worked out in sample.py) and the real engine
on the shipped demo data. Rendered files go to artifacts/reports/ for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.report import render
from planwatch.report.content import build_content
from tests.report.sample import sample_evaluation, sample_observations
from tests.session_files import built_once

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
DEMO_OBSERVATIONS = Path(__file__).resolve().parents[2] / "planwatch" / "data" / "songjiang-observations.csv"
NARRATIVES = {
    "next_steps": "加快重大产业项目建设进度。\n强化约束性指标的督查考核。",
    "overview": "总体看，规划实施总体平稳。",
}
EXPLANATIONS = {5: "受部分重大产业项目开工推迟影响，工业投资增速低于预期"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def sample_obs(songjiang_plan):
    return sample_observations(songjiang_plan)


@pytest.fixture(scope="session")
def midterm_evaluation(songjiang_plan):
    return sample_evaluation(songjiang_plan, 2023)


@pytest.fixture(scope="session")
def final_evaluation(songjiang_plan):
    return sample_evaluation(songjiang_plan, 2025)


@pytest.fixture(scope="session")
def midterm_report(songjiang_plan, midterm_evaluation, sample_obs):
    return build_content(
        songjiang_plan,
        midterm_evaluation,
        "midterm",
        observations=sample_obs,
        narratives=NARRATIVES,
        explanations=EXPLANATIONS,
        date_line="2024年3月",
    )


@pytest.fixture(scope="session")
def final_report(songjiang_plan, final_evaluation, sample_obs):
    return build_content(
        songjiang_plan, final_evaluation, "final", observations=sample_obs, date_line="2026年3月"
    )


def _save(artifacts: Path, name: str, data: bytes) -> bytes:
    (artifacts / name).write_bytes(data)
    return data


@pytest.fixture(scope="session")
def midterm_docx(midterm_report, artifacts) -> bytes:
    return _save(artifacts, "sample-midterm.docx", render(midterm_report, "docx"))


@pytest.fixture(scope="session")
def final_docx(final_report, artifacts) -> bytes:
    return _save(artifacts, "sample-final.docx", render(final_report, "docx"))


@pytest.fixture(scope="session")
def midterm_html(midterm_report, artifacts) -> bytes:
    return _save(artifacts, "sample-midterm.html", render(midterm_report, "html"))


@pytest.fixture(scope="session")
def midterm_pdf(midterm_report, artifacts, tmp_path_factory) -> bytes:
    """Rendered once per session, whichever worker asks first."""

    def render_pdf(folder: Path) -> None:
        (folder / "midterm.pdf").write_bytes(render(midterm_report, "pdf"))

    pdf = (built_once(tmp_path_factory, "sample-midterm-pdf", render_pdf) / "midterm.pdf").read_bytes()
    return _save(artifacts, "sample-midterm.pdf", pdf)


@pytest.fixture(scope="session")
def midterm_xlsx(midterm_report, artifacts) -> bytes:
    return _save(artifacts, "sample-midterm.xlsx", render(midterm_report, "xlsx"))


@pytest.fixture(scope="session")
def demo_observations(songjiang_plan):
    from planwatch.evaluate import read_observations

    return read_observations(DEMO_OBSERVATIONS, songjiang_plan)


@pytest.fixture(scope="session")
def demo_final_evaluation(songjiang_plan, demo_observations):
    from planwatch.evaluate import evaluate_plan

    return evaluate_plan(songjiang_plan, demo_observations, 2025)


@pytest.fixture(scope="session")
def demo_final_pdf(tmp_path_factory, songjiang_plan, demo_final_evaluation, demo_observations) -> bytes:
    """The final report on the shipped demo data as PDF, rendered once per session (several tests read it)."""
    from planwatch.report import build_report

    def render_pdf(folder: Path) -> None:
        pdf = build_report(
            songjiang_plan, demo_final_evaluation, "final", "pdf", observations=demo_observations
        )
        (folder / "final.pdf").write_bytes(pdf)

    return (built_once(tmp_path_factory, "demo-final-pdf", render_pdf) / "final.pdf").read_bytes()
