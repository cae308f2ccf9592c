"""Shingle signatures stored at build time give exactly the per-query near-duplicate groups."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.dedup import (
    Signer,
    containment,
    group_by_pairs,
    group_duplicates,
    near_pairs,
    near_partners,
    shingles,
)
from index.local.backend import _pairs_among

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


def _stored(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Signatures as a snapshot stores them: (keys one row after the other, indptr over rows, per row)."""
    signer = Signer()
    sigs = [signer.signature(t) for t in texts]
    indptr = np.zeros(len(sigs) + 1, dtype=np.int64)
    np.cumsum([s.size for s in sigs], out=indptr[1:])
    keys = np.concatenate(sigs) if sigs else np.zeros(0, dtype=np.uint64)
    return keys, indptr, sigs


@pytest.mark.parametrize("seed", [5, 6])
def test_collection_partners_give_the_per_query_pairs(seed: int) -> None:
    texts = _collection(seed)
    keys, indptr, sigs = _stored(texts)
    partners = near_partners(keys, indptr, limit=10**7)
    assert partners is not None and partners  # the fixture has duplicates to find
    assert set(near_pairs(sigs)) == {(a, b) for a, near in partners.items() for b in near if a < b}
    rng = random.Random(seed)
    for _ in range(200):
        # any rows, repeats included (a row given twice is its own near-duplicate, as near_pairs says)
        rows = [rng.randrange(len(texts)) for _ in range(rng.randint(0, 40))]
        looked_up = _pairs_among(rows, partners, lambda r: bool(indptr[r + 1] > indptr[r]))
        assert sorted(looked_up) == sorted(near_pairs([sigs[r] for r in rows]))


def test_collection_partners_refuse_too_many_shared_keys() -> None:
    keys, indptr, _ = _stored(["same words in every text"] * 30)  # 3 shingles, each held 30 times
    shared = 3 * (30 * 29 // 2)
    found = near_partners(keys, indptr, limit=shared)
    assert found is not None and found[0] == frozenset(range(1, 30))
    assert near_partners(keys, indptr, limit=shared - 1) is None
    # and too many pairs to keep (a heading repeated in every source): 30 copies are 435 pairs
    assert near_partners(keys, indptr, limit=shared, kept=435) is not None
    assert near_partners(keys, indptr, limit=shared, kept=434) is None
    assert near_partners(*_stored(["one"])[:2], limit=0) == {}
    assert near_partners(*_stored(["a b c d", "e f g h"])[:2], limit=0) == {}


def test_a_row_with_many_partners_is_looked_up_among_the_rows_given() -> None:
    """A candidate with more partners than there are candidates walks the candidates instead: the
    same pairs either way."""
    keys, indptr, sigs = _stored(["same words in every text"] * 300 + ["other words here entirely"])
    partners = near_partners(keys, indptr, limit=10**7)
    assert partners is not None and len(partners[0]) == 299
    rows = [0, 300, 5, 7, 0]
    looked_up = _pairs_among(rows, partners, lambda r: bool(indptr[r + 1] > indptr[r]))
    assert sorted(looked_up) == sorted(near_pairs([sigs[r] for r in rows]))


def test_pairs_not_found_at_once_fall_back_to_comparing_signatures(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of memory while finding the collection's pairs: queries compare signatures, and finding
    them is not tried again on every query."""
    from index.local import backend as local_backend
    from index.types import Query
    from tests.helpers import tiny_index_in

    calls = []

    def fail(*args: object, **kwargs: object) -> None:
        calls.append(1)
        raise MemoryError

    monkeypatch.setattr(local_backend, "near_partners", fail)
    idx = tiny_index_in(tmp_path_factory, "partners-fail")
    for _ in range(2):
        assert idx.search(Query("North Koreans detained in China", k=5)).shown
    assert idx.backend.near_partners() is None and calls == [1]  # type: ignore[attr-defined]
