"""Filters are validated in one place (index.filters) for the API, the web form and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corpus.errors import InvalidRequest, NotFound
from corpus.models import SourceMeta
from index.backend import SourceRecord
from index.filters import check_filters, date_problem
from index.types import Filters
from service.app import create_app
from tests.fakes import FakeEmbedder
from tests.helpers import api_settings, build, write_corpus

HTML = {"accept": "text/html"}


def record(sid: str, language: str, publisher: str | None) -> SourceRecord:
    return SourceRecord(
        id=sid,
        path=f"{sid}.txt",
        meta=SourceMeta(title=sid, publisher=publisher, language=language),
        content_hash="h",
        namespace="",
        passage_count=1,
        indexed_at="2026-11-29T10:00:00Z",
    )


SOURCES = [record("a", "en", "United Nations"), record("b", "ko", "대한민국 국회"), record("c", "en", None)]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2024-02-29", None),
        ("2024", None),
        ("2024-06", None),
        ("2024-02-30", "2024-02 has days 01 to 29"),
        ("2023-02-29", "2023-02 has days 01 to 28"),
        ("2024-13", "the month must be 01 to 12"),
        ("2024-13-45", "the month must be 01 to 12"),
        ("last week", "not a date"),
        ("24-01-01", "not a date"),
    ],
)
def test_dates_must_be_real(value: str, problem: str | None) -> None:
    found = date_problem(value)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize(
    ("filters", "field", "names"),
    [
        (Filters(date_from="2026", date_to="2020"), "filters.date_from", ["2026", "2020"]),
        (Filters(date_from="2024-05-02", date_to="2024-05-01"), "filters.date_from", ["swap"]),
        (Filters(date_to="2024-02-30"), "filters.date_to", ["2024-02-30"]),
        (Filters(languages=("xx",)), "filters.languages", ["'xx'", "en, ko"]),
        (Filters(publishers=("Nobody Press",)), "filters.publishers", ["Nobody Press", "United Nations"]),
    ],
)
def test_filters_that_can_match_nothing_are_refused_naming_the_field(
    filters: Filters, field: str, names: list[str]
) -> None:
    with pytest.raises(InvalidRequest) as caught:
        check_filters(filters, SOURCES)
    assert caught.value.field == field
    assert caught.value.message.startswith(f"{field}: ")
    for name in names:
        assert name in caught.value.message


def test_unknown_source_is_not_found_and_good_filters_pass() -> None:
    with pytest.raises(NotFound) as caught:
        check_filters(Filters(source_ids=("a", "zzz")), SOURCES)
    assert caught.value.field == "filters.source_ids" and "'zzz'" in caught.value.message
    check_filters(
        Filters(
            source_ids=("a",),
            languages=("EN",),
            publishers=("united nations",),
            date_from="2020",
            date_to="2020",  # a one-year range: from its first day to its last
        ),
        SOURCES,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = Path(tmp_path_factory.mktemp("filters"))
    emb = FakeEmbedder()
    build(root / "data", write_corpus(root / "src"), emb)
    with TestClient(create_app(api_settings(root, None), embedder=emb)) as c:
        yield c


def ask(client: TestClient, **filters: object) -> tuple[int, dict[str, str]]:
    r = client.post("/api/ask", json={"question": "North Koreans detained in China", "filters": filters})
    return r.status_code, r.json().get("error", {})


def test_api_refuses_each_bad_filter_with_a_4xx_naming_it(client: TestClient) -> None:
    status, error = ask(client, date_from="2026", date_to="2020")
    assert (
        status == 400 and error["field"] == "filters.date_from" and "2026 is after 2020" in error["message"]
    )
    status, error = ask(client, date_from="2024-02-30")
    assert (
        status == 422
        and "filters.date_from" in error["message"]
        and "2024-02 has days 01 to 29" in error["message"]
    )
    status, error = ask(client, date_to="2024-13-45")
    assert status == 422 and "filters.date_to" in error["message"] and "01 to 12" in error["message"]
    status, error = ask(client, languages=["xx"])
    assert status == 400 and error["field"] == "filters.languages"
    assert "the collection has: en, ko" in error["message"]
    status, error = ask(client, publishers=["Nobody Press"])
    assert status == 400 and error["field"] == "filters.publishers" and "Example Watch" in error["message"]
    status, error = ask(client, source_ids=["no-such-source"])
    assert status == 404 and error["field"] == "filters.source_ids"


def test_api_good_filters_still_answer(client: TestClient) -> None:
    r = client.post(
        "/api/ask",
        json={
            "question": "North Koreans detained in China",
            "filters": {"languages": ["EN"], "date_from": "2023"},
        },
    )
    assert r.status_code == 200 and r.json()["answered"]


def test_web_abstention_names_the_active_filters(client: TestClient) -> None:
    resp = client.get(
        "/", params={"q": "North Koreans detained in China awaiting deportation", "lang": "ko"}, headers=HTML
    )
    assert resp.status_code == 200
    (turn,) = resp.context["page"].turns
    assert not turn.answered
    assert turn.filters == "language ko"
    assert "Filters were on: language ko" in resp.text
    assert turn.unfiltered_href is not None and "lang=" not in turn.unfiltered_href


def test_web_unknown_language_keeps_the_question_and_says_what_is_accepted(client: TestClient) -> None:
    resp = client.get("/", params={"q": "refugee", "lang": "xx"}, headers=HTML)
    assert resp.status_code == 400
    page = resp.context["page"]
    assert page.question == "refugee"
    assert "filters.languages" in page.turns[-1].error and "en, ko" in page.turns[-1].error
