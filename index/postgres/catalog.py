"""`PostgresCatalog`: index versions in a PostgreSQL database (with pgvector), and their writer.

    catalog = PostgresCatalog("postgresql://user:pass@host/db")
    update_index(catalog=catalog, inputs=[SourceDir(folder)], embedder=embedder, max_bytes=...)
    backend = catalog.open()          # the current version, for reading

The tables are described in `index.postgres.schema`. One writer at a time, across machines: the
writer holds a session advisory lock (released by the server when its connection ends, so a killed
builder never leaves it taken). A new version is written in one transaction and published by the
commit that flips `current_version`; API replicas notice the flip by polling `current_version()`.
`read_url` (a streaming replica) serves `open` and `current_version`; everything else uses `url`.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg import errors as pgerrors

from corpus.errors import BackendUnavailable, IndexNotBuilt, RebuildInProgress, SnapshotCorrupt
from index.backend import Backend, SourceRecord
from index.postgres.backend import EXACT_MAX, SOURCE_COLUMNS, PostgresBackend, VersionRow, source_record
from index.postgres.cache import PostgresEmbeddingCache
from index.postgres.db import DEFAULT_SCHEMA, Connection, Database, translated
from index.postgres.schema import check_schema, create_vectors_table, ensure_schema, vectors_table
from index.postgres.uploads import UploadRows
from index.postgres.writer import PostgresWriter

log = logging.getLogger(__name__)

LOCK_CLASS = 0x6771  # first key of the writer's advisory lock; the second is derived from the schema
PRUNE_GRACE = 60.0  # seconds a superseded version is kept for replicas that still answer from it


def model_id(conn: Connection, fingerprint: str, dim: int) -> int:
    """The id of a model (registered on first use); SnapshotCorrupt if it is known with another dim."""
    conn.execute(
        "INSERT INTO models (fingerprint, dim) VALUES (%s, %s) ON CONFLICT (fingerprint) DO NOTHING",
        (fingerprint, dim),
    )
    row = conn.execute("SELECT id, dim FROM models WHERE fingerprint = %s", (fingerprint,)).fetchone()
    assert row is not None
    if int(row[1]) != dim:
        raise SnapshotCorrupt(f"model {fingerprint!r} is registered with dimension {row[1]}, not {dim}")
    return int(row[0])


class PostgresCatalog:
    """Versions of one index in a PostgreSQL schema: see `index.backend.Catalog` for the contract.

    Args:
        url: the primary's libpq URL (writes, locks, uploads; reads too without `read_url`).
        schema: the schema holding this index (one database can hold several indexes).
        read_url: a read replica's URL for opening versions and watching for new ones.
        exact_max: see `PostgresBackend` (tests lower it to exercise the HNSW path).
        prune_grace: seconds a version stays after it stopped being current, whatever `keep` says,
            so that replicas still answering from it (they check every second) can move on first.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str = DEFAULT_SCHEMA,
        read_url: str | None = None,
        exact_max: int = EXACT_MAX,
        prune_grace: float = PRUNE_GRACE,
    ) -> None:
        self.db = Database(url, schema=schema)
        self._grace = prune_grace
        self.read_db = Database(read_url, schema=schema) if read_url else self.db
        self.schema = schema
        self._exact_max = exact_max
        self._ready = False
        digest = hashlib.sha256(schema.encode()).digest()
        self._lock_key = int.from_bytes(digest[:4], "big", signed=True)

    def ensure_schema(self) -> None:
        """Create the schema and tables if needed (on the primary; once per catalog object)."""
        if not self._ready:
            with self.db.connection() as conn:
                ensure_schema(conn, self.schema)
            self._ready = True

    # -- reading ---------------------------------------------------------------------------------
    def open(self) -> PostgresBackend:
        """The current version. IndexNotBuilt when none was published, BackendUnavailable when the
        database cannot be reached, SnapshotCorrupt when it was written by another groundqa."""
        with self.read_db.connection() as conn:
            check_schema(conn, self.schema)
            version = self._current(conn)
            rows = conn.execute(
                f"SELECT {SOURCE_COLUMNS} FROM version_sources vs JOIN sources s ON s.key = vs.source_key"
                " WHERE vs.version = %s ORDER BY vs.ord",
                (version.id,),
            ).fetchall()
        return PostgresBackend(
            self.read_db, version, [source_record(r) for r in rows], exact_max=self._exact_max
        )

    def _current(self, conn: Connection) -> VersionRow:
        row = conn.execute(
            "SELECT v.id, v.built_at, v.sources, v.passages, v.total_length, v.extra,"
            " m.id, m.fingerprint, m.dim FROM current_version c"
            " JOIN versions v ON v.id = c.version JOIN models m ON m.id = v.model_id"
        ).fetchone()
        if row is None:
            raise IndexNotBuilt(
                f"no index has been built in database schema {self.schema!r} yet: run `groundqa index`"
            )
        return VersionRow(
            id=int(row[0]),
            built_at=row[1],
            sources=int(row[2]),
            passages=int(row[3]),
            total_length=int(row[4]),
            extra=dict(row[5]),
            model_id=int(row[6]),
            model=row[7],
            dim=int(row[8]),
        )

    def current_version(self) -> str | None:
        """The published version's name, None before the first; BackendUnavailable when unreachable.

        One indexed single-row read: cheap enough for every replica to poll every second.
        """
        with self.read_db.connection() as conn:
            try:
                row = conn.execute("SELECT version FROM current_version").fetchone()
            except pgerrors.UndefinedTable:
                return None
        return f"{int(row[0]):06d}" if row else None

    def catalogue(self) -> tuple[str, list[SourceRecord]]:
        """The published version's name and sources (sorted by title), without opening anything else."""
        backend = self.open()
        return backend.info.version, list(backend.sources())

    # -- writing ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, job_id: str | None = None) -> Iterator[None]:
        """The one-writer lock (a session advisory lock); RebuildInProgress naming the holder's job."""
        self.ensure_schema()
        conn = self.db.connect()
        got = False
        try:
            with translated():
                got = bool(
                    self._scalar(conn, "SELECT pg_try_advisory_lock(%s, %s)", LOCK_CLASS, self._lock_key)
                )
                if not got:
                    holder = self._scalar(conn, "SELECT job_id FROM writer")
                    raise RebuildInProgress(
                        "another rebuild of this index is running" + (f" (job {holder})" if holder else ""),
                        job_id=holder,
                    )
                conn.execute(
                    "INSERT INTO writer (one, job_id, holder) VALUES (true, %s, %s) ON CONFLICT (one)"
                    " DO UPDATE SET job_id = excluded.job_id, holder = excluded.holder, started_at = now()",
                    (job_id or f"pid-{os.getpid()}", f"{socket.gethostname()}:{os.getpid()}"),
                )
            yield
        finally:
            if got:
                with contextlib.suppress(psycopg.Error):
                    conn.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, self._lock_key))
            with contextlib.suppress(psycopg.Error):
                conn.close()

    @staticmethod
    def _scalar(conn: Connection, query: str, *params: Any) -> Any:
        row = conn.execute(query, params).fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def writer(self, base: Backend | None, *, model: str, dim: int) -> Iterator[PostgresWriter]:
        """A writer for a new version (call with the lock held); leaving without `publish` rolls back."""
        if base is not None and not isinstance(base, PostgresBackend):
            raise TypeError("a PostgreSQL version can only be based on another PostgreSQL version")
        self.ensure_schema()
        conn = self.db.connect(autocommit=False)
        writer: PostgresWriter | None = None
        try:
            with translated():
                # A killed builder's transaction is rolled back as soon as the server notices.
                try:
                    conn.execute("SET client_connection_check_interval = '2s'")
                    conn.commit()
                except psycopg.errors.InsufficientPrivilege:
                    conn.rollback()
                mid = model_id(conn, model, dim)
                create_vectors_table(conn, mid, dim)
                conn.execute("CREATE TEMPORARY TABLE new_postings (LIKE postings) ON COMMIT DROP")
                version = int(self._scalar(conn, "SELECT nextval('version_ids')"))
                conn.execute(
                    "INSERT INTO versions (id, model_id, built_at, sources, passages, total_length, extra)"
                    " VALUES (%s, %s, '', 0, 0, 0, '{}')",
                    (version, mid),
                )
                writer = PostgresWriter(
                    self.db,
                    conn,
                    base,
                    version_id=version,
                    model_id=mid,
                    model=model,
                    dim=dim,
                    exact_max=self._exact_max,
                )
                yield writer
        finally:
            if writer is None or writer.published is None:
                with contextlib.suppress(psycopg.Error):
                    conn.rollback()
            with contextlib.suppress(psycopg.Error):
                conn.close()

    @contextlib.contextmanager
    def embedding_cache(self, fingerprint: str, dim: int) -> Iterator[PostgresEmbeddingCache]:
        """Vectors by text hash for one model, in the database (shared by every builder)."""
        self.ensure_schema()
        with self.db.connection() as conn:
            mid = model_id(conn, fingerprint, dim)
        yield PostgresEmbeddingCache(self.db, mid, dim)

    def prune(self, keep: int) -> list[str]:
        """Drop published versions beyond the newest `keep` (never the current one, nor one superseded
        less than `prune_grace` seconds ago), then every source row no remaining version uses, with its
        passages, postings and vectors. Call with the lock.

        Best effort, like removing old snapshot folders: when the database cannot be reached the
        versions stay (the next prune removes them) and nothing is raised.
        """
        try:
            return self._prune(keep)
        except BackendUnavailable as exc:
            log.warning("old versions not pruned: %s", exc.message)
            return []

    def _prune(self, keep: int) -> list[str]:
        self.ensure_schema()
        with self.db.connection() as conn, conn.transaction():
            gone = conn.execute(
                "DELETE FROM versions WHERE id IN ("
                " SELECT id FROM versions ORDER BY id DESC OFFSET %s)"
                " AND id <> (SELECT coalesce(max(version), -1) FROM current_version)"
                " AND (retired_at IS NULL OR retired_at < now() - make_interval(secs => %s))"
                " RETURNING id",
                (max(keep, 1), float(self._grace)),
            ).fetchall()
            orphans = [
                int(k)
                for (k,) in conn.execute(
                    "SELECT key FROM sources s"
                    " WHERE NOT EXISTS (SELECT 1 FROM version_sources vs WHERE vs.source_key = s.key)"
                ).fetchall()
            ]
            if orphans:
                for (mid,) in conn.execute("SELECT id FROM models").fetchall():
                    if self._table_exists(conn, f"vectors_{int(mid)}"):
                        conn.execute(
                            psycopg.sql.SQL("DELETE FROM {} WHERE source_key = ANY(%s::bigint[])").format(
                                vectors_table(int(mid))
                            ),
                            (orphans,),
                        )
                conn.execute("DELETE FROM postings WHERE source_key = ANY(%s::bigint[])", (orphans,))
                conn.execute("DELETE FROM passages WHERE source_key = ANY(%s::bigint[])", (orphans,))
                conn.execute("DELETE FROM sources WHERE key = ANY(%s::bigint[])", (orphans,))
        return sorted(f"{int(v):06d}" for (v,) in gone)

    def _table_exists(self, conn: Connection, name: str) -> bool:
        row = conn.execute(
            "SELECT to_regclass(format('%%I.%%I', %s::text, %s::text)) IS NOT NULL", (self.schema, name)
        ).fetchone()
        return bool(row and row[0])

    def uploads(self) -> UploadRows:
        """The files added through the API, kept in this database (see `index.postgres.uploads`);
        nothing is read or created before the first call on it."""
        return UploadRows(self.db, self.ensure_schema)

    def close(self) -> None:
        """Close pooled connections (the catalog can still be used: it reconnects)."""
        self.db.close()
        if self.read_db is not self.db:
            self.read_db.close()

    def __repr__(self) -> str:
        return f"PostgresCatalog(schema={self.schema!r})"
