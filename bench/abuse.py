"""The abuse probe as a reusable suite: attacks on a running groundqa server, one table row each.

    .venv/bin/python -m bench.abuse [--code DIR] [--only KIND]

It starts its own server (uvicorn on 127.0.0.1 and a free port, a small collection in a temporary
folder, the fake embedder with a fixed cost per query embedding so that work shows up as time, a
random admin token, a 2 s header timeout) and runs every attack against it over real HTTP and raw
sockets: hostile metadata, hostile file names, a damaged uploads manifest, request amplification and
floods, unauthenticated bodies, slow request heads, method and header hygiene. Each row says what was
sent, what a sound server does, and what this one did; the exit status is 1 when any attack got
through. `--code DIR` serves another checkout of groundqa (e.g. an older commit unpacked with
`git archive`; this file is copied into its bench/ folder) with this suite, for before/after tables.

`tests/test_abuse.py` runs the suite in the default test run.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import html
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.client import Reply

ROOT = Path(__file__).resolve().parents[1]
QUERY_COST_S = 0.02  # the fake embedder's cost per query embedding: a search costs >= 20 ms
HEADER_TIMEOUT_S = 2.0
HISTORY_CAP = 20
WORK_BUDGET = 3  # searches one request may cost: the question and the two earlier ones the engine uses

CORPUS = {
    "refugees.txt": (
        "The Refugee Convention\n\nNo Contracting State shall expel or return a refugee in any manner "
        "whatsoever to the frontiers of territories where his life or freedom would be threatened.\n\n"
        "The Contracting States shall not impose penalties, on account of their illegal entry or presence, "
        "on refugees who come directly from a territory where their life or freedom was threatened."
    ),
    "defectors.txt": (
        "Defectors Report 2023\n\nHuman rights groups estimated that as many as 2,000 North Koreans were "
        "detained in China awaiting deportation.\n\nIn October, human rights NGOs reported that China "
        "forcibly repatriated up to 600 North Koreans."
    ),
}
MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "refugees.txt,Refugee Convention,United Nations,1951-07-28,https://example.org/1951,test,Public,en\n"
    "defectors.txt,Defectors Report,Example Watch,2023-10-01,https://example.org/d,test,CC BY,en\n"
)


# -- the server under test ------------------------------------------------------------------------------
def server_app() -> Any:
    """uvicorn factory: the app over GROUNDQA_* settings, with the fake embedder (fixed query cost)."""
    from service.app import create_app
    from service.settings import Settings
    from tests.fakes import FakeEmbedder

    class CostlyQueries(FakeEmbedder):
        def encode_query(self, text: str) -> Any:
            time.sleep(QUERY_COST_S)
            return super().encode_query(text)

    return create_app(Settings(), embedder=CostlyQueries())


@dataclass
class Target:
    """A server under test: where it listens, its token and its folders."""

    host: str
    port: int
    token: str
    root: Path  # holds sources/, data/ (and data/uploads)

    @property
    def uploads(self) -> Path:
        return self.root / "data" / "uploads"

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        admin: bool = False,
        timeout: float = 60.0,
    ) -> Reply:
        from tests.client import request  # not at the top: the server imports this module

        url = f"http://{self.host}:{self.port}{path}"
        token = self.token if admin else None
        return request(url, method, body=body, headers=headers, token=token, timeout=timeout)

    def ask(
        self, question: str, history: list[str] | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        body = json.dumps({"question": question, "history": history or []}).encode()
        hdrs = {"Content-Type": "application/json", **(headers or {})}
        return self.request("POST", "/api/ask", body=body, headers=hdrs)

    def upload(
        self, name: str, content: bytes, *, path: str = "/api/sources", token_field: bool = False, **meta: str
    ) -> Reply:
        from tests.client import multipart

        fields = ({"token": self.token} if token_field else {}) | meta
        body, ctype = multipart(fields, ("file", name, content))
        headers = {"Content-Type": ctype, "Accept": "text/html" if path.startswith("/admin") else "*/*"}
        return self.request("POST", path, body=body, headers=headers, admin=not token_field)

    def wait_idle(self, timeout: float = 60.0) -> dict[str, Any]:
        """Wait until no rebuild runs or waits; the last job."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.request("GET", "/api/index", admin=True).json()
            if status["job"] is None and status.get("queued_job") is None:
                last: dict[str, Any] = status["last_job"] or {}
                return last
            time.sleep(0.1)
        raise TimeoutError("the rebuild did not finish")

    def raw(self) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=10)


