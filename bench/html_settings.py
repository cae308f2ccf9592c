"""What trafilatura's settings keep of HTML pages whose main text is known, and what groundqa keeps.

    python -m bench.html_settings

Each fixture page has a main content (the words that must be read) and page furniture (navigation,
an advert, an aside, a footer) that must not. For each setting: recall = share of the main words
kept (as a multiset), leak = share of the furniture words kept.
"""

from __future__ import annotations

import re
from collections import Counter

MAIN_ARTICLE = """<h1>Border report</h1>
<p>Families who crossed the river at night were held at the border post for three weeks.</p>
<p>Officials questioned each adult about contacts abroad before sending them inland.</p>"""
FURNITURE = """<nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
<div class="ad">Subscribe now for only one dollar a month advertisement</div>"""
TAIL = """<aside>Related stories you may also like this week</aside>
<footer>Copyright Example Herald all rights reserved</footer>"""

PAGES: dict[str, tuple[str, str]] = {
    "ul directly in body": (
        "<h1>Ferry notes</h1><p>The island ferry runs on a reduced timetable during the winter months.</p>"
        "<p>The harbour master has listed the following rules for passengers:</p>"
        "<ul><li>Bicycles must be loaded before cars.</li><li>Dogs travel free of charge on a lead.</li></ul>"
        "<p>In summer the first crossing leaves at a quarter past six in the morning.</p>",
        "",
    ),
    "link list in article": (
        f"<article>{MAIN_ARTICLE}<h2>Further reading</h2><ul><li><a href='/a'>Shelter standards for cold "
        "climates</a></li><li><a href='/b'>Water and sanitation handbook</a></li></ul></article>",
        FURNITURE,
    ),
    "definition list": (
        f"<article>{MAIN_ARTICLE}<dl><dt>Ration card</dt><dd>A card listing the monthly food rations.</dd>"
        "<dt>Register</dt><dd>The list of residents updated every Tuesday.</dd></dl></article>",
        FURNITURE,
    ),
    "table with header": (
        f"<article>{MAIN_ARTICLE}<table><thead><tr><th>Camp</th><th>Tents</th></tr></thead><tbody><tr>"
        "<td>Highland</td><td>40</td></tr><tr><td>Lowland</td><td>25</td></tr></tbody></table></article>",
        FURNITURE,
    ),
    "nested 300 deep": ("<div>" * 300 + MAIN_ARTICLE + "</div>" * 300, ""),
}
SETTINGS: dict[str, dict[str, bool]] = {
    "default": {},
    "include_tables": {"include_tables": True},
    "favor_recall": {"favor_recall": True, "include_tables": True},
    "favor_precision": {"favor_precision": True, "include_tables": True},
    "favor_recall + formatting + links": {
        "favor_recall": True,
        "include_tables": True,
        "include_formatting": True,
        "include_links": True,
    },
}
_WORD = re.compile(r"\w+")


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(re.sub(r"<[^>]+>", " ", text)))


def _share(wanted: Counter[str], got: Counter[str]) -> float:
    total = sum(wanted.values())
    return sum((wanted & got).values()) / total if total else 0.0


def main() -> None:
    import trafilatura

    from corpus.loaders import extract

    header = ["page", *SETTINGS, "groundqa"]
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    for name, (main_html, furniture) in PAGES.items():
        page = f"<html><body>{furniture}{main_html}{TAIL if furniture else ''}</body></html>"
        main_words = _words(main_html)
        furniture_words = _words(furniture + (TAIL if furniture else "")) - main_words
        cells = [name]
        for kwargs in SETTINGS.values():
            text = trafilatura.extract(page, **kwargs) or ""
            got = _words(text)
            cells.append(f"{_share(main_words, got):.0%} / {_share(furniture_words, got):.0%}")
        got = _words(extract(page.encode(), ".html").parts[0])
        cells.append(f"{_share(main_words, got):.0%} / {_share(furniture_words, got):.0%}")
        print("| " + " | ".join(cells) + " |")
    print("\ncells: main-content words kept / furniture words leaked")


if __name__ == "__main__":
    main()
