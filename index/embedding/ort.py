"""What the two ONNX Runtime embedders share (`onnx.OnnxEmbedder`, `e5.E5Embedder`): a CPU session
set up the same way, and passages run longest first in padded batches under a token budget.

Batching by token length: a batch is padded to its longest row, so rows of similar length waste
little work on padding, and a budget of padded tokens per run bounds the attention buffers (their
size grows with batch x length²) when passages are long.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

BATCH_TOKENS = 8192  # padded tokens per run at most (32 rows of 256, 16 of 512)


def default_threads() -> int:
    """Intra-op threads: every core, at most 4 (more buys little for one query on a small model)."""
    return max(1, min(os.cpu_count() or 1, 4))


def cpu_session(model_file: Path, threads: int | None = None) -> Any:
    """An `onnxruntime.InferenceSession` on the CPU with `threads` intra-op threads (default
    `default_threads()`), one inter-op thread, and idle threads that sleep instead of spinning.

    Sleeping idle threads: on two shared cores, spinning workers made single queries 2-3x slower
    whenever another process was busy (measured for the MiniLM export). Raises whatever ONNX Runtime
    raises for a missing or invalid model file (callers wrap it in IndexingError).
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])


def token_batches(lengths: Sequence[int], batch_size: int, budget: int = BATCH_TOKENS) -> Iterator[list[int]]:
    """Indices into `lengths` (tokens per row), longest first, in batches of at most `batch_size`
    rows and `budget` padded tokens (a single row longer than the budget is a batch of its own)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    start = 0
    while start < len(order):
        size = max(1, min(batch_size, budget // max(lengths[order[start]], 1)))
        yield order[start : start + size]
        start += size


def padded(rows: Sequence[Sequence[int]], pad_id: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(ids, attention mask) of token rows padded to the longest: two int64 arrays of shape
    (len(rows), longest), pad_id and 0 after each row's end."""
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask
