"""Security: admin token on every admin action (API and web), headers, binding, errors without traces."""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import socket
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service import deps
from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import MANIFEST, TINY, api_settings, app_client, build, runtime_of, write_corpus

TOKEN = "s3cret-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE_MANIFEST = MANIFEST + (
    'evil.txt,"<script>alert(1)</script> Evil ""title""",<img src=x onerror=alert(2)>,2024,'
    "javascript:alert(3),test,CC0,en\n"
)
EVIL_TEXT = "Evil report\n\nThe smugglers said <script>alert(4)</script> near the river crossing at night."


def _settings(root: Path, token: str | None = TOKEN) -> Settings:
    return api_settings(root, token)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = write_corpus(tmp_path / "src", {**TINY, "evil.txt": EVIL_TEXT}, HOSTILE_MANIFEST)
    build(tmp_path / "data", src, FakeEmbedder())
    return tmp_path


@pytest.fixture
def client(corpus: Path) -> Iterator[TestClient]:
    yield from app_client(_settings(corpus))


def _source_id(client: TestClient, path: str) -> str:
    return next(s["id"] for s in client.get("/api/sources").json()["sources"] if s["path"] == path)


# -- the admin token ------------------------------------------------------------------------------------
def test_token_is_compared_in_constant_time() -> None:
    code = inspect.getsource(deps.check_token)
    assert "hmac.compare_digest(" in code
    assert not re.search(r"(presented|token)[^\n]*[!=]=\s*(presented|token)", code)


