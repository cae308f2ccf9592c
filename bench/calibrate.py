"""Calibrate the abstention thresholds on the domain dev set (per query language).

    .venv/bin/python -m bench.calibrate [--data DIR] [--split fit|test|all]

Scores every dev-set question once (GroundIndex.score), then searches a small grid of thresholds for
each language, maximising the sum of hit@5 and the balanced accuracy of the answered/abstained
decision (mean of "answerable and answered" and "unanswerable and abstained"). The thresholds are
fitted on one split (`--split`, default "fit"); the table reports them on every split, so the "test"
rows are honest held-out figures when fitting on "fit". Copy the thresholds into index/abstain.py
DEFAULT_THRESHOLDS.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass
from pathlib import Path

from bench.devset_eval import SPLITS, contains_answer, load_devset
from index.abstain import NO_DENSE, Thresholds, decide
from index.embedding.load import load_embedder
from index.engine import GroundIndex
from index.types import Query


@dataclass
class Item:
    id: str
    language: str
    split: str
    answerable: bool
    cands: list[tuple[float, float, bool]]  # (dense, coverage, holds an answer)


def collect(index: GroundIndex) -> list[Item]:
    paths = {r.id: Path(r.path).name for r in index.sources()}
    out = []
    for q in load_devset():
        scored = index.score(Query(q["question"], k=5, history=tuple(q.get("history", []))))
        cands = []
        for g in scored.groups:
            files: set[str | None] = {paths[r.passage.source_id] for r in [g.head, *g.duplicates]}
            text = g.head.passage.text
            cands.append(
                (g.dense, g.coverage, bool(q["answerable"]) and contains_answer(text, files, q["answers"]))
            )
        out.append(
            Item(q["id"], q.get("language", "en"), q.get("split", "fit"), bool(q["answerable"]), cands)
        )
    return out


def evaluate(items: list[Item], t: Thresholds) -> tuple[float, float, float, float]:
    """(balanced accuracy, hit@5, answered share of answerable, abstained share of unanswerable)."""
    ans = [i for i in items if i.answerable]
    una = [i for i in items if not i.answerable]
    answered_ok = hits = abstained_ok = 0
    for i in ans:
        answered, shown = decide([(c[0], c[1]) for c in i.cands], t, 5)
        answered_ok += answered
        hits += any(i.cands[j][2] for j in shown)
    for i in una:
        abstained_ok += not decide([(c[0], c[1]) for c in i.cands], t, 5)[0]
    a = answered_ok / max(len(ans), 1)
    u = abstained_ok / max(len(una), 1)
    return (a + u) / 2, hits / max(len(ans), 1), a, u


def grid() -> list[Thresholds]:
    dense = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, NO_DENSE]
    cov = [0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, NO_DENSE]
    floor = [-1.0, 0.2, 0.3, 0.4]
    combined = [1.0, 1.1, 1.2, 1.3, NO_DENSE]
    hit = [(0.0, 0.0), (0.4, 0.4), (0.5, 0.5), (NO_DENSE, 0.3)]
    return [
        Thresholds(d, c, f, m, hd, hc)
        for d, c, f, m, (hd, hc) in itertools.product(dense, cov, floor, combined, hit)
    ]


def in_split(item: Item, split: str) -> bool:
    return split == "all" or item.split == split


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(".test-cache/demo-data"))
    ap.add_argument(
        "--split", choices=SPLITS, default="fit", help="split to fit the thresholds on (default fit)"
    )
    args = ap.parse_args(argv)
    index = GroundIndex.open(args.data, load_embedder("", "auto", args.data / "models"))
    items = collect(index)
    print(f"Thresholds fitted on split {args.split!r}; every split is reported with them.")
    print()
    print(
        "| language | split | questions | dense | coverage | floor | combined | hit bars "
        "| balanced acc | hit@5 | answered | abstained |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for lang in sorted({i.language for i in items}):
        fitted_on = [i for i in items if i.language == lang and in_split(i, args.split)]
        best = max(grid(), key=lambda t: sum(evaluate(fitted_on, t)[:2]))
        for split in SPLITS:
            sub = [i for i in items if i.language == lang and in_split(i, split)]
            if not sub:
                continue
            bal, hit, a, u = evaluate(sub, best)
            print(
                f"| {lang} | {split} | {len(sub)} | {best.dense} | {best.coverage} | {best.dense_floor} "
                f"| {best.combined} | {best.hit_dense}/{best.hit_coverage} | {bal:.3f} | {hit:.3f} | {a:.3f} "
                f"| {u:.3f} |"
            )


if __name__ == "__main__":
    main()
