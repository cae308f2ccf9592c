"""Hostile admin input never breaks uploads or loses files; no request costs more than a few searches;
authentication before the body; HTTP hygiene (405 Allow, HEAD, Vary, redirects, header timeout)."""

from __future__ import annotations

import asyncio
import errno
import http.client
import re
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.manifest import ManifestRow, format_manifest, parse_manifest
from corpus.metadata import strip_markup
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Query
from service import uploads as uploads_module
from service.app import create_app
from service.gate import FIRST_FIELD_MAX_BYTES
from service.schemas import HISTORY_USED, MAX_HISTORY, MAX_SEARCHES_PER_REQUEST
from service.server import protocol_with_header_timeout
from service.settings import Settings
from service.uploads import MAX_NAME_BYTES, sanitize_filename
from tests.fakes import FakeEmbedder
from tests.helpers import api_settings, app_client, build, runtime_of, write_corpus

TOKEN = "hardening-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"Accept": "text/html"}
TEXT = b"Field Notes\n\nThe ferryman carried eleven families across the river at dawn."


def _settings(root: Path, **overrides: Any) -> Settings:
    return api_settings(root, TOKEN).model_copy(update=overrides)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    build(tmp_path / "data", write_corpus(tmp_path / "src"), FakeEmbedder())
    return tmp_path


@pytest.fixture
def client(root: Path) -> Iterator[TestClient]:
    yield from app_client(_settings(root))


def _upload(client: TestClient, name: str = "notes.txt", **meta: str) -> Any:
    return client.post("/api/sources", headers=AUTH, files={"file": (name, TEXT, "text/plain")}, data=meta)


def _wait(client: TestClient) -> dict[str, Any]:
    runtime_of(client).jobs.wait(60)
    last: dict[str, Any] = client.get("/api/index", headers=AUTH).json()["last_job"]
    return last


def _uploads(root: Path) -> Path:
    return root / "data" / "uploads"


# -- 1. metadata is validated at every edge -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("title", "T" * 200_000, "title"),
        ("title", "T" * 501, "title"),
        ("publisher", "P" * 501, "publisher"),
        ("license", "L" * 501, "license"),
        ("url", "https://example.org/" + "u" * 2000, "url"),
        ("url", "javascript:alert(1)", "url: must start with http:// or https://"),
        ("url", "data:text/html,<script>alert(1)</script>", "url"),
        ("url", "ftp://example.org/file", "url: must start with http"),
        ("url", 'https://example.org/"><script>', "url: contains characters a URL cannot hold"),
        ("url", "https://", "url: has no host name"),
        ("title", "Report\nwith a line break", "title: contains control characters"),
        ("publisher", "Pub\x07lisher", "publisher: contains control characters"),
        ("title", "Evil \u202etitle", "title: contains control characters"),
        ("title", "<b></b><i></i>", "title: holds only markup"),
        ("language", "klingon!!", "language"),
        ("date", "2024-02-31", "date"),
        ("date", "yesterday", "date"),
    ],
)
def test_a_bad_metadata_field_is_a_422_naming_it_and_nothing_is_stored(
    client: TestClient, root: Path, field: str, value: str, needle: str
) -> None:
    r = _upload(client, **{field: value})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["message"].startswith(field) and needle in r.json()["error"]["message"]
    page = client.post(
        "/admin/upload",
        data={"token": TOKEN, field: value},
        files={"file": ("notes.txt", TEXT, "text/plain")},
        headers=HTML,
    )
    assert page.status_code == 422 and needle.split(":")[0] in page.text
    assert not _uploads(root).exists() or not any(_uploads(root).iterdir())
    assert runtime_of(client).jobs.last is None


