"""The web pages, hermetically: template contexts, escaping, CSP-safe markup and labels."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from corpus.models import Passage, SourceMeta
from corpus.script import guess_lang
from index import LocalCatalog, SourceDir, update_index
from index.types import Answer, Hit, SourceRef, Span
from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from web.context import AdminPage, ChatPage, ErrorPage, SourcesPage, TurnPartial, ViewerPage
from web.present import comparison, figures, safe_url, segments, text_blocks, turn
from web.templating import templates

HTML = {"accept": "text/html"}
TOKEN = "s3cret-admin-token"
HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    "Hostile markup notes\n\n"
    'The zorblax field report says <script>alert("body")</script> and <img src=x onerror=alert(2)> '
    'and <a href="javascript:alert(3)">click</a> appear in the zorblax archive.\n'
)

SOURCES = {
    "amber.txt": (
        "Rivers of the north\n\n"
        "The Amber River is 412 kilometres long and flows into the northern sea.\n\n"
        "Fishing on the Amber River has been restricted since 2019 to protect the salmon.\n"
    ),
    "survey.txt": (
        "A survey of northern rivers\n\n"
        "The Amber River is 398 kilometres long according to the river survey.\n\n"
        "Salmon numbers in the survey rose after the fishing restrictions.\n"
    ),
    "hostile.txt": HOSTILE_TEXT,
    "korean.txt": (
        "북한이탈주민 지원\n\n통일부는 북한이탈주민의 정착을 지원하기 위하여 정착지원사무소를 운영한다.\n\n"
        "정착지원사무소는 북한이탈주민에게 사회적응교육을 제공한다.\n"
    ),
}
MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "amber.txt,Rivers of the North,Northern Atlas,2020-05-01,https://example.org/rivers,test,CC BY 4.0,en\n"
    "survey.txt,A Survey of Northern Rivers,River Office,2021-03-02,https://example.org/survey,test,"
    "Public domain,en\n"
    f'hostile.txt,"{HOSTILE_TITLE.replace(chr(34), chr(34) * 2)}",<b>Evil</b> Press,2022,'
    "javascript:alert(4),test,<i>none</i>,en\n"
    "korean.txt,북한이탈주민 정착 지원,통일부,2023-01-01,https://example.org/ko,test,공공누리,ko\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("web")
    src = root / "sources"
    src.mkdir()
    for name, text in SOURCES.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    settings = Settings(sources_dir=src, data_dir=root / "data", admin_token=TOKEN)
    embedder = FakeEmbedder()
    report = update_index(
        catalog=LocalCatalog(settings.data_dir),
        inputs=[SourceDir(src)],
        embedder=embedder,
        max_bytes=settings.max_file_bytes,
    )
    assert report.published and not report.failed, report
    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield client


def page_of(resp: Any) -> Any:
    return resp.context["page"]


def soup(resp: Any) -> BeautifulSoup:
    return BeautifulSoup(resp.text, "html.parser")


def one(node: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching a CSS selector (fails the test when there is none)."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    assert value is not None, f"<{tag.name}> has no {name}"
    return value if isinstance(value, str) else " ".join(value)


def source_ids(client: TestClient) -> dict[str, str]:
    """path -> id of every indexed source."""
    return {s["path"]: s["id"] for s in client.get("/api/sources").json()["sources"]}


def source_text(client: TestClient, source_id: str) -> str:
    text: str = client.get(f"/api/sources/{source_id}").json()["text"]
    return text


def viewer_text(resp: Any) -> str:
    """The text the source viewer shows (its text blocks, joined)."""
    return "".join(block.get_text() for block in soup(resp).select(".source-text .text"))


def assert_csp_safe(resp: Any) -> None:
    """No inline script, no event-handler attribute, no inline style, no javascript: link."""
    doc = soup(resp)
    for script in doc.select("script"):
        assert script.get("src"), f"inline <script> on {resp.url}"
        assert not script.get_text(strip=True)
    for el in doc.select("*"):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), f"event handler {attr} on <{el.name}> at {resp.url}"
            assert attr.lower() != "style", f"inline style on <{el.name}> at {resp.url}"
            if attr in ("href", "src", "action", "formaction", "cite"):
                assert not str(value).strip().lower().startswith("javascript:"), f"{attr}={value!r}"
    assert doc.select_one("style") is None


def assert_labelled(resp: Any) -> None:
    """Every visible form control has a label; the page has header, nav and main landmarks."""
    doc = soup(resp)
    assert doc.select_one("header") and doc.select_one("nav") and doc.select_one("main")
    for el in doc.select("input, select, textarea"):
        if el.get("type") in ("hidden", "submit", "button"):
            continue
        control_id = el.get("id")
        labelled = el.find_parent("label") or (control_id and doc.select_one(f'label[for="{control_id}"]'))
        assert labelled, f"no label for {el}"


# -- chat -----------------------------------------------------------------------------------------


def assert_csp_safe_and_labelled(resp: Any) -> None:
    assert_csp_safe(resp)
    assert_labelled(resp)


def test_empty_chat_page_has_form_filters_and_labels(site: TestClient) -> None:
    resp = site.get("/", headers=HTML)
    assert resp.status_code == 200
    page = page_of(resp)
    assert isinstance(page, ChatPage)
    assert page.turns == () and page.history == () and page.next_number == 1
    assert {o.label.split(" (")[0] for o in page.options.sources} >= {
        "Rivers of the North",
        "북한이탈주민 정착 지원",
    }
    assert {o.value for o in page.options.languages} == {"en", "ko"}
    assert "River Office" in {o.value for o in page.options.publishers}
    doc = soup(resp)
    form = one(doc, "form#ask-form")
    assert attr(form, "method") == "get" and attr(form, "action").startswith("/")
    assert one(doc, 'label[for="q"]').get_text() == "Question"
    for name in ("source", "publisher", "lang", "date_from", "date_to"):
        assert form.select_one(f'[name="{name}"]') is not None
    assert attr(one(doc, "#thread"), "aria-live") == "polite"
    assert_csp_safe_and_labelled(resp)


def test_answer_quotes_are_exact_spans_with_evidence_and_citation(site: TestClient) -> None:
    resp = site.get("/", params={"q": "How long is the Amber River in kilometres?"}, headers=HTML)
    assert resp.status_code == 200
    page = page_of(resp)
    (turn,) = page.turns
    assert turn.answered and turn.quotes and turn.latest
    doc = soup(resp)
    for qv in turn.quotes:
        c = qv.citation
        text = source_text(site, c.source_id)
        passage = site.get(c.href.split("#")[0], headers=HTML)
        start, end = page_of(passage).highlight
        assert qv.text == text[start:end] == "".join(s.text for s in qv.segments)
        assert any(s.mark for s in qv.segments), "evidence is highlighted"
        assert c.title and c.date and c.license and c.place
        assert c.href.startswith(f"/sources/{c.source_id}?passage=") and c.href.endswith("#passage")
        assert c.title in c.text and c.date in c.text
        # The rendered quote's text is the passage, character for character.
        quote = one(doc, f"#{qv.dom_id}-text")
        assert quote.get_text() == qv.text
        assert [m.get_text() for m in quote.select("mark")] == [s.text for s in qv.segments if s.mark]
        button = one(doc, f'button[data-quote="{qv.dom_id}-text"]')
        assert attr(button, "data-citation") == c.text
    assert doc.select_one("#latest") is not None
    assert_csp_safe(resp)


def test_figures_from_two_sources_are_shown_side_by_side_not_merged(site: TestClient) -> None:
    resp = site.get("/", params={"q": "How long is the Amber River in kilometres?"}, headers=HTML)
    (turn,) = page_of(resp).turns
    sources_with_figures = {q.citation.source_id for q in turn.quotes if re.search(r"\b(412|398)\b", q.text)}
    if len(sources_with_figures) < 2:
        pytest.fail(
            f"expected both river sources among the answers, got {[q.citation.title for q in turn.quotes]}"
        )
    cells = turn.comparison
    assert len(cells) >= 2
    assert {c.date for c in cells} >= {"2020-05-01", "2021-03-02"}
    figures = {s.text for c in cells for span in c.spans for s in span if s.mark}
    assert {"412 kilometres", "398 kilometres"} <= figures  # each figure with its unit
    assert len(one(soup(resp), ".compare-grid").select(".compare-cell")) == len(cells)


def test_abstention_says_so_and_collapses_related_passages(site: TestClient) -> None:
    resp = site.get("/", params={"q": "qwxz vlorp quantum pastry tariffs?"}, headers=HTML)
    (turn,) = page_of(resp).turns
    assert not turn.answered and turn.quotes == () and turn.comparison == ()
    doc = soup(resp)
    assert one(doc, ".abstain").get_text(strip=True) == "No source in this collection answers that."
    related = doc.select_one("details.related")
    if turn.related:
        assert related is not None and not related.has_attr("open")
        assert one(related, "summary").get_text().startswith("Related, not an answer")
        assert not related.select("mark"), "related passages carry no evidence highlight"
        assert not doc.select("button.copy-cite")
    else:
        assert related is None
    assert_csp_safe(resp)


def test_follow_up_renders_the_thread_and_carries_history(site: TestClient) -> None:
    first = "How long is the Amber River?"
    follow = "Is fishing restricted there?"
    resp = site.get("/", params={"h": [first], "q": follow, "n": 1}, headers=HTML)
    page = page_of(resp)
    assert [t.question for t in page.turns] == [first, follow]
    assert [t.number for t in page.turns] == [1, 2]
    assert [t.latest for t in page.turns] == [False, True]
    assert page.history == (first, follow) and page.next_number == 3
    doc = soup(resp)
    hidden = one(doc, "#history-fields")
    assert [attr(i, "value") for i in hidden.select('input[name="h"]')] == [first, follow]
    assert attr(one(hidden, 'input[name="n"]'), "value") == "2"
    assert doc.select_one("#turn-1") and doc.select_one("#turn-2")


def test_htmx_turn_returns_one_turn_and_out_of_band_history(site: TestClient) -> None:
    params: dict[str, Any] = {
        "h": ["How long is the Amber River?"],
        "q": "Is fishing restricted there?",
        "n": 1,
        "lang": "en",
    }
    resp = site.get("/turn", params=params, headers={**HTML, "HX-Request": "true"})
    assert resp.status_code == 200
    partial = page_of(resp)
    assert isinstance(partial, TurnPartial)
    assert partial.turn.number == 2 and partial.next_number == 3
    assert partial.history == ("How long is the Amber River?", "Is fishing restricted there?")
    doc = soup(resp)
    assert len(doc.select("article.turn")) == 1
    assert attr(one(doc, "#history-fields"), "hx-swap-oob") == "true"
    assert doc.select_one("html") is None, "a fragment, not a page"
    pushed = resp.headers["HX-Push-Url"]
    assert pushed.startswith("/?") and "lang=en" in pushed and "n=1" in pushed
    # Without htmx, /turn sends the browser to the full page for the same conversation.
    plain = site.get("/turn", params=params, headers=HTML, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == pushed


def test_source_filter_limits_answers(site: TestClient) -> None:
    survey = source_ids(site)["survey.txt"]
    resp = site.get("/", params={"q": "How long is the Amber River?", "source": survey}, headers=HTML)
    page = page_of(resp)
    (turn,) = page.turns
    shown = turn.quotes or turn.related
    assert shown and {q.citation.source_id for q in shown} == {survey}
    assert page.filters.source == survey and page.filters.active
    assert one(soup(resp), f'option[value="{survey}"]').has_attr("selected")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Amber River", "date_from": "\x00", "publisher": "\x1bX\x00"},
        {"q": "Amber\x00 River\x1b"},
        {"q": "Amber River", "h": "How long is\x00 the Amber River?"},
    ],
)
def test_control_characters_in_any_field_never_reach_the_page(
    site: TestClient, params: dict[str, str]
) -> None:
    resp = site.get("/", params=params, headers=HTML)
    assert resp.status_code in (200, 400)
    assert "\x00" not in resp.text and "\x1b" not in resp.text


def test_bad_filter_keeps_the_question_and_shows_the_reason_beside_it(site: TestClient) -> None:
    resp = site.get(
        "/",
        params={"h": "How long is the Amber River?", "q": "Amber River", "date_from": "last week"},
        headers=HTML,
    )
    assert resp.status_code == 400
    page = page_of(resp)
    assert isinstance(page, ChatPage)
    failed = page.turns[-1]
    assert failed.question == "Amber River" and failed.error is not None
    assert "YYYY" in failed.error and "date_from" in failed.error
    assert page.turns[0].answered, "the earlier question is still shown, answered"
    assert page.question == "Amber River"
    assert page.history == ("How long is the Amber River?",), "the failed question does not join the thread"
    doc = soup(resp)
    assert one(doc, "textarea#q").get_text() == "Amber River"
    assert "YYYY" in one(doc, "article.turn-failed .turn-reason").get_text()
    assert attr(one(doc, "#f-from"), "value") == "last week"
    # Inside htmx the failed turn is appended with its reason; the hidden history is unchanged.
    frag = site.get(
        "/turn",
        params={"q": "Amber River", "h": "How long is the Amber River?", "n": "1", "date_to": "2024-02-30"},
        headers={**HTML, "HX-Request": "true"},
    )
    assert frag.status_code == 400
    partial = page_of(frag)
    assert isinstance(partial, TurnPartial)
    assert partial.turn.question == "Amber River" and "2024-02-30" in (partial.turn.error or "")
    assert partial.history == ("How long is the Amber River?",)
    assert "HX-Push-Url" not in frag.headers
    assert one(soup(frag), "article.turn-failed .q-text").get_text() == "Amber River"
    # A reversed range is refused by the index with a 400 naming the field.
    rev = site.get("/", params={"q": "Amber River", "date_from": "2026", "date_to": "2020"}, headers=HTML)
    assert rev.status_code == 400
    assert "filters.date_from" in (page_of(rev).turns[-1].error or "")


def test_korean_question_and_quotes_carry_lang(site: TestClient) -> None:
    resp = site.get("/", params={"q": "통일부는 무엇을 운영하나요?"}, headers=HTML)
    (turn,) = page_of(resp).turns
    assert turn.question_lang == "ko"
    doc = soup(resp)
    assert attr(one(doc, ".q-text"), "lang") == "ko"
    ko_quotes = [q for q in (turn.quotes or turn.related) if q.citation.language == "ko"]
    assert ko_quotes, "the Korean source is found"
    assert all(q.lang == "ko" for q in ko_quotes)
    assert attr(one(doc, f"#{ko_quotes[0].dom_id}-text"), "lang") == "ko"


# -- hostile content ------------------------------------------------------------------------------


def test_hostile_title_text_url_and_question_render_as_text(site: TestClient) -> None:
    hostile_id = source_ids(site)["hostile.txt"]
    question = '<script>alert("q")</script><img src=x onerror=alert(5)> zorblax field report'
    pages = [
        site.get("/", params={"q": question}, headers=HTML),
        site.get("/sources", headers=HTML),
        site.get(f"/sources/{hostile_id}", headers=HTML),
        site.get(f"/sources/{hostile_id}", params={"start": 0, "end": 40}, headers=HTML),
        site.get("/admin", headers=HTML),
    ]
    for resp in pages:
        assert resp.status_code == 200
        assert "<script>alert" not in resp.text and "<img src=x" not in resp.text
        assert_csp_safe(resp)
    chat, listing, viewer = pages[0], pages[1], pages[2]
    assert one(soup(chat), ".q-text").get_text() == question
    assert 'alert("title")' in soup(listing).get_text()  # the title's markup is removed at ingestion
    assert viewer_text(viewer) == source_text(site, hostile_id)
    view = page_of(viewer)
    assert isinstance(view, ViewerPage) and view.url is None, "javascript: URLs are never links"
    (turn,) = page_of(chat).turns
    for qv in (*turn.quotes, *turn.related):
        if qv.citation.source_id == hostile_id:
            assert qv.citation.url is None and "javascript:" not in qv.citation.text


# -- sources and viewer ---------------------------------------------------------------------------


def test_sources_page_lists_the_collection(site: TestClient) -> None:
    resp = site.get("/sources", headers=HTML)
    page = page_of(resp)
    assert isinstance(page, SourcesPage)
    api = {s["id"]: s for s in site.get("/api/sources").json()["sources"]}
    assert {s.id for s in page.sources} == set(api)
    for s in page.sources:
        assert s.passages == api[s.id]["passages"] > 0
    doc = soup(resp)
    headers = [th.get_text() for th in doc.select("thead th")]
    assert headers == ["Title", "Publisher", "Date", "Language", "Licence", "Passages", "Last indexed"]
    assert len(doc.select("tbody tr")) == len(api)
    assert_labelled(resp)


def test_viewer_highlights_the_cited_passage(site: TestClient) -> None:
    amber = source_ids(site)["amber.txt"]
    resp = site.get("/", params={"q": "How long is the Amber River in kilometres?"}, headers=HTML)
    qv = next(q for t in page_of(resp).turns for q in t.quotes if q.citation.source_id == amber)
    view_resp = site.get(qv.citation.href.split("#")[0], headers=HTML)
    assert view_resp.status_code == 200
    view = page_of(view_resp)
    assert isinstance(view, ViewerPage) and view.passage_id == qv.passage_id and view.highlight
    text = source_text(site, amber)
    assert text[view.highlight[0] : view.highlight[1]] == qv.text
    doc = soup(view_resp)
    anchors = doc.select("#passage")
    assert len(anchors) == 1 and anchors[0].name == "mark"
    assert "".join(m.get_text() for m in doc.select("mark.cited")) == qv.text
    assert viewer_text(view_resp) == text
    assert not view.paged and len(view.blocks) == 1
    assert_csp_safe(view_resp)


def test_viewer_character_range_and_its_errors(site: TestClient) -> None:
    amber = source_ids(site)["amber.txt"]
    text = source_text(site, amber)
    resp = site.get(f"/sources/{amber}", params={"start": 5, "end": 25}, headers=HTML)
    assert page_of(resp).highlight == (5, 25)
    assert one(soup(resp), "#passage").get_text() == text[5:25]
    bad = site.get(f"/sources/{amber}", params={"start": 30, "end": 10}, headers=HTML)
    assert bad.status_code == 400 and "start" in page_of(bad).message
    other = source_ids(site)["survey.txt"]
    survey_passage = page_of(site.get("/", params={"q": "survey salmon", "source": other}, headers=HTML))
    quotes = [q for t in survey_passage.turns for q in (*t.quotes, *t.related)]
    wrong = site.get(f"/sources/{amber}", params={"passage": quotes[0].passage_id}, headers=HTML)
    assert wrong.status_code == 404


def test_unknown_source_is_a_404_page(site: TestClient) -> None:
    resp = site.get("/sources/no-such-source", headers=HTML)
    assert resp.status_code == 404
    page = page_of(resp)
    assert isinstance(page, ErrorPage) and page.title == "Not found" and "no-such-source" in page.message
    assert one(soup(resp), "h1").get_text() == "Not found"
    assert_csp_safe(resp)
    # API clients still get JSON.
    assert site.get("/api/sources/no-such-source").json()["error"]["code"] == "not_found"


def test_viewer_splits_pdf_text_into_pages() -> None:
    text = "page one text\fpage two has the cited words\fpage three"
    pages = (0, 14, 43)
    start = text.index("cited")
    blocks = text_blocks(text, pages, (start - 4, start + 5))
    assert [b.number for b in blocks] == [1, 2, 3]
    assert "".join(s.text for b in blocks for s in b.segments) == text
    marked = [s for b in blocks for s in b.segments if s.mark]
    assert [s.text for s in marked] == ["the cited"] and marked[0].anchor
    # A span across a page break is marked on both pages; only the first part is the anchor.
    across = text_blocks(text, pages, (9, 20))
    parts = [(b.number, s.text, s.anchor) for b in across for s in b.segments if s.mark]
    assert parts == [(1, "text\f", True), (2, "page t", False)]


# -- admin ----------------------------------------------------------------------------------------


def test_admin_page_asks_for_the_token(site: TestClient) -> None:
    resp = site.get("/admin", headers=HTML)
    page = page_of(resp)
    assert isinstance(page, AdminPage) and page.enabled and page.status is None and page.token == ""
    doc = soup(resp)
    token = one(doc, 'input[name="token"]')
    assert attr(token, "type") == "password" and doc.select_one(f'label[for="{attr(token, "id")}"]')
    assert resp.headers["cache-control"] == "no-store"
    assert_csp_safe_and_labelled(resp)


def test_admin_wrong_token_is_refused_and_not_echoed(site: TestClient) -> None:
    resp = site.post("/admin/rebuild", data={"token": "guess"}, headers=HTML)
    assert resp.status_code == 401
    page = page_of(resp)
    assert page.error and page.token == "" and page.status is None
    assert "guess" not in resp.text
    assert (
        page.error
        == "admin token missing or wrong: enter the admin token (GROUNDQA_ADMIN_TOKEN) in the token field"
    )


def test_admin_upload_indexes_a_source_and_delete_removes_it(site: TestClient) -> None:
    runtime = site.app.state.runtime  # type: ignore[attr-defined]
    body = b"Quarterly notes\n\nThe glimmerfen lighthouse was repainted in teal during the spring.\n"
    resp = site.post(
        "/admin/upload",
        data={
            "token": TOKEN,
            "title": "Glimmerfen notes",
            "publisher": "Harbour Board",
            "date": "2024-04",
            "license": "CC0",
            "language": "en",
        },
        files={"file": ("glimmerfen.txt", body, "text/plain")},
        headers=HTML,
    )
    assert resp.status_code == 202, resp.text
    page = page_of(resp)
    assert page.uploaded_id and page.token == TOKEN and page.job is not None
    runtime.jobs.wait(timeout=60)
    status = page_of(site.post("/admin/status", data={"token": TOKEN}, headers=HTML))
    assert status.job["state"] == "succeeded" and page.uploaded_id in status.job["result"]["added"]
    assert page.uploaded_id in {s.id for s in status.sources}
    answer = page_of(
        site.get("/", params={"q": "What colour was the glimmerfen lighthouse repainted?"}, headers=HTML)
    )
    shown = [q for t in answer.turns for q in (*t.quotes, *t.related)]
    assert page.uploaded_id in {q.citation.source_id for q in shown}

    deleted = site.post("/admin/delete", data={"token": TOKEN, "source_id": page.uploaded_id}, headers=HTML)
    assert deleted.status_code == 202
    runtime.jobs.wait(timeout=60)
    assert page.uploaded_id not in source_ids(site)


def test_admin_upload_of_a_taken_name_asks_before_replacing(site: TestClient) -> None:
    def upload(body: bytes, **form: str) -> Any:
        files = {"file": ("harbour.txt", body, "text/plain")}
        return site.post("/admin/upload", data={"token": TOKEN, **form}, files=files, headers=HTML)

    assert 'name="replace"' in site.get("/admin", headers=HTML).text  # the form offers the choice
    assert upload(b"The harbour light is green.").status_code == 202
    site.app.state.runtime.jobs.wait(timeout=60)  # type: ignore[attr-defined]
    clash = upload(b"The harbour light is red.")
    assert clash.status_code == 409 and "tick Replace" in (page_of(clash).error or "")
    assert page_of(clash).token == TOKEN
    assert upload(b"The harbour light is red.", replace="true").status_code == 202


def test_admin_upload_without_file_says_so(site: TestClient) -> None:
    resp = site.post("/admin/upload", data={"token": TOKEN}, headers=HTML)
    assert resp.status_code == 400 and page_of(resp).error == "choose a file to upload"
    assert page_of(resp).token == TOKEN, "the right token is kept for the next action"


def test_admin_disabled_explains_how_to_enable(tmp_path: Path) -> None:
    settings = Settings(sources_dir=tmp_path / "none", data_dir=tmp_path / "data")
    with TestClient(create_app(settings, embedder=FakeEmbedder())) as client:
        resp = client.get("/admin", headers=HTML)
        assert resp.status_code == 200 and not page_of(resp).enabled
        assert "GROUNDQA_ADMIN_TOKEN" in resp.text
        assert soup(resp).select_one("form#admin-form") is None
        # With no index yet the chat page still renders, and says why nothing can be asked.
        chat = client.get("/", headers=HTML)
        assert chat.status_code == 200 and not page_of(chat).ready and page_of(chat).notice
        assert client.get("/", params={"q": "anything"}, headers=HTML).status_code == 503


# -- static files and docs ------------------------------------------------------------------------


def test_vendored_files_are_served_and_pinned(site: TestClient) -> None:
    htmx = site.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200
    assert hashlib.sha256(htmx.content).hexdigest() == (
        "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
    )
    docs = site.get("/docs", headers=HTML)
    assert docs.status_code == 200
    assert_csp_safe(docs)
    scripts = [attr(s, "src").split("?")[0] for s in soup(docs).select("script")]
    assert "/static/vendor/swagger/swagger-ui-bundle.js" in scripts and "/static/docs-init.js" in scripts
    for src in scripts:
        assert site.get(src).status_code == 200
    assert "content-security-policy" in docs.headers


# -- presentation functions -----------------------------------------------------------------------


def _passage(pid: str, source_id: str, text: str, evidence: list[tuple[int, int]], date: str | None) -> Hit:
    return Hit(
        passage=Passage(
            id=pid, source_id=source_id, text=text, char_start=0, char_end=len(text), page=None, ordinal=0
        ),
        source=SourceRef(id=source_id, meta=SourceMeta(title=f"Title {source_id}", publisher="P", date=date)),
        score=1.0,
        evidence=tuple(Span(s, e) for s, e in evidence),
    )


@given(
    text=st.text(max_size=60),
    spans=st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_segments_rejoin_to_the_text_and_mark_exactly_the_spans(
    text: str, spans: list[tuple[int, int]]
) -> None:
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    marked = {i for s, e in spans for i in range(max(0, s), min(len(text), e))}
    pos, shown = 0, set()
    for seg in segs:
        if seg.mark:
            shown |= set(range(pos, pos + len(seg.text)))
        pos += len(seg.text)
    assert shown == marked


def test_figures_skip_years_and_article_numbers() -> None:
    text = "In 2023, under Article 33 and 제3조, up to 600 people (12.5%) of 1,170 were held; see (2)."
    assert [text[s:e] for s, e in figures(text)] == ["600 people", "12.5%", "1,170"]
    text = "In the 20th century and the 1990s, 240,000 died.[5][6] 탈북민 600명이 송환되었다."
    assert [text[s:e] for s, e in figures(text)] == ["240,000", "600명"]


def test_comparison_needs_figures_from_two_sources_and_keeps_them_apart() -> None:
    text = "Context. China returned 600 people in October. More."
    start = text.index("China")
    a = _passage("p1", "a", text, [(start, text.index(" More"))], "2024-01-01")
    a2 = _passage("p2", "a", "A second passage from a with 900 people.", [], "2024-01-01")
    b = _passage("p3", "b", "Up to 500 were returned.", [(0, 24)], "2023-03-01")
    c = _passage("p4", "c", "No figures in this one.", [(0, 23)], "2022")
    cells = comparison([a, a2, b, c], "How many people were returned?")
    assert [(cell.title, cell.date) for cell in cells] == [
        ("Title a", "2024-01-01"),
        ("Title b", "2023-03-01"),
    ]
    assert ["".join(s.text for s in span) for cell in cells for span in cell.spans] == [
        "China returned 600 people in October.",
        "Up to 500 were returned.",
    ]
    assert [s.text for cell in cells for span in cell.spans for s in span if s.mark] == ["600 people", "500"]
    assert comparison([a, a2, c], "How many people were returned?") == (), "one source is no comparison"
    assert comparison([a, a2, b, c], "What does refoulement mean?") == (), "a definition asks for no figure"


def test_safe_url_and_guess_lang() -> None:
    assert safe_url("https://example.org/x?y=1") == "https://example.org/x?y=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "/relative",
        "http://",
        None,
        "",
    ):
        assert safe_url(bad) is None
    assert guess_lang("난민법은 무엇인가요?") == "ko"
    assert guess_lang("难民") == "zh"
    assert guess_lang("What is a refugee?") is None


def test_further_passages_follow_the_answer_folded_under_their_own_label_and_stay_out_of_the_grid() -> None:
    likely = _passage("p1", "a", "China returned 600 people in October.", [(0, 37)], "2024-01-01")
    further = _passage("p2", "b", "Up to 500 were returned.", [(0, 24)], "2023-03-01")
    answer = Answer("How many people were returned?", True, (likely,), (), "000001", 1.0, further=(further,))
    t = turn(answer, 1)
    assert [q.passage_id for q in t.quotes] == ["p1"]
    assert [q.passage_id for q in t.further] == ["p2"]
    assert t.comparison == (), "a passage that probably does not answer is not set beside the answer"
    both = turn(replace(answer, hits=(likely, further), further=()), 1)
    assert [q.passage_id for q in both.quotes] == ["p1", "p2"] and both.further == ()
    assert len(both.comparison) == 2

    doc = BeautifulSoup(
        templates().env.get_template("turn.html").render(page=TurnPartial(t, (), 2)), "html.parser"
    )
    assert doc.select_one(".answer-head").get_text() == "1 quoted passage from the collection:"  # type: ignore[union-attr]
    section = doc.select_one("details.further")
    assert section is not None and not section.has_attr("open"), "folded: they are not the answer"
    assert section.select_one("summary").get_text() == "More passages, probably not answers (1)"  # type: ignore[union-attr]
    assert section.select_one("ol")["start"] == "2"  # type: ignore[index]
    (quote,) = section.select("figure.quote-further blockquote")
    assert quote.get_text() == further.passage.text
    assert section.select("button.copy-cite, .cite-exports") == [], (
        "nothing offers them for citing as answers"
    )
