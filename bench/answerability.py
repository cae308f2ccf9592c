"""Fit the answerability model (index/answerability.py) on the "fit" halves of the domain dev set and
of the audit sets, and report every half.

    .venv/bin/python -m bench.answerability --data DIR [--model auto] [--devset-only] [--write]

The fit reads the "fit" half of bench/devset/questions.jsonl and, unless `--devset-only`, those of
the audit sets (`bench.devset_eval.QUESTION_SETS`: audit.jsonl since 2026-12-01, audit3.jsonl,
audit4.jsonl and audit5.jsonl since 2026-12-02; questions written later by other writers to audit the
engine; a model fitted on the dev set alone refused too many of their specific questions). Each set's
"test" half is reported apart. Every question is scored once (GroundIndex.score). Each candidate group
becomes one row of features (index.answerability.FEATURES), labelled 1 when it holds one of the
question's answer quotes; the passage model is fitted on the rows of the "fit" questions. Each
question then becomes one row of QUESTION_FEATURES (from its candidates' probabilities), labelled 1
when answerable; the question model is fitted on the "fit" questions (the deciding passage model
reads `DECIDING_FEATURES`; a ranker over every feature, fitted on the same rows, orders what is
shown). One answer bar (for every language: the question model sees the language) and the passage
bar are chosen on out-of-fold predictions of the "fit" questions (5 stratified folds; since
2026-11-30) to maximise the number of questions handled right (an answer passage shown, or an
abstention where the collection has no answer) minus the wrong abstentions, among the bars that
wrongly abstain on at most 3 in 45 answerable questions (issue 11's target); an answered question
shows its k most probable eligible passages, so an answer passage among any of them counts (since
2026-11-29; the stored models were fitted when only those over the show bar, now `LIKELY_BAR`,
counted). The likely bar is fixed, not fitted (index.answerability.LIKELY_BAR); the F1 of its mark
is printed. The tables report the fit halves and each test half with the held-out kinds; only the
"test" rows are results. `--write` stores the model in index/answer_models.json under the embedder's
family.

    .venv/bin/python -m bench.answerability --data DIR --ranker [--write]

fits only a ranker (`AnswerModel.ranker`, a passage model over every feature) on the fit halves and
keeps the stored model's decisions (whether each question is answered), but for its ranker bar
(`AnswerModel.ranker_bar`: a question is also answered when one passage alone is that probable under
the ranker; since 2026-12-03), chosen out-of-fold like the answer bar (`choose_ranker_bar`). The
fit halves are reported
out-of-fold (each question ranked by the ranker fitted on the other folds), each test half with the
ranker fitted on the whole of the fit halves, each beside the stored model without a ranker;
`--write` adds the ranker to the stored model (since 2026-12-01).

    .venv/bin/python -m bench.answerability --data DIR --trees [--write]

fits only question trees (`AnswerModel.question_trees`: gradient-boosted trees over `TREE_FEATURES`,
scikit-learn's `GradientBoostingClassifier` with `TREE_PARAMS`, stored as arrays the engine reads
itself) on the fit halves over the stored passage models' and ranker's probabilities, and their answer
bar and doubtful bar (`AnswerModel.doubtful_q`), chosen out-of-fold (`choose_tree_bars`): the pair
that refuses the most unanswerable fit questions among those showing no fewer answer passages and
wrongly abstaining on no more fit questions than the stored logistic question model; prints the fit
halves out-of-fold and the pooled test halves beside the stored model. `--write` adds the trees and
the bars to the stored model (since 2026-12-07).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.devset_eval import (
    ASKED_ON,
    CATEGORIES,
    DEVSET,
    QUESTION_SETS,
    categories_of,
    contains_answer,
    load_devset,
)
from index.answerability import (
    DECIDING_FEATURES,
    DOUBTFUL_Q,
    FEATURES,
    LIKELY_BAR,
    MIN_ANSWER_P,
    MODELS_FILE,
    QUESTION_FEATURES,
    QUESTION_SIGNS,
    TREE_FEATURES,
    AnswerModel,
    Logistic,
    Trees,
    answer_model_for,
    family_of,
    feature_columns,
    features,
    in_window,
    profile_eligible,
    question_features,
    translated_window,
    tree_features,
    unknown_share,
)
from index.embedding.load import Models
from index.engine import GroundIndex
from index.types import Query

WRONG_ABSTENTION_COST = 1.0
MANIFEST = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "manifest.csv"


@dataclass
class Row:
    item: dict[str, Any]
    x: np.ndarray
    labels: np.ndarray
    eligible: list[bool]
    language: str
    unknown: float
    profile: list[bool] | None = None  # the question profile's eligibility (`profile_eligible`)
    window: list[bool] | None = None  # candidates counted with the top ones (`translated_window`)


def collect(index: GroundIndex, items: Sequence[dict[str, Any]]) -> list[Row]:
    """One `Row` per item: its candidates' features, labels and eligibility as the engine scores it.

    The eligibility is the candidates' key facts (`Group.missing`) only: the engine's decision also
    passes over bare passages and, for some questions, passages of another country's source, of a law
    for the holder of a post or for which states joined a treaty (`GroundIndex.search`), which the
    models (and the question trees' own features, `tree_features`) are fitted without."""
    paths = {r.id: Path(r.path).name for r in index.sources()}
    rows = []
    for item in items:
        # explain=True: every feature is read (`sense_coverage` is otherwise computed only when the
        # stored model reads it, and a ranker fitted over every feature would see `coverage` there)
        query = Query(
            str(item["question"]),
            k=5,
            history=tuple(item.get("history", [])),
            explain=True,
            asked_on=ASKED_ON,  # the day the sets are scored on (bench.devset_eval)
        )
        scored = index.score(query)
        labels = []
        for g in scored.groups:
            files: set[str | None] = {paths[r.passage.source_id] for r in [g.head, *g.duplicates]}
            labels.append(
                bool(item["answerable"]) and contains_answer(g.head.passage.text, files, item["answers"])
            )
        rows.append(
            Row(
                item,
                features(scored),
                np.asarray(labels, dtype=np.float64),
                [not g.missing for g in scored.groups],
                scored.language,
                unknown_share(scored),
                profile_eligible(scored.groups),
                translated_window(scored.groups),
            )
        )
    return rows


def outcome(model: AnswerModel, row: Row, likely_only: bool = False) -> tuple[bool, bool]:
    """(answered, an answer passage is shown); with `likely_only`, among the passages marked likely."""
    answered, shown, p, _ = model.decide(
        row.x, row.eligible, row.language, 5, row.unknown, row.profile, row.window
    )
    if likely_only:
        shown = [i for i, marked in zip(shown, model.likely(p, shown), strict=True) if marked]
    return answered, any(row.labels[i] for i in shown)


def score_rows(
    model: AnswerModel,
    rows: list[Row],
    likely_only: bool = False,
    per_row: Sequence[AnswerModel] | None = None,
) -> tuple[int, int, int]:
    """(answerable questions with an answer passage shown (`likely_only`: marked likely), answerable
    questions wrongly abstained, unanswerable questions abstained). `per_row` gives each row its own
    model instead (out-of-fold)."""
    hits = wrong = abstained = 0
    for r, row_model in zip(rows, per_row or [model] * len(rows), strict=True):
        answered, hit = outcome(row_model, r, likely_only)
        if r.item["answerable"]:
            hits += hit
            wrong += not answered
        else:
            abstained += not answered
    return hits, wrong, abstained


def report(
    model: AnswerModel,
    rows: list[Row],
    languages: dict[str, str],
    per_row: Sequence[AnswerModel] | None = None,
) -> str:
    """The held-out style table: per kind, answer passage shown in the top 5 (answers and further
    passages) and among the passages that answer; then the abstention rows. `per_row` gives each
    row its own model instead (out-of-fold)."""
    cats: dict[str, list[int]] = {c: [0, 0, 0] for c in CATEGORIES}
    una = [0, 0]
    wrong = [0, 0]
    for r, row_model in zip(rows, per_row or [model] * len(rows), strict=True):
        answered, hit = outcome(row_model, r)
        if not r.item["answerable"]:
            una[0] += not answered
            una[1] += 1
            continue
        wrong[0] += not answered
        wrong[1] += 1
        in_answers = outcome(row_model, r, likely_only=True)[1]
        for c in categories_of(r.item, languages):
            cats[c][0] += hit
            cats[c][1] += in_answers
            cats[c][2] += 1
    lines = [f"| {c}: answer passage | {h}/{n} | {a}/{n} |" for c, (h, a, n) in cats.items()]
    lines.append(f"| unanswerable questions abstained | {una[0]}/{una[1]} | |")
    lines.append(f"| answerable questions wrongly abstained | {wrong[0]}/{wrong[1]} | |")
    head = "| kind | shown in the top 5 | among the passages that answer |"
    return "\n".join([head, "|---|---|---|", *lines])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(".test-cache/demo-data"))
    ap.add_argument("--model", default="auto", help="GROUNDQA_MODEL the data dir was built with")
    ap.add_argument("--models", type=Path, default=Path(".test-cache/models"), help="model cache folder")
    ap.add_argument("--l2", type=float, default=2.0, help="ridge penalty of both logistic models")
    ap.add_argument("--write", action="store_true", help="store the fitted model in index/answer_models.json")
    ap.add_argument(
        "--ranker", action="store_true", help="fit only a ranker, keeping the stored model's decisions"
    )
    ap.add_argument(
        "--trees",
        action="store_true",
        help="fit only the question trees (and their answer bar), keeping the stored passage models",
    )
    ap.add_argument(
        "--devset-only", action="store_true", help="fit on the dev set's fit half alone (no audit sets)"
    )
    args = ap.parse_args(argv)
    from index.local.catalog import LocalCatalog

    backend = LocalCatalog(args.data).open()
    embedder = Models(args.model, "auto", args.models).for_fingerprint(backend.info.model)
    index = GroundIndex(backend, embedder)
    sets = {"dev set": load_devset(DEVSET)}
    if not args.devset_only:
        sets.update({name: load_devset(path) for name, path in QUESTION_SETS.items() if path != DEVSET})
    rows = {name: collect(index, items) for name, items in sets.items()}
    fit = [r for rs in rows.values() for r in rs if r.item["split"] == "fit"]
    tests = {name: [r for r in rs if r.item["split"] == "test"] for name, rs in rows.items()}
    test = [r for rs in tests.values() for r in rs]
    family = family_of(embedder.fingerprint)
    with open(MANIFEST, encoding="utf-8") as fh:
        languages = {r["file"]: r["language"] for r in csv.DictReader(fh)}
    if args.ranker:
        stored = answer_model_for(embedder.fingerprint)
        if stored is None:
            raise SystemExit(f"no stored answer model for {family}: fit one first (without --ranker)")
        model = _ranked(stored, fit, tests, args.l2, languages)
        if args.write:
            _write(family, model)
        return
    if args.trees:
        stored = answer_model_for(embedder.fingerprint)
        if stored is None:
            raise SystemExit(f"no stored answer model for {family}: fit one first (without --trees)")
        model = _with_trees(stored, fit, tests, languages)
        if args.write:
            _write(family, model)
        return
    counts = " + ".join(f"{name} {sum(r.item['split'] == 'fit' for r in rs)}" for name, rs in rows.items())
    model, held = _fit(
        family, fit, args.l2, f"index {backend.info.version} built with {embedder.fingerprint}", counts
    )
    passage, question, provenance = model.passage, model.question, model.provenance
    answer_bar, likely_bar, passage_bar = model.answer_bar, model.likely_bar, model.passage_bar
    print(f"Model family {family}; {provenance}.")
    print("Passage weights (standardised features):")
    for name, w in zip(model.features, passage.weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")
    print("Question weights:")
    for name, w in zip(QUESTION_FEATURES, question.weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")
    print(f"Bars: answer {answer_bar}, likely {likely_bar}, passage {passage_bar}")
    hits, wrong, abstained = held
    print(
        f"Fit half, {FOLDS}-fold out-of-fold with these bars: {hits} answer passages shown, "
        f"{wrong} wrongly abstained, {abstained} unanswerable abstained (objective {_objective(held):g})"
    )
    print(f"F1 of the likely mark: fit {likely_f1(model, fit):.3f}, test {likely_f1(model, test):.3f}\n")
    print("## fit halves (fitted on them: not a result)\n" + report(model, fit, languages))
    for name, rs in tests.items():
        print(f"\n## {name}, test half (held out)\n" + report(model, rs, languages))
    if args.write:
        _write(family, model)


def _write(family: str, model: AnswerModel) -> None:
    data = json.loads(MODELS_FILE.read_text("utf-8")) if MODELS_FILE.is_file() else {}
    data[family] = model.to_json()
    MODELS_FILE.write_text(models_json(data), "utf-8")
    print(f"\nwrote {MODELS_FILE} [{family}]")


def models_json(data: dict[str, Any]) -> str:
    """`index/answer_models.json`'s text for `data` (family -> `AnswerModel.to_json()`): indented, but
    each of the question trees on one line (two hundred trees of up to fifteen nodes, five numbers
    each, would otherwise take a line per number)."""
    data = {family: dict(d) for family, d in data.items()}
    trees = {family: d.pop("question_trees") for family, d in data.items() if "question_trees" in d}
    for family in trees:
        data[family]["question_trees"] = f"@trees {family}@"
    text = json.dumps(data, indent=1, ensure_ascii=False)
    for family, t in trees.items():
        lines = ",\n    ".join(json.dumps(tree) for tree in t["trees"])
        compact = f'{{\n   "bias": {json.dumps(t["bias"])},\n   "trees": [\n    {lines}\n   ]\n  }}'
        text = text.replace(json.dumps(f"@trees {family}@"), compact)
    return text + "\n"


def _ranked(
    stored: AnswerModel, fit: list[Row], tests: dict[str, list[Row]], l2: float, languages: dict[str, str]
) -> AnswerModel:
    """The stored model with a ranker fitted on the `fit` rows over every feature; prints the fit rows
    out-of-fold and each set's test half (`tests`), each beside the stored model without a ranker."""
    plain = replace(stored, ranker=None)
    fold = folds(fit)
    per_row: list[AnswerModel] = [plain] * len(fit)
    for k in range(FOLDS):
        ranker = _fit_ranker([r for r, f in zip(fit, fold, strict=True) if f != k], l2)
        for i, f in enumerate(fold):
            if f == k:
                per_row[i] = replace(plain, ranker=ranker, ranker_features=FEATURES)
    ranker_bar, by_bar = choose_ranker_bar(per_row, fit)
    per_row = [replace(m, ranker_bar=ranker_bar) for m in per_row]
    ranker = _fit_ranker(fit, l2)
    y = np.concatenate([r.labels for r in fit])
    decided = stored.provenance.split(RANKER_NOTE)[0].rstrip(".")  # a ranker fitted before is replaced
    provenance = (
        f"{decided}{RANKER_NOTE}{datetime.now(UTC):%Y-%m-%d} by "
        f"bench/answerability.py --ranker on the 'fit' halves ({len(fit)} questions, {int(y.sum())} "
        f"answer candidates among {len(y)})"
    )
    model = replace(
        plain, ranker=ranker, ranker_features=FEATURES, provenance=provenance, ranker_bar=ranker_bar
    )
    print(f"Model family {stored.family}; {provenance}.")
    print("Ranker weights (standardised features):")
    for name, w in zip(FEATURES, ranker.weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")
    print(f"Ranker bar {ranker_bar} (fit halves out-of-fold: answer passages shown, wrongly abstained,")
    print("unanswerable abstained, objective):")
    for bar, scores in by_bar.items():
        print(f"  {bar:.2f}: {scores[0]} {scores[1]} {scores[2]} {_objective(scores):g}")
    print("\n## fit half, stored model without a ranker (fitted on it: not a result)")
    print(report(plain, fit, languages))
    print("\n## fit half, with the ranker, out-of-fold\n" + report(plain, fit, languages, per_row))
    for name, test in tests.items():
        print(f"\n## {name}, test half (held out), stored model without a ranker")
        print(report(plain, test, languages))
        print(f"\n## {name}, test half (held out), with the ranker\n" + report(model, test, languages))
    return model


TREES_NOTE = "; question trees fitted "
TREE_BARS = tuple(round(float(b), 2) for b in np.arange(0.3, 0.91, 0.05))
TREE_PARAMS: dict[str, Any] = {
    "n_estimators": 200,
    "max_depth": 3,
    "learning_rate": 0.03,
    "subsample": 0.8,
    "random_state": 0,
}
"""scikit-learn's `GradientBoostingClassifier` settings for `AnswerModel.question_trees`: shallow trees,
a slow rate and row subsampling (stochastic gradient boosting, Friedman 2002). On the 121 sets' test
halves (fitted on their fit halves, 2026-12-07) 150 trees of depth 3 at 0.05, 300 of depth 2 and 100
of depth 4 told answerable from unanswerable questions as well (area under the ROC curve 0.892-0.894);
scikit-learn's histogram-based booster, with or without monotonic constraints, 0.891-0.897."""


def tree_matrix(model: AnswerModel, rows: Sequence[Row]) -> np.ndarray:
    """The `TREE_FEATURES` row of each question under `model`'s passage models and ranker; shape
    (len(rows), len(TREE_FEATURES))."""
    out = []
    for r in rows:
        p = model.probabilities(r.x)
        profile = r.eligible if r.profile is None else r.profile
        out.append(tree_features(r.x, p, model.ranking(r.x, p), r.eligible, profile, r.unknown, r.window)[0])
    return np.array(out).reshape(len(out), len(TREE_FEATURES))


def fit_trees(x: np.ndarray, y: np.ndarray) -> Trees:
    """Boosted trees (`TREE_PARAMS`) fitted on rows `x` (n, d) and labels `y` in {0, 1}, as `Trees`.

    Raises:
        RuntimeError: the stored trees do not give scikit-learn's own probabilities (to 1e-9).
    """
    from sklearn.ensemble import GradientBoostingClassifier  # bench only: the engine reads the arrays

    gb = GradientBoostingClassifier(**TREE_PARAMS).fit(x, y)
    prior = float(np.mean(y))
    rate = float(TREE_PARAMS["learning_rate"])
    trees = []
    for (estimator,) in gb.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "feature": np.maximum(t.feature, 0).tolist(),  # a leaf's -2 reads column 0, never tested
                "threshold": t.threshold.tolist(),
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": (rate * t.value[:, 0, 0]).tolist(),
            }
        )
    model = Trees.from_arrays(math.log(prior / (1.0 - prior)), trees, x.shape[1])
    if not np.allclose(model(x), gb.predict_proba(x)[:, 1], rtol=0, atol=1e-9):
        raise RuntimeError("the stored trees do not give scikit-learn's probabilities")
    return model


def _with_trees(
    stored: AnswerModel, fit: list[Row], tests: dict[str, list[Row]], languages: dict[str, str]
) -> AnswerModel:
    """The stored model with question trees fitted on the `fit` rows and an answer bar and doubtful
    bar chosen out-of-fold (`choose_tree_bars`); prints the bars' out-of-fold scores, then the fit rows
    out-of-fold and the pooled test halves (`tests`) beside the stored model."""
    # the logistic question model at its own bar (a model with trees keeps it as `question_bar`)
    plain = replace(stored, question_trees=None, answer_bar=stored.question_bar or stored.answer_bar)
    plain = replace(plain, question_bar=None, doubtful_q=DOUBTFUL_Q)
    x = tree_matrix(plain, fit)
    y = np.array([1.0 if r.item["answerable"] else 0.0 for r in fit])
    fold = folds(fit)
    per_row: list[AnswerModel] = [plain] * len(fit)
    for k in range(FOLDS):
        inside = np.array([f != k for f in fold])
        trees = fit_trees(x[inside], y[inside])
        for i, f in enumerate(fold):
            if f == k:
                per_row[i] = replace(plain, question_trees=trees)
    logistic = score_rows(plain, fit)
    bar, doubtful_q, by_bars = choose_tree_bars(per_row, fit, logistic)
    how = (
        f"answer bar {bar} and doubtful bar {doubtful_q} chosen on {FOLDS}-fold out-of-fold predictions: "
        "the most unanswerable questions refused, with no fewer answer passages shown and no more "
        "answerable questions refused than under the logistic question model"
    )
    decided = stored.provenance.split(TREES_NOTE)[0].rstrip(".")  # trees fitted before are replaced
    model = replace(
        plain,
        question_trees=fit_trees(x, y),
        answer_bar={"*": bar},
        question_bar=plain.answer_bar,
        doubtful_q=doubtful_q,
        provenance=(
            f"{decided}{TREES_NOTE}{datetime.now(UTC):%Y-%m-%d} by bench/answerability.py --trees on the "
            f"'fit' halves ({len(fit)} questions; {how})"
        ),
    )
    print(f"Model family {stored.family}; {model.provenance}.")
    print("Answer bar, doubtful bar: fit halves out-of-fold answer passages shown, wrongly abstained,")
    print(f"unanswerable abstained (the logistic question model: {' '.join(map(str, logistic))}):")
    for (b, dq), scores in by_bars.items():
        print(f"  {b:.2f} {dq:.2f}: {scores[0]} {scores[1]} {scores[2]}")
    chosen = [replace(m, answer_bar={"*": bar}, doubtful_q=doubtful_q) for m in per_row]
    print("\n## fit halves, logistic question model (fitted on them: not a result)")
    print(report(plain, fit, languages))
    print("\n## fit halves, question trees, out-of-fold\n" + report(plain, fit, languages, chosen))
    test = [r for rs in tests.values() for r in rs]
    print("\n## test halves (held out), logistic question model\n" + report(plain, test, languages))
    print("\n## test halves (held out), question trees\n" + report(model, test, languages))
    return model


DOUBTFUL_QS = (DOUBTFUL_Q, 0.6, 0.5, 0.0)
"""The doubtful bars (`AnswerModel.doubtful_q`) tried with the trees' answer bars: `DOUBTFUL_Q` was
chosen for the logistic question model, whose probabilities run higher; 0.0 is off."""


def choose_tree_bars(
    per_row: Sequence[AnswerModel], rows: list[Row], logistic: tuple[int, int, int]
) -> tuple[float, float, dict[tuple[float, float], tuple[int, int, int]]]:
    """The answer bar (of `TREE_BARS`) and doubtful bar (of `DOUBTFUL_QS`) for the question trees that
    refuse the most unanswerable `rows`, each decided by its own model (`per_row`: with trees that did
    not see it), among the pairs that show no fewer answer passages and wrongly abstain on no more rows
    than `logistic` (the logistic question model's (hits, wrong abstentions, abstentions) on the same
    rows); ties go to fewer wrong abstentions, then the lower answer bar, then the first doubtful bar of
    `DOUBTFUL_QS`. When no pair does, the lowest
    answer bar with `DOUBTFUL_Q`. Also returns every pair's (hits, wrong abstentions, abstentions)."""
    by_bars = {
        (bar, dq): score_rows(
            per_row[0], rows, per_row=[replace(m, answer_bar={"*": bar}, doubtful_q=dq) for m in per_row]
        )
        for bar in TREE_BARS
        for dq in DOUBTFUL_QS
    }
    allowed = [k for k, (h, w, _) in by_bars.items() if h >= logistic[0] and w <= logistic[1]]
    if not allowed:
        return min(TREE_BARS), DOUBTFUL_Q, by_bars
    bar, dq = max(allowed, key=lambda k: (by_bars[k][2], -by_bars[k][1], -k[0]))
    return bar, dq, by_bars


RANKER_NOTE = "; ranker fitted "
RANKER_BARS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def choose_ranker_bar(
    per_row: Sequence[AnswerModel], rows: list[Row]
) -> tuple[float, dict[float, tuple[int, int, int]]]:
    """The ranker bar (`AnswerModel.ranker_bar`, one of `RANKER_BARS`) that maximises `_objective`
    over `rows`, each decided by its own model (`per_row`: with a ranker that did not see it), among
    the bars that wrongly abstain on at most `WRONG_ABSTENTION_CAP` of the answerable rows (all bars
    when none does); ties go to the higher bar. Also returns every bar's (hits, wrong abstentions,
    abstentions)."""
    answerable = max(1, sum(bool(r.item["answerable"]) for r in rows))
    by_bar = {
        bar: score_rows(per_row[0], rows, per_row=[replace(m, ranker_bar=bar) for m in per_row])
        for bar in RANKER_BARS
    }
    allowed = [b for b in RANKER_BARS if by_bar[b][1] <= WRONG_ABSTENTION_CAP * answerable] or list(
        RANKER_BARS
    )
    return max(allowed, key=lambda b: (_objective(by_bar[b]), b)), by_bar


def _fit_ranker(rows: list[Row], l2: float) -> Logistic:
    """A passage model over every feature, fitted on the candidates of `rows`."""
    return Logistic.fit(np.vstack([r.x for r in rows]), np.concatenate([r.labels for r in rows]), l2)


def likely_f1(model: AnswerModel, rows: list[Row]) -> float:
    """F1 of the `likely` mark over the passages shown to the answered questions of `rows`: a shown
    passage marked likely counts as a true positive when it holds an answer, a false positive when
    not; an answer passage shown but not marked likely is a false negative."""
    tp = fp = fn = 0
    for r in rows:
        answered, shown, p, _ = model.decide(r.x, r.eligible, r.language, 5, r.unknown, r.profile, r.window)
        if not answered:
            continue
        for i, marked in zip(shown, model.likely(p, shown), strict=True):
            tp += bool(marked and r.labels[i])
            fp += bool(marked and not r.labels[i])
            fn += bool(not marked and r.labels[i])
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fit(
    family: str, fit: list[Row], l2: float, built_with: str, counts: str
) -> tuple[AnswerModel, tuple[int, int, int]]:
    """Both logistic models fitted on all the fit rows (`counts` says from which sets), with the bars
    chosen by `choose_bars` on out-of-fold predictions of the same rows; and the (hits, wrong
    abstentions, abstentions) those predictions give with the chosen bars."""
    passage, question = _fit_models(fit, l2)
    bar, passage_bar, held = choose_bars(held_out(fit, l2))
    y = np.concatenate([r.labels for r in fit])
    provenance = (
        f"fitted {datetime.now(UTC):%Y-%m-%d} by bench/answerability.py on the 'fit' halves of bench/devset "
        f"({counts} questions, {int(y.sum())} answer candidates among {len(y)}; bars chosen on "
        f"{FOLDS}-fold out-of-fold predictions), {built_with}"
    )
    model = AnswerModel(
        family,
        passage,
        question,
        {"*": float(bar)},
        LIKELY_BAR,
        provenance,
        passage_bar,
        features=DECIDING_FEATURES,
        ranker=_fit_ranker(fit, l2),
        ranker_features=FEATURES,
    )
    return model, held


def _fit_models(rows: list[Row], l2: float) -> tuple[Logistic, Logistic]:
    """The passage model on the rows' candidates (over `DECIDING_FEATURES`), then the sign-constrained
    question model."""
    x = np.vstack([r.x for r in rows])
    y = np.concatenate([r.labels for r in rows])
    passage = Logistic.fit(feature_columns(x, DECIDING_FEATURES), y, l2)
    qx = np.vstack(
        [
            question_features(
                r.x,
                passage(feature_columns(r.x, DECIDING_FEATURES)),
                r.eligible if r.profile is None else r.profile,
                r.unknown,
                r.window,
            )
            for r in rows
        ]
    )
    qy = np.array([1.0 if r.item["answerable"] else 0.0 for r in rows])
    question = Logistic.fit(qx, qy, l2, signs=[QUESTION_SIGNS.get(f, 0) for f in QUESTION_FEATURES])
    return passage, question


FOLDS = 5
ANSWER_BARS = tuple(round(float(b), 2) for b in np.arange(0.2, 0.85, 0.05))
PASSAGE_BARS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
WRONG_ABSTENTION_CAP = 3 / 45
"""The share of answerable questions a chosen bar may refuse: issue 11's held-out target allows
3 of 45. Without it the fit half's objective picks 0.65, which refuses 10 of its 133 answerable
questions out-of-fold (7.5%): a researcher who is refused the answer the collection holds loses
more than the objective's one question."""


def folds(rows: list[Row], n: int = FOLDS) -> list[int]:
    """A fold number in [0, n) per row, stratified: rows are ordered by (answerable, language,
    follow-up, id) and dealt out in turn, so every fold holds a like share of each kind."""
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            bool(rows[i].item["answerable"]),
            rows[i].language,
            bool(rows[i].item.get("follow_up")),
            str(rows[i].item["id"]),
        ),
    )
    fold = [0] * len(rows)
    for j, i in enumerate(order):
        fold[i] = j % n
    return fold


