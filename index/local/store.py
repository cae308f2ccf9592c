"""The passage and source store of one local snapshot: a single SQLite file, written once, then read.

Sources are stored in the order they were written, and each source's passages occupy one contiguous
range of rows (row i is vector i and BM25 document i), so a metadata filter becomes a few row
ranges. Texts are read on demand: a query fetches only its candidates' passages.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

from corpus.errors import NotFound, SnapshotCorrupt
from corpus.models import Passage, Region, Source
from index.backend import PassageRecord, SourceRecord
from index.records import passage, source_record

STORE_FILE = "store.sqlite"

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL UNIQUE,
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
    regions TEXT NOT NULL,
    notes TEXT NOT NULL,
    indexed_at TEXT NOT NULL,
    first_row INTEGER NOT NULL,
    passage_count INTEGER NOT NULL,
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
    page_end INTEGER,
    section TEXT NOT NULL,
    context TEXT NOT NULL,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL,
    sentences TEXT NOT NULL,
    sentence_terms TEXT NOT NULL
);
"""
_TOKEN_SEP = "\x1f"
_SENTENCE_SEP = "\x1e"
_SOURCE_COLUMNS = (
    "id, ord, namespace, path, title, publisher, date, url, license, language, content_hash, "
    "pages, paragraphs, regions, notes, indexed_at, first_row, passage_count"
)
_PASSAGE_COLUMNS = (
    "row, id, source_id, ordinal, char_start, char_end, page, page_end, section, context, text, "
    "tokens, sentences, sentence_terms"
)


@dataclass(frozen=True)
class StoredSource:
    """A source row: its record and where its passages are (its layout is read by `Store.layout`)."""

    record: SourceRecord
    first_row: int

    @property
    def rows(self) -> range:
        """Its passages' rows: first_row .. first_row + passage_count - 1 (empty when it has none)."""
        return range(self.first_row, self.first_row + self.record.passage_count)


@dataclass(frozen=True)
class StoredPassage:
    """A passage row as written: the passage and what the query pipeline reads about it."""

    passage: Passage
    tokens: Sequence[str]
    sentences: Sequence[tuple[int, int]]
    sentence_terms: Sequence[tuple[str, ...]]


def encode_sentence_terms(terms: Sequence[Sequence[str]]) -> str:
    """Per-sentence terms as one string (sentences split by \\x1e, terms by \\x1f)."""
    return _SENTENCE_SEP.join(_TOKEN_SEP.join(t) for t in terms)


def decode_sentence_terms(raw: str, n_sentences: int) -> tuple[tuple[str, ...], ...]:
    """The inverse of `encode_sentence_terms` for a passage of `n_sentences` sentences."""
    return _decode_some_sentence_terms(raw) if n_sentences else ()


class Lazy(Sequence[T]):
    """A stored sequence decoded on first use: a query reads ~58 candidate rows but needs the
    sentence spans and terms of only the ~5 it shows (decoding all of them cost ~0.6 ms a query),
    and the token count but not the tokens of any (the terms they hold come from the BM25 arrays).
    `length`, when given, answers `len` without decoding. Compares equal to any sequence with the
    same items."""

    __slots__ = ("_decode", "_items", "_length", "_raw")

    def __init__(self, raw: str, decode: Callable[[str], tuple[T, ...]], length: int | None = None) -> None:
        self._raw = raw
        self._decode: Callable[[str], tuple[T, ...]] | None = decode
        self._items: tuple[T, ...] = ()
        self._length = length  # when known without decoding (a passage's token count)

    def _get(self) -> tuple[T, ...]:
        decode = self._decode  # read once: another thread may finish decoding meanwhile
        if decode is not None:
            self._items = decode(self._raw)
            self._decode = None
        return self._items

    def __len__(self) -> int:
        return self._length if self._length is not None else len(self._get())

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...
    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        return self._get()[i]

    def __iter__(self) -> Iterator[T]:
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._get() == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._get())


def decode_tokens(raw: str) -> tuple[str, ...]:
    """A passage's tokens from their stored form (joined by \x1f)."""
    return tuple(raw.split(_TOKEN_SEP)) if raw else ()


