"""Validate the domain dev set (bench/devset/questions.jsonl) against the demo collection in ../shared."""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DEVSET = PROJECT_DIR / "bench" / "devset" / "questions.jsonl"
DEFAULT_CORPUS = SHARED_DIR / "corpus"

FIELDS = ("id", "question", "language", "answerable", "answers", "history", "kind", "notes")
LANGUAGES = ("en", "ko")
ANSWERED_KINDS = ("fact", "definition", "number")
UNANSWERABLE_KINDS = ("unanswerable-in-domain", "unanswerable-off-topic")
FOLLOW_UP = "follow-up"
KINDS = (*ANSWERED_KINDS, FOLLOW_UP, *UNANSWERABLE_KINDS)
MIN_QUOTE_WORDS = 6
MAX_QUOTE_WORDS = 25
MAX_HISTORY = 2
# A question sharing this many consecutive words with one of its quotes was copied, not paraphrased.
COPIED_RUN = 6

_ID = re.compile(r"^(en|ko)-\d{3}$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Item = dict[str, Any]


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped: the form in which hits are compared."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def passage_contains(passage: str, quote: str) -> bool:
    """True when the passage contains the quote after whitespace normalisation."""
    return normalise(quote) in normalise(passage)


def is_hit(passage: str, item: Item) -> bool:
    """True when the passage contains any accepted answer quote of the item."""
    return any(passage_contains(passage, answer["quote"]) for answer in item["answers"])


def quote_words(quote: str) -> int:
    """Words in a quote: whitespace-separated tokens, except that two Han characters count as one word."""
    total = 0
    for token in quote.split():
        han = len(_HAN.findall(token))
        total += math.ceil(han / 2) if han else 1
    return total


def load_items(path: Path) -> tuple[list[Item], list[str]]:
    """Parse the JSONL file; return the objects read and a problem for every unreadable line."""
    items: list[Item] = []
    problems: list[str] = []
    if not path.is_file():
        return items, [f"{path}: dev set file not found"]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"{path.name}:{number}: blank line")
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{path.name}:{number}: expected a JSON object, got {type(value).__name__}")
            continue
        items.append(value)
    return items, problems


def load_sources(corpus_dir: Path) -> tuple[dict[str, list[str]], list[str]]:
    """Read every file named in manifest.csv: file name -> its lines. Problems for missing files."""
    manifest = corpus_dir / "manifest.csv"
    sources_dir = corpus_dir / "sources"
    if not manifest.is_file() or not sources_dir.is_dir():
        return {}, [f"{corpus_dir}: expected manifest.csv and sources/ inside the corpus folder"]
    sources: dict[str, list[str]] = {}
    problems: list[str] = []
    with manifest.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row.get("file") or ""
            path = sources_dir / name
            if not name or not path.is_file():
                problems.append(f"manifest.csv lists {name!r}, which is not a file in {sources_dir}")
                continue
            sources[name] = path.read_text(encoding="utf-8").splitlines()
    return sources, problems


def _shared_run(question: str, quote: str, length: int) -> bool:
    words = _WORD.findall(question.casefold())
    quote_text = " " + " ".join(_WORD.findall(quote.casefold())) + " "
    return any(
        " " + " ".join(words[i : i + length]) + " " in quote_text for i in range(len(words) - length + 1)
    )


def _check_answer(where: str, answer: object, sources: Mapping[str, Sequence[str]]) -> list[str]:
    if not isinstance(answer, dict) or set(answer) != {"file", "quote"}:
        return [f"{where}: an answer must be an object with exactly the keys 'file' and 'quote'"]
    name, quote = answer["file"], answer["quote"]
    if not isinstance(name, str) or name not in sources:
        return [f"{where}: file {name!r} is not a source listed in the manifest"]
    if not isinstance(quote, str) or not quote.strip():
        return [f"{where}: quote must be a non-empty string"]
    problems = []
    if quote != quote.strip():
        problems.append(f"{where}: quote has leading or trailing whitespace: {quote!r}")
    if "\n" in quote or "\r" in quote:
        problems.append(f"{where}: quote spans a line break (quotes must lie within one line)")
    words = quote_words(quote)
    if not MIN_QUOTE_WORDS <= words <= MAX_QUOTE_WORDS:
        problems.append(
            f"{where}: quote has {words} words; expected {MIN_QUOTE_WORDS}-{MAX_QUOTE_WORDS}: {quote!r}"
        )
    if not any(quote in line for line in sources[name]):
        problems.append(f"{where}: quote not found verbatim within a single line of {name}: {quote!r}")
    return problems


