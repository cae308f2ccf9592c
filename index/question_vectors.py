"""Question vectors kept by text, so that a follow-up's earlier question is not encoded again.

A follow-up ("And the year before?") is searched with its own vector blended with its history's
(`index.engine`), and that history is, in a conversation, the question asked just before: already
encoded once. Keeping the last `QUESTION_VECTORS` vectors (1.5 KB each at 384 dimensions) saves the
follow-up one encoder call, the larger part of its search (~10-14 ms for e5-small here).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from index.embedding.base import Embedder, Vectors

QUESTION_VECTORS = 1024


class QuestionVectors:
    """The vectors of the last `size` texts encoded as questions (least recently used out);
    thread-safe."""

    def __init__(self, size: int = QUESTION_VECTORS) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[str, str], Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, embedder: Embedder, text: str, *, earlier: bool = False) -> Vectors:
        """`embedder.encode_query(text)`, kept (read-only) for later calls. With `earlier` (the text
        is an earlier question of the conversation), a vector kept for the same text and model
        (`fingerprint`) is returned instead of encoding again; without it the text is always encoded,
        so that a question asked anew costs what it always did."""
        key = (embedder.fingerprint, text)
        if earlier:
            with self._lock:
                kept = self._kept.get(key)
                if kept is not None:
                    self._kept.move_to_end(key)
                    return kept
        vec = embedder.encode_query(text)
        vec.setflags(write=False)
        with self._lock:
            self._kept[key] = vec
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return vec