@contextmanager
def running_server(code: Path = ROOT, log: Path | None = None) -> Iterator[Target]:
    """Start the suite's server over a fresh copy of the small collection; stop it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="groundqa-abuse-"))
    sources = root / "sources"
    sources.mkdir()
    for name, text in CORPUS.items():
        (sources / name).write_text(text, "utf-8")
    (sources / "manifest.csv").write_text(MANIFEST, "utf-8")
    from tests.processes import free_port, stop_process, wait_until_ready  # see Target.request

    token = secrets.token_urlsafe(24)
    port = free_port()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": f"{code}{os.pathsep}{ROOT}",
        "GROUNDQA_SOURCES_DIR": str(sources),
        "GROUNDQA_DATA_DIR": str(root / "data"),
        "GROUNDQA_ADMIN_TOKEN": token,
        "GROUNDQA_HEADER_TIMEOUT": str(HEADER_TIMEOUT_S),
        "GROUNDQA_ASK_RATE_LIMIT": "5/second;60/minute",  # the default, whatever the caller's environment
        "GROUNDQA_RATE_LIMIT_LOOPBACK": "false",
    }
    if code != ROOT and not (code / "bench" / "abuse.py").is_file():  # the server imports server_app
        shutil.copy2(Path(__file__), code / "bench" / "abuse.py")
    has_guard = (code / "service" / "server.py").is_file()
    http = "service.server:HeaderTimeoutH11Protocol" if has_guard else "h11"
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "bench.abuse:server_app", "--http", http]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    out = open(log or root / "server.log", "ab")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, cwd=code, env=env, stdout=out, stderr=subprocess.STDOUT)
    target = Target("127.0.0.1", port, token, root)
    try:
        wait_until_ready(
            proc,
            lambda: target.request("GET", "/healthz", timeout=2).status == 200,
            120,
            0.1,
            exited=f"the server exited with {{code}}; see {out.name}",
            late="the server did not start in time",
        )
        assert target.request("POST", "/api/index/rebuild", admin=True).status == 202
        assert target.wait_idle()["state"] == "succeeded"
        yield target
    finally:
        stop_process(proc, 10, None)
        out.close()
        shutil.rmtree(root, ignore_errors=True)


# -- the attacks ----------------------------------------------------------------------------------------
@dataclass
class Outcome:
    held: bool
    got: str


@dataclass
class Attack:
    kind: str
    what: str
    expected: str
    run: Callable[[Target], Outcome]


ATTACKS: list[Attack] = []
TEXT = b"Field Notes\n\nThe ferryman carried eleven families across the river at dawn."


def attack(
    kind: str, what: str, expected: str
) -> Callable[[Callable[[Target], Outcome]], Callable[..., Any]]:
    def register(fn: Callable[[Target], Outcome]) -> Callable[[Target], Outcome]:
        ATTACKS.append(Attack(kind, what, expected, fn))
        return fn

    return register


def _status(r: Reply) -> str:
    """The status and the error message (JSON, or the HTML page's alert), shortened."""
    try:
        message = r.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        alert = re.search(r'role="alert">([^<]*)<', r.text)
        message = html.unescape(alert.group(1)) if alert else r.text[:60].replace("\n", " ")
    return f"{r.status} {message[:90]}"


def _refused(r: Reply, status: int, needle: str) -> Outcome:
    return Outcome(r.status == status and needle in r.text, _status(r))


# metadata
@attack("metadata", "title of 200,000 characters (API)", "422 naming title")
def long_title_api(t: Target) -> Outcome:
    return _refused(t.upload("long.txt", TEXT, title="T" * 200_000), 422, "title")


@attack("metadata", "title of 200,000 characters (admin form)", "422 naming title")
def long_title_form(t: Target) -> Outcome:
    return _refused(
        t.upload("long.txt", TEXT, path="/admin/upload", token_field=True, title="T" * 200_000), 422, "title"
    )


@attack("metadata", "publisher, licence of 501 and URL of 2,001 characters", "422 naming each")
def long_fields(t: Target) -> Outcome:
    replies = [
        t.upload("a.txt", TEXT, publisher="P" * 501),
        t.upload("a.txt", TEXT, license="L" * 501),
        t.upload("a.txt", TEXT, url="https://example.org/" + "u" * 1990),
    ]
    held = all(
        r.status == 422 and f in r.text for r, f in zip(replies, ("publisher", "license", "url"), strict=True)
    )
    return Outcome(held, ", ".join(str(r.status) for r in replies))


@attack("metadata", "javascript: URL", "422: http or https only")
def script_url(t: Target) -> Outcome:
    return _refused(t.upload("a.txt", TEXT, url="javascript:alert(1)"), 422, "url")


@attack("metadata", "data:text/html URL", "422: http or https only")
def data_url(t: Target) -> Outcome:
    return _refused(t.upload("a.txt", TEXT, url="data:text/html;base64,PHNjcmlwdD4K"), 422, "url")


@attack("metadata", "line break, BEL and RLO in a title", "422: control characters")
def control_title(t: Target) -> Outcome:
    replies = [t.upload("a.txt", TEXT, title=v) for v in ("a\nb", "a\x07b", "a\u202eb")]
    return Outcome(all(r.status == 422 for r in replies), ", ".join(str(r.status) for r in replies))


@attack("metadata", "<script> and <img onerror> in title and publisher", "stored without markup")
def markup_title(t: Target) -> Outcome:
    r = t.upload(
        "markup.txt",
        TEXT,
        title="<script>alert(1)</script>Notes",
        publisher="<img src=x onerror=alert(2)>Team",
    )
    if r.status != 202:
        return Outcome(False, _status(r))
    t.wait_idle()
    src = t.request("GET", f"/api/sources/{r.json()['source_id']}").json()
    held = "<" not in src["title"] + (src["publisher"] or "")
    return Outcome(held, f"title {src['title']!r}, publisher {src['publisher']!r}")


@attack("metadata", '=HYPERLINK("…") title', "written as text in the manifest, returned as given")
def formula_title(t: Target) -> Outcome:
    title = '=HYPERLINK("http://evil.example","x")'
    r = t.upload("formula.txt", TEXT, title=title)
    if r.status != 202:
        return Outcome(False, _status(r))
    t.wait_idle()
    with open(t.uploads / "manifest.csv", encoding="utf-8", newline="") as fh:
        cell = next(row["title"] for row in csv.DictReader(fh) if row["file"] == "formula.txt")
    src = t.request("GET", f"/api/sources/{r.json()['source_id']}").json()
    return Outcome(cell.startswith("'=") and src["title"] == title, f"manifest cell {cell[:40]!r}")


@attack("metadata", "upload and delete after all the above", "202, metadata of earlier uploads kept")
def later_uploads(t: Target) -> Outcome:
    first = t.upload("later.txt", TEXT, title="Later", publisher="Pub", url="https://example.org/l")
    if first.status != 202:
        return Outcome(False, f"upload {_status(first)}")
    t.wait_idle()
    sid = first.json()["source_id"]
    meta = t.request("GET", f"/api/sources/{sid}").json()
    delete = t.request("DELETE", f"/api/sources/{sid}", admin=True)
    job = t.wait_idle()
    held = meta["publisher"] == "Pub" and delete.status == 202 and job.get("state") == "succeeded"
    return Outcome(
        held, f"upload 202, publisher {meta['publisher']!r}, delete {delete.status}, job {job.get('state')}"
    )


@attack(
    "metadata", "uploads manifest damaged by hand, then upload and DELETE", "409 naming the line; file stays"
)
def damaged_manifest(t: Target) -> Outcome:
    r = t.upload("kept.txt", TEXT, title="Kept")
    t.wait_idle()
    manifest = t.uploads / "manifest.csv"
    good = manifest.read_bytes()
    manifest.write_bytes(good + b'broken.txt,"unterminated\n')
    try:
        up = t.upload("other.txt", TEXT)
        delete = t.request("DELETE", f"/api/sources/{r.json()['source_id']}", admin=True)
        still = (t.uploads / "kept.txt").is_file()
    finally:
        manifest.write_bytes(good)
    held = up.status == 409 and delete.status == 409 and "line" in delete.text and still
    return Outcome(held, f"upload {_status(up)[:60]}; delete {delete.status}; file kept: {still}")


# file names
def _name_case(t: Target, name: str, ext: str) -> Outcome:
    r = t.upload(name, TEXT)
    t.wait_idle()
    stored = [p.name for p in t.uploads.iterdir() if p.name.endswith(ext) and not p.name.startswith(".")]
    longest = max((len(n.encode()) for n in stored), default=0)
    return Outcome(r.status == 202 and 0 < longest <= 255, f"{_status(r)[:40]}; longest name {longest} bytes")


@attack("names", "84 Hangul syllables + .txt (257 bytes)", "202, name cut by bytes")
def hangul_name(t: Target) -> Outcome:
    return _name_case(t, "가" * 84 + ".txt", ".txt")


@attack("names", "300 emoji + .md (1,203 bytes)", "202, name cut by bytes")
def emoji_name(t: Target) -> Outcome:
    return _name_case(t, "😀" * 300 + ".md", ".md")


@attack("names", "../../../etc/passwd.txt", "stored inside the uploads folder")
def traversal_name(t: Target) -> Outcome:
    r = t.upload("../../../etc/passwd.txt", TEXT)
    inside = (t.uploads / "passwd.txt").is_file() and not (t.root / "etc").exists()
    return Outcome(r.status == 202 and inside, f"{r.status}; uploads/passwd.txt: {inside}")


# work per request
def _timed(fn: Callable[[], Reply]) -> tuple[float, Reply]:
    start = time.perf_counter()
    reply = fn()
    return time.perf_counter() - start, reply


@attack(
    "work", "GET / with 20 h parameters and q", f"at most {WORK_BUDGET} searches (≈ ≤6× one follow-up ask)"
)
def amplification(t: Target) -> Outcome:
    history = [f"earlier question {i} about refugees" for i in range(HISTORY_CAP)]
    query = urllib.parse.urlencode([*(("h", h) for h in history), ("q", "and the convention?")])
    # The unit is one follow-up ask (the question and its history embedded: the costliest single
    # search), so the bound counts searches and leaves room for page rendering on a loaded machine;
    # against a stand-alone ask the page's three searches alone came to ~4-6x.
    # Both are medians of three, so that one request slowed by other work on the machine fails neither
    # (a single page request once came to 6.0x, just over the bound, beside a CPU-bound job).
    earlier = [history[-1]]
    one = statistics.median(_timed(lambda: t.ask("and the convention?", earlier))[0] for _ in range(3))
    html = {"Accept": "text/html"}
    pages = [_timed(lambda: t.request("GET", f"/?{query}", headers=html)) for _ in range(3)]
    page_s = statistics.median(seconds for seconds, _ in pages)
    ratio = page_s / one
    return Outcome(
        all(r.status == 200 for _, r in pages) and ratio <= 2 * WORK_BUDGET,
        f"{page_s * 1000:.0f} ms = {ratio:.1f}× one follow-up ask ({one * 1000:.0f} ms)",
    )


@attack("work", "POST /api/ask with 21 history items", "422 naming history")
def long_history(t: Target) -> Outcome:
    return _refused(t.ask("refugee", ["earlier"] * (HISTORY_CAP + 1)), 422, "history")


@attack("work", "GET / with 21 h parameters", "4xx beyond the cap (chat page)")
def long_h(t: Target) -> Outcome:
    query = urllib.parse.urlencode([*(("h", f"q{i}") for i in range(HISTORY_CAP + 1)), ("q", "refugee")])
    r = t.request("GET", f"/?{query}", headers={"Accept": "application/json"})
    return Outcome(400 <= r.status < 500, _status(r))


@attack(
    "work",
    "80 asks at once from one remote client (X-Forwarded-For)",
    "429 with Retry-After; others unaffected",
)
def flood(t: Target) -> Outcome:
    client = {"X-Forwarded-For": "203.0.113.77"}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda _: t.ask("refugee", headers=client), range(80)))
    limited = [r for r in replies if r.status == 429]
    other = t.ask("refugee", headers={"X-Forwarded-For": "203.0.113.78"})
    retry = limited[0].headers.get("retry-after") if limited else None
    held = bool(limited) and retry is not None and other.status == 200
    return Outcome(
        held,
        f"{len(replies) - len(limited)} answered, {len(limited)} × 429 (Retry-After {retry}); "
        f"other client {other.status}",
    )


