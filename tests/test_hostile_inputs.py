"""Hostile input: malformed files (bench.hostile) and abusive API requests; each gets a clear answer."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bench.hostile import CANARY, Collection, flate_bomb_pdf, generate
from index import LocalCatalog, SourceDir, UpdateReport, update_index
from index.engine import GroundIndex
from index.types import Query
from service.app import create_app
from service.settings import Settings
from service.uploads import sanitize_filename
from tests.fakes import FakeEmbedder
from tests.helpers import build, write_corpus

LIMIT = 2 * 1024 * 1024  # the ingestion limit in these tests; the one-line file is over it
TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass
class Run:
    collection: Collection
    report: UpdateReport
    index: GroundIndex
    seconds: float


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    collection = generate(
        root / "sources", max_bytes=LIMIT, big_line_bytes=3 * 1024 * 1024, zip_bomb_mb=300, flate_bomb_mb=100
    )
    emb = FakeEmbedder()
    started = time.perf_counter()
    report = update_index(
        catalog=LocalCatalog(root / "data"),
        inputs=[SourceDir(collection.folder)],
        embedder=emb,
        max_bytes=LIMIT,
    )
    seconds = time.perf_counter() - started
    return Run(collection, report, GroundIndex.open(root / "data", emb), seconds)


def _paths(run: Run) -> tuple[dict[str, str], set[str]]:
    failed = {f.path: f.reason for f in run.report.failed}
    added = {rec.path for rec in run.index.sources()}
    return failed, added


def test_collection_has_at_least_30_hostile_files(run: Run) -> None:
    assert len(run.collection.cases) >= 30
    assert run.report.published and run.seconds < 30


def test_each_file_is_ingested_or_refused_with_a_clear_reason(run: Run) -> None:
    failed, added = _paths(run)
    warnings: dict[str, list[str]] = {}
    for w in run.report.warnings:
        warnings.setdefault(w.path, []).append(w.reason)
    wrong = []
    for case in run.collection.cases:
        is_failed, is_added = case.rel in failed, case.rel in added
        if is_failed == is_added:
            wrong.append(f"{case.rel!r}: {'both refused and ingested' if is_added else 'neither'}")
        elif is_failed and case.outcome == "added":
            wrong.append(f"{case.rel!r} refused ({failed[case.rel]}), expected to be ingested")
        elif is_added and case.outcome == "failed":
            wrong.append(f"{case.rel!r} ingested, expected refusal matching {case.reason!r}")
        elif is_failed and case.reason and not re.search(case.reason, failed[case.rel]):
            wrong.append(f"{case.rel!r} refused with {failed[case.rel]!r}, expected {case.reason!r}")
        elif (
            is_added
            and case.outcome == "added"
            and case.reason
            and not any(re.search(case.reason, w) for w in warnings.get(case.rel, []))
        ):
            wrong.append(f"{case.rel!r} ingested without a warning matching {case.reason!r}")
    assert wrong == []


def test_every_refusal_reason_is_a_readable_sentence(run: Run) -> None:
    for f in run.report.failed:
        assert len(f.reason) >= 12 and "Traceback" not in f.reason, f
        assert "\n" not in f.reason and not INVISIBLE.search(f.reason), f


def test_nothing_outside_the_folder_is_read(run: Run) -> None:
    for rec in run.index.sources():
        assert (
            CANARY not in run.index.source(rec.id).text and "root:x:0:0" not in run.index.source(rec.id).text
        ), rec.path


def test_ingested_hostile_sources_keep_the_verbatim_invariant(run: Run) -> None:
    assert run.index.info.passages > 0
    for rec in run.index.sources():
        text = run.index.source(rec.id).text
        assert text and not INVISIBLE.sub("", text).isspace()
        for p in run.index.passages_of(rec.id):
            assert text[p.char_start : p.char_end] == p.text and p.text.strip() == p.text


def test_citation_metadata_holds_no_invisible_or_control_characters(run: Run) -> None:
    for rec in run.index.sources():
        m = rec.meta
        for value in (m.title, m.publisher, m.url, m.license):
            assert value is None or not INVISIBLE.search(value), (rec.path, value)
        assert len(m.title) <= 500
        assert m.url is None or m.url.startswith(("http://", "https://")), (rec.path, m.url)
    good = next(r for r in run.index.sources() if r.path == "good.txt").meta
    assert (good.title, good.publisher, good.date, good.language) == (
        "Good evil title",
        "Pub",
        "2024-02",
        "en",
    )


def test_garbage_manifest_rows_are_warnings_and_the_rest_applies(run: Run) -> None:
    warnings = [(w.path, w.reason) for w in run.report.warnings]
    for path, needle in run.collection.manifest_warnings:
        assert any(p == path and needle in r for p, r in warnings), (path, needle, warnings)


def test_report_is_json_safe(run: Run) -> None:
    body = json.dumps(run.report.to_json(), ensure_ascii=False).encode("utf-8")
    assert b"latin1-?.txt" in body


def test_a_second_run_over_the_same_files_changes_nothing(run: Run) -> None:
    folder = run.collection.folder
    report = update_index(
        catalog=LocalCatalog(folder.parent / "data"),
        inputs=[SourceDir(folder)],
        embedder=FakeEmbedder(),
        max_bytes=LIMIT,
    )
    assert not report.published and not report.added and not report.changed
    assert sorted(f.path for f in report.failed) == sorted(f.path for f in run.report.failed)


# -- manifests that cannot be used at all ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"file,title\nrefugees.txt,A\x00B\n", "contains NUL bytes"),
        (b"file,title\nrefugees.txt,caf\xe9\n", "is not UTF-8"),
        (b'file,title\nrefugees.txt,"unclosed\n', "unparseable CSV"),
        (b"title,publisher\nA,B\n", "no 'file' column"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not UTF-8|NUL"),
        (b"", "is empty"),
    ],
)
def test_unusable_manifest_is_one_failure_and_the_files_are_still_indexed(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    src = write_corpus(tmp_path / "src", manifest=None)
    (src / "manifest.csv").write_bytes(content)
    report = build(tmp_path / "data", src, FakeEmbedder())
    assert report.published and len(report.added) == 4
    assert [f.path.rsplit("/", 1)[-1] for f in report.failed] == ["manifest.csv"]
    assert re.search(reason, report.failed[0].reason), report.failed[0].reason


# -- the server over hostile files ------------------------------------------------------------------------
@pytest.fixture
def hostile_client(run: Run, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        sources_dir=run.collection.folder,
        data_dir=tmp_path / "data",
        admin_token=TOKEN,  # type: ignore[arg-type]
        max_file_mb=LIMIT / 2**20,
        max_upload_mb=1,
    )
    with TestClient(create_app(settings, embedder=FakeEmbedder())) as client:
        yield client


def _wait(client: TestClient) -> dict[str, Any]:
    client.app.state.runtime.jobs.wait(60)  # type: ignore[attr-defined]
    status = client.get("/api/index", headers=AUTH)
    assert status.status_code == 200, status.text
    last: dict[str, Any] = status.json()["last_job"]
    return last


def test_server_indexes_the_hostile_folder_and_keeps_answering(run: Run, hostile_client: TestClient) -> None:
    c = hostile_client
    assert c.get("/readyz").status_code == 503
    assert c.post("/api/index/rebuild", headers=AUTH).status_code == 202
    job = _wait(c)
    assert job["state"] == "succeeded", job
    failed = {f["file"] for f in job["result"]["failed"]}
    assert {"binary-png.txt", "zip-bomb.docx", "page-bomb.pdf", "link-out.txt", "latin1-?.txt"} <= failed
    sources = c.get("/api/sources").json()["sources"]
    assert len(sources) == run.index.info.sources
    for s in sources:
        detail = c.get(f"/api/sources/{s['id']}")
        assert detail.status_code == 200 and CANARY not in detail.text
    r = c.post("/api/ask", json={"question": "Which families crossed the river at night?", "k": 10})
    assert r.status_code == 200 and r.json()["answered"]
    for p in r.json()["passages"]:
        text = c.get(f"/api/sources/{p['source']['id']}").json()["text"]
        assert text[p["location"]["char_start"] : p["location"]["char_end"]] == p["text"]
    for page in ("/", "/sources", "/admin"):
        assert c.get(page).status_code == 200


# Content that cannot be of its type is refused at the door (400), before anything is stored.
REFUSED: list[tuple[str, bytes, str]] = [
    ("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file with a text extension"),
    ("junk.pdf", bytes(range(256)) * 8, "not a PDF: no %PDF- header"),
    ("junk.docx", b"PK\x03\x04" + bytes(64), "not a DOCX: not a ZIP archive"),
]
UPLOADS: list[tuple[str, bytes | None, str]] = [
    ("bomb.docx", None, "ZIP bomb"),  # zip-bomb.docx of the collection
    ("pages.pdf", None, "no extractable text in 5000 pages"),  # page-bomb.pdf of the collection
    ("nested.html", ("<div>" * 100_000).encode() + b"x", ""),  # flattened: its text is kept
    ("nul\x00name.txt", b"A file whose name held a NUL byte, about the river.", ""),
    ("..\\..\\..\\etc\\cron.d\\evil.txt", b"Traversal attempt text about the river.", ""),
    ("/etc/passwd.md", b"# Absolute\n\nAn absolute path upload about the river.", ""),
    ("\u202egnp.txt", b"Right-to-left override in the name, about the river.", ""),
]


def test_uploads_that_cannot_be_of_their_type_are_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    settings = Settings(sources_dir=tmp_path / "src", data_dir=tmp_path / "data", admin_token=TOKEN)  # type: ignore[arg-type]
    with TestClient(create_app(settings, embedder=emb)) as c:
        for name, content, reason in REFUSED:
            upload = {"file": (name, content, "application/octet-stream")}
            r = c.post("/api/sources", headers=AUTH, files=upload)
            assert r.status_code == 400, (name, r.text)
            assert r.json()["error"]["message"].startswith(f"{name}: {reason}"), r.text
        assert c.get("/api/index", headers=AUTH).json()["job"] is None  # no rebuild was started
    uploads = tmp_path / "data" / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_hostile_uploads_are_stored_safely_and_reported(run: Run, tmp_path: Path) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    settings = Settings(sources_dir=tmp_path / "src", data_dir=tmp_path / "data", admin_token=TOKEN)  # type: ignore[arg-type]
    folder = run.collection.folder
    generated = {
        "bomb.docx": (folder / "zip-bomb.docx").read_bytes(),
        "pages.pdf": (folder / "page-bomb.pdf").read_bytes(),
    }
    with TestClient(create_app(settings, embedder=emb)) as c:
        for name, content, reason in UPLOADS:
            body = generated[name] if content is None else content
            r = c.post("/api/sources", headers=AUTH, files={"file": (name, body, "application/octet-stream")})
            assert r.status_code == 202, (name, r.text)
            job = _wait(c)
            assert job["state"] == "succeeded", (name, job)
            stored = sanitize_filename(name)
            reasons = [f["reason"] for f in job["result"]["failed"] if f["file"] == stored]
            detail = c.get(f"/api/sources/{r.json()['source_id']}")
            if reason:
                assert any(reason in x for x in reasons), (name, job["result"]["failed"])
                assert detail.status_code == 404
            else:
                assert not reasons and detail.status_code == 200, (name, reasons)
                assert not INVISIBLE.search(detail.json()["title"])
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200
    uploads = tmp_path / "data" / "uploads"
    for path in uploads.iterdir():
        assert path.resolve().parent == uploads.resolve() and not path.name.startswith("."), path.name
        assert "\\" not in path.name and "\x00" not in path.name and not INVISIBLE.search(path.name)


# -- API abuse: every one a clear 4xx ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("abuse")
    emb = FakeEmbedder()
    build(root / "data", write_corpus(root / "src"), emb)
    settings = Settings(sources_dir=root / "src", data_dir=root / "data", admin_token=TOKEN)  # type: ignore[arg-type]
    with TestClient(create_app(settings, embedder=emb), raise_server_exceptions=False) as client:
        yield client


def _nested(depth: int) -> bytes:
    return b'{"question": "refugee", "filters": {"source_ids": ' + b"[" * depth + b"]" * depth + b"}}"


ABUSE: dict[str, bytes] = {
    "oversized body": json.dumps({"question": "refugee", "history": ["x" * 1000] * 1100}).encode(),
    "10,000-item history": json.dumps({"question": "refugee", "history": ["earlier"] * 10_000}).encode(),
    "deeply nested filters": _nested(100_000),
    "nested filters (shallow)": _nested(50),
    "deeply nested objects": b'{"question": "refugee", "filters": '
    + b'{"a":' * 50_000
    + b"1"
    + b"}" * 50_001,
    "lone surrogate in question": b'{"question": "refugee \\ud800 convention"}',
    "lone surrogate in history": b'{"question": "refugee", "history": ["\\udfff"]}',
    "lone surrogate in a filter": b'{"question": "refugee", "filters": {"source_ids": ["\\ud800"]}}',
    "lone surrogate in publishers": b'{"question": "refugee", "filters": {"publishers": ["\\udbff"]}}',
    "NUL in question": b'{"question": "refugee\\u0000convention"}',
    "controls in question": b'{"question": "refugee\\u0007\\u001b[31m convention"}',
    "RTL override in question": b'{"question": "\\u202erefugee convention\\u202c"}',
    "isolate controls in history": b'{"question": "refugee", "history": ["\\u2066x\\u2069"]}',
    "only invisible characters": b'{"question": "\\u200b\\u200d\\ufeff\\u2060"}',
    "invalid UTF-8": b'{"question": "\xff\xfe refugee"}',
    "not JSON": b"question=refugee",
    "JSON array": b'["refugee"]',
    "JSON null": b"null",
    "NaN k": b'{"question": "refugee", "k": NaN}',
    "huge integer k": b'{"question": "refugee", "k": ' + b"9" * 5000 + b"}",
    "k as a float": b'{"question": "refugee", "k": 2.5}',
    "unknown field": b'{"question": "refugee", "admin": true}',
    "question as a list": b'{"question": ["refugee"]}',
    "2,001-character question": json.dumps({"question": "x" * 2001}).encode(),
    "impossible date": b'{"question": "refugee", "filters": {"date_from": "2024-13-45"}}',
}


@pytest.mark.parametrize("case", list(ABUSE))
def test_abusive_ask_requests_get_a_clear_4xx(api: TestClient, case: str) -> None:
    r = api.post("/api/ask", content=ABUSE[case], headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    error = r.json()["error"]
    assert error["code"] and len(error["message"]) >= 10 and "Traceback" not in r.text
    assert not re.search(r"[\ud800-\udfff]", error["message"])
    assert api.get("/healthz").status_code == 200


def test_oversized_body_is_413_even_without_content_length(api: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    r = api.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_ordinary_unicode_questions_are_answered(api: TestClient) -> None:
    for question in (
        "난민 강제 송환",
        "¿Refugiados? — «asile» 难民",
        "e\u0301migre\u0301 refugee",
        "👩‍👩‍👧 refugee",
    ):
        r = api.post("/api/ask", json={"question": question})
        assert r.status_code == 200, (question, r.text)
        assert unicodedata.normalize("NFC", r.json()["question"]) == unicodedata.normalize("NFC", question)


# -- big files (slow: integration) --------------------------------------------------------------------------
@pytest.mark.integration
def test_big_one_line_file_under_the_limit_is_indexed_in_bounded_time(tmp_path: Path) -> None:
    collection = generate(
        tmp_path / "src", big_line_bytes=15 * 1024 * 1024, special_files=False, zip_bomb_mb=300
    )
    keep = {"one-huge-line.txt", "good.txt"}
    for case in collection.cases:
        path = collection.folder / case.rel
        if case.rel not in keep and path.is_file() and not path.is_symlink():
            path.unlink()
    started = time.perf_counter()
    report = update_index(
        catalog=LocalCatalog(tmp_path / "data"),
        inputs=[SourceDir(collection.folder)],
        embedder=FakeEmbedder(),
        max_bytes=50 * 1024 * 1024,
    )
    seconds = time.perf_counter() - started
    assert report.published and seconds < 180, seconds
    idx = GroundIndex.open(tmp_path / "data", FakeEmbedder())
    rec = next(r for r in idx.sources() if r.path == "one-huge-line.txt")
    assert len(idx.source(rec.id).text) > 15_000_000 and rec.passage_count > 1000
    assert idx.search(Query("Which families crossed the river at night?")).hits


@pytest.mark.integration
def test_50_mb_one_line_file_at_the_default_limit_is_refused_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "good.txt").write_text("Good\n\nThe river was crossed at night.", "utf-8")
    block = b"river crossing at night " * 4096
    with open(folder / "huge.txt", "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block)):
            fh.write(block)
    started = time.perf_counter()
    report = update_index(
        catalog=LocalCatalog(tmp_path / "data"),
        inputs=[SourceDir(folder)],
        embedder=FakeEmbedder(),
        max_bytes=50 * 1024 * 1024,
    )
    assert time.perf_counter() - started < 60
    reasons = {f.path: f.reason for f in report.failed}
    assert "more than the 20,000,000" in reasons["huge.txt"] and report.published


def test_pdf_flate_bomb_costs_at_most_a_few_seconds() -> None:
    """A ~70 KB PDF whose page inflates to 70 MB of text: read contained, in a few seconds (PDFium
    keeps 32,767 characters of the one huge text run; pypdf used to take 20-45 s before refusing it)."""
    from corpus.sandbox import extract_contained

    started = time.perf_counter()
    extracted = extract_contained(flate_bomb_pdf(70), ".pdf")
    assert time.perf_counter() - started < 15
    assert 0 < len(extracted.parts[0]) < 100_000
