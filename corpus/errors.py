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
    code = "corpus_error"


class UnreadableSource(CorpusError):
    code = "unreadable_source"


class ManifestError(CorpusError):
    code = "manifest_error"


class ReadOnlySource(CorpusError):
    code = "read_only_source"


class IndexingError(GroundqaError):
    code = "indexing_error"


class IndexNotBuilt(IndexingError):
    code = "index_not_built"


class SnapshotCorrupt(IndexingError):
    code = "snapshot_corrupt"


class RebuildInProgress(IndexingError):
    code = "rebuild_in_progress"

    def __init__(self, message: str, job_id: str | None = None) -> None:
        super().__init__(message)
        self.job_id = job_id


class StorageError(IndexingError):
    code = "storage_error"


class BackendUnavailable(IndexingError):
    """The store an index lives in (a database server) cannot be reached right now; retrying may help."""

    code = "backend_unavailable"


class InvalidRequest(GroundqaError):
    code = "invalid_request"


class NotFound(GroundqaError):
    code = "not_found"
