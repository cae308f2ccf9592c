"""Run the domain dev set (bench/devset/questions.jsonl) through a GroundIndex and score it.

A returned passage is a hit when it comes from a file named by one of the question's answers and
contains that answer's quote (whitespace-normalised), or either half of it when the quote was cut at
a passage boundary.
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
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def load_devset(path: Path = DEVSET) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


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
    failures: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        return {
            "hit@5": self.hit_at_5 / max(self.answerable, 1),
            "abstained_unanswerable": self.correctly_abstained / max(self.unanswerable, 1),
            "abstained_answerable": self.wrongly_abstained / max(self.answerable, 1),
        }


def evaluate_devset(index: GroundIndex, items: list[dict[str, Any]] | None = None) -> DevsetResult:
    items = items if items is not None else load_devset()
    paths = {r.id: Path(r.path).name for r in index.sources()}
    res = DevsetResult()
    for item in items:
        lang = item.get("language", "en")
        stats = res.per_language.setdefault(
            lang, {"answerable": 0, "hit@5": 0, "unanswerable": 0, "abstained_ok": 0, "abstained_wrong": 0}
        )
        answer = index.search(Query(item["question"], k=5, history=tuple(item.get("history", []))))
        if item["answerable"]:
            res.answerable += 1
            stats["answerable"] += 1
            if not answer.answered:
                res.wrongly_abstained += 1
                stats["abstained_wrong"] += 1
            if any(is_hit(h, item["answers"], paths) for h in answer.hits[:5]):
                res.hit_at_5 += 1
                stats["hit@5"] += 1
            else:
                res.failures.append(f"{item['id']}: miss{' (abstained)' if not answer.answered else ''}")
        else:
            res.unanswerable += 1
            stats["unanswerable"] += 1
            if not answer.answered:
                res.correctly_abstained += 1
                stats["abstained_ok"] += 1
            else:
                res.failures.append(f"{item['id']}: answered an unanswerable question")
    return res
