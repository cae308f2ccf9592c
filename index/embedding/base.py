"""The embedder interface the index depends on; implementations live beside it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors.

    `fingerprint` names the model (and anything else that changes the vectors); a snapshot built
    with another fingerprint is rebuilt in full.
    """

    @property
    def fingerprint(self) -> str: ...

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """Longest input (in model tokens, special tokens excluded) the model reads without truncation."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        """Embed passages; `progress` is called with the number of texts done after each batch."""
        ...

    def encode_query(self, text: str) -> Vectors:
        """Embed one question; shape (dim,)."""
        ...


@runtime_checkable
class ModelChoice(Protocol):
    """Which embedder a collection gets, chosen from its languages (`index.embedding.load.Models`)."""

    def for_languages(self, languages: Collection[str]) -> Embedder:
        """The embedder for a collection whose sources are in these languages ("en", "ko", ...)."""
        ...

    def for_fingerprint(self, fingerprint: str) -> Embedder:
        """The embedder that produced vectors with this fingerprint (to search an existing index)."""
        ...
