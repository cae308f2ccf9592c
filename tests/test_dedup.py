"""Near-duplicate pairs computed once at build time give exactly the per-query groups."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.dedup import (
    DuplicateFinder,
    adjacency,
    containment,
    group_by_pairs,
    group_duplicates,
    pairs_within,
    shingles,
)

WORDS = [f"w{i}" for i in range(40)] + ["Défense", "탈북민", "中国", "the", "of"]


def _collection(seed: int, n: int = 300) -> list[str]:
    """Random texts of every length, a third of them edited copies (cut, words swapped) of earlier ones."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(n):
        if texts and rng.random() < 0.35:
            base = rng.choice(texts).split()
            edited = [w if rng.random() > 0.07 else rng.choice(WORDS) for w in base]
            texts.append(" ".join(edited[rng.randint(0, 4) :]))
        else:
            length = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 12, 30, 60])
            texts.append(" ".join(rng.choice(WORDS) for _ in range(length)) + rng.choice(["", ".", " !"]))
    return texts


def _brute_force(texts: list[str]) -> set[tuple[int, int]]:
    sigs = [shingles(t) for t in texts]
    return {
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if containment(sigs[i], sigs[j]) >= 0.8
    }


def _pairs(texts: list[str]) -> set[tuple[int, int]]:
    finder = DuplicateFinder()
    finder.add_many(texts)
    pairs = finder.pairs()
    assert pairs.dtype == np.int64 and (pairs.size == 0 or pairs.shape[1] == 2)
    assert all(a < b for a, b in pairs.tolist())
    return {(a, b) for a, b in pairs.tolist()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pairs_equal_the_pairwise_computation(seed: int) -> None:
    texts = _collection(seed)
    expected = _brute_force(texts)
    assert expected  # the fixture has duplicates to find
    assert _pairs(texts) == expected


def test_hashed_shingle_keys_give_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _collection(7)
    monkeypatch.setattr(DuplicateFinder, "_BITS", 3)  # a "vocabulary" too big to pack: keys are hashed
    assert _pairs(texts) == _brute_force(texts)


@pytest.mark.parametrize("seed", [3, 4])
def test_precomputed_groups_equal_the_per_query_groups(seed: int) -> None:
    texts = _collection(seed)
    finder = DuplicateFinder()
    finder.add_many(texts)
    near = adjacency(finder.pairs(), len(texts))
    rng = random.Random(seed)
    for _ in range(100):
        rows = rng.sample(range(len(texts)), 50)
        expected = group_duplicates([texts[r] for r in rows])
        assert group_by_pairs(len(rows), pairs_within(rows, near)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab c.", max_size=30), max_size=12))
def test_pairs_on_arbitrary_texts(texts: list[str]) -> None:
    assert _pairs(texts) == _brute_force(texts)
    pairs = _brute_force(texts)
    assert group_by_pairs(len(texts), pairs) == group_duplicates(texts)


def test_small_inputs() -> None:
    assert _pairs([]) == set()
    assert _pairs(["only one"]) == set()
    assert _pairs(["", ""]) == {(0, 1)}  # two texts without words are the same quote
    assert group_by_pairs(0, []) == []
    with pytest.raises(ValueError):
        DuplicateFinder(threshold=0.0)
