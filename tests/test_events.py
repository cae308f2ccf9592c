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


def test_each_event_term_is_an_analysed_term() -> None:
    """A term of the word list is as the analyzer gives it, or no text would ever hold it."""
    for terms in EVENT_TERMS.values():
        for term in terms:
            assert analyze(term) == [term], term
