"""Shingle signatures stored at build time give exactly the per-query near-duplicate groups."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.dedup import Signer, containment, group_by_pairs, group_duplicates, near_pairs, shingles

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
    signer = Signer()
    sigs = [signer.signature(t) for t in texts]
    for t, sig in zip(texts, sigs, strict=True):
        assert sig.dtype == np.uint64 and sig.size == len(shingles(t))  # one key per distinct shingle
        assert np.all(np.diff(sig.astype(np.float64)) >= 0)
    pairs = near_pairs(sigs)
    assert all(a < b for a, b in pairs) and len(set(pairs)) == len(pairs)
    return set(pairs)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pairs_equal_the_pairwise_computation(seed: int) -> None:
    texts = _collection(seed, 120)
    expected = _brute_force(texts)
    assert expected  # the fixture has duplicates to find
    assert _pairs(texts) == expected


@pytest.mark.parametrize("seed", [3, 4])
def test_stored_signatures_give_the_per_query_groups(seed: int) -> None:
    texts = _collection(seed)
    signer = Signer()
    stored = [signer.signature(t) for t in texts]  # as a build stores them
    rng = random.Random(seed)
    for _ in range(100):
        rows = rng.sample(range(len(texts)), 50)
        expected = group_duplicates([texts[r] for r in rows])
        assert group_by_pairs(len(rows), near_pairs([stored[r] for r in rows])) == expected


def test_signatures_are_stable_across_signers() -> None:
    a, b = Signer(), Signer()
    b.signature("unrelated words first")
    for text in ("North Korean defectors were detained", "two words", ""):
        np.testing.assert_array_equal(a.signature(text), b.signature(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab c.", max_size=30), max_size=12))
def test_pairs_on_arbitrary_texts(texts: list[str]) -> None:
    pairs = _brute_force(texts)
    assert _pairs(texts) == pairs
    assert group_by_pairs(len(texts), pairs) == group_duplicates(texts)


def test_small_inputs() -> None:
    assert _pairs([]) == set()
    assert _pairs(["only one"]) == set()
    assert _pairs(["", ""]) == {(0, 1)}  # two texts without words are the same quote
    assert _pairs(["a b", "a b c"]) == set()  # a short text's one shingle is not a 3-gram
    assert group_by_pairs(0, []) == []
