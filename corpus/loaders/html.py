"""HTML pages: the visible text of the main content, with its structure, and the page's metadata.

How the main content is found: trafilatura (`favor_recall=True`) picks the text it considers the
article; the main container is the smallest element holding every block of the page that this text
covers (or the page's single <main>/<article> when trafilatura keeps nothing). Every visible block of
that container is read, in document order and with its structure, so that nothing trafilatura's
heuristics drop inside the content (a list directly in <body>, a list of links in an <article>, a
definition list) is lost; around it, every block that is not mostly link text is read too (a list
or table in a sibling <div>, a second <article>, a <pre> after <main>). Rendered: headings (heading
regions), paragraphs, lists as "- item" / "1. item" lines (list regions), definition lists as one
"term: definition" line per entry, tables as one line per row with " | " between cells (table and
table_header regions), preformatted text verbatim. Lists are read as browsers show them: items
wrapped in a <div>, loose text and lists placed directly in a list each keep a line.
Left out: scripts, styles, hidden elements, form controls, images, and page furniture (nav, aside,
page-level footer, a page-level header or "menu" block that is mostly links, cookie, advertising and
comment blocks). When much of the page's visible non-link text is left out, the source gets a note
saying how much.

Pages nested deeper than the HTML parser's limit (256 elements) are flattened first, so their text
is kept. Trafilatura's metadata is used where the page's own tags say nothing: it keeps only day
precision, drops one-word Korean author names and may guess a date from the text, so the explicit
tags come first (og:site_name, <meta name=author>, article:published_time, canonical link, <html lang>).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import Extracted, FileMeta, TextBuilder, add_table, check_not_binary, decode_text
from corpus.manifest import iso_date
from corpus.script import normalize_language

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "citation_publication_date",
    "pubdate",
    "publishdate",
)

MAX_DEPTH = 180  # deeper elements are flattened into their ancestor at this depth before parsing
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "frame",
        "keygen",
    ]
)
_SELF_CLOSING_ON_REPEAT = frozenset(
    ["p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot"]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|<!--.*?-->", re.S)
_RAW_TEXT = re.compile(r"</(script|style|textarea|title)\s*>", re.I)

_INVISIBLE = frozenset[str]().union(
    ("script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "canvas"),
    ("iframe", "object", "embed", "video", "audio", "map", "img", "picture", "source", "input"),
    ("select", "option", "textarea", "button", "label", "form", "dialog", "menu"),
)
_FURNITURE = frozenset(("nav", "aside"))
_FURNITURE_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "menu"))
_FURNITURE_CLASS = re.compile(
    r"^(?:ads?|advert\w*|advertisement|ad-\w+|banner-ad|cookies?(?:-\w+)*|newsletter(?:-\w+)*"
    r"|subscribe(?:-\w+)*|social(?:-\w+)*|share|sharing|share-\w+|related(?:-\w+)*|breadcrumbs?"
    r"|sidebar(?:-\w+)*|nav|navbar|navigation|site-(?:header|footer|nav)|masthead|promo(?:-\w+)*"
    r"|popup|modal|skip-link|visually-hidden|sr-only|comments|comments-\w+|comment-(?:list|section|thread)s?"
    r"|footer|page-footer|copyright|consent(?:-\w+)*|gdpr(?:-\w+)*|pagination|pager)$",
    re.I,
)
_MENU_CLASS = re.compile(
    r"^menus?(?:-\w+)*$", re.I
)  # a site menu when mostly links, else content (a cafe's menu)
_NOTICE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\b(?:accept|allow) (?:all )?cookies\b"
    r"|\bcookie (?:policy|settings|preferences)\b"
    r"|\b(?:sign up|subscribe) (?:for|to) our (?:\w+ )?newsletter\b",
    re.IGNORECASE,
)
_NOTICE_WORDS = 80
_CONTROLS = frozenset(("a", "button", "input", "select", "form"))
_STRUCTURED = frozenset(("ul", "ol", "dl", "table", "pre"))
_SECTIONING = frozenset(("article", "main", "section", "aside", "nav"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCKS = frozenset[str]().union(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre", "blockquote", "div"),
    ("section", "article", "main", "header", "footer", "figure", "figcaption", "address", "details"),
    ("summary", "hr", "center", "fieldset", "body", "caption", "li", "dd", "dt"),
)
_CONTAINERS = frozenset(("div", "section", "article", "main", "body", "td", "blockquote", "center"))
_HEADING = re.compile(r"^h([1-6])$")
_WORD = re.compile(r"\w+")
# Share of the page's visible non-link words that may be left out before a note says so.
_LEFT_OUT_NOTE = 0.3
_MIN_LEFT_OUT_WORDS = 30


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


# -- deep nesting -------------------------------------------------------------------------------------
def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """`html` with the tags of elements nested deeper than `limit` removed (their text is kept).

    The nesting is followed approximately (void elements, elements whose end tag is optional and
    stray end tags are allowed for), which is enough to keep the parser under its depth limit.
    Returns `html` itself when nothing is that deep.
    """
    stack: list[tuple[str, bool]] = []  # (tag, dropped)
    drops: list[tuple[int, int]] = []
    position = 0
    deepest = 0
    while True:
        m = _TAG.search(html, position)
        if m is None:
            break
        position = m.end()
        if m.group(2) is None:
            continue  # a comment
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in ("script", "style", "textarea", "title") and not closing:
            closed = _RAW_TEXT.search(html, position)
            position = closed.end() if closed else len(html)
            continue
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if not closing:
            if name in _SELF_CLOSING_ON_REPEAT and stack and stack[-1][0] == name:
                stack.pop()
            dropped = len(stack) >= limit
            stack.append((name, dropped))
            deepest = max(deepest, len(stack))
            if dropped:
                drops.append(m.span())
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                if stack[i][1]:
                    drops.append(m.span())
                del stack[i:]
                break
    if deepest <= limit or not drops:
        return html
    out: list[str] = []
    prev = 0
    for start, end in drops:
        out.append(html[prev:start])
        out.append(" ")
        prev = end
    out.append(html[prev:])
    return "".join(out)


# -- reading the page ---------------------------------------------------------------------------------
def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_hidden(el: Any) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_furniture(el: Any) -> bool:
    tag = _tag(el)
    if tag in _FURNITURE:
        return True
    if (el.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    if tag == "footer" and not any(_tag(a) in _SECTIONING for a in el.iterancestors()):
        return True  # the page's footer, not an article's own
    names = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(_FURNITURE_CLASS.match(name) for name in names)


def _is_notice(el: Any) -> bool:
    """Whether a block is a site's cookie-consent or newsletter notice, told by its words when its
    markup says nothing: it asks to accept cookies or to sign up for a newsletter and holds a control
    to do so (a link, button or form field). A heading never is one, nor is a page about cookies
    whose paragraphs say the same words without a control (asked of short blocks only, under
    `_NOTICE_WORDS`)."""
    if _HEADING.match(_tag(el)) or not any(_tag(d) in _CONTROLS for d in el.iter()):
        return False
    return _NOTICE.search(" ".join(el.itertext())) is not None


def _is_banner(el: Any) -> bool:
    """A page-level <header> or a "menu" block: furniture when mostly links (a logo and links, a site
    menu), content otherwise (the page's heading and prose, a cafe's menu); see `_Renderer`."""
    tag = _tag(el)
    if tag == "header" and not any(_tag(a) in _SECTIONING for a in el.iterancestors()):
        return True
    names = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(_MENU_CLASS.match(name) for name in names)


def _word_counts(root: Any) -> dict[Any, tuple[int, int]]:
    """(visible words, of which in links) under every element of `root`, as `_visible_words` counts
    them, in one pass from the leaves up (the renderer asks about many nested elements)."""
    counts: dict[Any, tuple[int, int]] = {}
    for el in reversed(list(root.iter())):  # descendants come after their element in document order
        if not _tag(el):
            continue
        link = _tag(el) == "a"
        words = links = 0
        for text, is_link in ((el.text, link), *((c.tail, link) for c in el)):
            if text:
                n = len(_WORD.findall(text))
                words += n
                links += n if is_link else 0
        for child in el:
            if _tag(child) and _tag(child) not in _INVISIBLE and not _is_hidden(child):
                w, k = counts[child]
                words += w
                links += w if link else k
        counts[el] = (words, links)
    return counts


def _skipped(el: Any) -> bool:
    tag = _tag(el)
    return not tag or tag in _INVISIBLE or _is_hidden(el) or _is_furniture(el)


def _inline_text(el: Any, out: list[str], links: list[int] | None = None, in_link: bool = False) -> None:
    """Append the visible text inside `el` (not its tail); <br> becomes a line break."""
    if el.text:
        out.append(el.text)
        if in_link and links is not None:
            links[0] += len(_WORD.findall(el.text))
    for child in el:
        tag = _tag(child)
        if tag == "br":
            out.append("\u2028")
        elif tag and not _skipped(child):
            if tag in ("p", "div", "li", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"):
                out.append(" ")
            _inline_text(child, out, links, in_link or tag == "a")
            if tag in ("td", "th"):
                out.append(" ")
        if child.tail:
            out.append(child.tail)
            if in_link and links is not None:
                links[0] += len(_WORD.findall(child.tail))


def _text_of(el: Any) -> str:
    out: list[str] = []
    _inline_text(el, out)
    return "".join(out).replace("\n", " ").replace("\u2028", "\n")


def _has_blocks(el: Any) -> bool:
    return any(_tag(c) in _BLOCKS and not _skipped(c) for c in el)


@dataclass
class _Block:
    element: Any
    words: Counter[str]


class _Renderer:
    """Writes the blocks of an element, in document order, into a TextBuilder.

    Everything inside the main content is read: `main` (the main container found for the page, or
    the whole body when it is None) and any <article>, <main> or role="main" element. Around a main
    container, trafilatura judged the prose to be page furniture (author boxes, cookie and newsletter
    notices, copyright lines), but its heuristics also drop structured content set beside the text:
    lists, tables, definition lists and preformatted text there are read, with the heading just
    before them. Anywhere outside an <article>/<main>, blocks of mostly link text (menus, related
    links, breadcrumbs, pagination) are left out, and so are page-level headers and "menu" blocks of
    mostly links, and cookie-consent and newsletter notices (`_is_notice`).
    """

    def __init__(self, main: Any | None = None, *, everything: bool = False) -> None:
        self.out = TextBuilder()
        self.blocks: list[_Block] = []
        self._main = main
        self._holding_main = set(main.iterancestors()) if main is not None else set()
        self._around = main is not None  # reading around a main container: structured blocks only
        # inside an <article>, <main> or the main container, everything is read; `everything` reads
        # every visible block of the page (the survey that the main container is found from)
        self._free = everything
        self._counts: dict[Any, tuple[int, int]] | None = None

    def _words(self, el: Any) -> tuple[int, int]:
        """(visible words, of which in links) under `el`, counted once for the whole page."""
        if self._counts is None:
            self._counts = _word_counts(el.getroottree().getroot())
        return self._counts.get(el, (0, 0))

    def _link_dense(self, el: Any) -> bool:
        """Whether at least half of the visible words under `el` are link text."""
        words, in_links = self._words(el)
        return 2 * in_links >= words

    def _opens_main(self, el: Any) -> bool:
        return el is self._main or _tag(el) in ("article", "main") or (el.get("role") or "").lower() == "main"

    def _read_around(self, el: Any, following: Any) -> bool:
        """Around a main container: a structured block, a container holding one, or the heading just
        before one (`following`: the next element)."""
        tag = _tag(el)
        if tag in _STRUCTURED or el in self._holding_main:
            return True
        if _HEADING.match(tag):
            return following is not None and _tag(following) in _STRUCTURED
        return tag in _CONTAINERS | {"section", "header", "figure", "details"} and any(
            _tag(d) in _STRUCTURED for d in el.iterdescendants()
        )

    def _left_out(self, el: Any, following: Any) -> bool:
        """Whether a block child is left out (see the class docstring)."""
        if self._free or el in self._holding_main:
            return False
        if (self._around and not self._read_around(el, following)) or self._link_dense(el):
            return True
        return self._words(el)[0] < _NOTICE_WORDS and _is_notice(el)

    def _record(self, el: Any, text: str) -> None:
        self.blocks.append(_Block(el, Counter(w.lower() for w in _WORD.findall(text))))

    def container(self, el: Any) -> None:
        """Read the children of a block container; loose inline content becomes paragraphs."""
        pending: list[str] = []
        links = [0]  # words of `pending` inside links
        anchor = el

        def flush() -> None:
            text = "".join(pending).replace("\n", " ").replace("\u2028", "\n")
            left_out = not self._free and (self._around or 2 * links[0] >= len(_WORD.findall(text)))
            if text.strip() and not left_out:
                self.out.block(text)
                self._record(anchor, text)
            pending.clear()
            links[0] = 0

        if el.text:
            pending.append(el.text)
        for child in el:
            tag = _tag(child)
            if tag and _skipped(child):
                pass
            elif tag in _BLOCKS or (tag and _has_blocks(child)):
                flush()
                if not self._free and self._opens_main(child):
                    self._free = True
                    self.element(child)
                    self._free = False
                elif _is_banner(child) and self._link_dense(child):
                    pass  # the page's banner or a site menu
                elif not self._left_out(child, child.getnext()):
                    self.element(child)
            elif tag == "br":
                pending.append("\u2028")
            elif tag:
                _inline_text(child, pending, links, tag == "a")
            if child.tail:
                pending.append(child.tail)
        flush()

    def element(self, el: Any) -> None:
        tag = _tag(el)
        heading = _HEADING.match(tag)
        if heading:
            text = _text_of(el).replace("\n", " ")
            span = self.out.block(text)
            if span:
                self.out.region(span[0], span[1], "heading", level=int(heading.group(1)), label=text)
                self._record(el, text)
        elif tag in ("ul", "ol", "menu"):
            lines: list[str] = []
            self.list_lines(el, lines)
            self.lines_block(el, lines)
        elif tag == "dl":
            self.definitions(el)
        elif tag == "table":
            self.table(el)
        elif tag == "pre":
            text = "".join(el.itertext()) if not _has_blocks(el) else _pre_lines(el)
            if self.out.block(text):
                self._record(el, text)
        elif tag == "hr":
            self.out.end_block()
        else:
            self.container(el)

    def list_lines(self, el: Any, lines: list[str]) -> None:
        """The lines of a <ul>/<ol>: "- item" or "N. item" per <li>, nested lists after their item."""
        ordered = _tag(el) == "ol"
        number = int(el.get("start")) if ordered and (el.get("start") or "").lstrip("-").isdigit() else 1
        for kind, item in _list_parts(el, ("li",)):
            if kind == "text":
                lines.append(item)
                continue
            if kind == "list":
                self.list_lines(item, lines)
                continue
            if ordered and (item.get("value") or "").lstrip("-").isdigit():
                number = int(item.get("value"))
            marker = f"{number}." if ordered else "-"
            number += 1
            own: list[str] = []
            nested: list[Any] = []
            if item.text:
                own.append(item.text)
            for child in item:
                tag = _tag(child)
                if tag in ("ul", "ol") and not _skipped(child):
                    nested.append(child)
                elif tag == "br":
                    own.append(" ")
                elif tag and not _skipped(child):
                    own.append(" ")
                    _inline_text(child, own)
                    own.append(" ")
                if child.tail:
                    own.append(child.tail)
            text = " ".join("".join(own).split())
            lines.append(f"{marker} {text}" if text else marker)
            for sub in nested:
                self.list_lines(sub, lines)

    def definitions(self, el: Any) -> None:
        """A <dl> as one "term: definition" line per entry (terms joined by ", ", definitions by " ")."""
        entries: list[tuple[list[str], list[str]]] = []
        lines: list[str] = []
        for kind, item in _list_parts(el, ("dt", "dd")):
            if kind != "item":  # loose text, or a list inside the <dl>: a line of its own
                entries.append(([], [item if kind == "text" else " ".join(_text_of(item).split())]))
                entries.append(([], []))  # what follows starts a new entry
                continue
            text = " ".join(_text_of(item).split())
            if not text:
                continue
            if _tag(item) == "dt":
                if not entries or entries[-1][1]:
                    entries.append(([], []))
                entries[-1][0].append(text)
            else:
                if not entries:
                    entries.append(([], []))
                entries[-1][1].append(text)
        for terms, definitions in entries:
            term = ", ".join(terms)
            definition = " ".join(definitions)
            line = f"{term}: {definition}" if term and definition else term or definition
            if line:
                lines.append(line)
        self.lines_block(el, lines)

    def lines_block(self, el: Any, lines: list[str]) -> None:
        """A list as its own block, one line per item, marked as a list region."""
        self.out.end_block()
        span = self.out.lines(lines)
        self.out.end_block()
        if span is not None:
            self.out.region(*span, "list")
            self._record(el, " ".join(lines))

    def table(self, el: Any) -> None:
        caption = next((" ".join(_text_of(c).split()) for c in el if _tag(c) == "caption"), "")
        rows, header = _table_rows(el)
        if caption:
            self.out.block(caption)
        add_table(self.out, rows, header_rows=header, caption=caption)
        self._record(el, caption + " " + " ".join(" ".join(r) for r in rows))


def _pre_lines(el: Any) -> str:
    """Preformatted text whose lines are block elements (a code viewer's <div> per line): each block
    is a line of its own, its text verbatim; loose text between them stays as written."""
    out: list[str] = [el.text or ""]
    for child in el:
        if _tag(child) and not _skipped(child):
            line = "".join(child.itertext())
            if _tag(child) in _BLOCKS:
                if out[-1] and not out[-1].endswith("\n"):
                    out.append("\n")
                out.append(line if line.endswith("\n") else line + "\n")
            else:
                out.append(line)
        out.append(child.tail or "")
    return "".join(out).rstrip("\n")


def _table_rows(el: Any) -> tuple[list[list[str]], int]:
    """A <table>'s visible rows as one-line cell texts, and how many leading rows are header rows
    (rows of <thead>, or rows of <th> only)."""
    rows: list[list[str]] = []
    header = 0
    counting = True
    for part in el:
        tag = _tag(part)
        if tag not in ("thead", "tbody", "tfoot", "tr"):
            continue
        for tr in [part] if tag == "tr" else [r for r in part if _tag(r) == "tr"]:
            if _skipped(tr):
                continue
            cells = [c for c in tr if _tag(c) in ("td", "th") and not _skipped(c)]
            rows.append([_cell_text(c) for c in cells])
            is_header = tag == "thead" or (cells and all(_tag(c) == "th" for c in cells))
            if counting and is_header:
                header += 1
            else:
                counting = False
    return rows, header


def _cell_text(cell: Any) -> str:
    """A table cell's text on one line. A table nested in it keeps its rows apart: "; " between its
    rows and ", " between its cells (the outer table has one line per row, so the nested rows cannot
    have lines of their own; DOCX cells read the same way)."""
    if not any(_tag(d) == "table" for d in cell.iterdescendants()):
        return _text_of(cell).replace("\n", " ")
    out: list[str] = [cell.text or ""]
    for child in cell:
        tag = _tag(child)
        if tag and not _skipped(child):
            if tag == "table":
                lines = (", ".join(c for c in row if c) for row in _table_rows(child)[0])
                out.append(" " + "; ".join(line for line in lines if line) + " ")
            elif tag == "br" or any(_tag(d) == "table" for d in child.iterdescendants()):
                out.append(" " + (_cell_text(child) if tag != "br" else "") + " ")
            else:
                block = tag in _BLOCKS
                out.append(" " if block else "")
                _inline_text(child, out)
                out.append(" " if block else "")
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def _list_parts(el: Any, item_tags: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """The parts of a list (<ul>, <ol>, <dl>) in document order, as a browser shows them.

    Yields ("item", element) for each visible element of `item_tags` (<li>; <dt>/<dd>), also when
    wrapped in another element such as a <div>; ("list", element) for a <ul>/<ol> placed directly in
    the list; and ("text", str) for loose text or any other element, whitespace collapsed.
    """
    if el.text and el.text.strip():
        yield "text", " ".join(el.text.split())
    for child in el:
        tag = _tag(child)
        if tag and not _skipped(child):
            if tag in item_tags:
                yield "item", child
            elif tag in ("ul", "ol"):
                yield "list", child
            elif any(_tag(d) in item_tags for d in child.iterdescendants()):
                yield from _list_parts(child, item_tags)  # a wrapper around items
            else:
                text = " ".join(_text_of(child).split())
                if text:
                    yield "text", text
        if child.tail and child.tail.strip():
            yield "text", " ".join(child.tail.split())


def _ancestors_or_self(el: Any) -> list[Any]:
    return [el, *el.iterancestors()]


def _lowest_common_ancestor(elements: list[Any]) -> Any:
    paths = [list(reversed(_ancestors_or_self(e))) for e in elements]
    common = None
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _trafilatura_words(html: str) -> Counter[str]:
    import trafilatura

    text = trafilatura.extract(
        html,
        favor_recall=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        with_metadata=False,
    )
    return Counter(w.lower() for w in _WORD.findall(text or ""))


def _main_container(body: Any, blocks: list[_Block], kept: Counter[str]) -> Any:
    """The element whose blocks are read: the smallest one holding every block trafilatura kept."""
    if kept:
        matched = []
        for block in blocks:
            total = sum(block.words.values())
            if total and sum(min(n, kept[w]) for w, n in block.words.items()) >= 0.6 * total:
                matched.append(block.element)
        if matched:
            common = _lowest_common_ancestor(matched)
            # a block holding all that was kept reads with its siblings: its container is read
            while common is not None and common is not body and _tag(common) not in _CONTAINERS:
                common = common.getparent()
            if common is not None:
                return common
    mains = body.xpath(".//main|.//article|.//*[@role='main']")
    return mains[0] if len(mains) == 1 else body


def _visible_words(el: Any) -> tuple[int, int]:
    """(words of visible text, of which in links) under `el`, furniture included."""
    links = [0]
    out: list[str] = []

    def walk(node: Any, in_link: bool) -> None:
        if node.text:
            out.append(node.text)
            if in_link:
                links[0] += len(_WORD.findall(node.text))
        for child in node:
            tag = _tag(child)
            if tag and tag not in _INVISIBLE and not _is_hidden(child):
                out.append(" ")
                walk(child, in_link or tag == "a")
                out.append(" ")
            if child.tail:
                out.append(child.tail)
                if in_link:
                    links[0] += len(_WORD.findall(child.tail))

    walk(el, False)
    return len(_WORD.findall("".join(out))), links[0]


class _Head:
    """The page's own metadata tags, read from the parsed tree."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree

    def first(self, xpath: str) -> str | None:
        if self.tree is None:
            return None
        for value in self.tree.xpath(xpath):
            text = " ".join(str(value).split())
            if text:
                return text
        return None

    def meta(self, *names: str) -> str | None:
        for name in names:
            lower = name.lower()
            value = self.first(
                "//meta[translate(@property,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')="
                f"'{lower}' or translate(@name,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')="
                f"'{lower}' or @itemprop='{name}']/@content"
            )
            if value:
                return value
        return None


def _parse(html: str) -> Any:
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        huge_tree=True, no_network=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura_meta(html: str) -> Any:
    import trafilatura
    from trafilatura.settings import Document

    try:
        found = trafilatura.extract_metadata(html)
    except (ValueError, TypeError, RecursionError):
        return None
    return found if isinstance(found, Document) else None


def load_html(data: bytes, ext: str) -> Extracted:
    """Read an HTML page: the visible text of its main content, its structure and its metadata.

    How the content is found and rendered is in the module docstring. The bytes are decoded with the
    charset of a `<meta charset>` in the first 4 KiB as the declared fallback after UTF-8.

    Args:
        data: the file's bytes.
        ext: its extension with the dot (".html", ".htm"), used in messages.

    Returns:
        An `Extracted` with one part and `unwrap=False`; heading, list and table regions; notes for a
        non-UTF-8 encoding, flattened deep nesting, and a page whose visible non-link words were
        largely left out (at least 30 words and more than 30% of them). `meta`: title from trafilatura,
        else og:title, else <title>; publisher from og:site_name/publisher/dc.publisher, else the
        author tags, else trafilatura's author or site name; date (ISO prefix) from the explicit date
        tags, else trafilatura's; url from the canonical link, else og:url, else trafilatura's; licence
        from <link rel=license>, else trafilatura's; language from <html lang> or content-language.

    Raises:
        UnreadableSource: the content is binary, the page is blank, or it has no body or no
            extractable text.
    """
    check_not_binary(data, ext)
    text, note = decode_text(data, _declared_charset(data))
    if not text.strip():
        raise UnreadableSource("empty HTML page")
    notes = [note] if note else []
    flat = flatten_deep(text)
    if flat is not text:
        notes.append(f"elements nested deeper than {MAX_DEPTH} levels were flattened to read their text")
    tree = _parse(flat)
    body = tree.find("body") if tree is not None else None
    if body is None:
        raise UnreadableSource("no extractable text in the HTML page")
    survey = _Renderer(everything=True)
    survey.container(body)
    kept = _trafilatura_words(flat) if survey.blocks else Counter()
    main = _main_container(body, survey.blocks, kept)
    renderer = _Renderer(main if main is not body else None)
    renderer.container(body)
    body_text = renderer.out.text()
    if not body_text.strip():
        raise UnreadableSource("no extractable text in the HTML page")
    visible, in_links = _visible_words(body)
    read = sum(sum(b.words.values()) for b in renderer.blocks)
    prose = visible - in_links
    left_out = max(0, prose - read)
    if left_out >= _MIN_LEFT_OUT_WORDS and left_out > _LEFT_OUT_NOTE * prose:
        notes.append(
            f"{left_out:,} of the page's {prose:,} visible words outside links were left out as "
            "navigation, asides, headers, footers or other page furniture"
        )
    doc = _trafilatura_meta(flat)
    head = _Head(tree)

    def found(name: str) -> str | None:
        value = getattr(doc, name, None) if doc is not None else None
        return value.strip() or None if isinstance(value, str) else None

    meta = FileMeta(
        title=found("title") or head.meta("og:title") or head.first("//title/text()"),
        publisher=head.meta("og:site_name", "publisher", "dc.publisher")
        or head.meta("author", "dc.creator")
        or found("author")
        or found("sitename"),
        date=iso_date(head.meta(*_DATE_META)) or iso_date(found("date")),
        url=head.first("//link[@rel='canonical']/@href") or head.meta("og:url") or found("url"),
        license=head.first("//link[@rel='license']/@href") or found("license"),
        language=normalize_language(
            head.first("/html/@lang") or head.first("//meta[@http-equiv='content-language']/@content")
        ),
    )
    return Extracted(
        parts=(body_text,),
        unwrap=False,
        meta=meta,
        notes=tuple(notes),
        regions=tuple(renderer.out.regions),
    )
