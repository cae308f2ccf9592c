"""How bench/answerability.py chooses the answer bars: stratified folds, and the best objective
among the bars that keep wrong abstentions under the cap."""

from __future__ import annotations

import numpy as np

from bench.answerability import WRONG_ABSTENTION_CAP, Held, Row, choose_bars, folds


def _row(qid: str, answerable: bool, language: str) -> Row:
    item: dict[str, object] = {"id": qid, "answerable": answerable, "follow_up": False}
    return Row(item, np.zeros((1, 1)), np.zeros(1), [True], language, 0.0)


def test_folds_deal_each_kind_out_evenly() -> None:
    rows = [_row(f"en-{i}", i % 3 != 0, "en") for i in range(30)]
    rows += [_row(f"ko-{i}", True, "ko") for i in range(10)]
    fold = folds(rows, 5)
    for f in range(5):
        members = [r for r, g in zip(rows, fold, strict=True) if g == f]
        assert len(members) == 8
        assert sum(not r.item["answerable"] for r in members) == 2
        assert sum(r.language == "ko" for r in members) == 2
    assert folds(list(reversed(rows)), 5) == list(reversed(fold))  # by id, not by input order


def test_choose_bars_keeps_wrong_abstentions_under_the_cap() -> None:
    # 45 answerable questions, 3 of them with q 0.62 (refused from bar 0.65); 10 unanswerable with
    # q 0.62, abstained on only from bar 0.65: the plain objective picks 0.65 (+10 abstentions, -3
    # wrong), which refuses 3/45, at the cap, so it stands.
    held = [Held(True, 0.9, 0.1, True, True) for _ in range(42)]
    held += [Held(True, 0.62, 0.1, True, True) for _ in range(3)]
    held += [Held(False, 0.62, 0.1, True, False) for _ in range(10)]
    bar, _, (hits, wrong, abstained) = choose_bars(held)
    assert (bar, hits, wrong, abstained) == (0.65, 42, 3, 10)
    # one more answerable question near the bar: 4/46 refused is over the cap, so a bar under 0.62
    # is chosen (the lowest of the tied ones)
    held.append(Held(True, 0.62, 0.1, True, True))
    assert WRONG_ABSTENTION_CAP < 4 / 46
    bar, _, (hits, wrong, abstained) = choose_bars(held)
    assert (bar, hits, wrong, abstained) == (0.2, 46, 0, 0)


def test_a_strong_passage_answers_under_the_bar() -> None:
    held = [Held(True, 0.3, 0.95, True, True) for _ in range(20)]
    held += [Held(False, 0.3, 0.2, True, False) for _ in range(20)]
    bar, passage_bar, (hits, wrong, abstained) = choose_bars(held)
    assert (hits, wrong, abstained) == (20, 0, 20)
    assert bar > 0.3 and passage_bar <= 0.95