# authentication before the body
def _early_reply(t: Target, path: str, head_fields: bytes, headers: str = "") -> Outcome:
    """Announce a 20 MB multipart body, send 64 KB of it, and see whether the answer comes first."""
    boundary = b"abuseboundary"
    start = (
        head_fields
        + b'--abuseboundary\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
    )
    total = 20 * 1024 * 1024
    sock = t.raw()
    try:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {t.host}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary.decode()}"
            f"\r\nContent-Length: {total}\r\nAccept: application/json\r\n{headers}\r\n".encode()
        )
        sock.sendall(start + b"a" * (65536 - len(start)))
        sock.settimeout(5)
        try:
            answer = sock.recv(200)
        except TimeoutError:
            return Outcome(False, "no answer until the whole body is sent (the server is reading it)")
    finally:
        sock.close()
    status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "?"
    return Outcome(status in ("401", "403"), f"{status} after 64 KB of 20 MB")


@attack("auth", "20 MB upload to /api/sources without a token", "401 before the body is read")
def early_api(t: Target) -> Outcome:
    return _early_reply(t, "/api/sources", b"")


@attack("auth", "20 MB upload to /api/sources with a wrong token", "401 before the body is read")
def early_api_wrong(t: Target) -> Outcome:
    return _early_reply(t, "/api/sources", b"", "Authorization: Bearer wrong\r\n")


