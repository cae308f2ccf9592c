"""The index a server answers from, swapped atomically when a rebuild publishes a new version."""

from __future__ import annotations

import logging
import threading

from corpus.errors import BackendUnavailable, IndexNotBuilt, SnapshotCorrupt
from index.backend import Catalog, SharedCatalog
from index.embedding.base import Embedder, ModelChoice
from index.engine import GroundIndex

log = logging.getLogger(__name__)


class IndexHolder:
    """Holds the current `GroundIndex`.

    `reload` opens the catalog's current version and swaps it in by assigning one attribute, so a
    query that already holds the old index finishes on it while new queries get the new one.
    """

    def __init__(self, catalog: Catalog, embedder: Embedder | ModelChoice) -> None:
        self.catalog = catalog
        self.embedder = embedder
        self._index: GroundIndex | None = None
        self._load_error: str | None = None
        self._unavailable: str | None = None  # why the catalog's store cannot be reached right now
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def reload(self, *, building: bool = False) -> None:
        """Open the current version and make it the one new queries use (failures are remembered).

        `building`: the caller is about to build the index, so a missing one is expected (logged as
        such, not as a warning telling the user to run `groundqa index`).
        """
        try:
            backend = self.catalog.open()
            emb = self.embedder
            model = emb.for_fingerprint(backend.info.model) if isinstance(emb, ModelChoice) else emb
            self._index = GroundIndex(backend, model)
            self._load_error = None
            self._unavailable = None
        except (IndexNotBuilt, SnapshotCorrupt) as exc:
            self._load_error = exc.message
            self._unavailable = None
            if building and isinstance(exc, IndexNotBuilt):
                log.info("no index yet: building the first one from the sources")
            else:
                log.warning("index not loaded: %s", exc.message)
        except BackendUnavailable as exc:
            self._unavailable = exc.message
            log.warning("index not loaded: %s", exc.message)

    def watch(self, interval: float) -> None:
        """With a shared catalog, check its current version every `interval` seconds in a daemon
        thread: a version published by another process is loaded, and while the store cannot be
        reached every request gets BackendUnavailable (503) with the reason, until it is back."""
        if not isinstance(self.catalog, SharedCatalog) or self._watcher is not None:
            return
        self._watcher = threading.Thread(
            target=self._follow, args=(self.catalog, interval), name="groundqa-watch", daemon=True
        )
        self._watcher.start()

    def _follow(self, catalog: SharedCatalog, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                current = catalog.current_version()
            except BackendUnavailable as exc:
                if self._unavailable is None:
                    log.warning("%s", exc.message)
                    catalog.close()  # idle connections to the lost server are stale: drop them
                self._unavailable = exc.message
                continue
            except Exception:  # the watcher must outlive any surprise; the next tick tries again
                log.exception("checking the current index version failed")
                continue
            idx = self._index
            if self._unavailable is not None or (
                current is not None and (idx is None or idx.version != current)
            ):
                self.reload()

    def close(self) -> None:
        """Stop watching (the loaded index stays usable)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(5)

    @property
    def index(self) -> GroundIndex:
        """The current index; IndexNotBuilt (with the reason) when none is loaded, BackendUnavailable
        while the store it lives in cannot be reached."""
        if self._unavailable is not None:
            raise BackendUnavailable(self._unavailable)
        idx = self._index
        if idx is None:
            raise IndexNotBuilt(self._load_error or "the index is not loaded yet")
        return idx

    @property
    def ready(self) -> bool:
        return self._index is not None and self._unavailable is None

    @property
    def loaded(self) -> bool:
        """An index was loaded (it may be unreachable right now: `ready` says whether it answers)."""
        return self._index is not None
