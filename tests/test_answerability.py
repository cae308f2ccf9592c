"""The answerability model: logistic fit, decisions, its stored form, and the explanation it yields."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.answerability import (
    ANSWER_WINDOW,
    DOUBTFUL_P,
    DOUBTFUL_Q,
    FEATURES,
    LIKELY_BAR,
    MIN_ANSWER_P,
    QUESTION_FEATURES,
    RIVAL_P,
    TRANSLATED_WINDOW,
    TREE_FEATURES,
    AnswerModel,
    Logistic,
    Trees,
    answer_floor,
    answer_model_for,
    family_of,
    fit_logistic,
    has_digit,
    in_window,
    question_features,
    rival_p,
    translated_window,
    tree_features,
)
from index.embedding.load import auto_model
from index.engine import GroundIndex
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import build, write_corpus


def test_logistic_fit_recovers_a_separating_direction() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] - 2 * x[:, 2] > 0).astype(np.float64)
    w, b, mean, scale = fit_logistic(x, y, l2=0.1)
    assert w[0] > 1 and w[2] < -2 and abs(w[1]) < 0.5 * abs(w[0])
    model = Logistic(tuple(w), b, tuple(mean), tuple(scale))
    assert ((model(x) >= 0.5) == (y == 1)).mean() > 0.97


def _model(answer_bar: float, likely_bar: float, sure: bool = False) -> AnswerModel:
    """Passage probability = sigmoid of the first feature; question probability sigmoid(4 best_p - 2),
    or 0.95 whatever the candidates when `sure` (over `DOUBTFUL_Q`: `MIN_ANSWER_P` is the floor)."""
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    passage = Logistic(tuple([1.0] + [0.0] * (n - 1)), 0.0, tuple([0.0] * n), tuple([1.0] * n))
    question = Logistic(tuple([4.0] + [0.0] * (m - 1)), -2.0, tuple([0.0] * m), tuple([1.0] * m))
    if sure:
        question = Logistic(tuple([0.0] * m), 3.0, tuple([0.0] * m), tuple([1.0] * m))
    return AnswerModel("test", passage, question, {"*": answer_bar}, likely_bar)


def test_decide_shows_the_k_most_probable_eligible_passages_and_never_an_ineligible_one() -> None:
    x = np.zeros((5, len(FEATURES)))
    x[:, 0] = [0.5, 3.0, 2.0, -3.0, 1.0]  # the "dense" column drives the passage probabilities here
    model = _model(0.5, 0.5)
    answered, shown, p, q = model.decide(x, [True, True, False, True, True], "en", k=3)
    assert answered and shown == [1, 4, 0] and q > 0.5  # 2 is ineligible; 3 is the least probable
    assert p[1] > p[4] > p[0] > p[3]
    assert model.decide(x, [True, True, False, True, True], "en", k=5)[1] == [1, 4, 0, 3]
    assert _model(0.99, 0.5).decide(x, [True] * 5, "en", k=5)[:2] == (False, [])
    assert model.decide(x, [False] * 5, "en", k=5)[:2] == (False, [])


def test_a_question_whose_eligible_candidates_are_all_improbable_or_far_down_is_not_answered() -> None:
    """Whatever the question profile, no answer is made of rank 20-40 fill: an eligible candidate
    among the top ANSWER_WINDOW must be at least MIN_ANSWER_P probable."""
    n = ANSWER_WINDOW + 5
    x = np.zeros((n, len(FEATURES)))
    x[:, 0] = -3.0  # passage probabilities ~0.047
    model = _model(0.0, 0.5, sure=True)  # every question profile passes the answer bar
    eligible = [False] * ANSWER_WINDOW + [True] * 5
    x[ANSWER_WINDOW:, 0] = 3.0  # probable, but below the window
    assert model.decide(x, eligible, "en", k=5)[:2] == (False, [])
    x[0, 0] = np.log(MIN_ANSWER_P / 2)  # in the window, eligible, but under the floor
    assert model.decide(x, [True, *eligible[1:]], "en", k=5)[:2] == (False, [])
    x[0, 0] = np.log(MIN_ANSWER_P * 3)
    answered, shown, _, _ = model.decide(x, [True, *eligible[1:]], "en", k=6)
    assert answered and shown[-1] == 0  # the least probable of those shown


def test_a_doubtful_question_needs_a_candidate_probable_enough() -> None:
    """Under DOUBTFUL_Q, the question is answered only when a candidate that may carry the decision is
    DOUBTFUL_P probable; over it, MIN_ANSWER_P is enough."""
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = np.log((MIN_ANSWER_P + DOUBTFUL_P) / 2)  # between the two floors
    eligible = [True] * 3
    low = _model(0.0, 0.5)  # q = sigmoid(4 p - 2): far under DOUBTFUL_Q
    answered, _, _, q = low.decide(x, eligible, "en", k=3)
    assert q < DOUBTFUL_Q and not answered
    answered, shown, _, q = _model(0.5, 0.5, sure=True).decide(x, eligible, "en", k=3)
    assert q > DOUBTFUL_Q and answered and len(shown) == 3
    assert answer_floor(0.0) == MIN_ANSWER_P and answer_floor(0.4) == LIKELY_BAR
    # the ranker's probability counts too: a candidate the passage model finds unlikely but the
    # ranker likely carries a doubtful question
    p = np.array([0.02, 0.05, 0.001])
    assert low.doubtful(0.5, p, p, eligible)
    assert not low.doubtful(0.5, p, np.array([0.02, 0.3, 0.001]), eligible)
    assert low.doubtful(0.5, p, np.array([0.02, 0.3, 0.001]), [True, False, True])  # not eligible
    assert not low.doubtful(DOUBTFUL_Q, p, p, eligible)  # not doubtful


def test_the_top_of_a_translated_run_counts_with_the_first_candidates_wherever_it_was_fused() -> None:
    """An answer in another language ranks low in the fused list but first in the run of the
    question's terms translated into its language: marked by `window`, it carries the decision (and
    the question's profile) as if it stood among the top ANSWER_WINDOW; unmarked, it does not."""
    n = ANSWER_WINDOW + 15
    x = np.zeros((n, len(FEATURES)))
    x[:, 0] = -8.0  # passage probabilities ~0.0003: under MIN_ANSWER_P
    x[ANSWER_WINDOW + 10, 0] = 2.0  # the translated run's first, 20th fused
    model = _model(0.4, 0.5)
    eligible = [True] * n
    window = [False] * n
    assert model.decide(x, eligible, "en", k=5)[:2] == (False, [])
    window[ANSWER_WINDOW + 10] = True
    answered, shown, _, q = model.decide(x, eligible, "en", k=5, window=window)
    assert answered and shown[0] == ANSWER_WINDOW + 10 and q > 0.4
    profile = question_features(x, model.probabilities(x), eligible, window=window)[0]
    assert profile[0] == pytest.approx(model.probabilities(x)[ANSWER_WINDOW + 10])
    assert model.decide(x, [*eligible[:-5], False, *eligible[-4:]], "en", k=5, window=window)[0] is False
    assert in_window(n, window) == [*range(ANSWER_WINDOW), ANSWER_WINDOW + 10]
    assert in_window(4, None) == [0, 1, 2, 3]


