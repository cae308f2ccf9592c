"""Follow-ups on the dev set: detection (index.followup) and what reading a thread does to the answers.

    .venv/bin/python -m bench.followups [--data .test-cache/demo-data]

For every dev-set item asked inside a thread (`history` not empty) it reports, per language:
- detection: dependent follow-ups read as dependent, self-contained questions read as standalone;
- hit@5 of the answers as groundqa asks them now (history only when the question points back),
  as it asked them before (history always blended in), and with no history at all;
- for self-contained questions: how many get exactly the passages they get when asked alone.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

from bench.devset_eval import is_hit, load_devset
from index.engine import GroundIndex
from index.followup import Reading, depends_on_history
from index.types import Answer, Query

ROOT = Path(__file__).resolve().parents[1]


def _always(question: str, history: Any) -> Reading:
    earlier = tuple(h.strip() for h in history if h.strip())[-2:]
    return Reading(depends=bool(earlier), cue="(always)", read_with=earlier)


def _ask(index: GroundIndex, item: dict[str, Any], history: tuple[str, ...], *, always: bool) -> Answer:
    query = Query(item["question"], k=5, history=history)
    if always:
        with mock.patch("index.engine.read_question", _always):
            return index.search(query)
    return index.search(query)


def run(index: GroundIndex) -> dict[str, dict[str, int]]:
    paths = {r.id: Path(r.path).name for r in index.sources()}
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in load_devset():
        if not item["history"]:
            continue
        kind = "follow-up" if item["follow_up"] else "self-contained"
        s = stats[f"{kind} {item['language']}"]
        history = tuple(item["history"])
        s["items"] += 1
        s["detected"] += depends_on_history(item["question"], history) == item["follow_up"]
        now = _ask(index, item, history, always=False)
        before = _ask(index, item, history, always=True)
        alone = _ask(index, item, (), always=False)
        if item["answerable"]:
            s["answerable"] += 1
            for name, answer in (("now", now), ("before", before), ("alone", alone)):
                s[f"hit@5 {name}"] += any(is_hit(h, item["answers"], paths) for h in answer.hits[:5])
        else:
            s["unanswerable"] += 1
            for name, answer in (("now", now), ("before", before), ("alone", alone)):
                s[f"abstained {name}"] += not answer.answered
        if not item["follow_up"]:
            ids_alone = [h.passage.id for h in alone.shown]
            s["same as alone"] += [h.passage.id for h in now.shown] == ids_alone
            s["same as alone before"] += [h.passage.id for h in before.shown] == ids_alone
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".test-cache" / "demo-data")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.embedding.load import load_embedder

    index = GroundIndex.open(args.data, load_embedder("", "auto", ROOT / ".test-cache" / "models"))
    stats = run(index)
    cols = ["items", "detected", "answerable", "hit@5 now", "hit@5 before", "hit@5 alone"]
    cols += ["unanswerable", "abstained now", "abstained before", "same as alone", "same as alone before"]
    print("| | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for key in sorted(stats):
        print(f"| {key} | " + " | ".join(str(stats[key].get(c, 0)) for c in cols) + " |")


if __name__ == "__main__":
    main()
