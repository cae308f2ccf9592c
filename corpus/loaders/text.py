"""Plain text (.txt) and Markdown (.md) files; Markdown front matter gives metadata.

Markdown is rendered as a reader sees it (markdown-it-py, CommonMark with tables): headings without
their `#` marks (heading regions), paragraphs on one line, list items as "- item" / "1. item" lines
(list regions), tables as one line per row with " | " between cells (table and table_header regions),
code blocks verbatim, link and image targets and HTML tags left out. Front matter is read only when it
parses as YAML (or TOML for `+++`) into a mapping with keys; anything else stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from corpus.loaders.base import (
    Extracted,
    FileMeta,
    TextBuilder,
    add_table,
    check_not_binary,
    decode_text,
)
from corpus.manifest import iso_date
from corpus.script import normalize_language

# YAML ("---") or TOML ("+++") front matter at the very start of a Markdown file.
_FRONT_MATTER = re.compile(
    r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
MAX_FRONT_MATTER_CHARS = 64 * 1024
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_.-]*\Z")  # a front-matter key as tools write them
_MAX_LIST_VALUES = 20

_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "creator": "author",
    "publisher": "publisher",
    "source": "publisher",
    "date": "date",
    "published": "date",
    "created": "date",
    "url": "url",
    "source_url": "url",
    "link": "url",
    "canonical_url": "url",
    "license": "license",
    "licence": "license",
    "rights": "license",
    "lang": "language",
    "language": "language",
}
_NAME_KEYS = ("name", "title", "value", "text")
# CommonMark nesting beyond which markdown-it stops parsing blocks (their text would be lost).
_MAX_NESTING = 100
# Markdown is rendered only when the rendering keeps this share of the file's words.
_MIN_KEPT = 0.8
_NO_SPACE = re.compile("[\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f]")
_WORD = re.compile(r"\w+")
# What a renderer rightly leaves out when counting the words it kept: link and image targets,
# reference definitions, HTML tags and entities, code-fence info strings, autolinks.
_NOT_TEXT = re.compile(
    r"\]\([^)\n]*\)|^\s{0,3}\[[^\]\n]+\]:.*$|<[^>\n]*>|&#?\w+;|^\s*(?:```|~~~)\S*|https?://\S+",
    re.M,
)


def load_text(data: bytes, ext: str) -> Extracted:
    """Read a plain-text file: one part, the decoded text as it is (unwrapping is left to canonicalization).

    Args:
        data: the file's bytes.
        ext: its extension with the dot (".txt"), used in messages.

    Returns:
        An `Extracted` with one part, no metadata and no regions; a note when it was not plain UTF-8
        (see `corpus.loaders.base.decode_text` for the order of encodings tried).

    Raises:
        UnreadableSource: the content is binary, or invalid after a byte-order mark.
    """
    check_not_binary(data, ext)
    text, note = decode_text(data)
    return Extracted(parts=(text,), notes=(note,) if note else ())


# -- front matter -------------------------------------------------------------------------------------
def _scalar(value: object) -> str | None:
    """A front-matter value as one string: scalars as written, names of nested mappings, lists joined."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return text or None
    if isinstance(value, dict):
        for key in _NAME_KEYS:
            if key in value:
                return _scalar(value[key])
        return None
    if isinstance(value, list | tuple):
        items = [_scalar(v) for v in value[:_MAX_LIST_VALUES]]
        return ", ".join(v for v in items if v) or None
    return None


def parse_front_matter(block: str, fence: str = "---") -> dict[str, str] | None:
    """The metadata of a front-matter block, or None when the block is not front matter.

    The block must parse as YAML (`---`) or TOML (`+++`) into a mapping with at least one key, and
    either name a known key or have only keys written as identifiers (`layout`, `draft_2`, `og-image`):
    a sentence between two rules such as "Note: the bank opens on Saturdays." or "Opening hours: 10 to
    12" parses as YAML too, but it is text. Known keys (title, author(s), publisher, date, url, license,
    lang, ...) are returned as strings. A nested mapping gives its `name` ("author: {name: X}"), a list
    its items joined with ", ".
    """
    if len(block) > MAX_FRONT_MATTER_CHARS:
        return None
    data: object
    if fence == "+++":
        import tomllib

        try:
            data = tomllib.loads(block)
        except (tomllib.TOMLDecodeError, ValueError):
            return None
    else:
        import yaml

        try:
            data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, ValueError, RecursionError):
            return None
    if not isinstance(data, dict) or not data or not all(isinstance(k, str) for k in data):
        return None
    found: dict[str, str] = {}
    for key, value in data.items():
        name = _KEYS.get(key.strip().lower())
        if name is None or name in found:
            continue
        text = _scalar(value)
        if text:
            found[name] = text
    known = any(key.strip().lower() in _KEYS for key in data)
    if not known and not all(_IDENTIFIER.match(key) for key in data):
        return None
    return found


# -- Markdown rendering ---------------------------------------------------------------------------------
def _inline(token: Any) -> str:
    """The visible text of an inline token: emphasis marks, link targets, images and tags left out."""
    out: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "image":
            continue
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("\u2028")  # a line break that stays one (canonicalization makes it "\n")
    text = "".join(out)
    # a soft line break reads as a space, except between characters of scripts written without spaces
    return re.sub(
        r"(.)\n(.)",
        lambda m: (
            m.group(1) + m.group(2)
            if _NO_SPACE.match(m.group(1)) and _NO_SPACE.match(m.group(2))
            else m.group(1) + " " + m.group(2)
        ),
        text,
    )


