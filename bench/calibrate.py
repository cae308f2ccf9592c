"""Calibrate the abstention thresholds on the domain dev set, per question language and model.

    .venv/bin/python -m bench.calibrate [--data DIR] [--model NAME] [--split fit|test|all]

Scores every dev-set question once (GroundIndex.score), then searches a grid of thresholds for each
question language. The objective is the product's: as many questions answered with an answer passage
shown as possible, few answerable questions wrongly abstained, and most unanswerable ones abstained;
it maximises hit@5 + answered share + 1.5 x abstained share (abstaining on a question the collection
does not answer matters as much as a hit). Thresholds are fitted on one split (`--split`, default
"fit"); the table reports every split with them, so the "test" rows are honest held-out figures.
Copy the printed thresholds into index/abstain.py (the table for the model's family).
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.devset_eval import SPLITS, contains_answer, load_devset
from index.abstain import NO_DENSE, Thresholds, decide
from index.embedding.load import load_embedder
from index.engine import GroundIndex
from index.types import Query

ABSTAIN_WEIGHT = 1.5


@dataclass
class Candidate:
    dense: float
    coverage: float
    eligible: bool  # satisfies the question's key constraints
    answer: bool  # holds one of the item's answer quotes


@dataclass
class Item:
    id: str
    language: str
    split: str
    answerable: bool
    cands: list[Candidate]


def collect(index: GroundIndex) -> list[Item]:
    paths = {r.id: Path(r.path).name for r in index.sources()}
    out = []
    for q in load_devset():
        scored = index.score(Query(q["question"], k=5, history=tuple(q.get("history", []))))
        cands = []
        for g in scored.groups:
            files: set[str | None] = {paths[r.passage.source_id] for r in [g.head, *g.duplicates]}
            holds = bool(q["answerable"]) and contains_answer(g.head.passage.text, files, q["answers"])
            cands.append(Candidate(g.dense, g.coverage, not g.missing, holds))
        out.append(
            Item(q["id"], q.get("language", "en"), q.get("split", "fit"), bool(q["answerable"]), cands)
        )
    return out


def _decide(item: Item, t: Thresholds) -> tuple[bool, list[int]]:
    return decide(
        [(c.dense, c.coverage) for c in item.cands], t, 5, eligible=[c.eligible for c in item.cands]
    )


def evaluate(items: list[Item], t: Thresholds) -> tuple[float, float, float]:
    """(hit@5 share of answerable, answered share of answerable, abstained share of unanswerable)."""
    ans = [i for i in items if i.answerable]
    una = [i for i in items if not i.answerable]
    answered_ok = hits = abstained_ok = 0
    for i in ans:
        answered, shown = _decide(i, t)
        answered_ok += answered
        hits += any(i.cands[j].answer for j in shown)
    for i in una:
        abstained_ok += not _decide(i, t)[0]
    return hits / max(len(ans), 1), answered_ok / max(len(ans), 1), abstained_ok / max(len(una), 1)


def objective(scores: tuple[float, float, float]) -> float:
    hit, answered, abstained = scores
    return hit + answered + ABSTAIN_WEIGHT * abstained


def grid(items: list[Item]) -> list[Thresholds]:
    """Thresholds spanning the observed scores: dense bars at quantiles of the candidates' cosines."""
    dense_scores = np.array([c.dense for i in items for c in i.cands[:10] if c.dense > 0] or [0.5])
    dense = sorted({round(float(q), 3) for q in np.quantile(dense_scores, [0.5, 0.7, 0.8, 0.9, 0.95, 0.98])})
    dense.append(NO_DENSE)
    cov = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, NO_DENSE]
    floor = [-1.0, *[round(float(q), 3) for q in np.quantile(dense_scores, [0.2, 0.5])]]
    combined = [round(d + c, 3) for d, c in itertools.product(dense[:3], (0.3, 0.5))] + [NO_DENSE]
    hit = [(0.0, 0.0), (dense[0], 0.4), (dense[1], 0.5), (NO_DENSE, 0.3), (NO_DENSE, 0.5)]
    return [
        Thresholds(d, c, f, m, hd, hc)
        for d, c, f, m, (hd, hc) in itertools.product(dense, cov, floor, combined, hit)
    ]


def in_split(item: Item, split: str) -> bool:
    return split == "all" or item.split == split


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(".test-cache/demo-data"))
    ap.add_argument("--model", default="", help="embedding model the data dir was built with")
    ap.add_argument("--models", type=Path, default=Path(".test-cache/models"), help="model cache folder")
    ap.add_argument(
        "--split", choices=SPLITS, default="fit", help="split to fit the thresholds on (default fit)"
    )
    args = ap.parse_args(argv)
    index = GroundIndex.open(args.data, load_embedder(args.model, "auto", args.models))
    items = collect(index)
    print(f"Thresholds fitted on split {args.split!r}; every split is reported with them.")
    print()
    print(
        "| language | split | questions | dense | coverage | floor | combined | hit bars "
        "| hit@5 | answered | abstained |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for lang in sorted({i.language for i in items}):
        fitted_on = [i for i in items if i.language == lang and in_split(i, args.split)]
        best = max(grid(fitted_on), key=lambda t: objective(evaluate(fitted_on, t)))
        for split in SPLITS:
            sub = [i for i in items if i.language == lang and in_split(i, split)]
            if not sub:
                continue
            hit, a, u = evaluate(sub, best)
            print(
                f"| {lang} | {split} | {len(sub)} | {best.dense} | {best.coverage} | {best.dense_floor} "
                f"| {best.combined} | {best.hit_dense}/{best.hit_coverage} | {hit:.3f} | {a:.3f} | {u:.3f} |"
            )


if __name__ == "__main__":
    main()
