"""The embedding cache in PostgreSQL: passage vectors by hash of the embedded text, per model.

Shared by every builder of the database, so a rebuild started on any machine reuses the vectors any
other one computed. Each `put_many` commits, so an interrupted build resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from index.backend import Vector
from index.postgres.db import Database

BATCH = 5000  # hashes per lookup statement


class PostgresEmbeddingCache:
    """See `index.backend.EmbeddingStore`; vectors are stored as float32 bytes."""

    def __init__(self, db: Database, model_id: int, dim: int) -> None:
        self._db = db
        self._model = model_id
        self.dim = dim

    def get_many(self, hashes: Iterable[str]) -> dict[str, Vector]:
        wanted = list(dict.fromkeys(hashes))
        out: dict[str, Vector] = {}
        with self._db.connection() as conn:
            for i in range(0, len(wanted), BATCH):
                part = [bytes.fromhex(h) for h in wanted[i : i + BATCH]]
                rows = conn.execute(
                    "SELECT hash, vec FROM embedding_cache WHERE model_id = %s AND hash = ANY(%s::bytea[])",
                    (self._model, part),
                ).fetchall()
                for h, blob in rows:
                    vec = np.frombuffer(bytes(blob), dtype=np.float32)
                    if vec.shape == (self.dim,):
                        out[bytes(h).hex()] = vec
        return out

    def put_many(self, items: Mapping[str, Vector]) -> None:
        if not items:
            return
        with self._db.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO embedding_cache (model_id, hash, vec) VALUES (%s, %s, %s)"
                " ON CONFLICT (model_id, hash) DO UPDATE SET vec = excluded.vec",
                [
                    (self._model, bytes.fromhex(h), np.asarray(v, dtype=np.float32).tobytes())
                    for h, v in items.items()
                ],
            )

    def retain(self, keep: set[str]) -> int:
        with self._db.connection() as conn, conn.transaction():
            conn.execute("CREATE TEMPORARY TABLE keep_hashes (hash bytea PRIMARY KEY) ON COMMIT DROP")
            with conn.cursor() as cur, cur.copy("COPY keep_hashes (hash) FROM STDIN") as cp:
                for h in keep:
                    cp.write_row((bytes.fromhex(h),))
            cur = conn.execute(
                "DELETE FROM embedding_cache c WHERE c.model_id = %s"
                " AND NOT EXISTS (SELECT 1 FROM keep_hashes k WHERE k.hash = c.hash)",
                (self._model,),
            )
            return max(cur.rowcount, 0)
