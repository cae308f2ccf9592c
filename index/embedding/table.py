"""A word-embedding table read row by row from its .npy file, so a process holds none of it.

A transformer's input lookup needs, per text, a few hundred rows of a table with one row per
vocabulary entry (e5-small: 250,037 x 384 float32, 370 MB). Held in memory (as an ONNX initializer
or a loaded array), the whole table is resident in every process. Memory-mapped, it is not much
better: a page fault maps the neighbouring pages already in the page cache too, and 200 questions
made 270 MB of the mapping resident even with MADV_RANDOM (measured here). `RowTable` reads just
the distinct rows of each lookup with pread(2); the rows stay in the kernel's page cache, shared by
every process on the machine and reclaimable, and the process keeps only the rows of the batch.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

import numpy as np

Rows = np.ndarray[Any, np.dtype[np.float32]]


class RowTable:
    """The float32 [rows, dim] table in the .npy file `path`; `lookup` is thread-safe.

    Raises ValueError if the file is not a C-ordered little-endian float32 table of width `dim`,
    OSError if it cannot be opened.
    """

    def __init__(self, path: Path, dim: int) -> None:
        with path.open("rb") as f:
            version = np.lib.format.read_magic(f)
            fmt = np.lib.format
            read = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
            shape, fortran, dtype = read(f)
            offset = f.tell()
        if len(shape) != 2 or shape[1] != dim or fortran or dtype != np.dtype("<f4"):
            raise ValueError(f"{path.name} is not a float32 [rows, {dim}] table (shape {shape}, {dtype})")
        size = path.stat().st_size
        if size < offset + shape[0] * dim * 4:
            raise ValueError(f"{path.name} is cut short ({size} bytes)")
        self.rows, self.dim = int(shape[0]), dim
        self._offset, self._row_bytes = offset, dim * 4
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)

    def lookup(self, ids: np.ndarray[Any, Any]) -> Rows:
        """The rows for integer `ids` of any shape: float32, shape ids.shape + (dim,).

        Each distinct id is read once. Raises IndexError for an id outside [0, rows).
        """
        unique, inverse = np.unique(ids, return_inverse=True)
        if unique.size and (unique[0] < 0 or unique[-1] >= self.rows):
            raise IndexError(f"row ids must be in [0, {self.rows}), got {unique[0]}..{unique[-1]}")
        rows = np.empty((unique.size, self.dim), dtype=np.float32)
        for i, row in enumerate(unique.tolist()):
            got = os.preadv(self._fd, [rows[i]], self._offset + row * self._row_bytes)
            if got != self._row_bytes:
                raise OSError(f"short read of row {row} ({got} of {self._row_bytes} bytes)")
        out: Rows = rows[inverse.reshape(ids.shape)]
        return out
