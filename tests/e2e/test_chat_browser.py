"""The chat in a real browser: follow-ups, citations, the figures grid, failed questions, and a first
start that talks (Debian's chromium driven by Playwright, against the real server and model)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError

from bench.devset_eval import load_devset
from tests.client import request
from tests.demo_fixtures import CACHE, ROOT
from tests.e2e.test_browser import (  # noqa: F401  (fixtures: the system chromium, no page errors)
    ANSWERABLE,
    CHROMIUM,
    DIFFERING_FIGURES,
    FOLLOW_UP,
    ask,
    browser_type_launch_args,
    problems,
    shoot,
)
from tests.processes import free_port, stop_process

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="no `chromium` on PATH (see .ci/run)"),
]

SELF_CONTAINED = "What does non-refoulement mean?"
# How a citation names a place: characters, page, article, section ("Section 1.f"), heading.
PLACE = re.compile(r"chars \d+–\d+|pp?\. \d+|Art\. |§ |sec\. |Section |Sec\. |Ch\. |Part |제\d+조|第")
UNRELATED_FIRST = "How many North Korean defectors did Human Rights Watch say China was detaining?"


def quotes_of(turn: object) -> list[str]:
    blocks = turn.locator("figure.quote-answer blockquote")  # type: ignore[attr-defined]
    return [t for t in blocks.all_text_contents()]


def ask_and_hold(page: Page, question: str) -> tuple[Route, Callable[[Route], None]]:
    """Ask `question` with its answer held back (a route on /turn; later questions pass): the held
    request, to continue, and the route's handler, to unroute."""
    held: list[Route] = []

    def hold_first(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/turn?*", hold_first)
    box = page.get_by_label("Question", exact=True)
    box.fill(question)
    box.press("Enter")
    deadline = time.monotonic() + 30
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the question was not sent"
    return held[0], hold_first


def second_turn(page: Page, live_server: str, first: str, second: str) -> Locator:
    """On a new chat page, ask `first` and then `second`; the second turn."""
    page.goto(live_server + "/")
    ask(page, first)
    return ask(page, second, turns_before=1)


@pytest.mark.usefixtures("problems")
def test_a_self_contained_question_in_a_thread_gets_the_same_passages_as_alone(
    page: Page, live_server: str
) -> None:
    second = second_turn(page, live_server, UNRELATED_FIRST, SELF_CONTAINED)
    expect(second.locator(".read-with")).to_have_count(0)
    in_thread = quotes_of(second)
    page.goto(live_server + "/")
    alone = quotes_of(ask(page, SELF_CONTAINED))
    assert in_thread == alone and alone


@pytest.mark.usefixtures("problems")
def test_a_question_typed_while_the_answer_is_on_its_way_stays_in_the_box(
    page: Page, live_server: str
) -> None:
    page.goto(live_server + "/")
    held, hold = ask_and_hold(page, ANSWERABLE)
    box = page.get_by_label("Question", exact=True)
    box.fill(SELF_CONTAINED)
    held.continue_()
    page.unroute("**/turn?*", hold)
    turn = page.locator("#thread article.turn")
    expect(turn).to_have_count(1, timeout=30_000)
    expect(turn.locator(".q-text")).to_have_text(ANSWERABLE)
    # Its copy buttons are shown once the turn has settled: only then could the box be cleared.
    expect(turn.locator("button.copy-cite").first).to_be_visible()
    expect(box).to_have_value(SELF_CONTAINED)
    expect(box).to_be_focused()
    box.press("Enter")
    expect(page.locator("#thread article.turn")).to_have_count(2, timeout=30_000)
    expect(box).to_have_value("")


@pytest.mark.usefixtures("problems")
def test_a_follow_up_says_what_it_was_read_with_and_can_start_a_new_topic(
    page: Page, live_server: str
) -> None:
    follow = second_turn(page, live_server, ANSWERABLE, FOLLOW_UP)
    line = follow.locator(".read-with")
    expect(line).to_contain_text("Read together with")
    expect(line.locator("q")).to_have_text(ANSWERABLE)
    shoot(page, "follow-up-read-with")
    line.get_by_role("link", name="Ask as a new topic").click()
    expect(page.locator("#thread article.turn")).to_have_count(1)
    only = page.locator("#thread article.turn").first
    expect(only.locator(".q-text")).to_have_text(FOLLOW_UP)
    expect(only.locator(".read-with")).to_have_count(0)
    assert "h" not in parse_qs(urlsplit(page.url).query)
    # "New topic" in the form empties the thread.
    page.get_by_role("link", name="New topic", exact=True).click()
    expect(page.locator("#thread article.turn")).to_have_count(0)


@pytest.mark.usefixtures("problems")
def test_figures_grid_follows_the_best_quote_and_never_answers_a_definition(
    page: Page, live_server: str
) -> None:
    page.goto(live_server + "/")
    turn = ask(page, DIFFERING_FIGURES)
    grid = turn.locator("section.compare")
    expect(grid).to_be_visible()
    first_quote = turn.locator("figure.quote-answer").first
    quote_box, grid_box = first_quote.bounding_box(), grid.bounding_box()
    assert quote_box and grid_box and quote_box["y"] < grid_box["y"], "the best quote leads"
    for mark in grid.locator("mark.figure").all_text_contents():
        assert not re.fullmatch(r"\d{1,2}\.?|(1[5-9]|20)\d\d", mark.strip()), f"not a quantity: {mark!r}"
    definition = ask(page, SELF_CONTAINED, turns_before=1)
    expect(definition.locator("figure.quote-answer").first).to_be_visible()
    expect(definition.locator("section.compare")).to_have_count(0)


def post_ask(base: str, question: str) -> Any:
    r = request(base + "/api/ask", "POST", json={"question": question})
    assert r.status == 200, r.text[:300]
    return r.json()


@pytest.mark.usefixtures("problems")
def test_further_passages_come_after_the_answer_folded_under_their_own_label(
    page: Page, live_server: str
) -> None:
    questions = [i["question"] for i in load_devset() if i["answerable"] and not i["history"]]
    body = next(b for b in (post_ask(live_server, q) for q in questions) if b["further"])
    likely = [p["text"] for p in body["passages"]]
    further = [p["text"] for p in body["further"]]
    page.goto(live_server + "/")
    turn = ask(page, body["question"])
    assert quotes_of(turn) == likely
    section = turn.locator("details.further")
    summary = section.locator("summary")
    expect(summary).to_have_text(f"More passages, probably not answers ({len(further)})")
    quotes = section.locator("figure.quote-further blockquote")
    expect(quotes.first).to_be_hidden()  # folded until asked for
    summary.click()
    expect(quotes.first).to_be_visible()
    assert quotes.all_text_contents() == further
    quote_box, section_box = turn.locator("figure.quote-answer").last.bounding_box(), section.bounding_box()
    assert quote_box and section_box and quote_box["y"] < section_box["y"], "the likely passages come first"
    shoot(page, "further-passages")


@pytest.mark.usefixtures("problems")
def test_citations_name_the_place_and_download_for_reference_managers(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    turn = ask(page, ANSWERABLE)
    cites = turn.locator("figure.quote-answer figcaption.cite")
    for text in cites.all_text_contents():
        assert "¶" not in text
        assert PLACE.search(text), text
    first = turn.locator("figure.quote-answer").first
    copy_text = first.locator("button.copy-cite").get_attribute("data-citation") or ""
    assert PLACE.search(copy_text), copy_text
    for label, suffix, head in (
        ("BibTeX", ".bib", "@misc{"),
        ("RIS", ".ris", "TY  - "),
        ("CSL-JSON", ".json", "["),
    ):
        with page.expect_download() as info:
            first.locator(".cite-exports").get_by_role("link", name=label).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix)
        path = download.path()
        assert path is not None
        assert Path(path).read_text(encoding="utf-8").startswith(head)


@pytest.fixture
def problems_but_refusals(page: Page) -> Iterator[list[str]]:
    """Like `problems`, except the browser's own note of a 4xx answer (the refusal under test)."""
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if m.type == "error" and "status of 4" not in m.text else None,
    )
    page.on("pageerror", lambda exc: found.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (found.append(f"dialog: {d.message}"), d.dismiss()))
    yield found
    assert found == [], "\n".join(found)


