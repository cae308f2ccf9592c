"""What the API, the web pages and the CLI share at run time: the loaded index, rebuild jobs, uploads.

A `Runtime` is built by `create_app(settings)` and kept on `app.state`; nothing here is global. The
current `GroundIndex` is swapped by assigning one attribute, so a query that already holds the old
index finishes on it while new queries get the new one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
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

from corpus.errors import (
    IndexNotBuilt,
    InvalidRequest,
    NotFound,
    ReadOnlySource,
    SnapshotCorrupt,
    StorageError,
)
from corpus.ingest import source_id_for
from index.builder import SourceDir, UpdateReport, update_index
from index.embedder import Embedder
from index.engine import GroundIndex
from index.snapshot import atomic_write_text, fsync_dir
from index.types import Answer, Query
from service.jobs import Job, JobRunner
from service.settings import Settings

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
UPLOADS_NAMESPACE = "uploads"
MANIFEST_FIELDS = [
    "file",
    "title",
    "publisher_or_author",
    "date",
    "source_url",
    "origin",
    "license",
    "language",
]


@dataclass(frozen=True)
class UploadMeta:
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    license: str | None = None
    language: str | None = None


def source_dirs(settings: Settings) -> list[SourceDir]:
    """The folders an index is built from: the curated sources, then the API uploads."""
    dirs = [SourceDir(settings.sources_dir, settings.manifest, "")]
    uploads = settings.resolved_uploads_dir
    if uploads.is_dir() and uploads.resolve() != settings.sources_dir.resolve():
        dirs.append(SourceDir(uploads, None, UPLOADS_NAMESPACE))
    return dirs


def report_summary(r: UpdateReport) -> dict[str, object]:
    return {
        "version": r.version,
        "published": r.published,
        "full": r.full,
        "added": r.added,
        "changed": r.changed,
        "removed": r.removed,
        "unchanged": r.unchanged,
        "failed": [{"file": f.path, "reason": f.reason} for f in r.failed],
        "warnings": [{"file": f.path, "reason": f.reason} for f in r.warnings],
        "passages": r.passages,
        "embedded": r.embedded,
        "reused": r.reused,
        "seconds": round(r.seconds, 3),
    }


def sanitize_filename(name: str) -> str:
    """A safe base name for an uploaded file: no directories, no control or odd characters."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w.\- ]", "_", base, flags=re.UNICODE).strip(" .")
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        raise InvalidRequest(f"the file name {name!r} has no usable name and extension")
    ext = "." + ext.lower()
    if ext not in ALLOWED_SUFFIXES:
        raise InvalidRequest(
            f"files of type {ext!r} are not accepted; allowed: {', '.join(ALLOWED_SUFFIXES)}"
        )
    return stem[:100].rstrip(" .") + ext


class Runtime:
    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.jobs = JobRunner()
        self._index: GroundIndex | None = None
        self._load_error: str | None = None
        self._files_lock = threading.Lock()

    # -- the index -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Open the current snapshot and make it the one new queries use."""
        try:
            self._index = GroundIndex.open(self.settings.data_dir, self.embedder)
            self._load_error = None
        except (IndexNotBuilt, SnapshotCorrupt) as exc:
            self._load_error = exc.message
            log.warning("index not loaded: %s", exc.message)

    @property
    def index(self) -> GroundIndex:
        idx = self._index
        if idx is None:
            raise IndexNotBuilt(self._load_error or "the index is not loaded yet")
        return idx

    @property
    def ready(self) -> bool:
        return self._index is not None

    def ask(self, query: Query) -> Answer:
        return self.index.search(query)

    # -- rebuilds --------------------------------------------------------------------------------
    def start_rebuild(self, *, full: bool = False, queue: bool = False) -> Job:
        """Start a rebuild; with `queue`, one already running makes this the next job instead of a 409."""

        def work(job: Job) -> dict[str, object]:
            report = update_index(
                data_dir=self.settings.data_dir,
                inputs=source_dirs(self.settings),
                embedder=self.embedder,
                max_bytes=self.settings.max_file_bytes,
                full=full,
                keep=self.settings.keep_snapshots,
                progress=job.progress,
                job_id=job.id,
            )
            if report.published or self._index is None:
                self.reload()
            return report_summary(report)

        return (self.jobs.start_or_queue if queue else self.jobs.start)("rebuild", work)

    # -- uploads ---------------------------------------------------------------------------------
    def add_source(self, filename: str, content: bytes, meta: UploadMeta) -> tuple[str, Job]:
        """Store an uploaded file atomically with its metadata, then start a rebuild."""
        name = sanitize_filename(filename)
        if not content:
            raise InvalidRequest("the uploaded file is empty")
        if len(content) > self.settings.max_upload_bytes:
            raise InvalidRequest(f"the upload is larger than {self.settings.max_upload_mb:g} MB")
        uploads = self.settings.resolved_uploads_dir
        with self._files_lock, _storage_errors("could not store the upload"):
            uploads.mkdir(parents=True, exist_ok=True)
            _atomic_write_bytes(uploads / name, content)
            rows = [r for r in self._read_uploads_manifest() if r["file"] != name]
            rows.append(
                {
                    "file": name,
                    "title": meta.title or "",
                    "publisher_or_author": meta.publisher or "",
                    "date": meta.date or "",
                    "source_url": meta.url or "",
                    "origin": "uploaded through the groundqa API",
                    "license": meta.license or "",
                    "language": meta.language or "",
                }
            )
            self._write_uploads_manifest(rows)
        job = self.start_rebuild(queue=True)
        return source_id_for(name, UPLOADS_NAMESPACE), job

    def delete_source(self, source_id: str) -> Job:
        """Move a source's file to DATA_DIR/trash (nothing is destroyed), then start a rebuild."""
        rec = self.index.source(source_id)
        folder = (
            self.settings.resolved_uploads_dir
            if rec.namespace == UPLOADS_NAMESPACE
            else self.settings.sources_dir
        )
        path = folder / rec.source.path
        if not path.resolve().is_relative_to(folder.resolve()):
            raise InvalidRequest(
                f"source {source_id!r} has a stored path outside its folder; not deleting it"
            )
        if not _writable(folder):
            raise ReadOnlySource(
                f"source {source_id!r} lives in a read-only folder; remove {rec.source.path} there by hand"
            )
        with self._files_lock, _storage_errors("could not move the source to the trash"):
            if not path.is_file():
                raise NotFound(f"the file of source {source_id!r} is already gone; rebuild the index")
            trash = self.settings.data_dir / "trash"
            trash.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), trash / f"{time.strftime('%Y%m%dT%H%M%S')}-{path.name}")
            if rec.namespace == UPLOADS_NAMESPACE:
                self._write_uploads_manifest(
                    [r for r in self._read_uploads_manifest() if r["file"] != rec.source.path]
                )
        return self.start_rebuild(queue=True)

    def _read_uploads_manifest(self) -> list[dict[str, str]]:
        path = self.settings.resolved_uploads_dir / "manifest.csv"
        if not path.is_file():
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            return [{k: (r.get(k) or "") for k in MANIFEST_FIELDS} for r in csv.DictReader(fh)]

    def _write_uploads_manifest(self, rows: list[dict[str, str]]) -> None:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(self.settings.resolved_uploads_dir / "manifest.csv", buf.getvalue())


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
