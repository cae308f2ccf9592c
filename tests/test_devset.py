"""The domain dev set: checker behaviour on small fixtures, and the real set against ../shared/corpus."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.devset_eval import AUDIT
from index.followup import read_question
from scripts.check_devset import (
    DEFAULT_DEVSET,
    RELABELLED,
    REPEATED,
    REPEATED_TEST,
    Source,
    assign_splits,
    cross_lingual_direction,
    format_counts,
    is_cross_lingual,
    is_hit,
    load_items,
    load_sources,
    main,
    names_provision,
    normalise,
    quote_words,
    stratum,
    validate_items,
)

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

SOURCES = {
    "a.txt": Source(
        "en",
        [
            "No Contracting State shall expel or return a refugee in any manner whatsoever",
            "to the frontiers of territories where his life or freedom would be threatened.",
        ],
    ),
    "b.txt": Source("ko", ["난민인정자는 본인의 의사에 반하여 강제로 송환되지 아니한다."]),
}
KO_ANSWER = {"file": "b.txt", "quote": "본인의 의사에 반하여 강제로 송환되지 아니한다"}


def _item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "en-001",
        "question": "May a state send a refugee back to danger?",
        "language": "en",
        "answerable": True,
        "answers": [{"file": "a.txt", "quote": "shall expel or return a refugee in any manner"}],
        "history": [],
        "follow_up": False,
        "kind": "fact",
        "split": "fit",
        "notes": "",
    }
    item.update(changes)
    return item


def _with_splits(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items with the split the stratified assignment gives them."""
    splits = assign_splits(items, SOURCES)
    for item in items:
        item["split"] = splits[item["id"]]
    return items


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


def test_kind_must_fit_answerable() -> None:
    answerable_but_unanswerable_kind = _item(kind="unanswerable-off-topic")
    unanswerable_but_fact = _item(id="en-002", answerable=False, answers=[], question="Another question?")
    problems = validate_items(
        _with_splits([answerable_but_unanswerable_kind, unanswerable_but_fact]), SOURCES
    )
    assert sum("does not fit answerable" in p for p in problems) == 2


def test_duplicate_ids_and_missing_keys_are_rejected() -> None:
    broken = _item(id="en-002")
    del broken["notes"]
    problems = validate_items([_item(), _item(question="Another question?"), broken], SOURCES)
    assert any("'en-001' is used 2 times" in p for p in problems)
    assert any("wrong keys" in p for p in problems)


def test_an_id_has_three_or_four_digits() -> None:
    """Four digits once a language's three are used up ("en-1001"); never fewer than three or more
    than four."""
    good = _item(id="en-1001", question="A question after the first thousand?")
    problems = validate_items(_with_splits([_item(), good]), SOURCES)
    assert not any("id must look like" in p for p in problems)
    for bad in ("en-01", "en-10001", "fr-001", "en-0001", "en-001\n"):
        problems = validate_items([_item(id=bad)], SOURCES)
        assert any("id must look like" in p for p in problems), bad


def test_old_schema_without_follow_up_and_split_is_rejected() -> None:
    old = _item(kind="follow-up", history=["What does the Convention say?"])
    del old["follow_up"], old["split"]
    problems = validate_items([old], SOURCES)
    assert any("wrong keys (missing ['follow_up', 'split']" in p for p in problems)


def test_follow_up_kind_is_gone() -> None:
    problems = validate_items([_item(kind="follow-up", follow_up=True, history=["Earlier?"])], SOURCES)
    assert any("kind must be one of" in p for p in problems)


def test_follow_up_needs_history_and_language_must_match() -> None:
    items = _with_splits([_item(follow_up=True), _item(id="ko-001", language="ko")])
    problems = validate_items(items, SOURCES)
    assert any("follow-up (follow_up true) needs a non-empty history" in p for p in problems)
    assert any("does not look like language 'ko'" in p for p in problems)


def test_follow_up_must_be_a_boolean() -> None:
    problems = validate_items([_item(follow_up="yes")], SOURCES)
    assert any("follow_up must be true or false" in p for p in problems)


def test_history_is_allowed_for_a_self_contained_question() -> None:
    item = _item(history=["How many members sit on the Committee against Torture?"], follow_up=False)
    assert validate_items(_with_splits([item]), SOURCES) == []


def test_too_long_history_is_rejected() -> None:
    item = _item(history=["One?", "Two?", "Three?"], follow_up=True)
    problems = validate_items(_with_splits([item]), SOURCES)
    assert any("at most 2" in p for p in problems)


def test_provision_kind_must_name_a_provision() -> None:
    vague = _item(kind="provision")
    named = _item(id="en-002", kind="provision", question="What does Article 33 of the Convention forbid?")
    problems = validate_items(_with_splits([vague, named]), SOURCES)
    assert [p for p in problems if "must name an article" in p] == [
        "item en-001: a 'provision' question must name an article, section, 조 or 条"
    ]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What does Article 1A(2) of the Refugee Convention say?", True),
        ("22 U.S.C. 7801", True),
        ("Under 8 U.S.C. § 1158, ...", True),
        ("section 7842 North Korean asylum", True),
        ("난민법 제2조는 난민을 어떻게 정의하나요?", True),
        ("헌법 3조의 영토 조항", True),
        ("刑法第二百四十条", True),
        ("How many articles are there?", False),
        ("Under Article VII of the 1967 Protocol, which articles are excluded?", True),
        ("Is the article civil or criminal?", False),
        ("What does article I say?", True),
        ("crc art 38 minimum age to recruit kids into the army", True),  # typed as the engine reads it
        ("Which art museums are in Seoul?", False),
        ("난민위원회는 몇 명인가요?", False),
    ],
)
def test_names_provision(question: str, names: bool) -> None:
    assert names_provision(question) is names


def test_question_copying_the_quote_is_rejected() -> None:
    problems = validate_items([_item(question="Why shall expel or return a refugee in any manner?")], SOURCES)
    assert any("copies" in p for p in problems)


def test_cross_lingual_is_derived_from_the_manifest_language_of_the_answer_files() -> None:
    same = _item()
    crossed = _item(answers=[KO_ANSWER])
    both = _item(answers=[*same["answers"], KO_ANSWER])
    unanswerable = _item(answerable=False, answers=[], kind="unanswerable-in-domain")
    assert not is_cross_lingual(same, SOURCES)
    assert is_cross_lingual(crossed, SOURCES)
    assert cross_lingual_direction(crossed, SOURCES) == "en->ko"
    assert not is_cross_lingual(both, SOURCES)
    assert cross_lingual_direction(unanswerable, SOURCES) is None


