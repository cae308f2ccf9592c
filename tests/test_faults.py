"""Faults: kill -9 during a rebuild or an upload, a full disk, corrupted snapshots. Nothing is lost.

The rebuild runs with the fake embedder: in a subprocess that is killed at a chosen stage, in a real
server process (tests.fake_server) that is killed while embedding, or in process with a write error
injected at the storage layer.
"""

from __future__ import annotations

import csv
import errno
import json
import logging
import os
import sqlite3
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from corpus.errors import StorageError
from corpus.ingest import scan_folder
from index.embedding.cache import EmbeddingCache
from index.engine import GroundIndex
from index.local import snapshot
from index.local.lexical import LexicalIndex
from index.local.store import StoreWriter
from index.types import Query
from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.uploads import UploadMeta
from tests.fake_server import FakeServer
from tests.fakes import FakeEmbedder
from tests.helpers import TINY, build, kill_when_reached, write_corpus

TOKEN = "fault-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LATE = "Late Addition\n\nThe ferry crossed the Tumen river at dawn carrying eleven families and a goat."
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _two_snapshots(root: Path) -> tuple[Path, Path, FakeEmbedder]:
    src = write_corpus(root / "src")
    data = root / "data"
    emb = FakeEmbedder()
    build(data, src, emb)
    (src / "extra.txt").write_text("Extra\n\nStatelessness is the lack of any nationality.", "utf-8")
    assert build(data, src, emb).version == "000002"
    return src, data, emb


def _build_dirs(data: Path) -> list[str]:
    return [p.name for p in (data / "snapshots").iterdir() if p.name.startswith(".build-")]


def _assert_serves(data: Path, emb: FakeEmbedder, version: str) -> GroundIndex:
    idx = GroundIndex.open(data, emb)
    assert idx.version == version
    answer = idx.search(Query("How many North Koreans were detained in China?", k=3))
    assert answer.index_version == version and answer.hits
    for hit in answer.hits:
        assert idx.source(hit.source.id).text[hit.passage.char_start : hit.passage.char_end] == (
            hit.passage.text
        )
    return idx


