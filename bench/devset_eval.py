"""Run the domain dev set (bench/devset/questions.jsonl) through a GroundIndex and score it.

A returned passage is a hit when it comes from a file named by one of the question's answers and
contains that answer's quote (whitespace-normalised), or either half of it when the quote was cut at
a passage boundary.

Every item carries a `split` ("fit" or "test", see bench/devset/README.md): fit thresholds on "fit" and
report "test". `evaluate_devset(..., split=...)` scores one half or, with "all", both, and always keeps
the counts of each half apart.

A second set, bench/devset/audit.jsonl (`AUDIT`, `load_audit`), holds questions written later, by other
writers, to audit the engine on questions it was never tuned on; same schema, its own halves. Later
audits are sets of their own (`AUDIT3` to `AUDIT165`: bench/devset/audit3.jsonl to audit165.jsonl),
each with its own halves; audit 8 (2026-12-03) is cross-lingual only: 30 English questions answered by the
Korean laws and 30 Korean questions answered by English sources; audit 9 (2026-12-04) is cross-lingual
too, with 12 unanswerable questions, and English questions answered by the Chinese laws; audit 10
(2026-12-04) mixes every kind, with 14 unanswerable questions, most of them tempting; audit 11
(2026-12-04) too, with 20 unanswerable questions and some answerable ones that look unanswerable, and
audit 12 (2026-12-04) with 21 unanswerable questions and 11 answerable ones that look unanswerable;
audit 13 (2026-12-04) asks as researchers would, not to trick, with 18 unanswerable questions, and
audit 14 (2026-12-04) so too, leaning on cross-lingual questions, with 17 unanswerable ones, as
does audit 15 (2026-12-04), with 11 questions naming a provision, audit 16 (2026-12-04), with
28 cross-lingual questions and 10 naming a provision, and audits 17 and 18 (2026-12-04), mostly
English questions over many sources, as the questions the project is judged on. The answerability fit reads
every set's fit half (bench/answerability.py, since 2026-12-02 all of them; before, the dev and audit
sets) and reports each test half apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from index.engine import GroundIndex
from index.types import Hit, Query

DEVSET = Path(__file__).resolve().parent / "devset" / "questions.jsonl"
AUDIT = DEVSET.with_name("audit.jsonl")
AUDIT3 = DEVSET.with_name("audit3.jsonl")
AUDIT4 = DEVSET.with_name("audit4.jsonl")
AUDIT5 = DEVSET.with_name("audit5.jsonl")
AUDIT6 = DEVSET.with_name("audit6.jsonl")
AUDIT7 = DEVSET.with_name("audit7.jsonl")
AUDIT8 = DEVSET.with_name("audit8.jsonl")
AUDIT9 = DEVSET.with_name("audit9.jsonl")
AUDIT10 = DEVSET.with_name("audit10.jsonl")
AUDIT11 = DEVSET.with_name("audit11.jsonl")
AUDIT12 = DEVSET.with_name("audit12.jsonl")
AUDIT13 = DEVSET.with_name("audit13.jsonl")
AUDIT14 = DEVSET.with_name("audit14.jsonl")
AUDIT15 = DEVSET.with_name("audit15.jsonl")
AUDIT16 = DEVSET.with_name("audit16.jsonl")
AUDIT17 = DEVSET.with_name("audit17.jsonl")
AUDIT18 = DEVSET.with_name("audit18.jsonl")
AUDIT19 = DEVSET.with_name("audit19.jsonl")
AUDIT20 = DEVSET.with_name("audit20.jsonl")
AUDIT21 = DEVSET.with_name("audit21.jsonl")
AUDIT22 = DEVSET.with_name("audit22.jsonl")
AUDIT23 = DEVSET.with_name("audit23.jsonl")
AUDIT24 = DEVSET.with_name("audit24.jsonl")
AUDIT25 = DEVSET.with_name("audit25.jsonl")
AUDIT26 = DEVSET.with_name("audit26.jsonl")
AUDIT27 = DEVSET.with_name("audit27.jsonl")
AUDIT28 = DEVSET.with_name("audit28.jsonl")
AUDIT29 = DEVSET.with_name("audit29.jsonl")
AUDIT30 = DEVSET.with_name("audit30.jsonl")
AUDIT31 = DEVSET.with_name("audit31.jsonl")
AUDIT32 = DEVSET.with_name("audit32.jsonl")
AUDIT33 = DEVSET.with_name("audit33.jsonl")
AUDIT34 = DEVSET.with_name("audit34.jsonl")
AUDIT35 = DEVSET.with_name("audit35.jsonl")
AUDIT36 = DEVSET.with_name("audit36.jsonl")
AUDIT37 = DEVSET.with_name("audit37.jsonl")
AUDIT38 = DEVSET.with_name("audit38.jsonl")
AUDIT39 = DEVSET.with_name("audit39.jsonl")
AUDIT40 = DEVSET.with_name("audit40.jsonl")
AUDIT41 = DEVSET.with_name("audit41.jsonl")
AUDIT42 = DEVSET.with_name("audit42.jsonl")
AUDIT43 = DEVSET.with_name("audit43.jsonl")
AUDIT44 = DEVSET.with_name("audit44.jsonl")
AUDIT45 = DEVSET.with_name("audit45.jsonl")
AUDIT46 = DEVSET.with_name("audit46.jsonl")
AUDIT47 = DEVSET.with_name("audit47.jsonl")
AUDIT48 = DEVSET.with_name("audit48.jsonl")
AUDIT49 = DEVSET.with_name("audit49.jsonl")
AUDIT50 = DEVSET.with_name("audit50.jsonl")
AUDIT51 = DEVSET.with_name("audit51.jsonl")
AUDIT52 = DEVSET.with_name("audit52.jsonl")
AUDIT53 = DEVSET.with_name("audit53.jsonl")
AUDIT54 = DEVSET.with_name("audit54.jsonl")
AUDIT55 = DEVSET.with_name("audit55.jsonl")
AUDIT56 = DEVSET.with_name("audit56.jsonl")
AUDIT57 = DEVSET.with_name("audit57.jsonl")
AUDIT58 = DEVSET.with_name("audit58.jsonl")
AUDIT59 = DEVSET.with_name("audit59.jsonl")
AUDIT60 = DEVSET.with_name("audit60.jsonl")
AUDIT61 = DEVSET.with_name("audit61.jsonl")
AUDIT62 = DEVSET.with_name("audit62.jsonl")
AUDIT63 = DEVSET.with_name("audit63.jsonl")
AUDIT64 = DEVSET.with_name("audit64.jsonl")
AUDIT65 = DEVSET.with_name("audit65.jsonl")
AUDIT66 = DEVSET.with_name("audit66.jsonl")
AUDIT67 = DEVSET.with_name("audit67.jsonl")
AUDIT68 = DEVSET.with_name("audit68.jsonl")
AUDIT69 = DEVSET.with_name("audit69.jsonl")
AUDIT70 = DEVSET.with_name("audit70.jsonl")
AUDIT71 = DEVSET.with_name("audit71.jsonl")
AUDIT72 = DEVSET.with_name("audit72.jsonl")
AUDIT73 = DEVSET.with_name("audit73.jsonl")
AUDIT74 = DEVSET.with_name("audit74.jsonl")
AUDIT75 = DEVSET.with_name("audit75.jsonl")
AUDIT76 = DEVSET.with_name("audit76.jsonl")
AUDIT77 = DEVSET.with_name("audit77.jsonl")
AUDIT78 = DEVSET.with_name("audit78.jsonl")
AUDIT79 = DEVSET.with_name("audit79.jsonl")
AUDIT80 = DEVSET.with_name("audit80.jsonl")
AUDIT81 = DEVSET.with_name("audit81.jsonl")
AUDIT82 = DEVSET.with_name("audit82.jsonl")
AUDIT83 = DEVSET.with_name("audit83.jsonl")
AUDIT84 = DEVSET.with_name("audit84.jsonl")
AUDIT85 = DEVSET.with_name("audit85.jsonl")
AUDIT86 = DEVSET.with_name("audit86.jsonl")
AUDIT87 = DEVSET.with_name("audit87.jsonl")
AUDIT88 = DEVSET.with_name("audit88.jsonl")
AUDIT89 = DEVSET.with_name("audit89.jsonl")
AUDIT90 = DEVSET.with_name("audit90.jsonl")
AUDIT91 = DEVSET.with_name("audit91.jsonl")
AUDIT92 = DEVSET.with_name("audit92.jsonl")
AUDIT93 = DEVSET.with_name("audit93.jsonl")
AUDIT94 = DEVSET.with_name("audit94.jsonl")
AUDIT95 = DEVSET.with_name("audit95.jsonl")
AUDIT96 = DEVSET.with_name("audit96.jsonl")
AUDIT97 = DEVSET.with_name("audit97.jsonl")
AUDIT98 = DEVSET.with_name("audit98.jsonl")
AUDIT99 = DEVSET.with_name("audit99.jsonl")
AUDIT100 = DEVSET.with_name("audit100.jsonl")
AUDIT101 = DEVSET.with_name("audit101.jsonl")
AUDIT102 = DEVSET.with_name("audit102.jsonl")
AUDIT103 = DEVSET.with_name("audit103.jsonl")
AUDIT104 = DEVSET.with_name("audit104.jsonl")
AUDIT105 = DEVSET.with_name("audit105.jsonl")
AUDIT106 = DEVSET.with_name("audit106.jsonl")
AUDIT107 = DEVSET.with_name("audit107.jsonl")
AUDIT108 = DEVSET.with_name("audit108.jsonl")
AUDIT109 = DEVSET.with_name("audit109.jsonl")
AUDIT110 = DEVSET.with_name("audit110.jsonl")
AUDIT111 = DEVSET.with_name("audit111.jsonl")
AUDIT112 = DEVSET.with_name("audit112.jsonl")
AUDIT113 = DEVSET.with_name("audit113.jsonl")
AUDIT114 = DEVSET.with_name("audit114.jsonl")
AUDIT115 = DEVSET.with_name("audit115.jsonl")
AUDIT116 = DEVSET.with_name("audit116.jsonl")
AUDIT117 = DEVSET.with_name("audit117.jsonl")
AUDIT118 = DEVSET.with_name("audit118.jsonl")
AUDIT119 = DEVSET.with_name("audit119.jsonl")
AUDIT120 = DEVSET.with_name("audit120.jsonl")
AUDIT121 = DEVSET.with_name("audit121.jsonl")
AUDIT122 = DEVSET.with_name("audit122.jsonl")
AUDIT123 = DEVSET.with_name("audit123.jsonl")
AUDIT124 = DEVSET.with_name("audit124.jsonl")
AUDIT125 = DEVSET.with_name("audit125.jsonl")
AUDIT126 = DEVSET.with_name("audit126.jsonl")
AUDIT127 = DEVSET.with_name("audit127.jsonl")
AUDIT128 = DEVSET.with_name("audit128.jsonl")
AUDIT129 = DEVSET.with_name("audit129.jsonl")
AUDIT130 = DEVSET.with_name("audit130.jsonl")
AUDIT131 = DEVSET.with_name("audit131.jsonl")
AUDIT132 = DEVSET.with_name("audit132.jsonl")
AUDIT133 = DEVSET.with_name("audit133.jsonl")
AUDIT134 = DEVSET.with_name("audit134.jsonl")
AUDIT135 = DEVSET.with_name("audit135.jsonl")
AUDIT136 = DEVSET.with_name("audit136.jsonl")
AUDIT137 = DEVSET.with_name("audit137.jsonl")
AUDIT138 = DEVSET.with_name("audit138.jsonl")
AUDIT139 = DEVSET.with_name("audit139.jsonl")
AUDIT140 = DEVSET.with_name("audit140.jsonl")
AUDIT141 = DEVSET.with_name("audit141.jsonl")
AUDIT142 = DEVSET.with_name("audit142.jsonl")
AUDIT143 = DEVSET.with_name("audit143.jsonl")
AUDIT144 = DEVSET.with_name("audit144.jsonl")
AUDIT145 = DEVSET.with_name("audit145.jsonl")
AUDIT146 = DEVSET.with_name("audit146.jsonl")
AUDIT147 = DEVSET.with_name("audit147.jsonl")
AUDIT148 = DEVSET.with_name("audit148.jsonl")
AUDIT149 = DEVSET.with_name("audit149.jsonl")
AUDIT150 = DEVSET.with_name("audit150.jsonl")
AUDIT151 = DEVSET.with_name("audit151.jsonl")
AUDIT152 = DEVSET.with_name("audit152.jsonl")
AUDIT153 = DEVSET.with_name("audit153.jsonl")
AUDIT154 = DEVSET.with_name("audit154.jsonl")
AUDIT155 = DEVSET.with_name("audit155.jsonl")
AUDIT156 = DEVSET.with_name("audit156.jsonl")
AUDIT157 = DEVSET.with_name("audit157.jsonl")
AUDIT158 = DEVSET.with_name("audit158.jsonl")
AUDIT159 = DEVSET.with_name("audit159.jsonl")
AUDIT160 = DEVSET.with_name("audit160.jsonl")
AUDIT161 = DEVSET.with_name("audit161.jsonl")
AUDIT162 = DEVSET.with_name("audit162.jsonl")
AUDIT163 = DEVSET.with_name("audit163.jsonl")
AUDIT164 = DEVSET.with_name("audit164.jsonl")
AUDIT165 = DEVSET.with_name("audit165.jsonl")
QUESTION_SETS = {
    "dev set": DEVSET,
    "audit set": AUDIT,
    "audit 3": AUDIT3,
    "audit 4": AUDIT4,
    "audit 5": AUDIT5,
    "audit 6": AUDIT6,
    "audit 7": AUDIT7,
    "audit 8": AUDIT8,
    "audit 9": AUDIT9,
    "audit 10": AUDIT10,
    "audit 11": AUDIT11,
    "audit 12": AUDIT12,
    "audit 13": AUDIT13,
    "audit 14": AUDIT14,
    "audit 15": AUDIT15,
    "audit 16": AUDIT16,
    "audit 17": AUDIT17,
    "audit 18": AUDIT18,
    "audit 19": AUDIT19,
    "audit 20": AUDIT20,
    "audit 21": AUDIT21,
    "audit 22": AUDIT22,
    "audit 23": AUDIT23,
    "audit 24": AUDIT24,
    "audit 25": AUDIT25,
    "audit 26": AUDIT26,
    "audit 27": AUDIT27,
    "audit 28": AUDIT28,
    "audit 29": AUDIT29,
    "audit 30": AUDIT30,
    "audit 31": AUDIT31,
    "audit 32": AUDIT32,
    "audit 33": AUDIT33,
    "audit 34": AUDIT34,
    "audit 35": AUDIT35,
    "audit 36": AUDIT36,
    "audit 37": AUDIT37,
    "audit 38": AUDIT38,
    "audit 39": AUDIT39,
    "audit 40": AUDIT40,
    "audit 41": AUDIT41,
    "audit 42": AUDIT42,
    "audit 43": AUDIT43,
    "audit 44": AUDIT44,
    "audit 45": AUDIT45,
    "audit 46": AUDIT46,
    "audit 47": AUDIT47,
    "audit 48": AUDIT48,
    "audit 49": AUDIT49,
    "audit 50": AUDIT50,
    "audit 51": AUDIT51,
    "audit 52": AUDIT52,
    "audit 53": AUDIT53,
    "audit 54": AUDIT54,
    "audit 55": AUDIT55,
    "audit 56": AUDIT56,
    "audit 57": AUDIT57,
    "audit 58": AUDIT58,
    "audit 59": AUDIT59,
    "audit 60": AUDIT60,
    "audit 61": AUDIT61,
    "audit 62": AUDIT62,
    "audit 63": AUDIT63,
    "audit 64": AUDIT64,
    "audit 65": AUDIT65,
    "audit 66": AUDIT66,
    "audit 67": AUDIT67,
    "audit 68": AUDIT68,
    "audit 69": AUDIT69,
    "audit 70": AUDIT70,
    "audit 71": AUDIT71,
    "audit 72": AUDIT72,
    "audit 73": AUDIT73,
    "audit 74": AUDIT74,
    "audit 75": AUDIT75,
    "audit 76": AUDIT76,
    "audit 77": AUDIT77,
    "audit 78": AUDIT78,
    "audit 79": AUDIT79,
    "audit 80": AUDIT80,
    "audit 81": AUDIT81,
    "audit 82": AUDIT82,
    "audit 83": AUDIT83,
    "audit 84": AUDIT84,
    "audit 85": AUDIT85,
    "audit 86": AUDIT86,
    "audit 87": AUDIT87,
    "audit 88": AUDIT88,
    "audit 89": AUDIT89,
    "audit 90": AUDIT90,
    "audit 91": AUDIT91,
    "audit 92": AUDIT92,
    "audit 93": AUDIT93,
    "audit 94": AUDIT94,
    "audit 95": AUDIT95,
    "audit 96": AUDIT96,
    "audit 97": AUDIT97,
    "audit 98": AUDIT98,
    "audit 99": AUDIT99,
    "audit 100": AUDIT100,
    "audit 101": AUDIT101,
    "audit 102": AUDIT102,
    "audit 103": AUDIT103,
    "audit 104": AUDIT104,
    "audit 105": AUDIT105,
    "audit 106": AUDIT106,
    "audit 107": AUDIT107,
    "audit 108": AUDIT108,
    "audit 109": AUDIT109,
    "audit 110": AUDIT110,
    "audit 111": AUDIT111,
    "audit 112": AUDIT112,
    "audit 113": AUDIT113,
    "audit 114": AUDIT114,
    "audit 115": AUDIT115,
    "audit 116": AUDIT116,
    "audit 117": AUDIT117,
    "audit 118": AUDIT118,
    "audit 119": AUDIT119,
    "audit 120": AUDIT120,
    "audit 121": AUDIT121,
    "audit 122": AUDIT122,
    "audit 123": AUDIT123,
    "audit 124": AUDIT124,
    "audit 125": AUDIT125,
    "audit 126": AUDIT126,
    "audit 127": AUDIT127,
    "audit 128": AUDIT128,
    "audit 129": AUDIT129,
    "audit 130": AUDIT130,
    "audit 131": AUDIT131,
    "audit 132": AUDIT132,
    "audit 133": AUDIT133,
    "audit 134": AUDIT134,
    "audit 135": AUDIT135,
    "audit 136": AUDIT136,
    "audit 137": AUDIT137,
    "audit 138": AUDIT138,
    "audit 139": AUDIT139,
    "audit 140": AUDIT140,
    "audit 141": AUDIT141,
    "audit 142": AUDIT142,
    "audit 143": AUDIT143,
    "audit 144": AUDIT144,
    "audit 145": AUDIT145,
    "audit 146": AUDIT146,
    "audit 147": AUDIT147,
    "audit 148": AUDIT148,
    "audit 149": AUDIT149,
    "audit 150": AUDIT150,
    "audit 151": AUDIT151,
    "audit 152": AUDIT152,
    "audit 153": AUDIT153,
    "audit 154": AUDIT154,
    "audit 155": AUDIT155,
    "audit 156": AUDIT156,
    "audit 157": AUDIT157,
    "audit 158": AUDIT158,
    "audit 159": AUDIT159,
    "audit 160": AUDIT160,
    "audit 161": AUDIT161,
    "audit 162": AUDIT162,
    "audit 163": AUDIT163,
    "audit 164": AUDIT164,
    "audit 165": AUDIT165,
}
"""Every question set, by the name reports give it: the dev set first."""
SPLITS = ("fit", "test", "all")
# The day the sets are asked on: they were written from 2026-11-29 to 2026-12-06, so their "last year"
# and 작년 are 2025 (`index.question.calendar_year`), whenever the evaluation runs.
ASKED_ON = date(2026, 12, 1)
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def load_devset(path: Path = DEVSET, split: str = "all") -> list[dict[str, Any]]:
    """The dev-set items, all of them or those of one split ("fit" or "test")."""
    with open(path, encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return select_split(items, split)


def load_audit(split: str = "all") -> list[dict[str, Any]]:
    """The audit set's items (`AUDIT`), all of them or those of one split."""
    return load_devset(AUDIT, split)