@attack("auth", "20 MB upload to /admin/upload, wrong token first", "401 before the body is read")
def early_form(t: Target) -> Outcome:
    field = b'--abuseboundary\r\nContent-Disposition: form-data; name="token"\r\n\r\nwrong\r\n'
    return _early_reply(t, "/admin/upload", field)


@attack("auth", "20 MB upload to /admin/upload, file before the token", "401 before the body is read")
def early_form_late_token(t: Target) -> Outcome:
    return _early_reply(t, "/admin/upload", b"")


@attack("auth", "every admin API path without a token", "401 on each")
def admin_paths(t: Target) -> Outcome:
    paths = [
        ("POST", "/api/sources"),
        ("DELETE", "/api/sources/x"),
        ("POST", "/api/index/rebuild"),
        ("GET", "/api/index"),
    ]
    statuses = [t.request(m, p).status for m, p in paths]
    return Outcome(all(s == 401 for s in statuses), ", ".join(map(str, statuses)))


# HTTP
@attack("http", "PUT /api/ask", "405 with Allow: POST")
def allow_header(t: Target) -> Outcome:
    r = t.request("PUT", "/api/ask")
    return Outcome(
        r.status == 405 and r.headers.get("allow") == "POST", f"{r.status}, Allow {r.headers.get('allow')!r}"
    )