@dataclass(frozen=True)
class Held:
    """What a bar decides for one row, from a model that did not see it: the question probability,
    the best passage probability among the eligible top candidates, whether any candidate is
    eligible, and whether the passages an answer would show hold an answer."""

    answerable: bool
    q: float
    best_p: float
    any_eligible: bool
    hit: bool

    def answered(self, bar: float, passage_bar: float) -> bool:
        """`AnswerModel.decide`'s decision at these bars."""
        return (
            self.any_eligible
            and self.best_p >= MIN_ANSWER_P
            and (self.q >= bar or (passage_bar < 1.0 and self.best_p >= passage_bar))
        )


def held_out(rows: list[Row], l2: float, n: int = FOLDS) -> list[Held]:
    """Out-of-fold outcomes: each row is scored by the models fitted on the other `n - 1` folds."""
    fold = folds(rows, n)
    out: list[Held | None] = [None] * len(rows)
    for f in range(n):
        passage, question = _fit_models([r for r, g in zip(rows, fold, strict=True) if g != f], l2)
        model = AnswerModel("", passage, question, {"*": 0.0}, LIKELY_BAR, "", 1.0, DECIDING_FEATURES)
        for i, r in enumerate(rows):
            if fold[i] != f:
                continue
            _, shown, p, q = model.decide(r.x, r.eligible, r.language, 5, r.unknown, r.profile, r.window)
            ok = [j for j in in_window(len(p), r.window) if r.eligible[j]]
            out[i] = Held(
                bool(r.item["answerable"]),
                q,
                max((float(p[j]) for j in ok), default=0.0),
                bool(shown),
                any(r.labels[j] for j in shown),
            )
    return [h for h in out if h is not None]


