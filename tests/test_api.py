"""The HTTP API in process (TestClient) over a tiny corpus and the fake embedder."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import api_settings, build, write_corpus

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_settings(root: Path, token: str | None = TOKEN) -> Settings:
    return api_settings(root, token)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    with TestClient(create_app(make_settings(tmp_path), embedder=emb)) as c:
        yield c


def wait_job(client: TestClient) -> dict[str, object]:
    client.app.state.runtime.jobs.wait(60)  # type: ignore[attr-defined]
    status = client.get("/api/index", headers=AUTH).json()
    assert status["job"] is None
    last: dict[str, object] = status["last_job"]
    return last


def test_ask_returns_verbatim_cited_passages(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "How many North Koreans were detained in China?", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["answered"] and 1 <= len(body["passages"]) <= 3
    assert body["index"]["version"] == "000001"
    for p in body["passages"]:
        src = client.get(f"/api/sources/{p['source']['id']}").json()
        loc = p["location"]
        assert src["text"][loc["char_start"] : loc["char_end"]] == p["text"]
        assert {"title", "publisher", "date", "url", "license", "language"} <= set(p["source"])
        for e in p["evidence"]:
            assert 0 <= e["start"] < e["end"] <= len(p["text"])
    assert body["further"] == [], "the threshold rules show no further passages"


def test_abstention_has_no_passages(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "chocolate cake recipe with walnuts"}).json()
    assert body["answered"] is False and body["passages"] == []
    assert body["further"] == [] and body["related"], "related passages, never further ones"


@pytest.mark.parametrize(
    ("payload", "status", "needle", "field"),
    [
        ({"question": "   "}, 422, "question", "question"),
        ({"question": "x" * 2001}, 422, "question", "question"),
        ({"question": "refugee", "k": 0}, 422, "k", "k"),
        ({"question": "refugee", "k": 51}, 422, "k", "k"),
        ({"question": "refugee", "filters": {"colour": "red"}}, 422, "unknown field", "filters.colour"),
        (
            {"question": "refugee", "filters": {"date_from": "last year"}},
            422,
            "date_from",
            "filters.date_from",
        ),
        (
            {"question": "refugee", "filters": {"source_ids": ["nope"]}},
            404,
            "unknown source id",
            "filters.source_ids",
        ),
        ({"question": "refugee", "history": ["x"] * 10_000}, 422, "history", "history"),
        ({"question": "refugee", "asked_on": "2024-02-30"}, 422, "not a real date", "asked_on"),
        ({"question": "refugee", "asked_on": "2024-05"}, 422, "use YYYY-MM-DD", "asked_on"),
        ({"question": "refugee", "asked_on": "last year"}, 422, "use YYYY-MM-DD", "asked_on"),
        ({"question": "refugee", "asked_on": "0000-01-01"}, 422, "0001 or later", "asked_on"),
        ({"question": "refugee", "asked_on": "1900-02-29"}, 422, "not a real date", "asked_on"),
        ({"question": "refugee", "asked_on": "2024-01-1\u0665"}, 422, "ASCII digits", "asked_on"),
        ({"question": "refugee", "asked_on": "2\uff10\uff12\uff14-01-01"}, 422, "ASCII digits", "asked_on"),
        ({"question": "refugee", "asked_on": 20240101}, 422, "valid string", "asked_on"),
        ({}, 422, "question: required", "question"),
    ],
)
def test_bad_requests_get_clear_4xx_naming_the_field(
    client: TestClient, payload: dict[str, object], status: int, needle: str, field: str
) -> None:
    r = client.post("/api/ask", json=payload)
    assert r.status_code == status
    err = r.json()["error"]
    assert needle in err["message"] and err["code"] and err["field"] == field


def test_asked_on_is_the_day_last_year_counts_from(client: TestClient) -> None:
    """A program replaying a question asked earlier gives its day: "last year" is the year before it, a
    key fact the answer must hold; without the day, the server's clock decides."""
    question = "How many North Koreans were detained in China last year?"

    def year_asked(**extra: object) -> list[str]:
        body = client.post("/api/ask", json={"question": question, "explain": True, **extra}).json()
        return [c for c in body["explain"]["constraints"] if c.startswith("year")]

    assert year_asked(asked_on="2021-06-30") == ["year: 2020 (last year)"]
    assert year_asked(asked_on="2024-02-29") == ["year: 2023 (last year)"]
    before = date.today().year
    by_the_clock = year_asked()
    after = date.today().year  # (the request may cross a new year's midnight)
    assert by_the_clock in ([f"year: {y - 1} (last year)"] for y in {before, after})


