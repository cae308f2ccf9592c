"""Small builders shared by hermetic tests: a tiny corpus on disk and an index over it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from corpus.chunker import Chunker
from corpus.models import Passage, Source, SourceMeta
from corpus.normalize import paragraph_spans
from corpus.sentences import split_sentences
from index import LocalCatalog, SourceDir, UpdateReport, update_index
from index.analyzer import analyze_many
from index.backend import Backend, Catalog, NewPassage, RowRunsBackend
from index.engine import GroundIndex
from index.local.backend import LocalBackend
from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from tests.memory_backend import MemoryBackend

ROOT = Path(__file__).resolve().parents[1]

TINY = {
    "refugees.txt": (
        "The Refugee Convention\n\n"
        "No Contracting State shall expel or return a refugee in any manner whatsoever to the frontiers "
        "of territories where his life or freedom would be threatened on account of his race, religion, "
        "nationality, membership of a particular social group or political opinion.\n\n"
        "The Contracting States shall not impose penalties, on account of their illegal entry or presence, "
        "on refugees who, coming directly from a territory where their life or freedom was threatened, "
        "enter or are present in their territory without authorization."
    ),
    "defectors.txt": (
        "Defectors Report 2023\n\n"
        "Human rights groups estimated that as many as 2,000 North Koreans were detained in China awaiting "
        "deportation. Observers noted a large backlog of detainees during the border closure.\n\n"
        "In October, human rights NGOs reported that China forcibly repatriated up to 600 North Koreans."
    ),
    "copy_of_defectors.txt": (
        "Defectors Report 2023 (mirror)\n\n"
        "Human rights groups estimated that as many as 2,000 North Koreans were detained in China awaiting "
        "deportation. Observers noted a large backlog of detainees during the border closure."
    ),
    "korean.txt": (
        "난민법\n\n"
        "난민인정자와 인도적체류자 및 난민신청자는 난민협약 제33조에 따라 "
        "본인의 의사에 반하여 강제로 송환되지 아니한다.\n\n"
        "이 법은 난민의 지위와 처우 등에 관한 사항을 정함을 목적으로 한다."
    ),
}

MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "refugees.txt,Convention relating to the Status of Refugees,United Nations,"
    "1951-07-28,"
    "https://example.org/1951,test,Public,en\n"
    "defectors.txt,Defectors Report,Example Watch,2023-10-01,https://example.org/d,test,CC BY,en\n"
    "copy_of_defectors.txt,Defectors Report (mirror),Mirror Site,2024,"
    "https://mirror.example/d,test,CC BY,en\n"
    "korean.txt,난민법,대한민국 국회,2016-12-20,https://example.kr/law,test,Public,ko\n"
)


def write_corpus(folder: Path, files: dict[str, str] | None = None, manifest: str | None = MANIFEST) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files if files is not None else TINY).items():
        (folder / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


def build(data: Path, sources: Path, embedder: FakeEmbedder, *, full: bool = False) -> UpdateReport:
    return update_index(
        catalog=LocalCatalog(data),
        inputs=[SourceDir(sources)],
        embedder=embedder,
        max_bytes=10 * 1024 * 1024,
        full=full,
    )


def api_settings(root: Path, token: str | None) -> Settings:
    """Settings for an app over `root/src` and `root/data`, with a 1 MB upload limit."""
    return Settings(
        sources_dir=root / "src",
        data_dir=root / "data",
        admin_token=token,  # type: ignore[arg-type]
        max_upload_mb=1,
    )


Prepared = list[tuple[Source, list[tuple[Passage, list[str], list[tuple[int, int]], np.ndarray]]]]


def prepare(sources: Sequence[Source], embedder: FakeEmbedder, *, chunk: bool = True) -> Prepared:
    """Each source with its passages, analysed terms, sentence spans and vectors (as the builder makes
    them); `chunk=False` makes each source one passage whose id is the source id."""
    chunker = Chunker(embedder.count_tokens, embedder.max_tokens)
    out: Prepared = []
    for s in sources:
        whole = [Passage(s.id, s.id, s.text, 0, len(s.text), None, 0)]
        passages = chunker.chunk(s) if chunk else whole
        tokens = analyze_many([p.text for p in passages])
        vectors = embedder.encode([p.text for p in passages])
        out.append(
            (
                s,
                [
                    (p, t, split_sentences(p.text), v)
                    for p, t, v in zip(passages, tokens, vectors, strict=True)
                ],
            )
        )
    return out


def memory_backend(prepared: Prepared) -> MemoryBackend:
    return MemoryBackend(prepared, model="fake-64")


def local_backend(prepared: Prepared, data_dir: Path, model: str = "fake-64") -> LocalBackend:
    """The same collection published as a local snapshot in `data_dir`, opened."""
    catalog = LocalCatalog(data_dir)
    publish(catalog, prepared, model)
    return catalog.open()


def publish(catalog: Catalog, prepared: Prepared, model: str = "fake-64") -> None:
    """Write `prepared` as a new version of `catalog` through its writer (no base) and publish it."""
    dim = len(prepared[0][1][0][3]) if prepared and prepared[0][1] else 64
    with catalog.lock(), catalog.writer(None, model=model, dim=dim) as writer:
        for source, passages in prepared:
            writer.add_source(
                source,
                namespace="",
                indexed_at="2026-01-01T00:00:00Z",
                passages=[NewPassage(p, tuple(t), tuple(s), v) for p, t, s, v in passages],
            )
        writer.publish({})


def text_source(source_id: str, text: str, **meta: str) -> Source:
    """A Source for unit tests (title defaults to the id, language to English)."""
    fields = {"title": source_id, "language": "en", **meta}
    return Source(
        id=source_id,
        path=f"{source_id}.txt",
        meta=SourceMeta(**fields),  # type: ignore[arg-type]
        text=text,
        content_hash=source_id,
        paragraphs=paragraph_spans(text),
    )


def tiny_index_in(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    files: dict[str, str] | None = None,
    manifest: str | None = MANIFEST,
) -> GroundIndex:
    """A small corpus (the tiny one unless `files` and `manifest` are given, as `write_corpus` takes
    them) indexed with the fake embedder in a fresh temporary folder `name`, opened."""
    root = tmp_path_factory.mktemp(name)
    emb = FakeEmbedder()
    build(root / "data", write_corpus(root / "src", files, manifest), emb)
    return GroundIndex.open(root / "data", emb)


def app_client(settings: Settings) -> Iterator[TestClient]:
    """A started test client for an app with `settings` and the fake embedder (a fixture yields from it)."""
    with TestClient(create_app(settings, embedder=FakeEmbedder())) as c:
        yield c


def runtime_of(client: TestClient) -> Any:
    """The app's `Runtime` behind a test client."""
    return client.app.state.runtime  # type: ignore[attr-defined]


def demo_collection(shared_dir: Path) -> dict[str, Source]:
    """The shared demo collection ingested, by path."""
    from corpus.ingest import ingest_folder

    report = ingest_folder(
        shared_dir / "corpus" / "sources",
        manifest=shared_dir / "corpus" / "manifest.csv",
        max_bytes=50_000_000,
    )
    return {s.path: s for s in report.sources}


def kill_when_reached(code: str, *args: str, env: dict[str, str] | None = None) -> None:
    """Run `code` in a child Python until it prints "reached", then kill -9 it."""
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == b"reached"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()


class IdsOnly:
    """A backend without the row-handle capability (`RowRunsBackend`), all else delegated: the
    retriever then takes its id-keyed path."""

    def __init__(self, inner: Backend) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        if name in _ROW_METHODS:
            raise AttributeError(name)
        return getattr(self._inner, name)


_ROW_METHODS = frozenset(name for name in dir(RowRunsBackend) if not name.startswith("_"))