def test_a_likely_candidate_lacking_a_key_fact_raises_the_floor_for_the_rest() -> None:
    """The likeliest candidate looks like the answer but lacks the country asked (ineligible): the
    eligible rest answer only from LIKELY_BAR, not MIN_ANSWER_P; without that rival they answer."""
    x = np.zeros((4, len(FEATURES)))
    rival, fill = RIVAL_P + 0.1, (MIN_ANSWER_P + LIKELY_BAR) / 2
    x[:, 0] = np.log([rival / (1 - rival), fill / (1 - fill), 0.001, 0.001])  # logits of those p
    model = _model(0.0, 0.5, sure=True)  # every question profile passes the answer bar
    eligible = [False, True, True, True]
    p = model.probabilities(x)
    assert rival_p(p, eligible) == pytest.approx(rival)
    assert model.decide(x, eligible, "en", k=3)[:2] == (False, [])
    # a weaker rival leaves the floor where it was: the fill answers
    x[0, 0] = np.log((RIVAL_P - 0.1) / (1 - RIVAL_P + 0.1))
    assert rival_p(model.probabilities(x), eligible) == 0.0
    assert model.decide(x, eligible, "en", k=3)[:2] == (True, [1, 2, 3])
    # a rival outside the window counts for nothing, unless the window takes it in
    far = np.zeros((ANSWER_WINDOW + 2, len(FEATURES)))
    far[:, 0] = np.log(fill / (1 - fill))
    far[ANSWER_WINDOW + 1, 0] = np.log(rival / (1 - rival))
    late = [True] * (ANSWER_WINDOW + 1) + [False]
    assert model.decide(far, late, "en", k=3)[0] is True
    marked = [False] * (ANSWER_WINDOW + 1) + [True]
    assert model.decide(far, late, "en", k=3, window=marked)[:2] == (False, [])


