"""`PostgresWriter`: a new version written inside one transaction, published by committing it.

Everything a build writes (source rows, passages, postings, vectors, the version's rows) goes into
one transaction on the writer's own connection; `publish` adds the version's statistics, flips
`current_version` and commits. Until then nothing is visible to readers, and a build that dies
(kill -9, a lost connection) is rolled back by the server: the previous version keeps serving and
no debris is left. An unchanged source is carried over by reference (`version_sources`), so an
incremental build writes only what changed.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from corpus.errors import BackendUnavailable
from corpus.models import Source
from index.analyzer import bm25_length
from index.backend import IndexInfo, NewPassage
from index.postgres.backend import EXACT_MAX, PostgresBackend
from index.postgres.db import Connection, Database, vector_binary
from index.postgres.schema import POSTING, create_hnsw_index, vectors_table
from index.types import date_bounds

log = logging.getLogger(__name__)

FLUSH_PASSAGES = 2000  # buffered passages are copied to the server in batches of this size
KEY_BLOCK = 1000  # passage keys reserved from the sequence per round trip
INDEX_MEMORY = "512MB"  # maintenance_work_mem while building HNSW indexes (the graph fits: faster)
ANALYZED = ("sources", "version_sources", "passages", "postings", "version_terms")


class PostgresWriter:
    """Writes one new version in the transaction of `conn`; see `index.backend.IndexWriter`."""

    def __init__(
        self,
        db: Database,
        conn: Connection,
        base: PostgresBackend | None,
        *,
        version_id: int,
        model_id: int,
        model: str,
        dim: int,
        exact_max: int = EXACT_MAX,
    ) -> None:
        self._db = db
        # A language gets its HNSW index when it has half the passages that readers stop scanning
        # exactly at, so the index exists (built in bulk) before the first query needs it.
        self._hnsw_from = exact_max // 2
        self._conn = conn
        self._base = base
        self._version = version_id
        self._model_id = model_id
        self._model = model
        self._dim = dim
        self._links: list[tuple[int, int]] = []  # (source key, its passage count), in version order
        self._term_ids: dict[str, int] = {}
        self._lang_ids: dict[str, int] = {}
        self._keys: list[int] = []
        self._passage_rows: list[tuple[Any, ...]] = []
        self._vector_rows: list[tuple[int, int, int, bytes]] = []
        # per source row: {term: [(passage key, tf, length), ...]}, packed once term ids are known
        self._postings: list[tuple[int, dict[str, list[tuple[int, int, int]]]]] = []
        self.published: IndexInfo | None = None

    # -- IndexWriter -----------------------------------------------------------------------------
    def keep_source(self, source_id: str) -> None:
        if self._base is None:
            raise ValueError("keep_source needs a base version")
        stored = self._base.stored(source_id)
        self._links.append((stored.key, stored.record.passage_count))

    def add_source(
        self, source: Source, *, namespace: str, indexed_at: str, passages: Sequence[NewPassage]
    ) -> None:
        meta = source.meta
        lang_id = self._language(meta.language)
        start, end = date_bounds(meta.date) if meta.date else (None, None)
        row = self._conn.execute(
            "INSERT INTO sources (id, namespace, path, title, publisher, publisher_key, date, date_start,"
            " date_end, url, license, language, language_key, lang_id, content_hash, pages, paragraphs,"
            " regions, notes, indexed_at, passage_count, token_count, text)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s) RETURNING key",
            (
                source.id,
                namespace,
                source.path,
                meta.title,
                meta.publisher,
                meta.publisher.casefold() if meta.publisher else None,
                meta.date,
                start,
                end,
                meta.url,
                meta.license,
                meta.language,
                meta.language.casefold(),
                lang_id,
                source.content_hash,
                Jsonb(list(source.pages)),
                Jsonb([list(p) for p in source.paragraphs]),
                Jsonb([[r.start, r.end, r.kind, r.level, r.label] for r in source.regions]),
                Jsonb(list(source.notes)),
                indexed_at,
                len(passages),
                sum(bm25_length(p.tokens) for p in passages),
                source.text,
            ),
        ).fetchone()
        assert row is not None
        key = int(row[0])
        postings: dict[str, list[tuple[int, int, int]]] = {}
        for np_ in passages:
            p = np_.passage
            pkey = self._next_key()
            self._passage_rows.append(
                (
                    pkey,
                    key,
                    p.ordinal,
                    p.id,
                    p.char_start,
                    p.char_end,
                    p.page,
                    p.page_end,
                    Jsonb(list(p.section)),
                    p.context,
                    p.text,
                    list(np_.tokens),
                    Jsonb([list(s) for s in np_.sentences]),
                )
            )
            self._vector_rows.append((pkey, key, lang_id, vector_binary(np_.vector)))
            length = bm25_length(np_.tokens)
            for term, tf in Counter(np_.tokens).items():
                postings.setdefault(term, []).append((pkey, tf, length))
        self._postings.append((key, postings))
        self._links.append((key, len(passages)))
        if len(self._passage_rows) >= FLUSH_PASSAGES:
            self._flush()

    def publish(self, extra: Mapping[str, Any]) -> IndexInfo:
        conn, v = self._conn, self._version
        self._flush()
        # Postings go in sorted by term: a query reads each of its terms' rows from a few pages.
        conn.execute("INSERT INTO postings SELECT * FROM new_postings ORDER BY term, source_key")
        with (
            conn.cursor() as cur,
            cur.copy("COPY version_sources (version, ord, source_key) FROM STDIN") as cp,
        ):
            for ord_, (key, _) in enumerate(self._links):
                cp.write_row((v, ord_, key))
        n_passages = sum(n for _, n in self._links)
        total = conn.execute(
            "SELECT coalesce(sum(s.token_count), 0) FROM version_sources vs"
            " JOIN sources s ON s.key = vs.source_key WHERE vs.version = %s",
            (v,),
        ).fetchone()
        total_length = int(total[0]) if total else 0
        conn.execute(
            "INSERT INTO version_terms (version, term, df)"
            " SELECT %(v)s, po.term, sum(po.n) FROM postings po"
            " JOIN version_sources vs ON vs.source_key = po.source_key AND vs.version = %(v)s"
            " GROUP BY po.term",
            {"v": v},
        )
        self._index_languages()
        built_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn.execute(
            "UPDATE versions SET built_at = %s, sources = %s, passages = %s, total_length = %s, extra = %s"
            " WHERE id = %s",
            (built_at, len(self._links), n_passages, total_length, Jsonb(dict(extra)), v),
        )
        conn.execute(
            "UPDATE versions SET retired_at = now() WHERE id = (SELECT version FROM current_version)"
        )
        conn.execute(
            "INSERT INTO current_version (one, version) VALUES (true, %s)"
            " ON CONFLICT (one) DO UPDATE SET version = excluded.version, published_at = now()",
            (v,),
        )
        conn.commit()
        info = IndexInfo(
            version=f"{v:06d}",
            built_at=built_at,
            model=self._model,
            dim=self._dim,
            sources=len(self._links),
            passages=n_passages,
            languages={},
            passage_languages={},
            extra=dict(extra),
        )
        self.published = info
        self._tidy()
        return info

    # -- helpers ---------------------------------------------------------------------------------
    def _language(self, code: str) -> int:
        if code not in self._lang_ids:
            self._conn.execute(
                "INSERT INTO languages (code) VALUES (%s) ON CONFLICT (code) DO NOTHING", (code,)
            )
            row = self._conn.execute("SELECT id FROM languages WHERE code = %s", (code,)).fetchone()
            assert row is not None
            self._lang_ids[code] = int(row[0])
        return self._lang_ids[code]

    def _next_key(self) -> int:
        if not self._keys:
            rows = self._conn.execute(
                "SELECT nextval('passages_key_seq') FROM generate_series(1, %s)", (KEY_BLOCK,)
            ).fetchall()
            self._keys = sorted((int(r[0]) for r in rows), reverse=True)
        return self._keys.pop()

    def _resolve_terms(self) -> None:
        new = sorted({t for _, terms in self._postings for t in terms} - self._term_ids.keys())
        if not new:
            return
        self._conn.execute(
            "INSERT INTO terms (term) SELECT unnest(%s::text[]) ON CONFLICT (term) DO NOTHING", (new,)
        )
        rows = self._conn.execute("SELECT term, id FROM terms WHERE term = ANY(%s::text[])", (new,))
        self._term_ids.update((t, int(i)) for t, i in rows.fetchall())

    def _flush(self) -> None:
        """Copy the buffered passages, their vectors and postings to the server."""
        if not self._passage_rows and not self._postings:
            return
        conn = self._conn
        self._resolve_terms()
        with conn.cursor() as cur:
            with cur.copy(
                "COPY passages (key, source_key, ordinal, id, char_start, char_end, page, page_end, section,"
                " context, text, tokens, sentences) FROM STDIN"
            ) as cp:
                for prow in self._passage_rows:
                    cp.write_row(prow)
            copy_vectors = sql.SQL(
                "COPY {t} (passage, source_key, lang_id, embedding) FROM STDIN (FORMAT BINARY)"
            ).format(t=vectors_table(self._model_id))
            with cur.copy(copy_vectors) as cp:
                # The vector is already in pgvector's binary form: sent as is (typed bytea for the copy).
                cp.set_types(["int8", "int8", "int2", "bytea"])
                for vrow in self._vector_rows:
                    cp.write_row(vrow)
            with cur.copy("COPY new_postings (term, source_key, n, data) FROM STDIN (FORMAT BINARY)") as cp:
                cp.set_types(["int4", "int8", "int4", "bytea"])
                ids = self._term_ids
                for skey, terms in self._postings:
                    for term, records in terms.items():
                        blob = np.array(records, dtype=np.int64)
                        packed = np.empty(len(records), dtype=POSTING)
                        packed["passage"], packed["tf"], packed["length"] = blob[:, 0], blob[:, 1], blob[:, 2]
                        cp.write_row((ids[term], skey, len(records), packed.tobytes()))
        self._passage_rows, self._vector_rows, self._postings = [], [], []

    def _index_languages(self) -> None:
        """HNSW indexes for languages with enough passages in this version (built in bulk if new)."""
        rows = self._conn.execute(
            "SELECT s.lang_id, sum(s.passage_count) FROM version_sources vs"
            " JOIN sources s ON s.key = vs.source_key WHERE vs.version = %s GROUP BY s.lang_id",
            (self._version,),
        ).fetchall()
        big = [int(lang) for lang, n in rows if int(n) >= self._hnsw_from]
        if big:
            self._conn.execute("SELECT set_config('maintenance_work_mem', %s, true)", (INDEX_MEMORY,))
        for lang in big:
            create_hnsw_index(self._conn, self._model_id, lang, self._dim)

    def _tidy(self) -> None:
        """Refresh planner statistics and visibility maps after publishing (best effort)."""
        tables = [sql.Identifier(t) for t in ANALYZED] + [vectors_table(self._model_id)]
        try:
            with self._db.connection() as conn:
                for table in tables:
                    conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(table))
        except (BackendUnavailable, psycopg.Error) as exc:
            log.warning("could not vacuum after publishing: %s", exc)

    def discard(self) -> None:
        """Roll the transaction back: nothing of this version remains."""
        with contextlib.suppress(psycopg.Error):
            self._conn.rollback()