def _check_item(item: Item, sources: Mapping[str, Sequence[str]]) -> list[str]:
    where = f"item {item.get('id', '<no id>')}"
    keys = set(item)
    if keys != set(FIELDS):
        missing = sorted(set(FIELDS) - keys)
        extra = sorted(keys - set(FIELDS))
        return [f"{where}: wrong keys (missing {missing}, unexpected {extra})"]
    problems: list[str] = []
    item_id, question, language = item["id"], item["question"], item["language"]
    answerable, answers, history, kind = item["answerable"], item["answers"], item["history"], item["kind"]
    if not isinstance(item_id, str) or not _ID.match(item_id):
        problems.append(f"{where}: id must look like 'en-001' or 'ko-001'")
    if language not in LANGUAGES:
        problems.append(f"{where}: language must be one of {LANGUAGES}, got {language!r}")
    elif isinstance(item_id, str) and not item_id.startswith(f"{language}-"):
        problems.append(f"{where}: id prefix does not match language {language!r}")
    if not isinstance(question, str) or not question.strip():
        return [*problems, f"{where}: question must be a non-empty string"]
    if not isinstance(history, list) or not all(isinstance(h, str) and h.strip() for h in history):
        return [*problems, f"{where}: history must be a list of non-empty strings"]
    for text in (question, *history):
        if (language == "ko") != bool(_HANGUL.search(text)):
            problems.append(f"{where}: text {text!r} does not look like language {language!r}")
    if not isinstance(item["notes"], str):
        problems.append(f"{where}: notes must be a string")
    if kind not in KINDS:
        problems.append(f"{where}: kind must be one of {KINDS}, got {kind!r}")
    elif (kind == FOLLOW_UP) != bool(history):
        problems.append(f"{where}: history must be non-empty exactly when kind is 'follow-up'")
    if len(history) > MAX_HISTORY:
        problems.append(f"{where}: history holds {len(history)} questions; at most {MAX_HISTORY}")
    if not isinstance(answerable, bool):
        return [*problems, f"{where}: answerable must be true or false"]
    if not isinstance(answers, list):
        return [*problems, f"{where}: answers must be a list"]
    if answerable and (not answers or kind in UNANSWERABLE_KINDS):
        problems.append(f"{where}: an answerable item needs at least one answer and an answerable kind")
    if not answerable and (answers or kind in ANSWERED_KINDS):
        problems.append(f"{where}: an unanswerable item must have no answers and an unanswerable kind")
    seen: set[tuple[object, object]] = set()
    for index, answer in enumerate(answers):
        answer_where = f"{where} answer {index}"
        problems += _check_answer(answer_where, answer, sources)
        if isinstance(answer, dict):
            key = (answer.get("file"), answer.get("quote"))
            if key in seen:
                problems.append(f"{answer_where}: duplicate answer")
            seen.add(key)
            quote = answer.get("quote")
            if isinstance(quote, str) and _shared_run(question, quote, COPIED_RUN):
                problems.append(
                    f"{answer_where}: question copies {COPIED_RUN}+ consecutive words of the quote"
                )
    return problems


def validate_items(items: Sequence[Item], sources: Mapping[str, Sequence[str]]) -> list[str]:
    """Every problem in the dev set, as readable messages; an empty list means the set is valid."""
    problems: list[str] = []
    ids = Counter(item.get("id") for item in items)
    problems += [f"id {item_id!r} is used {n} times" for item_id, n in ids.items() if n > 1]
    asked = Counter(
        (normalise(str(item.get("question", ""))).casefold(), tuple(item.get("history") or ()))
        for item in items
    )
    problems += [f"question {q!r} appears {n} times" for (q, _), n in asked.items() if n > 1]
    for item in items:
        problems += _check_item(item, sources)
    return problems


def count_items(items: Sequence[Item]) -> Counter[tuple[str, str, bool]]:
    """Counts per (language, kind, answerable)."""
    return Counter((str(i["language"]), str(i["kind"]), bool(i["answerable"])) for i in items)


def format_counts(items: Sequence[Item]) -> str:
    """A small table of counts per language and kind, with totals."""
    counts = count_items(items)
    header = f"{'kind':<24}{'answerable':>12}" + "".join(f"{lang:>8}" for lang in LANGUAGES) + f"{'total':>8}"
    lines = [header]
    for kind in KINDS:
        for answerable in (True, False):
            row = [counts[(lang, kind, answerable)] for lang in LANGUAGES]
            if sum(row):
                cells = "".join(f"{n:>8}" for n in row)
                lines.append(f"{kind:<24}{'yes' if answerable else 'no':>12}{cells}{sum(row):>8}")
    totals = [sum(n for (lang, _, _), n in counts.items() if lang == code) for code in LANGUAGES]
    lines.append(f"{'total':<36}" + "".join(f"{n:>8}" for n in totals) + f"{sum(totals):>8}")
    cited = Counter(a["file"] for item in items for a in item["answers"])
    lines.append(f"answer quotes: {sum(cited.values())} from {len(cited)} source files")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="questions.jsonl to check")
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with manifest.csv and sources/"
    )
    args = parser.parse_args(argv)
    sources, problems = load_sources(args.corpus)
    if not sources:
        print(f"error: cannot read the collection: {'; '.join(problems)}", file=sys.stderr)
        return 2
    items, read_problems = load_items(args.devset)
    problems = read_problems + problems + validate_items(items, sources)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s) in {args.devset}", file=sys.stderr)
        return 1
    print(format_counts(items))
    print(f"OK: {len(items)} items in {args.devset} are valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
