"""What a loader returns, and the byte-level checks every text format shares (encoding, binary data)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.errors import UnreadableSource

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
class Extracted:
    """Raw text pulled out of a file, before canonicalization.

    Attributes:
        parts: the text; one element per page for paged formats (PDF), else exactly one.
        paged: whether `parts` are pages (their start offsets are recorded).
        unwrap: whether hard-wrapped lines may be joined (not for formats with logical lines).
        meta: what the file says about itself.
        notes: warnings about how the file was read.
    """

    parts: tuple[str, ...]
    paged: bool = False
    unwrap: bool = True
    meta: FileMeta = FileMeta()
    notes: tuple[str, ...] = ()


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
    """Raise UnreadableSource if `data`, found in a text-format file, is binary."""
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
