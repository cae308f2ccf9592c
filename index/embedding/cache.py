"""A persistent cache of passage vectors keyed by the hash of the passage text, one per model.

Incremental updates embed only texts missing from it; batches are committed as they are embedded,
so a build that is killed part-way resumes where it stopped instead of starting over.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from index.embedding.base import Vectors

log = logging.getLogger(__name__)


def text_hash(text: str) -> str:
    """The cache key of an embedded text: SHA-256 of its UTF-8 bytes, 64 lower-case hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """The SQLite cache of one model's vectors: `cache_dir`/embeddings-<16 hex of SHA-256 of the
    fingerprint>.sqlite (the catalog passes DATA_DIR/cache), table vectors(hash, vec) with each
    vector's float32 bytes, in WAL mode.
    Implements `index.backend.EmbeddingStore`.

    A file that SQLite cannot read is moved aside (`.corrupt-<unix time>`, with its -wal/-shm) and
    a new one started, since the cache only saves work.

    Args:
        cache_dir: the folder (created if missing).
        fingerprint: the embedder's fingerprint; each model gets its own file.
        dim: vector dimension; stored vectors of another length are ignored on reading.

    Raises:
        OSError, sqlite3.OperationalError: the folder or file cannot be created or opened (the
            catalog turns these into StorageError).
    """

    def __init__(self, cache_dir: Path, fingerprint: str, dim: int) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
        self.path = cache_dir / f"embeddings-{key}.sqlite"
        self.dim = dim
        try:
            self._con = self._open()
        except sqlite3.DatabaseError as exc:
            # The cache only saves work: a damaged one is moved aside (kept for inspection) and the
            # vectors it held are computed again.
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            log.warning("embedding cache %s is unreadable (%s); moved to %s", self.path.name, exc, aside.name)
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    os.replace(part, f"{aside}{suffix}")
            self._con = self._open()

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            con.execute("SELECT count(*) FROM vectors").fetchone()
            con.commit()
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    def close(self) -> None:
        """Close the connection (everything put is already committed)."""
        self._con.close()

    def get_many(self, hashes: Iterable[str]) -> dict[str, Vectors]:
        """`EmbeddingStore.get_many`: vectors as read-only float32 arrays of shape (dim,), read 500
        hashes per query; hashes not stored, or stored with another length, are absent."""
        out: dict[str, Vectors] = {}
        wanted = list(dict.fromkeys(hashes))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, blob in self._con.execute(f"SELECT hash, vec FROM vectors WHERE hash IN ({marks})", chunk):
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (self.dim,):
                    out[h] = vec
        return out

    def put_many(self, items: Mapping[str, Vectors]) -> None:
        """`EmbeddingStore.put_many`: INSERT OR REPLACE of each vector's float32 bytes, one commit for
        the batch."""
        self._con.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
            ((h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()),
        )
        self._con.commit()

    def retain(self, keep: set[str]) -> int:
        """Drop vectors of texts no longer indexed; returns how many were dropped."""
        present = [h for (h,) in self._con.execute("SELECT hash FROM vectors")]
        gone = [h for h in present if h not in keep]
        self._con.executemany("DELETE FROM vectors WHERE hash = ?", ((h,) for h in gone))
        self._con.commit()
        return len(gone)
