"""The corpus layer's data: a source with its canonical text, and the passages cut from it.

Offsets are character offsets (Python `str` indices) into `Source.text`, the canonical text that
`GET /api/sources/{id}` returns; every citation refers to them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


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
    """

    id: str
    path: str
    meta: SourceMeta
    text: str
    content_hash: str
    pages: tuple[int, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()

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

    `id` is a content hash of (chunker version, source id, text), plus an occurrence number when the
    same text occurs more than once in one source, so ids are deterministic and unique.
    """

    id: str
    source_id: str
    text: str
    char_start: int
    char_end: int
    page: int | None
    ordinal: int


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
