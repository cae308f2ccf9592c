"""The chat page and the API on follow-ups, citations and the figures grid (hermetic: fake embedder)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from service.app import create_app
from tests.fakes import FakeEmbedder
from tests.helpers import MANIFEST, TINY, api_settings, build, write_corpus
from web.context import ChatPage, TurnPartial

HTML = {"accept": "text/html"}
EARLIER = "North Koreans detained in China awaiting deportation"
FOLLOW_UP = "And how many were repatriated in October?"
STANDALONE = "How many North Koreans were detained in China awaiting deportation?"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = Path(tmp_path_factory.mktemp("chat"))
    emb = FakeEmbedder()
    files = {
        **TINY,
        "watch.txt": "Watch notes\n\nAnother group counted 1,170 North Koreans detained in China awaiting "
        "deportation, fewer than the other estimate.",
    }
    manifest = MANIFEST + "watch.txt,Watch Notes,Other Watch,2021-07-01,https://example.org/w,test,CC BY,en\n"
    build(root / "data", write_corpus(root / "src", files, manifest), emb)
    with TestClient(create_app(api_settings(root, None), embedder=emb)) as c:
        yield c


def test_api_reports_what_a_follow_up_was_read_with(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": FOLLOW_UP, "history": [EARLIER]}).json()
    assert body["read_with"] == [EARLIER]
    alone = client.post("/api/ask", json={"question": STANDALONE}).json()
    in_thread = client.post(
        "/api/ask", json={"question": STANDALONE, "history": ["난민법은 무엇을 목적으로 하나요?", FOLLOW_UP]}
    ).json()
    assert in_thread["read_with"] == []
    assert [p["id"] for p in in_thread["passages"]] == [p["id"] for p in alone["passages"]]


def test_openapi_documents_read_with(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["AskResponse"]
    assert "read_with" in schema["properties"]


def test_chat_says_when_a_question_was_read_with_the_thread_and_offers_a_new_topic(
    client: TestClient,
) -> None:
    resp = client.get("/", params={"h": EARLIER, "q": FOLLOW_UP, "lang": "en"}, headers=HTML)
    page = resp.context["page"]
    assert isinstance(page, ChatPage)
    first, follow = page.turns
    assert first.read_with == () and first.new_topic_href is None
    assert follow.read_with == (EARLIER,)
    doc = BeautifulSoup(resp.text, "html.parser")
    line = doc.select(".read-with")
    assert len(line) == 1 and EARLIER in line[0].get_text()
    link = line[0].select_one("a.new-topic")
    assert link is not None
    query = parse_qs(urlsplit(str(link["href"])).query)
    assert query == {"q": [FOLLOW_UP], "lang": ["en"]}, "asked on its own, filters kept"
    # The form's "New topic" starts afresh with the same filters.
    new = doc.select_one("a.new-conversation")
    assert new is not None and new.get_text() == "New topic" and new["href"] == "/?lang=en"


def test_htmx_turn_of_a_self_contained_question_says_nothing_about_the_thread(client: TestClient) -> None:
    resp = client.get(
        "/turn", params={"h": EARLIER, "q": STANDALONE, "n": "1"}, headers={**HTML, "HX-Request": "true"}
    )
    partial = resp.context["page"]
    assert isinstance(partial, TurnPartial)
    assert partial.turn.read_with == ()
    assert "Read together with" not in resp.text


def test_quotes_cite_the_most_precise_place_and_offer_citation_downloads(client: TestClient) -> None:
    resp = client.get("/", params={"q": STANDALONE}, headers=HTML)
    (turn,) = resp.context["page"].turns
    quote = turn.quotes[0]
    assert quote.citation.place.startswith("chars ") and "¶" not in quote.citation.text
    assert quote.citation.place in quote.citation.text
    formats = {x.format: x.href for x in quote.citation.exports}
    assert set(formats) == {"csl-json", "bibtex", "ris"}
    doc = BeautifulSoup(resp.text, "html.parser")
    links = doc.select(f"#{quote.dom_id} .cite-exports a[download]")
    assert [a.get_text() for a in links] == ["CSL-JSON", "BibTeX", "RIS"]
    download = client.get(formats["bibtex"])
    assert download.status_code == 200 and download.text.startswith("@misc{")


def test_figures_grid_follows_the_best_quote_and_never_answers_a_definition(client: TestClient) -> None:
    resp = client.get("/", params={"q": STANDALONE}, headers=HTML)
    (turn,) = resp.context["page"].turns
    doc = BeautifulSoup(resp.text, "html.parser")
    if turn.comparison:
        article = doc.select_one(f"#{turn.dom_id}")
        assert article is not None
        order = [
            el.name if el.name != "ol" else "ol" for el in article.select(".turn-a > ol, .turn-a > section")
        ]
        assert order[0] == "ol", "the best quote leads"
    definition = client.get("/", params={"q": "What does non-refoulement mean for a refugee?"}, headers=HTML)
    (d,) = definition.context["page"].turns
    assert d.comparison == ()
    assert "compare-grid" not in definition.text


def test_chat_page_and_readyz_show_start_up_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow_load(settings: object) -> FakeEmbedder:
        release.wait(20)
        return FakeEmbedder()

    monkeypatch.setattr("service.app._load_embedder", slow_load)
    app = create_app(api_settings(tmp_path, None), background=True)
    try:
        with TestClient(app) as c:
            page = c.get("/", headers=HTML)
            assert page.status_code == 200
            progress = page.context["page"].progress
            assert progress is not None and progress.phase == "loading the model"
            doc = BeautifulSoup(page.text, "html.parser")
            assert doc.select_one('meta[http-equiv="refresh"]') is not None
            box = doc.select_one(".progress")
            assert box is not None and "Indexing: loading the model" in box.get_text()
            ready = c.get("/readyz")
            assert ready.status_code == 503
            body = ready.json()
            assert body["status"] == "indexing" and body["progress"]["phase"] == "loading the model"
            assert "not ready yet" in body["error"]["message"]
            assert c.get("/healthz").json() == {"status": "ok", "version": None, "groundqa": "0.1.0"}
            release.set()
            app.state.runtime.jobs.wait(timeout=20)
            # No index was ever built here: ready is still 503, now saying so without progress.
            after = c.get("/readyz").json()
            assert after["status"] == "not_ready" and "progress" not in after
    finally:
        release.set()


def test_asking_while_the_first_index_is_built_says_how_far_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`groundqa serve` on a fresh data dir: the model is loaded, no index exists yet, and the start-up
    job is embedding the sources. An ask is refused with the progress, not with "run groundqa index"."""
    release = threading.Event()

    def slow_update(**kwargs: object) -> object:
        progress = kwargs["progress"]
        assert callable(progress)
        progress("embedding", 3, 10)
        release.wait(20)
        raise AssertionError("released before the test ended")

    monkeypatch.setattr("service.app._load_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setattr("service.runtime.update_index", slow_update)
    write_corpus(tmp_path / "src")
    app = create_app(api_settings(tmp_path, None), index_on_start=True)
    try:
        with TestClient(app) as c:
            for _ in range(200):
                if c.get("/readyz").json().get("progress", {}).get("done") == 3:
                    break
                threading.Event().wait(0.05)
            resp = c.post("/api/ask", json={"question": "Where were the families held?"})
            assert resp.status_code == 503
            message = resp.json()["error"]["message"]
            assert message.startswith("the index is not ready yet (") and "3/10 (30%)" in message
            assert "groundqa index" not in message
        # the log does not tell the user to build an index that is being built
        warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert not any("groundqa index" in w for w in warnings), warnings
    finally:
        release.set()


def test_a_long_thread_is_listed_not_asked_again(tmp_path: Path) -> None:
    """The no-JavaScript page answers the last earlier questions again and lists the older ones."""
    from service.app import create_app
    from service.schemas import HISTORY_USED
    from tests.helpers import api_settings, build, write_corpus

    emb = FakeEmbedder()
    build(tmp_path / "data", write_corpus(tmp_path / "src"), emb)
    with TestClient(create_app(api_settings(tmp_path, None), embedder=emb)) as client:
        history = [f"earlier question {i} about refugees" for i in range(6)]
        page = client.get(
            "/", params={"h": history, "q": "detained in China?"}, headers={"Accept": "text/html"}
        )
        assert page.status_code == 200
        ctx = page.context["page"]  # type: ignore[attr-defined]
        assert list(ctx.earlier) == history[: len(history) - HISTORY_USED]
        assert [t.question for t in ctx.turns] == [*history[-HISTORY_USED:], "detained in China?"]
        too_many = client.get("/", params={"h": ["q"] * 21, "q": "x"}, headers={"Accept": "text/html"})
        assert too_many.status_code == 400 and "at most 20" in too_many.text