def test_markup_is_removed_from_text_fields_and_urls_are_kept_exactly(client: TestClient) -> None:
    url = "https://en.wikipedia.org/wiki/Women's_rights_in_North_Korea?a=1&b=(2)#top"
    r = _upload(
        client,
        title='<script>alert("t")</script>Field <i>notes</i>',
        publisher="<img src=x onerror=alert(1)>Field Team",
        url=url,
        license="CC&nbsp;BY <!-- hidden -->",
    )
    assert r.status_code == 202, r.text
    assert _wait(client)["state"] == "succeeded"
    src = client.get(f"/api/sources/{r.json()['source_id']}").json()
    assert (src["title"], src["publisher"], src["url"], src["license"]) == (
        'alert("t") Field notes',
        "Field Team",
        url,
        "CC&nbsp;BY",
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a < b and c > d", "a < b and c > d"),
        ("AT&T &amp; R&D", "AT&T &amp; R&D"),
        ("<<b>script>alert(1)<</b>/script>", "< script>alert(1)< /script>"),  # no tag left to open
        ("x <img src=x onerror=alert(1) ", "x  "),
        ("<!-- a <b> --> text", "  text"),
    ],
)
def test_strip_markup(raw: str, clean: str) -> None:
    assert strip_markup(raw) == clean


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_strip_markup_leaves_nothing_a_browser_would_read_as_a_tag(value: str) -> None:
    out = strip_markup(value)
    assert not re.search(r"<[A-Za-z/!?]", out)
    assert strip_markup(out) == out


# -- 2. the uploads manifest is never unreadable; admin operations are all or nothing ------------------------
def test_one_long_field_no_longer_breaks_later_uploads_or_deletes(client: TestClient, root: Path) -> None:
    """The probe's attack: a 200,000-character title, then more uploads and a delete."""
    assert _upload(client, "long.txt", title="T" * 200_000).status_code == 422
    first = _upload(client, "first.txt", title="First", publisher="Pub", date="2024", url="https://a.example")
    assert first.status_code == 202 and _wait(client)["state"] == "succeeded"
    second = _upload(client, "second.txt", title="Second")
    assert second.status_code == 202 and _wait(client)["state"] == "succeeded"
    meta = client.get(f"/api/sources/{first.json()['source_id']}").json()
    assert (meta["title"], meta["publisher"], meta["date"], meta["url"]) == (
        "First",
        "Pub",
        "2024",
        "https://a.example",
    )
    assert client.delete(f"/api/sources/{second.json()['source_id']}", headers=AUTH).status_code == 202
    assert _wait(client)["state"] == "succeeded"
    assert client.get(f"/api/sources/{first.json()['source_id']}").json()["title"] == "First"


def test_a_manifest_with_a_200000_character_cell_names_the_line_and_keeps_the_other_rows() -> None:
    text = "file,title,publisher_or_author\na.txt,A,Pub A\nb.txt," + "T" * 200_000 + ",Pub B\nc.txt,C,\n"
    manifest = parse_manifest(text.encode(), Path("manifest.csv"))
    assert manifest.rows["a.txt"].title == "A" and manifest.rows["c.txt"].title == "C"
    assert manifest.rows["b.txt"].title is None and manifest.rows["b.txt"].publisher == "Pub B"
    assert [w.reason for w in manifest.warnings] == [
        "line 3: title has 200,000 characters, more than the 500 allowed; ignored"
    ]


_cell = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).map(str.strip)


@given(st.lists(st.tuples(_cell, _cell, _cell), max_size=5, unique_by=lambda t: t[0]))
@settings(max_examples=200, deadline=None)
def test_the_manifest_writer_and_reader_round_trip_every_value(cells: list[tuple[str, str, str]]) -> None:
    """Formulas (=, +, -, @) are written with a leading apostrophe and read back as given."""
    rows = [
        ManifestRow(file=f"{i}-{sanitize_filename(name + 'x.txt')}", title=title or None, license=lic or None)
        for i, (name, title, lic) in enumerate(cells)
    ]
    text = format_manifest(rows)
    back = parse_manifest(text.encode(), Path("manifest.csv"))
    assert not back.warnings
    assert [(r.file, r.title, r.license) for r in back.rows.values()] == [
        (r.file, r.title, r.license) for r in rows
    ]