def decode_spans(raw: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans from their stored form ("a0 b0 a1 b1 ...")."""
    bounds = [int(x) for x in raw.split()]
    return tuple(zip(bounds[::2], bounds[1::2], strict=True))


def _regions_json(regions: Sequence[Region]) -> str:
    return json.dumps([[r.start, r.end, r.kind, r.level, r.label] for r in regions], ensure_ascii=False)


def _regions(raw: str) -> tuple[Region, ...]:
    return tuple(Region(int(a), int(b), k, int(lv), str(lb)) for a, b, k, lv, lb in json.loads(raw))


class StoreWriter:
    """Writes a new store file; sources must be added in row order, each with its passages."""

    def __init__(self, path: Path) -> None:
        self._con = sqlite3.connect(path)
        self._con.executescript(_SCHEMA)
        self._row = 0
        self._ord = 0

    def add(self, source: Source, namespace: str, indexed_at: str, passages: Sequence[StoredPassage]) -> None:
        """Store one source and its passages (row numbers continue from the previous source)."""
        first = self._row
        self._con.execute(
            f"INSERT INTO sources ({_SOURCE_COLUMNS}, text) VALUES ({','.join('?' * 19)})",
            (
                source.id,
                self._ord,
                namespace,
                source.path,
                source.meta.title,
                source.meta.publisher,
                source.meta.date,
                source.meta.url,
                source.meta.license,
                source.meta.language,
                source.content_hash,
                json.dumps(list(source.pages)),
                json.dumps([list(p) for p in source.paragraphs]),
                _regions_json(source.regions),
                json.dumps(list(source.notes), ensure_ascii=False),
                indexed_at,
                first,
                len(passages),
                source.text,
            ),
        )
        self._con.executemany(
            f"INSERT INTO passages ({_PASSAGE_COLUMNS}) VALUES ({','.join('?' * 14)})",
            (
                (
                    first + i,
                    sp.passage.id,
                    source.id,
                    sp.passage.ordinal,
                    sp.passage.char_start,
                    sp.passage.char_end,
                    sp.passage.page,
                    sp.passage.page_end,
                    json.dumps(list(sp.passage.section), ensure_ascii=False),
                    sp.passage.context,
                    sp.passage.text,
                    _TOKEN_SEP.join(sp.tokens),
                    " ".join(f"{a} {b}" for a, b in sp.sentences),
                    encode_sentence_terms(sp.sentence_terms),
                )
                for i, sp in enumerate(passages)
            ),
        )
        self._row += len(passages)
        self._ord += 1

    def close(self) -> None:
        """Commit and close (the file is complete afterwards)."""
        self._con.commit()
        self._con.close()

    def discard(self) -> None:
        """Close without committing (the build is being thrown away)."""
        with contextlib.suppress(sqlite3.Error):
            self._con.close()


class Store:
    """A store file opened read-only; one connection shared by all threads behind a lock.

    The connection is opened at once, so the file stays readable even if its folder is deleted later
    (a pruned snapshot that a query still holds).
    """

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise SnapshotCorrupt(f"snapshot store is missing: {path.name}")
        self._lock = threading.Lock()
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._con.execute("SELECT count(*) FROM sources").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SnapshotCorrupt(f"snapshot store is unreadable ({exc})") from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            with self._lock:
                return self._con.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise SnapshotCorrupt(f"snapshot store is unreadable ({exc})") from exc

    def close(self) -> None:
        """Close the connection; later reads fail (as SnapshotCorrupt)."""
        with self._lock:
            self._con.close()

    # -- sources ---------------------------------------------------------------------------------
    def sources(self) -> list[StoredSource]:
        """Every source, in row order (without texts, pages, paragraphs or regions: see `layout`)."""
        out = []
        columns = _SOURCE_COLUMNS.replace("pages, paragraphs, regions, ", "")
        for r in self._query(f"SELECT {columns} FROM sources ORDER BY ord"):
            (sid, _ord, ns, path, title, pub, date, url, lic, lang, chash) = r[:11]
            notes, at, first, count = r[11:]
            record = source_record(
                sid, ns, path, title, pub, date, url, lic, lang, chash, json.loads(notes), at, count
            )
            out.append(StoredSource(record=record, first_row=first))
        return out

    def layout(
        self, source_id: str
    ) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...], tuple[Region, ...]]:
        """A source's pages, paragraphs and regions (read when the source itself is asked for).

        Returns:
            (page start offsets, (start, end) paragraph spans, regions), all in characters of the
            source's canonical text.

        Raises:
            NotFound: the id is unknown. SnapshotCorrupt: the store cannot be read.
        """
        rows = self._query("SELECT pages, paragraphs, regions FROM sources WHERE id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source with id {source_id!r} in this index")
        pages, paragraphs, regions = rows[0]
        return (
            tuple(json.loads(pages)),
            tuple((int(a), int(b)) for a, b in json.loads(paragraphs)),
            _regions(regions),
        )

    def source_text(self, source_id: str) -> str:
        """A source's canonical text (what its offsets refer to); NotFound when the id is unknown."""
        rows = self._query("SELECT text FROM sources WHERE id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source with id {source_id!r} in this index")
        return str(rows[0][0])

    # -- passages --------------------------------------------------------------------------------
    def passage_ids(self) -> list[str]:
        """Every passage id in row order."""
        return [r[0] for r in self._query("SELECT id FROM passages ORDER BY row")]

    def rows_of(self, ids: Sequence[str]) -> dict[str, int]:
        """Row numbers of the given passage ids (unknown ids are absent)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            out.update(self._query(f"SELECT id, row FROM passages WHERE id IN ({marks})", chunk))
        return out

    def records_by_row(self, rows: Sequence[int], languages: Mapping[int, str]) -> dict[int, PassageRecord]:
        """The query pipeline's records of the passages at the given rows (`languages`: each row's
        source language), built straight from the stored columns."""
        out: dict[int, PassageRecord] = {}
        for chunk in _chunks(sorted(set(rows)), 500):
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT {_PASSAGE_COLUMNS} FROM passages WHERE row IN ({marks})", chunk):
                out[r[0]] = _record(r, languages[r[0]])
        return out

    def passage_range(self, lo: int, hi: int) -> list[StoredPassage]:
        """The passages of rows lo..hi-1, in order."""
        rows = self._query(
            f"SELECT {_PASSAGE_COLUMNS} FROM passages WHERE row >= ? AND row < ? ORDER BY row", (lo, hi)
        )
        return [_stored_passage(r) for r in rows]

    def iter_tokens(self) -> Iterator[tuple[str, ...]]:
        """Every passage's tokens in row order (for rebuilding the lexical index)."""
        for (tokens,) in self._query("SELECT tokens FROM passages ORDER BY row"):
            yield tuple(tokens.split(_TOKEN_SEP)) if tokens else ()


