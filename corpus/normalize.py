"""Canonical text: the one deterministic form of a source's text that every offset refers to.

`canonicalize` applies, in order: line breaks to "\\n" (CR LF, CR, U+2028, form feed, ...), removal of
invisible characters (C0/C1 controls except "\\n" and "\\t", zero-width characters, bidi
embedding/override/isolate controls), Unicode NFC, every run of horizontal whitespace to one space,
trimmed lines, at most one blank line in a row, hard-wrap repair (`corpus.unwrap`), and a final strip.
It is idempotent: `canonicalize(canonicalize(x)) == canonicalize(x)`.

`clean(raw, track=True)` also returns an `OffsetMap` from offsets of `raw` to offsets of the canonical
text, so that spans a loader found in its raw text (headings, tables, ...) can be carried over exactly:
for a span whose ends do not split a character sequence that NFC composes,
`text[m.span(a, b)] == canonicalize(raw[a:b], unwrap=False)` (see `OffsetMap.span`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from corpus.loaders.base import RawRegion
from corpus.models import Region
from corpus.unwrap import MAX_PASSES, Dehyphenator, unwrap_pass

# Line and paragraph separators other than "\n": turned into line breaks rather than deleted, so
# that the words on either side stay apart (a form feed is a page break in plain text).
_BREAK_MAP = {"\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n"}
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]+")
# Zero-width space/joiners, word joiner, BOM (ZWNBSP), soft hyphen, Mongolian vowel separator.
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+")
# Bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]+")

# Only what the whitespace rules actually change is matched, so that ordinary single spaces cost
# nothing: runs of two or more, or a single whitespace character other than " " and "\n".
_HSPACE = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_TRIM = re.compile(r" \n ?|\n ")
_BLANKS = re.compile(r"\n{3,}")


# -- offset maps ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Stage:
    """One rewriting step: the pieces of its input that were replaced, in order.

    Piece k turned input [in_starts[k], in_ends[k]) into output [out_starts[k], out_ends[k]); the text
    between pieces was copied unchanged.
    """

    in_starts: tuple[int, ...]
    in_ends: tuple[int, ...]
    out_starts: tuple[int, ...]
    out_ends: tuple[int, ...]

    def forward(self, offset: int) -> int:
        k = bisect.bisect_right(self.in_starts, offset) - 1
        if k < 0:
            return offset
        if offset < self.in_ends[k]:
            return self.out_starts[k] if offset == self.in_starts[k] else self.out_ends[k]
        return self.out_ends[k] + (offset - self.in_ends[k])


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of a raw text to offsets of the canonical text made from it.

    `map(i)` for `0 <= i <= raw_length` is the first canonical offset whose character comes from raw
    offset `i` or later (`map(raw_length) == len(text)`); it never decreases as `i` grows. A character
    that replaced several raw ones (a collapsed whitespace run, an NFC composition) comes from the first
    of them; deleted raw characters map to where the next kept one is.
    """

    text: str
    raw_length: int
    stages: tuple[_Stage, ...] = ()

    def map(self, offset: int) -> int:
        """The canonical offset for raw `offset` (clamped to `0..raw_length`)."""
        offset = min(max(offset, 0), self.raw_length)
        for stage in self.stages:
            offset = stage.forward(offset)
        return offset

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The canonical (start, end) of raw span [start, end), trimmed of whitespace; None if empty."""
        a, b = self.map(start), self.map(end)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return (a, b) if a < b else None


class _Tracker:
    """Applies rewriting steps to a text, recording each as a `_Stage` when asked to."""

    def __init__(self, text: str, track: bool) -> None:
        self.text = text
        self.raw_length = len(text)
        self.track = track
        self.stages: list[_Stage] = []

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> int:
        """Replace every match of `pattern`; returns the number of characters matched."""
        text = self.text
        if pattern.search(text) is None:
            return 0
        if not self.track:
            removed = sum(len(m) for m in pattern.findall(text)) if repl == "" else 0
            self.text = pattern.sub(repl, text)
            return removed
        pieces: list[tuple[int, int, str]] = []
        for m in pattern.finditer(text):
            new = repl if isinstance(repl, str) else repl(m)
            if new != m.group():
                pieces.append((m.start(), m.end(), new))
        self.apply(pieces)
        return sum(b - a for a, b, new in pieces if not new)

    def apply(self, pieces: Sequence[tuple[int, int, str]]) -> None:
        """Replace input [a, b) by `new` for each (a, b, new), given in order and not overlapping."""
        if not pieces:
            return
        text = self.text
        out: list[str] = []
        in_starts: list[int] = []
        in_ends: list[int] = []
        out_starts: list[int] = []
        out_ends: list[int] = []
        prev = 0
        length = 0
        for a, b, new in pieces:
            out.append(text[prev:a])
            length += a - prev
            in_starts.append(a)
            in_ends.append(b)
            out_starts.append(length)
            out.append(new)
            length += len(new)
            out_ends.append(length)
            prev = b
        out.append(text[prev:])
        self.text = "".join(out)
        if self.track:
            self.stages.append(_Stage(tuple(in_starts), tuple(in_ends), tuple(out_starts), tuple(out_ends)))

    def offset_map(self) -> OffsetMap:
        return OffsetMap(self.text, self.raw_length, tuple(self.stages))


# -- NFC with offsets -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _composing_seconds() -> frozenset[str]:
    """Characters with combining class 0 that NFC may compose with the character before them."""
    seconds: set[str] = set()
    for cp in range(0x30000):  # no decomposition lies above U+2FA1D
        decomposition = unicodedata.decomposition(chr(cp))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                second = chr(int(parts[1], 16))
                if unicodedata.combining(second) == 0:
                    seconds.add(second)
    # Hangul vowel and final jamo compose algorithmically with the syllable or jamo before them.
    seconds.update(chr(cp) for cp in range(0x1161, 0x1176))
    seconds.update(chr(cp) for cp in range(0x11A8, 0x11C3))
    return frozenset(seconds)


def _nfc_pieces(text: str) -> list[tuple[int, int, str]]:
    """The (start, end, replacement) pieces that NFC changes, cut at stable starters."""
    seconds = _composing_seconds()
    pieces: list[tuple[int, int, str]] = []
    line_start = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            start = 0
            for i in range(1, len(line) + 1):
                if i < len(line) and (unicodedata.combining(line[i]) or line[i] in seconds):
                    continue
                cluster = line[start:i]
                if not unicodedata.is_normalized("NFC", cluster):
                    pieces.append((line_start + start, line_start + i, unicodedata.normalize("NFC", cluster)))
                start = i
        line_start += len(line) + 1
    return pieces


# -- canonical text ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Canonical:
    """A canonical text with the invisible characters that were dropped to make it.

    `map` is set when `clean(..., track=True)` was asked for it: raw offsets to canonical offsets.
    """

    text: str
    controls: int = 0
    zero_width: int = 0
    bidi: int = 0
    map: OffsetMap | None = field(default=None, compare=False)

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


def _strip(tracker: _Tracker) -> None:
    text = tracker.text
    head = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    pieces = []
    if head:
        pieces.append((0, head, ""))
    if tail < len(text) and tail >= head:
        pieces.append((tail, len(text), ""))
    tracker.apply(pieces)


def clean(raw: str, *, unwrap: bool = True, track: bool = False) -> Canonical:
    """Canonicalize `raw`, counting the invisible characters removed (see the module docstring).

    `unwrap=False` keeps every line break (for formats whose lines are already logical lines, such as
    DOCX paragraphs and HTML blocks). `track=True` also builds `Canonical.map` (raw -> canonical
    offsets); it costs time only where the text actually changes.
    """
    t = _Tracker(raw, track)
    t.sub(_BREAKS, lambda m: _BREAK_MAP.get(m.group(), "\n"))
    controls = t.sub(_CONTROLS, "")
    zero_width = t.sub(_ZERO_WIDTH, "")
    bidi = t.sub(_BIDI, "")
    if not unicodedata.is_normalized("NFC", t.text):
        if track:
            t.apply(_nfc_pieces(t.text))
        else:
            t.text = unicodedata.normalize("NFC", t.text)
    t.sub(_HSPACE, " ")
    t.sub(_TRIM, "\n")
    t.sub(_BLANKS, "\n\n")
    _strip(t)
    if unwrap:
        hyphens = Dehyphenator(t.text)
        for _ in range(MAX_PASSES):
            pieces = unwrap_pass(t.text, hyphens)
            if not pieces:
                break
            t.apply(pieces)
    return Canonical(
        text=t.text,
        controls=controls,
        zero_width=zero_width,
        bidi=bidi,
        map=t.offset_map() if track else None,
    )


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


def join_pages(pages: list[str], joins: Sequence[str] = ()) -> tuple[str, tuple[int, ...]]:
    """Join canonical page texts; return the text and each page's start offset.

    Pages are separated by a blank line, or by `joins[i]` between page i and the next page with text
    when given (" " or "" where a sentence or a word runs on across the page break).
    Empty pages add no text; their start is that of the next page with text (or the end of the text),
    so that `bisect_right(starts, offset)` still names the page an offset lies on.
    """
    parts: list[str] = []
    starts: list[int | None] = []
    length = 0
    pending = "\n\n"
    for i, page in enumerate(pages):
        if not page:
            starts.append(None)
            continue
        if parts:
            parts.append(pending)
            length += len(pending)
        starts.append(length)
        parts.append(page)
        length += len(page)
        pending = joins[i] if i < len(joins) else "\n\n"
    resolved: list[int] = []
    following = length
    for start in reversed(starts):
        following = following if start is None else start
        resolved.append(following)
    resolved.reverse()
    return "".join(parts), tuple(resolved)


@dataclass(frozen=True)
class Document:
    """The canonical form of a loader's output (see `canonical_document`)."""

    text: str
    pages: tuple[int, ...]
    notes: tuple[str, ...]
    regions: tuple[Region, ...]