def test_a_missing_body_is_named_as_such(client: TestClient) -> None:
    r = client.post("/api/ask")
    assert r.status_code == 422
    assert r.json()["error"]["message"] == "the request body is missing: send a JSON object"


def test_malformed_json_is_400(client: TestClient) -> None:
    r = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "malformed_json"


def test_a_body_that_is_not_utf8_is_400_saying_so(client: TestClient) -> None:
    r = client.post(
        "/api/ask", content=b'{"question": "\xff refugee"}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "not UTF-8" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("content_type", "body", "status", "message"),
    [
        ("text/plain", b'{"question": "refugee"}', 415, "Content-Type: application/json"),
        ("application/x-www-form-urlencoded", b"question=refugee", 415, "Content-Type: application/json"),
        ("application/json", b'["refugee"]', 422, "the request body must be a JSON object"),
    ],
)
def test_a_body_that_is_not_a_json_object_says_what_to_send(
    client: TestClient, content_type: str, body: bytes, status: int, message: str
) -> None:
    r = client.post("/api/ask", content=body, headers={"content-type": content_type})
    assert r.status_code == status and message in r.json()["error"]["message"]


def test_the_quick_path_answers_as_fastapis_handler(client: TestClient) -> None:
    """`application/json` exactly takes the ask route's quick path; with a charset parameter FastAPI's
    own handler answers: the two responses are the same but for took_ms."""
    body = b'{"question": "How many North Koreans were detained in China?", "k": 3, "explain": true}'
    answers = []
    for media_type in ("application/json", "application/json; charset=utf-8"):
        r = client.post("/api/ask", content=body, headers={"content-type": media_type})
        assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
        answers.append({**r.json(), "took_ms": 0})
    assert answers[0] == answers[1] and answers[0]["passages"]


def test_valid_and_invalid_asks_count_once_against_the_rate_limit(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    settings = make_settings(tmp_path).model_copy(update={"ask_rate_limit": "3/minute"})
    with TestClient(create_app(settings, embedder=emb)) as c:
        assert c.post("/api/ask", json={"question": "refugee", "k": 0}).status_code == 422
        assert c.post("/api/ask", json={"question": "refugee"}).status_code == 200
        assert c.post("/api/ask", json={"question": "refugee", "extra": 1}).status_code == 422
        assert c.post("/api/ask", json={"question": "refugee"}).status_code == 429


def test_oversized_body_is_413(client: TestClient) -> None:
    r = client.post(
        "/api/ask", content=b"x" * (2 * 1024 * 1024), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_unknown_source_is_404(client: TestClient) -> None:
    r = client.get("/api/sources/does-not-exist")
    assert r.status_code == 404 and "does-not-exist" in r.json()["error"]["message"]


def test_sources_listing_counts_passages(client: TestClient) -> None:
    sources = client.get("/api/sources").json()["sources"]
    assert len(sources) == 4 and all(s["passages"] >= 1 for s in sources)
    assert {s["title"] for s in sources} >= {"난민법", "Defectors Report"}


def test_health_and_ready(client: TestClient) -> None:
    health, ready = client.get("/healthz").json(), client.get("/readyz").json()
    assert health["status"] == "ok" and ready["status"] == "ready"
    assert health["version"] == ready["version"] == "000001", "both name the index answering"
    assert health["groundqa"] == ready["groundqa"] == "0.1.0"


def test_not_ready_without_index(tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path), embedder=FakeEmbedder())) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503 and "groundqa index" in r.json()["error"]["message"]
        assert c.post("/api/ask", json={"question": "refugee"}).status_code == 503