@attack("http", "HEAD / and HEAD /api/sources", "200 without a body")
def head(t: Target) -> Outcome:
    replies = [t.request("HEAD", p) for p in ("/", "/api/sources")]
    return Outcome(
        all(r.status == 200 and not r.body for r in replies), ", ".join(str(r.status) for r in replies)
    )


@attack("http", "GET /turn (htmx and not)", "Vary: HX-Request")
def vary(t: Target) -> Outcome:
    hx = t.request("GET", "/turn?q=refugee", headers={"HX-Request": "true"})
    varies = "hx-request" in hx.headers.get("vary", "").lower()
    return Outcome(hx.status == 200 and varies, f"{hx.status}, Vary {hx.headers.get('vary')!r}")


@attack("http", "GET /static with Host: evil.example", "a relative Location")
def host_redirect(t: Target) -> Outcome:
    sock = t.raw()
    try:
        sock.sendall(b"GET /static HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        head = sock.recv(4096).decode("latin-1")
    finally:
        sock.close()
    location = next(
        (
            line.split(":", 1)[1].strip()
            for line in head.split("\r\n")
            if line.lower().startswith("location:")
        ),
        "",
    )
    return Outcome("evil.example" not in location, f"Location {location!r}")


@attack(
    "http",
    "a request head sent a byte at a time, then nothing",
    f"closed after the header timeout ({HEADER_TIMEOUT_S:g} s)",
)
def slowloris(t: Target) -> Outcome:
    sock = t.raw()
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHo")
        sock.settimeout(HEADER_TIMEOUT_S + 3)
        start = time.monotonic()
        try:
            closed = sock.recv(100) == b""
        except TimeoutError:
            closed = False
        except ConnectionResetError:
            closed = True
    finally:
        sock.close()
    waited = time.monotonic() - start
    return Outcome(closed, f"closed after {waited:.1f} s" if closed else f"still open after {waited:.1f} s")


@attack("http", "job results after a failing rebuild", "no absolute server paths")
def job_paths(t: Target) -> Outcome:
    manifest = t.root / "sources" / "manifest.csv"
    good = manifest.read_bytes()
    manifest.write_bytes(b"file,title\nrefugees.txt,caf\xe9\n")
    try:
        t.request("POST", "/api/index/rebuild", admin=True)
        job = t.wait_idle()
    finally:
        manifest.write_bytes(good)
        t.request("POST", "/api/index/rebuild", admin=True)
        t.wait_idle()
    shown = json.dumps(job, ensure_ascii=False)
    return Outcome(
        str(t.root) not in shown, next((f["file"] for f in (job.get("result") or {}).get("failed", [])), "-")
    )


# -- running --------------------------------------------------------------------------------------------
def run(target: Target, only: str | None = None) -> list[tuple[Attack, Outcome]]:
    """Every attack (of kind `only`, if given) against `target`, in order."""
    results = []
    for a in ATTACKS:
        if only and a.kind != only:
            continue
        try:
            outcome = a.run(target)
        except Exception as exc:  # an attack that breaks the client is reported, not fatal
            outcome = Outcome(False, f"error: {type(exc).__name__}: {str(exc)[:80]}")
        results.append((a, outcome))
    return results


def table(results: list[tuple[Attack, Outcome]]) -> str:
    lines = ["| kind | attack | expected | result | held |", "|---|---|---|---|---|"]
    for a, o in results:
        got = o.got.replace("|", "/").replace("\n", " ")
        lines.append(f"| {a.kind} | {a.what} | {a.expected} | {got} | {'yes' if o.held else '**NO**'} |")
    held = sum(o.held for _, o in results)
    lines.append(f"\n{len(results)} attacks: {held} held, {len(results) - held} failed")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the groundqa checkout to serve")
    parser.add_argument("--only", help="run only the attacks of this kind")
    args = parser.parse_args()
    with running_server(args.code.resolve()) as target:
        results = run(target, args.only)
    print(table(results))
    sys.exit(0 if all(o.held for _, o in results) else 1)


if __name__ == "__main__":
    main()
