"""Uploads when the index lives in PostgreSQL: the files are stored in the database, not on one disk.

Every replica of the API stores what it is sent in the database, and every replica's builder reads
all of it: before a build, the live uploads are mirrored into `DATA_DIR/db-uploads` (a cache of the
database, rewritten each time) and read from there as the "uploads" namespace. Validation, naming and
the manifest row come from `service.uploads.Uploads` itself, run on a private staging folder, so both
backends accept exactly the same files with the same metadata.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from corpus.errors import NotFound, ReadOnlySource
from corpus.ingest import SourceDir
from corpus.manifest import MANIFEST_NAME
from index.backend import SourceRecord
from index.postgres.uploads import UploadRows
from service.uploads import UPLOADS_NAMESPACE, UploadMeta, Uploads


class DatabaseUploads(Uploads):
    """The admin API's uploads in the index database (see the module doc).

    Args:
        rows: the database's uploads table.
        sources_dir: the curated sources folder (read-only to the API with a database: every builder
            must see the same curated files, so they are changed where they live, not per replica).
        mirror_dir: the local folder builders read the uploads from.
        trash_dir: unused here (deleted uploads stay in the database, marked deleted).
        max_bytes: the largest upload accepted.
    """

    def __init__(
        self, rows: UploadRows, sources_dir: Path, mirror_dir: Path, trash_dir: Path, max_bytes: int
    ) -> None:
        super().__init__(sources_dir, mirror_dir, trash_dir, max_bytes)
        self._rows = rows

    def dirs(self) -> list[SourceDir]:
        """The curated folder, then the uploads as mirrored from the database just now."""
        self._rows.mirror(self.uploads_dir)
        return super().dirs()

    def add(self, filename: str, content: bytes, meta: UploadMeta) -> str:
        """Validate and name the file as the local uploads do, then store it in the database.

        Raises InvalidRequest (bad name, type, empty or too large), StorageError or BackendUnavailable.
        """
        with tempfile.TemporaryDirectory(prefix="groundqa-upload-") as tmp:
            staging = Uploads(self.sources_dir, Path(tmp), self.trash_dir, self.max_bytes)
            source_id = staging.add(filename, content, meta)
            with open(Path(tmp) / MANIFEST_NAME, encoding="utf-8", newline="") as fh:
                row = {k: v or "" for k, v in next(csv.DictReader(fh)).items() if k is not None}
            name = row["file"]
            self._rows.put(name, (Path(tmp) / name).read_bytes(), row)
        return source_id

    def remove(self, rec: SourceRecord) -> None:
        """Mark an upload deleted in the database (kept there as the trash).

        Raises ReadOnlySource for a curated source, NotFound when the upload is already gone.
        """
        if rec.namespace != UPLOADS_NAMESPACE:
            raise ReadOnlySource(
                f"source {rec.id!r} is in the curated sources folder, which every replica reads: "
                f"remove {rec.path} there, then rebuild"
            )
        if not self._rows.remove(rec.path):
            raise NotFound(f"the file of source {rec.id!r} is already gone; rebuild the index")
