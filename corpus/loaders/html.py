"""HTML pages: the main text by trafilatura (navigation, ads, asides and footers dropped), and metadata.

Trafilatura's metadata is used where the page's own tags say nothing: it keeps only day precision,
drops one-word Korean author names and may guess a date from the text, so the explicit tags come
first (og:site_name, <meta name=author>, article:published_time, canonical link, <html lang>).
"""

from __future__ import annotations

import re
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import Extracted, FileMeta, check_not_binary, decode_text
from corpus.manifest import iso_date
from corpus.script import normalize_language

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTAINERS = {"body", "div", "section", "article", "main", "doc"}
_NESTED_BLOCKS = {"p", "head", "quote", "code", "pre", "list", "table", "item", "row", "div"}

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


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _inline(el: Any) -> str:
    """The text of an element; line breaks and nested blocks become newlines."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            pass  # comments and processing instructions
        elif child.tag == "lb":
            parts.append("\n")
        elif child.tag in _NESTED_BLOCKS:
            parts.append("\n" + _inline(child) + "\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: Any, out: list[str]) -> None:
    """Append the text blocks of a trafilatura body element to `out`, in document order."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "list":
        items = [_inline(item).strip() for item in el.iter("item")]
        out.append("\n".join(f"- {item}" for item in items if item))
    elif tag == "table":
        rows = []
        for row in el.iter("row"):
            cells = [" ".join(_inline(cell).split()) for cell in row if cell.tag == "cell"]
            if any(cells):
                rows.append(" | ".join(cells))
        out.append("\n".join(rows))
    elif tag in _CONTAINERS:
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                _blocks(child, out)
            out.append(child.tail or "")
    elif tag:
        out.append(_inline(el))


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


def load_html(data: bytes, ext: str) -> Extracted:
    import trafilatura
    from trafilatura.settings import Document

    check_not_binary(data, ext)
    text, note = decode_text(data, _declared_charset(data))
    if not text.strip():
        raise UnreadableSource("empty HTML page")
    tree = trafilatura.load_html(text)
    head = _Head(tree)
    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    doc = extracted if isinstance(extracted, Document) else None
    blocks: list[str] = []
    if doc is not None and doc.body is not None:
        _blocks(doc.body, blocks)
    body = "\n\n".join(block.strip() for block in blocks if block.strip())
    if not body:
        body = trafilatura.baseline(text)[1].strip() if tree is not None else ""
    if not body:
        raise UnreadableSource("no extractable text in the HTML page")

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
    return Extracted(parts=(body,), unwrap=False, meta=meta, notes=(note,) if note else ())