def _admin_routes(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    routes = [
        (method.upper(), path)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if "admin" in op.get("tags", [])
    ]
    assert {("POST", "/api/sources"), ("DELETE", "/api/sources/{source_id}")} <= set(routes)
    assert {("POST", "/api/index/rebuild"), ("GET", "/api/index")} <= set(routes)
    return routes


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong",
        f"Basic {TOKEN}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        f"Token {TOKEN}",
        ("Bearer " + "é" * 10).encode(),
    ],
)
def test_every_admin_endpoint_refuses_a_missing_or_wrong_token(
    client: TestClient, authorization: str | bytes | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in _admin_routes(client):
        url = path.replace("{source_id}", _source_id(client, "refugees.txt"))
        files = (
            {"file": ("x.txt", b"some text", "text/plain")} if method == "POST" and "sources" in url else None
        )
        r = client.request(method, url, headers=headers, files=files)
        assert r.status_code == 401, (method, url, r.text)
        assert r.json()["error"]["code"] == "unauthorized" and r.headers["www-authenticate"] == "Bearer"
    assert runtime_of(client).jobs.current is None and runtime_of(client).jobs.last is None
    assert not runtime_of(client).settings.resolved_uploads_dir.exists()


def test_admin_endpoints_are_disabled_without_a_configured_token(corpus: Path) -> None:
    for token in (None, ""):
        with TestClient(create_app(_settings(corpus, token), embedder=FakeEmbedder())) as c:
            for method, path in _admin_routes(c):
                r = c.request(method, path.replace("{source_id}", "x"), headers={"Authorization": "Bearer "})
                assert r.status_code == 403 and "GROUNDQA_ADMIN_TOKEN" in r.json()["error"]["message"]
            for action in ("status", "rebuild", "delete", "upload"):
                assert c.post(f"/admin/{action}", data={"token": ""}).status_code == 403


def test_the_right_token_is_accepted(client: TestClient) -> None:
    r = client.get("/api/index", headers=AUTH)
    assert r.status_code == 200 and r.json()["ready"] is True


@pytest.mark.parametrize("token", ["", "wrong-token-value", TOKEN + " ", TOKEN.upper()])
def test_web_admin_actions_need_the_token_and_do_nothing_without_it(client: TestClient, token: str) -> None:
    sid = _source_id(client, "refugees.txt")
    posts: list[tuple[str, dict[str, Any]]] = [
        ("/admin/status", {}),
        ("/admin/rebuild", {"data": {"full": "true"}}),
        ("/admin/delete", {"data": {"source_id": sid}}),
        ("/admin/upload", {"files": {"file": ("evil.txt", b"text", "text/plain")}}),
    ]
    for path, extra in posts:
        data = {"token": token, **extra.get("data", {})}
        r = client.post(path, data=data, files=extra.get("files"), headers={"Accept": "text/html"})
        assert r.status_code == 401, (path, r.text[:300])
        if token:
            assert token not in r.text  # a wrong token is never echoed back
        assert "in the token field" in r.text and "Authorization" not in r.text  # how a form sends it
        assert "no-store" in r.headers["cache-control"]
    assert runtime_of(client).jobs.last is None and runtime_of(client).jobs.current is None
    assert (client.app.state.runtime.settings.sources_dir / "refugees.txt").is_file()  # type: ignore[attr-defined]
    assert not runtime_of(client).settings.resolved_uploads_dir.exists()


def test_admin_page_without_token_shows_no_admin_data(client: TestClient) -> None:
    r = client.get("/admin")
    assert r.status_code == 200 and "no-store" in r.headers["cache-control"]
    assert TOKEN not in r.text


def test_no_cookies_so_no_cross_site_request_can_act_as_the_admin(client: TestClient) -> None:
    """Admin actions carry the token in the form itself; with no cookie session, CSRF has nothing to ride."""
    responses = [
        client.get("/"),
        client.get("/admin"),
        client.post("/admin/status", data={"token": TOKEN}),
        client.get("/api/index", headers=AUTH),
    ]
    assert all(r.status_code == 200 for r in responses)
    assert all("set-cookie" not in r.headers for r in responses)
    assert not client.cookies
    forged = client.post(
        "/admin/rebuild",
        data={"full": "true"},
        headers={"Origin": "https://evil.example", "Referer": "https://evil.example/"},
    )
    assert forged.status_code == 401 and runtime_of(client).jobs.last is None


def test_no_cors_headers_for_foreign_origins(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "refugee"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/index/rebuild",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers


def test_delete_never_moves_a_file_outside_the_sources_folder(corpus: Path) -> None:
    """An index whose stored path climbs out of its folder (as a backslash file name could make before
    the scanner refused them) must not let DELETE move an outside file into the trash."""
    victim = corpus / "victim.txt"
    victim.write_text("not a source", "utf-8")
    snap = corpus / "data" / "snapshots" / "000001"
    con = sqlite3.connect(snap / "store.sqlite")
    with con:
        sid = con.execute("SELECT id FROM sources WHERE path = 'refugees.txt'").fetchone()[0]
        con.execute("UPDATE sources SET path = '../victim.txt' WHERE id = ?", (sid,))
    con.close()
    manifest = json.loads((snap / "manifest.json").read_text("utf-8"))
    manifest["files"]["store.sqlite"] = hashlib.sha256((snap / "store.sqlite").read_bytes()).hexdigest()
    (snap / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with TestClient(create_app(_settings(corpus), embedder=FakeEmbedder())) as c:
        assert c.get("/readyz").status_code == 200
        r = c.delete(f"/api/sources/{sid}", headers=AUTH)
        assert 400 <= r.status_code < 500, r.text
        _clean(r, corpus)
    assert victim.read_text("utf-8") == "not a source"


# -- security headers -------------------------------------------------------------------------------------
def _html_pages(client: TestClient) -> list[str]:
    sid = _source_id(client, "evil.txt")
    return [
        "/",
        "/?q=smugglers+river+crossing",
        "/sources",
        f"/sources/{sid}",
        "/admin",
        "/docs",
        "/no-such-page",
        "/sources/no-such-source",
    ]


def test_html_responses_carry_a_strict_csp_and_the_other_headers(client: TestClient) -> None:
    for path in _html_pages(client):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.headers["content-type"].startswith("text/html"), path
        csp = r.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives["script-src"] == "'self'", path
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, path
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"


class _Audit(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event-handler attributes, js: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.problems.append("a <script> without src")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler attribute {name} on <{tag}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html")
            ):
                self.problems.append(f"a script URL in {name} on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script content")


def test_html_has_no_inline_script_event_handler_or_script_url(client: TestClient) -> None:
    for path in _html_pages(client):
        audit = _Audit()
        audit.feed(client.get(path, headers={"Accept": "text/html"}).text)
        assert audit.problems == [], path


def test_hostile_metadata_and_text_are_escaped(client: TestClient) -> None:
    sid = _source_id(client, "evil.txt")
    pages = [
        client.get("/sources").text,
        client.get(f"/sources/{sid}").text,
        client.get("/?q=smugglers+river+crossing+at+night").text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in pages[1]  # the source's own text, escaped
    assert "alert(1) Evil &#34;title&#34;" in pages[0]  # the manifest's markup is removed


def test_metadata_markup_and_script_urls_never_reach_api_clients(client: TestClient) -> None:
    """A client that forgets to escape still shows plain text: no tags, no javascript: URLs."""
    evil = client.get(f"/api/sources/{_source_id(client, 'evil.txt')}").json()
    assert (evil["title"], evil["publisher"], evil["url"]) == ('alert(1) Evil "title"', None, None)
    for s in client.get("/api/sources").json()["sources"]:
        for value in (s["title"], s["publisher"], s["license"]):
            assert value is None or not re.search(r"<[A-Za-z/!?]", value), value
        assert s["url"] is None or s["url"].startswith(("http://", "https://")), s["url"]


def test_json_and_static_responses_are_nosniff(client: TestClient) -> None:
    for r in (client.get("/api/sources"), client.get("/healthz"), client.get("/static/app.js")):
        assert r.headers["x-content-type-options"] == "nosniff"


# -- binding ------------------------------------------------------------------------------------------------
def test_settings_bind_to_localhost_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GROUNDQA_HOST", raising=False)
    assert Settings().host == "127.0.0.1"


def test_serve_binds_to_localhost_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    from service import cli

    monkeypatch.delenv("GROUNDQA_HOST", raising=False)
    bound: list[str] = []
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda self, sockets=None: bound.extend(s.getsockname()[0] for s in sockets)
    )
    runner = CliRunner()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    args = ["serve", "--no-index", "--port", port, "--data", str(tmp_path / "data")]
    assert runner.invoke(cli.app, args).exit_code == 0
    assert runner.invoke(cli.app, [*args, "--host", "0.0.0.0"]).exit_code == 0
    assert bound == ["127.0.0.1", "0.0.0.0"]


# -- errors carry no traces or paths ----------------------------------------------------------------------
def _clean(r: Any, root: Path) -> None:
    text = r.text
    assert "Traceback" not in text and 'File "' not in text, text[:500]
    assert str(root) not in text and "/tmp/" not in text and "site-packages" not in text, text[:500]
    assert str(Path(__file__).resolve().parents[1]) not in text, text[:500]


def test_error_responses_carry_no_traceback_or_path(client: TestClient, corpus: Path) -> None:
    responses = [
        client.get("/api/sources/no-such-id"),
        client.get("/sources/no-such-id", headers={"Accept": "text/html"}),
        client.get("/sources/no-such-id?passage=zzz"),
        client.delete("/api/sources/no-such-id", headers=AUTH),
        client.post(
            "/api/sources", headers=AUTH, files={"file": ("evil.exe", b"MZ", "application/octet-stream")}
        ),
        client.post("/api/sources", headers=AUTH, files={"file": ("empty.txt", b"", "text/plain")}),
        client.post(
            "/api/sources", headers=AUTH, files={"file": ("big.txt", b"a" * (2 << 20), "text/plain")}
        ),
        client.post("/api/sources", headers=AUTH, data={"title": "no file"}),
        client.post("/api/ask", json={"question": "x", "filters": {"source_ids": ["nope"]}}),
        client.post("/api/ask", content=b"{", headers={"content-type": "application/json"}),
        client.get("/static/../../pyproject.toml"),
        client.get("/static/%2e%2e/%2e%2e/service/settings.py"),
    ]
    for r in responses:
        assert 400 <= r.status_code < 500, (r.request.url, r.status_code, r.text[:300])
        _clean(r, corpus)
    assert "pyproject" not in responses[-2].text or responses[-2].status_code == 404


def test_forced_internal_error_is_a_bare_500(
    client: TestClient, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = f"boom in {corpus}/data/snapshots/000001/store.sqlite"

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(secret)

    monkeypatch.setattr(runtime_of(client), "ask", explode)
    quiet = TestClient(client.app, raise_server_exceptions=False)  # the same app, as a browser sees it
    api = quiet.post("/api/ask", json={"question": "refugee"})
    page = quiet.get("/?q=refugee", headers={"Accept": "text/html"})
    turn = quiet.get("/turn?q=refugee", headers={"Accept": "text/html", "HX-Request": "true"})
    for r in (api, page, turn):
        assert r.status_code == 500
        assert secret not in r.text and "RuntimeError" not in r.text
        _clean(r, corpus)
    assert api.json() == {
        "error": {"code": "internal", "message": "internal error; the server log has the details"}
    }


def test_not_ready_and_corrupt_index_messages_name_no_paths(tmp_path: Path) -> None:
    write_corpus(tmp_path / "src")
    with TestClient(create_app(_settings(tmp_path), embedder=FakeEmbedder())) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        _clean(r, tmp_path)
    build(tmp_path / "data", tmp_path / "src", FakeEmbedder())
    (tmp_path / "data" / "snapshots" / "000001" / "vectors.npy").write_bytes(b"garbage")
    with TestClient(create_app(_settings(tmp_path), embedder=FakeEmbedder())) as c:
        for r in (c.get("/readyz"), c.post("/api/ask", json={"question": "refugee"})):
            assert r.status_code == 503 and "checksum" in r.text
            _clean(r, tmp_path)
        _clean(c.get("/", headers={"Accept": "text/html"}), tmp_path)
