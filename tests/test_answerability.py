"""The answerability model: logistic fit, decisions, its stored form, and the explanation it yields."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.answerability import (
    FEATURES,
    QUESTION_FEATURES,
    AnswerModel,
    Logistic,
    answer_model_for,
    family_of,
    fit_logistic,
    has_digit,
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


def _model(answer_bar: float, likely_bar: float) -> AnswerModel:
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    passage = Logistic(tuple([1.0] + [0.0] * (n - 1)), 0.0, tuple([0.0] * n), tuple([1.0] * n))
    question = Logistic(tuple([4.0] + [0.0] * (m - 1)), -2.0, tuple([0.0] * m), tuple([1.0] * m))
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


def test_fitted_models_ship_for_both_default_models() -> None:
    assert family_of("multilingual-e5-small-q4@abc/fp32") == "e5"
    assert family_of("sentence-transformers/all-MiniLM-L6-v2") == "minilm"
    for fingerprint in ("multilingual-e5-small-q4@abc/fp32", "sentence-transformers/all-MiniLM-L6-v2"):
        model = answer_model_for(fingerprint)
        assert model is not None and "fit" in model.provenance
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
