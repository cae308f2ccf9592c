"""Canonical text: the one deterministic form of a source's text that every offset refers to.

`canonicalize` applies, in order: line breaks to "\\n" (CR LF, CR, U+2028, form feed, ...), removal of
invisible characters (C0/C1 controls except "\\n" and "\\t", zero-width characters, bidi
embedding/override/isolate controls), Unicode NFC, every run of horizontal whitespace to one space,
trimmed lines, at most one blank line in a row, hard-wrap repair (`corpus.unwrap`), and a final strip.
It is idempotent: `canonicalize(canonicalize(x)) == canonicalize(x)`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corpus.unwrap import unwrap_hard_wraps

# Line and paragraph separators other than "\n": turned into line breaks rather than deleted, so
# that the words on either side stay apart (a form feed is a page break in plain text).
_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n"})

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Zero-width space/joiners, word joiner, BOM (ZWNBSP), soft hyphen, Mongolian vowel separator.
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace except "\n" (tabs, NBSP, ideographic space, ...)
_TRIM = re.compile(r" ?\n ?")  # after _HSPACE a line's edge holds at most one space
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Canonical:
    """A canonical text with the invisible characters that were dropped to make it."""

    text: str
    controls: int = 0
    zero_width: int = 0
    bidi: int = 0

    @property
    def notes(self) -> tuple[str, ...]:
        """Human-readable notes about removed characters (empty when nothing was removed)."""
        out = []
        if self.controls:
            out.append(f"removed {_count(self.controls, 'control character')}")
        if self.zero_width:
            out.append(f"removed {_count(self.zero_width, 'zero-width character')}")
        if self.bidi:
            out.append(f"removed {_count(self.bidi, 'bidirectional override/isolate control')}")
        return tuple(out)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _drop(pattern: re.Pattern[str], text: str) -> tuple[str, int]:
    if pattern.search(text) is None:
        return text, 0
    return pattern.subn("", text)


def _tidy(text: str) -> str:
    """Whitespace rules only: one space per run, trimmed lines, at most one blank line, stripped."""
    text = _HSPACE.sub(" ", text)
    text = _TRIM.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean(raw: str, *, unwrap: bool = True) -> Canonical:
    """Canonicalize `raw`, counting the invisible characters removed (see the module docstring).

    `unwrap=False` keeps every line break (for formats whose lines are already logical lines, such as
    DOCX paragraphs and HTML blocks).
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    text, controls = _drop(_CONTROLS, text)
    text, zero_width = _drop(_ZERO_WIDTH, text)
    text, bidi = _drop(_BIDI, text)
    text = _tidy(_nfc(text))
    if unwrap:
        text = unwrap_hard_wraps(text)
    return Canonical(text=text, controls=controls, zero_width=zero_width, bidi=bidi)


def canonicalize(raw: str, *, unwrap: bool = True) -> str:
    """The canonical form of `raw` (deterministic and idempotent)."""
    return clean(raw, unwrap=unwrap).text


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each block of a canonical text; blocks are separated by one blank line."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            spans.append((start, end))
        start = end + 2
    return tuple(spans)


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join canonical page texts with a blank line; return the text and each page's start offset.

    Empty pages add no text; their start is that of the next page with text (or the end of the text),
    so that `bisect_right(starts, offset)` still names the page an offset lies on.
    """
    parts: list[str] = []
    starts: list[int | None] = []
    length = 0
    for page in pages:
        if not page:
            starts.append(None)
            continue
        if parts:
            parts.append("\n\n")
            length += 2
        starts.append(length)
        parts.append(page)
        length += len(page)
    resolved: list[int] = []
    following = length
    for start in reversed(starts):
        following = following if start is None else start
        resolved.append(following)
    resolved.reverse()
    return "".join(parts), tuple(resolved)