def test_formulas_are_stored_as_text(client: TestClient, root: Path) -> None:
    r = _upload(client, title='=HYPERLINK("http://evil.example","click")', publisher="@SUM(A1)")
    assert r.status_code == 202 and _wait(client)["state"] == "succeeded"
    raw = (_uploads(root) / "manifest.csv").read_text("utf-8")
    assert "'=HYPERLINK" in raw and "'@SUM" in raw
    src = client.get(f"/api/sources/{r.json()['source_id']}").json()
    assert src["title"].startswith("=HYPERLINK(") and src["publisher"] == "@SUM(A1)"


def test_the_writer_refuses_what_the_reader_would_ignore() -> None:
    from corpus.errors import ManifestError

    with pytest.raises(ManifestError, match="title has 501 characters"):
        format_manifest([ManifestRow(file="a.txt", title="x" * 501)])
    with pytest.raises(ManifestError, match="source_url"):
        format_manifest([ManifestRow(file="a.txt", url="javascript:alert(1)")])


def _damage(root: Path) -> None:
    manifest = _uploads(root) / "manifest.csv"
    manifest.write_text(manifest.read_text("utf-8") + 'broken.txt,"unterminated\n', "utf-8")


def test_a_damaged_uploads_manifest_is_a_409_naming_the_line_and_nothing_moves(
    client: TestClient, root: Path
) -> None:
    r = _upload(client, "kept.txt", title="Kept")
    assert r.status_code == 202 and _wait(client)["state"] == "succeeded"
    sid = r.json()["source_id"]
    _damage(root)
    before = sorted(p.name for p in _uploads(root).iterdir())

    up = _upload(client, "other.txt", title="Other")
    assert up.status_code == 409 and "line 3" in up.json()["error"]["message"], up.text
    delete = client.delete(f"/api/sources/{sid}", headers=AUTH)
    assert delete.status_code == 409 and "line 3" in delete.json()["error"]["message"]
    assert sorted(p.name for p in _uploads(root).iterdir()) == before
    assert not (root / "data" / "trash").exists()
    assert client.get(f"/api/sources/{sid}").json()["title"] == "Kept"

    rebuild = client.post("/api/index/rebuild", headers=AUTH)
    assert rebuild.status_code == 202
    job = _wait(client)
    assert job["state"] == "failed" and "line 3" in job["error"], job
    assert client.get(f"/api/sources/{sid}").json()["title"] == "Kept"  # the last snapshot still serves