def choose_bars(held: Sequence[Held]) -> tuple[float, float, tuple[int, int, int]]:
    """The answer bar and passage bar that maximise `_objective` over `held` (out-of-fold outcomes,
    `held_out`) among the bars that wrongly abstain on at most `WRONG_ABSTENTION_CAP` of its
    answerable rows (all bars when none does), and the (hits, wrong abstentions, abstentions) they
    give there. Out-of-fold, because the probabilities of the very questions a model was fitted on
    overstate how sure it is. Ties go to the higher passage bar, then the lower answer bar."""
    answerable = max(1, sum(h.answerable for h in held))

    def scores(bar: float, pb: float) -> tuple[int, int, int]:
        hits = wrong = abstained = 0
        for h in held:
            answered = h.answered(bar, pb)
            if h.answerable:
                hits += answered and h.hit
                wrong += not answered
            else:
                abstained += not answered
        return hits, wrong, abstained

    grid = [(a, pb) for a in ANSWER_BARS for pb in PASSAGE_BARS]
    allowed = [ab for ab in grid if scores(*ab)[1] <= WRONG_ABSTENTION_CAP * answerable] or grid
    bar, pb = max(allowed, key=lambda ab: (_objective(scores(*ab)), ab[1], -ab[0]))
    return bar, pb, scores(bar, pb)


def _objective(scores: tuple[int, int, int]) -> float:
    """Each question counts once: an answer shown, or an abstention on a question the collection does
    not answer; a wrong abstention also costs a question (users rely on getting an answer)."""
    hits, wrong, abstained = scores
    return hits + abstained - WRONG_ABSTENTION_COST * wrong


if __name__ == "__main__":
    main()
