"""What a loader returns, and the byte-level checks every text format shares (encoding, binary data)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.errors import UnreadableSource
from corpus.models import RegionKind

MAX_TEXT_CHARS = 20_000_000  # more text than this in one source is refused (a runaway extraction)


@dataclass(frozen=True)
class FileMeta:
    """Metadata a file states about itself; None where it says nothing."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO prefix
    url: str | None = None
    license: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ExtractOptions:
    """How to read a file.

    Attributes:
        ocr: read pages without a text layer (scanned PDF pages) with tesseract; False leaves them
            out with a note.
        language: the manifest's language for the file ("en", "ko", "zh", ...), a hint for OCR; None
            means detect it.
        ocr_page_seconds: wall-clock limit for the OCR of one page, in seconds.
    """

    ocr: bool = True
    language: str | None = None
    ocr_page_seconds: float = 60.0


@dataclass(frozen=True)
class RawRegion:
    """A structural span found by a loader, in offsets of its raw text (see `corpus.models.Region`).

    Attributes:
        start, end: character offsets into `Extracted.parts[part]`, `start < end`.
        kind: a `corpus.models.RegionKind` ("heading", "table", "table_header", "list", "footnotes", "ocr").
        level: heading depth (1 = outermost), else 0.
        label: heading text, or a table's caption; else "".
        part: the index of the part (page) the offsets refer to.
    """

    start: int
    end: int
    kind: RegionKind
    level: int = 0
    label: str = ""
    part: int = 0


@dataclass(frozen=True)
class Extracted:
    """Raw text pulled out of a file, before canonicalization.

    Attributes:
        parts: the text; one element per page for paged formats (PDF), else exactly one.
        paged: whether `parts` are pages (their start offsets are recorded).
        unwrap: whether hard-wrapped lines may be joined (not for formats with logical lines).
        meta: what the file says about itself.
        notes: warnings about how the file was read.
        regions: structure the format states (headings, tables, lists, footnotes, OCR'd pages).
        joins: for paged parts, what joins page i to the next page with text: "\n\n" (the default
            when missing), " " where a sentence runs on across the break, "" where a word does.
    """

    parts: tuple[str, ...]
    paged: bool = False
    unwrap: bool = True
    meta: FileMeta = FileMeta()
    notes: tuple[str, ...] = ()
    regions: tuple[RawRegion, ...] = ()
    joins: tuple[str, ...] = ()


class TextBuilder:
    """Accumulates a loader's raw text block by block, with the regions found on the way.

    Blocks are separated by a blank line; `line()` adds a line to the current block. Offsets in the
    recorded regions are offsets of the text being built.
    """

    def __init__(self, part: int = 0) -> None:
        self._chunks: list[str] = []
        self.length = 0
        self.regions: list[RawRegion] = []
        self.part = part
        self._open = False  # whether the current block has text

    def _append(self, text: str) -> None:
        self._chunks.append(text)
        self.length += len(text)

    def block(self, text: str) -> tuple[int, int] | None:
        """Start a new block holding `text`; returns its (start, end), or None if `text` is blank."""
        return self._add(text, "\n\n")

    def line(self, text: str) -> tuple[int, int] | None:
        """Add `text` as a new line of the current block (or as a new block when none is open)."""
        return self._add(text, "\n")

    def _add(self, text: str, separator: str) -> tuple[int, int] | None:
        """Add `text` stripped after `separator` (when a block is open); None if `text` is blank."""
        text = text.strip()
        if not text:
            return None
        if self._open:
            self._append(separator)
        start = self.length
        self._append(text)
        self._open = True
        return start, self.length

    def lines(self, lines: Iterable[str]) -> tuple[int, int] | None:
        """Add each of `lines` with `line()`; returns the (start, end) from the first added line to the
        last, or None when every line was blank (nothing was added)."""
        start: int | None = None
        end = 0
        for text in lines:
            span = self.line(text)
            if span:
                start = span[0] if start is None else start
                end = span[1]
        return None if start is None else (start, end)

    def end_block(self) -> None:
        """Make the next `line()` start a new block."""
        if self._open:
            self._append("\n\n")
            self._open = False

    def region(self, start: int, end: int, kind: RegionKind, level: int = 0, label: str = "") -> None:
        """Record a region over characters `start:end` of the text built so far (ignored when empty).

        Args:
            start, end: character offsets into `text()`, as returned by `block()` or `line()`.
            kind: the `corpus.models.RegionKind`.
            level: heading depth (1 = outermost), else 0.
            label: heading text or table caption; its whitespace runs are collapsed to single spaces.
        """
        if end > start:
            label = " ".join(label.split())
            self.regions.append(RawRegion(start, end, kind, level, label, self.part))

    def text(self) -> str:
        """The text built so far (blocks joined by a blank line, lines by a newline)."""
        return "".join(self._chunks)


