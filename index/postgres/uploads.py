"""Files added through the API, stored in the index's database so every replica's builder reads them.

A row holds the file's name, its bytes and the citation metadata given with it (as a JSON object).
Replacing a file keeps the old row as deleted; deleting sets `deleted_at`: nothing is destroyed, as
with the local trash folder. How rows become a sources folder for a build is the service's business
(`service.db_uploads`), so the uploads manifest keeps a single owner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from psycopg.types.json import Jsonb

from index.postgres.db import Database


@dataclass(frozen=True)
class StoredUpload:
    """A live upload: its file name, its bytes and the metadata given with it (None: not given)."""

    name: str
    content: bytes
    meta: Mapping[str, str | None]


class UploadRows:
    """The `uploads` table of one index schema.

    Args:
        db: the database (the primary).
        ready: called before each operation to create the schema if needed (`PostgresCatalog`).
    """

    def __init__(self, db: Database, ready: Callable[[], None]) -> None:
        self._db = db
        self._ready = ready

    def put(self, name: str, content: bytes, meta: Mapping[str, str | None]) -> None:
        """Store a file, replacing the live one of the same name (kept as deleted), in one transaction.

        Raises BackendUnavailable or StorageError (the database refused the write).
        """
        self._ready()
        with self._db.connection() as conn, conn.transaction():
            conn.execute(
                "UPDATE uploads SET deleted_at = now() WHERE name = %s AND deleted_at IS NULL", (name,)
            )
            conn.execute(
                "INSERT INTO uploads (name, content, meta) VALUES (%s, %s, %s)",
                (name, content, Jsonb(dict(meta))),
            )

    def remove(self, name: str) -> bool:
        """Mark the live file of this name deleted; False when there is none."""
        self._ready()
        with self._db.connection() as conn:
            cur = conn.execute(
                "UPDATE uploads SET deleted_at = now() WHERE name = %s AND deleted_at IS NULL", (name,)
            )
            return cur.rowcount > 0

    def live(self) -> list[StoredUpload]:
        """Every live upload, oldest first (the order they were stored in)."""
        self._ready()
        with self._db.connection() as conn:
            rows = conn.execute(
                "SELECT name, content, meta FROM uploads WHERE deleted_at IS NULL ORDER BY key"
            ).fetchall()
        return [StoredUpload(name, bytes(content), dict(meta)) for name, content, meta in rows]
