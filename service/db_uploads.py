"""Uploads when the index lives in PostgreSQL: the files are stored in the database, not on one disk.

Every replica of the API stores what it is sent in the database (name, bytes, metadata), and every
replica's builder reads all of it: before a build, the live uploads are replayed through
`service.uploads.Uploads.add` into a staging folder, which is then synced into `DATA_DIR/db-uploads`
(a cache of the database) and read as the "uploads" namespace. Validation, naming and the uploads
manifest therefore stay with `Uploads` alone: both backends accept the same files and describe them
in the same manifest, whatever its format.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import asdict
from dataclasses import fields as dataclass_fields
from pathlib import Path

from corpus.errors import NotFound, ReadOnlySource
from corpus.ingest import SourceDir
from index.backend import SourceRecord
from index.postgres.uploads import UploadRows
from service.uploads import UPLOADS_NAMESPACE, UploadMeta, Uploads, source_exists, upload_record


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

    def add(
        self, filename: str, content: bytes, meta: UploadMeta, *, replace: bool = False, replay: bool = False
    ) -> str:
        """Validate and name the file exactly as the local uploads do, then store it in the database
        (a replaced upload stays there, marked deleted).

        Raises InvalidRequest (bad name, type, empty, too large, or content that cannot be of its type),
        SourceExists (a live upload of that name holds other content and `replace` is False),
        StorageError or BackendUnavailable.
        """
        with tempfile.TemporaryDirectory(prefix="groundqa-upload-") as tmp:
            staging = Uploads(self.sources_dir, Path(tmp), self.trash_dir, self.max_bytes)
            source_id = staging.add(filename, content, meta, replay=replay)
            names = [p.name for p in Path(tmp).iterdir() if p.is_file() and p.read_bytes() == content]
        if len(names) != 1:  # the one file holding these bytes is the stored upload
            raise RuntimeError(f"could not tell which staged file is the upload among {names}")
        if not replace and any(u.name == names[0] and u.content != content for u in self._rows.live()):
            raise source_exists(names[0])
        self._rows.put(names[0], content, asdict(meta))
        return source_id

    def unindexed(self, source_id: str) -> SourceRecord:
        """`Uploads.unindexed` from the live uploads in the database (the local mirror is refreshed
        only by a rebuild here, so a replica that has not rebuilt since the upload still finds it)."""
        return upload_record(source_id, [u.name for u in self._rows.live()])

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

    def dirs(self) -> list[SourceDir]:
        """The curated folder, then the uploads as stored in the database right now."""
        self._mirror()
        return super().dirs()

    def _mirror(self) -> None:
        """Make the mirror folder hold exactly what replaying the live uploads produces; files whose
        bytes did not change are left alone, the others replaced atomically."""
        stored = self._rows.live()
        mirror = self.uploads_dir
        mirror.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".staging-", dir=mirror.parent) as tmp:
            # no size limit here: each file was checked when it was uploaded, maybe by another replica
            staging = Uploads(self.sources_dir, Path(tmp), self.trash_dir, 1 << 62)
            for upload in stored:
                given = {
                    k: v
                    for k, v in upload.meta.items()
                    if k in {f.name for f in dataclass_fields(UploadMeta)}
                }
                staging.add(upload.name, upload.content, UploadMeta(**given), replay=True)
            wanted = {p.name: p for p in Path(tmp).iterdir() if p.is_file() and not p.name.startswith(".")}
            for old in mirror.iterdir():
                if old.is_file() and old.name not in wanted:
                    old.unlink()
            for name, new in wanted.items():
                target = mirror / name
                if target.is_file() and target.read_bytes() == new.read_bytes():
                    continue
                tmp_target = mirror / f".{name}.mirror"
                shutil.copyfile(new, tmp_target)
                try:
                    os.replace(tmp_target, target)
                finally:
                    with contextlib.suppress(FileNotFoundError):
                        tmp_target.unlink()
