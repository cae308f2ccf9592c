"""The web UI in a real browser (Debian's chromium driven by Playwright) against the real server.

Each test fails on any JavaScript dialog, page error or console error (a CSP violation is one).
Screenshots go to tests/e2e/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect

from tests.client import request

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SHOTS = Path(__file__).parent / "screenshots"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no `chromium` on PATH: browser tests need Debian's chromium and fonts-nanum (see .ci/run)",
    ),
]

ANSWERABLE = "How many North Koreans did China send back in October 2023?"
FOLLOW_UP = "What happens to them after repatriation?"
UNANSWERABLE = "What is the best recipe for lasagna?"
DIFFERING_FIGURES = "How many political prisoners does North Korea hold?"
ANSWERABLE_KO = "난민법은 무엇을 목적으로 하는 법인가요?"
UNANSWERABLE_KO = "김치찌개 맛있게 끓이는 법 알려줘"
ABSTAIN_TEXT = "No source in this collection answers that."
JOB_TIMEOUT_S = 300


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at the system chromium (never a download)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture
def problems(page: Page) -> Iterator[list[str]]:
    """Everything that must not happen on a page: dialogs, uncaught errors, console errors."""
    found: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            found.append(f"console error: {msg.text}")

    def on_dialog(dialog: Dialog) -> None:
        found.append(f"dialog ({dialog.type}): {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: found.append(f"page error: {exc}"))
    yield found
    assert found == [], "\n".join(found)


def shoot(page: Page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def ask(page: Page, question: str, *, turns_before: int = 0) -> Any:
    """Type a question, press Enter, and wait for its turn to arrive; returns the new turn."""
    box = page.get_by_label("Question", exact=True)
    box.fill(question)
    box.press("Enter")
    turns = page.locator("#thread article.turn")
    expect(turns).to_have_count(turns_before + 1, timeout=30_000)
    return turns.nth(turns_before)


def api(base: str, method: str, path: str, token: str | None = None) -> Any:
    """The parsed JSON body of one API call that must succeed (2xx)."""
    r = request(base + path, method, token=token)
    assert 200 <= r.status < 300, (method, path, r.status, r.text[:300])
    return r.json()


def wait_for_job(base: str, token: str, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        st = api(base, "GET", "/api/index", token)
        last = st.get("last_job") or {}
        if st.get("job") is None and last.get("id") == job_id:
            return dict(last)
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish in {JOB_TIMEOUT_S} s")


# -- chat -----------------------------------------------------------------------------------------


def test_ask_shows_quoted_passages_with_citations_and_highlights(
    page: Page, live_server: str, problems: list[str]
) -> None:
    page.goto(live_server + "/")
    assert page.evaluate("window.htmx && window.htmx.version") == "2.0.11"
    turn = ask(page, ANSWERABLE)
    quotes = turn.locator("figure.quote-answer")
    expect(quotes.first).to_be_visible()
    assert quotes.count() >= 1
    expect(turn.locator("blockquote mark").first).to_be_visible()
    cite = quotes.first.locator("figcaption.cite")
    expect(cite.locator("a.cite-title")).to_have_attribute(
        "href", re.compile(r"^/sources/[^?]+\?passage=.+#passage$")
    )
    expect(cite).to_contain_text(re.compile(r"\d{4}"))  # the source's date
    # Focus moved to the new answer; the address bar holds a URL that renders this conversation.
    expect(turn.locator("h2.turn-q")).to_be_focused()
    assert parse_qs(urlsplit(page.url).query)["q"] == [ANSWERABLE]
    # Figures from different sources (600 in two State Department reports) sit side by side, dated.
    grid = turn.locator(".compare-grid")
    if grid.count():
        expect(grid.locator(".compare-cell").first.locator(".compare-date")).to_contain_text(
            re.compile(r"\d{4}")
        )
    shoot(page, "answer-en")


def test_differing_figures_are_shown_side_by_side_with_dates(
    page: Page, live_server: str, problems: list[str]
) -> None:
    page.goto(live_server + "/")
    turn = ask(page, DIFFERING_FIGURES)
    grid = turn.locator(".compare-grid")
    expect(grid).to_be_visible()
    cells = grid.locator(".compare-cell")
    assert cells.count() >= 2
    titles = set()
    for i in range(cells.count()):
        cell = cells.nth(i)
        expect(cell.locator(".compare-date")).not_to_be_empty()
        expect(cell.locator("mark.figure").first).to_be_visible()
        titles.add(cell.locator(".compare-src").text_content())
    assert len(titles) == cells.count(), "one cell per source, never merged"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "figures-en", full_page=False)


def test_copy_button_copies_quote_and_citation(page: Page, live_server: str, problems: list[str]) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto(live_server + "/")
    turn = ask(page, ANSWERABLE)
    first = turn.locator("figure.quote-answer").first
    quote_text = first.locator("blockquote").text_content()
    button = first.locator("button.copy-cite")  # by class: its accessible name changes on click
    expect(button).to_have_text("Copy quote and citation")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert quote_text and copied.startswith(quote_text)
    assert copied.endswith(button.get_attribute("data-citation") or "<missing>")


def test_citation_opens_the_source_with_the_passage_highlighted_in_view(
    page: Page, live_server: str, problems: list[str]
) -> None:
    page.goto(live_server + "/")
    turn = ask(page, ANSWERABLE)
    first = turn.locator("figure.quote-answer").first
    quote_text = first.locator("blockquote").text_content() or ""
    first.locator("a.cite-title").click()
    expect(page).to_have_url(re.compile(r"/sources/[^?]+\?passage=.+#passage$"))
    passage = page.locator("#passage")
    expect(passage).to_be_visible()
    expect(passage).to_be_in_viewport()
    marked = "".join(page.locator("mark.cited").all_text_contents())
    assert marked == quote_text
    shoot(page, "viewer-en", full_page=False)  # the viewport: the passage is in view


def test_follow_up_question_uses_the_conversation(page: Page, live_server: str, problems: list[str]) -> None:
    page.goto(live_server + "/")
    ask(page, ANSWERABLE)
    follow = ask(page, FOLLOW_UP, turns_before=1)
    expect(follow.locator("h2.turn-q")).to_contain_text(FOLLOW_UP)
    expect(follow.locator("figure.quote-answer").first).to_be_visible()
    history = page.locator("#history-fields input[name=h]")
    expect(history).to_have_count(2)
    assert parse_qs(urlsplit(page.url).query)["h"] == [ANSWERABLE]
    # Reloading renders the same thread on the server.
    page.reload()
    expect(page.locator("#thread article.turn")).to_have_count(2)


def test_unanswerable_question_abstains(page: Page, live_server: str, problems: list[str]) -> None:
    page.goto(live_server + "/")
    turn = ask(page, UNANSWERABLE)
    expect(turn.locator(".abstain")).to_have_text(ABSTAIN_TEXT)
    expect(turn.locator("figure.quote-answer")).to_have_count(0)
    related = turn.locator("details.related")
    if related.count():
        expect(related.locator("summary")).to_contain_text("Related, not an answer")
        expect(related.locator("blockquote").first).to_be_hidden()  # collapsed by default
    shoot(page, "abstain-en")


def test_korean_answer_and_abstention(page: Page, live_server: str, problems: list[str]) -> None:
    page.goto(live_server + "/")
    turn = ask(page, ANSWERABLE_KO)
    expect(turn.locator(".q-text")).to_have_attribute("lang", "ko")
    expect(turn.locator("figure.quote-answer blockquote[lang=ko]").first).to_be_visible()
    shoot(page, "answer-ko")
    page.goto(live_server + "/")
    turn = ask(page, UNANSWERABLE_KO)
    expect(turn.locator(".abstain")).to_have_text(ABSTAIN_TEXT)
    shoot(page, "abstain-ko")


def test_language_filter_limits_the_answer(page: Page, live_server: str, problems: list[str]) -> None:
    page.goto(live_server + "/")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Language", exact=True).select_option("ko")
    turn = ask(page, "refugee")
    shown = turn.locator("blockquote")
    expect(shown.first).to_be_attached()
    langs = {shown.nth(i).get_attribute("lang") for i in range(shown.count())}
    assert langs == {"ko"}
    assert parse_qs(urlsplit(page.url).query)["lang"] == ["ko"]


def test_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.get_by_label("Question", exact=True).fill(ANSWERABLE)
        page.get_by_role("button", name="Ask").click()
        expect(page).to_have_url(re.compile(r"/\?.*q=.*#latest$"))
        expect(page.locator("figure.quote-answer").first).to_be_visible()
        page.get_by_label("Question", exact=True).fill(FOLLOW_UP)
        page.get_by_role("button", name="Ask").click()
        expect(page.locator("#thread article.turn")).to_have_count(2)
    finally:
        context.close()


def test_phone_width_has_no_sideways_scroll(browser: Browser, live_server: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        ask(page, ANSWERABLE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shoot(page, "answer-en-phone")
        page.goto(live_server + "/sources")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_api_docs_load_without_a_cdn(page: Page, live_server: str, problems: list[str]) -> None:
    page.goto(live_server + "/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/ask")


# -- admin ----------------------------------------------------------------------------------------


def test_admin_upload_rebuild_and_find_it_answered(
    page: Page, live_server: str, admin_token: str, problems: list[str], tmp_path: Path
) -> None:
    doc = tmp_path / "quokka_festival.txt"
    doc.write_text(
        "Notes on the Quokka Lantern Festival\n\n"
        "The Quokka Lantern Festival of Wrenhollow is held every year on the first Tuesday of October, "
        "when residents float 300 paper lanterns down the Wren canal.\n",
        encoding="utf-8",
    )
    page.goto(live_server + "/admin")
    page.get_by_label("Admin token", exact=True).fill(admin_token)
    page.get_by_label("File", exact=True).set_input_files(str(doc))
    page.get_by_label("Title", exact=True).fill("Wrenhollow festival notes")
    page.get_by_label("Publisher or author", exact=True).fill("Wrenhollow Parish Council")
    page.get_by_label("Date", exact=True).fill("2025-10-07")
    page.get_by_label("Licence", exact=True).fill("CC BY 4.0")
    page.get_by_label("Language", exact=True).fill("en")
    page.get_by_role("button", name="Upload and index").click()
    expect(page.get_by_role("status").filter(has_text="Uploaded as source")).to_be_visible()
    expect(page.locator("#job-state")).to_have_text("succeeded", timeout=JOB_TIMEOUT_S * 1000)
    # The token stayed in the field (this tab's sessionStorage), so a rebuild needs no retyping.
    page.goto(live_server + "/admin")
    expect(page.get_by_label("Admin token", exact=True)).to_have_value(admin_token)
    page.get_by_role("button", name="Rebuild index").click()
    expect(page.get_by_role("status").filter(has_text="Rebuild started")).to_be_visible()
    expect(page.locator("#job-state")).to_have_text("succeeded", timeout=JOB_TIMEOUT_S * 1000)
    expect(page.locator("#st-sources")).to_have_text(re.compile(r"^\d+$"))

    page.goto(live_server + "/")
    turn = ask(page, "When is the Quokka Lantern Festival held in Wrenhollow?")
    expect(turn.locator("figure.quote-answer a.cite-title").first).to_have_text("Wrenhollow festival notes")

    # Clean up through the UI: delete the uploaded source.
    page.goto(live_server + "/admin")
    page.get_by_role("button", name="Delete Wrenhollow festival notes").click()
    expect(page.get_by_role("status").filter(has_text="moved to the trash")).to_be_visible()
    expect(page.locator("#job-state")).to_have_text("succeeded", timeout=JOB_TIMEOUT_S * 1000)


def test_hostile_source_and_question_render_as_text(
    page: Page, live_server: str, admin_token: str, problems: list[str]
) -> None:
    title = '<script>window.__xss=1;alert("t")</script><img src=x onerror="window.__xss=2;alert(2)">'
    body = (
        "Hostile sample\n\n"
        'The snorkwhistle ledger quotes <script>window.__xss=3;alert("b")</script> and '
        '<img src=x onerror="window.__xss=4;alert(4)"> and <a href="javascript:alert(5)">a link</a> '
        "in the snorkwhistle ledger entry.\n"
    )
    fields = {
        "file": {"name": "hostile.txt", "mimeType": "text/plain", "buffer": body.encode()},
        "title": title,
        "publisher": '<b onmouseover="alert(6)">Evil</b> Press',
        "url": "javascript:alert(7)",
        "license": "<i>none</i>",
        "language": "en",
    }
    auth = {"Authorization": f"Bearer {admin_token}"}
    refused = page.request.post(live_server + "/api/sources", headers=auth, multipart=fields)
    assert refused.status == 422 and "url" in refused.json()["error"]["message"], refused.text()
    fields["url"] = "https://example.org/hostile"
    upload = page.request.post(live_server + "/api/sources", headers=auth, multipart=fields)
    assert upload.status == 202, upload.text()
    accepted = upload.json()
    source_id = accepted["source_id"]
    assert wait_for_job(live_server, admin_token, accepted["job"]["id"])["state"] == "succeeded"
    try:
        stored = api(live_server, "GET", f"/api/sources/{source_id}", admin_token)["title"]
        assert "<script" not in stored and "<img" not in stored  # markup is stripped at the edge
        page.goto(live_server + "/sources")
        expect(page.get_by_role("link", name=stored)).to_be_visible()
        page.goto(f"{live_server}/sources/{source_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text(stored)
        expect(page.locator(".source-text")).to_contain_text('<img src=x onerror="window.__xss=4;alert(4)">')
        assert page.locator("main a[href^='javascript:' i]").count() == 0
        page.goto(live_server + "/")
        question = '<script>alert("q")</script><img src=x onerror=alert(8)> snorkwhistle ledger'
        turn = ask(page, question)
        expect(turn.locator(".q-text")).to_have_text(question)
        expect(turn.locator("blockquote").first).to_be_attached()
        assert page.locator("main img").count() == 0
        assert page.locator("main a[href^='javascript:' i]").count() == 0
        assert page.evaluate("window.__xss") is None
    finally:
        deleted = api(live_server, "DELETE", f"/api/sources/{source_id}", admin_token)
        wait_for_job(live_server, admin_token, deleted["job"]["id"])
