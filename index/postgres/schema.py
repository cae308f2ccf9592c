"""The tables of a PostgreSQL index, created on first write and checked on every open.

    meta                 schema version (a different one means: rebuild with this groundqa)
    models               one row per embedding model (fingerprint, dimension)
    languages            language codes as small ids (partial vector indexes are per language id)
    versions             one row per published version: model, counts, BM25 totals, builder's extras,
                         when it stopped being current (pruning waits a grace period after that)
    current_version      one row: the published version readers open (flipped by `publish`)
    sources              one row per source *content*: metadata, canonical text, pages, regions...
    version_sources      which source rows make up each version, in order (ord)
    passages             one row per passage of a source row: offsets, section, text, analysed tokens
    terms                analysed terms as integer ids
    postings             per (term, source row): the passages holding the term, packed as
                         (passage key, term frequency, passage length) records (`POSTING`)
    version_terms        document frequency of each term in each version
    vectors_<model id>   one vector(dim) per passage, HNSW-indexed per language as halfvec
    embedding_cache      vectors by hash of the embedded text, per model
    writer               the job holding the one-writer advisory lock (for the 409 message)
    uploads              files added through the API (bytes and metadata), soft-deleted to trash

Source rows are immutable and shared: an unchanged source is carried into a new version by one
`version_sources` row, so its passages, postings and vectors are written once. BM25 statistics that
depend on the version (document frequencies, average length) live in `version_terms` and
`versions`, so scores are exact for every version.
"""

from __future__ import annotations

import numpy as np
from psycopg import errors as pgerrors
from psycopg import sql

from corpus.errors import IndexNotBuilt, SnapshotCorrupt, StorageError
from index.postgres.db import Connection

