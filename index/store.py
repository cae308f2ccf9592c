"""The passage and source store of one snapshot: a single SQLite file.

Written once when a snapshot is built and then only read; the engine loads it into memory, so a
query never touches the disk.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import SnapshotCorrupt
from corpus.models import Passage, Source, SourceMeta

_SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    date TEXT,
    url TEXT,
    license TEXT,
    language TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    pages TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    notes TEXT NOT NULL,
    indexed_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    ordinal INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    page INTEGER,
    text_hash TEXT NOT NULL,
    tokens TEXT NOT NULL,
    sentences TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class SourceRecord:
    """A stored source with what the index knows about it."""

    source: Source
    namespace: str
    indexed_at: str  # ISO 8601 UTC time its current content was first indexed
    passage_count: int


@dataclass(frozen=True)
class StoredPassage:
    passage: Passage
    text_hash: str
    tokens: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...] = ()  # sentence spans within the passage (for evidence)


@dataclass(frozen=True)
class StoreData:
    sources: dict[str, SourceRecord]
    passages: list[StoredPassage]  # in row order: row i is vector i


def write_store(
    path: Path,
    sources: Iterable[tuple[Source, str, str]],
    passages: Sequence[StoredPassage],
) -> None:
    """Write a new store file. `sources` yields (source, namespace, indexed_at)."""
    counts: dict[str, int] = {}
    for sp in passages:
        counts[sp.passage.source_id] = counts.get(sp.passage.source_id, 0) + 1
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    s.id,
                    ns,
                    s.path,
                    s.meta.title,
                    s.meta.publisher,
                    s.meta.date,
                    s.meta.url,
                    s.meta.license,
                    s.meta.language,
                    s.content_hash,
                    json.dumps(list(s.pages)),
                    json.dumps([list(p) for p in s.paragraphs]),
                    json.dumps(list(s.notes), ensure_ascii=False),
                    indexed_at,
                    s.text,
                )
                for s, ns, indexed_at in sources
            ),
        )
        con.executemany(
            "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    row,
                    sp.passage.id,
                    sp.passage.source_id,
                    sp.passage.ordinal,
                    sp.passage.char_start,
                    sp.passage.char_end,
                    sp.passage.page,
                    sp.text_hash,
                    "\x1f".join(sp.tokens),
                    json.dumps([list(span) for span in sp.sentences]),
                )
                for row, sp in enumerate(passages)
            ),
        )
        con.commit()
    finally:
        con.close()


def read_store(path: Path) -> StoreData:
    """Load a store file fully into memory; raise SnapshotCorrupt when it is unreadable."""
    if not path.is_file():
        raise SnapshotCorrupt(f"snapshot store is missing: {path.name}")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            src_rows = con.execute(
                "SELECT id, namespace, path, title, publisher, date, url, license, language, "
                "content_hash, pages, paragraphs, notes, indexed_at, text FROM sources"
            ).fetchall()
            psg_rows = con.execute(
                "SELECT row, id, source_id, ordinal, char_start, char_end, page, text_hash, tokens, "
                "sentences FROM passages ORDER BY row"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise SnapshotCorrupt(f"snapshot store is unreadable ({exc})") from exc

    texts: dict[str, str] = {}
    raw_sources: dict[str, tuple[Source, str, str]] = {}
    for r in src_rows:
        source = Source(
            id=r[0],
            path=r[2],
            meta=SourceMeta(title=r[3], publisher=r[4], date=r[5], url=r[6], license=r[7], language=r[8]),
            text=r[14],
            content_hash=r[9],
            pages=tuple(json.loads(r[10])),
            paragraphs=tuple((int(a), int(b)) for a, b in json.loads(r[11])),
            notes=tuple(json.loads(r[12])),
        )
        texts[source.id] = source.text
        raw_sources[source.id] = (source, r[1], r[13])

    passages: list[StoredPassage] = []
    counts: dict[str, int] = {}
    for expected_row, r in enumerate(psg_rows):
        row, pid, sid, ordinal, start, end, page, text_hash, tokens, sentences = r
        if row != expected_row or sid not in texts:
            raise SnapshotCorrupt(f"snapshot store has an inconsistent passage table at row {row}")
        text = texts[sid][start:end]
        passages.append(
            StoredPassage(
                passage=Passage(
                    id=pid,
                    source_id=sid,
                    text=text,
                    char_start=start,
                    char_end=end,
                    page=page,
                    ordinal=ordinal,
                ),
                text_hash=text_hash,
                tokens=tuple(tokens.split("\x1f")) if tokens else (),
                sentences=tuple((int(a), int(b)) for a, b in json.loads(sentences)),
            )
        )
        counts[sid] = counts.get(sid, 0) + 1

    sources = {
        sid: SourceRecord(source=s, namespace=ns, indexed_at=at, passage_count=counts.get(sid, 0))
        for sid, (s, ns, at) in raw_sources.items()
    }
    return StoreData(sources=sources, passages=passages)
