"""HTML pages: everything a reader sees as content is read, wherever the page puts it.

The kind of fault: trafilatura's idea of the main content is narrower than the page (a list in a
sibling <div>, a second <article>, a <pre> after <main>), and lists that browsers render leniently
(<li> wrapped in a <div>, loose text in a <ul> or <dl>) lost their text. Page furniture (menus,
banners of links, footers, comment threads) stays out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.ingest import load_source, source_file
from corpus.models import Source

INTRO = (
    "<h1>Ferries</h1><p>The harbour authority operates three passenger ferries between the mainland "
    "and the islands throughout the year, with extra sailings in the summer months when tourist traffic "
    "is heavy and the weather is calm.</p><p>Timetables are published each spring and remain valid until "
    "the end of October, after which the winter schedule applies to all routes.</p>"
)
INTRO_TEXT = [
    "Ferries",
    "The harbour authority operates three passenger ferries between the mainland and the islands "
    "throughout the year, with extra sailings in the summer months when tourist traffic is heavy and "
    "the weather is calm.",
    "Timetables are published each spring and remain valid until the end of October, after which the "
    "winter schedule applies to all routes.",
]
LINKS = '<div><a href="/">Home</a> | <a href="/ferries">Ferries</a> | <a href="/contact">Contact us</a></div>'


def load(tmp_path: Path, body: str) -> Source:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Ferries</title></head><body>{body}</body></html>", encoding="utf-8")
    return load_source(source_file(path, path.name))


def blocks(source: Source) -> list[str]:
    return source.text.split("\n\n")


@pytest.mark.parametrize(
    ("body", "after"),
    [
        (
            f'<div id="content">{INTRO}</div><div><ul><li>Bicycles must be tied to the port-side rail.</li>'
            "<li>Dogs stay on the open deck.</li></ul></div>",
            ["- Bicycles must be tied to the port-side rail.\n- Dogs stay on the open deck."],
        ),
        (
            f'<div class="text">{INTRO}</div><div class="data"><table><tr><th>Route</th><th>Crossing</th>'
            "</tr><tr><td>Mainland to Holm</td><td>45 minutes</td></tr></table></div>",
            ["Route | Crossing\nMainland to Holm | 45 minutes"],
        ),
        (
            f"<main>{INTRO}</main><pre>Fares: adults 6 euros, children 3 euros.</pre>",
            ["Fares: adults 6 euros, children 3 euros."],
        ),
        (
            f"<article>{INTRO}</article><article><h2>Winter closures</h2>"
            "<p>The Skerry pier closes from December to February for repairs.</p></article>",
            ["Winter closures", "The Skerry pier closes from December to February for repairs."],
        ),
    ],
    ids=["list-in-sibling-div", "table-in-sibling-div", "pre-after-main", "second-article"],
)
def test_content_beside_the_main_content_is_read(tmp_path: Path, body: str, after: list[str]) -> None:
    source = load(tmp_path, LINKS + body)
    assert blocks(source) == INTRO_TEXT + after
    assert "Contact us" not in source.text  # a row of links beside the content is still left out
    assert not source.notes


def test_a_header_holding_the_pages_heading_and_prose_is_read_a_banner_of_links_is_not(
    tmp_path: Path,
) -> None:
    source = load(
        tmp_path,
        '<header><a href="/">Harbour site</a> <a href="/login">Log in</a></header>'
        '<div class="post"><header><h1>Ferry rules</h1><p>Bicycles must be tied to the port-side rail on '
        "every crossing.</p></header><p>Dogs stay on the open deck.</p></div>"
        "<footer>Contact the harbour office.</footer>",
    )
    assert blocks(source) == [
        "Ferry rules",
        "Bicycles must be tied to the port-side rail on every crossing.",
        "Dogs stay on the open deck.",
    ]
    page = load(
        tmp_path, "<header><h1>Marina guide</h1><p>The marina charges twelve euros a night.</p></header>"
    )
    assert blocks(page) == ["Marina guide", "The marina charges twelve euros a night."]


@pytest.mark.parametrize(
    ("html_list", "lines"),
    [
        (
            "<ul><div><li>Tie bicycles to the rail.</li><li>Leash dogs.</li></div></ul>",
            ["- Tie bicycles to the rail.", "- Leash dogs."],
        ),
        (
            "<ul><p>Tie bicycles to the rail.</p><p>Leash dogs.</p></ul>",
            ["Tie bicycles to the rail.", "Leash dogs."],
        ),
        (
            "<ul>Tie bicycles to the rail.<li>Leash dogs.</li></ul>",
            ["Tie bicycles to the rail.", "- Leash dogs."],
        ),
        (
            "<ol><li>Board.</li><ol><li>Show the ticket.</li></ol><li>Sit.</li></ol>",
            ["1. Board.", "1. Show the ticket.", "2. Sit."],
        ),
        (
            "<dl>Ballast is gravel under the sleepers.<dt>Sleeper</dt>"
            "<dd>A beam holding the rails.</dd></dl>",
            ["Ballast is gravel under the sleepers.", "Sleeper: A beam holding the rails."],
        ),
    ],
    ids=["li-in-div", "p-in-ul", "loose-text-in-ul", "ol-in-ol", "loose-text-in-dl"],
)
def test_lists_keep_every_line_a_browser_shows(tmp_path: Path, html_list: str, lines: list[str]) -> None:
    source = load(tmp_path, f"<h1>Rules</h1>{html_list}")
    assert blocks(source) == ["Rules", "\n".join(lines)]
    assert [r.kind for r in source.regions] == ["heading", "list"]


def test_a_menu_of_dishes_is_content_a_menu_of_links_and_comments_are_not(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        '<div class="menu"><a href="/">Home</a> <a href="/food">Food</a> <a href="/about">About us</a></div>'
        "<h1>Harbour Cafe</h1><p>The cafe at the ferry terminal opens at six every morning.</p>"
        '<div class="menu"><h2>Menu</h2><ul><li>Fish soup, 9 euros</li>'
        "<li>Crab sandwich, 7 euros</li></ul></div>"
        '<div id="comments"><p>Lovely soup, we will come back next summer for sure.</p></div>',
    )
    assert blocks(source) == [
        "Harbour Cafe",
        "The cafe at the ferry terminal opens at six every morning.",
        "Menu",
        "- Fish soup, 9 euros\n- Crab sandwich, 7 euros",
    ]


def test_a_table_nested_in_a_cell_keeps_its_rows_apart(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        "<h1>Fares</h1><table><tr><th>Season</th><th>Fares</th></tr><tr><td>Summer</td><td>"
        "<table><tr><td>Adult</td><td>6 euros</td></tr><tr><td>Child</td><td><b>3</b> euros</td></tr>"
        "</table></td></tr></table>",
    )
    assert blocks(source) == ["Fares", "Season | Fares\nSummer | Adult, 6 euros; Child, 3 euros"]


def test_prose_around_the_main_content_is_left_out_with_a_note(tmp_path: Path) -> None:
    """Beside an article that trafilatura told apart, cookie notices, copyright lines and "about us"
    blurbs stay out, with a note; a list beside it is still read, with its heading."""
    source = load(
        tmp_path,
        f'{LINKS}<div class="post">{INTRO}</div>'
        "<div><p>We use cookies to give you the best experience. By clicking accept you agree to the "
        "storing of cookies on your device.</p></div>"
        "<div><p>© 2024 Harbour Ferry Association. All rights reserved.</p></div>"
        "<div><h3>About us</h3><p>The association is run by volunteers and has organised crossings since "
        "1952.</p></div><div><h3>Ferry rules</h3><ul><li>Bicycles must be tied to the port-side rail.</li>"
        "</ul></div>",
    )
    assert blocks(source) == [*INTRO_TEXT, "Ferry rules", "- Bicycles must be tied to the port-side rail."]
    assert any("visible words outside links were left out" in note for note in source.notes)


def test_comment_threads_are_furniture_but_comment_classes_inside_content_are_not(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        '<article><h1>Rates</h1><div class="comment-body"><p>The rate is <code>x = 1 <span class="token '
        'comment">// per cent</span></code> a year.</p></div></article>'
        '<div id="comments"><p>Great post, thanks for sharing this with all of us here today.</p></div>',
    )
    assert blocks(source) == ["Rates", "The rate is x = 1 // per cent a year."]


def test_cell_blocks_keep_their_words_apart(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        "<table><tr><th>Camp</th><th>Notes</th></tr><tr><td>Highland</td><td><div>Intro</div><div>Second"
        "</div><p>Third</p><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>",
    )
    assert blocks(source) == ["Camp | Notes\nHighland | Intro Second Third a, b"]


def test_cookie_and_newsletter_notices_are_left_out_by_their_words(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        f'<div id="wrap"><div class="col-main">{INTRO}</div>'
        '<div class="col-side"><h3>Related articles</h3><p><a href="/x">Fish prices fall for a third '
        'month</a></p><p><a href="/y">New lifeboat station planned</a></p></div></div>'
        '<div class="bottom"><p>This website uses cookies to personalise content and ads and to analyse '
        "our traffic. <button>Accept</button></p><p>Sign up for our weekly newsletter and get the best "
        'stories from the coast straight to your inbox: <a href="/signup">sign up</a>.</p></div>'
        "<p>We cook with fresh cookies every day, as our readers know.</p>",
    )
    text = source.text
    assert "uses cookies" not in text and "newsletter" not in text and "Fish prices" not in text
    assert text.startswith("Ferries\n\n") and "We cook with fresh cookies every day" in text
    # a page about cookies says the same words as content, in headings and paragraphs without controls
    policy = load(
        tmp_path,
        "<h1>How this website uses cookies</h1><p>This website uses cookies to remember the language you "
        "chose.</p><p>You can accept cookies or refuse them in your browser settings.</p>",
    )
    assert blocks(policy) == [
        "How this website uses cookies",
        "This website uses cookies to remember the language you chose.",
        "You can accept cookies or refuse them in your browser settings.",
    ]


def test_preformatted_lines_written_as_blocks_stay_lines(tmp_path: Path) -> None:
    source = load(
        tmp_path,
        "<h1>Rates</h1><pre><div>year = 2024</div><div>pay(rate)</div>total <b>=</b> 3</pre>",
    )
    assert blocks(source) == ["Rates", "year = 2024\npay(rate)\ntotal = 3"]