def select_split(items: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """Items of one split; "all" keeps every item."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return items if split == "all" else [item for item in items if item.get("split") == split]


def is_hit(hit: Hit, answers: Iterable[dict[str, str]], paths: dict[str, str]) -> bool:
    return contains_answer(hit.passage.text, _files_of(hit, paths), answers)


def _files_of(hit: Hit, paths: dict[str, str]) -> set[str | None]:
    """The file names of the hit's source and of the sources of its near-duplicates."""
    return {paths.get(hit.source.id)} | {paths.get(d.source.id) for d in hit.duplicates}


def _quote_pieces(files: set[str | None], answers: Iterable[dict[str, str]]) -> Iterator[str]:
    """What finds an answer quote in a passage of one of `files` (normalised as `norm`): the quote,
    then each half of it of at least four words."""
    for a in answers:
        if a["file"] not in files:
            continue
        quote = norm(a["quote"])
        words = quote.split(" ")
        halves = (" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :]))
        yield quote
        yield from (h for h in halves if len(h.split(" ")) >= 4)


def contains_answer(passage_text: str, files: set[str | None], answers: Iterable[dict[str, str]]) -> bool:
    text = norm(passage_text)
    return any(piece in text for piece in _quote_pieces(files, answers))


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """`norm(text)` and, per character of it, the offset in `text` of the character it comes from."""
    out: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                at.append(i)
            continue
        for c in ch.casefold():
            out.append(c)
            at.append(i)
    if out and out[-1] == " ":
        out.pop()
        at.pop()
    return "".join(out), at


def marks_answer(hit: Hit, answers: Iterable[dict[str, str]], paths: dict[str, str]) -> bool:
    """Whether the hit's evidence spans (the sentences marked in its passage) overlap one of the
    answer quotes it holds, found as `contains_answer` finds them (the quote, or one half of it of at
    least four words)."""
    text, at = _normalised_with_offsets(hit.passage.text)
    for piece in _quote_pieces(_files_of(hit, paths), answers):
        # every place the quote stands ("ten experts" in the nominating sentence and in the answer)
        for found in re.finditer(re.escape(piece), text):
            begin, end = at[found.start()], at[found.end() - 1] + 1
            if any(e.start < end and e.end > begin for e in hit.evidence):
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
    """Search every item (with its history) and count hits and abstentions, per language and split.
    A hit is an answer passage among the passages that answer (`Answer.hits`, not the further ones)."""
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
        answer = index.search(
            Query(item["question"], k=5, history=tuple(item.get("history", [])), asked_on=ASKED_ON)
        )
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


CATEGORIES = ("en", "ko", "cross-lingual", "follow-up", "provision")


def categories_of(item: dict[str, Any], languages: dict[str, str]) -> list[str]:
    """The report rows an answerable item counts in (mirroring the held-out table's kinds).

    `languages` maps answer file names to their language (manifest.csv). A follow-up counts only as
    a follow-up, a cross-lingual question only as cross-lingual; provision questions also count in
    their language row.
    """
    if item.get("follow_up"):
        return ["follow-up"]
    answer_langs = {languages.get(a["file"], "und") for a in item["answers"]}
    if item["language"] not in answer_langs:
        return ["cross-lingual"]
    rows = [item["language"]]
    if item["kind"] == "provision":
        rows.append("provision")
    return rows


@dataclass
class CategoryReport:
    """Per split: answerable items with an answer passage shown in the top 5 (the passages that
    answer and the further ones), and with one among the passages that answer, per category; and the
    abstention figures. Counts are (hits, items)."""

    hits: dict[str, list[int]] = field(default_factory=dict)
    in_answers: dict[str, int] = field(default_factory=dict)
    unanswerable: list[int] = field(default_factory=lambda: [0, 0])  # abstained, items
    wrongly_abstained: list[int] = field(default_factory=lambda: [0, 0])  # abstained, answerable items
    # answer passages shown (the first of each question) whose marked evidence overlaps its answer
    marked: list[int] = field(default_factory=lambda: [0, 0])  # marked, answer passages shown
    unmarked: list[str] = field(default_factory=list)  # ids of the questions whose answer is not marked
    misses: list[str] = field(default_factory=list)

    def table(self) -> str:
        rows = ["| kind | shown in the top 5 | among the passages that answer |", "|---|---|---|"]
        for cat in CATEGORIES:
            h, n = self.hits.get(cat, [0, 0])
            rows.append(f"| {cat}: answer passage | {h}/{n} | {self.in_answers.get(cat, 0)}/{n} |")
        (ua, un), (wa, wn) = self.unanswerable, self.wrongly_abstained
        rows.append(f"| unanswerable questions abstained | {ua}/{un} | |")
        rows.append(f"| answerable questions wrongly abstained | {wa}/{wn} | |")
        mk, mn = self.marked
        rows.append(f"| answer passage shown with the answer marked (evidence) | {mk}/{mn} | |")
        return "\n".join(rows)


def category_report(
    index: GroundIndex, split: str, languages: dict[str, str], path: Path = DEVSET
) -> CategoryReport:
    """The held-out style table for one split ("fit", "test" or "all") of the set in `path` (the dev
    set; `AUDIT` for the audit set)."""
    paths = {r.id: Path(r.path).name for r in index.sources()}
    rep = CategoryReport()
    for item in load_devset(path, split=split):
        answer = index.search(
            Query(item["question"], k=5, history=tuple(item.get("history", [])), asked_on=ASKED_ON)
        )
        if not item["answerable"]:
            rep.unanswerable[1] += 1
            rep.unanswerable[0] += not answer.answered
            if answer.answered:
                rep.misses.append(f"{item['id']} answered (unanswerable)")
            continue
        rep.wrongly_abstained[1] += 1
        rep.wrongly_abstained[0] += not answer.answered
        found = next((h for h in answer.shown[:5] if is_hit(h, item["answers"], paths)), None)
        hit = found is not None
        if found is not None:
            rep.marked[1] += 1
            marked = marks_answer(found, item["answers"], paths)
            rep.marked[0] += marked
            if not marked:
                rep.unmarked.append(item["id"])
        in_answers = any(is_hit(h, item["answers"], paths) for h in answer.hits[:5])
        for cat in categories_of(item, languages):
            counts = rep.hits.setdefault(cat, [0, 0])
            counts[0] += hit
            counts[1] += 1
            rep.in_answers[cat] = rep.in_answers.get(cat, 0) + in_answers
        if not hit:
            rep.misses.append(f"{item['id']} {'abstained' if not answer.answered else 'missed'}")
    return rep
