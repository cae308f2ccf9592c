"""Abstention, dedup and date logic are pure functions."""

from __future__ import annotations

import pytest

from corpus.models import SourceMeta
from corpus.script import query_language
from index.abstain import ANSWER_WINDOW, Thresholds, coverage, decide, idf, supports
from index.dedup import group_duplicates, jaccard, shingles
from index.types import Filters

T = Thresholds(dense=0.6, coverage=0.7, dense_floor=0.2, combined=1.1, hit_dense=0.5, hit_coverage=0.5)


@pytest.mark.parametrize(
    ("dense", "cov", "expected"),
    [
        (0.65, 0.0, True),  # dense alone
        (0.3, 0.8, True),  # coverage with the dense floor
        (0.1, 0.9, False),  # coverage but dense below the floor
        (0.5, 0.6, True),  # combined 1.1
        (0.5, 0.5, False),  # nothing suffices
    ],
)
def test_supports(dense: float, cov: float, expected: bool) -> None:
    assert supports(dense, cov, T) is expected


def test_decide_answers_from_a_strong_candidate_and_shows_only_passages_over_the_bars() -> None:
    scores = [(0.3, 0.2), (0.65, 0.1), (0.52, 0.0), (0.1, 0.55), (0.2, 0.1)]
    assert decide(scores, T, k=5) == (True, [1, 2, 3])
    assert decide(scores, T, k=2) == (True, [1, 2])


def test_decide_abstains_without_strong_candidate_in_the_window() -> None:
    weak = [(0.45, 0.45)] * 3
    assert decide(weak, T, k=5) == (False, [])
    late = [(0.1, 0.1)] * ANSWER_WINDOW + [(0.9, 0.9)]
    assert decide(late, T, k=5) == (False, [])
    assert decide([], T, k=5) == (False, [])


def test_coverage_weights_rare_terms_and_counts_unknown_ones() -> None:
    df = {"refuge": 50, "tumen": 1}
    full = coverage(["refuge", "tumen"], {"refuge", "tumen"}, df, 100)
    rare_only = coverage(["refuge", "tumen"], {"tumen"}, df, 100)
    common_only = coverage(["refuge", "tumen"], {"refuge"}, df, 100)
    assert full == pytest.approx(1.0)
    assert rare_only > 0.5 > common_only
    # a term the collection never uses still weighs on the question
    assert coverage(["refuge", "zebra"], {"refuge"}, df, 100) < 0.5
    assert coverage([], {"x"}, df, 100) == 0.0


def test_idf_decreases_with_document_frequency() -> None:
    assert idf(1, 100) > idf(10, 100) > idf(90, 100) > 0


def test_query_language() -> None:
    assert query_language("난민의 정의는?") == "ko"
    assert query_language("What is a refugee?") == "en"
    assert query_language("中华人民共和国国籍法") == "zh"


def test_duplicates_grouped_in_rank_order() -> None:
    a = "As many as 2,000 North Koreans were detained in China awaiting deportation."
    b = "As many as 2,000 North Koreans were detained in China awaiting deportation!"
    c = "The Convention defines the term refugee."
    assert group_duplicates([a, c, b]) == [[0, 2], [1]]
    assert jaccard(shingles(a), shingles(b)) == 1.0
    assert group_duplicates([]) == []


@pytest.mark.parametrize(
    ("date", "lo", "hi", "inside"),
    [
        ("2025", "2025-06-01", None, True),
        ("2025", None, "2024-12-31", False),
        ("2014-08-31", "2014", "2014", True),
        ("2014-08-31", "2014-08-31", "2014-08-31", True),
        ("2014-08-31", "2014-09", None, False),
        (None, "2000", None, False),
        ("2023-10", "2023-10-15", "2023-10-20", True),
    ],
)
def test_date_overlap(date: str | None, lo: str | None, hi: str | None, inside: bool) -> None:
    assert Filters(date_from=lo, date_to=hi).admits(SourceMeta(title="t", date=date), "s") is inside
