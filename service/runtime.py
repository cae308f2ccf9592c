"""What the API, the web pages and the CLI share at run time: the held index, rebuild jobs, uploads.

A `Runtime` is built by `create_app(settings)` and kept on `app.state`; nothing here is global.
"""

from __future__ import annotations

from typing import Any

from corpus.errors import GroundqaError, IndexingError
from corpus.ingest import SourceDir
from index.backend import Catalog
from index.builder import update_index
from index.embedding.base import Embedder, ModelChoice
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Answer, Query
from service.holder import IndexHolder
from service.jobs import Job, JobRunner
from service.ratelimit import AskLimiter
from service.settings import Settings
from service.uploads import UploadMeta, Uploads


def catalog_for(settings: Settings) -> Catalog:
    """Where the index lives for these settings (the local data dir)."""
    return LocalCatalog(settings.data_dir)


def uploads_for(settings: Settings) -> Uploads:
    return Uploads(
        settings.sources_dir,
        settings.resolved_uploads_dir,
        settings.data_dir / "trash",
        settings.max_upload_bytes,
    )


def source_dirs(settings: Settings) -> list[SourceDir]:
    """The folders an index is built from: the curated sources, then the API uploads."""
    return uploads_for(settings).dirs()


class Runtime:
    """The service's state: settings, the held index, the job runner and the uploads folder."""

    def __init__(
        self, settings: Settings, embedder: Embedder | ModelChoice, catalog: Catalog | None = None
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.catalog = catalog if catalog is not None else catalog_for(settings)
        self.holder = IndexHolder(self.catalog, embedder)
        self.jobs = JobRunner()
        self.uploads = uploads_for(settings)
        self.ask_limiter = AskLimiter(settings.ask_rate_limit, loopback=settings.rate_limit_loopback)

    # -- the index -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.holder.reload()

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
        """Start a rebuild; with `queue`, one already running makes this the next job instead of a 409."""

        def work(job: Job) -> dict[str, object]:
            try:
                report = update_index(
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
            except GroundqaError as exc:
                exc.message = self.redact(exc.message)
                raise
            except Exception as exc:  # reported as the job's error: without the server's paths
                raise IndexingError(self.redact(f"{type(exc).__name__}: {exc}")) from exc
            if report.published or not self.ready:
                self.reload()
            result: dict[str, object] = self.redact_json(report.to_json())
            return result

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

    # -- uploads ---------------------------------------------------------------------------------
    def add_source(self, filename: str, content: bytes, meta: UploadMeta) -> tuple[str, Job]:
        """Store an uploaded file with its metadata, then start (or queue) a rebuild."""
        source_id = self.uploads.add(filename, content, meta)
        return source_id, self.start_rebuild(queue=True)

    def delete_source(self, source_id: str) -> Job:
        """Move a source's file to the trash (nothing is destroyed), then start (or queue) a rebuild."""
        self.uploads.remove(self.index.source_record(source_id))
        return self.start_rebuild(queue=True)
