"""Run the domain dev set (bench/devset/questions.jsonl) through a GroundIndex and score it.

A returned passage is a hit when it comes from a file named by one of the question's answers and
contains that answer's quote (whitespace-normalised), or either half of it when the quote was cut at
a passage boundary.

Every item carries a `split` ("fit" or "test", see bench/devset/README.md): fit thresholds on "fit" and
report "test". `evaluate_devset(..., split=...)` scores one half or, with "all", both, and always keeps
the counts of each half apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.engine import GroundIndex
from index.types import Hit, Query

DEVSET = Path(__file__).resolve().parent / "devset" / "questions.jsonl"
SPLITS = ("fit", "test", "all")
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def load_devset(path: Path = DEVSET, split: str = "all") -> list[dict[str, Any]]:
    """The dev-set items, all of them or those of one split ("fit" or "test")."""
    with open(path, encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return select_split(items, split)


def select_split(items: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """Items of one split; "all" keeps every item."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return items if split == "all" else [item for item in items if item.get("split") == split]


def is_hit(hit: Hit, answers: Iterable[dict[str, str]], paths: dict[str, str]) -> bool:
    files = {paths.get(hit.source.id)} | {paths.get(d.source.id) for d in hit.duplicates}
    return contains_answer(hit.passage.text, files, answers)


def contains_answer(passage_text: str, files: set[str | None], answers: Iterable[dict[str, str]]) -> bool:
    text = norm(passage_text)
    for a in answers:
        if a["file"] not in files:
            continue
        quote = norm(a["quote"])
        words = quote.split(" ")
        halves = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
        if quote in text or any(len(h.split(" ")) >= 4 and h in text for h in halves):
            return True
    return False


@dataclass
class DevsetResult:
    answerable: int = 0
    unanswerable: int = 0
    hit_at_5: int = 0  # answerable questions with a hit among the top 5 answer passages
    wrongly_abstained: int = 0
    correctly_abstained: int = 0
    per_language: dict[str, dict[str, int]] = field(default_factory=dict)
    # Keyed "fit en", "fit ko", "test en", ...: the same counts per split and question language.
    per_split: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        return {
            "hit@5": self.hit_at_5 / max(self.answerable, 1),
            "abstained_unanswerable": self.correctly_abstained / max(self.unanswerable, 1),
            "abstained_answerable": self.wrongly_abstained / max(self.answerable, 1),
        }


def _bump(stats: list[dict[str, int]], key: str) -> None:
    for s in stats:
        s[key] += 1


def evaluate_devset(
    index: GroundIndex, items: list[dict[str, Any]] | None = None, split: str = "all"
) -> DevsetResult:
    """Search every item (with its history) and count hits and abstentions, per language and split."""
    items = select_split(items if items is not None else load_devset(), split)
    paths = {r.id: Path(r.path).name for r in index.sources()}
    res = DevsetResult()
    zero = {"answerable": 0, "hit@5": 0, "unanswerable": 0, "abstained_ok": 0, "abstained_wrong": 0}
    for item in items:
        lang = item.get("language", "en")
        stats = [
            res.per_language.setdefault(lang, dict(zero)),
            res.per_split.setdefault(f"{item.get('split', '?')} {lang}", dict(zero)),
        ]
        answer = index.search(Query(item["question"], k=5, history=tuple(item.get("history", []))))
        if item["answerable"]:
            res.answerable += 1
            _bump(stats, "answerable")
            if not answer.answered:
                res.wrongly_abstained += 1
                _bump(stats, "abstained_wrong")
            if any(is_hit(h, item["answers"], paths) for h in answer.hits[:5]):
                res.hit_at_5 += 1
                _bump(stats, "hit@5")
            else:
                res.failures.append(f"{item['id']}: miss{' (abstained)' if not answer.answered else ''}")
        else:
            res.unanswerable += 1
            _bump(stats, "unanswerable")
            if not answer.answered:
                res.correctly_abstained += 1
                _bump(stats, "abstained_ok")
            else:
                res.failures.append(f"{item['id']}: answered an unanswerable question")
    return res
