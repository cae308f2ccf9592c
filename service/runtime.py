"""What the API, the web pages and the CLI share at run time: the held index, rebuild jobs, uploads.

A `Runtime` is built by `create_app(settings)` and kept on `app.state`; nothing here is global.

`groundqa serve` starts listening at once: the model is loaded, the current index opened and brought
up to date from the sources by a background "startup" job (`Runtime.start`), whose progress
(`Runtime.progress`) /readyz and the chat page show until the first index is loaded.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from corpus.errors import (
    BackendUnavailable,
    GroundqaError,
    IndexingError,
    IndexNotBuilt,
    NotFound,
    RebuildInProgress,
    StorageError,
)
from corpus.ingest import SourceDir
from index.backend import Backend, Catalog, SharedCatalog, SourceRecord
from index.builder import UpdateReport, update_index
from index.embedding.base import Embedder, ModelChoice
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Answer, Query
from service.holder import IndexHolder
from service.jobs import Job, JobRunner
from service.ratelimit import AskLimiter
from service.settings import Settings
from service.uploads import UploadMeta, Uploads

log = logging.getLogger(__name__)

PHASES = {
    "loading": "loading the model",
    "opening": "opening the index",
    "reading": "reading sources",
    "embedding": "embedding passages",
    "writing": "writing the index",
}


@dataclass(frozen=True)
class StartupProgress:
    """How far the start-up job is: `done` of `total` in `phase` (passages while embedding)."""

    phase: str
    done: int
    total: int
    percent: int
    eta_s: float | None
    elapsed_s: float

    def line(self) -> str:
        """One log line: "indexing: embedding passages 1,200/5,400 (22%), about 3 min left"."""
        count = f" {self.done:,}/{self.total:,} ({self.percent}%)" if self.total > 1 else ""
        eta = ""
        if self.eta_s is not None:
            eta = f", about {round(self.eta_s / 60)} min left" if self.eta_s >= 90 else ", under 2 min left"
        return f"starting: {self.phase}{count}{eta} [{self.elapsed_s:.0f} s]"


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
def open_index(settings: Settings, embedder: Embedder | ModelChoice) -> Iterator[GroundIndex]:
    """The current index of these settings for the block, searched with the model it was built with
    (chosen from `embedder` when it is a `ModelChoice`). Raises IndexNotBuilt, SnapshotCorrupt or
    BackendUnavailable."""
    catalog = catalog_for(settings)
    try:
        backend: Backend = catalog.open()
        try:
            model = (
                embedder.for_fingerprint(backend.info.model)
                if isinstance(embedder, ModelChoice)
                else embedder
            )
            yield GroundIndex(backend, model)
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
    """The service's state: settings, the held index, the job runner and the uploads folder.

    Without an `embedder`, nothing can be answered until `start` has loaded one (in the background).
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | ModelChoice | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog if catalog is not None else catalog_for(settings)
        self._embedder = embedder
        self._holder = IndexHolder(self.catalog, embedder) if embedder is not None else None
        self.jobs = JobRunner()
        self.uploads = uploads_for(settings, self.catalog)
        self.ask_limiter = AskLimiter(settings.ask_rate_limit, loopback=settings.rate_limit_loopback)
        self.startup: Job | None = None  # the start-up job, once `start` ran

    @property
    def embedder(self) -> Embedder | ModelChoice:
        if self._embedder is None:
            raise IndexNotBuilt("groundqa is starting: the model is still loading")
        return self._embedder

    @property
    def holder(self) -> IndexHolder:
        if self._holder is None:
            raise IndexNotBuilt("groundqa is starting: the model is still loading")
        return self._holder

    # -- the index -------------------------------------------------------------------------------
    def reload(self, *, building: bool = False) -> None:
        """Load the catalog's current version (see `IndexHolder.reload`)."""
        self.holder.reload(building=building)

    def watch(self) -> None:
        """Follow versions published by other processes when the catalog is shared (a database); a
        no-op until the model is loaded (`start` calls it then) and for a local data dir."""
        if self._holder is not None:
            self._holder.watch(WATCH_SECONDS)

    def close(self) -> None:
        """Stop watching and release the catalog's connections."""
        if self._holder is not None:
            self._holder.close()
        if isinstance(self.catalog, SharedCatalog):
            self.catalog.close()

    @property
    def index(self) -> GroundIndex:
        """The loaded index; IndexNotBuilt (saying how far the start-up is) when there is none yet."""
        if not self.ready:
            failed = self.startup_failed()
            # the start-up's failure is the reason while nothing was loaded since and no other job
            # ran (the model may have loaded and the first index failed to build)
            latest = self.jobs.current is None and self.jobs.last is self.startup
            if failed and latest and (self._holder is None or not self._holder.loaded):
                raise IndexNotBuilt(f"groundqa could not start: {self.redact(failed)}")
            p = self.progress()
            if p is not None:
                raise IndexNotBuilt(f"the index is not ready yet ({p.line().removeprefix('starting: ')})")
        return self.holder.index

    @property
    def ready(self) -> bool:
        return self._holder is not None and self._holder.ready

    # -- start-up --------------------------------------------------------------------------------
    def start(
        self,
        *,
        load: Callable[[], Embedder | ModelChoice] | None = None,
        update: bool = True,
        then: Callable[[Runtime], None] | None = None,
    ) -> Job:
        """Bring the service up in a background job: load the model (with `load`, when none was
        given), open the current index, then (with `update`) bring it up to date from the sources.

        An index already on disk answers as soon as it is opened, while the update runs; the updated
        one is swapped in when published. Progress: `progress()` (until an index is loaded), and the
        job itself (`self.startup`, also the runner's current job, so a rebuild request gets a 409).
        `then(runtime)` runs once the index is first opened (warming up the Korean analyzer, say).
        """

        def work(job: Job) -> dict[str, object]:
            if self._embedder is None:
                if load is None:
                    raise IndexNotBuilt("no model to load")
                job.progress("loading", 0, 1)
                self._embedder = load()
                self._holder = IndexHolder(self.catalog, self._embedder)
            job.progress("opening", 0, 1)
            self.reload(building=update and self.settings.sources_dir.is_dir())
            self.watch()
            if then is not None and self.ready:
                then(self)
            if not update:
                return {}
            if not self.settings.sources_dir.is_dir():
                log.warning("sources folder %s not found: serving what is indexed", self.settings.sources_dir)
                return {}
            try:
                report = update_index(
                    catalog=self.catalog,
                    inputs=self.uploads.dirs(),
                    embedder=self.embedder,
                    max_bytes=self.settings.max_file_bytes,
                    keep=self.settings.keep_snapshots,
                    progress=job.progress,
                    job_id=job.id,
                    ocr=self.settings.ocr,
                )
            except (RebuildInProgress, BackendUnavailable) as exc:
                # another replica is building, or the database is away: serve what is published (the
                # holder follows new versions and answers 503 until the database is back)
                log.warning("not updating the index: %s", exc.message)
                return {}
            was_ready = self.ready
            if report.published or not self.ready:
                self.reload()
            if then is not None and self.ready and not was_ready:
                then(self)
            return report.to_json()

        self.startup = self.jobs.start("startup", work)
        return self.startup

    def progress(self) -> StartupProgress | None:
        """How far the start-up job is, while it runs and no index is loaded; else None."""
        job = self.startup
        if job is None or job.state != "running" or self.ready:
            return None
        total = max(job.total, 1)
        return StartupProgress(
            phase=PHASES.get(job.stage, job.stage),
            done=job.done,
            total=job.total,
            percent=min(100, round(100 * job.done / total)),
            eta_s=job.eta_s(),
            elapsed_s=time.time() - job.started_at,
        )

    def startup_failed(self) -> str | None:
        """Why the start-up job failed, when it did and nothing could be loaded."""
        job = self.startup
        if job is None or job.state != "failed" or self.ready:
            return None
        return job.error

    def ask(self, query: Query) -> Answer:
        """Answer from the loaded index; IndexNotBuilt saying how far the start-up is while the first
        index is still being built (as `index`)."""
        return self.index.search(query)

    # -- rebuilds --------------------------------------------------------------------------------
    def start_rebuild(self, *, full: bool = False, queue: bool = False) -> Job:
        """Start a rebuild; with `queue`, one already running makes this the next job instead of a 409.

        With a shared catalog, a rebuild running in another process also gives the 409 (naming its
        job), and a queued rebuild waits for that one to end instead of failing.
        """

        def work(job: Job) -> dict[str, object]:
            try:
                report = self._update(job, full=full, wait=queue)
            except GroundqaError as exc:
                exc.message = self.redact(exc.message)
                raise
            except Exception as exc:  # reported as the job's error: without the server's paths
                raise IndexingError(self.redact(f"{type(exc).__name__}: {exc}")) from exc
            if report.published or not self.ready:
                self.reload()
            result: dict[str, object] = self.redact_json(report.to_json())
            return result

        if not queue and self.jobs.current is None and isinstance(self.catalog, SharedCatalog):
            with self.catalog.lock(None):  # RebuildInProgress when another process is building
                pass
        return (self.jobs.start_or_queue if queue else self.jobs.start)("rebuild", work)

    def redact(self, text: str) -> str:
        """`text` with the server's absolute folders replaced by their names (`/srv/x/sources/a.txt`
        -> `sources/a.txt`): job results are shown to admins and clients, not the file system."""
        s = self.settings
        folders = [s.sources_dir, s.resolved_uploads_dir, s.data_dir]
        if s.manifest is not None:
            folders.append(s.manifest.parent)
        for folder in folders:
            for form in {str(folder.absolute()), str(folder.resolve())}:
                if form != "/":
                    text = text.replace(form + "/", folder.name + "/").replace(form, folder.name)
        return text

    def redact_json(self, value: Any) -> Any:
        """`redact` applied to every string in a JSON-like value."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list):
            return [self.redact_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.redact_json(v) for k, v in value.items()}
        return value

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
    def add_source(
        self, filename: str, content: bytes, meta: UploadMeta, *, replace: bool = False
    ) -> tuple[str, Job]:
        """Store an uploaded file with its metadata (`Uploads.add`: SourceExists when an upload of that
        name holds other content and `replace` is False), then start (or queue) a rebuild."""
        source_id = self.uploads.add(filename, content, meta, replace=replace)
        return source_id, self.start_rebuild(queue=True)

    def delete_source(self, source_id: str) -> Job:
        """Move a source's file to the trash (nothing is destroyed), then start (or queue) a rebuild.

        An upload that is stored but not indexed (its extraction failed) is removed the same way, by
        the id its upload returned. Raises NotFound when neither the index nor the uploads know it.
        """
        try:
            record = self.index.source_record(source_id)
        except NotFound:
            record = self.uploads.unindexed(source_id)
        self.uploads.remove(record)
        return self.start_rebuild(queue=True)
