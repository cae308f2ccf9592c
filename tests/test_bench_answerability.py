"""How bench/answerability.py chooses the answer bars: stratified folds, and the best objective
among the bars that keep wrong abstentions under the cap."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from bench.answerability import (
    TREE_BARS,
    WRONG_ABSTENTION_CAP,
    Held,
    Row,
    choose_bars,
    choose_ranker_bar,
    choose_tree_bars,
    fit_trees,
    folds,
    models_json,
)
from index.answerability import (
    DOUBTFUL_Q,
    FEATURES,
    QUESTION_FEATURES,
    TREE_FEATURES,
    AnswerModel,
    Logistic,
    Trees,
)


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


def test_the_ranker_bar_is_chosen_out_of_fold_and_ties_go_to_the_higher_bar() -> None:
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    col = FEATURES.index("sense_coverage")
    weights = [0.0] * n
    weights[col] = 1.0
    ranker = Logistic(tuple(weights), 0.0, (0.0,) * n, (1.0,) * n)
    flat = Logistic((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n)  # every passage 0.5 to the deciding model
    refuse = Logistic((0.0,) * m, -5.0, (0.0,) * m, (1.0,) * m)  # every question 0.01
    model = AnswerModel("test", flat, refuse, {"*": 0.5}, 0.05, ranker=ranker)

    def row(qid: str, answerable: bool, sense: float) -> Row:
        x = np.zeros((2, n))
        x[0, col] = sense  # 0.95 for 3.0, 0.73 for 1.0
        item: dict[str, object] = {"id": qid, "answerable": answerable, "follow_up": False}
        return Row(item, x, np.array([1.0 if answerable else 0.0, 0.0]), [True, True], "ko", 0.0)

    rows = [row(f"ko-{i}", True, 3.0) for i in range(10)] + [row(f"ko-u{i}", False, 1.0) for i in range(5)]
    bar, by_bar = choose_ranker_bar([model] * len(rows), rows)
    # 0.8 and 0.9 both answer the 10 and refuse the 5; 0.5-0.7 answer the 5 too; 1.0 refuses all
    assert (
        by_bar[0.8] == by_bar[0.9] == (10, 0, 5) and by_bar[1.0] == (0, 10, 5) and by_bar[0.5] == (10, 0, 0)
    )
    assert bar == 0.9


def test_fitted_trees_give_scikit_learns_probabilities() -> None:
    from sklearn.ensemble import GradientBoostingClassifier

    from bench.answerability import TREE_PARAMS

    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 4))
    y = ((x[:, 0] > 0.2) ^ (x[:, 1] * x[:, 2] > 0.5)).astype(np.float64)  # not linear: needs the trees
    trees = fit_trees(x, y)
    expected = GradientBoostingClassifier(**TREE_PARAMS).fit(x, y).predict_proba(x)[:, 1]
    assert np.allclose(trees(x), expected, atol=1e-9)
    assert Trees.from_json(trees.to_json(), 4)(x) == pytest.approx(expected, abs=1e-9)
    assert ((trees(x) > 0.5) == (y == 1)).mean() > 0.9


def test_the_tree_bars_refuse_the_most_unanswerable_questions_the_logistic_models_figures_allow() -> None:
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    flat = Logistic((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n)  # every passage 0.5
    plain = AnswerModel("test", flat, Logistic((0.0,) * m, 0.0, (0.0,) * m, (1.0,) * m), {"*": 0.5}, 0.05)
    support = TREE_FEATURES.index("best_support")
    # q = 0.86 for a question whose best passage holds over half its terms, 0.56 for one holding over a
    # fifth of them, else 0.31
    stumps = [
        {
            "feature": [support, 0, 0],
            "threshold": [0.5, 0.0, 0.0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0.0, -0.8, 0.8],
        },
        {
            "feature": [support, 0, 0],
            "threshold": [0.2, 0.0, 0.0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0.0, 0.0, 1.05],
        },
    ]
    model = replace(plain, question_trees=Trees.from_arrays(0.0, stumps, len(TREE_FEATURES)))

    def row(qid: str, answerable: bool, coverage: float) -> Row:
        x = np.zeros((2, n))
        x[0, FEATURES.index("coverage")] = coverage
        item: dict[str, object] = {"id": qid, "answerable": answerable, "follow_up": False}
        return Row(item, x, np.array([1.0 if answerable else 0.0, 0.0]), [True, True], "en", 0.0)

    rows = [row(f"en-{i}", True, 0.9) for i in range(10)]  # q 0.86
    rows += [row(f"en-w{i}", True, 0.3) for i in range(2)]  # q 0.56
    rows += [row(f"en-u{i}", False, 0.3) for i in range(6)]  # q 0.56
    rows += [row(f"en-v{i}", False, 0.1) for i in range(2)]  # q 0.31
    bar, doubtful_q, by_bars = choose_tree_bars([model] * len(rows), rows, (10, 2, 0))
    assert by_bars[(0.3, DOUBTFUL_Q)] == (12, 0, 0) and by_bars[(0.35, 0.5)] == (12, 0, 2)
    assert by_bars[(0.6, 0.0)] == (10, 2, 8) and by_bars[(0.9, DOUBTFUL_Q)] == (0, 12, 8)
    # the most refused among the pairs showing no fewer and refusing no more answerable questions;
    # 0.6 to 0.85 tie, the lowest is taken (every passage is 0.5 probable: none is doubtful)
    assert (bar, doubtful_q) == (0.6, DOUBTFUL_Q)
    assert choose_tree_bars([model] * len(rows), rows, (12, 0, 0))[:2] == (0.35, DOUBTFUL_Q)
    assert choose_tree_bars([model] * len(rows), rows, (13, 0, 0))[:2] == (min(TREE_BARS), DOUBTFUL_Q)


def test_the_doubtful_bar_is_chosen_with_the_answer_bar() -> None:
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    unlikely = Logistic((0.0,) * n, -3.0, (0.0,) * n, (1.0,) * n)  # every passage 0.05: under DOUBTFUL_P
    plain = AnswerModel("test", unlikely, Logistic((0.0,) * m, 0.0, (0.0,) * m, (1.0,) * m), {"*": 0.5}, 0.05)
    support = TREE_FEATURES.index("best_support")
    stump = {
        "feature": [support, 0, 0],
        "threshold": [0.2, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -0.8, 0.25],
    }
    model = replace(plain, question_trees=Trees.from_arrays(0.0, [stump], len(TREE_FEATURES)))

    def row(qid: str, answerable: bool, coverage: float) -> Row:
        x = np.zeros((2, n))
        x[0, FEATURES.index("coverage")] = coverage
        item: dict[str, object] = {"id": qid, "answerable": answerable, "follow_up": False}
        return Row(item, x, np.array([1.0 if answerable else 0.0, 0.0]), [True, True], "en", 0.0)

    rows = [row(f"en-{i}", True, 0.3) for i in range(10)]  # q 0.56, no passage 10% likely: doubtful
    rows += [row(f"en-u{i}", False, 0.1) for i in range(4)]  # q 0.31
    bar, doubtful_q, by_bars = choose_tree_bars([model] * len(rows), rows, (10, 0, 0))
    assert by_bars[(0.45, DOUBTFUL_Q)] == (0, 10, 4) and by_bars[(0.45, 0.5)] == (10, 0, 4)
    # 0.7 and 0.6 refuse the answerable ones as doubtful; 0.5 refuses only the unanswerable ones (0.31),
    # whatever the answer bar: the lowest is taken
    assert (bar, doubtful_q) == (0.3, 0.5)


def test_the_stored_models_keep_each_tree_on_one_line() -> None:
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    flat = Logistic((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, len(TREE_FEATURES)))
    trees = fit_trees(x, (x[:, 0] > 0).astype(np.float64))
    model = AnswerModel("e5", flat, Logistic((0.0,) * m, 0.0, (0.0,) * m, (1.0,) * m), {"*": 0.4}, 0.05)
    data = {"e5": replace(model, question_trees=trees).to_json(), "minilm": model.to_json()}
    text = models_json(data)
    assert json.loads(text) == data
    assert sum('"threshold"' in line for line in text.splitlines()) == len(trees.to_json()["trees"])
    assert AnswerModel.from_json("e5", json.loads(text)["e5"]).question_trees is not None
