"""Passage ids of a snapshot as memory-mapped arrays: row -> id and id -> row without Python objects.

    ids.npy         fixed-width UTF-8 bytes, row order (row -> id)
    ids-sorted.npy  the same ids sorted, with ids-order.npy the row of each (id -> row by binary search)

At a million 64-character ids this is 128 MB on disk and only the pages a query touches in memory,
against ~250 MB of Python strings, list and dict. Kept in memory besides: the ids of the last
queries' candidates with their rows (`KNOWN_IDS`, about 2 MB) and, from the first query that sorts
rows by id, each row's place in the sorted ids (4 bytes a passage).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from corpus.errors import NotFound, SnapshotCorrupt

IDS_FILE = "ids.npy"
SORTED_FILE = "ids-sorted.npy"
ORDER_FILE = "ids-order.npy"


def write(folder: Path, ids: Sequence[str]) -> None:
    """Write the three id files for `ids` (row order) into `folder`."""
    arr = np.array([i.encode("utf-8") for i in ids], dtype=np.bytes_) if ids else np.zeros(0, dtype="S1")
    order = np.argsort(arr, kind="stable").astype(np.int64)
    np.save(folder / IDS_FILE, arr)
    np.save(folder / SORTED_FILE, arr[order])
    np.save(folder / ORDER_FILE, order)


def _load(path: Path) -> npt.NDArray[np.generic]:
    arr: npt.NDArray[np.generic] = np.load(path, mmap_mode="r", allow_pickle=False)
    if arr.size == 0:
        return np.load(path, allow_pickle=False)  # type: ignore[no-any-return]
    return arr.view(np.ndarray)  # a plain view of the mapping: np.memmap's indexing is slow


# The candidates' ids are remembered with their rows (about this many, then forgotten at once): the
# engine asks for the records, near-duplicates and terms of the candidates the retriever has just
# decoded, and a dict lookup is ~20x cheaper than the binary search over the sorted byte strings.
KNOWN_IDS = 16384


class PassageIds:
    """Row <-> id lookups over a snapshot's id files. Thread-safe: the arrays are read-only, and the
    remembered ids are a dict whose every entry is right (a lookup that misses, because another
    thread just cleared it, falls back to the id files; concurrent callers may overshoot
    `KNOWN_IDS` by a few queries' candidates before it is cleared again)."""

    def __init__(self, folder: Path) -> None:
        try:
            self._ids = _load(folder / IDS_FILE)
            self._sorted = _load(folder / SORTED_FILE)
            self._order = _load(folder / ORDER_FILE)
        except (OSError, ValueError) as exc:
            raise SnapshotCorrupt(f"cannot read the passage ids in {folder.name}: {exc}") from exc
        if not (self._ids.shape == self._sorted.shape == self._order.shape) or self._ids.ndim != 1:
            raise SnapshotCorrupt(f"the passage id files in {folder.name} do not agree")
        if self._ids.dtype.kind != "S" or self._sorted.dtype != self._ids.dtype:
            raise SnapshotCorrupt(f"the passage id files in {folder.name} are not byte strings")
        self._known: dict[str, int] = {}
        self._ranks: npt.NDArray[np.int32] | None = None

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def id_of(self, rows: npt.ArrayLike, *, remember: bool = False) -> list[str]:
        """The ids of `rows`, in order; with `remember` (a query's candidates, at most `KNOWN_IDS`),
        `rows` then finds them without the id files.

        Raises:
            ValueError: a row outside 0..len - 1.
        """
        at = np.asarray(rows, dtype=np.int64).reshape(-1)
        if at.size and (int(at.min()) < 0 or int(at.max()) >= len(self)):
            raise ValueError(f"rows outside 0..{len(self) - 1}")
        ids = [b.decode("utf-8") for b in self._ids[at].tolist()]
        if remember and len(ids) <= KNOWN_IDS:
            if len(self._known) + len(ids) > KNOWN_IDS:
                self._known.clear()
            self._known.update(zip(ids, at.tolist(), strict=True))
        return ids

    def forget(self) -> None:
        """Forget the remembered ids (a benchmark round then looks them up as a fresh process does)."""
        self._known.clear()

    def ranks(self, rows: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """Each row's place in the sorted order of all ids (the inverse of ids-order.npy, built at
        first use: 4 bytes a passage)."""
        ranks = self._ranks
        if ranks is None:
            ranks = np.empty(len(self), dtype=np.int32)
            ranks[self._order] = np.arange(len(self), dtype=np.int32)
            self._ranks = ranks
        return ranks[np.asarray(rows, dtype=np.int64)].astype(np.int64)

    def rows(self, ids: Sequence[str]) -> list[int]:
        """The rows of `ids`, in order; NotFound for an unknown id."""
        if not ids:
            return []
        known = self._known
        remembered = [known.get(i, -1) for i in ids]
        if -1 not in remembered:
            return remembered
        width = self._ids.dtype.itemsize
        want = [i.encode("utf-8") for i in ids]
        bad = next((i for i, w in zip(ids, want, strict=True) if len(w) > width or not w), None)
        if bad is not None:
            raise NotFound(f"no passage with id {bad!r} in this index")
        keys = np.array(want, dtype=self._ids.dtype)
        at = np.searchsorted(self._sorted, keys)
        at_c = np.minimum(at, len(self) - 1)
        found = (at < len(self)) & (self._sorted[at_c] == keys) if len(self) else np.zeros(len(keys), bool)
        if not found.all():
            raise NotFound(f"no passage with id {ids[int(np.argmin(found))]!r} in this index")
        return [int(r) for r in self._order[at_c].tolist()]
