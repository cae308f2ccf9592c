"""The figures grid: quantities recognised in English and Korean, and only when a question asks for one."""

from __future__ import annotations

import pytest

from corpus.models import Passage, SourceMeta
from index.types import Hit, SourceRef, Span
from web.figures import asked_kinds, quantities
from web.present import comparison


def marked(text: str) -> list[tuple[str, str]]:
    return [(text[q.start : q.end], q.kind) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China is detaining 1,170 North Korean defectors in various facilities",
            [("1,170 North Korean defectors", "count")],
        ),
        ("as many as 2,000 North Koreans were held", [("2,000 North Koreans", "count")]),
        ("the number of detained defectors reached 2,000", [("2,000", "count")]),
        ("Up to 500 were returned.", [("500", "count")]),
        (
            "The recognition rate was 1.5% and $2.5 million was authorized.",
            [("1.5%", "percent"), ("$2.5 million", "money")],
        ),
        ("within 90 days of the application", [("90 days", "measure")]),
        (
            "탈북민 600명이 송환되었다. 정착금은 3억 원, 인정률은 1.5퍼센트이다.",
            [("600명", "count"), ("3억 원", "money"), ("1.5퍼센트", "percent")],
        ),
        ("신청일부터 6개월 안에 결정하고 30일 이내에 이의신청", [("6개월", "measure"), ("30일", "measure")]),
    ],
)
def test_quantities_are_recognised_with_their_unit(text: str, expected: list[tuple[str, str]]) -> None:
    assert marked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1. The Contracting States shall apply the provisions. 3. No reservations may be made.",
        "Article 33 of the Convention; Art. 14(1); section 104; § 7801",
        "22 U.S.C. 7801 and Public Law 108-333",
        "It was adopted on 28 July 1951 and entered into force on 22 April 1954.",
        "The report of 25 April 2019 and July 28, 1951",
        "In 2019 refugees fled; in the 1990s and the 20th century",
        "난민법 제33조제1항과 제2조에 따라 2023년 10월 5일에",
        "See the footnotes [5] and (2).",
    ],
)
def test_list_and_article_numbers_dates_and_years_are_not_figures(text: str) -> None:
    assert marked(text) == []


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How many North Koreans did China send back in October 2023?", {"count"}),
        ("What share of applicants are recognised as refugees?", {"percent"}),
        ("How long does the refugee screening take?", {"measure"}),
        ("How much money was authorized for that each year?", {"money"}),
        ("What figure did the UN special rapporteur give?", {"count", "money", "percent", "measure"}),
        ("2023년에 입국한 탈북민은 몇 명인가요?", {"count"}),
        ("탈북민 정착금은 얼마인가요?", {"money"}),
        ("한국의 난민 인정률은 얼마인가요?", {"percent"}),
        ("이의신청은 며칠 안에 해야 돼요?", {"measure"}),
        ("What does non-refoulement mean?", set()),
        ("Who is Elizabeth Salmón?", set()),
        ("When was the Refugee Convention adopted?", set()),
        ("난민법은 무엇을 목적으로 하나요?", set()),
    ],
)
def test_what_a_question_asks_for(question: str, kinds: set[str]) -> None:
    assert set(asked_kinds(question)) == kinds


def hit(source: str, text: str, date: str) -> Hit:
    return Hit(
        passage=Passage(
            id=f"p-{source}",
            source_id=source,
            text=text,
            char_start=0,
            char_end=len(text),
            page=None,
            ordinal=0,
        ),
        source=SourceRef(source, SourceMeta(title=f"Report {source}", publisher="P", date=date)),
        score=1.0,
        evidence=(Span(0, len(text)),),
    )


DETAINED = [
    hit("hrw", "China is detaining 1,170 North Korean defectors in various facilities.", "2023-07-13"),
    hit(
        "un", "The Special Rapporteur estimated that as many as 2,000 North Koreans were held.", "2022-09-01"
    ),
]


def test_differing_counts_from_two_sources_sit_side_by_side_each_dated() -> None:
    cells = comparison(DETAINED, "How many North Korean defectors is China detaining?")
    assert [(c.title, c.date) for c in cells] == [("Report hrw", "2023-07-13"), ("Report un", "2022-09-01")]
    assert [s.text for c in cells for span in c.spans for s in span if s.mark] == [
        "1,170 North Korean defectors",
        "2,000 North Koreans",
    ]


def test_no_grid_for_a_definition_or_for_figures_of_another_kind() -> None:
    assert comparison(DETAINED, "What does non-refoulement mean?") == ()
    mixed = [
        hit("fact", "Suffrage: 17 years of age; universal.", "2014"),
        hit("news", "Some 3,800 refugees arrived in 2019.", "2020-01-02"),
    ]
    # "17 years" is an age, not a count of people: nothing to set beside the 3,800.
    assert comparison(mixed, "How many refugees arrived?") == ()
    listed = [
        hit("law", "1. The Contracting States shall apply Article 33. 3. No reservations.", "1951-07-28"),
        hit("law2", "It was adopted on 28 July 1951 and entered into force on 22 April 1954.", "1954"),
    ]
    assert comparison(listed, "How many states signed?") == ()
