"""Misspelt English question terms read as the index term one edit away (index.spelling)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest

from index.analyzer import analyze
from index.engine import GroundIndex
from index.spelling import correct_terms, correctable, edits1
from index.types import Query
from tests.helpers import tiny_index_in


def test_edits1_are_the_four_single_edits() -> None:
    out = edits1("abc")
    assert {"bc", "bac", "abd", "abcd", "xabc"} <= out  # deletion, transposition, replacement, insertions
    assert "abc" not in out and "cab" not in out  # not the word, not two edits
    assert {len(e) for e in edits1("commite")} == {6, 7, 8}


@pytest.mark.parametrize(
    ("term", "read"),
    [
        ("commite", True),
        ("vietnams", True),
        ("refug", True),
        ("kim", False),
        ("난민신청", False),
        ("2023", False),
        ("non-refoul", False),
        ("Salmón", False),
    ],
)
def test_only_long_lower_case_english_stems_are_read(term: str, read: bool) -> None:
    assert correctable(term) is read


def _lookup(known: Mapping[str, int]) -> tuple[dict[str, int], object]:
    calls: list[list[str]] = []

    def doc_freqs(terms: Iterable[str]) -> Mapping[str, int]:
        asked = list(terms)
        calls.append(asked)
        return {t: known[t] for t in asked if t in known}

    return calls, doc_freqs  # type: ignore[return-value]


def test_an_unknown_term_is_read_as_the_most_frequent_term_one_edit_away() -> None:
    known = {"committe": 40, "commit": 25, "communiti": 7}
    calls, doc_freqs = _lookup(known)
    terms = [analyze("commitee")[0], "cedaw", "recommend"]
    assert terms[0] == "commite"
    df = {"cedaw": 3, "recommend": 12}
    # "commit" (one letter less) and "committe" (one more) are both one edit away; "communiti" is not
    assert correct_terms(terms, df, doc_freqs) == {"commite": "committe"}  # type: ignore[arg-type]
    assert len(calls) == 1  # the known terms are not looked up again
    _, doc_freqs = _lookup({**known, "commit": 90})
    assert correct_terms(terms, df, doc_freqs) == {"commite": "commit"}  # type: ignore[arg-type]


def test_known_terms_names_and_terms_with_no_neighbour_stay() -> None:
    calls, doc_freqs = _lookup({"refuge": 5})
    df = {"refuge": 5}
    assert correct_terms(["refuge", "xylophon", "salmon"], df, doc_freqs, keep=["salmon"]) == {}  # type: ignore[arg-type]
    assert calls == [sorted(edits1("xylophon"))]  # only the unknown term that is no name was looked up


def test_a_misspelt_question_finds_what_the_spelt_one_finds(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    idx: GroundIndex = tiny_index_in(tmp_path_factory, "spelling")
    right = idx.score(Query("North Koreans detained awaiting deportation"))
    wrong = idx.score(Query("North Koreans detaned awaiting deportation"))
    assert "detain" in right.terms and "detain" in wrong.terms and "detan" not in wrong.terms
    assert [g.head.passage.id for g in wrong.groups[:3]] == [g.head.passage.id for g in right.groups[:3]]
