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
    def fingerprint(self) -> str:
        """Stable id of the model and its variant ("sentence-transformers/all-MiniLM-L6-v2",
        "multilingual-e5-small-q4@1571fc982750/int8", "folder@hash"), recorded in snapshots and
        embedding caches."""
        ...

    @property
    def dim(self) -> int:
        """Vector dimension (384 for MiniLM and e5-small)."""
        ...

    @property
    def max_tokens(self) -> int:
        """Longest input (in model tokens, special tokens excluded) the model reads without truncation."""
        ...

    def count_tokens(self, text: str) -> int:
        """How many model tokens `text` is, special tokens excluded, without truncation (so it may
        exceed `max_tokens`); the unit the chunker sizes passages in."""
        ...

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        """Embed passages; `progress` is called with the number of texts done after each batch.

        Returns float32 vectors of shape (len(texts), dim), rows in the order of `texts`, each of unit
        L2 norm (so inner products are cosines in [-1, 1]). Texts longer than the model reads are
        truncated by it.
        """
        ...

    def encode_query(self, text: str) -> Vectors:
        """Embed one question: float32, shape (dim,), unit L2 norm (a model with query/passage
        prefixes, like e5, adds the query one)."""
        ...


@runtime_checkable
class PreparedQuery(Protocol):
    """An embedder whose question encoding splits in two: `prepare_query` makes the model's inputs in
    the calling thread, and the function it returns runs the model on them. The model runtime releases
    the GIL from the first step of that function to its end, so a worker thread running it overlaps
    with the caller's Python (`index.question_vectors.Encoding`); a worker that also tokenised or read
    embedding rows would give the GIL up at each of those steps and wait for it again, up to the
    interpreter's switch interval (5 ms) each time the caller is running Python."""

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        """A function giving `encode_query(text)`: the same vector, shape (dim,)."""
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
