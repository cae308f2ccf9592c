"""Deterministic stand-ins for the real model, for hermetic unit tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Sequence

import numpy as np

from index.embedding.base import Embedder, Vectors

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class FakeEmbedder:
    """Hashed bag-of-words vectors: texts sharing words get similar vectors, with no model at all."""

    def __init__(self, dim: int = 64, max_tokens: int = 128, name: str = "fake") -> None:
        self.fingerprint = f"{name}-{dim}"
        self.dim = dim
        self.max_tokens = max_tokens
        self.encoded: list[str] = []  # every passage text embedded, in order (tests count these)

    def count_tokens(self, text: str) -> int:
        return len(_TOKEN.findall(text))

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for tok in _TOKEN.findall(text.lower()):
            h = hashlib.sha256(tok.encode()).digest()
            v[int.from_bytes(h[:4], "little") % self.dim] += 1.0 if h[4] % 2 else -1.0
        n = float(np.linalg.norm(v))
        if n == 0.0:
            v[0] = 1.0
            n = 1.0
        return v / n

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        self.encoded.extend(texts)
        out = np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        if progress is not None:
            progress(len(texts))
        return out.astype(np.float32)

    def encode_query(self, text: str) -> Vectors:
        return self._vector(text).astype(np.float32)

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        """`PreparedQuery`, as the ONNX embedders are: the engine then encodes questions on its worker
        threads in every test that uses this embedder."""
        return lambda: self.encode_query(text)


class FixedChoice:
    """A model choice (index.embedding.base.ModelChoice) that always gives the same embedder."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def for_languages(self, languages: Collection[str]) -> Embedder:
        return self.embedder

    def for_fingerprint(self, fingerprint: str) -> Embedder:
        return self.embedder
