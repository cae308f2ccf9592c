"""The failing inputs of ../shared/cases, asked as their README says, with the real model: each is
indexed in place together with the four unrelated files of cases/distractors."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import GroundIndex, LocalCatalog, Query, SourceDir, update_index
from index.embedding.load import Models

pytestmark = pytest.mark.integration

CASES = {
    "pdf-hyphenation": [
        ("What happened to the pace of desertification in the eastern districts?", "desertification"),
        ("Who walked to collect water for their livestock?", "livestock"),
    ],
    "docx-hidden-text": [
        ("How many blankets per person are distributed in the highland camps?", "three blankets per person"),
        ("Which tents may kerosene stoves be used in?", "kerosene"),
        ("How often is the camp register updated?", "register"),
    ],
    "quantity-question": [
        ("How long should bread dough rest?", "Bread dough should rest for at least one hour")
    ],
    "html-list": [("What must passengers do with bicycles on the ferry?", "bicycle")],
    "pdf-table": [
        ("How many households does Ashford serve?", "Ashford"),
        ("Who is the lead mechanic in Bellmoor?", "Bellmoor"),
    ],
    "markdown-front-matter": [("When does the seed bank open?", "seed bank")],
}


@pytest.fixture(scope="module")
def cases_dir(shared_dir: Path) -> Path:
    folder = shared_dir / "cases"
    if not folder.is_dir():
        pytest.skip("../shared/cases is not present")
    return folder


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Models:
    cache = Path(__file__).resolve().parents[1] / ".test-cache" / "models"
    return Models("auto", "auto", cache)


def _index(case: str, cases_dir: Path, models: Models, data: Path) -> GroundIndex:
    report = update_index(
        catalog=LocalCatalog(data),
        inputs=[SourceDir(cases_dir / case), SourceDir(cases_dir / "distractors", namespace="distractors")],
        embedder=models,
        max_bytes=10 * 2**20,
    )
    assert report.published and not report.failed, report.failed
    backend = LocalCatalog(data).open()
    return GroundIndex(backend, models.for_fingerprint(backend.info.model))


@pytest.mark.parametrize("case", list(CASES))
def test_each_case_is_answered_from_its_own_file(
    case: str, cases_dir: Path, models: Models, tmp_path: Path
) -> None:
    idx = _index(case, cases_dir, models, tmp_path / "data")
    case_ids = {r.id for r in idx.sources() if r.namespace == ""}
    for question, needle in CASES[case]:
        answer = idx.search(Query(question))
        assert answer.answered, (case, question)
        top = answer.hits[0]
        assert top.source.id in case_ids, (question, top.source.meta.title)
        assert needle.casefold() in top.passage.text.casefold(), (question, top.passage.text)


def test_markdown_front_matter_is_read_as_yaml(cases_dir: Path, models: Models, tmp_path: Path) -> None:
    idx = _index("markdown-front-matter", cases_dir, models, tmp_path / "data")
    by_path = {r.path: r for r in idx.sources()}
    c = by_path["seed-bank-c.md"].meta
    assert c.title == "Seed saving for beginners" and c.publisher == "Riverside Garden Club"
    b = idx.source(by_path["seed-bank-b.md"].id).text
    assert b.split("\n")[0].strip(), "seed-bank-b keeps its opening sentence"