def test_a_delete_that_cannot_finish_leaves_the_file_where_it_was(
    client: TestClient, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = _upload(client, "kept.txt", title="Kept")
    assert r.status_code == 202 and _wait(client)["state"] == "succeeded"

    def disk_full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(uploads_module, "atomic_write_text", disk_full)
    delete = client.delete(f"/api/sources/{r.json()['source_id']}", headers=AUTH)
    assert delete.status_code == 507, delete.text
    assert (_uploads(root) / "kept.txt").read_bytes() == TEXT
    assert not any((root / "data" / "trash").iterdir())
    assert runtime_of(client).jobs.current is None and runtime_of(client).jobs.pending is None


def test_an_upload_that_cannot_finish_leaves_the_previous_file(
    client: TestClient, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _upload(client, "kept.txt", title="Kept").status_code == 202
    _wait(client)
    manifest = (_uploads(root) / "manifest.csv").read_bytes()

    def disk_full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(uploads_module, "atomic_write_text", disk_full)
    other = {"file": ("kept.txt", b"other text", "text/plain")}
    r = client.post("/api/sources", headers=AUTH, files=other, data={"replace": "true"})
    assert r.status_code == 507
    assert (_uploads(root) / "kept.txt").read_bytes() == TEXT
    assert (_uploads(root) / "manifest.csv").read_bytes() == manifest
    fresh = client.post("/api/sources", headers=AUTH, files={"file": ("new.txt", b"new text", "text/plain")})
    assert fresh.status_code == 507 and not (_uploads(root) / "new.txt").exists()
    assert sorted(p.name for p in _uploads(root).iterdir()) == ["kept.txt", "manifest.csv"]


def test_job_results_name_no_absolute_server_paths(root: Path) -> None:
    (root / "src" / "manifest.csv").write_bytes(b"file,title\nrefugees.txt,caf\xe9\n")  # a failure
    with TestClient(create_app(_settings(root), embedder=FakeEmbedder())) as c:
        assert c.post("/api/index/rebuild", headers=AUTH).status_code == 202
        job = _wait(c)
    assert job["state"] == "succeeded" and job["result"]["failed"], job
    assert str(root) not in repr(job) and "src/manifest.csv" in repr(job)


def test_an_upload_that_failed_to_index_can_be_deleted_by_the_id_it_was_given(
    client: TestClient, root: Path
) -> None:
    r = client.post(
        "/api/sources", headers=AUTH, files={"file": ("scan.pdf", b"%PDF-1.4\n", "application/pdf")}
    )
    assert r.status_code == 202, r.text
    sid = r.json()["source_id"]
    failed = [f["file"] for f in _wait(client)["result"]["failed"]]
    assert failed == ["scan.pdf"] and client.get(f"/api/sources/{sid}").status_code == 404
    gone = client.delete(f"/api/sources/{sid}", headers=AUTH)
    assert gone.status_code == 202, gone.text
    assert _wait(client)["result"]["failed"] == []
    assert not (_uploads(root) / "scan.pdf").exists()
    assert [p.name.endswith("scan.pdf") for p in (root / "data" / "trash").iterdir()] == [True]
    again = client.delete(f"/api/sources/{sid}", headers=AUTH)
    assert again.status_code == 404 and sid in again.json()["error"]["message"]


# -- 3. file names are shortened by bytes ---------------------------------------------------------------
def test_a_file_name_too_long_for_a_multipart_header_is_refused_saying_why(client: TestClient) -> None:
    r = client.post("/api/sources", headers=AUTH, files={"file": ("a" * 5000 + ".txt", TEXT, "text/plain")})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "malformed_upload" and "over 4 KB" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "name", ["가" * 84 + ".txt", "😀" * 300 + ".md", "a" * 1000 + ".pdf", "é" * 254 + ".html"]
)
def test_long_multibyte_names_are_shortened_by_bytes_and_stored(
    client: TestClient, root: Path, name: str
) -> None:
    stored = sanitize_filename(name)
    assert len(stored.encode()) <= MAX_NAME_BYTES and stored.endswith(name.rsplit(".", 1)[1])
    body = TEXT if name.endswith((".txt", ".md")) else b"%PDF-1.4\n" if name.endswith(".pdf") else b"x"
    r = client.post("/api/sources", headers=AUTH, files={"file": (name, body, "application/octet-stream")})
    assert r.status_code == 202, r.text
    assert (_uploads(root) / stored).is_file()
    _wait(client)


@given(st.text(min_size=1, max_size=400))
@settings(max_examples=300, deadline=None)
def test_a_sanitized_name_always_fits_a_file_system(stem: str) -> None:
    try:
        name = sanitize_filename(stem + ".txt")
    except Exception as exc:  # only a clear refusal
        assert type(exc).__name__ == "InvalidRequest"
        return
    assert 0 < len(name.encode()) <= MAX_NAME_BYTES and "/" not in name and name.endswith(".txt")


def test_a_long_curated_name_still_fits_in_the_trash(tmp_path: Path) -> None:
    name = "가" * 80 + ".txt"  # 244 bytes: legal, but a time prefix would push it over 255
    src = write_corpus(tmp_path / "src", {name: TEXT.decode()}, manifest=None)
    build(tmp_path / "data", src, FakeEmbedder())
    with TestClient(create_app(_settings(tmp_path), embedder=FakeEmbedder())) as c:
        sid = c.get("/api/sources").json()["sources"][0]["id"]
        assert c.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
        _wait(c)
    (trashed,) = (tmp_path / "data" / "trash").iterdir()
    assert len(trashed.name.encode()) <= 255 and trashed.read_bytes() == TEXT


# -- 4. a work budget per request ----------------------------------------------------------------------------
def test_the_api_refuses_a_history_over_the_cap(client: TestClient) -> None:
    ok = client.post("/api/ask", json={"question": "refugee", "history": ["earlier"] * MAX_HISTORY})
    assert ok.status_code == 200
    r = client.post("/api/ask", json={"question": "refugee", "history": ["earlier"] * (MAX_HISTORY + 1)})
    assert r.status_code == 422
    assert r.json()["error"]["message"] == f"history: at most {MAX_HISTORY} items are accepted"


def test_the_engine_uses_only_the_last_history_items(root: Path) -> None:
    """The budget re-asks HISTORY_USED earlier questions because that is all a search uses."""
    engine = GroundIndex(LocalCatalog(root / "data").open(), FakeEmbedder())
    used = ("Which NGOs reported repatriations?", "How many were detained in China?")
    long = ("refugee convention", "Korean law", "penalties for illegal entry", *used)
    assert len(used) == HISTORY_USED

    def ids(history: tuple[str, ...]) -> list[tuple[str, float]]:
        answer = engine.search(Query(question="and in October?", history=history))
        return [(h.passage.id, round(h.score, 6)) for h in (*answer.shown, *answer.related)]

    assert ids(long) == ids(used) != ids(())


def test_a_chat_page_costs_at_most_a_few_searches(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = runtime_of(client)
    searches = 0
    real_ask = runtime.ask

    def counted(query: Query) -> Any:
        nonlocal searches
        searches += 1
        return real_ask(query)

    monkeypatch.setattr(runtime, "ask", counted)
    history = [f"earlier question {i} about refugees" for i in range(MAX_HISTORY)]
    r = client.get("/", params={"h": history, "q": "and the convention?"}, headers=HTML)
    assert r.status_code == 200
    assert searches <= MAX_SEARCHES_PER_REQUEST, searches


def test_asks_over_the_rate_limit_get_429_with_retry_after(root: Path) -> None:
    settings_ = _settings(root, ask_rate_limit="3/minute")
    with TestClient(create_app(settings_, embedder=FakeEmbedder())) as c:
        assert c.get("/", headers=HTML).status_code == 200  # a page without a question is not an ask
        statuses = [c.post("/api/ask", json={"question": "refugee"}).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        api = c.post("/api/ask", json={"question": "refugee"})
        page = c.get("/", params={"q": "refugee"}, headers=HTML)
        turn = c.get("/turn", params={"q": "refugee"}, headers={**HTML, "HX-Request": "true"})
        for r in (api, page, turn):
            assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert api.json()["error"]["code"] == "rate_limited"
        assert "at most 3 per minute" in api.json()["error"]["message"]
        assert "Too many questions" in page.text
        other = TestClient(c.app, client=("203.0.113.9", 4000))  # another client has its own budget
        assert other.post("/api/ask", json={"question": "refugee"}).status_code == 200


def test_loopback_clients_are_exempt_unless_configured(root: Path) -> None:
    for loopback, expected in ((False, 200), (True, 429)):
        app = create_app(
            _settings(root, ask_rate_limit="1/minute", rate_limit_loopback=loopback), embedder=FakeEmbedder()
        )
        with TestClient(app, client=("127.0.0.1", 5000)) as c:
            c.post("/api/ask", json={"question": "refugee"})
            assert c.post("/api/ask", json={"question": "refugee"}).status_code == expected


def test_a_bad_rate_limit_setting_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="ask_rate_limit"):
        Settings(ask_rate_limit="lots")
    assert Settings(ask_rate_limit="off").ask_rate_limit == "off"


# -- 5. authentication before the body ---------------------------------------------------------------------
BOUNDARY = b"groundqaboundary"
BIG = b"a" * (20 * 1024 * 1024)


def _field(name: str, value: str) -> bytes:
    head = b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (BOUNDARY, name.encode())
    return head + value.encode() + b"\r\n"


class _Body:
    """A multipart upload (20 MB by default) delivered in 64 KB messages, counting what the app pulls."""

    def __init__(self, before: bytes = b"", after: bytes = b"", payload: bytes = BIG, name: str = "big.txt"):
        part = b'--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n' % (
            BOUNDARY,
            name.encode(),
        )
        part += b"Content-Type: text/plain\r\n\r\n" + payload + b"\r\n"
        self.data = before + part + after + b"--%s--\r\n" % BOUNDARY
        self.pulled = 0

    async def receive(self) -> dict[str, Any]:
        chunk = self.data[self.pulled : self.pulled + 65536]
        self.pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": self.pulled < len(self.data)}


def _post_raw(client: TestClient, path: str, body: _Body, headers: dict[str, str]) -> int:
    hdrs = {  # no Content-Length: sent in chunks (a too large one announced is a 413 from the headers)
        "content-type": f"multipart/form-data; boundary={BOUNDARY.decode()}",
        **{k.lower(): v for k, v in headers.items()},
    }
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in hdrs.items()],
        "client": ("203.0.113.5", 1234),
        "server": ("testserver", 80),
        "state": {},
    }
    status: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    # In a thread of its own: a browser test earlier in the same run may keep an event loop running here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(client.app(scope, body.receive, send))).result()  # type: ignore[arg-type]
    return status[0]


