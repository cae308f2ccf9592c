"""The domain dev set: checker behaviour on small fixtures, and the real set against ../shared/corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts.check_devset import (
    DEFAULT_DEVSET,
    format_counts,
    is_hit,
    load_items,
    load_sources,
    main,
    quote_words,
    validate_items,
)

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

SOURCES = {
    "a.txt": [
        "No Contracting State shall expel or return a refugee in any manner whatsoever",
        "to the frontiers of territories where his life or freedom would be threatened.",
    ]
}


def _item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "en-001",
        "question": "May a state send a refugee back to danger?",
        "language": "en",
        "answerable": True,
        "answers": [{"file": "a.txt", "quote": "shall expel or return a refugee in any manner"}],
        "history": [],
        "kind": "fact",
        "notes": "",
    }
    item.update(changes)
    return item


def test_valid_item_has_no_problems() -> None:
    assert validate_items([_item()], SOURCES) == []


def test_quote_spanning_a_line_break_is_rejected() -> None:
    answer = {"file": "a.txt", "quote": "in any manner whatsoever to the frontiers of territories"}
    problems = validate_items([_item(answers=[answer])], SOURCES)
    assert any("within a single line" in p for p in problems)


def test_quote_outside_length_range_is_rejected() -> None:
    problems = validate_items([_item(answers=[{"file": "a.txt", "quote": "a refugee"}])], SOURCES)
    assert any("words; expected" in p for p in problems)


def test_unknown_file_is_rejected() -> None:
    answer = {"file": "missing.txt", "quote": "shall expel or return a refugee in any manner"}
    problems = validate_items([_item(answers=[answer])], SOURCES)
    assert any("not a source listed in the manifest" in p for p in problems)


def test_unanswerable_item_with_answers_is_rejected() -> None:
    problems = validate_items([_item(answerable=False, kind="unanswerable-in-domain")], SOURCES)
    assert any("unanswerable item must have no answers" in p for p in problems)


def test_duplicate_ids_and_missing_keys_are_rejected() -> None:
    broken = _item(id="en-002")
    del broken["notes"]
    problems = validate_items([_item(), _item(question="Another question?"), broken], SOURCES)
    assert any("'en-001' is used 2 times" in p for p in problems)
    assert any("wrong keys" in p for p in problems)


def test_follow_up_needs_history_and_language_must_match() -> None:
    problems = validate_items([_item(kind="follow-up"), _item(id="ko-001", language="ko")], SOURCES)
    assert any("history must be non-empty exactly when" in p for p in problems)
    assert any("does not look like language 'ko'" in p for p in problems)


def test_question_copying_the_quote_is_rejected() -> None:
    problems = validate_items([_item(question="Why shall expel or return a refugee in any manner?")], SOURCES)
    assert any("copies" in p for p in problems)


def test_hit_is_judged_after_whitespace_normalisation() -> None:
    item = _item()
    assert is_hit("... State shall expel  or\nreturn a refugee in any manner whatsoever ...", item)
    assert not is_hit("State shall expel a refugee", item)


def test_han_characters_count_two_to_a_word() -> None:
    assert quote_words("拐卖妇女、儿童的，处五年以上十年以下有期徒刑") == 10
    assert quote_words("본인의 의사에 반하여 강제로 송환되지 아니한다") == 6


def test_main_reports_problems_with_nonzero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sources").mkdir(parents=True)
    (corpus / "sources" / "a.txt").write_text("\n".join(SOURCES["a.txt"]) + "\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,title\na.txt,A\n", encoding="utf-8")
    devset = tmp_path / "questions.jsonl"
    devset.write_text(json.dumps(_item()) + "\n" + json.dumps(_item()) + "\n", encoding="utf-8")
    assert main(["--devset", str(devset), "--corpus", str(corpus)]) == 1
    assert "is used 2 times" in capsys.readouterr().err
    devset.write_text(json.dumps(_item()) + "\n", encoding="utf-8")
    assert main(["--devset", str(devset), "--corpus", str(corpus)]) == 0
    assert "OK: 1 items" in capsys.readouterr().out


@pytest.mark.integration
@pytest.mark.skipif(
    not (SHARED_CORPUS / "sources").is_dir(),
    reason=f"demo collection not found at {SHARED_CORPUS} (../shared/corpus beside the project)",
)
def test_devset_is_valid_against_the_demo_collection() -> None:
    sources, source_problems = load_sources(SHARED_CORPUS)
    items, read_problems = load_items(DEFAULT_DEVSET)
    problems = source_problems + read_problems + validate_items(items, sources)
    assert problems == [], "\n".join(problems)
    for language in ("en", "ko"):
        kinds = {(i["kind"], i["answerable"]) for i in items if i["language"] == language}
        assert {
            ("follow-up", True),
            ("unanswerable-in-domain", False),
            ("unanswerable-off-topic", False),
        } <= kinds
        assert any(answerable and kind != "follow-up" for kind, answerable in kinds)
    assert "total" in format_counts(items)
