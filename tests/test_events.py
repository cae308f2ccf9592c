"""The kinds of event a sentence or a question tells of (`index.events`)."""

from __future__ import annotations

import pytest

from index.analyzer import analyze
from index.events import EVENT_TERMS, events_in


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Only 196 arrived during the year", {"arrival"}),
        ("the Ministry reported admitting 105 DPRK citizens", {"arrival"}),
        ("China forcibly repatriated up to 600 North Koreans", {"repatriation"}),
        ("2,000 North Koreans were detained in the PRC awaiting deportation", {"detention", "repatriation"}),
        ("42 North Korean defectors went missing", {"disappearance"}),
        ("DPRK kidnappers abducted ROK citizens", {"abduction"}),
        ("women trafficked into China", {"trafficking"}),
        ("public executions increased", {"execution"}),
        ("2023년에 한국에 입국한 탈북민", {"arrival"}),
        ("강제북송된 북한 주민", {"repatriation"}),
        # words of several senses tell none: returned, held, reached
        ("They returned home and held a meeting; the number reached 2,000", set()),
        ("The Committee shall consist of ten experts", set()),
    ],
)
def test_the_events_a_text_tells_of(text: str, kinds: set[str]) -> None:
    assert events_in(analyze(text)) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # words whose stems tell an event, in uses that tell none
        ("The executive committee met 12 times", set()),
        ("The Convention entered into force in 1987", set()),
        ("The Protocol's entry into force in 2003", set()),
        ("China admitted that 600 North Koreans were sent back", set()),
        # the same stems telling events
        ("12 people were executed", {"execution"}),
        ("3,800 North Koreans entered South Korea", {"arrival"}),
        ("South Korea admitted 3,800 refugees", {"arrival"}),
        ("The executive said 12 people were executed", {"execution"}),
        ("실종자 42명", {"disappearance"}),
        ("3,800 North Korean refugees were admitted to South Korea in 2003", {"arrival"}),
        ("He admitted to having lied about 12 cases", set()),
        ("the entry-into-force date of the 12 articles", set()),
    ],
)
def test_a_word_in_a_use_that_tells_no_event(text: str, kinds: set[str]) -> None:
    assert events_in(analyze(text), text) == kinds


def test_without_its_text_a_term_tells_its_event() -> None:
    """Terms alone (a question's senses in another language) cannot say how a word was used."""
    assert events_in(analyze("The executive committee met")) == {"execution"}


def test_each_event_term_is_an_analysed_term() -> None:
    """A term of the word list is as the analyzer gives it, or no text would ever hold it."""
    for terms in EVENT_TERMS.values():
        for term in terms:
            assert analyze(term) == [term], term