def test_the_translated_window_is_the_first_of_each_translated_run() -> None:
    class G:
        def __init__(self, rank: int | None) -> None:
            self.translated_rank = rank

    ranks = [None, 1, TRANSLATED_WINDOW, TRANSLATED_WINDOW + 1, None]
    assert translated_window([G(r) for r in ranks]) == [False, True, True, False, False]


def test_the_question_reads_whether_its_first_candidate_holds_every_key_fact() -> None:
    """A specific question, whose facts only its first passage holds, is not read as unanswerable for
    having few eligible candidates: `first_eligible` is 1 whatever the others are."""
    x = np.zeros((4, len(FEATURES)))
    p = np.array([0.6, 0.2, 0.1, 0.1])
    column = QUESTION_FEATURES.index("first_eligible")
    only_first = question_features(x, p, [True, False, False, False])[0, column]
    all_of_them = question_features(x, p, [True, True, True, True])[0, column]
    not_first = question_features(x, p, [False, True, True, True])[0, column]
    assert only_first == all_of_them == 1.0 and not_first == 0.0
    assert question_features(np.zeros((0, len(FEATURES))), np.zeros(0), [])[0, column] == 0.0


def test_the_question_profile_may_read_another_eligibility_than_what_may_be_shown() -> None:
    """`decide(profile=...)`: the question's profile (here its first candidate's eligibility) reads
    `profile`, while only `eligible` candidates answer and show."""
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [2.0, 1.0, 0.0]
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    first = QUESTION_FEATURES.index("first_eligible")
    question = Logistic(
        tuple(4.0 if j == first else 0.0 for j in range(m)), -2.0, tuple([0.0] * m), tuple([1.0] * m)
    )
    passage = Logistic(tuple([1.0] + [0.0] * (n - 1)), 0.0, tuple([0.0] * n), tuple([1.0] * n))
    model = AnswerModel("test", passage, question, {"*": 0.5}, 0.5)
    eligible = [False, True, True]
    assert model.decide(x, eligible, "en", k=5)[:2] == (False, [])  # first candidate ineligible
    answered, shown, _, q = model.decide(x, eligible, "en", k=5, profile=[True, True, True])
    assert answered and q > 0.5 and shown == [1, 2]  # the first still never shows


def test_the_first_passage_and_those_over_the_likely_bar_are_marked_likely() -> None:
    p = np.array([0.2, 0.9, 0.55, 0.05])
    assert _model(0.5, 0.5).likely(p, [1, 2, 0, 3]) == [True, True, False, False]
    assert _model(0.5, 0.95).likely(p, [1, 2]) == [True, False]  # the first always is
    assert _model(0.5, 0.5).likely(p, [0, 3]) == [True, False]  # even under the bar
    assert _model(0.5, 0.5).likely(p, []) == []


