"""Fusion functions: hand-computed cases and properties (pure, deterministic, complete)."""

from __future__ import annotations

import copy
import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.fusion import (
    FusionConfig,
    FusionMode,
    convex_fusion,
    fuse,
    minmax_normalize,
    rrf_fusion,
    zscore_fusion,
    zscore_normalize,
)

DENSE = [(1, 0.9), (2, 0.7), (3, 0.5)]
LEXICAL = [(3, 10.0), (4, 4.0)]


def _close(a: list[tuple[int, float]], b: list[tuple[int, float]]) -> None:
    assert [r for r, _ in a] == [r for r, _ in b]
    for (_, x), (_, y) in zip(a, b, strict=True):
        assert math.isclose(x, y, abs_tol=1e-9)


def test_zscore_hand_computed() -> None:
    z = math.sqrt(1.5)  # (0.9 - 0.7) / population std 0.1633 = 1.2247
    expected = [(1, 0.5 * z - 0.5), (3, -0.5 * z + 0.5), (2, -0.5), (4, -0.5 * z - 0.5)]
    _close(zscore_fusion([DENSE, LEXICAL], [0.5, 0.5]), expected)


def test_rrf_hand_computed() -> None:
    expected = [(3, 1 / 63 + 1 / 61), (1, 1 / 61), (2, 1 / 62), (4, 1 / 62)]  # tie 2/4 by row id
    _close(rrf_fusion([DENSE, LEXICAL], [1.0, 1.0], k=60), expected)


def test_convex_hand_computed() -> None:
    expected = [(1, 0.5), (3, 0.5), (2, 0.25), (4, 0.0)]
    _close(convex_fusion([DENSE, LEXICAL], [0.5, 0.5]), expected)


def test_normalizers() -> None:
    assert zscore_normalize([]) == {}
    assert zscore_normalize([(5, 2.0), (6, 2.0)]) == {5: 0.0, 6: 0.0}
    assert minmax_normalize([(5, 2.0)]) == {5: 1.0}
    assert minmax_normalize([(1, 3.0), (2, 1.0), (3, 2.0)]) == {1: 1.0, 2: 0.0, 3: 0.5}


def test_one_empty_run_keeps_the_other_order() -> None:
    for f in (zscore_fusion, convex_fusion):
        assert [r for r, _ in f([DENSE, []], [0.5, 0.5])] == [1, 2, 3]
    assert [r for r, _ in rrf_fusion([[], LEXICAL], [1.0, 1.0])] == [3, 4]
    assert zscore_fusion([[], []], [0.5, 0.5]) == []


def test_weights_must_match_runs() -> None:
    with pytest.raises(ValueError, match="weights"):
        zscore_fusion([DENSE], [0.5, 0.5])


def test_fuse_dispatches_on_mode() -> None:
    _close(fuse(DENSE, LEXICAL, FusionConfig(mode="zscore")), zscore_fusion([DENSE, LEXICAL], [0.5, 0.5]))
    _close(fuse(DENSE, LEXICAL, FusionConfig(mode="convex")), convex_fusion([DENSE, LEXICAL], [0.5, 0.5]))
    _close(
        fuse(DENSE, LEXICAL, FusionConfig(mode="rrf", rrf_k=10, dense_weight=0.3)),
        rrf_fusion([DENSE, LEXICAL], [0.3, 0.7], k=10),
    )


def test_config_validation() -> None:
    with pytest.raises(ValueError, match="mode"):
        FusionConfig(mode="sum")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dense_weight"):
        FusionConfig(dense_weight=1.5)
    with pytest.raises(ValueError, match="depth"):
        FusionConfig(depth=0)


_run = st.lists(
    st.tuples(st.integers(0, 30), st.floats(-100, 100, allow_nan=False)),
    max_size=15,
    unique_by=lambda x: x[0],
).map(lambda run: sorted(run, key=lambda rs: -rs[1]))


@given(dense=_run, lexical=_run, weight=st.floats(0, 1), mode=st.sampled_from(["zscore", "rrf", "convex"]))
def test_fusion_properties(
    dense: list[tuple[int, float]], lexical: list[tuple[int, float]], weight: float, mode: str
) -> None:
    config = FusionConfig(mode=mode, dense_weight=weight)  # type: ignore[arg-type]
    before = copy.deepcopy((dense, lexical))
    fused = fuse(dense, lexical, config)
    assert (dense, lexical) == before  # pure: inputs untouched
    assert fuse(dense, lexical, config) == fused  # deterministic
    assert sorted(r for r, _ in fused) == sorted({r for r, _ in dense} | {r for r, _ in lexical})
    keys = [(-s, r) for r, s in fused]
    assert keys == sorted(keys)  # best first, ties by row id


@given(dense=_run)
def test_full_weight_on_one_run_keeps_its_order(dense: list[tuple[int, float]]) -> None:
    scores = [s for _, s in dense]
    distinct = all(a - b > 1e-3 for a, b in itertools.pairwise(scores))
    modes: tuple[FusionMode, ...] = ("zscore", "convex", "rrf")
    for mode in modes:
        fused = fuse(dense, [(99, 1.0)], FusionConfig(mode=mode, dense_weight=1.0))
        order = [r for r, _ in fused if r != 99]
        if distinct:
            assert order == [r for r, _ in dense]