@pytest.mark.parametrize(
    ("path", "headers", "body"),
    [
        ("/api/sources", {}, _Body()),
        ("/api/sources", {"Authorization": "Bearer wrong"}, _Body()),
        ("/api/sources", {"Authorization": "Bearer wrong"}, _Body(_field("token", TOKEN))),
        ("/admin/upload", HTML, _Body(_field("token", "wrong"))),
        ("/admin/upload", HTML, _Body(after=_field("token", TOKEN))),  # the token after the file
        ("/admin/upload", HTML, _Body(_field("title", "x"), _field("token", TOKEN))),
        ("/admin/upload", {**HTML, **AUTH}, _Body()),  # the admin form takes its token from the form
        ("/admin/upload", HTML, _Body()),
    ],
    ids=[
        "api-none",
        "api-wrong",
        "api-form-token",
        "form-wrong",
        "form-late",
        "form-second",
        "form-hdr",
        "none",
    ],
)
def test_an_unauthenticated_upload_is_refused_before_its_body_is_read(
    client: TestClient, root: Path, path: str, headers: dict[str, str], body: _Body
) -> None:
    assert _post_raw(client, path, body, headers) == 401
    assert body.pulled <= FIRST_FIELD_MAX_BYTES + 65536, body.pulled
    assert not _uploads(root).exists()