@pytest.mark.usefixtures("problems_but_refusals")
def test_a_bad_filter_keeps_the_question_and_shows_why_beside_it(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    ask(page, ANSWERABLE)
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Dated from", exact=True).fill("2026")
    page.get_by_label("Dated to", exact=True).fill("2020")
    box = page.get_by_label("Question", exact=True)
    box.fill(SELF_CONTAINED)
    box.press("Enter")
    failed = page.locator("#thread article.turn-failed")
    expect(failed).to_have_count(1)
    expect(failed.locator(".q-text")).to_have_text(SELF_CONTAINED)
    expect(failed.locator(".turn-reason")).to_contain_text("2026 is after 2020")
    expect(box).to_have_value(SELF_CONTAINED)
    expect(page.locator("#history-fields input[name=h]")).to_have_count(1)
    shoot(page, "filter-error-kept")
    # Fixing the filter and asking again answers, and the failed attempt gives way.
    page.get_by_label("Dated to", exact=True).fill("")
    page.get_by_label("Dated from", exact=True).fill("")
    box.press("Enter")
    expect(page.locator("#thread article.turn-failed")).to_have_count(0)
    expect(page.locator("#thread article.turn")).to_have_count(2)
    expect(box).to_have_value("")


@pytest.mark.usefixtures("problems_but_refusals")
def test_a_question_asked_before_the_last_answer_came_keeps_the_box_when_it_fails(
    page: Page, live_server: str
) -> None:
    """Enter pressed again while an answer is on its way: the first answer's arrival leaves the box
    alone (the second question may yet fail), and when it does, the question is still there to mend."""
    page.goto(live_server + "/")
    held, hold = ask_and_hold(page, ANSWERABLE)
    box = page.get_by_label("Question", exact=True)
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Dated from", exact=True).fill("2026")
    page.get_by_label("Dated to", exact=True).fill("2020")
    box.fill(SELF_CONTAINED)
    box.press("Enter")
    held.continue_()
    failed = page.locator("#thread article.turn-failed")
    expect(failed).to_have_count(1, timeout=30_000)
    expect(page.locator("#thread article.turn:not(.turn-failed)")).to_have_count(1)
    expect(failed.locator(".turn-reason")).to_contain_text("2026 is after 2020")
    expect(box).to_have_value(SELF_CONTAINED)
    page.unroute("**/turn?*", hold)


@pytest.mark.usefixtures("problems")
def test_a_bad_filter_without_javascript_keeps_the_question(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.get_by_text("Filters", exact=True).click()
        page.get_by_label("Language", exact=True).select_option("ko")
        page.get_by_label("Dated to", exact=True).fill("2024-02-30")
        page.get_by_label("Question", exact=True).fill(ANSWERABLE)
        page.get_by_role("button", name="Ask").click()
        expect(page.locator("article.turn-failed .turn-reason")).to_contain_text("2024-02 has days 01 to 29")
        expect(page.get_by_label("Question", exact=True)).to_have_value(ANSWERABLE)
        expect(page.get_by_label("Dated to", exact=True)).to_have_value("2024-02-30")
    finally:
        context.close()


def test_abstention_names_the_active_filters(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Language", exact=True).select_option("en")
    turn = ask(page, "What is the best recipe for lasagna?")
    expect(turn.locator(".abstain")).to_be_visible()
    expect(turn.locator(".abstain-filters")).to_contain_text("Filters were on: language en")


# -- first start -----------------------------------------------------------------------------------
SMALL_SOURCES = {
    "quokka.txt": "Notes on the Quokka Lantern Festival\n\nThe Quokka Lantern Festival of Wrenhollow is held "
    "every year on the first Tuesday of October, when residents float 300 paper lanterns down the canal.\n",
    "ferries.txt": "Wrenhollow ferries\n\nThe Wrenhollow ferry crosses the lake six times a day in summer "
    "and twice a day in winter; it carried 41,000 passengers in 2024.\n",
}


def _get(url: str) -> int:
    try:
        return request(url, timeout=2).status
    except OSError:
        return 0  # not listening (yet)


@pytest.fixture
def fresh_serve(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path, float]]:
    """`groundqa serve` on a fresh data dir (the model files shared with the test cache), stderr to a
    file (no TTY); yields the base URL, the process, the stderr log and when it was started."""
    sources, data = tmp_path / "sources", tmp_path / "data"
    sources.mkdir()
    for name, text in SMALL_SOURCES.items():
        (sources / name).write_text(text, encoding="utf-8")
    data.mkdir()
    (data / "models").symlink_to(CACHE / "models", target_is_directory=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROUNDQA_")}
    env |= {"HF_HUB_OFFLINE": "1", "GROUNDQA_SOURCES_DIR": str(sources), "GROUNDQA_DATA_DIR": str(data)}
    log = tmp_path / "stderr.log"
    started = time.monotonic()
    with open(log, "wb") as err, open(tmp_path / "stdout.log", "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
        )
    try:
        yield f"http://127.0.0.1:{port}", proc, log, started
    finally:
        stop_process(proc, 10, None)


def _lines(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines()


def _goto_over_refresh(page: Page, url: str) -> None:
    """`page.goto(url)` from the progress page, which reloads itself every 5 s (`<meta
    http-equiv="refresh">`): a reload due at the same moment interrupts the navigation ("interrupted by
    another navigation", or Chromium's "net::ERR_ABORTED": a fresh-clone CI run failed on it, 46000c9),
    which is then made again (the page it reloads to is the same)."""
    for attempt in range(3):
        try:
            page.goto(url)
            return
        except PlaywrightError as exc:
            interrupted = "interrupted by another navigation" in str(exc) or "net::ERR_ABORTED" in str(exc)
            if not interrupted or attempt == 2:
                raise


@pytest.mark.usefixtures("problems")
def test_first_start_listens_at_once_and_shows_its_progress(
    page: Page, fresh_serve: tuple[str, subprocess.Popen[bytes], Path, float]
) -> None:
    base, proc, log, started = fresh_serve
    while _get(base + "/healthz") != 200:
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() - started < 15, "the server should listen before it loads or indexes anything"
        time.sleep(0.1)
    if _get(base + "/readyz") == 503:
        page.goto(base + "/")
        expect(page.locator(".progress")).to_contain_text("Indexing:")
        expect(page.get_by_label("Question", exact=True)).to_be_disabled()
        shoot(page, "first-start-progress")
    deadline = time.monotonic() + 600
    while _get(base + "/readyz") != 200:
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "not ready in 10 minutes"
        time.sleep(0.5)
    _goto_over_refresh(page, base + "/")
    turn = ask(page, "When is the Quokka Lantern Festival held?")
    expect(turn.locator("figure.quote-answer").first).to_contain_text("first Tuesday of October")
    # Without a TTY, a plain line at least every 10 s until it was ready.
    # The start-up report polls: its ready line follows /readyz within a poll, so give it a few seconds.
    until = time.monotonic() + 5
    while not any(line.startswith("ready: answering from index") for line in _lines(log)):
        assert time.monotonic() < until, _lines(log)
        time.sleep(0.1)
    lines = _lines(log)
    assert not any("Traceback" in line for line in lines), lines
    elapsed = [int(m.group(1)) for line in lines if (m := re.search(r"^starting: .*\[(\d+) s\]$", line))]
    assert elapsed, lines
    gaps = [b - a for a, b in zip([0, *elapsed], elapsed, strict=False)]
    assert max(gaps) <= 11, f"a start-up line at least every 10 s: {lines}"
