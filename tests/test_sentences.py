"""Sentence splitting: exact offsets, script routing, abbreviations, and bounded work on huge input."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

import corpus.sentences as sentences
from corpus.sentences import map_pieces, paragraph_spans, split_by_budget, split_sentences
from tests.fakes import FakeEmbedder

count = FakeEmbedder().count_tokens


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def assert_exact_cover(
    text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None
) -> None:
    """Spans are trimmed, ascending, disjoint, inside [start, end) and cover its non-space text."""
    end = len(text) if end is None else end
    prev = start
    for a, b in spans:
        assert prev <= a < b <= end
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert text[prev:a].strip() == ""
        prev = b
    assert text[prev:end].strip() == ""


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = 'Mr. Kim went to the U.N. in New York.  He cited p. 17 of the report. "Is it true?" she asked.'
    spans = split_sentences(text)
    assert texts(text, spans) == [
        "Mr. Kim went to the U.N. in New York.",
        "He cited p. 17 of the report.",
        '"Is it true?" she asked.',
    ]


def test_korean_sentence_without_final_period_is_split(kiwi: Any) -> None:
    text = "탈북민 김모 씨는 2015년 북한을 떠났다고 말했다 유엔 보고서는 이를 인용했다."
    assert texts(text, split_sentences(text)) == [
        "탈북민 김모 씨는 2015년 북한을 떠났다고 말했다",
        "유엔 보고서는 이를 인용했다.",
    ]


def test_korean_definition_in_brackets_does_not_end_a_sentence(kiwi: Any) -> None:
    text = (
        '이 법은 「난민의 지위에 관한 1951년 협약」(이하 "난민협약"이라 한다) 및 「난민의 지위에 관한 '
        "1967년 의정서」에 따라 난민의 처우에 관한 사항을 정함을 목적으로 한다. 둘째 문장이다."
    )
    spans = split_sentences(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("목적으로 한다.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "第一条 中华人民共和国国籍的取得、丧失和恢复，都适用本法。"
            "第二条 各民族的人都具有中国国籍！第三条",
            [
                "第一条 中华人民共和国国籍的取得、丧失和恢复，都适用本法。",
                "第二条 各民族的人都具有中国国籍！",
                "第三条",
            ],
            id="han text splits on ideographic punctuation",
        ),
        pytest.param(
            "This sentence is\nwrapped across lines. The list:\n(a) first item\n(b) second item\n- third",
            [
                "This sentence is\nwrapped across lines.",
                "The list:",
                "(a) first item",
                "(b) second item",
                "- third",
            ],
            id="line breaks end sentences only before items or after punctuation",
        ),
    ],
)
def test_sentence_splits(text: str, expected: list[str]) -> None:
    assert texts(text, split_sentences(text)) == expected


def test_blank_lines_separate_paragraphs_and_sentences() -> None:
    text = "  First paragraph without end\n \n\nSecond one.\n\n\n"
    assert paragraph_spans(text) == [(2, 29), (33, 44)]
    assert texts(text, split_sentences(text)) == ["First paragraph without end", "Second one."]


def test_range_arguments_limit_the_spans() -> None:
    text = "Before. Inside one. Inside two. After."
    start, end = text.index("Inside"), text.index(" After")
    spans = split_sentences(text, start, end)
    assert texts(text, spans) == ["Inside one.", "Inside two."]
    with pytest.raises(ValueError, match="outside a text of"):
        split_sentences(text, 5, len(text) + 1)
    with pytest.raises(ValueError, match="outside a text of"):
        split_sentences(text, 10, 5)


def test_mixed_paragraphs_cover_everything(kiwi: Any) -> None:
    text = (
        "North Korea (DPRK) said so. 탈북민은 중국에서 강제송환된 뒤 구금됐다고 증언했다 "
        "그들은 두려워했다.\n\n"
        "第一条 本法。第二条\n\nMr. Lee arrived at 3 p.m. yesterday.\n😀 emoji 문장이다."
    )
    spans = split_sentences(text)
    assert_exact_cover(text, spans)
    assert len(spans) >= 6


def test_map_pieces_survives_altered_missing_and_foreign_pieces() -> None:
    text = "One two.  Three\tfour. Five six. Seven."
    pieces = ["One two.", "Three four.", "ZZZ not in text", "Seven."]  # whitespace changed, one absent
    ends = map_pieces(text, pieces)
    assert ends == [text.index(".") + 1, text.index("four.") + 5, len(text)]
    assert map_pieces(text, ["Seven.", "One two."]) == [len(text)]  # out of order: later ones ignored
    assert map_pieces(text, []) == []


def test_pysbd_output_is_mapped_with_exact_offsets_for_repeated_sentences() -> None:
    text = "Yes. No. Yes. Yes.\nNo."
    spans = split_sentences(text)
    assert texts(text, spans) == ["Yes.", "No.", "Yes.", "Yes.", "No."]
    assert_exact_cover(text, spans)


def test_long_sentence_is_split_at_word_ends_within_budget() -> None:
    words = [f"word{i}" for i in range(2_000)]
    text = "Start " + " ".join(words) + ", and more words here"
    pieces = split_by_budget(text, 0, len(text), 50, count)
    assert_exact_cover(text, [(a, b) for a, b, _ in pieces])
    for a, b, tokens in pieces:
        assert tokens == count(text[a:b]) <= 50
        assert b == len(text) or text[b].isspace() or text[b - 1] in ",;:"
    assert min(t for _, _, t in pieces[:-1]) >= 40  # pieces are nearly full, not crumbs


def per_char(s: str) -> int:
    return len(s)


def test_han_without_spaces_is_split_between_words() -> None:
    import rjieba

    text = "中华人民共和国国籍法规定" * 200
    pieces = split_by_budget(text, 0, len(text), 64, per_char)
    assert_exact_cover(text, [(a, b) for a, b, _ in pieces])
    word_ends = {end for _, _, end in rjieba.tokenize(text)}
    assert all(b in word_ends for _, b, _ in pieces)
    assert all(58 <= b - a <= 64 for a, b, _ in pieces[:-1])  # nearly full: cut at the last word end


def test_korean_without_spaces_is_split_between_morphemes(kiwi: Any) -> None:
    text = "북한이탈주민의보호및정착지원에관한법률" * 20
    pieces = split_by_budget(text, 0, len(text), 30, per_char)
    assert_exact_cover(text, [(a, b) for a, b, _ in pieces])
    assert not any(
        text[b - 1 : b + 1] in {"북한", "이탈", "주민", "보호", "정착", "지원", "법률"} for _, b, _ in pieces
    )


def test_a_word_over_the_budget_is_cut_between_characters_with_one_of_overlap() -> None:
    text = "x" * 1000 + " tail"
    pieces = split_by_budget(text, 0, len(text), 64, per_char)
    assert [b - a for a, b, _ in pieces[:-1]] == [64] * (len(pieces) - 1)
    for (_, end, _), (start, _, _) in itertools.pairwise(pieces):
        assert start == end - 1  # each cut inside the run: the next piece starts one character early
    assert text[pieces[-1][0] : pieces[-1][1]].endswith("x tail")


def test_budget_split_prefers_a_line_break() -> None:
    text = " ".join(["alpha"] * 30) + "\n" + " ".join(["beta"] * 8) + " " + " ".join(["gamma"] * 40)
    first = split_by_budget(text, 0, len(text), 40, count)[0]
    assert text[first[0] : first[1]] == " ".join(["alpha"] * 30)


def test_huge_paragraphs_never_reach_pysbd_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = sentences._pysbd_cuts

    def spy(block: str) -> list[int]:
        seen.append(len(block))
        return real(block)

    monkeypatch.setattr(sentences, "_pysbd_cuts", spy)
    medium = "This is a sentence with no end but many words " * 1_000  # 47 kB, one paragraph
    spans = split_sentences(medium)
    assert_exact_cover(medium, spans)
    assert seen and max(seen) <= sentences._BLOCK_CHARS

    seen.clear()
    huge = "alpha beta. gamma " * 15_000  # 270 kB single line: the cheap splitter only
    spans = split_sentences(huge)
    assert seen == []
    assert_exact_cover(huge, spans)
    assert len(spans) == 15_001  # "alpha beta.", then "gamma alpha beta." ..., then "gamma"


def test_multi_megabyte_single_line_is_split_in_linear_time() -> None:
    line = ("x" * 37 + " ") * 60_000  # 2.3 MB, no punctuation at all
    started = time.perf_counter()
    spans = split_sentences(line)
    assert_exact_cover(line, spans)
    assert max(b - a for a, b in spans) <= sentences._BLOCK_CHARS
    assert time.perf_counter() - started < 30  # quadratic work would take hours