_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/ODT document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_SNIFF = 64 * 1024


def check_not_binary(data: bytes, ext: str) -> None:
    """Refuse binary content in a text-format file.

    Args:
        data: the file's bytes.
        ext: its extension as shown in the message (".txt").

    Raises:
        UnreadableSource: `data` starts with a known binary signature (PDF, ZIP, images, ...), or more
            than max(8, 1%) of its first 64 KiB are control bytes (not checked after a UTF-16/32
            byte-order mark, whose text has NUL bytes by design).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableSource(f"binary file with a text extension ({ext}): the content is {what}")
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes by design
    suspicious = len(_BINARY_BYTES.findall(head))
    if suspicious > max(8, len(head) // 100):
        raise UnreadableSource(
            f"binary file with a text extension ({ext}): {suspicious} control bytes "
            f"in the first {len(head)} bytes"
        )


def _looks_korean(text: str) -> bool:
    non_ascii = sum(1 for ch in text if not ch.isascii() and not ch.isspace())
    return non_ascii > 0 and len(_HANGUL.findall(text)) >= 0.6 * non_ascii


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode text bytes; return the text and a note when it was not plain UTF-8.

    Order: byte-order mark, UTF-8, the `declared` charset (e.g. from an HTML meta tag), CP949 (a
    superset of EUC-KR) when the result reads as Korean, Windows-1252, and Latin-1, which never fails.

    Returns:
        (text, note): the decoded text, and None for UTF-8 (with or without a BOM), else a one-line
        note naming the codec used, for `Extracted.notes`.

    Raises:
        UnreadableSource: the bytes after a UTF-8/16/32 byte-order mark are not valid in that encoding.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableSource(
                    f"invalid {label} text (byte {exc.start}) after a {label} byte-order mark"
                ) from exc
            return text, None if label == "UTF-8" else f"not UTF-8: decoded as {label} (byte-order mark)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    if declared:
        try:
            return data.decode(declared), f"not UTF-8: decoded as {declared} (declared by the file)"
        except (LookupError, UnicodeDecodeError):
            pass
    reason = f"invalid UTF-8 at byte {bad}"
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_korean(text[:_SNIFF]):
            return text, f"{reason}: decoded as CP949 (Korean)"
    try:
        return data.decode("cp1252"), f"{reason}: decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"{reason}: decoded as Latin-1"


def add_table(builder: TextBuilder, rows: list[list[str]], header_rows: int = 0, caption: str = "") -> None:
    """Add a table as its own block: one line per row, cells in order separated by " | ".

    `header_rows` leading rows are the header (a `table_header` region); the whole table is a `table`
    region labelled with its `caption`. Rows whose cells are all empty are left out.
    """
    builder.end_block()
    start: int | None = None
    header_end: int | None = None
    end = 0
    for i, row in enumerate(rows):
        cells = [" ".join(cell.split()) for cell in row]
        if not any(cells):
            continue
        span = builder.line(" | ".join(cells))
        if span is None:
            continue
        if start is None:
            start = span[0]
        end = span[1]
        if i < header_rows:
            header_end = span[1]
    builder.end_block()
    if start is None:
        return
    if header_end is not None:
        builder.region(start, header_end, "table_header")
    builder.region(start, end, "table", label=caption)