def test_a_stored_model_round_trips_and_refuses_other_features() -> None:
    model = _model(0.4, 0.1)
    again = AnswerModel.from_json("test", model.to_json())
    assert again == model
    bad = {**model.to_json(), "features": ["dense"]}
    with pytest.raises(ValueError, match="other features"):
        AnswerModel.from_json("test", bad)


def test_a_ranker_orders_what_is_shown_and_the_deciding_model_decides() -> None:
    x = np.zeros((4, len(FEATURES)))
    x[:, 0] = [3.0, 2.0, 1.0, 0.0]  # "dense" drives the deciding model
    x[:, FEATURES.index("translated_rank")] = [0.0, 0.0, 0.0, 1.0]
    n = len(FEATURES)
    weights = [0.0] * n
    weights[FEATURES.index("translated_rank")] = 5.0
    ranker = Logistic(tuple(weights), 0.0, tuple([0.0] * n), tuple([1.0] * n))
    plain = _model(0.5, 0.9)
    ranked = replace(plain, ranker=ranker)
    answered, shown, p, q = ranked.decide(x, [True] * 4, "en", k=2)
    assert answered and shown == [3, 0]  # the ranker puts the translated run's first passage first
    assert p[3] > p[0] and q == plain.decide(x, [True] * 4, "en", k=2)[3]  # the decision is the same
    assert ranked.likely(p, shown) == [True, False]  # by the ranker's probabilities (0.99, 0.5)
    assert replace(_model(0.99, 0.5), ranker=ranker).decide(x, [True] * 4, "en", k=2)[:2] == (False, [])
    again = AnswerModel.from_json("test", ranked.to_json())
    assert again == ranked and "ranker" not in plain.to_json()


def test_one_passage_the_ranker_is_sure_of_answers_a_question_the_profile_refuses() -> None:
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [0.0, -1.0, -2.0]  # "dense" drives the deciding model: at most 0.5
    col = FEATURES.index("sense_coverage")
    x[:, col] = [0.0, 3.0, 0.0]  # the second passage holds the question's terms in translation
    n = len(FEATURES)
    weights = [0.0] * n
    weights[col] = 1.0
    ranker = Logistic(tuple(weights), 0.0, (0.0,) * n, (1.0,) * n)  # 0.95 for it, 0.5 for the others
    refusing = replace(_model(0.99, 0.05), ranker=ranker)
    assert refusing.ranker_bar == 1.0 and refusing.decide(x, [True] * 3, "en", k=2)[:2] == (False, [])
    answered, shown, p, q = replace(refusing, ranker_bar=0.9).decide(x, [True] * 3, "en", k=2)
    assert answered and shown[0] == 1 and p[1] == pytest.approx(1 / (1 + np.exp(-3.0))) and q < 0.99
    # not when that passage lacks a key fact of the question, nor over the bar by the others' 0.5
    assert replace(refusing, ranker_bar=0.9).decide(x, [True, False, True], "en", k=2)[:2] == (False, [])
    # nor beyond the top ANSWER_WINDOW candidates
    far = np.zeros((ANSWER_WINDOW + 1, len(FEATURES)))
    far[-1, col] = 3.0
    assert replace(refusing, ranker_bar=0.9).decide(far, [True] * len(far), "en", k=2)[0] is False
    # a bar of 1.0 is off, even for a passage whose clipped logit reads as exactly 1.0
    n_ = len(FEATURES)
    certain = Logistic((0.0,) * n_, 60.0, (0.0,) * n_, (1.0,) * n_)
    assert float(certain(x)[0]) == 1.0
    assert replace(refusing, ranker=certain).decide(x, [True] * 3, "en", k=2)[0] is False
    assert replace(_model(0.99, 0.05), passage=certain).decide(x, [True] * 3, "en", k=2)[0] is False
    # without a ranker the bar does nothing; it is stored with the ranker
    assert replace(_model(0.99, 0.05), ranker_bar=0.1).decide(x, [True] * 3, "en", k=2)[0] is False
    stored = replace(refusing, ranker_bar=0.9)
    assert stored.to_json()["ranker_bar"] == 0.9 and AnswerModel.from_json("test", stored.to_json()) == stored
    older = {k: v for k, v in stored.to_json().items() if k != "ranker_bar"}
    assert AnswerModel.from_json("test", older).ranker_bar == 1.0  # fitted before it existed: never