SCHEMA_VERSION = "2"  # 2: BM25 lengths leave out compound terms (index.analyzer.bm25_length)
POSTING = np.dtype([("passage", "<i8"), ("tf", "<i4"), ("length", "<i4")])
"""One record of `postings.data`: little-endian passage key, term frequency, passage length (tokens)."""
INIT_LOCK = 0x67716462  # advisory transaction lock serialising schema creation ("gqdb")

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS models (
    id serial PRIMARY KEY,
    fingerprint text NOT NULL UNIQUE,
    dim int NOT NULL CHECK (dim > 0)
);
CREATE TABLE IF NOT EXISTS languages (id smallserial PRIMARY KEY, code text NOT NULL UNIQUE);
CREATE SEQUENCE IF NOT EXISTS version_ids;
CREATE TABLE IF NOT EXISTS versions (
    id bigint PRIMARY KEY,
    model_id int NOT NULL REFERENCES models,
    built_at text NOT NULL,
    sources int NOT NULL,
    passages bigint NOT NULL,
    total_length bigint NOT NULL,
    extra jsonb NOT NULL,
    retired_at timestamptz
);
CREATE TABLE IF NOT EXISTS current_version (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL REFERENCES versions,
    published_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS sources (
    key bigserial PRIMARY KEY,
    id text NOT NULL,
    namespace text NOT NULL,
    path text NOT NULL,
    title text NOT NULL,
    publisher text,
    publisher_key text,
    date text,
    date_start text,
    date_end text,
    url text,
    license text,
    language text NOT NULL,
    language_key text NOT NULL,
    lang_id smallint NOT NULL REFERENCES languages,
    content_hash text NOT NULL,
    pages jsonb NOT NULL,
    paragraphs jsonb NOT NULL,
    regions jsonb NOT NULL,
    notes jsonb NOT NULL,
    indexed_at text NOT NULL,
    passage_count int NOT NULL,
    token_count bigint NOT NULL,
    text text NOT NULL
);
CREATE TABLE IF NOT EXISTS version_sources (
    version bigint NOT NULL REFERENCES versions ON DELETE CASCADE,
    ord int NOT NULL,
    source_key bigint NOT NULL REFERENCES sources,
    PRIMARY KEY (version, ord),
    UNIQUE (version, source_key)
);
CREATE INDEX IF NOT EXISTS version_sources_source ON version_sources (source_key);
CREATE TABLE IF NOT EXISTS passages (
    key bigserial PRIMARY KEY,
    source_key bigint NOT NULL REFERENCES sources,
    ordinal int NOT NULL,
    id text NOT NULL,
    char_start int NOT NULL,
    char_end int NOT NULL,
    page int,
    page_end int,
    section jsonb NOT NULL,
    context text NOT NULL,
    text text NOT NULL,
    tokens text[] NOT NULL,
    sentences jsonb NOT NULL,
    UNIQUE (source_key, ordinal)
);
CREATE INDEX IF NOT EXISTS passages_id ON passages (id);
CREATE TABLE IF NOT EXISTS terms (id serial PRIMARY KEY, term text NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS postings (
    term int NOT NULL,
    source_key bigint NOT NULL,
    n int NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (term, source_key)
);
CREATE INDEX IF NOT EXISTS postings_source ON postings (source_key);
CREATE TABLE IF NOT EXISTS version_terms (
    version bigint NOT NULL REFERENCES versions ON DELETE CASCADE,
    term int NOT NULL,
    df int NOT NULL,
    PRIMARY KEY (version, term)
);
CREATE TABLE IF NOT EXISTS embedding_cache (
    model_id int NOT NULL REFERENCES models,
    hash bytea NOT NULL,
    vec bytea NOT NULL,
    PRIMARY KEY (model_id, hash)
);
CREATE TABLE IF NOT EXISTS writer (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    job_id text NOT NULL,
    holder text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS uploads (
    key bigserial PRIMARY KEY,
    name text NOT NULL,
    content bytea NOT NULL,
    meta jsonb NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS uploads_live ON uploads (name) WHERE deleted_at IS NULL;
"""


def ensure_schema(conn: Connection, schema: str) -> None:
    """Create the extension, the schema and its tables when missing (idempotent; needs CREATE rights).

    Raises SnapshotCorrupt when the schema was written by another groundqa version, StorageError
    when the database refuses (no right to create the pgvector extension or the schema).
    """
    try:
        _create(conn, schema)
    except pgerrors.InsufficientPrivilege as exc:
        raise StorageError(
            "the database refused to set up groundqa's tables (permission denied): a superuser must run "
            f"CREATE EXTENSION vector, and this role needs CREATE rights for schema {schema!r}"
        ) from exc
    check_schema(conn, schema)


def _create(conn: Connection, schema: str) -> None:
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (INIT_LOCK,))
        if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone() is None:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        conn.execute(TABLES)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema', %s) ON CONFLICT (key) DO NOTHING",
            (SCHEMA_VERSION,),
        )


def check_schema(conn: Connection, schema: str) -> None:
    """IndexNotBuilt when the schema has no tables yet, SnapshotCorrupt when it is another version's."""
    row = conn.execute(
        "SELECT to_regclass(format('%%I.meta', %(s)s::text)) IS NOT NULL"
        " AND to_regclass(format('%%I.current_version', %(s)s::text)) IS NOT NULL",
        {"s": schema},
    ).fetchone()
    if row != (True,):
        raise IndexNotBuilt(
            f"no index has been built in database schema {schema!r} yet: run `groundqa index`"
        )
    found = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if found is None or found[0] != SCHEMA_VERSION:
        raise SnapshotCorrupt(
            f"database schema {schema!r} was written by another version of groundqa "
            f"(format {found[0] if found else '?'}, expected {SCHEMA_VERSION}): drop it and rebuild the index"
        )


def vectors_table(model_id: int) -> sql.Identifier:
    """The table holding one model's passage vectors (the id is groundqa's own, never user input)."""
    return sql.Identifier(f"vectors_{int(model_id)}")


def create_vectors_table(conn: Connection, model_id: int, dim: int) -> None:
    """The model's vector table, if missing; its HNSW indexes are made per language at publish."""
    table = vectors_table(model_id)
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {t} ("
            " passage bigint PRIMARY KEY,"
            " source_key bigint NOT NULL,"
            " lang_id smallint NOT NULL,"
            " embedding vector({d}) NOT NULL)"
        ).format(t=table, d=sql.Literal(int(dim)))
    )
    conn.execute(
        sql.SQL("CREATE INDEX IF NOT EXISTS {i} ON {t} (source_key)").format(
            i=sql.Identifier(f"vectors_{int(model_id)}_source"), t=table
        )
    )


def hnsw_index_name(model_id: int, lang_id: int) -> str:
    return f"vectors_{int(model_id)}_hnsw_{int(lang_id)}"


def create_hnsw_index(conn: Connection, model_id: int, lang_id: int, dim: int) -> None:
    """A partial HNSW index over one language's vectors, at half precision (inner product)."""
    conn.execute(
        sql.SQL(
            "CREATE INDEX IF NOT EXISTS {i} ON {t} USING hnsw ((embedding::halfvec({d})) halfvec_ip_ops)"
            " WHERE lang_id = {lang}"
        ).format(
            i=sql.Identifier(hnsw_index_name(model_id, lang_id)),
            t=vectors_table(model_id),
            d=sql.Literal(int(dim)),
            lang=sql.Literal(int(lang_id)),
        )
    )
