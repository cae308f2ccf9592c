"""groundqa's exception tree, shared by every layer (corpus is the bottom layer, so it lives here).

Each error carries a stable machine-readable `code` and a one-line `message` that says what was
wrong and, where it helps, what to do.

    GroundqaError                 base; `code` is a stable machine-readable name
    ├── CorpusError               reading sources
    │   ├── UnreadableSource      one file could not be turned into text (the reason says why)
    │   ├── ManifestError         manifest.csv is malformed
    │   └── ReadOnlySource        a source cannot be changed where it lives (read-only folder)
    ├── IndexingError             building, storing or loading an index
    │   ├── IndexNotBuilt         no published snapshot yet
    │   ├── SnapshotCorrupt       a snapshot on disk failed its checks
    │   ├── RebuildInProgress     another rebuild holds the lock (carries the running job id)
    │   ├── StorageError          the disk refused a write (full, read-only, ...)
    │   └── BackendUnavailable    the index's database cannot be reached (down, restarting, network)
    ├── InvalidRequest            the caller's input is wrong (empty question, bad filter, ...)
    │   └── InvalidMetadata       a citation metadata field is refused (names the field)
    └── NotFound                  an unknown source, passage or job id

The service adds its own access errors (service.errors: Forbidden, Unauthorized). The edges map all
of these to HTTP statuses (service.errors) and to one-line CLI messages (service.cli); nothing below
the edges formats messages for a particular interface.
"""

from __future__ import annotations


class GroundqaError(Exception):
    """Base of every error groundqa raises on purpose."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CorpusError(GroundqaError):
    """A problem reading sources (one file, the manifest, or where a source lives)."""

    code = "corpus_error"


class UnreadableSource(CorpusError):
    """One source file cannot be turned into text; `message` is the one reason (corrupt, too large,
    no text, encrypted, ...). Ingestion reports it for that file and goes on with the others."""

    code = "unreadable_source"


class ManifestError(CorpusError):
    """manifest.csv as a whole is unusable (not UTF-8, NUL bytes, no `file` column, too large, an
    unparseable line) or a row cannot be written; a single bad cell is a warning instead."""

    code = "manifest_error"


class ReadOnlySource(CorpusError):
    """A source cannot be changed where it lives (e.g. a delete of a file in a read-only folder)."""

    code = "read_only_source"


class SourceExists(CorpusError):
    """An upload would replace a stored upload of the same name that holds other content, and the
    caller did not ask to replace it."""

    code = "source_exists"


class IndexingError(GroundqaError):
    """A problem building, storing or loading an index."""

    code = "indexing_error"


class IndexNotBuilt(IndexingError):
    """No published snapshot to answer from yet (none built, or the service is still starting)."""

    code = "index_not_built"


class SnapshotCorrupt(IndexingError):
    """A snapshot on disk failed its checks (missing or unreadable files, counts that disagree)."""

    code = "snapshot_corrupt"


class RebuildInProgress(IndexingError):
    """Another rebuild holds the data folder's writer lock; `job_id` names the holder when known (the
    running job's id, or `pid-N` for a builder in another process), else None."""

    code = "rebuild_in_progress"

    def __init__(self, message: str, job_id: str | None = None) -> None:
        super().__init__(message)
        self.job_id = job_id


class StorageError(IndexingError):
    """The disk refused a write (full, read-only, permissions); the previous snapshot keeps serving."""

    code = "storage_error"


class BackendUnavailable(IndexingError):
    """The store an index lives in (a database server) cannot be reached right now; retrying may help."""

    code = "backend_unavailable"


class _FieldError(GroundqaError):
    """An error about one input field: `field` names it ("filters.languages"), `detail` says what is
    wrong and what is accepted; `message` is "field: detail" (just `detail` without a field), so an
    interface can name the field its own way (the CLI says "--language")."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.detail = message


class InvalidRequest(_FieldError):
    """The caller's input is wrong (empty or too long question, k out of range, a filter that can
    match nothing, a bad upload); `field` names the input at fault when there is one."""

    code = "invalid_request"


class InvalidMetadata(InvalidRequest):
    """A citation metadata field given with an upload is refused; the message starts with its name."""

    code = "invalid_metadata"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem, field=field)


class NotFound(_FieldError):
    """An unknown source, passage or job id; `field` names the input that carried it, if any."""

    code = "not_found"