def test_the_explanation_says_when_one_passage_alone_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    idx = GroundIndex.open(tmp_path / "data", emb)
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    sure = Logistic((0.0,) * n, 5.0, (0.0,) * n, (1.0,) * n)  # every passage 0.99
    doubtful = Logistic((0.0,) * m, -5.0, (0.0,) * m, (1.0,) * m)  # every question 0.01
    model = AnswerModel("test", sure, doubtful, {"*": 0.5}, 0.05, ranker=sure, ranker_bar=0.9)
    monkeypatch.setattr(idx, "_answer_model", model)
    answer = idx.search(Query("Where may refugees not be returned?", explain=True))
    assert answer.answered and answer.explanation is not None
    assert ("ranker", 0.9) in answer.explanation.bars
    assert "under the answer bar, but that passage alone is 0.99 likely" in answer.explanation.reason
    monkeypatch.setattr(idx, "_answer_model", replace(model, ranker_bar=1.0))
    refused = idx.search(Query("Where may refugees not be returned?", explain=True))
    assert not refused.answered and refused.explanation is not None
    assert "ranker" not in dict(refused.explanation.bars)


def test_a_model_fitted_before_a_feature_existed_reads_the_others() -> None:
    names = tuple(f for f in FEATURES if f not in ("dense_gap", "translated_rank"))
    m, d = len(QUESTION_FEATURES), len(names)
    weights = [0.0] * d
    weights[names.index("coverage")] = 1.0
    passage = Logistic(tuple(weights), 0.0, (0.0,) * d, (1.0,) * d)
    question = Logistic(tuple([4.0] + [0.0] * (m - 1)), -2.0, (0.0,) * m, (1.0,) * m)
    older = AnswerModel("test", passage, question, {"*": 0.5}, 0.5, features=names)
    x = np.zeros((2, len(FEATURES)))
    x[:, FEATURES.index("coverage")] = [1.0, -2.0]
    x[:, FEATURES.index("dense_gap")] = [7.0, 7.0]  # not read
    x[:, FEATURES.index("translated_rank")] = [9.0, 0.0]  # not read
    expected = 1.0 / (1.0 + np.exp(-np.array([1.0, -2.0])))
    assert older.probabilities(x).tolist() == pytest.approx(expected.tolist())
    assert AnswerModel.from_json("test", older.to_json()) == older
    for bad in ([*names, "no_such_feature"][1:], [*names[:-1], names[0]], [*names, "translated_rank"]):
        with pytest.raises(ValueError, match="other features"):
            AnswerModel.from_json("test", {**older.to_json(), "features": bad})


def test_malformed_stored_models_are_refused_and_a_bad_ranker_is_left_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    n = len(FEATURES)
    ranker = Logistic((1.0,) * n, 0.0, (0.0,) * n, (1.0,) * n)
    good = replace(_model(0.5, 0.5), ranker=ranker).to_json()
    passage = good["passage"]
    for bad_passage in (
        {**passage, "mean": [0.0]},  # lengths differ
        {**passage, "scale": [0.0] * n},  # a scale of 0
        {**passage, "weights": [float("nan")] * n},
    ):
        with pytest.raises(ValueError):
            AnswerModel.from_json("test", {**good, "passage": bad_passage})
    question = good["question"]
    with pytest.raises(ValueError, match="other features"):
        AnswerModel.from_json(
            "test", {**good, "question": {**question, "weights": [1.0], "mean": [0.0], "scale": [1.0]}}
        )
    for bad in (
        {**good, "ranker": {**good["ranker"], "mean": [0.0]}},
        {k: v for k, v in good.items() if k != "ranker_features"},
        {**good, "ranker_bar": 0.0},
        {**good, "ranker_bar": 1.5},
        {**good, "ranker_bar": "high"},
    ):
        with caplog.at_level("WARNING", logger="index.answerability"):
            loaded = AnswerModel.from_json("test", bad)
        assert loaded.ranker is None and loaded.passage == _model(0.5, 0.5).passage
    assert "ignoring the ranker" in caplog.text