def _mixed_items() -> list[dict[str, Any]]:
    items = []
    for n in range(1, 12):
        answers = (
            [KO_ANSWER]
            if n % 3 == 0
            else [{"file": "a.txt", "quote": "to the frontiers of territories where"}]
        )
        items.append(_item(id=f"en-{n:03d}", question=f"Question {n}?", answers=answers))
    for n in range(12, 19):
        items.append(
            _item(
                id=f"en-{n:03d}",
                question=f"Off topic {n}?",
                answerable=False,
                answers=[],
                kind="unanswerable-off-topic",
            )
        )
    return items


def test_splits_are_stratified_balanced_and_reproducible() -> None:
    items = _mixed_items()
    splits = assign_splits(items, SOURCES)
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    assert assign_splits(shuffled, SOURCES) == splits
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for item in items:
        groups[stratum(item, SOURCES)][splits[item["id"]]] += 1
    assert len(groups) == 3  # same-language answerable, cross-lingual answerable, off-topic
    assert all(abs(c["fit"] - c["test"]) <= 1 for c in groups.values())
    totals = Counter(splits.values())
    assert abs(totals["fit"] - totals["test"]) <= 1


def test_a_mended_label_or_a_repeated_question_moves_no_other_item(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mending an answer key after a set was split and scored (`RELABELLED`), or standing a question
    that repeats an earlier fit one in the fit half (`REPEATED`), leaves every other item in its half:
    a re-split would put questions already read into a test half."""
    items = _mixed_items()
    before = assign_splits(items, SOURCES, repeated=frozenset())
    # en-012 was written as off topic; it is mended to an answerable question
    mended = [dict(i) for i in items]
    mended[11].update(
        answerable=True, kind="fact", answers=[{"file": "a.txt", "quote": "to the frontiers of"}]
    )
    assert assign_splits(mended, SOURCES, repeated=frozenset()) != before  # re-split: others move
    monkeypatch.setitem(RELABELLED, "en-012", (False, "unanswerable-off-topic"))
    assert assign_splits(mended, SOURCES, repeated=frozenset()) == before
    tested = next(k for k, v in before.items() if v == "test")
    after = assign_splits(items, SOURCES, repeated=frozenset({tested}))
    assert after[tested] == "fit" and {k: v for k, v in after.items() if k != tested} == {
        k: v for k, v in before.items() if k != tested
    }


def test_stored_split_must_match_the_assignment() -> None:
    items = _with_splits(_mixed_items())
    assert validate_items(items, SOURCES) == []
    items[0]["split"] = "test" if items[0]["split"] == "fit" else "fit"
    items[1]["split"] = "train"
    problems = validate_items(items, SOURCES)
    assert any(p.startswith("item en-001: split is") and "stratified assignment" in p for p in problems)
    assert any("split must be one of ('fit', 'test'), got 'train'" in p for p in problems)


def test_counts_table_shows_splits_and_features() -> None:
    korean = _item(id="ko-001", language="ko", question="난민은 누구인가요?", answers=[KO_ANSWER])
    items = _with_splits([*_mixed_items(), korean])
    table = format_counts(items, SOURCES)
    assert table.splitlines()[0].split() == ["fit", "test", "all"]
    assert "cross-lingual (answerable)" in table and "en->ko" in table
    assert "follow-up, depends on history" in table and "in a thread, self-contained" in table
    total = next(line for line in table.splitlines() if line.startswith("total"))
    assert total.split()[-3:] == ["18", "1", "19"]


def test_hit_is_judged_after_whitespace_normalisation() -> None:
    item = _item()
    assert is_hit("... State shall expel  or\nreturn a refugee in any manner whatsoever ...", item)
    assert not is_hit("State shall expel a refugee", item)


def test_the_answer_is_marked_when_the_evidence_overlaps_its_quote() -> None:
    from bench.devset_eval import marks_answer
    from corpus.models import Passage, SourceMeta
    from index.types import Hit, SourceRef, Span

    text = "Article 17\n\nThe Committee shall CONSIST of ten\n experts. Its seat shall be at Geneva."
    meta = SourceMeta(title="CAT", publisher="UN", date="1984", url="", license="", language="en")

    def hit(*spans: tuple[int, int]) -> Hit:
        p = Passage("p", "cat", text, 0, len(text), None, 0)
        return Hit(
            passage=p, source=SourceRef("cat", meta), score=1.0, evidence=tuple(Span(*s) for s in spans)
        )

    answers = [{"file": "cat.txt", "quote": "The Committee shall consist of ten experts"}]
    paths = {"cat": "cat.txt"}
    count = text.index("The Committee")
    assert marks_answer(hit((count, text.index(" Its"))), answers, paths)
    assert not marks_answer(hit((text.index("Its"), len(text))), answers, paths)  # another sentence
    assert not marks_answer(hit(), answers, paths)  # nothing marked
    assert not marks_answer(hit((count, count + 5)), answers, {"cat": "other.txt"})  # another file
    # half of the quote (four words or more) found is enough, as for the passage itself
    half = [{"file": "cat.txt", "quote": "The Committee shall consist of eleven experts and more"}]
    assert marks_answer(hit((count, count + 13)), half, paths)
    # a quote that stands twice in the passage is marked where the evidence marks it, not only first
    twice = "Each State may nominate ten experts. The Committee shall consist of ten experts."
    second = twice.index("The Committee")
    p = Passage("p", "cat", twice, 0, len(twice), None, 0)
    marked = Hit(passage=p, source=SourceRef("cat", meta), score=1.0, evidence=(Span(second, len(twice)),))
    assert marks_answer(marked, [{"file": "cat.txt", "quote": "ten experts"}], paths)


def test_han_characters_count_two_to_a_word() -> None:
    assert quote_words("拐卖妇女、儿童的，处五年以上十年以下有期徒刑") == 10
    assert quote_words("본인의 의사에 반하여 강제로 송환되지 아니한다") == 6


def _write_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sources").mkdir(parents=True)
    for name, source in SOURCES.items():
        (corpus / "sources" / name).write_text("\n".join(source.lines) + "\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,title,language\na.txt,A,en\nb.txt,B,ko\n", encoding="utf-8")
    return corpus


def test_load_sources_reads_the_manifest_language(tmp_path: Path) -> None:
    sources, problems = load_sources(_write_corpus(tmp_path))
    assert problems == []
    assert {name: s.language for name, s in sources.items()} == {"a.txt": "en", "b.txt": "ko"}


def test_main_reports_problems_with_nonzero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write_corpus(tmp_path)
    devset = tmp_path / "questions.jsonl"
    devset.write_text(json.dumps(_item()) + "\n" + json.dumps(_item()) + "\n", encoding="utf-8")
    assert main(["--devset", str(devset), "--corpus", str(corpus)]) == 1
    assert "is used 2 times" in capsys.readouterr().err
    devset.write_text(json.dumps(_item()) + "\n", encoding="utf-8")
    assert main(["--devset", str(devset), "--corpus", str(corpus)]) == 0
    assert "OK: 1 items" in capsys.readouterr().out


def test_main_write_splits_repairs_the_split_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write_corpus(tmp_path)
    items = _with_splits(_mixed_items())
    for item in items:
        item["split"] = "test"
    devset = tmp_path / "questions.jsonl"
    devset.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    assert main(["--devset", str(devset), "--corpus", str(corpus)]) == 1
    assert "stratified assignment" in capsys.readouterr().err
    assert main(["--devset", str(devset), "--corpus", str(corpus), "--write-splits"]) == 0
    stored, _ = load_items(devset)
    assert {i["id"]: i["split"] for i in stored} == assign_splits(stored, SOURCES)
    assert list(stored[0]) == list(_item())  # keys in schema order


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

    def total(keep: Callable[[dict[str, Any]], bool]) -> int:
        return sum(1 for item in items if keep(item))

    def direction(item: dict[str, Any]) -> str:
        return cross_lingual_direction(item, sources) or ""

    assert len(items) >= 280
    assert total(lambda i: i["language"] == "en") >= 120
    assert total(lambda i: i["language"] == "ko") >= 75
    assert total(lambda i: direction(i) == "ko->en") >= 25
    assert total(lambda i: direction(i).startswith("en->")) >= 20
    assert total(lambda i: i["follow_up"]) >= 28
    assert total(lambda i: bool(i["history"]) and not i["follow_up"]) >= 12
    assert total(lambda i: i["follow_up"] and not i["answerable"]) >= 3
    assert total(lambda i: not i["answerable"]) >= 65
    assert total(lambda i: i["kind"] == "unanswerable-in-domain") >= 35
    assert {i["language"] for i in items if i["kind"] == "unanswerable-off-topic"} == {"en", "ko"}
    assert {i["language"] for i in items if i["kind"] == "provision"} == {"en", "ko"}
    assert total(lambda i: i["kind"] == "provision") >= 25
    splits = Counter(i["split"] for i in items)
    assert abs(splits["fit"] - splits["test"]) <= 1
    assert "cross-lingual (answerable)" in format_counts(items, sources)


@pytest.mark.integration
@pytest.mark.skipif(
    not (SHARED_CORPUS / "sources").is_dir(),
    reason=f"demo collection not found at {SHARED_CORPUS} (../shared/corpus beside the project)",
)
def test_audit_set_is_valid_and_apart_from_the_dev_set() -> None:
    """bench/devset/audit.jsonl follows the dev set's schema and rules with its own halves; no id and
    no question of it is also in the dev set (the fit reads both sets)."""
    sources, source_problems = load_sources(SHARED_CORPUS)
    audit, read_problems = load_items(AUDIT)
    problems = source_problems + read_problems + validate_items(audit, sources)
    assert problems == [], "\n".join(problems)
    devset, _ = load_items(DEFAULT_DEVSET)
    assert not {i["id"] for i in audit} & {i["id"] for i in devset}

    def asked(items: list[dict[str, Any]]) -> set[str]:
        return {normalise(i["question"]).casefold() for i in items}

    assert not asked(audit) & asked(devset)
    assert len(audit) >= 120
    assert {i["language"] for i in audit if i["answerable"]} == {"en", "ko"}
    assert sum(not i["answerable"] for i in audit) >= 12
    assert sum(i["follow_up"] for i in audit) >= 8
    assert sum(is_cross_lingual(i, sources) for i in audit if i["answerable"]) >= 10
    splits = Counter(i["split"] for i in audit)
    assert abs(splits["fit"] - splits["test"]) <= 1


AUDIT3 = DEFAULT_DEVSET.with_name("audit3.jsonl")
AUDIT4 = DEFAULT_DEVSET.with_name("audit4.jsonl")
AUDIT5 = DEFAULT_DEVSET.with_name("audit5.jsonl")
AUDIT6 = DEFAULT_DEVSET.with_name("audit6.jsonl")
AUDIT7 = DEFAULT_DEVSET.with_name("audit7.jsonl")
AUDIT8 = DEFAULT_DEVSET.with_name("audit8.jsonl")
AUDIT9 = DEFAULT_DEVSET.with_name("audit9.jsonl")
AUDIT10 = DEFAULT_DEVSET.with_name("audit10.jsonl")
AUDIT11 = DEFAULT_DEVSET.with_name("audit11.jsonl")
AUDIT12 = DEFAULT_DEVSET.with_name("audit12.jsonl")
AUDIT13 = DEFAULT_DEVSET.with_name("audit13.jsonl")
AUDIT14 = DEFAULT_DEVSET.with_name("audit14.jsonl")
AUDIT15 = DEFAULT_DEVSET.with_name("audit15.jsonl")
AUDIT16 = DEFAULT_DEVSET.with_name("audit16.jsonl")
AUDIT17 = DEFAULT_DEVSET.with_name("audit17.jsonl")
AUDIT18 = DEFAULT_DEVSET.with_name("audit18.jsonl")
AUDIT19 = DEFAULT_DEVSET.with_name("audit19.jsonl")
AUDIT20 = DEFAULT_DEVSET.with_name("audit20.jsonl")
AUDIT21 = DEFAULT_DEVSET.with_name("audit21.jsonl")
AUDIT22 = DEFAULT_DEVSET.with_name("audit22.jsonl")
AUDIT23 = DEFAULT_DEVSET.with_name("audit23.jsonl")
AUDIT24 = DEFAULT_DEVSET.with_name("audit24.jsonl")
AUDIT25 = DEFAULT_DEVSET.with_name("audit25.jsonl")
AUDIT26 = DEFAULT_DEVSET.with_name("audit26.jsonl")
AUDIT27 = DEFAULT_DEVSET.with_name("audit27.jsonl")
AUDIT28 = DEFAULT_DEVSET.with_name("audit28.jsonl")
AUDIT29 = DEFAULT_DEVSET.with_name("audit29.jsonl")
AUDIT30 = DEFAULT_DEVSET.with_name("audit30.jsonl")
AUDIT31 = DEFAULT_DEVSET.with_name("audit31.jsonl")
AUDIT32 = DEFAULT_DEVSET.with_name("audit32.jsonl")
AUDIT33 = DEFAULT_DEVSET.with_name("audit33.jsonl")
AUDIT34 = DEFAULT_DEVSET.with_name("audit34.jsonl")
AUDIT35 = DEFAULT_DEVSET.with_name("audit35.jsonl")
AUDIT36 = DEFAULT_DEVSET.with_name("audit36.jsonl")
AUDIT37 = DEFAULT_DEVSET.with_name("audit37.jsonl")
AUDIT38 = DEFAULT_DEVSET.with_name("audit38.jsonl")
AUDIT39 = DEFAULT_DEVSET.with_name("audit39.jsonl")
AUDIT40 = DEFAULT_DEVSET.with_name("audit40.jsonl")
AUDIT41 = DEFAULT_DEVSET.with_name("audit41.jsonl")
AUDIT42 = DEFAULT_DEVSET.with_name("audit42.jsonl")
AUDIT43 = DEFAULT_DEVSET.with_name("audit43.jsonl")
AUDIT44 = DEFAULT_DEVSET.with_name("audit44.jsonl")
AUDIT45 = DEFAULT_DEVSET.with_name("audit45.jsonl")
AUDIT46 = DEFAULT_DEVSET.with_name("audit46.jsonl")
AUDIT47 = DEFAULT_DEVSET.with_name("audit47.jsonl")
AUDIT48 = DEFAULT_DEVSET.with_name("audit48.jsonl")
AUDIT49 = DEFAULT_DEVSET.with_name("audit49.jsonl")
AUDIT50 = DEFAULT_DEVSET.with_name("audit50.jsonl")
AUDIT51 = DEFAULT_DEVSET.with_name("audit51.jsonl")
AUDIT52 = DEFAULT_DEVSET.with_name("audit52.jsonl")
AUDIT53 = DEFAULT_DEVSET.with_name("audit53.jsonl")
AUDIT54 = DEFAULT_DEVSET.with_name("audit54.jsonl")
AUDIT55 = DEFAULT_DEVSET.with_name("audit55.jsonl")
AUDIT56 = DEFAULT_DEVSET.with_name("audit56.jsonl")
AUDIT57 = DEFAULT_DEVSET.with_name("audit57.jsonl")
AUDIT58 = DEFAULT_DEVSET.with_name("audit58.jsonl")
AUDIT59 = DEFAULT_DEVSET.with_name("audit59.jsonl")
AUDIT60 = DEFAULT_DEVSET.with_name("audit60.jsonl")
AUDIT61 = DEFAULT_DEVSET.with_name("audit61.jsonl")
AUDIT62 = DEFAULT_DEVSET.with_name("audit62.jsonl")
AUDIT63 = DEFAULT_DEVSET.with_name("audit63.jsonl")
AUDIT64 = DEFAULT_DEVSET.with_name("audit64.jsonl")
AUDIT65 = DEFAULT_DEVSET.with_name("audit65.jsonl")
AUDIT66 = DEFAULT_DEVSET.with_name("audit66.jsonl")
AUDIT67 = DEFAULT_DEVSET.with_name("audit67.jsonl")
AUDIT68 = DEFAULT_DEVSET.with_name("audit68.jsonl")
AUDIT69 = DEFAULT_DEVSET.with_name("audit69.jsonl")
AUDIT70 = DEFAULT_DEVSET.with_name("audit70.jsonl")
AUDIT71 = DEFAULT_DEVSET.with_name("audit71.jsonl")
AUDIT72 = DEFAULT_DEVSET.with_name("audit72.jsonl")
AUDIT73 = DEFAULT_DEVSET.with_name("audit73.jsonl")
AUDIT74 = DEFAULT_DEVSET.with_name("audit74.jsonl")
AUDIT75 = DEFAULT_DEVSET.with_name("audit75.jsonl")
AUDIT76 = DEFAULT_DEVSET.with_name("audit76.jsonl")
AUDIT77 = DEFAULT_DEVSET.with_name("audit77.jsonl")
AUDIT78 = DEFAULT_DEVSET.with_name("audit78.jsonl")
AUDIT79 = DEFAULT_DEVSET.with_name("audit79.jsonl")
AUDIT80 = DEFAULT_DEVSET.with_name("audit80.jsonl")
AUDIT81 = DEFAULT_DEVSET.with_name("audit81.jsonl")
AUDIT82 = DEFAULT_DEVSET.with_name("audit82.jsonl")
AUDIT83 = DEFAULT_DEVSET.with_name("audit83.jsonl")
AUDIT84 = DEFAULT_DEVSET.with_name("audit84.jsonl")
AUDIT85 = DEFAULT_DEVSET.with_name("audit85.jsonl")
AUDIT86 = DEFAULT_DEVSET.with_name("audit86.jsonl")
AUDIT87 = DEFAULT_DEVSET.with_name("audit87.jsonl")
AUDIT88 = DEFAULT_DEVSET.with_name("audit88.jsonl")
AUDIT89 = DEFAULT_DEVSET.with_name("audit89.jsonl")
AUDIT90 = DEFAULT_DEVSET.with_name("audit90.jsonl")
AUDIT91 = DEFAULT_DEVSET.with_name("audit91.jsonl")
AUDIT92 = DEFAULT_DEVSET.with_name("audit92.jsonl")
AUDIT93 = DEFAULT_DEVSET.with_name("audit93.jsonl")
AUDIT94 = DEFAULT_DEVSET.with_name("audit94.jsonl")
AUDIT95 = DEFAULT_DEVSET.with_name("audit95.jsonl")
AUDIT96 = DEFAULT_DEVSET.with_name("audit96.jsonl")
AUDIT97 = DEFAULT_DEVSET.with_name("audit97.jsonl")
AUDIT98 = DEFAULT_DEVSET.with_name("audit98.jsonl")
AUDIT100 = DEFAULT_DEVSET.with_name("audit100.jsonl")
AUDIT101 = DEFAULT_DEVSET.with_name("audit101.jsonl")
AUDIT99 = DEFAULT_DEVSET.with_name("audit99.jsonl")
AUDIT102 = DEFAULT_DEVSET.with_name("audit102.jsonl")
AUDIT103 = DEFAULT_DEVSET.with_name("audit103.jsonl")
AUDIT104 = DEFAULT_DEVSET.with_name("audit104.jsonl")
AUDIT105 = DEFAULT_DEVSET.with_name("audit105.jsonl")
AUDIT106 = DEFAULT_DEVSET.with_name("audit106.jsonl")
AUDIT107 = DEFAULT_DEVSET.with_name("audit107.jsonl")
AUDIT108 = DEFAULT_DEVSET.with_name("audit108.jsonl")
AUDIT109 = DEFAULT_DEVSET.with_name("audit109.jsonl")
AUDIT110 = DEFAULT_DEVSET.with_name("audit110.jsonl")
AUDIT111 = DEFAULT_DEVSET.with_name("audit111.jsonl")
AUDIT112 = DEFAULT_DEVSET.with_name("audit112.jsonl")
AUDIT113 = DEFAULT_DEVSET.with_name("audit113.jsonl")
AUDIT114 = DEFAULT_DEVSET.with_name("audit114.jsonl")
AUDIT115 = DEFAULT_DEVSET.with_name("audit115.jsonl")
AUDIT116 = DEFAULT_DEVSET.with_name("audit116.jsonl")
AUDIT117 = DEFAULT_DEVSET.with_name("audit117.jsonl")
AUDIT118 = DEFAULT_DEVSET.with_name("audit118.jsonl")
AUDIT119 = DEFAULT_DEVSET.with_name("audit119.jsonl")
AUDIT120 = DEFAULT_DEVSET.with_name("audit120.jsonl")
AUDIT121 = DEFAULT_DEVSET.with_name("audit121.jsonl")
AUDIT122 = DEFAULT_DEVSET.with_name("audit122.jsonl")
AUDIT123 = DEFAULT_DEVSET.with_name("audit123.jsonl")
AUDIT124 = DEFAULT_DEVSET.with_name("audit124.jsonl")
AUDIT125 = DEFAULT_DEVSET.with_name("audit125.jsonl")
AUDIT126 = DEFAULT_DEVSET.with_name("audit126.jsonl")
AUDIT127 = DEFAULT_DEVSET.with_name("audit127.jsonl")
AUDIT128 = DEFAULT_DEVSET.with_name("audit128.jsonl")
AUDIT129 = DEFAULT_DEVSET.with_name("audit129.jsonl")
AUDIT130 = DEFAULT_DEVSET.with_name("audit130.jsonl")
AUDIT131 = DEFAULT_DEVSET.with_name("audit131.jsonl")
AUDIT132 = DEFAULT_DEVSET.with_name("audit132.jsonl")
AUDIT133 = DEFAULT_DEVSET.with_name("audit133.jsonl")
AUDIT134 = DEFAULT_DEVSET.with_name("audit134.jsonl")
AUDIT135 = DEFAULT_DEVSET.with_name("audit135.jsonl")
AUDIT136 = DEFAULT_DEVSET.with_name("audit136.jsonl")
AUDIT137 = DEFAULT_DEVSET.with_name("audit137.jsonl")
AUDIT138 = DEFAULT_DEVSET.with_name("audit138.jsonl")
AUDIT139 = DEFAULT_DEVSET.with_name("audit139.jsonl")
AUDIT140 = DEFAULT_DEVSET.with_name("audit140.jsonl")
AUDIT141 = DEFAULT_DEVSET.with_name("audit141.jsonl")
AUDIT142 = DEFAULT_DEVSET.with_name("audit142.jsonl")
AUDIT143 = DEFAULT_DEVSET.with_name("audit143.jsonl")
AUDIT144 = DEFAULT_DEVSET.with_name("audit144.jsonl")
AUDIT145 = DEFAULT_DEVSET.with_name("audit145.jsonl")
AUDIT146 = DEFAULT_DEVSET.with_name("audit146.jsonl")
AUDIT147 = DEFAULT_DEVSET.with_name("audit147.jsonl")
AUDIT148 = DEFAULT_DEVSET.with_name("audit148.jsonl")
AUDIT149 = DEFAULT_DEVSET.with_name("audit149.jsonl")
AUDIT150 = DEFAULT_DEVSET.with_name("audit150.jsonl")
AUDIT151 = DEFAULT_DEVSET.with_name("audit151.jsonl")
AUDIT152 = DEFAULT_DEVSET.with_name("audit152.jsonl")
AUDIT153 = DEFAULT_DEVSET.with_name("audit153.jsonl")
AUDIT154 = DEFAULT_DEVSET.with_name("audit154.jsonl")
AUDIT155 = DEFAULT_DEVSET.with_name("audit155.jsonl")
AUDIT156 = DEFAULT_DEVSET.with_name("audit156.jsonl")
AUDIT157 = DEFAULT_DEVSET.with_name("audit157.jsonl")
AUDIT158 = DEFAULT_DEVSET.with_name("audit158.jsonl")
AUDIT159 = DEFAULT_DEVSET.with_name("audit159.jsonl")
AUDIT160 = DEFAULT_DEVSET.with_name("audit160.jsonl")
AUDIT161 = DEFAULT_DEVSET.with_name("audit161.jsonl")
AUDIT162 = DEFAULT_DEVSET.with_name("audit162.jsonl")
AUDIT163 = DEFAULT_DEVSET.with_name("audit163.jsonl")
AUDIT164 = DEFAULT_DEVSET.with_name("audit164.jsonl")
AUDIT165 = DEFAULT_DEVSET.with_name("audit165.jsonl")


# every question set in the order they were written: a later audit is checked against all before it
SETS_IN_ORDER = (
    DEFAULT_DEVSET,
    AUDIT,
    AUDIT3,
    AUDIT4,
    AUDIT5,
    AUDIT6,
    AUDIT7,
    AUDIT8,
    AUDIT9,
    AUDIT10,
    AUDIT11,
    AUDIT12,
    AUDIT13,
    AUDIT14,
    AUDIT15,
    AUDIT16,
    AUDIT17,
    AUDIT18,
    AUDIT19,
    AUDIT20,
    AUDIT21,
    AUDIT22,
    AUDIT23,
    AUDIT24,
    AUDIT25,
    AUDIT26,
    AUDIT27,
    AUDIT28,
    AUDIT29,
    AUDIT30,
    AUDIT31,
    AUDIT32,
    AUDIT33,
    AUDIT34,
    AUDIT35,
    AUDIT36,
    AUDIT37,
    AUDIT38,
    AUDIT39,
    AUDIT40,
    AUDIT41,
    AUDIT42,
    AUDIT43,
    AUDIT44,
    AUDIT45,
    AUDIT46,
    AUDIT47,
    AUDIT48,
    AUDIT49,
    AUDIT50,
    AUDIT51,
    AUDIT52,
    AUDIT53,
    AUDIT54,
    AUDIT55,
    AUDIT56,
    AUDIT57,
    AUDIT58,
    AUDIT59,
    AUDIT60,
    AUDIT61,
    AUDIT62,
    AUDIT63,
    AUDIT64,
    AUDIT65,
    AUDIT66,
    AUDIT67,
    AUDIT68,
    AUDIT69,
    AUDIT70,
    AUDIT71,
    AUDIT72,
    AUDIT73,
    AUDIT74,
    AUDIT75,
    AUDIT76,
    AUDIT77,
    AUDIT78,
    AUDIT79,
    AUDIT80,
    AUDIT81,
    AUDIT82,
    AUDIT83,
    AUDIT84,
    AUDIT85,
    AUDIT86,
    AUDIT87,
    AUDIT88,
    AUDIT89,
    AUDIT91,
    AUDIT90,
    AUDIT92,
    AUDIT93,
    AUDIT94,
    AUDIT96,
    AUDIT97,
    AUDIT95,
    AUDIT98,
    AUDIT100,
    AUDIT101,
    AUDIT99,
    AUDIT102,
    AUDIT103,
    AUDIT104,
    AUDIT105,
    AUDIT106,
    AUDIT107,
    AUDIT108,
    AUDIT109,
    AUDIT110,
    AUDIT111,
    AUDIT112,
    AUDIT113,
    AUDIT114,
    AUDIT115,
    AUDIT116,
    AUDIT117,
    AUDIT118,
    AUDIT119,
    AUDIT120,
    AUDIT121,
    AUDIT122,
    AUDIT123,
    AUDIT124,
    AUDIT125,
    AUDIT126,
    AUDIT127,
    AUDIT128,
    AUDIT129,
    AUDIT130,
    AUDIT131,
    AUDIT132,
    AUDIT133,
    AUDIT134,
    AUDIT135,
    AUDIT136,
    AUDIT137,
    AUDIT138,
    AUDIT139,
    AUDIT140,
    AUDIT141,
    AUDIT142,
    AUDIT143,
    AUDIT144,
    AUDIT145,
    AUDIT146,
    AUDIT147,
    AUDIT148,
    AUDIT149,
    AUDIT150,
    AUDIT151,
    AUDIT152,
    AUDIT153,
    AUDIT154,
    AUDIT155,
    AUDIT156,
    AUDIT157,
    AUDIT158,
    AUDIT159,
    AUDIT160,
    AUDIT161,
    AUDIT162,
    AUDIT163,
    AUDIT164,
    AUDIT165,
)
# per later audit: (at least) its unanswerable questions, follow-ups, size, cross-lingual answerable
LATER_AUDITS = {
    AUDIT3: (10, 5, 65, 10),
    AUDIT4: (19, 5, 65, 10),
    AUDIT5: (26, 6, 65, 10),
    AUDIT6: (26, 5, 65, 10),
    AUDIT7: (26, 6, 65, 10),
    AUDIT8: (0, 0, 60, 60),  # cross-lingual only: every question is answered in the other language
    AUDIT9: (12, 0, 60, 48),  # cross-lingual, with unanswerable questions
    AUDIT10: (14, 6, 60, 16),
    AUDIT11: (20, 6, 64, 12),
    AUDIT12: (21, 6, 64, 9),
    AUDIT13: (18, 6, 64, 10),  # asked as researchers would, not to trick
    AUDIT14: (17, 6, 64, 21),  # so too, leaning on cross-lingual questions
    AUDIT15: (17, 6, 64, 12),  # so too, with more questions naming a provision
    AUDIT16: (17, 7, 64, 28),  # so too, a question in three across languages
    AUDIT17: (16, 6, 64, 4),  # so too, mostly English, as the questions the project is judged on
    AUDIT18: (16, 6, 60, 4),  # so too
    AUDIT19: (16, 6, 60, 4),  # so too
    AUDIT20: (16, 6, 60, 4),  # so too
    AUDIT21: (16, 6, 60, 4),  # so too
    AUDIT22: (16, 5, 60, 5),  # so too
    AUDIT23: (16, 5, 60, 7),  # so too
    AUDIT24: (16, 5, 60, 7),  # so too, on less read sources
    AUDIT25: (16, 5, 60, 7),  # so too, as journalists and advocates ask
    AUDIT26: (16, 5, 60, 7),  # so too, as lawyers and caseworkers ask
    AUDIT27: (16, 6, 60, 7),  # so too, as the web chat's everyday users ask
    AUDIT28: (16, 5, 60, 7),  # so too, as graduate students and researchers ask
    AUDIT29: (16, 5, 60, 6),  # so too, as policy analysts and parliamentary aides ask
    AUDIT30: (13, 5, 60, 40),  # cross-lingual again: Korean askers of English sources and the reverse
    AUDIT31: (30, 6, 60, 6),  # refusal: half of it unanswerable, near what the sources say
    AUDIT32: (16, 24, 60, 7),  # conversations: follow-ups, and questions alone inside a thread
    AUDIT33: (14, 5, 60, 40),  # lawyers asking in English of the Korean and Chinese laws
    AUDIT34: (16, 12, 60, 7),  # UN submission and shadow-report drafters, on the less read sources
    AUDIT35: (16, 12, 60, 20),  # Korean students and reporters, most answers in English sources
    AUDIT36: (16, 13, 60, 20),  # diplomats, UN and embassy staff, and interpreters
    AUDIT37: (16, 11, 60, 16),  # refugee-support volunteers, social workers and counsellors
    AUDIT38: (16, 9, 60, 16),  # fact-checkers checking claims against the sources
    AUDIT39: (16, 12, 60, 26),  # Korean-speaking pastors, church volunteers and settlement counsellors
    AUDIT40: (16, 11, 60, 34),  # Korean human-rights lawyers and law-clinic students, naming provisions
    AUDIT41: (16, 26, 60, 19),  # students writing term papers, in long conversations
    AUDIT42: (16, 11, 60, 17),  # wire-service and newspaper journalists on deadline, figures and dates
    AUDIT43: (16, 9, 60, 17),  # policy researchers: exceptions, negations, conditions, who decides
    AUDIT44: (16, 11, 60, 34),  # reporters on a Korean-language news desk, answers in English sources
    AUDIT45: (16, 9, 60, 23),  # human-rights trainers: quiz questions, definitions, wrong premises
    AUDIT46: (16, 11, 60, 21),  # asylum caseworkers and country-of-origin researchers
    AUDIT47: (16, 11, 60, 33),  # Korean-speaking teachers preparing unification and human-rights classes
    AUDIT48: (16, 12, 60, 11),  # UN treaty-body and special-procedures desk officers, naming provisions
    AUDIT49: (16, 12, 60, 24),  # Korean-speaking settlement counsellors, in long conversations
    AUDIT50: (16, 12, 60, 24),  # anti-trafficking NGO researchers, on the trafficking laws and reports
    AUDIT51: (16, 11, 60, 30),  # Korean university students in casual Korean
    AUDIT52: (16, 13, 60, 20),  # wire-service journalists covering China and the UN system
    AUDIT53: (16, 11, 60, 31),  # teachers, tutors and parents of defector children, in conversations
    AUDIT54: (16, 12, 60, 22),  # law students preparing a moot court and refugee-law clinic cases
    AUDIT55: (16, 11, 60, 26),  # Korean local-government settlement officers and social workers
    AUDIT56: (16, 12, 60, 16),  # human-rights documentation researchers compiling a chronology
    AUDIT57: (16, 12, 60, 26),  # bilingual podcast producers fact-checking, switching languages
    AUDIT58: (16, 11, 60, 34),  # Korean librarians building bilingual reference guides, in formal Korean
    AUDIT59: (16, 12, 60, 25),  # clerks to immigration judges writing bench memos on claims by North Koreans
    AUDIT60: (16, 15, 60, 20),  # retired diplomats and former UN staff writing memoirs, rambling
    AUDIT61: (16, 12, 60, 24),  # Korean-American church volunteers helping defectors, code-switching
    AUDIT62: (16, 11, 60, 24),  # adult defectors asking about their own situation, some in North Korean usage
    AUDIT63: (16, 12, 60, 15),  # Washington policy analysts and congressional staff on US law and policy
    AUDIT64: (16, 11, 60, 29),  # Korean-Chinese community workers on China's laws and China-born children
    AUDIT65: (16, 12, 60, 16),  # high-school debate coaches and students: keyword queries, typos, follow-ups
    AUDIT66: (16, 11, 60, 30),  # pastors and church workers from the China-North Korea border
    AUDIT67: (16, 13, 60, 13),  # data journalists and statisticians: counts, rates, years, follow-ups
    AUDIT68: (16, 11, 60, 24),  # South Korean refugee lawyers and their foreign colleagues
    AUDIT69: (16, 12, 60, 18),  # online-course students writing English as a second language
    AUDIT70: (16, 11, 60, 28),  # translators and interpreters checking wording across languages
    AUDIT71: (16, 11, 60, 30),  # Korean prosecutors and police on trafficking and smuggling cases
    AUDIT72: (16, 13, 60, 14),  # UK and EU parliamentary researchers briefing a debate
    AUDIT73: (16, 12, 60, 28),  # families of abductees and separated families, mostly elderly
    AUDIT74: (16, 13, 60, 30),  # Seoul think-tank researchers preparing a white paper
    AUDIT75: (16, 11, 60, 17),  # explainer journalists at English-language newspapers in Asia
    AUDIT76: (16, 11, 60, 22),  # hospital social workers and nurses who see defectors
    AUDIT77: (16, 13, 60, 18),  # graduate students in international law comparing instruments
    AUDIT78: (16, 12, 60, 32),  # Korean documentary radio and video producers checking a script
    AUDIT79: (16, 11, 60, 17),  # immigration consultants in Canada and Australia
    AUDIT80: (16, 11, 60, 15),  # grant writers at small NGOs
    AUDIT81: (16, 11, 60, 32),  # older Korean speakers, retired teachers and separated families
    AUDIT82: (16, 12, 60, 13),  # staff of a UN special rapporteur and OHCHR Seoul drafting a report
    AUDIT83: (16, 11, 60, 30),  # Korean school teachers of unification education
    AUDIT84: (16, 12, 60, 16),  # investigative reporters at a Chinese-language diaspora outlet
    AUDIT85: (16, 12, 60, 25),  # volunteers at a refugee legal-aid hotline in Seoul
    AUDIT86: (16, 11, 60, 15),  # law students preparing a refugee-law moot court problem
    AUDIT87: (16, 13, 60, 28),  # social workers at a regional Hana center
    AUDIT88: (16, 11, 60, 19),  # hosts of an English-language podcast on trafficking
    AUDIT89: (16, 12, 60, 27),  # Korean-American university students writing a class paper
    AUDIT91: (16, 12, 60, 31),  # Korean church volunteers and pastors helping defectors settle
    AUDIT90: (16, 12, 60, 25),  # researchers at a Seoul think tank on China's border enforcement
    AUDIT92: (16, 11, 60, 19),  # fact-checkers at an international wire service
    AUDIT93: (16, 12, 60, 30),  # second-generation defector youth, university students in Seoul
    AUDIT94: (16, 12, 60, 16),  # resettlement caseworkers in Southeast Asian transit countries
    AUDIT96: (16, 12, 60, 17),  # documentary filmmakers on brokers, escape routes and trafficking
    AUDIT97: (16, 12, 60, 24),  # radio programme makers broadcasting into North Korea, in Korean
    AUDIT95: (16, 11, 60, 33),  # Korean graduate students in international law writing theses
    AUDIT98: (16, 11, 60, 17),  # asylum case officers and tribunal judges in Europe
    AUDIT100: (16, 12, 60, 32),  # ethnic Korean journalists from Yanbian working in Seoul
    AUDIT101: (16, 12, 60, 14),  # supply-chain and sanctions compliance officers
    AUDIT99: (16, 12, 60, 28),  # a self-help group of middle-aged defector women, colloquial Korean
    AUDIT102: (16, 11, 60, 31),  # students preparing a unification-education quiz, casual Korean
    AUDIT103: (16, 13, 60, 17),  # congressional caseworkers answering constituents
    AUDIT104: (16, 12, 60, 18),  # treaty-body secretariat interns drafting briefing notes
    AUDIT105: (16, 11, 60, 34),  # defector university students writing papers and applying for jobs
    AUDIT106: (16, 13, 60, 22),  # immigration and family lawyers for defectors and their China-born children
    AUDIT107: (16, 12, 60, 17),  # data analysts of an NGO's database of repatriation and trafficking cases
    AUDIT108: (16, 12, 60, 28),  # political officers of foreign embassies in Seoul drafting cables
    AUDIT109: (16, 12, 60, 27),  # retired volunteers mentoring newly arrived defector families, in Korean
    AUDIT110: (16, 12, 60, 24),  # human-rights researchers in Taipei and Hong Kong on China's border rules
    AUDIT111: (16, 12, 60, 23),  # school teachers preparing unification-education lessons, in Korean
    AUDIT112: (16, 12, 60, 20),  # wire and broadcast journalists covering a wave of forced repatriations
    AUDIT113: (16, 12, 60, 23),  # staff of safe houses along the escape route, in practical Korean
    AUDIT114: (16, 12, 60, 18),  # UNHCR and IOM caseworkers in Bangkok interviewing escapees
    AUDIT115: (16, 12, 60, 29),  # civil-society monitors drafting a UPR shadow report, in formal Korean
    AUDIT116: (16, 12, 60, 23),  # doctors and psychologists treating defectors, in Korean
    AUDIT117: (16, 12, 60, 22),  # European Parliament human-rights staff drafting an urgency resolution
    AUDIT118: (16, 12, 60, 25),  # writers of a Korean TV documentary on defector women's journeys
    AUDIT119: (16, 12, 60, 25),  # sociologists of marriage migration and trafficking of North Korean women
    AUDIT120: (16, 12, 60, 27),  # Korean-Chinese (Joseonjok) paralegals handling defectors' papers
    AUDIT121: (16, 12, 60, 29),  # international-law graduate students on non-refoulement and statelessness
    AUDIT122: (16, 12, 60, 31),  # public-interest lawyers drafting complaints for detained defectors
    AUDIT123: (16, 12, 60, 17),  # labour-rights researchers on forced labour and workers abroad
    AUDIT124: (16, 12, 60, 32),  # Korean police anti-trafficking officers and prosecutors
    AUDIT125: (16, 12, 60, 29),  # child-protection staff on stateless children born in China
    AUDIT126: (16, 12, 60, 19),  # auditors and budget analysts reviewing settlement support
    AUDIT127: (16, 12, 60, 30),  # Model UN delegates at international schools in Seoul
    AUDIT128: (16, 12, 60, 25),  # researchers comparing PRC statutes with China's treaty duties
    AUDIT129: (16, 12, 60, 29),  # investigators preparing crimes-against-humanity dossiers
    AUDIT130: (16, 12, 60, 24),  # documentary filmmakers on women trafficked across the Tumen
    AUDIT131: (16, 12, 60, 18),  # trainees on a UN refugee-protection course revising for an exam
    AUDIT132: (16, 13, 60, 25),  # National Assembly aides drafting amendments to the settlement laws
    AUDIT133: (16, 12, 60, 30),  # reference librarians building a research guide
    AUDIT134: (16, 12, 60, 21),  # European refugee-law clinic students comparing states' practice
    AUDIT135: (16, 12, 60, 30),  # doctors and nurses of a clinic treating defectors in transit
    AUDIT136: (16, 12, 60, 23),  # a debate team preparing both sides of a motion on repatriation
    AUDIT137: (16, 12, 60, 32),  # retired Korean diplomats in a seniors' civics class
    AUDIT138: (16, 13, 60, 22),  # staff of shelters for trafficking survivors on routes into Southeast Asia
    AUDIT139: (16, 12, 60, 17),  # bank and insurance compliance officers screening for trafficking risk
    AUDIT140: (16, 12, 60, 22),  # Korean high-school social-studies teachers preparing a unit
    AUDIT141: (16, 12, 60, 37),  # translators and interpreters at asylum hearings
    AUDIT142: (16, 12, 60, 24),  # prison chaplains and monitors visiting detained migrants
    AUDIT143: (16, 12, 60, 33),  # Korean civil servants answering citizens' inquiries, formal Korean
    AUDIT144: (16, 12, 60, 20),  # encyclopedia editors verifying citations
    AUDIT145: (16, 12, 60, 28),  # adults in a Korean evening civics class, short conversations
    AUDIT146: (16, 12, 60, 26),  # hotline volunteers taking calls from defectors and relatives, spoken Korean
    AUDIT147: (16, 12, 60, 28),  # Japanese researchers comparing UN mechanisms with Korean and Chinese law
    AUDIT148: (16, 12, 60, 33),  # busy users typing terse, lowercase, misspelt or code-switched queries
    AUDIT149: (16, 12, 60, 39),  # Korean lawyers and clerks reading Chinese statutes and UN treaties
    AUDIT150: (16, 21, 60, 32),  # North Korea studies club students, casual Korean, long follow-up chains
    AUDIT151: (16, 12, 60, 22),  # US asylum officers and immigration judges' clerks on country conditions
    AUDIT152: (16, 12, 60, 25),  # Korean newspaper fact-checkers on numbers, dates and laws, in Korean
    AUDIT153: (16, 20, 60, 20),  # podcast researchers on forced repatriation, follow-ups and comparisons
    AUDIT154: (16, 12, 60, 23),  # researchers for Canadian and Australian refugee tribunals
    AUDIT155: (16, 21, 60, 27),  # Korean church volunteers helping defectors hiding in China, in Korean
    AUDIT156: (16, 21, 60, 25),  # think-tank analysts on China's border control, follow-ups
    AUDIT157: (16, 12, 60, 29),  # Korean-American students switching between English and Korean
    AUDIT158: (16, 12, 60, 21),  # UNHCR protection officers on onward movement through Southeast Asia
    AUDIT159: (16, 19, 60, 20),  # resettlement-centre social workers and teachers, in Korean
    AUDIT160: (16, 21, 60, 23),  # investigative journalists on trafficking and repatriation, follow-ups
    AUDIT161: (16, 11, 60, 31),  # law students comparing Korean, Chinese, US and international law
    AUDIT162: (16, 12, 60, 28),  # NGO caseworkers documenting trafficked women's cases
    AUDIT163: (16, 20, 60, 30),  # school teachers preparing a civics unit, in Korean
    AUDIT164: (16, 20, 60, 19),  # congressional staffers checking US law, follow-ups
    AUDIT165: (16, 12, 60, 44),  # researchers on Chinese border and Korean nationality law
}


@pytest.mark.integration
@pytest.mark.skipif(
    not (SHARED_CORPUS / "sources").is_dir(),
    reason=f"demo collection not found at {SHARED_CORPUS} (../shared/corpus beside the project)",
)
@pytest.mark.parametrize(
    ("path", "earlier", "unanswerable", "follow_ups", "size", "cross_lingual"),
    [(path, SETS_IN_ORDER[: SETS_IN_ORDER.index(path)], *counts) for path, counts in LATER_AUDITS.items()],
    ids=[path.stem for path in LATER_AUDITS],
)
def test_a_later_audit_set_is_valid_and_apart_from_the_earlier_sets(
    path: Path,
    earlier: tuple[Path, ...],
    unanswerable: int,
    follow_ups: int,
    size: int,
    cross_lingual: int,
) -> None:
    """bench/devset/audit3.jsonl to audit165.jsonl follow the dev set's schema and rules
    with their own halves; no id of one is also in an earlier set, nor a question (with the earlier
    questions it is read with, when it points back) of a test half: a writer may ask what an earlier
    one asked (audit 13's en-478 is the dev set's en-089 word for word), but only where both stand in
    the same half, so that no test half holds a question fitted on (audit 14's repeats of fit questions
    stand in its fit half: `REPEATED`; audit 17's en-870, audit 13's test en-463 word for word, in its
    test half: `REPEATED_TEST`)."""
    sources, source_problems = load_sources(SHARED_CORPUS)
    items, read_problems = load_items(path)
    problems = source_problems + read_problems + validate_items(items, sources)
    assert problems == [], "\n".join(problems)

    def asked(rows: list[dict[str, Any]], split: str = "") -> set[tuple[str, ...]]:
        # a question is read with its earlier ones only when it points back to them
        # (index.followup.read_question); asked alone, its words are the question
        return {
            tuple(
                normalise(q).casefold()
                for q in (*read_question(i["question"], i["history"]).read_with, i["question"])
            )
            for i in rows
            if split in ("", i["split"])
        }

    for other_path in earlier:
        other, _ = load_items(other_path)
        assert not {i["id"] for i in items} & {i["id"] for i in other}
        assert not asked(items, "test") & asked(other, "fit")
        assert not asked(items, "fit") & asked(other, "test")
    assert len(items) >= size
    assert {i["language"] for i in items if i["answerable"]} == {"en", "ko"}
    assert sum(not i["answerable"] for i in items) >= unanswerable
    assert sum(i["follow_up"] for i in items) >= follow_ups
    assert sum(is_cross_lingual(i, sources) for i in items if i["answerable"]) >= cross_lingual
    # an item that repeats an earlier fit (test) question stands in the fit (test) half, in its place
    splits = Counter(assign_splits(items, sources, repeated=frozenset(), tested=frozenset()).values())
    assert abs(splits["fit"] - splits["test"]) <= 1
    assert all(i["split"] == "fit" for i in items if i["id"] in REPEATED)
    assert all(i["split"] == "test" for i in items if i["id"] in REPEATED_TEST)
    assert not REPEATED & REPEATED_TEST  # an item stands in one half
