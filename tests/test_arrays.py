"""index.arrays: the sort-based `np.unique` equivalents give numpy's arrays exactly."""

from __future__ import annotations

import numpy as np
import pytest

from index.arrays import sorted_unique, unique_inverse


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint64])
@pytest.mark.parametrize("size", [0, 1, 2, 7, 400])
@pytest.mark.parametrize("high", [3, 5000, 2**31 - 1])
def test_same_as_numpy(dtype: type[np.generic], size: int, high: int) -> None:
    values = np.random.default_rng(size * high).integers(0, high, size).astype(dtype)
    expected = np.unique(values)
    got = sorted_unique(values)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)
    distinct, inverse = unique_inverse(values)
    want_distinct, want_inverse = np.unique(values, return_inverse=True)
    assert distinct.dtype == want_distinct.dtype and np.array_equal(distinct, want_distinct)
    assert np.array_equal(inverse, want_inverse.reshape(-1))
    assert np.array_equal(distinct[inverse], values)