def test_fitted_models_ship_for_both_default_models() -> None:
    assert family_of("multilingual-e5-small-q4@abc/fp32") == "e5"
    assert family_of("sentence-transformers/all-MiniLM-L6-v2") == "minilm"
    for fingerprint in ("multilingual-e5-small-q4@abc/fp32", "sentence-transformers/all-MiniLM-L6-v2"):
        model = answer_model_for(fingerprint)
        assert model is not None and "fit" in model.provenance
    e5 = answer_model_for("multilingual-e5-small-q4@abc/fp32")
    assert e5 is not None and e5.ranker is not None and "translated_rank" in e5.ranker_features
    assert "translated_rank" not in e5.features  # the deciding model predates it
    assert e5.question_trees is not None and 0.0 < e5.answer_bar["*"] < 1.0  # bench/answerability.py --trees
    assert answer_model_for("fake-64") is None


def test_auto_picks_minilm_for_english_and_e5_as_soon_as_another_language_is_there() -> None:
    assert auto_model({"en"}) == auto_model({"en", "und"}) == ""
    assert auto_model({"en", "ko"}) == auto_model({"zh"}) == "multilingual-e5-small"


def test_explain_says_why_and_lists_every_candidate(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    idx = GroundIndex.open(tmp_path / "data", emb)
    answer = idx.search(Query("How many North Koreans were detained in China in 2023?", explain=True))
    e = answer.explanation
    assert e is not None and e.method == "thresholds" and e.reason.startswith(("answered", "refused"))
    assert "mani" in e.dropped and "detain" in e.terms
    assert [c.shown for c in e.candidates].count(True) == len(answer.shown)
    assert {c.passage_id for c in e.candidates if c.shown} == {h.passage.id for h in answer.shown}
    assert idx.search(Query("How many North Koreans were detained?")).explanation is None
    refused = idx.search(Query("What did Kim Eun-joo say to the court?", explain=True))
    assert not refused.answered and refused.explanation is not None
    assert "Kim Eun-joo" in refused.explanation.reason or "refused" in refused.explanation.reason


# decimal, Arabic-Indic, superscript, circled, mathematical and parenthesised digits among letters
_DIGITISH = st.sampled_from([*"ab 가中1٣²①⑩𝟙", chr(0x1F10A)])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DIGITISH, max_size=30) | st.text(max_size=30))
def test_has_digit_is_str_isdigit_over_the_text(text: str) -> None:
    assert has_digit(text) == any(ch.isdigit() for ch in text)


def _stump(feature: int, threshold: float, low: float, high: float) -> dict[str, list[float]]:
    """One tree of depth 1: rows with column `feature` <= `threshold` get `low`, the others `high`."""
    return {
        "feature": [feature, 0, 0],
        "threshold": [threshold, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, low, high],
    }


