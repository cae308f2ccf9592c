"""Answerability: how likely each retrieved passage is to answer the question, and the decision.

A logistic model over evidence features of each candidate group (index.engine.Group): its cosine with
the question and the gap to the best one, the IDF-weighted share of the question's terms it holds,
its fused score gap, where the dense and lexical methods ranked it (and the BM25 run of the question's
terms translated into its language), whether it stands in the article the question names, whether it
holds the question's key facts (years, figures, rare names, quoted phrases), whether it is in another
language than the question, and the sizes of passage and question.

    model = answer_model_for(embedder.fingerprint)  # fitted per embedding model (bench/calibrate.py), or None
    x = features(scored)                            # shape (groups, len(FEATURES)), float64
    p = model.probabilities(x)                      # shape (groups,), each in (0, 1)
    answered, shown, p, q = model.decide(x, eligible, scored.language, 5, unknown_share(scored))
    likely = model.likely(p, shown)                 # per shown passage: does it probably answer?

A question is answered when its question probability q (from `QUESTION_FEATURES`, which summarise its
top `ANSWER_WINDOW` candidates and those at the top of a translated run, `TRANSLATED_WINDOW`; read by
the question trees with `TREE_FEATURES` where the model has them) reaches
the answer bar of its language, or when one of those candidates alone reaches `passage_bar` (or, under
the ranker, `ranker_bar`); the k most probable eligible passages are then shown, most probable first
(under the model's ranker when it has one: a passage model fitted later, over every feature, that orders
what is shown while the passage and question models, with the bars, decide whether the question is
answered). The first one, and every other one over `likely_bar` (`LIKELY_BAR`, 0.05), is marked as
likely to answer: those are the answer; the rest are further passages, shown after it as probably not
answers (on the dev set's fit half, showing them puts an answer passage in front of the reader for 6
more of 133 answerable questions). The weights and the answer and passage bars are fitted on the "fit"
half of the domain dev set and reported on the "test" half (bench/README.md); the fitted values live in
`index/answer_models.json` with the figures they were fitted on.
Probabilities are plain numbers in (0, 1), not scores: each passage model is a logistic regression, and
so is the question model, unless the model has boosted trees for the question (`Trees`,
`TREE_FEATURES`: since 2026-12-07 the e5 model's question probability is theirs).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from index.engine import Group, Scored
    from index.question import Constraint

log = logging.getLogger(__name__)

MODELS_FILE = Path(__file__).with_name("answer_models.json")
ANSWER_WINDOW = 10  # how many top candidates may carry the "answered" decision
TRANSLATED_WINDOW = 3
"""A candidate among the first `TRANSLATED_WINDOW` of a BM25 run of the question's terms translated
into another language (`Group.translated_rank`) counts with the top `ANSWER_WINDOW` wherever the
fusion put it. Cross-lingual answers rank low in the fused list (the dense model prefers passages in
the question's language; the question's own BM25 run never finds them), so "2024년 1월부터 7월까지 한국의
난민 인정률은?" had its answer 1st in the English run, 0.6 probable, and 24th fused: refused. Measured
on the sixteen sets' fit halves (2026-12-04): 4 more answer passages shown, 4 fewer answerable questions
refused, 1 more unanswerable question answered (a decree's settlement-payment rule for a question on its
exact 2025 amount); 1, 3, 5 and 10 gave +2, +4, +4 and +4 shown (10: 2 more answered unanswerable). It
is the answer model's window only: the threshold rules of a small collection (`index.abstain`) read the
top `ANSWER_WINDOW` alone. The stored question model was fitted before the window (its features then read
the top ten only); `bench/answerability.py` fits with it."""
MIN_ANSWER_P = 0.001
"""A question is answered only when a candidate among the top `ANSWER_WINDOW` (or the first
`TRANSLATED_WINDOW` of a translated run) that holds its key facts is at least this probable: when every
candidate that would answer lacks the year or figure asked for, what is left to show is rank 20-40 fill
(a Factbook's inflation line for "... in fiscal year 2024"), which a question profile alone must not
turn into an answer. 0.01 from 2026-12-02 (measured out-of-fold on the fit halves of the five question
sets then: 2 more unanswerable questions refused, 1 more answerable one whose answer was not shown
refused); since 2026-12-07 0.001: on the fit halves of the 145 sets (3,457 answerable, 1,333
unanswerable), 0.01 / 0.005 / 0.002 / 0.001 showed an answer passage for 2951 / 2954 / 2955 / 2956,
refused 181 / 177 / 173 / 171 answerable and 1060 / 1059 / 1059 / 1059 unanswerable questions: the
passage models and the key facts have since learnt what the floor was for. (It must stay above 0: at 0
a question whose candidates all lack its key facts passes it, with nothing to show.)"""
DOUBTFUL_Q = 0.7
DOUBTFUL_P = 0.1
"""A question whose probability is under `DOUBTFUL_Q` is answered only when a candidate that may carry
the decision (as for `MIN_ANSWER_P`) is at least `DOUBTFUL_P` probable, by the passage model or by the
ranker (which reads the translated run: a Korean question's answer in English may be 0.02 by the one
and 0.68 by the other): `AnswerModel.doubtful`. The question model reads a profile of the candidates
(how close the best is, in which language, how many of its words the collection knows), and passed
everyday questions ("다음 주 화요일에 제네바에서 인천 가는 직항 있어요?", 0.55: a Refugee Convention
preamble naming Geneva) and questions for a detail the sources never give ("What does the CRS 'China
Primer: Human Rights' say about China's forced repatriation of North Korean refugees?": the primer never
names Korea) with nothing it would show as likely as one in ten. It matters between the answer bar and
`DOUBTFUL_Q` (under the bar, only a passage over the ranker's bar answers, and that clears this floor):
for MiniLM (no ranker), 0.4 to 0.7; for e5, 0.5 to 0.7 until its question trees (2026-12-07), whose own
doubtful bar (`AnswerModel.doubtful_q`, 0.5) was chosen with their answer bar (0.45). Measured with e5
on the fifty-three sets' fit halves (2026-12-06): unanswerable questions refused 404 -> 423 of 533,
answer passages shown 1279 -> 1275 of 1467, answerable questions refused 82 -> 91 (four of the nine had
been answered with other passages); each of the four answers no longer shown is the first or second
related passage the refusal offers. The grid (refused unanswerable, shown, refused answerable): 0.6 and
0.1: 415, 1277, 88; 0.7 and 0.08: 418, 1276, 88; 0.7 and 0.12: 426, 1272, 96; 0.75 and 0.1: 427, 1274,
93; 0.8 and 0.1: 428, 1273, 95; 0.8 and 0.15: 434, 1262, 111; by the passage model alone, 0.7 and 0.03:
412, 1273, 89."""
LIKELY_BAR = 0.05
"""The passage probability over which a shown passage counts as likely to answer. It is the show bar
the models were fitted with before further passages were shown (the lowest value of that fit's
grid, which its objective always picked); a fit cannot choose it now, since counting answers among
all the passages shown does not depend on it. The F1-best bar for the mark is higher (0.3 for e5 on
the fit half) but leaves too few passages for the figures grid (bench/README.md)."""
RIVAL_P = 0.4
"""When a candidate that may carry the decision (`in_window`) is at least this probable but not
eligible (it lacks one of the question's key facts: the year, the country or the name asked), an
eligible candidate answers only when at least `LIKELY_BAR` probable, not `MIN_ANSWER_P`: the passage
that looks like the answer is about something else, and what is left to show is what the model thinks
unlikely ("What trafficking tier did the 2014 CIA World Factbook give South Korea?": North Korea's tier,
0.59, lacks South Korea; the likeliest eligible, the Factbook's list of South Korea's international
organisations, 0.03). Measured on the seventeen sets' fit halves (2026-12-04): unanswerable refused
140 -> 144 of 189, nothing else moved; 0.4 and 0.5 refused 3 and 2 more, 0.25 and 0.2 lost an answer;
a floor of 0.06 or 0.07 for `LIKELY_BAR` refused 5 and 6 more, 0.08 lost an answer. 0.3 until
2026-12-07; then on the 145 sets' fit halves (3,457 answerable, 1,333 unanswerable; `MIN_ANSWER_P`
0.001), 0.2 / 0.3 / 0.4 / 0.5 showed an answer passage for 2954 / 2956 / 2958 / 2958 questions, refused
173 / 171 / 168 / 168 answerable and 1060 / 1059 / 1059 / 1059 unanswerable ones."""


FEATURES = (
    "dense",
    "dense_gap",
    "coverage",
    "missing_rare",
    "fused_gap",
    "in_lexical",
    "lexical_rank",
    "dense_rank",
    "language_rank",
    "rank",
    "in_provision",
    "names_provision",
    "eligible",
    "cross_lingual",
    "cross_language_rank",
    "cross_dense_gap",
    "passage_terms",
    "question_terms",
    "quantity_match",
    "question_ko",
    "translated_rank",
    "sense_coverage",
)
"""The features, in column order. Ranks enter as 1 / (1 + log(rank)); sizes as log(1 + n).
`sense_coverage` (since 2026-12-02) is `coverage` read across languages (`Group.sense_coverage`, its
`coverage` where nothing was translated into the passage's language): a Korean question's terms are
rarely in an English passage, so `coverage` cannot tell the one that holds every one of them in
translation from one that holds none."""

RANKING_ONLY = frozenset({"translated_rank", "sense_coverage"})
"""Features only a ranker reads (`AnswerModel.ranker`): refitting the deciding models with
`translated_rank` found more answer passages but abstained on fewer unanswerable questions on the dev
set's fit half out-of-fold (bench/README.md, 2026-12-01); a full refit with `sense_coverage` as well
lost answers and refused more answerable questions on the test halves than the stored deciding
models (2026-12-02)."""
DECIDING_FEATURES = tuple(f for f in FEATURES if f not in RANKING_ONLY)
"""The features a fit (bench/answerability.py) gives the deciding passage model."""

Matrix = npt.NDArray[np.float64]


_DECIMAL = re.compile(r"\d")


@functools.cache
def _other_digits() -> frozenset[str]:
    """The characters `str.isdigit` accepts that `\\d` does not (superscripts, circled digits...)."""
    return frozenset(ch for c in range(0x110000) if (ch := chr(c)).isdigit() and not _DECIMAL.match(ch))


def has_digit(text: str) -> bool:
    """`any(ch.isdigit() for ch in text)`, with the scan in C (a regex, then a set)."""
    return _DECIMAL.search(text) is not None or not _other_digits().isdisjoint(text)


def _inv_rank(rank: int | None) -> float:
    """1 / (1 + ln(rank)) for a 1-based rank (ranks below 1 count as 1); 0.0 for None."""
    if rank is None:
        return 0.0
    return _INV_RANKS[rank] if 0 <= rank < len(_INV_RANKS) else 1.0 / (1.0 + math.log(max(rank, 1)))


_INV_RANKS = tuple(1.0 / (1.0 + math.log(max(r, 1))) for r in range(512))  # candidate ranks stay < 512


def profile_eligible(groups: Sequence[Group]) -> list[bool]:
    """Per group, whether it holds the question's key facts as the stored answer models' question
    profiles read them (`Constraint.profile`, `index.answer_type.profiled_type`): a duration, an
    amount or a percentage asked for counts as any figure, and a type added since the fit as none. A
    group whose passage holds a figure but no duration ("10명 이내의 이사" for "임기는 몇 년") still
    cannot answer or show; it only keeps the question's profile as it was fitted, so that the first
    candidate missing the finer type does not make an answer passage ranked next look doubtful
    ("국회의원의 임기는 4년으로 한다." at rank 1)."""
    return [all(_profile_holds(c, g) for c in g.missing) for g in groups]


def _profile_holds(c: Constraint, g: Group) -> bool:
    """Whether the question profile counts the missing constraint `c` as held by `g` (see
    `profile_eligible`)."""
    read = c.text if c.profile == "" else c.profile
    return c.kind == "answer" and read != c.text and (read is None or g.head.holds_type(read))


def features(scored: Scored) -> Matrix:
    """The feature matrix of a scored question: one row per candidate group (in `scored.groups` order),
    columns `FEATURES`; float64, shape (len(groups), len(FEATURES)), (0, len(FEATURES)) when there are
    no candidates. Gaps (dense_gap, fused_gap, cross_dense_gap) are <= 0; flags are 0.0 or 1.0."""
    groups = scored.groups
    n = len(groups)
    if not n:
        return np.zeros((0, len(FEATURES)))
    q = scored.analysis
    rarity = sorted(_term_rarity(scored).items(), key=lambda tr: -tr[1])
    # only a question asking for a quantity reads the passages for digits
    quantity = q.asks_quantity
    # the per-candidate values in one pass, one row each (a column per generator cost ~2x as much)
    per = np.array(
        [
            (
                g.dense,
                g.fused,
                g.coverage,
                _missing_rare(rarity, g.held),
                g.lexical_rank is not None,
                _inv_rank(g.lexical_rank),
                _inv_rank(g.dense_rank),
                _inv_rank(g.language_rank + 1),
                _inv_rank(g.rank + 1),
                g.in_provision,
                held,
                g.head.language != scored.language,
                math.log1p(len(g.head.tokens)),
                has_digit(g.head.passage.text) if quantity else False,
                _inv_rank(g.translated_rank),
                g.coverage if g.sense_coverage is None else g.sense_coverage,
            )
            for g, held in zip(groups, profile_eligible(groups), strict=True)
        ],
        dtype=np.float64,
    )
    dense, fused, language_rank, cross = per[:, 0], per[:, 1], per[:, 7], per[:, 11]
    languages = [g.head.language for g in groups]
    best_in_language: dict[str, float] = {}
    for lang, d in zip(languages, dense.tolist(), strict=True):
        best_in_language[lang] = max(best_in_language.get(lang, d), d)
    columns = (
        dense,
        dense - dense.max(),
        per[:, 2],
        per[:, 3],
        fused - fused.max(),
        per[:, 4],
        per[:, 5],
        per[:, 6],
        language_rank,
        per[:, 8],
        per[:, 9],
        np.full(n, 1.0 if q.provisions else 0.0),
        per[:, 10],
        cross,
        cross * language_rank,
        cross * (dense - np.fromiter((best_in_language[lang] for lang in languages), np.float64, n)),
        per[:, 12],
        np.full(n, math.log1p(len(q.terms))),
        per[:, 13],
        np.full(n, 1.0 if scored.language == "ko" else 0.0),
        per[:, 14],
        per[:, 15],
    )
    return np.column_stack(columns)


def _term_rarity(scored: Scored) -> dict[str, float]:
    """Each question term's IDF over the largest IDF any term can have in this collection (computed
    once per question; `_missing_rare` reads it per candidate)."""
    n = max(scored.n_docs, 1)
    top = math.log(1.0 + (n + 0.5) / 0.5)
    rarity = {}
    for t in scored.terms:
        df = scored.df.get(t, 0)
        rarity[t] = math.log(1.0 + (n - df + 0.5) / (df + 0.5)) / top
    return rarity


def _missing_rare(rarity: Sequence[tuple[str, float]], present: AbstractSet[str]) -> float:
    """How rare the rarest question term missing from the passage is (`rarity`: `_term_rarity`'s
    items, rarest first; 0 when the passage holds every question term)."""
    return next((r for t, r in rarity if t not in present), 0.0)


QUESTION_FEATURES = (
    "best_p",
    "second_p",
    "best_dense",
    "best_missing_rare",
    "best_coverage",
    "first_eligible",
    "names_provision",
    "question_ko",
    "question_terms",
    "best_cross_lingual",
    "best_agree",
    "best_full_coverage",
    "unknown_share",
    "unknown_share_squared",
)
"""Features of a whole question, from its candidates' probabilities and features (`question_features`).

`first_eligible` is whether the first candidate holds every key fact of the question. It replaced the
number of eligible candidates among the top `ANSWER_WINDOW` (2026-12-02): a specific question, whose
facts only one passage holds, read as unanswerable by that count, and the audits found its answer
ranked first and refused (bench/README.md). `unknown_share_squared` lets the model tell one unknown
word (a name or a misspelling: 1/5 gives 0.04) from a question most of whose words the collection
never uses (3/4 gives 0.56), which a linear term in the share cannot: off-topic questions ("김치찌개
맛있게 끓이는 법 알려줘", "BTS 멤버 이름 알려줘") were answered without it (2026-12-02)."""

QUESTION_SIGNS = {
    "best_p": 1,
    "second_p": 1,
    "best_dense": 1,
    "best_missing_rare": -1,
    "best_coverage": 1,
    "first_eligible": 1,
    "best_agree": 1,
    "best_full_coverage": 1,
    "unknown_share": -1,
    "unknown_share_squared": -1,
}
"""The direction evidence must push the question model (+1: towards "answerable"). A fitted weight of
the other sign learns a quirk of the dev set (its unanswerable questions were written to hold every
word of a tempting passage) rather than how answers look, so that feature is left out of the fit."""


@dataclass(frozen=True)
class Logistic:
    """A logistic model over standardised features: p = 1 / (1 + exp(-(((x - mean) / scale) . w + b)))."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def __call__(self, x: Matrix) -> npt.NDArray[np.float64]:
        """Probabilities for the rows of `x` (shape (n, d)); shape (n,)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        mean, scale, weights = self._arrays
        z = (x - mean) / scale
        logits = z @ weights + self.bias
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))
        return out

    @functools.cached_property
    def _arrays(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(mean, scale, weights) as arrays, each of shape (d,): made on the first call, not on every
        one (the model is immutable; two threads may both make them, alike)."""
        out = (np.array(self.mean), np.array(self.scale), np.array(self.weights))
        for a in out:
            a.setflags(write=False)  # shared by every thread
        return out

    @classmethod
    def fit(
        cls, x: Matrix, y: npt.NDArray[np.float64], l2: float, signs: Sequence[int] | None = None
    ) -> Logistic:
        """Fit on rows `x` (n, d) and labels `y`; with `signs` (+1, -1 or 0 = free, per column), a
        feature whose weight comes out against its sign is dropped (weight 0) and the rest refitted."""
        keep = np.ones(x.shape[1], dtype=bool)
        while True:
            w, b, mean, scale = fit_logistic(x[:, keep], y, l2=l2)
            full_w = np.zeros(x.shape[1])
            full_w[keep] = w
            wrong = [
                j for j in range(x.shape[1]) if signs is not None and keep[j] and signs[j] * full_w[j] < 0
            ]
            if not wrong:
                break
            keep[max(wrong, key=lambda j: abs(full_w[j]))] = False
        full_mean = x.mean(axis=0)
        full_scale = x.std(axis=0)
        full_scale[full_scale == 0] = 1.0
        full_mean[keep], full_scale[keep] = mean, scale
        return cls(tuple(full_w.tolist()), b, tuple(full_mean.tolist()), tuple(full_scale.tolist()))

    def to_json(self) -> dict[str, Any]:
        """The model as a JSON-ready dict: {"weights", "bias", "mean", "scale"} (lists of d floats)."""
        return {
            "weights": list(self.weights),
            "bias": self.bias,
            "mean": list(self.mean),
            "scale": list(self.scale),
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Logistic:
        """The inverse of `to_json`.

        Raises:
            KeyError: a key is missing.
            TypeError, ValueError: a value is not a number, or not a list of numbers; the three lists
                differ in length; a number is not finite, or a scale not above 0.
        """
        model = cls(
            tuple(float(v) for v in d["weights"]),
            float(d["bias"]),
            tuple(float(v) for v in d["mean"]),
            tuple(float(v) for v in d["scale"]),
        )
        values = (*model.weights, model.bias, *model.mean, *model.scale)
        if not len(model.weights) == len(model.mean) == len(model.scale):
            raise ValueError("a logistic model's weights, mean and scale differ in length")
        if not all(math.isfinite(v) for v in values) or min(model.scale, default=1.0) <= 0:
            raise ValueError("a logistic model holds a number that is not finite, or a scale <= 0")
        return model


TREE_FEATURES = (*QUESTION_FEATURES, "best_ranked", "best_support", "eligible_in_window")
"""Features of a whole question the boosted trees read (`AnswerModel.question_trees`,
`tree_features`): `QUESTION_FEATURES`, then, over the eligible candidates that may carry the decision
(`in_window`), the ranker's best probability (`AnswerModel.ranking`: it reads a Korean question's terms
in an English passage through their senses, which the deciding models do not), the best share of the
question's terms a passage holds as written or through their senses (`coverage`, `sense_coverage`),
and how many there are. On the 121 sets' test halves (2026-12-07) the question's probability under the
trees told answerable from unanswerable questions with an area under the ROC curve of 0.89, against
0.85 for the stored logistic question model over `QUESTION_FEATURES`; a logistic refit over them, with
the passage model refitted too, was no better than the stored one (bench/README.md)."""


def tree_features(
    x: Matrix,
    p: npt.NDArray[np.float64],
    ranked: npt.NDArray[np.float64],
    eligible: Sequence[bool],
    profile: Sequence[bool],
    unknown_share: float = 0.0,
    window: Sequence[bool] | None = None,
) -> Matrix:
    """One row of `TREE_FEATURES`, shape (1, len(TREE_FEATURES)): `question_features` read with the
    profile's eligibility (`profile`), then the best ranker probability (`ranked`), the best term
    share and the count of the candidates `eligible` (the decision's eligibility) among those that may
    carry the decision (`in_window`)."""
    inside = [i for i in in_window(len(p), window) if eligible[i]]
    best_ranked = max((float(ranked[i]) for i in inside), default=0.0)
    cov, sense = _FEATURE_COLUMN["coverage"], _FEATURE_COLUMN["sense_coverage"]
    best_support = max((max(float(x[i, cov]), float(x[i, sense])) for i in inside), default=0.0)
    extra = np.array([[best_ranked, best_support, float(len(inside))]])
    return np.hstack([question_features(x, p, profile, unknown_share, window), extra])


@dataclass(frozen=True, eq=False)
class Trees:
    """Gradient-boosted regression trees for a probability: p = 1 / (1 + exp(-(bias + sum over trees of
    the value of the leaf the row reaches))), the learning rate folded into the leaf values (Friedman,
    "Greedy function approximation: a gradient boosting machine", 2001; fitted by scikit-learn's
    `GradientBoostingClassifier`, bench/answerability.py).

    Each tree is stored as arrays over its nodes (node 0 is the root): `feature` (the column tested),
    `threshold` (a row goes left when its value, as float32, is <= it), `left` and `right` (child
    nodes, -1 at a leaf) and `value` (a leaf's contribution). All five have shape (trees, nodes),
    trees padded with leaves to the same number of nodes.
    """

    bias: float
    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    n_features: int

    def __call__(self, x: Matrix) -> npt.NDArray[np.float64]:
        """Probabilities for the rows of `x` (shape (n, n_features)); shape (n,)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        xs = x.astype(np.float32).astype(np.float64)  # compared as the fit compared them
        trees = np.arange(self.feature.shape[0])[None, :]
        node = np.zeros((x.shape[0], self.feature.shape[0]), dtype=np.int64)
        rows = np.arange(x.shape[0])[:, None]
        for _ in range(self.feature.shape[1]):  # a tree is no deeper than it has nodes
            left = self.left[trees, node]
            if (left < 0).all():
                break
            goes_left = xs[rows, self.feature[trees, node]] <= self.threshold[trees, node]
            step = np.where(goes_left, left, self.right[trees, node])
            node = np.where(left < 0, node, step)
        logits = self.bias + self.value[trees, node].sum(axis=1)
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(logits, -50, 50)))
        return out

    @classmethod
    def from_arrays(
        cls, bias: float, trees: Sequence[Mapping[str, Sequence[float]]], n_features: int
    ) -> Trees:
        """Trees from one dict of node lists per tree ({"feature", "threshold", "left", "right",
        "value"}, as `to_json` writes them), padded to one node count.

        Raises:
            KeyError: a key is missing.
            TypeError, ValueError: a list is not of numbers, the lists of a tree differ in length, a
                child or a feature is out of range, or a number is not finite.
        """
        if not trees:
            raise ValueError("boosted trees need at least one tree")
        if not all(
            isinstance(t[k], list) for t in trees for k in ("feature", "threshold", "left", "right", "value")
        ):
            raise TypeError("a boosted tree's nodes must be lists")
        width = max(len(t["feature"]) for t in trees)
        arrays = {k: np.zeros((len(trees), width)) for k in ("feature", "threshold", "value")}
        arrays |= {k: np.full((len(trees), width), -1.0) for k in ("left", "right")}
        for j, t in enumerate(trees):
            n = len(t["feature"])
            for k in arrays:
                if len(t[k]) != n:
                    raise ValueError("the node lists of a boosted tree differ in length")
                arrays[k][j, :n] = [float(v) for v in t[k]]
        if not all(np.isfinite(a).all() for a in arrays.values()) or not math.isfinite(bias):
            raise ValueError("a boosted tree holds a number that is not finite")
        left, right, node = arrays["left"], arrays["right"], np.arange(width)[None, :]
        if ((left < 0) != (right < 0)).any():
            raise ValueError("a boosted tree's node has one child")
        inner = left >= 0
        # a child stands after its node (as scikit-learn writes them), so no walk can loop
        if (left[inner] <= np.broadcast_to(node, left.shape)[inner]).any() or (
            right[inner] <= np.broadcast_to(node, right.shape)[inner]
        ).any():
            raise ValueError("a boosted tree's child does not stand after its node")
        if left.min() < -1 or right.min() < -1 or left.max() >= width or right.max() >= width:
            raise ValueError("a boosted tree's child is out of range")
        feature = arrays["feature"]
        if (feature != np.round(feature)).any() or feature.min() < 0 or feature.max() >= n_features:
            raise ValueError("a boosted tree tests a feature it does not have")
        return cls(
            float(bias),
            arrays["feature"].astype(np.int64),
            arrays["threshold"],
            arrays["left"].astype(np.int64),
            arrays["right"].astype(np.int64),
            arrays["value"],
            n_features,
        )

    def to_json(self) -> dict[str, Any]:
        """The trees as a JSON-ready dict: {"bias", "trees": [{"feature", "threshold", "left", "right",
        "value"}, ...]}, each tree's padding left out."""
        out = []
        for j in range(self.feature.shape[0]):
            used = 1 + max(
                [0] + [int(c) for c in self.left[j] if c >= 0] + [int(c) for c in self.right[j] if c >= 0]
            )
            out.append(
                {
                    "feature": self.feature[j, :used].tolist(),
                    "threshold": self.threshold[j, :used].tolist(),
                    "left": self.left[j, :used].tolist(),
                    "right": self.right[j, :used].tolist(),
                    "value": self.value[j, :used].tolist(),
                }
            )
        return {"bias": self.bias, "trees": out}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], n_features: int) -> Trees:
        """The inverse of `to_json` (see `from_arrays` for what it raises)."""
        return cls.from_arrays(float(d["bias"]), d["trees"], n_features)


