"""Files added through the API, stored in the index's database so every replica's builder reads them.

A row holds the file's bytes and its manifest row (the citation metadata as the uploads manifest
writes it). Replacing a file keeps the old row as deleted; deleting sets `deleted_at`: nothing is
destroyed, as with the local trash folder. Builders read the live rows through `mirror`, which writes
them as an ordinary sources folder (files + manifest.csv) that the one ingestion path reads.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from psycopg.types.json import Jsonb

from corpus.manifest import MANIFEST_NAME
from index.postgres.db import Database


@dataclass(frozen=True)
class StoredUpload:
    """A live upload: its file name in the uploads namespace, its bytes and its manifest row."""

    name: str
    content: bytes
    row: Mapping[str, str]


class UploadRows:
    """The `uploads` table of one index schema.

    Args:
        db: the database (the primary).
        ready: called before each operation to create the schema if needed (`PostgresCatalog`).
    """

    def __init__(self, db: Database, ready: Callable[[], None]) -> None:
        self._db = db
        self._ready = ready

    def put(self, name: str, content: bytes, row: Mapping[str, str]) -> None:
        """Store a file, replacing the live one of the same name (kept as deleted), in one transaction."""
        self._ready()
        with self._db.connection() as conn, conn.transaction():
            conn.execute(
                "UPDATE uploads SET deleted_at = now() WHERE name = %s AND deleted_at IS NULL", (name,)
            )
            conn.execute(
                "INSERT INTO uploads (name, content, manifest_row) VALUES (%s, %s, %s)",
                (name, content, Jsonb(dict(row))),
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
        """Every live upload, by name."""
        self._ready()
        with self._db.connection() as conn:
            rows = conn.execute(
                "SELECT name, content, manifest_row FROM uploads WHERE deleted_at IS NULL ORDER BY name"
            ).fetchall()
        return [StoredUpload(name, bytes(content), dict(row)) for name, content, row in rows]

    def mirror(self, folder: Path) -> list[StoredUpload]:
        """Make `folder` hold exactly the live uploads and their manifest.csv; returns them.

        Files are written atomically (temp file, rename) and only when their bytes changed, so a
        builder reading the folder sees each file whole.
        """
        uploads = self.live()
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {u.name for u in uploads}
        for path in folder.iterdir():
            if path.is_file() and path.name != MANIFEST_NAME and path.name not in wanted:
                path.unlink()
        for u in uploads:
            target = folder / u.name
            if not (target.is_file() and target.read_bytes() == u.content):
                _atomic_write(target, u.content)
        columns: list[str] = ["file"]
        for u in uploads:
            columns += [k for k in u.row if k not in columns]
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, restval="")
        writer.writeheader()
        for u in uploads:
            writer.writerow({**u.row, "file": u.name})
        _atomic_write(folder / MANIFEST_NAME, buf.getvalue().encode("utf-8"))
        return uploads


def _atomic_write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".mirror-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