def test_the_right_token_first_lets_the_body_through(client: TestClient, root: Path) -> None:
    form = _Body(_field("token", TOKEN), _field("title", "Form title"), payload=TEXT, name="form.txt")
    assert _post_raw(client, "/admin/upload", form, HTML) == 202
    api = _Body(payload=TEXT, name="api.txt", after=_field("title", "API title"))
    assert _post_raw(client, "/api/sources", api, AUTH) == 202
    assert (_uploads(root) / "form.txt").read_bytes() == (_uploads(root) / "api.txt").read_bytes() == TEXT
    titles = {r.file: r.title for r in runtime_of(client).uploads.rows()}
    assert titles == {"form.txt": "Form title", "api.txt": "API title"}
    _wait(client)


def test_the_admin_form_sends_its_token_first(client: TestClient) -> None:
    from html.parser import HTMLParser

    names: list[str] = []

    class Fields(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag in ("input", "select", "textarea", "button") and a.get("name"):
                names.append(str(a["name"]))

    Fields().feed(client.get("/admin").text)
    assert names[0] == "token" and "file" in names


# -- 6. HTTP: 405 with Allow, HEAD, Vary, redirects --------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/api/ask", "POST"),
        ("GET", "/api/ask", "POST"),
        ("PATCH", "/api/sources", "GET, HEAD, POST"),
        ("PUT", "/api/sources/abc", "DELETE, GET, HEAD"),
        ("DELETE", "/api/index", "GET, HEAD"),
        ("GET", "/api/index/rebuild", "POST"),
        ("POST", "/sources", "GET, HEAD"),
        ("DELETE", "/", "GET, HEAD"),
        ("GET", "/admin/upload", "POST"),
        ("HEAD", "/api/ask", "POST"),
    ],
)
def test_405_names_the_allowed_methods(client: TestClient, method: str, path: str, allow: str) -> None:
    r = client.request(method, path)
    assert r.status_code == 405 and r.headers["allow"] == allow
    if method != "HEAD":
        assert r.json()["error"]["message"].endswith("use " + " or ".join(allow.split(", ")))