def translated_window(groups: Sequence[Group]) -> list[bool]:
    """Per group (in rank order): True when it is among the first `TRANSLATED_WINDOW` of a translated
    run, and so counts with the top `ANSWER_WINDOW` (`AnswerModel.decide`'s `window`)."""
    return [g.translated_rank is not None and g.translated_rank <= TRANSLATED_WINDOW for g in groups]


def rival_p(
    p: npt.NDArray[np.float64], eligible: Sequence[bool], window: Sequence[bool] | None = None
) -> float:
    """The probability of the likeliest candidate that may carry the decision (`in_window`) but is
    not eligible, when it reaches `RIVAL_P` (the eligible ones then answer only from `LIKELY_BAR`);
    0.0 otherwise. `p`: the passage probabilities (`AnswerModel.probabilities`), shape (n,)."""
    rival = max((float(p[i]) for i in in_window(len(p), window) if not eligible[i]), default=0.0)
    return rival if rival >= RIVAL_P else 0.0


def answer_floor(rival: float) -> float:
    """The passage probability an eligible candidate that may carry the decision must reach for the
    question to be answered: `LIKELY_BAR` when an ineligible rival is `RIVAL_P` probable (`rival`:
    `rival_p`, else 0.0), else `MIN_ANSWER_P`. (A doubtful question must also pass
    `AnswerModel.doubtful`.)"""
    return LIKELY_BAR if rival else MIN_ANSWER_P


