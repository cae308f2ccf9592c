"""index.embedding.table.RowTable: rows read from a .npy file match the array, and bad files are refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embedding.table import RowTable


@pytest.fixture
def table(tmp_path: Path) -> tuple[np.ndarray, Path]:
    array = np.random.default_rng(7).standard_normal((1000, 8)).astype(np.float32)
    path = tmp_path / "t.npy"
    np.save(path, array)
    return array, path


def test_lookup_matches_the_array_for_any_shape(table: tuple[np.ndarray, Path]) -> None:
    array, path = table
    rows = RowTable(path, 8)
    assert rows.rows == 1000 and rows.dim == 8
    ids = np.array([[0, 5, 5, 999], [3, 0, 1, 2]], dtype=np.int64)  # repeats, both ends
    got = rows.lookup(ids)
    assert got.shape == (2, 4, 8) and got.dtype == np.float32
    np.testing.assert_array_equal(got, array[ids])
    assert rows.lookup(np.zeros((0, 0), dtype=np.int64)).shape == (0, 0, 8)


def test_ids_outside_the_table_are_refused(table: tuple[np.ndarray, Path]) -> None:
    rows = RowTable(table[1], 8)
    with pytest.raises(IndexError, match=r"\[0, 1000\)"):
        rows.lookup(np.array([1, 1000]))
    with pytest.raises(IndexError):
        rows.lookup(np.array([-1]))


@pytest.mark.parametrize(
    ("array", "dim", "problem"),
    [
        (np.zeros((4, 8), dtype=np.float64), 8, "float32"),
        (np.zeros((4, 6), dtype=np.float32), 8, "float32"),
        (np.zeros(8, dtype=np.float32), 8, "float32"),
        (np.asfortranarray(np.zeros((4, 8), dtype=np.float32)), 8, "float32"),
    ],
)
def test_files_that_are_not_such_a_table_are_refused(
    tmp_path: Path, array: np.ndarray, dim: int, problem: str
) -> None:
    path = tmp_path / "t.npy"
    np.save(path, array)
    with pytest.raises(ValueError, match=problem):
        RowTable(path, dim)


def test_a_cut_short_file_is_refused(table: tuple[np.ndarray, Path]) -> None:
    path = table[1]
    path.write_bytes(path.read_bytes()[:-4])
    with pytest.raises(ValueError, match="cut short"):
        RowTable(path, 8)
