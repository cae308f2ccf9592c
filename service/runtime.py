"""What the API, the web pages and the CLI share at run time: the held index, rebuild jobs, uploads.

A `Runtime` is built by `create_app(settings)` and kept on `app.state`; nothing here is global.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

from corpus.errors import RebuildInProgress, StorageError
from corpus.ingest import SourceDir
from index.backend import Backend, Catalog, SharedCatalog, SourceRecord
from index.builder import UpdateReport, update_index
from index.embedding.base import Embedder
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Answer, Query
from service.holder import IndexHolder
from service.jobs import Job, JobRunner
from service.settings import Settings
from service.uploads import UploadMeta, Uploads

WATCH_SECONDS = 1.0  # how often a server checks a shared catalog for versions published elsewhere
LOCK_WAIT_SECONDS = 600.0  # a queued rebuild waits this long for another process's rebuild to end


def catalog_for(settings: Settings) -> Catalog:
    """Where the index lives for these settings: the PostgreSQL database when DATABASE_URL is set,
    else the local data dir.

    Raises StorageError when a database is configured but the postgres extra is not installed.
    """
    if settings.database_url is None:
        return LocalCatalog(settings.data_dir)
    try:
        from index.postgres import PostgresCatalog
    except ImportError as exc:
        raise StorageError(
            "GROUNDQA_DATABASE_URL needs the postgres extra: pip install 'groundqa[postgres]'"
        ) from exc
    read = settings.database_read_url
    return PostgresCatalog(
        settings.database_url.get_secret_value(), read_url=read.get_secret_value() if read else None
    )


def uploads_for(settings: Settings, catalog: Catalog | None = None) -> Uploads:
    """The uploads of these settings: a folder, or the database's uploads table (`service.db_uploads`)."""
    if settings.database_url is not None:
        from index.postgres import PostgresCatalog
        from service.db_uploads import DatabaseUploads

        db = catalog if isinstance(catalog, PostgresCatalog) else catalog_for(settings)
        assert isinstance(db, PostgresCatalog)
        return DatabaseUploads(
            db.uploads(),
            settings.sources_dir,
            settings.data_dir / "db-uploads",
            settings.data_dir / "trash",
            settings.max_upload_bytes,
        )
    return Uploads(
        settings.sources_dir,
        settings.resolved_uploads_dir,
        settings.data_dir / "trash",
        settings.max_upload_bytes,
    )


def source_dirs(settings: Settings, catalog: Catalog | None = None) -> list[SourceDir]:
    """The folders an index is built from: the curated sources, then the API uploads."""
    return uploads_for(settings, catalog).dirs()


@contextlib.contextmanager
def open_index(settings: Settings, embedder: Embedder) -> Iterator[GroundIndex]:
    """The current index of these settings for the block (a local data dir falls back to its newest
    good snapshot built with `embedder`). Raises IndexNotBuilt, SnapshotCorrupt or BackendUnavailable."""
    catalog = catalog_for(settings)
    try:
        if isinstance(catalog, LocalCatalog):
            backend: Backend = catalog.open(model=embedder.fingerprint)
        else:
            backend = catalog.open()
        try:
            yield GroundIndex(backend, embedder)
        finally:
            backend.close()
    finally:
        if isinstance(catalog, SharedCatalog):
            catalog.close()


def catalogue(settings: Settings) -> tuple[str, list[SourceRecord]]:
    """The published version's name and its sources, without loading vectors or BM25 statistics."""
    catalog: Any = catalog_for(settings)
    try:
        version, records = catalog.catalogue()
    finally:
        if isinstance(catalog, SharedCatalog):
            catalog.close()
    return str(version), list(records)


class Runtime:
    """The service's state: settings, the held index, the job runner and the uploads folder."""

    def __init__(self, settings: Settings, embedder: Embedder, catalog: Catalog | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.catalog = catalog if catalog is not None else catalog_for(settings)
        self.holder = IndexHolder(self.catalog, embedder)
        self.jobs = JobRunner()
        self.uploads = uploads_for(settings, self.catalog)

    # -- the index -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.holder.reload()

    def watch(self) -> None:
        """Follow versions published by other processes when the catalog is shared (a database)."""
        self.holder.watch(WATCH_SECONDS)

    def close(self) -> None:
        """Stop watching and release the catalog's connections."""
        self.holder.close()
        if isinstance(self.catalog, SharedCatalog):
            self.catalog.close()

    @property
    def index(self) -> GroundIndex:
        return self.holder.index

    @property
    def ready(self) -> bool:
        return self.holder.ready

    def ask(self, query: Query) -> Answer:
        return self.holder.index.search(query)

    # -- rebuilds --------------------------------------------------------------------------------
    def start_rebuild(self, *, full: bool = False, queue: bool = False) -> Job:
        """Start a rebuild; with `queue`, one already running makes this the next job instead of a 409.

        With a shared catalog, a rebuild running in another process also gives the 409 (naming its
        job), and a queued rebuild waits for that one to end instead of failing.
        """

        def work(job: Job) -> dict[str, object]:
            report = self._update(job, full=full, wait=queue)
            if report.published or not self.ready:
                self.reload()
            return report.to_json()

        if not queue and self.jobs.current is None and isinstance(self.catalog, SharedCatalog):
            with self.catalog.lock(None):  # RebuildInProgress when another process is building
                pass
        return (self.jobs.start_or_queue if queue else self.jobs.start)("rebuild", work)

    def _update(self, job: Job, *, full: bool, wait: bool) -> UpdateReport:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return update_index(
                    catalog=self.catalog,
                    inputs=self.uploads.dirs(),
                    embedder=self.embedder,
                    max_bytes=self.settings.max_file_bytes,
                    full=full,
                    keep=self.settings.keep_snapshots,
                    progress=job.progress,
                    job_id=job.id,
                    ocr=self.settings.ocr,
                )
            except RebuildInProgress:
                if not wait or time.monotonic() > deadline:
                    raise
                job.progress("waiting for another rebuild", 0, 0)
                time.sleep(1.0)

    # -- uploads ---------------------------------------------------------------------------------
    def add_source(self, filename: str, content: bytes, meta: UploadMeta) -> tuple[str, Job]:
        """Store an uploaded file with its metadata, then start (or queue) a rebuild."""
        source_id = self.uploads.add(filename, content, meta)
        return source_id, self.start_rebuild(queue=True)

    def delete_source(self, source_id: str) -> Job:
        """Move a source's file to the trash (nothing is destroyed), then start (or queue) a rebuild."""
        self.uploads.remove(self.index.source_record(source_id))
        return self.start_rebuild(queue=True)