def in_window(n: int, window: Sequence[bool] | None = None) -> list[int]:
    """The rows (of n candidates in rank order) that may carry the "answered" decision: the first
    `ANSWER_WINDOW`, then those below them that `window` marks (None: none), in rank order."""
    first = min(n, ANSWER_WINDOW)
    return list(range(first)) + ([i for i in range(first, n) if window[i]] if window is not None else [])


def question_features(
    x: Matrix,
    p: npt.NDArray[np.float64],
    eligible: Sequence[bool],
    unknown_share: float = 0.0,
    window: Sequence[bool] | None = None,
) -> Matrix:
    """One row of `QUESTION_FEATURES` from a question's candidate features `x`, their probabilities
    `p` and eligibility (only eligible candidates `in_window(len(p), window)` count), and the share
    of its terms that no passage of the collection holds."""
    col = {name: i for i, name in enumerate(FEATURES)}
    n = min(len(p), ANSWER_WINDOW)
    rows = in_window(len(p), window)
    pe = np.array([p[i] if eligible[i] else 0.0 for i in rows] or [0.0])
    order = np.argsort(-pe, kind="stable")
    best = rows[int(order[0])] if rows else 0
    second = float(pe[order[1]]) if len(pe) > 1 else 0.0
    if x.shape[0] == 0:
        return np.array(
            [[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, unknown_share, unknown_share**2]]
        )
    top_both = x[best, col["dense_rank"]] == 1.0 and x[best, col["lexical_rank"]] == 1.0
    return np.array(
        [
            [
                float(pe[order[0]]),
                second,
                x[best, col["dense"]],
                x[best, col["missing_rare"]],
                x[best, col["coverage"]],
                1.0 if n and eligible[0] else 0.0,
                x[0, col["names_provision"]],
                x[0, col["question_ko"]],
                x[0, col["question_terms"]],
                x[best, col["cross_lingual"]],
                1.0 if top_both else 0.0,
                1.0 if x[best, col["coverage"]] >= 0.999 else 0.0,
                unknown_share,
                unknown_share**2,
            ]
        ]
    )


