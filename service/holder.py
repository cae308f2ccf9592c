"""The index a server answers from, swapped atomically when a rebuild publishes a new version."""

from __future__ import annotations

import logging

from corpus.errors import IndexNotBuilt, SnapshotCorrupt
from index.backend import Catalog
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

    def reload(self) -> None:
        """Open the current version and make it the one new queries use (failures are remembered)."""
        try:
            backend = self.catalog.open()
            emb = self.embedder
            model = emb.for_fingerprint(backend.info.model) if isinstance(emb, ModelChoice) else emb
            self._index = GroundIndex(backend, model)
            self._load_error = None
        except (IndexNotBuilt, SnapshotCorrupt) as exc:
            self._load_error = exc.message
            log.warning("index not loaded: %s", exc.message)

    @property
    def index(self) -> GroundIndex:
        """The current index; IndexNotBuilt (with the reason) when none is loaded."""
        idx = self._index
        if idx is None:
            raise IndexNotBuilt(self._load_error or "the index is not loaded yet")
        return idx

    @property
    def ready(self) -> bool:
        return self._index is not None