def test_boosted_trees_add_the_leaves_each_row_reaches() -> None:
    deeper = {  # x0 <= 0.5 ? (x1 <= 2 ? 1.0 : 2.0) : 3.0
        "feature": [0, 1, 0, 0, 0],
        "threshold": [0.5, 2.0, 0.0, 0.0, 0.0],
        "left": [1, 3, -1, -1, -1],
        "right": [2, 4, -1, -1, -1],
        "value": [0.0, 0.0, 3.0, 1.0, 2.0],
    }
    trees = Trees.from_arrays(-1.0, [_stump(1, 0.0, -0.5, 0.5), deeper], 2)
    x = np.array([[0.0, -1.0], [0.0, 5.0], [0.9, 1.0], [0.5, 2.0]])
    logits = np.array([-1.0 - 0.5 + 1.0, -1.0 + 0.5 + 2.0, -1.0 + 0.5 + 3.0, -1.0 + 0.5 + 1.0])
    assert np.allclose(trees(x), 1.0 / (1.0 + np.exp(-logits)))  # a value equal to the threshold goes left
    assert trees(np.zeros((0, 2))).shape == (0,)
    again = Trees.from_json(trees.to_json(), 2)
    assert np.array_equal(again(x), trees(x)) and again.to_json() == trees.to_json()


@pytest.mark.parametrize(
    "tree",
    [
        {**_stump(0, 0.5, 0.0, 1.0), "left": [3, -1, -1]},  # a child out of range
        {**_stump(2, 0.5, 0.0, 1.0)},  # a feature the rows do not have
        {**_stump(0, 0.5, 0.0, 1.0), "value": [0.0, float("inf"), 1.0]},
        {**_stump(0, 0.5, 0.0, 1.0), "threshold": [0.5, 0.0]},  # lists of other lengths
        {**_stump(0, 0.5, 0.0, 1.0), "right": [-1, -1, -1]},  # a node with one child
        {**_stump(0, 0.5, 0.0, 1.0), "left": [0, -1, -1]},  # a node that is its own child
        {**_stump(0, 0.5, 0.0, 1.0), "feature": [0.7, 0, 0]},  # a feature that is no column
    ],
)
def test_malformed_trees_are_refused(tree: dict[str, list[float]]) -> None:
    with pytest.raises(ValueError):
        Trees.from_arrays(0.0, [tree], 2)


def test_no_trees_or_nodes_not_in_lists_are_refused() -> None:
    with pytest.raises(ValueError):
        Trees.from_arrays(0.0, [], 2)
    with pytest.raises(TypeError):
        Trees.from_arrays(0.0, [{**_stump(0, 0.5, 0.0, 1.0), "threshold": "0.5"}], 2)  # type: ignore[dict-item]


def test_trees_compare_as_float32_as_the_fit_did() -> None:
    # 0.1 as float64 is <= a threshold of 0.1, but as float32 (0.100000001...) it is over it: the fit
    # (scikit-learn) compared float32 rows with its float64 thresholds
    trees = Trees.from_arrays(0.0, [_stump(0, 0.1, -1.0, 1.0)], 1)
    assert trees(np.array([[0.1]]))[0] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert trees(np.array([[0.09]]))[0] == pytest.approx(1 / (1 + np.exp(1.0)))