def _stored_passage(r: Sequence[Any]) -> StoredPassage:
    """A passage row (`_PASSAGE_COLUMNS`) as written."""
    tokens, sentences, sentence_terms = _lazy_columns(r)
    return StoredPassage(_passage_of(r), tokens, sentences, sentence_terms)


def _record(r: Sequence[Any], language: str) -> PassageRecord:
    """A passage row (`_PASSAGE_COLUMNS`) as the query pipeline reads it, with its source's
    `language` (built straight from the columns, not through `StoredPassage`: ~1.5 us less a row,
    ~25 rows a query)."""
    tokens, sentences, sentence_terms = _lazy_columns(r)
    return PassageRecord(_passage_of(r), language, tokens, sentences, sentence_terms)


def _passage_of(r: Sequence[Any]) -> Passage:
    """The `Passage` of a passage row (`_PASSAGE_COLUMNS`)."""
    _row, pid, sid, ordinal, start, end, page, page_end, section, context, text = r[:11]
    return passage(pid, sid, ordinal, start, end, page, page_end, _headings(section), context, text)


def _lazy_columns(
    r: Sequence[Any],
) -> tuple[Lazy[str], Lazy[tuple[int, int]], Sequence[tuple[str, ...]]]:
    """The tokens (counted, not split), sentence spans and sentence terms of a passage row
    (`_PASSAGE_COLUMNS`), each decoded on first use (`Lazy`); no sentence terms for a passage
    without sentences."""
    tokens, sentences, sentence_terms = r[11:]
    return (
        Lazy(tokens, decode_tokens, tokens.count(_TOKEN_SEP) + 1 if tokens else 0),
        Lazy(sentences, decode_spans),
        Lazy(sentence_terms, _decode_some_sentence_terms) if sentences else (),
    )


def _decode_some_sentence_terms(raw: str) -> tuple[tuple[str, ...], ...]:
    """`decode_sentence_terms` for a passage of at least one sentence."""
    return tuple(tuple(part.split(_TOKEN_SEP)) if part else () for part in raw.split(_SENTENCE_SEP))


@functools.lru_cache(maxsize=4096)
def _headings(section: str) -> tuple[str, ...]:
    """A passage's stored section path (JSON list); many passages of a source share one, so the
    parsed tuples are kept (read per candidate on every query)."""
    return tuple(json.loads(section)) if section != "[]" else ()


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