@dataclass(frozen=True)
class AnswerModel:
    """A fitted answerability model (see the module docstring).

    Attributes:
        family: the embedding models it was fitted for ("e5", "minilm").
        passage: P(this candidate holds an answer) over `FEATURES`: ranks what is shown.
        question: P(the collection answers the question) over `QUESTION_FEATURES`.
        answer_bar: the question probability at which a question counts as answered, per question
            language ("*" for any other).
        likely_bar: the passage probability over which a shown passage is marked as likely to
            answer (the most probable one always is).
        provenance: where the fit came from (dev set split, date, counts).
        passage_bar: a question is also answered when one of its top candidates alone is this
            probable (a passage that plainly answers outweighs a doubtful question profile; 1.0:
            never).
        features: the `FEATURES` `passage` reads, in its weights' order (a model fitted before a
            feature existed reads the others).
        ranker: P(this candidate holds an answer) fitted later over `ranker_features`, on the same
            labels, to order what is shown while `passage`, `question` and the bars still decide
            whether the question is answered (None: `passage` orders them too). A feature that finds
            answer passages in another language (`translated_rank`) raised the answer passages shown
            for cross-lingual questions, but refitting the whole model with it traded unanswerable
            questions abstained for them; a ranker keeps every decision as it was, but for `ranker_bar`.
        ranker_features: the `FEATURES` `ranker` reads.
        ranker_bar: a question is also answered when one of its top eligible candidates is this
            probable under `ranker` (1.0: never; no effect without a ranker). The ranker reads what
            the deciding models do not, a Korean question's terms found in an English passage in
            translation (`sense_coverage`, `translated_rank`): the Factbook passage that answers
            "김대중 대통령은 몇 년에 노벨평화상을 받았나요?" is 0.82 probable under it, while the
            question profile, built on the deciding model, reads 0.39. Chosen with the ranker,
            out-of-fold on the fit halves (bench/answerability.py --ranker, since 2026-12-03).
        question_trees: P(the collection answers the question) from boosted trees over
            `TREE_FEATURES` (`tree_features`), fitted later on the same questions; when present it,
            not `question`, gives the question probability the answer bar is held against
            (bench/answerability.py --trees, since 2026-12-07). None: `question` does.
        question_bar: with `question_trees`, the answer bar `question` was fitted with (kept for a
            refit of the trees to compare with); None without them.
        doubtful_q: the question probability under which a question is doubtful (`doubtful`):
            `DOUBTFUL_Q` for the logistic question model; chosen with the trees' answer bar for theirs.
    """

    family: str
    passage: Logistic
    question: Logistic
    answer_bar: Mapping[str, float]
    likely_bar: float
    provenance: str = ""
    passage_bar: float = 1.0
    features: tuple[str, ...] = FEATURES
    ranker: Logistic | None = None
    ranker_features: tuple[str, ...] = FEATURES
    ranker_bar: float = 1.0
    question_trees: Trees | None = None
    question_bar: Mapping[str, float] | None = None
    doubtful_q: float = DOUBTFUL_Q

    def probabilities(self, x: Matrix) -> npt.NDArray[np.float64]:
        """P(candidate holds an answer) under the deciding `passage` model, for each row of `x`
        (shape (n, len(FEATURES))); shape (n,), each in (0, 1)."""
        return self.passage(feature_columns(x, self.features))

    def ranking(self, x: Matrix, p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(candidate holds an answer) under the model that orders what is shown: the `ranker`'s, or
        `p` (`probabilities(x)`) without one; shape (n,)."""
        return self.ranker(feature_columns(x, self.ranker_features)) if self.ranker is not None else p

    def doubtful(
        self,
        q: float,
        p: npt.NDArray[np.float64],
        ranked: npt.NDArray[np.float64],
        eligible: Sequence[bool],
        window: Sequence[bool] | None = None,
    ) -> bool:
        """Whether a question of probability `q` under `doubtful_q` has no eligible candidate that may
        carry the decision (`in_window`) `DOUBTFUL_P` probable by the passage model (`p`) or by the
        ranker (`ranked`, `ranking`): then it is not answered, whatever its probability."""
        if q >= self.doubtful_q:
            return False
        inside = [i for i in in_window(len(p), window) if eligible[i]]
        return all(max(float(p[i]), float(ranked[i])) < DOUBTFUL_P for i in inside)

    def answerable(
        self,
        x: Matrix,
        p: npt.NDArray[np.float64],
        eligible: Sequence[bool],
        unknown_share: float,
        window: Sequence[bool] | None = None,
        held: Sequence[bool] | None = None,
        ranked: npt.NDArray[np.float64] | None = None,
    ) -> float:
        """P(the collection answers the question), in (0, 1), from its candidates: under
        `question_trees` when the model has them, else under `question`.

        Args:
            x: the candidates' features, shape (n, len(FEATURES)), in rank order.
            p: their `probabilities(x)`, shape (n,).
            eligible: per candidate, False when it lacks one of the question's key facts, as the
                question profile reads it (`profile_eligible`).
            unknown_share: share of the question's distinct terms no passage holds, in [0, 1].
            window: per candidate, True when it counts with the top `ANSWER_WINDOW` though ranked
                below them (`in_window`); None: only those.
            held: the decision's eligibility, which the trees' own features read (None: `eligible`).
            ranked: `ranking(x, p)`, when the caller has it.
        """
        if self.question_trees is not None:
            ranked = self.ranking(x, p) if ranked is None else ranked
            row = tree_features(
                x, p, ranked, eligible if held is None else held, eligible, unknown_share, window
            )
            return float(self.question_trees(row)[0])
        return float(self.question(question_features(x, p, eligible, unknown_share, window))[0])

    def decide(
        self,
        x: Matrix,
        eligible: Sequence[bool],
        language: str,
        k: int,
        unknown_share: float = 0.0,
        profile: Sequence[bool] | None = None,
        window: Sequence[bool] | None = None,
    ) -> tuple[bool, list[int], npt.NDArray[np.float64], float]:
        """Whether the question is answered, and which candidates to show.

        A candidate missing one of the question's key facts (`eligible` False) never answers or shows;
        nor is a question answered when no eligible candidate among the top `ANSWER_WINDOW` (and those
        `window` marks) is at least `MIN_ANSWER_P` probable, or `LIKELY_BAR` when an ineligible one
        there is `RIVAL_P` probable (`rival_p`, `answer_floor`); nor a doubtful one (`doubtful`: under
        `doubtful_q`, with no such candidate `DOUBTFUL_P` probable by the passage model or the ranker).

        Args:
            x: the candidates' features, shape (n, len(FEATURES)), rows in fused rank order.
            eligible: per candidate (length n), False when it lacks a key fact.
            language: the question's language; its answer bar, else the "*" bar, applies.
            k: at most this many passages are shown.
            unknown_share: share of the question's distinct terms no passage holds, in [0, 1].
            profile: the eligibility the question's profile (`question_features`) reads, when it
                differs from `eligible`: the one the models were fitted with (`profile_eligible`);
                None: `eligible`.
            window: per candidate, True when it counts with the top `ANSWER_WINDOW` though ranked
                below them (the top of a translated run, `TRANSLATED_WINDOW`); None: only those.

        Returns:
            (answered, shown, p, q): `shown` holds row indexes into `x`: the k most probable eligible
            candidates (fewer when fewer are eligible), most probable first, empty when not
            answered; `p` the passage probabilities that order them (`ranking`), shape (n,); `q` the
            question probability. All probabilities are in (0, 1).
        """
        p = self.probabilities(x)
        ranked = self.ranking(x, p)
        q = self.answerable(
            x, p, eligible if profile is None else profile, unknown_share, window, eligible, ranked
        )
        ok = [i for i in range(len(p)) if eligible[i]]
        inside = [i for i in in_window(len(p), window) if eligible[i]]
        best = max((float(p[i]) for i in inside), default=0.0)
        floor = answer_floor(rival_p(p, eligible, window))
        doubtful = self.doubtful(q, p, ranked, eligible, window)
        # (a bar of 1.0 is off: a logit clipped at 50 reads as exactly 1.0)
        strong = (self.passage_bar < 1.0 and best >= self.passage_bar) or (
            self.ranker is not None
            and self.ranker_bar < 1.0
            and max((float(ranked[i]) for i in inside), default=0.0) >= self.ranker_bar
        )
        bar = self.answer_bar.get(language, self.answer_bar["*"])
        if best < floor or doubtful or (q < bar and not strong):
            return False, [], ranked, q
        return True, sorted(ok, key=lambda i: -ranked[i])[:k], ranked, q

    def likely(self, p: npt.NDArray[np.float64], shown: Sequence[int]) -> list[bool]:
        """Per shown passage (`shown` as `decide` returns it, most probable first): True when it is
        likely to answer, i.e. it is the first or its probability reaches `likely_bar`."""
        return [j == 0 or bool(p[i] >= self.likely_bar) for j, i in enumerate(shown)]

    def to_json(self) -> dict[str, Any]:
        """The model as stored in `index/answer_models.json` under its family (the family is the key,
        not a field); the feature names are written so that a stale fit is recognised on loading."""
        out: dict[str, Any] = {
            "features": list(self.features),
            "question_features": list(QUESTION_FEATURES),
            "passage": self.passage.to_json(),
            "question": self.question.to_json(),
            "answer_bar": dict(self.answer_bar),
            "likely_bar": self.likely_bar,
            "passage_bar": self.passage_bar,
            "provenance": self.provenance,
        }
        if self.ranker is not None:
            out["ranker"] = self.ranker.to_json()
            out["ranker_features"] = list(self.ranker_features)
            out["ranker_bar"] = self.ranker_bar
        if self.question_trees is not None:
            out["question_trees"] = self.question_trees.to_json()
            out["tree_features"] = list(TREE_FEATURES)
            if self.question_bar is not None:
                out["question_answer_bar"] = dict(self.question_bar)
            out["doubtful_q"] = self.doubtful_q
        return out

    @classmethod
    def from_json(cls, family: str, data: Mapping[str, Any]) -> AnswerModel:
        """The inverse of `to_json`, for the model of `family` ("e5", "minilm").

        Raises:
            ValueError: the model reads a feature `FEATURES` no longer has, its weights do not match its
                features, or it was fitted on other `QUESTION_FEATURES` (refit it); or a value is not
                a number. (Bad question trees are logged and left out: the logistic question model
                decides at its own bar, as a bad ranker is left out.)
            KeyError, TypeError: a required key is missing or has the wrong type. (`answer_model_for`
                logs these three and falls back to the threshold rules.)
        """
        passage = Logistic.from_json(data["passage"])
        features = _known(family, data["features"], passage)
        question = Logistic.from_json(data["question"])
        if list(data["question_features"]) != list(QUESTION_FEATURES) or len(question.weights) != len(
            QUESTION_FEATURES
        ):
            raise ValueError(f"answer model {family!r} was fitted on other features; refit it")
        ranker: Logistic | None = None
        ranker_features: tuple[str, ...] = FEATURES
        ranker_bar = 1.0
        if data.get("ranker") is not None:
            try:  # a bad ranker leaves the passages in the deciding model's order
                ranker = Logistic.from_json(data["ranker"])
                ranker_features = _known(family, data["ranker_features"], ranker)
                ranker_bar = float(data.get("ranker_bar", 1.0))
                if not 0.0 < ranker_bar <= 1.0:
                    raise ValueError(f"ranker_bar {ranker_bar} is not in (0, 1]")
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("ignoring the ranker of answer model %r: %s", family, exc)
                ranker, ranker_features, ranker_bar = None, FEATURES, 1.0
        trees: Trees | None = None
        question_bar: dict[str, float] | None = None
        doubtful_q = DOUBTFUL_Q
        answer_bar = {str(k): float(v) for k, v in data["answer_bar"].items()}
        if data.get("question_trees") is not None:
            try:  # bad trees leave the logistic question model deciding, at its own bars
                if data.get("question_answer_bar") is not None:
                    question_bar = {str(k): float(v) for k, v in data["question_answer_bar"].items()}
                if list(data.get("tree_features", ())) != list(TREE_FEATURES):
                    raise ValueError("they were fitted on other features; refit them")
                trees = Trees.from_json(data["question_trees"], len(TREE_FEATURES))
                doubtful_q = float(data.get("doubtful_q", DOUBTFUL_Q))
                if not 0.0 <= doubtful_q <= 1.0:
                    raise ValueError(f"doubtful_q {doubtful_q} is not in [0, 1]")
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
                log.warning("ignoring the question trees of answer model %r: %s", family, exc)
                answer_bar = question_bar or answer_bar
                trees, question_bar, doubtful_q = None, None, DOUBTFUL_Q
        return cls(
            family=family,
            passage=passage,
            question=question,
            answer_bar=answer_bar,
            likely_bar=float(data.get("likely_bar", data.get("show_bar", LIKELY_BAR))),
            provenance=str(data.get("provenance", "")),
            passage_bar=float(data.get("passage_bar", 1.0)),
            features=features,
            ranker=ranker,
            ranker_features=ranker_features,
            ranker_bar=ranker_bar,
            question_trees=trees,
            question_bar=question_bar,
            doubtful_q=doubtful_q,
        )


def _known(family: str, names: Sequence[str], model: Logistic) -> tuple[str, ...]:
    """`names` as the feature tuple of a stored `model`, checked: every one a `FEATURES` name, once,
    one per weight.

    Raises:
        ValueError: otherwise ("... was fitted on other features; refit it").
    """
    found = tuple(str(n) for n in names)
    if not set(found) <= set(FEATURES) or len(set(found)) != len(found) or len(found) != len(model.weights):
        raise ValueError(f"answer model {family!r} was fitted on other features; refit it")
    return found


_FEATURE_COLUMN = {name: i for i, name in enumerate(FEATURES)}


def feature_columns(x: Matrix, names: Sequence[str]) -> Matrix:
    """The columns of `x` (shape (n, len(FEATURES))) a model reads, in its order; `x` itself when it
    reads them all."""
    if tuple(names) == FEATURES:
        return x
    return x[:, [_FEATURE_COLUMN[name] for name in names]]


def family_of(fingerprint: str) -> str:
    """The model family a fitted answer model applies to, from an embedder fingerprint."""
    if fingerprint.startswith("multilingual-e5-small"):
        return "e5"
    if fingerprint == "sentence-transformers/all-MiniLM-L6-v2":
        return "minilm"
    return fingerprint


@functools.cache
def _load_all(path: Path = MODELS_FILE) -> dict[str, AnswerModel]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    models = {}
    for family, d in data.items():
        try:
            models[family] = AnswerModel.from_json(family, d)
        except (ValueError, KeyError, TypeError) as exc:  # a stale fit: the threshold rules apply
            log.warning("ignoring the answerability model for %s: %s", family, exc)
    return models


def answer_model_for(fingerprint: str) -> AnswerModel | None:
    """The fitted model for an embedder, or None (the engine then uses its threshold rules)."""
    return _load_all().get(family_of(fingerprint))


def fit_logistic(
    x: Matrix, y: npt.NDArray[np.float64], l2: float = 1.0, iterations: int = 50
) -> tuple[npt.NDArray[np.float64], float, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """L2-regularised logistic regression by Newton's method (iteratively reweighted least squares).

    Args:
        x: features, shape (n, d); standardised here (mean 0, scale 1 per column).
        y: labels in {0, 1}, shape (n,).
        l2: ridge penalty on the weights (not the bias).

    Returns:
        (weights (d,), bias, mean (d,), scale (d,)).
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((x.shape[0], 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -50, 50)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(z.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def unknown_share(scored: Scored) -> float:
    """The share of a question's distinct terms that no passage of the collection holds, in [0, 1]
    (1.0 for a question without terms)."""
    terms = scored.terms
    return sum(1 for t in terms if scored.df.get(t, 0) == 0) / len(terms) if terms else 1.0