# -- kill -9 of a builder at each stage ----------------------------------------------------------------
STAGE_KILLER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import index.local.catalog as catalog
    from index.local import snapshot
    from index import LocalCatalog, SourceDir, update_index
    from tests.fakes import FakeEmbedder

    def hang(*args, **kwargs):
        print("reached", flush=True)
        time.sleep(60)

    stage = sys.argv[3]
    emb = FakeEmbedder()
    if stage == "store":
        class HalfWritten:
            def __init__(self, path):
                self.path = path
            def add(self, *args, **kwargs):
                pass
            def discard(self):
                pass
            def close(self):
                self.path.write_bytes(b"SQLite format 3\\x00" + b"\\x00" * 4000)
                hang()
        catalog.StoreWriter = HalfWritten
    elif stage == "switch":  # the new snapshot is renamed into place, CURRENT not yet moved
        snapshot.atomic_write_text = hang
    elif stage == "cleanup":  # the new snapshot is current; the oldest is half deleted
        def half_removed(path, *args, **kwargs):
            (path / "vectors.npy").unlink()
            hang()
        snapshot.shutil.rmtree = half_removed
    update_index(catalog=LocalCatalog(Path(sys.argv[1])), inputs=[SourceDir(Path(sys.argv[2]))], embedder=emb,
                 max_bytes=10**7, keep=2)
    """
)


@pytest.mark.parametrize(
    ("stage", "serving"),
    [("store", "000002"), ("switch", "000002"), ("cleanup", "000003")],  # embedding: test_builder
)
def test_kill_9_at_any_stage_keeps_a_good_snapshot_and_the_next_build_works(
    tmp_path: Path, stage: str, serving: str
) -> None:
    src, data, emb = _two_snapshots(tmp_path)
    (src / "late.txt").write_text(LATE, "utf-8")
    kill_when_reached(STAGE_KILLER, str(data), str(src), stage)

    _assert_serves(data, emb, serving)
    (src / "later.txt").write_text("Later\n\nA second ferry crossed the river at dusk.", "utf-8")
    report = build(data, src, emb)
    assert report.published, report
    assert snapshot.current_name(data) == report.version
    idx = _assert_serves(data, emb, report.version or "")
    assert {r.path for r in idx.sources()} == {*TINY, "extra.txt", "late.txt", "later.txt"}
    assert _build_dirs(data) == []
    assert json.loads((data / "snapshots" / report.version / "manifest.json").read_text())["sources"] == 7


def test_debris_of_interrupted_builds_does_not_break_the_next_one(tmp_path: Path) -> None:
    src, data, emb = _two_snapshots(tmp_path)
    stale = data / "snapshots" / ".build-crashed"
    stale.mkdir()
    (stale / "store.sqlite").write_bytes(b"half a database")
    (data / "write.lock").write_text("job-that-died", "utf-8")  # the kernel dropped its flock
    (data / ".CURRENT.tmp123").write_text("0000", "utf-8")  # an atomic write cut short
    (data / "snapshots" / "000001" / "store.sqlite").unlink()  # a cleanup cut short
    _assert_serves(data, emb, "000002")
    (src / "late.txt").write_text(LATE, "utf-8")
    report = build(data, src, emb)
    assert report.published and report.version == "000003" and _build_dirs(data) == []
    _assert_serves(data, emb, "000003")


def test_corrupt_embedding_cache_does_not_block_rebuilds(tmp_path: Path) -> None:
    """The cache is only a cache: a damaged file must not make every later rebuild fail."""
    src, data, emb = _two_snapshots(tmp_path)
    for f in (data / "cache").glob("*.sqlite*"):
        f.write_bytes(b"this is not a database" * 100)
    (src / "late.txt").write_text(LATE, "utf-8")
    report = build(data, src, emb)
    assert report.published
    _assert_serves(data, emb, report.version or "")


def _wait_job(client: TestClient) -> dict[str, Any]:
    client.app.state.runtime.jobs.wait(60)  # type: ignore[attr-defined]
    last: dict[str, Any] = client.get("/api/index", headers=AUTH).json()["last_job"]
    return last


# -- kill -9 of a real server during a rebuild ---------------------------------------------------------
def _manifest_rows(uploads: Path) -> dict[str, dict[str, str]]:
    with open(uploads / "manifest.csv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def test_server_killed_during_rebuild_restarts_on_last_snapshot_with_uploads_intact(
    tmp_path: Path,
) -> None:
    src = write_corpus(tmp_path / "src")
    data, uploads = tmp_path / "data", tmp_path / "uploads"
    build(data, src, FakeEmbedder())
    content = LATE.encode() * 50
    server = FakeServer.start(
        sources=src, data=data, uploads=uploads, log=tmp_path / "server.log", token=TOKEN, delay=30
    )
    try:
        reply = server.upload("ferry notes.txt", content, {"title": "Ferry Notes", "publisher": "Field Team"})
        assert reply.status == 202, reply.text
        late_id = reply.json()["source_id"]
        deadline = time.monotonic() + 30
        while server.request("GET", "/api/index", admin=True).json()["job"]["stage"] != "embedding":
            assert time.monotonic() < deadline, "the rebuild never reached the embedding stage"
            time.sleep(0.05)
    finally:
        server.kill()

    # nothing uploaded is lost or half-written
    assert (uploads / "ferry notes.txt").read_bytes() == content
    assert _manifest_rows(uploads)["ferry notes.txt"]["title"] == "Ferry Notes"
    assert not [p.name for p in uploads.iterdir() if p.name.startswith(".")]

    # restart (in process: the same app factory over the same folders)
    settings = Settings(sources_dir=src, data_dir=data, uploads_dir=uploads, admin_token=TOKEN)  # type: ignore[arg-type]
    with TestClient(create_app(settings, embedder=FakeEmbedder())) as client:
        assert client.get("/readyz").json()["version"] == "000001"
        ask = client.post("/api/ask", json={"question": "Who was detained in China?"})
        assert ask.status_code == 200 and ask.json()["index"]["version"] == "000001"
        assert client.post("/api/index/rebuild", headers=AUTH).status_code == 202
        job = _wait_job(client)
        assert job["state"] == "succeeded", job
        assert job["result"]["version"] == "000002" and late_id in job["result"]["added"]
        assert _build_dirs(data) == []
        ask = client.post("/api/ask", json={"question": "Which ferry crossed the Tumen river?"})
        top = ask.json()["passages"][0]
        assert top["source"]["id"] == late_id and top["source"]["title"] == "Ferry Notes"
        text = client.get(f"/api/sources/{late_id}").json()["text"]
        assert text[top["location"]["char_start"] : top["location"]["char_end"]] == top["text"]


# -- uploads land atomically ---------------------------------------------------------------------------
@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    settings = Settings(sources_dir=write_corpus(tmp_path / "src"), data_dir=tmp_path / "data")
    rt = Runtime(settings, FakeEmbedder())
    monkeypatch.setattr(rt, "start_rebuild", lambda **kw: None)  # only the file handling is tested here
    return rt


def test_upload_is_written_to_a_temp_file_fsynced_then_renamed(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(a: Any, b: Any) -> None:
        events.append(f"replace {Path(a).name[:8]} -> {Path(b).name}")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    runtime.add_source("report.txt", b"Some text about the river.", UploadMeta(title="Report"))
    first = next(i for i, e in enumerate(events) if e.endswith("-> report.txt"))
    assert events[first].startswith("replace .upload-")
    assert "fsync" in events[:first] and events[first + 1] == "fsync"  # the file, then its folder


def test_failed_upload_write_keeps_the_previous_file_and_leaves_no_temp(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime.add_source("report.txt", b"version one", UploadMeta())
    uploads = runtime.settings.resolved_uploads_dir

    def full(*args: Any) -> None:
        raise ENOSPC

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises((OSError, StorageError)):
        runtime.add_source("report.txt", b"version two", UploadMeta(), replace=True)
    assert (uploads / "report.txt").read_bytes() == b"version one"
    assert sorted(p.name for p in uploads.iterdir()) == ["manifest.csv", "report.txt"]


UPLOAD_KILLER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from service import uploads

    def hang(*args):
        print("reached", flush=True)
        time.sleep(60)

    os.replace = hang
    uploads._atomic_write_bytes(Path(sys.argv[1]), b"version two " * 100000)
    """
)


