"""The service over PostgreSQL: the API, uploads kept in the database, the CLI, stateless replicas
(real server processes on one database), kill -9 of a replica, and a database that goes away.

Everything runs against real PostgreSQL servers started with `index.postgres.server.start` (the code
of `groundqa postgres start`), never a mock.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from index import SourceDir, update_index
from index.postgres import PostgresCatalog, server
from service import cli
from service.app import create_app
from service.settings import Settings
from tests.client import Reply
from tests.fake_server import FakeServer
from tests.fakes import FakeEmbedder, FixedChoice
from tests.helpers import TINY, write_corpus

pytestmark = pytest.mark.postgres

TOKEN = "pg-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LATE = "Late news\n\nA ferry crossed the Tumen river at dawn carrying twelve passengers."
QUESTIONS = [
    "How many North Koreans were detained in China?",
    "Can a refugee be returned to a territory where his life is threatened?",
    "난민인정자는 강제로 송환되는가?",
    "chocolate cake recipe with walnuts",
]


def settings(root: Path, url: str, read_url: str | None = None) -> Settings:
    return Settings(
        sources_dir=root / "src",
        data_dir=root / "data",
        admin_token=TOKEN,  # type: ignore[arg-type]
        database_url=url,  # type: ignore[arg-type]
        database_read_url=read_url,  # type: ignore[arg-type]
        max_upload_mb=1,
    )


def build_db(url: str, src: Path) -> None:
    catalog = PostgresCatalog(url)
    try:
        update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=FakeEmbedder(), max_bytes=2**24)
    finally:
        catalog.close()


@pytest.fixture
def client(tmp_path: Path, pg_database_url: str) -> Iterator[TestClient]:
    build_db(pg_database_url, write_corpus(tmp_path / "src"))
    with TestClient(create_app(settings(tmp_path, pg_database_url), embedder=FakeEmbedder())) as c:
        yield c


def wait_job(client: TestClient) -> dict[str, Any]:
    client.app.state.runtime.jobs.wait(60)  # type: ignore[attr-defined]
    last: dict[str, Any] = client.get("/api/index", headers=AUTH).json()["last_job"]
    return last


def test_api_over_postgres_answers_verbatim(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": QUESTIONS[0], "k": 3}).json()
    assert body["answered"] and body["index"]["version"] == "000001"
    for p in body["passages"]:
        text = client.get(f"/api/sources/{p['source']['id']}").json()["text"]
        assert text[p["location"]["char_start"] : p["location"]["char_end"]] == p["text"]
    assert len(client.get("/api/sources").json()["sources"]) == len(TINY)
    ready = client.get("/readyz").json()
    assert (ready["status"], ready["version"]) == ("ready", "000001")


def test_uploads_live_in_the_database_and_deletes_keep_them_as_trash(
    client: TestClient, tmp_path: Path
) -> None:
    r = client.post(
        "/api/sources",
        headers=AUTH,
        files={"file": ("ferry notes.txt", LATE.encode(), "text/plain")},
        data={"title": "Ferry Notes", "publisher": "Field Team", "date": "2024-05"},
    )
    assert r.status_code == 202, r.text
    sid = r.json()["source_id"]
    assert wait_job(client)["state"] == "succeeded"
    top = client.post("/api/ask", json={"question": "Which ferry crossed the Tumen river?"}).json()[
        "passages"
    ][0]
    assert top["source"]["id"] == sid and top["source"]["title"] == "Ferry Notes"
    assert top["source"]["publisher"] == "Field Team" and top["source"]["date"] == "2024-05"
    assert not (tmp_path / "data" / "uploads").exists()  # not in a folder of this machine's data dir
    rows = client.app.state.runtime.catalog.uploads().live()  # type: ignore[attr-defined]
    assert [(u.name, u.content, u.meta["title"]) for u in rows] == [
        ("ferry notes.txt", LATE.encode(), "Ferry Notes")
    ]
    other = {"file": ("ferry notes.txt", b"Another text altogether.", "text/plain")}
    clash = client.post("/api/sources", headers=AUTH, files=other)
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "source_exists"
    assert [u.content for u in client.app.state.runtime.catalog.uploads().live()] == [LATE.encode()]  # type: ignore[attr-defined]

    curated = next(s["id"] for s in client.get("/api/sources").json()["sources"] if s["id"] != sid)
    refused = client.delete(f"/api/sources/{curated}", headers=AUTH)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "read_only_source"

    assert client.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
    assert wait_job(client)["state"] == "succeeded"
    assert client.get(f"/api/sources/{sid}").status_code == 404
    with client.app.state.runtime.catalog.db.connection() as conn:  # type: ignore[attr-defined]
        trash = conn.execute("SELECT name, deleted_at IS NOT NULL FROM uploads").fetchall()
    assert trash == [("ferry notes.txt", True)]


def test_an_upload_that_failed_to_index_is_deleted_from_a_replica_that_never_rebuilt(
    client: TestClient, tmp_path: Path, pg_database_url: str
) -> None:
    r = client.post(
        "/api/sources", headers=AUTH, files={"file": ("scan.pdf", b"%PDF-1.4\n", "application/pdf")}
    )
    assert r.status_code == 202, r.text
    sid = r.json()["source_id"]
    assert [f["file"] for f in wait_job(client)["result"]["failed"]] == ["scan.pdf"]
    other = tmp_path / "replica"  # another server on the database: its own data dir, no rebuild yet
    shutil.copytree(tmp_path / "src", other / "src")
    with TestClient(create_app(settings(other, pg_database_url), embedder=FakeEmbedder())) as b:
        assert b.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 202
        assert wait_job(b)["state"] == "succeeded"
        assert b.delete(f"/api/sources/{sid}", headers=AUTH).status_code == 404
    with client.app.state.runtime.catalog.db.connection() as conn:  # type: ignore[attr-defined]
        rows = conn.execute("SELECT name, deleted_at IS NOT NULL FROM uploads").fetchall()
    assert rows == [("scan.pdf", True)]


def test_cli_index_sources_ask_eval_with_a_database_url(
    tmp_path: Path, pg_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "load", lambda settings: FixedChoice(FakeEmbedder()))
    runner = CliRunner()
    src = write_corpus(tmp_path / "src")
    common = ["--database-url", pg_database_url, "--data", str(tmp_path / "data")]
    r = runner.invoke(cli.app, ["index", "--sources", str(src), *common, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["version"] == "000001"
    r = runner.invoke(cli.app, ["sources", *common, "--json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)["sources"]) == len(TINY)
    r = runner.invoke(cli.app, ["ask", QUESTIONS[0], *common, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["index"]["version"] == "000001"

    beir = tmp_path / "beir"
    (beir / "qrels").mkdir(parents=True)
    docs = [{"_id": f"d{i}", "title": "", "text": text} for i, text in enumerate(TINY.values())]
    (beir / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in docs), "utf-8")
    (beir / "queries.jsonl").write_text(json.dumps({"_id": "q1", "text": "refugee frontiers"}), "utf-8")
    (beir / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td0\t1\n", "utf-8")
    r = runner.invoke(cli.app, ["eval", str(beir), *common, "--json"])
    assert r.exit_code == 0, r.output
    local = runner.invoke(cli.app, ["eval", str(beir), "--data", str(tmp_path / "data"), "--json"])
    assert json.loads(r.stdout) == json.loads(local.stdout)  # same ranking as the local backend
    # the collection went to a schema of its own: the served index is untouched
    catalog = PostgresCatalog(pg_database_url)
    assert catalog.current_version() == "000001"
    catalog.close()


def test_postgres_start_prints_the_url_last_reuses_and_stops(pg_folder: Path) -> None:
    runner = CliRunner()
    folder = pg_folder
    try:
        first = runner.invoke(cli.app, ["postgres", "start", "--dir", str(folder)])
        assert first.exit_code == 0, first.output
        url = first.stdout.strip().splitlines()[-1]
        assert url.startswith("postgresql://") and str(folder.resolve()) in url
        again = runner.invoke(cli.app, ["postgres", "start", "--dir", str(folder)])
        assert again.stdout.strip().splitlines()[-1] == url
        catalog = PostgresCatalog(url)
        assert catalog.current_version() is None
        catalog.close()
    finally:
        stopped = runner.invoke(cli.app, ["postgres", "stop", "--dir", str(folder)])
    assert stopped.exit_code == 0 and "stopped" in stopped.stdout
    assert "no server" in runner.invoke(cli.app, ["postgres", "stop", "--dir", str(folder)]).stdout


# -- replicas: real server processes on one database ------------------------------------------------------
def answer(replica: FakeServer, question: str) -> dict[str, Any]:
    reply = replica.request("POST", "/api/ask", json_body={"question": question, "k": 5})
    assert reply.status == 200, reply.text
    body: dict[str, Any] = reply.json()
    body.pop("took_ms")
    return body


def wait_for(check: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def upload(replica: FakeServer, name: str, text: str, title: str) -> Reply:
    reply = replica.upload(name, text.encode(), {"title": title})
    assert reply.status == 202, reply.text
    return reply


def embedding(replica: FakeServer) -> bool:
    """Whether `replica` has a rebuild in its embedding stage."""
    job = replica.request("GET", "/api/index", admin=True).json()["job"] or {}
    return bool(job.get("stage") == "embedding")


def test_replicas_on_one_database_answer_alike_share_uploads_and_survive_kill_9(
    tmp_path: Path, pg_database_url: str
) -> None:
    src = write_corpus(tmp_path / "src")
    build_db(pg_database_url, src)
    env = {"GROUNDQA_DATABASE_URL": pg_database_url}

    def replica(name: str, delay: float = 0.0) -> FakeServer:
        return FakeServer.start(
            sources=src,
            data=tmp_path / name,
            uploads=tmp_path / f"u{name}",
            log=tmp_path / f"{name}.log",
            token=TOKEN,
            env=env,
            delay=delay,
        )

    a = replica("a")
    b = replica("b", delay=4)  # B's rebuilds embed slowly, so one can be caught running
    try:
        # identical, verbatim answers from both
        for q in QUESTIONS:
            from_a, from_b = answer(a, q), answer(b, q)
            assert from_a == from_b
            for p in from_a["passages"]:
                text = b.request("GET", f"/api/sources/{p['source']['id']}").json()["text"]
                assert text[p["location"]["char_start"] : p["location"]["char_end"]] == p["text"]

        # an upload through A is answered by B once A's rebuild publishes
        sid = upload(a, "ferry.txt", LATE, "Ferry Notes").json()["source_id"]
        assert a.wait_job()["state"] == "succeeded"
        found = wait_for(
            lambda: [
                p
                for p in answer(b, "Which ferry crossed the Tumen river?")["passages"]
                if p["source"]["id"] == sid
            ]
        )
        assert found[0]["source"]["title"] == "Ferry Notes"
        assert answer(a, "Which ferry crossed the Tumen river?") == answer(
            b, "Which ferry crossed the Tumen river?"
        )

        # a rebuild running on B makes a rebuild asked of A a 409 that names B's job
        b_job = upload(
            b, "goat.txt", "Goat\n\nThe goat crossed the frozen river alone at night.", "Goat"
        ).json()
        wait_for(lambda: embedding(b))
        refused = a.request("POST", "/api/index/rebuild", admin=True)
        assert refused.status == 409, refused.text
        assert refused.json()["error"]["job_id"] == b_job["job"]["id"]
        assert b.wait_job()["state"] == "succeeded"
        wait_for(lambda: answer(a, "goat")["index"]["version"] == answer(b, "goat")["index"]["version"])

        # kill -9 of A while it rebuilds: B keeps answering, and B's next rebuild indexes what A stored
        a.kill()
        a = replica("a", delay=30)
        stored = upload(a, "crane.txt", "Crane\n\nA red-crowned crane landed on the frozen river.", "Crane")
        wait_for(lambda: embedding(a))
        before = answer(b, QUESTIONS[0])
        a.kill()
        assert answer(b, QUESTIONS[0]) == before
        rebuilt = wait_for(
            lambda: b.request("POST", "/api/index/rebuild", admin=True).status == 202, timeout=30
        )
        assert rebuilt
        assert b.wait_job(timeout=90)["state"] == "succeeded"
        crane = answer(b, "Which crane landed on the frozen river?")["passages"]
        assert crane and crane[0]["source"]["id"] == stored.json()["source_id"]
    finally:
        a.kill()
        b.kill()


def test_a_database_that_goes_away_is_a_503_with_a_reason_and_recovers(
    tmp_path: Path, pg_folder: Path
) -> None:
    folder = pg_folder
    url = server.start(folder)
    build_db(url, write_corpus(tmp_path / "src"))
    with TestClient(create_app(settings(tmp_path, url), embedder=FakeEmbedder())) as client:
        assert client.post("/api/ask", json={"question": QUESTIONS[0]}).status_code == 200
        server.stop(folder)
        r = client.post("/api/ask", json={"question": QUESTIONS[0]})
        assert r.status_code == 503, r.text
        error = r.json()["error"]
        assert error["code"] == "backend_unavailable" and "database" in error["message"]
        assert str(folder) not in r.text and "Traceback" not in r.text
        wait_for(lambda: client.get("/readyz").status_code == 503)
        assert client.get("/readyz").json()["error"]["code"] == "backend_unavailable"
        page = client.get("/", headers={"Accept": "text/html"})
        assert page.status_code in (200, 503) and "Traceback" not in page.text

        assert server.start(folder) == url
        wait_for(lambda: client.post("/api/ask", json={"question": QUESTIONS[0]}).status_code == 200)
        assert client.get("/readyz").json()["version"] == "000001"


def test_queries_read_a_streaming_replica_while_writes_go_to_the_primary(
    tmp_path: Path, pg_folder: Path
) -> None:
    from tests.postgres_fixtures import start_standby

    primary = server.start(pg_folder)
    standby_dir = pg_folder.parent / "standby"
    standby = start_standby(pg_folder, standby_dir)
    try:
        build_db(primary, write_corpus(tmp_path / "src"))
        replica = PostgresCatalog(standby)
        wait_for(lambda: replica.current_version() == "000001")
        with pytest.raises(Exception, match="read-only"), replica.db.connection() as conn:
            conn.execute("CREATE TABLE nope (x int)")
        replica.close()
        config = settings(tmp_path, primary, standby)
        with TestClient(create_app(config, embedder=FakeEmbedder())) as client:
            catalog = client.app.state.runtime.catalog  # type: ignore[attr-defined]
            assert catalog.read_db.url == standby and catalog.db.url == primary
            assert client.post("/api/ask", json={"question": QUESTIONS[0]}).json()["answered"]
            r = client.post(
                "/api/sources", headers=AUTH, files={"file": ("ferry.txt", LATE.encode(), "text/plain")}
            )
            assert r.status_code == 202, r.text
            assert wait_job(client)["state"] == "succeeded"
            sid = r.json()["source_id"]
            found = wait_for(
                lambda: [
                    p
                    for p in client.post(
                        "/api/ask", json={"question": "Which ferry crossed the river?"}
                    ).json()["passages"]
                    if p["source"]["id"] == sid
                ]
            )
            assert found and client.get("/readyz").json()["version"] == "000002"
    finally:
        server.stop(standby_dir)