def test_question_trees_give_the_question_probability_and_round_trip() -> None:
    # one stump over `eligible_in_window`: a question with no eligible candidate in the window is 0.12
    # probable, any other 0.88, whatever the logistic question model says
    count = TREE_FEATURES.index("eligible_in_window")
    trees = Trees.from_arrays(0.0, [_stump(count, 0.5, -2.0, 2.0)], len(TREE_FEATURES))
    model = replace(_model(0.5, 0.05), question_trees=trees)
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [3.0, 0.0, 0.0]
    p = model.probabilities(x)
    assert model.answerable(x, p, [True, True, True], 0.0) == pytest.approx(1 / (1 + np.exp(-2.0)))
    plain = _model(0.5, 0.05).answerable(x, p, [True, True, True], 0.0)
    assert plain != pytest.approx(1 / (1 + np.exp(-2.0)))
    # the profile's eligibility feeds `question_features`, the decision's (`held`) the trees' own count
    assert model.answerable(x, p, [True, True, True], 0.0, held=[False] * 3) == pytest.approx(
        1 / (1 + np.exp(2.0))
    )
    answered, shown, _, q = model.decide(x, [True, True, True], "en", 2)
    assert answered and shown == [0, 1] and q > 0.5
    assert not model.decide(x, [False, False, False], "en", 2)[0]
    stored = replace(model, question_bar={"*": 0.6}).to_json()
    assert stored["tree_features"] == list(TREE_FEATURES)
    again = AnswerModel.from_json("test", stored)
    assert again.question_trees is not None and again.passage == model.passage
    assert again.answerable(x, p, [True] * 3, 0.0) == model.answerable(x, p, [True] * 3, 0.0)
    # the trees keep the logistic model's answer bar beside theirs, and their own doubtful bar
    assert stored["question_answer_bar"] == {"*": 0.6} and again.question_bar == {"*": 0.6}
    assert again.doubtful_q == DOUBTFUL_Q and "question_answer_bar" not in model.to_json()
    lower = AnswerModel.from_json("test", {**stored, "doubtful_q": 0.0})
    assert lower.doubtful_q == 0.0 and not lower.doubtful(0.1, np.zeros(3), np.zeros(3), [True] * 3)
    assert model.doubtful(0.1, np.zeros(3), np.zeros(3), [True] * 3)


def test_bad_question_trees_leave_the_logistic_model_deciding_at_its_own_bars(
    caplog: pytest.LogCaptureFixture,
) -> None:
    count = TREE_FEATURES.index("eligible_in_window")
    trees = Trees.from_arrays(0.0, [_stump(count, 0.5, -2.0, 2.0)], len(TREE_FEATURES))
    good = replace(
        _model(0.45, 0.05), question_trees=trees, question_bar={"*": 0.5}, doubtful_q=0.5
    ).to_json()
    for bad in (
        {**good, "doubtful_q": 1.5},
        {**good, "tree_features": list(TREE_FEATURES[:-1])},
        {**good, "question_trees": {**good["question_trees"], "bias": 1e400}},  # not finite
        {
            **good,
            "question_trees": {"bias": 0.0, "trees": [{**_stump(0, 0.5, 0.0, 1.0), "left": [5, -1, -1]}]},
        },
    ):
        with caplog.at_level("WARNING", logger="index.answerability"):
            loaded = AnswerModel.from_json("test", bad)
        assert loaded.question_trees is None and loaded.answer_bar == {"*": 0.5}
        assert loaded.doubtful_q == DOUBTFUL_Q and loaded.passage == _model(0.5, 0.05).passage
    assert "ignoring the question trees" in caplog.text
    # without the logistic model's own bar stored, the trees still load
    again = AnswerModel.from_json("test", {k: v for k, v in good.items() if k != "question_answer_bar"})
    assert again.question_trees is not None and again.question_bar is None and again.doubtful_q == 0.5


def test_tree_features_read_the_ranker_the_terms_held_and_the_eligible_count() -> None:
    n = len(FEATURES)
    x = np.zeros((ANSWER_WINDOW + 2, n))
    cov, sense = FEATURES.index("coverage"), FEATURES.index("sense_coverage")
    x[0, cov], x[1, sense], x[ANSWER_WINDOW + 1, cov] = 0.4, 0.7, 1.0  # the last is out of the window
    p = np.full(len(x), 0.2)
    ranked = np.linspace(0.9, 0.1, len(x))
    eligible = [False] + [True] * (len(x) - 1)
    row = tree_features(x, p, ranked, eligible, [True] * len(x), 0.0)
    assert row.shape == (1, len(TREE_FEATURES))
    tail = dict(zip(TREE_FEATURES[-3:], row[0, -3:].tolist(), strict=True))
    assert tail == {
        "best_ranked": pytest.approx(ranked[1]),  # the first is not eligible
        "best_support": pytest.approx(0.7),
        "eligible_in_window": ANSWER_WINDOW - 1,
    }
    assert np.array_equal(row[:, : len(QUESTION_FEATURES)], question_features(x, p, [True] * len(x), 0.0))
