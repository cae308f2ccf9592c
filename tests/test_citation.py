"""Citations: the most precise place of a passage, and the exports a reference manager imports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corpus.models import Passage, SourceMeta
from index.citation import bibtex, citation_text, csl_json, place, ris
from service.app import create_app
from tests.fakes import FakeEmbedder
from tests.helpers import api_settings, build, write_corpus

META = SourceMeta(
    title="Convention relating to the Status of Refugees",
    publisher="United Nations",
    date="1951-07-28",
    url="https://example.org/1951",
    license="Public domain",
    language="en",
)
ACCESSED = date(2026, 11, 29)


def passage(**changes: object) -> Passage:
    base: dict[str, object] = {
        "id": "abc123def456",
        "source_id": "src",
        "text": "No Contracting State shall expel or return a refugee.",
        "char_start": 1200,
        "char_end": 1253,
        "page": None,
        "ordinal": 3,
    }
    base.update(changes)
    return Passage(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "label"),
    [
        ({}, "chars 1200–1253"),
        ({"page": 12}, "p. 12"),
        ({"page": 4, "page_end": 5}, "pp. 4–5"),
        ({"section": ("Chapter V", "Article 33")}, "Art. 33"),
        ({"section": ("Chapter V", "Article 33", "2")}, "Art. 33(2)"),
        ({"page": 7, "section": ("Article 33",)}, "p. 7, Art. 33"),
        ({"section": ("제2장", "제8조(난민인정 등의 결정)", "제1항")}, "제8조제1항"),
        ({"section": ("§ 7801",)}, "§ 7801"),
        ({"section": ("History", "Division of Korea")}, "sec. “Division of Korea”"),
    ],
)
def test_the_most_precise_place_is_named(changes: dict[str, object], label: str) -> None:
    assert place(passage(**changes)).label == label


def test_passages_of_one_unsectioned_text_cite_different_places() -> None:
    """The tracker's news article: every quote was "¶ 1"; now each names its own characters."""
    a, b = passage(char_start=0, char_end=300), passage(char_start=300, char_end=620)
    assert citation_text(META, a) != citation_text(META, b)
    assert "chars 0–300" in citation_text(META, a) and "¶" not in citation_text(META, a)


def test_copy_text_has_every_part() -> None:
    text = citation_text(META, passage(page=12, section=("Article 33",)))
    assert text == (
        "United Nations, “Convention relating to the Status of Refugees”, 1951-07-28, p. 12, Art. 33, "
        "Public domain. https://example.org/1951"
    )


def test_csl_json_holds_the_metadata_location_and_access_date() -> None:
    (item,) = json.loads(csl_json(META, passage(page=12, page_end=13, section=("Article 33",)), ACCESSED))
    assert item["title"] == META.title and item["publisher"] == "United Nations"
    assert item["issued"] == {"date-parts": [[1951, 7, 28]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 29]]}
    assert item["URL"] == META.url and item["license"] == "Public domain" and item["language"] == "en"
    assert item["page"] == "12-13" and item["section"] == "Art. 33"
    assert "1200–1253" in item["note"]


def test_bibtex_escapes_and_names_the_place() -> None:
    meta = SourceMeta(title="Rights & {duties} of 100% _refugees_", publisher="UN $ Office", date="2023")
    entry = bibtex(meta, passage(section=("Article 33",)), ACCESSED)
    assert entry.startswith("@misc{un2023-abc123de,\n")
    assert r"title = {{Rights \& \{duties\} of 100\% \_refugees\_}}" in entry
    assert r"publisher = {UN \$ Office}" in entry
    assert "year = {2023}" in entry and "urldate = {2026-11-29}" in entry
    assert "chapter = {Art. 33}" in entry
    assert entry.count("{") == entry.count("}")


def test_ris_is_one_record_with_crlf_lines() -> None:
    text = ris(META, passage(page=12, page_end=13), ACCESSED)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - GEN" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "TI  - Convention relating to the Status of Refugees" in lines
    assert "PY  - 1951" in lines and "DA  - 1951/07/28/" in lines and "Y2  - 2026/11/29" in lines
    assert "SP  - 12" in lines and "EP  - 13" in lines and "UR  - https://example.org/1951" in lines
    assert "N1  - Licence: Public domain" in lines


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("cite")
    emb = FakeEmbedder()
    build(root / "data", write_corpus(root / "src"), emb)
    with TestClient(create_app(api_settings(Path(root), None), embedder=emb)) as c:
        yield c


def _first_passage(client: TestClient) -> dict[str, object]:
    question = "How many North Koreans were detained in China awaiting deportation?"
    body = client.post("/api/ask", json={"question": question}).json()
    assert body["answered"]
    first: dict[str, object] = body["passages"][0]
    return first


def test_api_location_names_the_place(client: TestClient) -> None:
    p = _first_passage(client)
    loc = p["location"]
    assert isinstance(loc, dict)
    assert loc["cite"] == f"chars {loc['char_start']}–{loc['char_end']}"


@pytest.mark.parametrize(
    ("fmt", "media", "suffix"),
    [
        ("csl-json", "application/vnd.citationstyles.csl+json", ".json"),
        ("bibtex", "application/x-bibtex", ".bib"),
        ("ris", "application/x-research-info-systems", ".ris"),
    ],
)
def test_citation_download_in_each_format(client: TestClient, fmt: str, media: str, suffix: str) -> None:
    p = _first_passage(client)
    r = client.get(f"/api/passages/{p['id']}/citation", params={"format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["content-disposition"].endswith(f'{suffix}"')
    source = p["source"]
    assert isinstance(source, dict)
    assert source["title"] in r.text and "example.org" in r.text
    assert date.today().isoformat()[:4] in r.text  # the access date


def test_citation_defaults_to_csl_json_and_refuses_unknown_ids_and_formats(client: TestClient) -> None:
    p = _first_passage(client)
    r = client.get(f"/api/passages/{p['id']}/citation")
    assert r.status_code == 200 and json.loads(r.text)[0]["id"] == p["id"]
    missing = client.get("/api/passages/no-such-passage/citation")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = client.get(f"/api/passages/{p['id']}/citation", params={"format": "word"})
    assert bad.status_code == 422 and "format" in bad.json()["error"]["message"]


def test_citation_endpoint_is_documented(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/api/passages/{passage_id}/citation"]["get"]
    assert set(op["responses"]["200"]["content"]) == {
        "application/vnd.citationstyles.csl+json",
        "application/x-bibtex",
        "application/x-research-info-systems",
    }
    (param,) = [x for x in op["parameters"] if x["name"] == "format"]
    assert "bibtex" in json.dumps(param["schema"])
