"""Incremental, atomic index updates over a tiny corpus with the fake embedder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest

from corpus.errors import IndexNotBuilt, RebuildInProgress
from index import LocalCatalog, SourceDir, update_index
from index.builder import search_input
from index.engine import GroundIndex
from index.local import snapshot
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import TINY, build, write_corpus


def test_first_build_indexes_every_source(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    report = build(tmp_path / "data", src, emb)
    assert report.published and report.version == "000001"
    assert len(report.added) == len(TINY) and not report.failed
    assert report.embedded == len(set(emb.encoded)) and report.reused == 0
    idx = GroundIndex.open(tmp_path / "data", emb)
    assert idx.info.sources == len(TINY)
    for rec in idx.sources():
        for p in idx.passages_of(rec.id):
            assert idx.source(rec.id).text[p.char_start : p.char_end] == p.text


def test_unchanged_update_publishes_nothing(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    build(tmp_path / "data", src, FakeEmbedder())
    emb = FakeEmbedder()
    report = build(tmp_path / "data", src, emb)
    assert not report.published and report.embedded == 0 and emb.encoded == []
    assert report.unchanged == len(TINY)


def test_adding_a_source_embeds_only_its_passages(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    build(tmp_path / "data", src, FakeEmbedder())
    (src / "new.txt").write_text(
        "A brand new report.\n\nThe tribunal heard testimony about smuggling across the Tumen river in 2019.",
        encoding="utf-8",
    )
    emb = FakeEmbedder()
    report = build(tmp_path / "data", src, emb)
    idx = GroundIndex.open(tmp_path / "data", emb)
    new_id = report.added[0]
    new_passages = idx.passages_of(new_id)
    assert len(report.added) == 1 and report.version == "000002"
    assert report.embedded == len(new_passages) == len(emb.encoded)
    source = idx.source(new_id)
    assert sorted(emb.encoded) == sorted(search_input(source, p) for p in new_passages)
    assert all(
        e.endswith(p.text)
        for e, p in zip(
            sorted(emb.encoded), sorted(new_passages, key=lambda p: search_input(source, p)), strict=True
        )
    )
    assert report.reused == idx.info.passages - len(new_passages)


def test_removed_source_vanishes_from_answers(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    build(tmp_path / "data", src, emb)
    before = GroundIndex.open(tmp_path / "data", emb)
    gone = next(r.id for r in before.sources() if r.path == "refugees.txt")
    (src / "refugees.txt").unlink()
    report = build(tmp_path / "data", src, emb)
    assert report.removed == [gone]
    after = GroundIndex.open(tmp_path / "data", emb)
    answer = after.search(Query("expel or return a refugee to the frontiers", k=10))
    assert all(h.source.id != gone for h in answer.hits + answer.related)
    assert gone not in {r.id for r in after.sources()}


def test_changed_model_forces_full_rebuild(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    build(tmp_path / "data", src, FakeEmbedder(name="one"))
    emb = FakeEmbedder(name="two")
    report = build(tmp_path / "data", src, emb)
    assert report.full and report.published and report.reused == 0
    assert report.embedded == report.passages or report.embedded == len(set(emb.encoded))


def test_full_flag_reembeds_everything(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    build(tmp_path / "data", src, FakeEmbedder())
    emb = FakeEmbedder()
    report = build(tmp_path / "data", src, emb, full=True)
    assert report.full and report.published and report.reused == 0 and len(emb.encoded) > 0


def test_bad_files_are_reported_and_good_ones_indexed(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (src / "notes.xyz").write_text("unsupported", encoding="utf-8")
    report = build(tmp_path / "data", src, FakeEmbedder())
    failed = {f.path for f in report.failed}
    assert {"empty.txt", "binary.txt", "notes.xyz"} <= failed
    assert all(f.reason for f in report.failed)
    assert len(report.added) == len(TINY)


def test_open_without_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(IndexNotBuilt, match="groundqa index"):
        GroundIndex.open(tmp_path / "nothing", FakeEmbedder())


def test_second_builder_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    with snapshot.write_lock(tmp_path / "data", "job-1"), pytest.raises(RebuildInProgress) as info:
        build(tmp_path / "data", src, FakeEmbedder())
    assert info.value.job_id == "job-1"


def test_corrupt_current_snapshot_falls_back_to_previous(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    build(tmp_path / "data", src, emb)
    (src / "extra.txt").write_text("Another document about statelessness and nationality.", encoding="utf-8")
    build(tmp_path / "data", src, emb)
    current = tmp_path / "data" / "snapshots" / "000002"
    (current / "vectors.npy").write_bytes(b"garbage")
    idx = GroundIndex.open(tmp_path / "data", emb)
    assert idx.version == "000001"


def test_old_snapshots_are_cleaned_up(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    for i in range(4):
        (src / f"doc{i}.txt").write_text(f"Document number {i} about asylum procedures.", encoding="utf-8")
        update_index(
            catalog=LocalCatalog(tmp_path / "data"),
            inputs=[SourceDir(src)],
            embedder=emb,
            max_bytes=10**7,
            keep=2,
        )
    names = sorted(p.name for p in (tmp_path / "data" / "snapshots").iterdir())
    assert names == ["000003", "000004"]
    assert snapshot.current_name(tmp_path / "data") == "000004"


KILLER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from index import LocalCatalog, SourceDir, update_index
    from tests.fakes import FakeEmbedder

    class Slow(FakeEmbedder):
        def encode(self, texts, *, progress=None):
            print("embedding", flush=True)
            time.sleep(30)
            return super().encode(texts, progress=progress)

    update_index(catalog=LocalCatalog(Path(sys.argv[1])), inputs=[SourceDir(Path(sys.argv[2]))],
                 embedder=Slow(),
                 max_bytes=10**7)
    """
)