def test_kill_9_during_an_upload_write_keeps_the_previous_file(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "report.txt").write_bytes(b"version one")
    kill_when_reached(UPLOAD_KILLER, str(uploads / "report.txt"))
    assert (uploads / "report.txt").read_bytes() == b"version one"
    scan = scan_folder(uploads, max_bytes=10**7)  # the orphaned temp file never becomes a source
    assert [f.rel for f in scan.files] == ["report.txt"]


def test_disk_full_while_storing_an_upload_is_a_clear_507(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    settings = Settings(sources_dir=tmp_path / "src", data_dir=tmp_path / "data", admin_token=TOKEN)  # type: ignore[arg-type]
    with TestClient(create_app(settings, embedder=emb)) as client:

        def full(*args: Any) -> None:
            raise ENOSPC

        monkeypatch.setattr(os, "replace", full)
        r = client.post(
            "/api/sources", headers=AUTH, files={"file": ("notes.txt", b"river notes", "text/plain")}
        )
        assert r.status_code == 507, r.text
        error = r.json()["error"]
        assert error["code"] == "storage_error" and "No space left on device" in error["message"]
        assert str(tmp_path) not in r.text


def test_upload_during_a_running_rebuild_is_accepted_and_indexed_after_it(tmp_path: Path) -> None:
    """A second upload while a rebuild runs is stored, so it must not be answered 409 and then forgotten."""
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    settings = Settings(sources_dir=tmp_path / "src", data_dir=tmp_path / "data", admin_token=TOKEN)  # type: ignore[arg-type]
    gate = threading.Event()
    real_encode = emb.encode

    def slow_encode(texts: Any, **kwargs: Any) -> Any:
        gate.wait(30)
        return real_encode(texts, **kwargs)

    with TestClient(create_app(settings, embedder=emb)) as client:
        emb.encode = slow_encode  # type: ignore[method-assign]
        first = client.post(
            "/api/sources", headers=AUTH, files={"file": ("one.txt", LATE.encode(), "text/plain")}
        )
        second = client.post(
            "/api/sources",
            headers=AUTH,
            files={"file": ("two.txt", b"Second\n\nThe goat crossed the frozen river alone.", "text/plain")},
        )
        gate.set()
        assert first.status_code == 202 and second.status_code == 202, second.text
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while runtime.jobs.current is not None or runtime.jobs.last is None:
            assert time.monotonic() < deadline
            runtime.jobs.wait(1)
        assert runtime.jobs.last.state == "succeeded"
        for reply in (first, second):
            assert client.get(f"/api/sources/{reply.json()['source_id']}").status_code == 200


# -- a full disk during a rebuild -------------------------------------------------------------------------
def _raise(exc: BaseException) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return fail


DISK_FULL = {
    "store (OSError)": (StoreWriter, "add", ENOSPC),
    "store (SQLite)": (StoreWriter, "add", sqlite3.OperationalError("database or disk is full")),
    "vectors": (np, "save", ENOSPC),
    "lexical": (LexicalIndex, "save", ENOSPC),
    "checksums": (snapshot, "fsync_file", ENOSPC),
    "CURRENT": (snapshot, "atomic_write_text", ENOSPC),
    "embedding cache": (EmbeddingCache, "put_many", sqlite3.OperationalError("database or disk is full")),
}


@pytest.mark.parametrize("where", list(DISK_FULL))
def test_disk_full_during_rebuild_is_a_storage_error_and_keeps_the_old_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    src, data, emb = _two_snapshots(tmp_path)
    (src / "late.txt").write_text(LATE, "utf-8")
    owner, name, exc = DISK_FULL[where]
    with monkeypatch.context() as patch:
        patch.setattr(owner, name, _raise(exc))
        with pytest.raises(StorageError) as info:
            build(data, src, emb)
    assert "disk is full" in info.value.message or "No space left on device" in info.value.message
    assert str(tmp_path) not in info.value.message
    assert snapshot.current_name(data) == "000002"
    _assert_serves(data, emb, "000002")
    report = build(data, src, emb)  # the disk has room again
    assert report.published and _build_dirs(data) == []
    _assert_serves(data, emb, report.version or "")


def test_disk_full_leaves_no_partial_build_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed build removes its half-written folder at once (it is what fills the disk)."""
    src, data, emb = _two_snapshots(tmp_path)
    (src / "late.txt").write_text(LATE, "utf-8")
    monkeypatch.setattr(np, "save", _raise(ENOSPC))
    with pytest.raises(StorageError):
        build(data, src, emb)
    assert _build_dirs(data) == []


def test_disk_full_rebuild_through_the_api_fails_clearly_and_keeps_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, data, emb = _two_snapshots(tmp_path)
    settings = Settings(sources_dir=src, data_dir=data, admin_token=TOKEN)  # type: ignore[arg-type]
    with TestClient(create_app(settings, embedder=emb)) as client:
        (src / "late.txt").write_text(LATE, "utf-8")
        with monkeypatch.context() as patch:
            patch.setattr(StoreWriter, "add", _raise(ENOSPC))
            assert client.post("/api/index/rebuild", headers=AUTH).status_code == 202
            job = _wait_job(client)
        assert job["state"] == "failed"
        assert job["error"].startswith("could not write the new snapshot (No space left on device)")
        assert client.get("/readyz").json()["version"] == "000002"
        r = client.post("/api/ask", json={"question": "How many North Koreans were detained in China?"})
        assert r.status_code == 200 and r.json()["index"]["version"] == "000002"
        assert client.post("/api/index/rebuild", headers=AUTH).status_code == 202
        assert _wait_job(client)["state"] == "succeeded"
        assert client.get("/readyz").json()["version"] == "000003"


# -- corrupted snapshots at start ------------------------------------------------------------------------
def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage" * 64)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "store truncated": lambda snap: _truncate(snap / "store.sqlite"),
    "vectors garbage": lambda snap: _garbage(snap / "vectors.npy"),
    "manifest garbage": lambda snap: _garbage(snap / "manifest.json"),
    "manifest missing": lambda snap: (snap / "manifest.json").unlink(),
    "lexical file missing": lambda snap: next(
        p for p in (snap / "lexical").iterdir() if p.is_file()
    ).unlink(),
    "one bit flipped": lambda snap: _flip_bit(snap / "store.sqlite"),
}


def _flip_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def app_over(tmp_path: Path) -> Iterator[Callable[[Path, Path], TestClient]]:
    clients: list[TestClient] = []

    def make(src: Path, data: Path) -> TestClient:
        settings = Settings(sources_dir=src, data_dir=data, admin_token=TOKEN)  # type: ignore[arg-type]
        client = TestClient(create_app(settings, embedder=FakeEmbedder()))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_corrupt_current_snapshot_on_start_falls_back_with_a_clear_message(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    app_over: Callable[[Path, Path], TestClient],
    corruption: str,
) -> None:
    src, data, _ = _two_snapshots(tmp_path)
    CORRUPTIONS[corruption](data / "snapshots" / "000002")
    with caplog.at_level(logging.ERROR, logger="index.engine"):
        client = app_over(src, data)
    assert client.get("/readyz").json()["version"] == "000001"
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(m.startswith("snapshot 000002 is unusable: snapshot") for m in messages), messages
    r = client.post("/api/ask", json={"question": "How many North Koreans were detained in China?"})
    assert r.status_code == 200 and r.json()["index"]["version"] == "000001"


def test_only_snapshot_corrupt_is_a_clear_503_and_a_rebuild_recovers(
    tmp_path: Path, app_over: Callable[[Path, Path], TestClient]
) -> None:
    src = write_corpus(tmp_path / "src")
    data = tmp_path / "data"
    build(data, src, FakeEmbedder())
    _flip_bit(data / "snapshots" / "000001" / "vectors.npy")
    client = app_over(src, data)
    r = client.get("/readyz")
    assert r.status_code == 503
    message = r.json()["error"]["message"]
    assert message == "no usable snapshot: snapshot 000001: vectors.npy fails its checksum"
    assert client.post("/api/ask", json={"question": "refugee"}).status_code == 503
    assert client.post("/api/index/rebuild", headers=AUTH).status_code == 202
    assert _wait_job(client)["state"] == "succeeded"
    assert client.get("/readyz").json()["version"] == "000002"


@pytest.mark.parametrize("current", ["garbage\x00", "", "999999", "../../etc"])
def test_damaged_current_pointer_serves_the_newest_good_snapshot(tmp_path: Path, current: str) -> None:
    _, data, emb = _two_snapshots(tmp_path)
    (data / "CURRENT").write_text(current, "utf-8")
    _assert_serves(data, emb, "000002")