def test_a_start_up_that_failed_says_why(tmp_path: Path) -> None:
    write_corpus(tmp_path / "src")
    (tmp_path / "data" / "CURRENT").mkdir(parents=True)  # where the published version is named
    with TestClient(create_app(make_settings(tmp_path), embedder=FakeEmbedder(), index_on_start=True)) as c:
        job = c.app.state.runtime.startup  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while job.state == "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert job.state == "failed"
        for r in (c.get("/readyz"), c.post("/api/ask", json={"question": "refugee"})):
            message = r.json()["error"]["message"]
            assert r.status_code == 503 and message.startswith("groundqa could not start: ")
            assert "could not write the new snapshot" in message
        gate = threading.Event()  # a later job (an admin's rebuild, say) is running: no stale reason
        c.app.state.runtime.jobs.start("rebuild", lambda job: gate.wait(30) and {})  # type: ignore[attr-defined]
        try:
            later = c.get("/readyz").json()["error"]["message"]
            assert not later.startswith("groundqa could not start"), later
        finally:
            gate.set()


def test_admin_needs_the_token(client: TestClient) -> None:
    assert client.post("/api/index/rebuild").status_code == 401
    r = client.post("/api/index/rebuild", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/index").status_code == 401
    assert client.delete("/api/sources/x").status_code == 401


def test_admin_disabled_without_configured_token(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    with TestClient(create_app(make_settings(tmp_path, token=None), embedder=emb)) as c:
        r = c.post("/api/index/rebuild", headers=AUTH)
        assert r.status_code == 403 and "GROUNDQA_ADMIN_TOKEN" in r.json()["error"]["message"]


def test_upload_rebuild_answer_then_delete(client: TestClient, tmp_path: Path) -> None:
    text = (
        b"Tumen Crossing Notes\n\nThe ferryman Pak Son-il carried eleven families across the river at dawn."
    )
    r = client.post(
        "/api/sources",
        headers=AUTH,
        files={"file": ("../../etc/Tumen notes.txt", text, "text/plain")},
        data={"title": "Tumen Crossing Notes", "publisher": "Field Team", "date": "2024-05-01"},
    )
    assert r.status_code == 202, r.text
    sid = r.json()["source_id"]
    job = wait_job(client)
    assert job["state"] == "succeeded", job
    stored = list((tmp_path / "data" / "uploads").glob("*.txt"))
    assert [p.name for p in stored] == ["Tumen notes.txt"]  # sanitized: no traversal
    ans = client.post("/api/ask", json={"question": "Who carried families across the river at dawn?"}).json()
    assert ans["answered"] and ans["passages"][0]["source"]["id"] == sid
    assert ans["passages"][0]["source"]["publisher"] == "Field Team"

    assert client.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
    assert wait_job(client)["state"] == "succeeded"
    assert client.get(f"/api/sources/{sid}").status_code == 404
    ans = client.post("/api/ask", json={"question": "Who carried families across the river at dawn?"}).json()
    assert all(p["source"]["id"] != sid for p in ans["passages"])
    assert list((tmp_path / "data" / "trash").iterdir())  # moved aside, not destroyed


def test_an_upload_never_overwrites_another_unasked(client: TestClient, tmp_path: Path) -> None:
    def upload(text: bytes, **form: str) -> Any:
        files = {"file": ("notes.txt", text, "text/plain")}
        return client.post("/api/sources", headers=AUTH, files=files, data=form)

    first = upload(b"The ferry left at dawn with eleven families.", title="First")
    assert first.status_code == 202
    wait_job(client)
    stored = tmp_path / "data" / "uploads" / "notes.txt"
    clash = upload(b"A different report.", title="Second")
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "source_exists"
    message = clash.json()["error"]["message"]
    assert "notes.txt" in message and first.json()["source_id"] in message and "replace=true" in message
    assert stored.read_bytes() == b"The ferry left at dawn with eleven families."
    same = upload(b"The ferry left at dawn with eleven families.", title="First, retitled")
    assert same.status_code == 202, "the same bytes again: only the metadata changes"
    wait_job(client)
    replaced = upload(b"A different report.", title="Second", replace="true")
    assert replaced.status_code == 202 and replaced.json()["source_id"] == first.json()["source_id"]
    wait_job(client)
    assert stored.read_bytes() == b"A different report."
    trash = [p.read_bytes() for p in (tmp_path / "data" / "trash").iterdir()]
    assert trash == [b"The ferry left at dawn with eleven families."], "the replaced file is kept"


def test_an_upload_of_only_whitespace_is_refused_and_not_stored(client: TestClient, tmp_path: Path) -> None:
    for name in ("blank.txt", "blank.md", "blank.html"):
        r = client.post("/api/sources", headers=AUTH, files={"file": (name, b"\n\n   \t\n", "text/plain")})
        assert r.status_code == 400 and "only whitespace" in r.json()["error"]["message"], name
    assert not (tmp_path / "data" / "uploads").exists() or not list((tmp_path / "data" / "uploads").iterdir())


def test_an_upload_in_a_legacy_korean_encoding_is_not_taken_for_whitespace(client: TestClient) -> None:
    euc_kr = "가나다".encode("cp949")  # decodes to nothing as UTF-8 with errors ignored
    r = client.post("/api/sources", headers=AUTH, files={"file": ("memo.txt", euc_kr, "text/plain")})
    assert r.status_code == 202, r.text


@pytest.mark.parametrize(
    ("name", "needle"), [("evil.exe", "not accepted"), ("noextension", "extension"), ("...", "extension")]
)
def test_upload_refuses_bad_files(client: TestClient, name: str, needle: str) -> None:
    r = client.post("/api/sources", headers=AUTH, files={"file": (name, b"hello", "text/plain")})
    assert r.status_code == 400 and needle in r.json()["error"]["message"]


def test_upload_too_large(client: TestClient) -> None:
    r = client.post("/api/sources", headers=AUTH, files={"file": ("big.txt", b"a " * 700_000, "text/plain")})
    assert r.status_code in (400, 413)


def test_second_rebuild_conflicts_with_job_id(client: TestClient) -> None:
    import threading

    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    gate = threading.Event()
    runtime.jobs.start("rebuild", lambda job: gate.wait(30) and {})
    try:
        r = client.post("/api/index/rebuild", headers=AUTH)
        assert r.status_code == 409
        assert r.json()["error"]["job_id"] == runtime.jobs.current.id
    finally:
        gate.set()
        runtime.jobs.wait(30)


def test_openapi_declares_error_responses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ask = spec["paths"]["/api/ask"]["post"]["responses"]
    assert {"200", "400", "422", "503"} <= set(ask)
    assert "401" in spec["paths"]["/api/index/rebuild"]["post"]["responses"]


def test_errors_carry_no_traceback_or_paths(client: TestClient, tmp_path: Path) -> None:
    r = client.post("/api/ask", json={"question": "refugee", "filters": {"source_ids": ["x"]}})
    assert "Traceback" not in r.text and str(tmp_path) not in r.text


def test_explain_returns_the_decision_and_every_candidate(client: TestClient) -> None:
    body = client.post(
        "/api/ask", json={"question": "How many North Koreans were detained in China?", "explain": True}
    ).json()
    e = body["explain"]
    assert e["reason"] and e["method"] in ("model", "thresholds") and e["bars"]
    assert "detain" in e["terms"] and e["candidates"]
    shown = [c["passage_id"] for c in e["candidates"] if c["shown"]]
    assert shown and set(shown) == {p["id"] for p in body["passages"]}
    plain = client.post("/api/ask", json={"question": "How many North Koreans were detained in China?"})
    assert plain.json()["explain"] is None
    bad = client.post("/api/ask", json={"question": "x", "explain": "yes"})
    assert bad.status_code == 422 and "explain" in bad.json()["error"]["message"]
    assert e["translated"] == []  # nothing of it is in the Korean passages
    # an English question whose words the Korean passages hold: searched in Korean too
    e = client.post("/api/ask", json={"question": "refugee repatriation", "explain": True}).json()["explain"]
    assert e["translated"] == ["refuge → 난민", "repatri → 송환"]


def test_the_word_list_is_read_beside_serving_not_inside_the_first_question(client: TestClient) -> None:
    import time

    index = client.app.state.runtime.index  # type: ignore[attr-defined]
    # no question asked: the server reads it once the index is open, since this collection has
    # Korean and English passages
    deadline = time.monotonic() + 30
    while index._lexicon_read is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert index._lexicon_read is not None and index._lexicon_read[0] is not None