def test_kill_9_during_update_keeps_previous_snapshot(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    data = tmp_path / "data"
    emb = FakeEmbedder()
    build(data, src, emb)
    (src / "late.txt").write_text("A late addition about the Tumen river crossing.", encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(data), str(src)],
        cwd=root,
        stdout=subprocess.PIPE,
        env={**os.environ},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"embedding"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()

    idx = GroundIndex.open(data, emb)
    assert idx.version == "000001"
    assert idx.search(Query("forcibly repatriated North Koreans")).index_version == "000001"
    report = build(data, src, emb)
    assert report.published and report.version == "000002"
    assert not [p for p in (data / "snapshots").iterdir() if p.name.startswith(".build-")]
    manifest = json.loads((data / "snapshots" / "000002" / "manifest.json").read_text())
    assert manifest["sources"] == len(TINY) + 1


def test_odd_file_names_index_the_good_files_with_one_reason_per_clash(tmp_path: Path) -> None:
    """NFC/NFD twins, case twins, long, newline and undecodable names: no traceback, good files indexed."""
    src = tmp_path / "src"
    src.mkdir()
    body = "Asylum\n\nThe asylum procedure takes {} months in the {} office."
    nfc, nfd = unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")
    assert nfc != nfd
    names = [nfc, nfd, "Café.txt", "x" * 200 + ".txt", "new\nline.txt"]
    for i, name in enumerate(names):
        (src / name).write_text(body.format(i + 2, name[:8]), encoding="utf-8")
    os.close(os.open(os.fsencode(src) + b"/bad\xff.txt", os.O_WRONLY | os.O_CREAT, 0o644))
    emb = FakeEmbedder()
    report = build(tmp_path / "data", src, emb)
    assert report.published
    reasons = {f.path: f.reason for f in report.failed}
    clash = [r for p, r in reasons.items() if unicodedata.normalize("NFC", p) == nfc]
    assert len(clash) == 1 and "Unicode" in clash[0] and "café.txt" in clash[0]
    assert any("not valid UTF-8" in r for r in reasons.values())
    assert all("\n" not in r for r in reasons.values())
    idx = GroundIndex.open(tmp_path / "data", emb)
    paths = {r.path for r in idx.sources()}
    assert nfc in paths and "Café.txt" in paths and "x" * 200 + ".txt" in paths
    assert len(paths) == 4  # NFC twin (one of the two), case twin, long name, newline name
    assert report.to_json()["failed"]  # serialisable as the CLI prints it
