"""Sources added and removed through the API: files in the uploads folder, their manifest, the trash.

Uploads live in their own folder (default DATA_DIR/uploads), indexed as a second namespace beside
the curated sources folder, so that folder can stay read-only. Every write is atomic (temp file,
fsync, rename): a crash leaves the old file or the new one, never half of one. Deleting a source
moves its file to DATA_DIR/trash; nothing is destroyed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InvalidRequest, NotFound, ReadOnlySource, StorageError
from corpus.ingest import SourceDir, source_id_for
from corpus.loaders import SUPPORTED_EXTENSIONS
from corpus.manifest import COLUMNS, MANIFEST_NAME
from index.backend import SourceRecord
from index.local.snapshot import atomic_write_text, fsync_dir

UPLOADS_NAMESPACE = "uploads"
UPLOAD_ORIGIN = "uploaded through the groundqa API"
MAX_STEM_CHARS = 100


@dataclass(frozen=True)
class UploadMeta:
    """Citation metadata given with an upload (None: not given)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    license: str | None = None
    language: str | None = None


def sanitize_filename(name: str) -> str:
    """A safe base name for an uploaded file: no folders, no control or odd characters.

    Raises InvalidRequest when nothing usable is left or the type is not supported.
    """
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w.\- ]", "_", base, flags=re.UNICODE).strip(" .")
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        raise InvalidRequest(f"the file name {name!r} has no usable name and extension")
    ext = "." + ext.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise InvalidRequest(
            f"files of type {ext!r} are not accepted; allowed: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    return stem[:MAX_STEM_CHARS].rstrip(" .") + ext


class Uploads:
    """The uploads folder and the curated folder, as the admin API changes them.

    Args:
        sources_dir: the curated sources folder (deletes there need it to be writable).
        uploads_dir: where uploads are stored.
        trash_dir: where deleted files go.
        max_bytes: the largest upload accepted.
    """

    def __init__(self, sources_dir: Path, uploads_dir: Path, trash_dir: Path, max_bytes: int) -> None:
        self.sources_dir = sources_dir
        self.uploads_dir = uploads_dir
        self.trash_dir = trash_dir
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def dirs(self) -> list[SourceDir]:
        """The folders an index is built from: the curated sources, then the uploads."""
        dirs = [SourceDir(self.sources_dir)]
        up = self.uploads_dir
        if up.is_dir() and up.resolve() != self.sources_dir.resolve():
            dirs.append(SourceDir(up, None, UPLOADS_NAMESPACE))
        return dirs

    def add(self, filename: str, content: bytes, meta: UploadMeta) -> str:
        """Store an upload and its manifest row; returns the source id it will get.

        Raises InvalidRequest (bad name, type, empty or too large) or StorageError (disk refused).
        """
        name = sanitize_filename(filename)
        if not content:
            raise InvalidRequest("the uploaded file is empty")
        if len(content) > self.max_bytes:
            raise InvalidRequest(f"the upload is larger than {self.max_bytes / 2**20:g} MB")
        with self._lock, _storage_errors("could not store the upload"):
            self.uploads_dir.mkdir(parents=True, exist_ok=True)
            _atomic_write_bytes(self.uploads_dir / name, content)
            rows = [r for r in self._read_manifest() if r["file"] != name]
            rows.append(
                {
                    "file": name,
                    "title": meta.title or "",
                    "publisher_or_author": meta.publisher or "",
                    "date": meta.date or "",
                    "source_url": meta.url or "",
                    "origin": UPLOAD_ORIGIN,
                    "license": meta.license or "",
                    "language": meta.language or "",
                }
            )
            self._write_manifest(rows)
        return source_id_for(name, UPLOADS_NAMESPACE)

    def remove(self, rec: SourceRecord) -> None:
        """Move a source's file to the trash (and drop its uploads-manifest row).

        Raises InvalidRequest (stored path outside its folder), ReadOnlySource (the folder is
        read-only), NotFound (the file is already gone) or StorageError.
        """
        folder = self.uploads_dir if rec.namespace == UPLOADS_NAMESPACE else self.sources_dir
        path = folder / rec.path
        if not path.resolve().is_relative_to(folder.resolve()):
            raise InvalidRequest(f"source {rec.id!r} has a stored path outside its folder; not deleting it")
        if not _writable(folder):
            raise ReadOnlySource(
                f"source {rec.id!r} lives in a read-only folder; remove {rec.path} there by hand"
            )
        with self._lock, _storage_errors("could not move the source to the trash"):
            if not path.is_file():
                raise NotFound(f"the file of source {rec.id!r} is already gone; rebuild the index")
            self.trash_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), self.trash_dir / f"{time.strftime('%Y%m%dT%H%M%S')}-{path.name}")
            if rec.namespace == UPLOADS_NAMESPACE:
                self._write_manifest([r for r in self._read_manifest() if r["file"] != rec.path])

    def _read_manifest(self) -> list[dict[str, str]]:
        path = self.uploads_dir / MANIFEST_NAME
        if not path.is_file():
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            return [{k: (r.get(k) or "") for k in COLUMNS} for r in csv.DictReader(fh)]

    def _write_manifest(self, rows: list[dict[str, str]]) -> None:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(self.uploads_dir / MANIFEST_NAME, buf.getvalue())


@contextlib.contextmanager
def _storage_errors(what: str) -> Iterator[None]:
    """Turn a refused write (disk full, read-only, ...) into a StorageError that says what failed."""
    try:
        yield
    except OSError as exc:
        raise StorageError(f"{what}: {exc.strerror or type(exc).__name__}") from exc


def _writable(folder: Path) -> bool:
    """Writable for us *and* meant to be: a folder with no write bits is read-only even for root."""
    try:
        return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def _atomic_write_bytes(path: Path, content: bytes) -> None:
    """Temp file in the same folder, fsync, rename: a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
