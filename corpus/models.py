"""The corpus layer's data: a source with its canonical text, and the passages cut from it.

Offsets are character offsets (Python `str` indices) into `Source.text`, the canonical text that
`GET /api/sources/{id}` returns; every citation refers to them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

RegionKind = Literal[
    "heading",
    "table",
    "table_header",
    "list",
    "footnotes",
    "ocr",
    "caption",
    "references",
    "contents",
    "navigation",
    "credit",
]
"""What a region of a canonical text is. The last five are non-prose: never cut into passages."""

NON_PROSE: frozenset[str] = frozenset({"caption", "references", "contents", "navigation", "credit"})


@dataclass(frozen=True)
class SourceMeta:
    """Citation metadata. Empty strings are never stored: a missing value is None."""

    title: str
    publisher: str | None = None
    date: str | None = None  # ISO prefix: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    url: str | None = None
    license: str | None = None
    language: str = "und"  # "en", "ko", "zh", ... or "und"


@dataclass(frozen=True)
class Region:
    """A span of a source's canonical text with a structural role.

    Found by the loaders (HTML/Markdown/DOCX headings, tables, lists, footnotes, OCR'd pages, PDF
    outline) or by reading the canonical text itself (`Article 2`, `제3조 (목적)`, `§ 7801`, `第三条`,
    reference lists, captions, credit lines).

    Attributes:
        start, end: character offsets into `Source.text`, `0 <= start < end <= len(text)`.
        kind: see `RegionKind`; kinds in `NON_PROSE` stay in the source viewer but never in a passage.
        level: nesting depth of a heading, 1 = outermost (Part > Chapter > Article); 0 for other kinds.
        label: for a heading, how a citation names it ("Article 2", "Part I", "제3조 (목적)", "§ 7801");
            for a table, its caption if any; else "".
    """

    start: int
    end: int
    kind: RegionKind
    level: int = 0
    label: str = ""


@dataclass(frozen=True)
class Source:
    """One ingested file.

    Attributes:
        id: stable id derived from the file's path relative to its folder (readable slug + hash).
        path: that relative path, POSIX style.
        meta: citation metadata (manifest first, then the file, then derived).
        text: the canonical text; all offsets refer to it.
        content_hash: sha256 of the file bytes, its manifest row and the loader version: equal
            hashes mean that ingesting the file again would give the same Source.
        pages: start offset of each page, ascending, first is 0; empty when the format has no pages.
        paragraphs: (start, end) of each paragraph, ascending and non-overlapping.
        notes: things the user should know about how the file was read (e.g. a decoding fallback).
        regions: structural spans of `text` (headings, tables, non-prose...), ordered by start.
    """

    id: str
    path: str
    meta: SourceMeta
    text: str
    content_hash: str
    pages: tuple[int, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()
    regions: tuple[Region, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding `offset`, or None for formats without pages."""
        if not self.pages:
            return None
        return bisect.bisect_right(self.pages, offset)

    def paragraph_at(self, offset: int) -> int | None:
        """The 1-based paragraph holding `offset` (or the last one starting before it)."""
        if not self.paragraphs:
            return None
        starts = [p[0] for p in self.paragraphs]
        return max(1, bisect.bisect_right(starts, offset))


@dataclass(frozen=True)
class Passage:
    """A quotable span of a source: `text == source.text[char_start:char_end]`.

    `id` is a content hash (sha256, 64 hex digits; `corpus.chunker.passage_id`) of (chunker version,
    source id, text, occurrence of that text in the source: 0 for the first), so ids are deterministic
    and unique even when one source repeats a passage. Offsets and pages are in characters of the
    source's canonical text (Python str indices, not bytes or tokens).

    Attributes:
        page: the 1-based page where the passage starts (None for formats without pages).
        page_end: the page where it ends when that differs from `page` ("pp. 4-5"), else None.
        ordinal: 0-based position of the passage among its source's passages.
        section: the headings it stands under, outermost first, as citations name them, e.g.
            ("Part I", "Article 2"); empty when the source has no recognised structure.
        context: text that is searched and shown with the passage but is not part of the quote,
            such as the header row of the table a row belongs to; "" when there is none.
    """

    id: str
    source_id: str
    text: str
    char_start: int
    char_end: int
    page: int | None
    ordinal: int
    page_end: int | None = None
    section: tuple[str, ...] = ()
    context: str = ""


@dataclass(frozen=True)
class FileIssue:
    """A per-file line of the ingestion report."""

    path: str
    reason: str


@dataclass
class IngestReport:
    """What reading a sources folder produced: good sources, refused files and warnings."""

    sources: list[Source] = field(default_factory=list)
    failures: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)
