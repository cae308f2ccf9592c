"""The PostgreSQL + pgvector backend: versions, passages, BM25 and vectors in one database.

`PostgresCatalog(url)` is the `index.backend.Catalog`; `server.start(dir)` runs a local PostgreSQL
with pgvector (optional extra `groundqa[postgres]`). Needs `psycopg`; imported only when a database
URL is configured.
"""

from __future__ import annotations

from index.postgres.catalog import PostgresCatalog

__all__ = ["PostgresCatalog"]
