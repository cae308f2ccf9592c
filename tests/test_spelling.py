"""Misspelt English question terms read as the collection's nearest term (index.spelling)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from index import spelling
from index.analyzer import stem_words
from index.engine import GroundIndex
from index.spelling import corrections, one_edit
from index.types import Query
from tests.helpers import tiny_index_in

# document frequencies of a small collection's terms (stems)
DF = {"punish": 40, "convent": 30, "china": 200, "chain": 6, "refuge": 90, "rapporteur": 12, "rout": 7}
ENGLISH = frozenset(
    {"hike", "like", "bread", "broad", "punish", "convent", "china", "chain", "refuge", "rapporteur", "rout"}
)


def lookup(terms: Iterable[str]) -> dict[str, int]:
    return {t: DF[t] for t in terms if t in DF}


def test_one_edit_is_damerau_single_errors() -> None:
    """A deletion, a swap of neighbours, a replacement or an insertion: 54n + 25 strings at most."""
    edits = one_edit("chian")
    assert {"chan", "china", "chin", "chain", "cchian", "chiann", "xhian"} <= edits
    assert "chian" not in edits and "chinese" not in edits and "chians" in edits
    assert len(one_edit("chian")) <= 54 * 5 + 25


@pytest.mark.parametrize(
    ("word", "term"),
    [("punishmnet", "punish"), ("convetion", "convent"), ("chian", "china"), ("raporteur", "rapporteur")],
)
def test_a_misspelt_word_is_read_as_the_most_frequent_term_one_edit_away(word: str, term: str) -> None:
    (stem,) = stem_words([word])
    assert corrections([word], [stem], {}, lambda: ENGLISH, stem_words, lookup) == {stem: term}


def test_what_is_left_alone() -> None:
    """A term the collection holds, an English word it lacks ("hike" is not "like"), a short word, a
    word with digits, and a word whose nearest term is rare stay as written."""
    assert corrections(["refugees"], ["refuge"], {"refuge": 90}, lambda: ENGLISH, stem_words, lookup) == {}
    assert corrections(["hike"], ["hike"], {}, lambda: ENGLISH, stem_words, lookup) == {}
    assert corrections(["chna"], ["chna"], {}, lambda: ENGLISH, stem_words, lookup) == {}
    assert corrections(["ch1na"], ["ch1na"], {}, lambda: ENGLISH, stem_words, lookup) == {}
    # "routr" is one edit from "route" (rout), which only 7 passages hold: at MIN_DF 5 it is read so,
    # at 10 not
    assert corrections(["routr"], ["routr"], {}, lambda: ENGLISH, stem_words, lookup) == {"routr": "rout"}
    assert spelling.MIN_DF == 5
    # without a word list no English word can be told from a misspelling: nothing is corrected
    assert corrections(["punishmnet"], ["punishmnet"], {}, frozenset, stem_words, lookup) == {}


def test_a_british_spelling_is_read_as_its_ize_form() -> None:
    """ "naturalise" is stemmed naturalis, "naturalize" natur (as "naturalization" is): a British
    spelling the collection lacks is read as the -ize one it holds, English word or not."""

    def held(terms: Iterable[str]) -> dict[str, int]:
        return {t: 3 for t in terms if t in {"natur", "critic"}}

    english = frozenset({"naturalis", "critic"})
    for word, term in (("naturalise", "natur"), ("criticised", "critic")):
        (stem,) = stem_words([word])
        assert corrections([word], [stem], {}, lambda: english, stem_words, held) == {stem: term}
    assert corrections(["organise"], ["organis"], {"organis": 4}, lambda: english, stem_words, held) == {}


def test_a_misspelling_is_read_only_as_an_english_word() -> None:
    """ "chian" is one edit from "chain" and "china"; when only "chain" is an English word (and the
    collection holds "chin" more often), it is read as chain; when neither is, as nothing."""

    def held(terms: Iterable[str]) -> dict[str, int]:
        return {t: n for t, n in {"chin": 50, "chain": 6, "china": 9}.items() if t in terms}

    only_chain = frozenset({"chain"})
    assert corrections(["chian"], ["chian"], {}, lambda: only_chain, stem_words, held) == {"chian": "chain"}
    assert corrections(["chian"], ["chian"], {}, lambda: frozenset({"x"}), stem_words, held) == {}


def test_an_english_word_the_collection_lacks_is_no_misspelling() -> None:
    """ "onion" is one edit from "union", which the collection holds often: as an English word (in
    the word lists, or its singular is: "crises" -> crisis) it is a question about something else."""

    def held(terms: Iterable[str]) -> dict[str, int]:
        return {t: n for t, n in {"union": 50, "crime": 40, "onion": 0}.items() if t in terms and n}

    english = frozenset({"union", "onion", "crime", "crisi"})
    assert corrections(["onion"], ["onion"], {}, lambda: english, stem_words, held) == {}
    assert corrections(["crises"], ["crise"], {}, lambda: english, stem_words, held) == {}
    assert corrections(["unoin"], ["unoin"], {}, lambda: english, stem_words, held) == {"unoin": "union"}


def test_long_words_and_many_words_cost_little() -> None:
    """A question of junk ("What is " and 1,990 letters, or 180 unknown words) is not read for
    misspellings beyond MAX_CHARS letters a word and MAX_WORDS words, with one lookup for all."""
    calls: list[int] = []

    def counted(terms: Iterable[str]) -> dict[str, int]:
        found = list(terms)
        calls.append(len(found))
        return {}

    long_word = "x" * 1990
    assert corrections([long_word], [long_word], {}, lambda: ENGLISH, stem_words, counted) == {}
    assert calls == []
    words = [f"zq{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}wordy" for i in range(180)]
    assert corrections(words, stem_words(words), {}, lambda: ENGLISH, stem_words, counted) == {}
    assert len(calls) == 1 and calls[0] <= spelling.MAX_WORDS * (54 * 9 + 25)


def test_a_british_spelling_held_less_often_is_read_as_the_ize_one() -> None:
    """ "recognised" is in three passages, "recognized" in 145: the question reads as the spelling the
    collection uses, as if the word were misspelt."""

    def held(terms: Iterable[str]) -> dict[str, int]:
        return {t: n for t, n in {"recognis": 3, "recogn": 145}.items() if t in terms}

    assert corrections(["recognised"], ["recognis"], {"recognis": 3}, lambda: ENGLISH, stem_words, held) == {
        "recognis": "recogn"
    }


def test_ties_go_to_the_first_term_in_alphabetical_order() -> None:
    def even(terms: Iterable[str]) -> dict[str, int]:
        return {t: 9 for t in terms if t in {"chain", "china"}}

    assert corrections(["chian"], ["chian"], {}, lambda: ENGLISH, stem_words, even) == {"chian": "chain"}


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "tiny-spelling")


def test_a_misspelt_question_finds_what_the_spelt_one_finds(
    tiny_index: GroundIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "deportaton" is read as "deportation" and "Chnia" as "China" (the tiny collection holds them
    in fewer passages than MIN_DF, lowered here), its key fact too: the passage the spelt question
    ranks first is ranked first and holds every key fact."""
    monkeypatch.setattr(spelling, "MIN_DF", 1)
    right = tiny_index.search(
        Query("How many North Koreans were detained in China awaiting deportation?", explain=True)
    )
    typo = tiny_index.search(
        Query("How many North Koreans were detained in Chnia awaiting deportaton?", explain=True)
    )
    assert right.explanation is not None and typo.explanation is not None
    assert typo.explanation.terms == right.explanation.terms
    assert "deport" in typo.explanation.terms and "china" in typo.explanation.terms
    first, spelt = typo.explanation.candidates[0], right.explanation.candidates[0]
    assert (first.passage_id, first.missing) == (spelt.passage_id, ())
    monkeypatch.setattr(spelling, "MIN_DF", 1000)  # no term is held that often: nothing is corrected
    unread = tiny_index.search(
        Query("How many North Koreans were detained in Chnia awaiting deportaton?", explain=True)
    )
    assert unread.explanation is not None and "deportaton" in unread.explanation.terms
    assert "Chnia" in unread.explanation.candidates[0].missing
