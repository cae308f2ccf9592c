"""Fit the answerability model (index/answerability.py) on the "fit" half of the domain dev set and
report both halves.

    .venv/bin/python -m bench.answerability --data DIR [--model auto] [--write]

Every dev-set question is scored once (GroundIndex.score). Each candidate group becomes one row of
features (index.answerability.FEATURES), labelled 1 when it holds one of the question's answer
quotes; the passage model is fitted on the rows of the "fit" questions. Each question then becomes
one row of QUESTION_FEATURES (from its candidates' probabilities), labelled 1 when answerable; the
question model is fitted on the "fit" questions. One answer bar (for every language: the question
model sees the language) and the show bar are chosen on the "fit" questions to maximise the number of
questions handled right (an answer passage shown, or an abstention where the collection has no
answer) minus the wrong abstentions. The table reports both halves with the held-out kinds; only the
"test" rows are results. `--write` stores the model in index/answer_models.json under the embedder's
family.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench.devset_eval import CATEGORIES, categories_of, contains_answer, load_devset
from index.answerability import (
    FEATURES,
    MODELS_FILE,
    QUESTION_FEATURES,
    QUESTION_SIGNS,
    AnswerModel,
    Logistic,
    family_of,
    features,
    question_features,
    unknown_share,
)
from index.embedding.load import Models
from index.engine import GroundIndex
from index.types import Query

WRONG_ABSTENTION_COST = 1.0
MANIFEST = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "manifest.csv"


@dataclass
class Row:
    item: dict[str, object]
    x: np.ndarray
    labels: np.ndarray
    eligible: list[bool]
    language: str
    unknown: float


def collect(index: GroundIndex) -> list[Row]:
    paths = {r.id: Path(r.path).name for r in index.sources()}
    rows = []
    for item in load_devset():
        scored = index.score(Query(str(item["question"]), k=5, history=tuple(item.get("history", []))))
        labels = []
        for g in scored.groups:
            files: set[str | None] = {paths[r.passage.source_id] for r in [g.head, *g.duplicates]}
            labels.append(
                bool(item["answerable"]) and contains_answer(g.head.passage.text, files, item["answers"])  # type: ignore[arg-type]
            )
        rows.append(
            Row(
                item,
                features(scored),
                np.asarray(labels, dtype=np.float64),
                [not g.missing for g in scored.groups],
                scored.language,
                unknown_share(scored),
            )
        )
    return rows


def outcome(model: AnswerModel, row: Row) -> tuple[bool, bool]:
    """(answered, an answer passage is shown)."""
    answered, shown, _, _ = model.decide(row.x, row.eligible, row.language, 5, row.unknown)
    return answered, any(row.labels[i] for i in shown)


def score_rows(model: AnswerModel, rows: list[Row]) -> tuple[int, int, int]:
    """(answerable questions with an answer passage shown, answerable questions wrongly abstained,
    unanswerable questions abstained)."""
    hits = wrong = abstained = 0
    for r in rows:
        answered, hit = outcome(model, r)
        if r.item["answerable"]:
            hits += hit
            wrong += not answered
        else:
            abstained += not answered
    return hits, wrong, abstained


def report(model: AnswerModel, rows: list[Row], languages: dict[str, str]) -> str:
    cats: dict[str, list[int]] = {c: [0, 0] for c in CATEGORIES}
    una = [0, 0]
    wrong = [0, 0]
    for r in rows:
        answered, hit = outcome(model, r)
        if not r.item["answerable"]:
            una[0] += not answered
            una[1] += 1
            continue
        wrong[0] += not answered
        wrong[1] += 1
        for c in categories_of(r.item, languages):  # type: ignore[arg-type]
            cats[c][0] += hit
            cats[c][1] += 1
    lines = [f"| {c}: answer passage shown in the top 5 | {h}/{n} |" for c, (h, n) in cats.items()]
    lines.append(f"| unanswerable questions abstained | {una[0]}/{una[1]} |")
    lines.append(f"| answerable questions wrongly abstained | {wrong[0]}/{wrong[1]} |")
    return "\n".join(["| kind | result |", "|---|---|", *lines])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(".test-cache/demo-data"))
    ap.add_argument("--model", default="auto", help="GROUNDQA_MODEL the data dir was built with")
    ap.add_argument("--models", type=Path, default=Path(".test-cache/models"), help="model cache folder")
    ap.add_argument("--l2", type=float, default=2.0, help="ridge penalty of both logistic models")
    ap.add_argument("--write", action="store_true", help="store the fitted model in index/answer_models.json")
    args = ap.parse_args(argv)
    from index.local.catalog import LocalCatalog

    backend = LocalCatalog(args.data).open()
    embedder = Models(args.model, "auto", args.models).for_fingerprint(backend.info.model)
    index = GroundIndex(backend, embedder)
    rows = collect(index)
    fit = [r for r in rows if r.item["split"] == "fit"]
    test = [r for r in rows if r.item["split"] == "test"]
    x = np.vstack([r.x for r in fit])
    y = np.concatenate([r.labels for r in fit])
    family = family_of(embedder.fingerprint)
    passage = Logistic.fit(x, y, args.l2)
    qx = np.vstack([question_features(r.x, passage(r.x), r.eligible, r.unknown) for r in fit])
    qy = np.array([1.0 if r.item["answerable"] else 0.0 for r in fit])
    question = Logistic.fit(qx, qy, args.l2, signs=[QUESTION_SIGNS.get(f, 0) for f in QUESTION_FEATURES])
    bars = [round(b, 2) for b in np.arange(0.2, 0.85, 0.05)]
    shows = [0.05, 0.1, 0.2, 0.3, 0.5]

    def model_with(answer: float, show: float) -> AnswerModel:
        return AnswerModel(family, passage, question, {"*": answer}, show)

    show_bar = max(shows, key=lambda sb: _objective(score_rows(model_with(0.5, sb), fit)))
    passage_bars = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0]
    bar, passage_bar = max(
        ((a, pb) for a in bars for pb in passage_bars),
        key=lambda ab: (
            _objective(score_rows(replace(model_with(ab[0], show_bar), passage_bar=ab[1]), fit)),
            ab[1],
        ),
    )
    answer_bar = {"*": float(bar)}
    provenance = (
        f"fitted {datetime.now(UTC):%Y-%m-%d} by bench/answerability.py on the 'fit' half of bench/devset "
        f"({len(fit)} questions, {int(y.sum())} answer candidates among {len(y)}), "
        f"index {backend.info.version} built with {embedder.fingerprint}"
    )
    model = AnswerModel(family, passage, question, answer_bar, show_bar, provenance, passage_bar)
    with open(MANIFEST, encoding="utf-8") as fh:
        languages = {r["file"]: r["language"] for r in csv.DictReader(fh)}
    print(f"Model family {family}; {provenance}.")
    print("Passage weights (standardised features):")
    for name, w in zip(FEATURES, passage.weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")
    print("Question weights:")
    for name, w in zip(QUESTION_FEATURES, question.weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")
    print(f"Bars: answer {answer_bar}, show {show_bar}, passage {passage_bar}\n")
    print("## fit half (fitted on it: not a result)\n" + report(model, fit, languages))
    print("\n## test half (held out)\n" + report(model, test, languages))
    if args.write:
        data = json.loads(MODELS_FILE.read_text("utf-8")) if MODELS_FILE.is_file() else {}
        data[family] = model.to_json()
        MODELS_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"\nwrote {MODELS_FILE} [{family}]")


def _objective(scores: tuple[int, int, int]) -> float:
    """Each question counts once: an answer shown, or an abstention on a question the collection does
    not answer; a wrong abstention also costs a question (users rely on getting an answer)."""
    hits, wrong, abstained = scores
    return hits + abstained - WRONG_ABSTENTION_COST * wrong


if __name__ == "__main__":
    main()