def test_every_api_route_answers_405_with_its_openapi_methods(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        url = path.replace("{source_id}", "abc")
        declared = {m.upper() for m in ops}
        if "GET" in declared:
            declared.add("HEAD")
        missing = next(m for m in ("PATCH", "PUT", "POST", "DELETE") if m not in declared)
        r = client.request(missing, url, headers=AUTH)
        assert r.status_code == 405, (missing, url)
        assert set(r.headers["allow"].split(", ")) == declared, (url, r.headers["allow"])


@pytest.mark.parametrize(
    "path", ["/", "/sources", "/admin", "/api/sources", "/healthz", "/docs", "/static/app.css"]
)
def test_head_is_answered_where_get_is(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_responses_that_depend_on_a_request_header_say_so(client: TestClient) -> None:
    turn = client.get("/turn", params={"q": "refugee"}, headers={"HX-Request": "true"})
    redirect = client.get("/turn", params={"q": "refugee"}, follow_redirects=False)
    assert turn.status_code == 200 and redirect.status_code == 303
    for r in (turn, redirect):
        assert "hx-request" in r.headers["vary"].lower()
    page_404 = client.get("/no-such-page", headers=HTML)
    assert page_404.status_code == 404 and "accept" in page_404.headers["vary"].lower()


def test_a_forged_host_is_never_echoed_in_a_redirect(client: TestClient) -> None:
    r = client.get("/static", headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code in (301, 307, 308) and r.headers["location"] == "/static/"
    r = client.get("/turn", params={"q": "x"}, headers={"Host": "evil.example"}, follow_redirects=False)
    assert "evil.example" not in r.headers["location"]


# -- 7. a header-read timeout -------------------------------------------------------------------------------
@pytest.fixture
def live_server(root: Path) -> Iterator[int]:
    config = uvicorn.Config(
        create_app(_settings(root), embedder=FakeEmbedder()),
        host="127.0.0.1",
        port=0,
        log_level="error",
        http=protocol_with_header_timeout(0.5),
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield server.servers[0].sockets[0].getsockname()[1]
    server.should_exit = True
    thread.join(10)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_a_request_head_sent_too_slowly_is_cut_off(live_server: int) -> None:
    with socket.create_connection(("127.0.0.1", live_server)) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and then nothing more
        assert _closed_within(slow, 3.0)
    with socket.create_connection(("127.0.0.1", live_server)) as idle:
        assert _closed_within(idle, 3.0)  # connected, never sent a byte
    conn = http.client.HTTPConnection("127.0.0.1", live_server, timeout=5)
    try:
        socks = []
        for _ in range(2):
            conn.request("GET", "/healthz")
            r = conn.getresponse()
            assert r.status == 200 and r.read()
            socks.append(conn.sock)
            time.sleep(1.0)  # idle between requests: uvicorn's keep-alive timeout (5 s) applies, not ours
        assert socks[0] is socks[1] is not None  # the same connection served both
    finally:
        conn.close()


def test_a_refused_database_url_is_never_repeated_in_the_error() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Settings(database_url="postgresql://app:s3cret@db:5432/gq?sslmode=x%")  # type: ignore[arg-type]
    assert "s3cret" not in str(caught.value) and "not a PostgreSQL URL" in str(caught.value)