def canonical_document(
    parts: Sequence[str],
    *,
    paged: bool,
    unwrap: bool,
    regions: Sequence[RawRegion] = (),
    joins: Sequence[str] = (),
) -> Document:
    """Canonicalize a loader's parts (pages) and carry its raw regions over to the canonical text.

    Each part is cleaned on its own; pages are joined by `join_pages` (a blank line, or `joins`). A raw
    region becomes the canonical span of its raw span (`OffsetMap.span`), shifted by its page's start;
    regions that end up empty are dropped. Regions are ordered by start, outer ones first.
    """
    by_part: dict[int, list[RawRegion]] = {}
    for region in regions:
        by_part.setdefault(region.part, []).append(region)
    cleaned = [clean(part, unwrap=unwrap, track=i in by_part) for i, part in enumerate(parts)]
    notes = tuple(dict.fromkeys(n for c in cleaned for n in c.notes))
    if paged:
        text, starts = join_pages([c.text for c in cleaned], joins)
    else:
        text, starts = cleaned[0].text, (0,)
    found: set[Region] = set()
    for i, raw_regions in by_part.items():
        offset_map = cleaned[i].map if i < len(cleaned) else None
        if offset_map is None:
            continue
        for r in raw_regions:
            span = offset_map.span(r.start, r.end)
            if span is not None:
                found.add(Region(starts[i] + span[0], starts[i] + span[1], r.kind, r.level, r.label))
    ordered = tuple(sorted(found, key=lambda r: (r.start, -r.end, r.kind, r.level, r.label)))
    return Document(text=text, pages=starts if paged else (), notes=notes, regions=ordered)