def _html_text(html: str) -> str:
    """The text of a raw HTML block in Markdown (script and style left out)."""
    import lxml.html

    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return ""
    for bad in fragment.xpath("//script|//style|//template"):
        bad.drop_tree()
    return "\n".join(line.strip() for line in fragment.text_content().split("\n"))


class _Renderer:
    def __init__(self, tokens: list[Any]) -> None:
        self.tokens = tokens
        self.i = 0
        self.out = TextBuilder()

    def run(self) -> TextBuilder:
        while self.i < len(self.tokens):
            self.block(depth=0)
        return self.out

    def _close(self, open_index: int) -> int:
        """Index of the token closing the one at `open_index`."""
        level = 0
        for j in range(open_index, len(self.tokens)):
            level += self.tokens[j].nesting
            if level == 0:
                return j
        return len(self.tokens) - 1

    def block(self, depth: int, prefix: str = "") -> None:
        """Render the block starting at token `self.i` and move past it."""
        t = self.tokens[self.i]
        out = self.out
        kind = t.type
        inside = depth > 0 or bool(prefix)  # in a list item: every block is a line of the list

        def put(text: str) -> tuple[int, int] | None:
            return out.line(prefix + text) if inside else out.block(text)

        if kind == "heading_open":
            text = _inline(self.tokens[self.i + 1]).replace("\n", " ")
            span = put(text)
            if span:
                out.region(span[0], span[1], "heading", level=int(t.tag[1]), label=text)
            self.i = self._close(self.i) + 1
        elif kind == "paragraph_open":
            put(_inline(self.tokens[self.i + 1]))
            self.i = self._close(self.i) + 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.list(depth)
        elif kind == "table_open":
            self.table()
        elif kind in ("fence", "code_block"):
            put(t.content)
            self.i += 1
        elif kind == "html_block":
            put(_html_text(t.content))
            self.i += 1
        elif kind == "hr":
            if not inside:
                out.end_block()
            self.i += 1
        elif t.nesting == 1:  # blockquote and any other container: its blocks in order
            end = self._close(self.i)
            self.i += 1
            while self.i < end:
                self.block(depth, prefix)
                prefix = ""
            self.i = end + 1
        else:
            self.i += 1

    def list(self, depth: int) -> None:
        out = self.out
        end = self._close(self.i)
        if depth == 0:
            out.end_block()
        start = out.length
        self.i += 1
        while self.i < end:
            item = self.tokens[self.i]
            if item.type != "list_item_open":
                self.i += 1
                continue
            item_end = self._close(self.i)
            marker = f"{item.info}{item.markup}" if item.info else "-"
            self.i += 1
            prefix = f"{marker} "
            if self.i >= item_end:
                out.line(marker)
            while self.i < item_end:
                self.block(depth + 1, prefix)
                prefix = ""
            self.i = item_end + 1
        self.i = end + 1
        if depth == 0:
            text_end = out.length
            out.end_block()
            out.region(start, text_end, "list")

    def table(self) -> None:
        end = self._close(self.i)
        rows: list[list[str]] = []
        header = 0
        row: list[str] | None = None
        in_head = False
        for j in range(self.i, end):
            t = self.tokens[j]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close" and row is not None:
                rows.append(row)
                header += in_head
                row = None
            elif t.type == "inline" and row is not None:
                row.append(_inline(t).replace("\n", " "))
        add_table(self.out, rows, header_rows=header)
        self.i = end + 1


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def render_markdown(text: str) -> TextBuilder | None:
    """The Markdown `text` as read (see the module docstring), or None when rendering would lose words.

    markdown-it stops parsing blocks nested deeper than `_MAX_NESTING` and their words would be lost;
    the caller then keeps the text as it is.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable(["table", "strikethrough"])
    try:
        tokens = md.parse(text)
    except RecursionError:
        return None
    built = _Renderer(tokens).run()
    source = _words(_NOT_TEXT.sub(" ", text))
    total = sum(source.values())
    missing = sum((source - _words(built.text())).values())
    if total and missing > (1 - _MIN_KEPT) * total:
        return None
    return built


def load_markdown(data: bytes, ext: str) -> Extracted:
    """Read a Markdown file: front matter as metadata, the body rendered as a reader sees it.

    The body is rendered as the module docstring describes, with heading, list and table regions and
    `unwrap=False` (its lines are already logical). When rendering would lose more than 20% of the
    words (blocks nested beyond markdown-it's limit), the body is kept as plain text, with a note.

    Args:
        data: the file's bytes.
        ext: its extension with the dot (".md", ".markdown"), used in messages.

    Returns:
        An `Extracted` with one part; `meta` from front matter (the publisher falls back to the
        author; the date as an ISO prefix; the language normalised), all None without front matter.

    Raises:
        UnreadableSource: the content is binary, or invalid after a byte-order mark.
    """
    check_not_binary(data, ext)
    text, note = decode_text(data)
    notes = [note] if note else []
    text = text.lstrip("\ufeff")
    fields: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match is not None:
        parsed = parse_front_matter(match.group(2), match.group(1))
        if parsed is not None:
            fields = parsed
            text = text[match.end() :]
    meta = FileMeta(
        title=fields.get("title") or None,
        publisher=fields.get("publisher") or fields.get("author") or None,
        date=iso_date(fields.get("date")),
        url=fields.get("url") or None,
        license=fields.get("license") or None,
        language=normalize_language(fields.get("language")),
    )
    built = render_markdown(text)
    if built is None:
        notes.append("Markdown structure too deeply nested to render; read as plain text")
        return Extracted(parts=(text,), meta=meta, notes=tuple(notes))
    return Extracted(
        parts=(built.text(),),
        unwrap=False,
        meta=meta,
        notes=tuple(notes),
        regions=tuple(built.regions),
    )
