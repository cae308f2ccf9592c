"""PDF files with pypdf: the text of each page, and the document info (title, author, dates)."""

from __future__ import annotations

import io
import re
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import MAX_TEXT_CHARS, Extracted, FileMeta
from corpus.script import normalize_language

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Titles that authoring tools put in the info dictionary instead of a real title.
_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|indd|tex|rtf|odt))$",
    re.I,
)
_IMAGE_PAGES_CHECKED = 50


def _pdf_date(value: object) -> str | None:
    match = _PDF_DATE.match(str(value).strip()) if value else None
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _info_text(info: Any, key: str) -> str | None:
    try:
        value = info.get(key)
        if hasattr(value, "get_object"):
            value = value.get_object()
    except Exception:  # a damaged info dictionary must not stop the text
        return None
    if value is None:
        return None
    text = str(value).replace("\x00", "").strip()
    return text or None


def _meta(reader: Any) -> FileMeta:
    try:
        info = reader.metadata
    except Exception:  # pypdf raises assorted errors on damaged info dictionaries
        info = None
    title = author = date = None
    if info is not None:
        title = _info_text(info, "/Title")
        if title is not None and _JUNK_TITLE.match(title):
            title = None
        author = _info_text(info, "/Author")
        date = _pdf_date(_info_text(info, "/CreationDate"))
    language = None
    try:
        language = normalize_language(str(reader.trailer["/Root"].get("/Lang") or "") or None)
    except Exception:  # /Lang is optional and sometimes malformed
        language = None
    return FileMeta(title=title, publisher=author, date=date, language=language)


def _has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    except Exception:  # only used to word an error message
        return False


def load_pdf(data: bytes, ext: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise UnreadableSource(f"encrypted PDF that cannot be decrypted here: {exc}") from exc
            if not opened:
                raise UnreadableSource("encrypted PDF: a password is required to read it")
        pages = reader.pages
        count = len(pages)
    except UnreadableSource:
        raise
    except DependencyError as exc:  # e.g. AES encryption without the optional `cryptography` package
        raise UnreadableSource(f"encrypted PDF that cannot be decrypted here: {exc}") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableSource(f"corrupt or truncated PDF: {exc}") from exc
    if count == 0:
        raise UnreadableSource("PDF has no pages")
    texts: list[str] = []
    failed: list[int] = []
    total = 0
    for number in range(count):
        try:
            text = pages[number].extract_text() or ""
        except Exception:  # one damaged page must not lose the others
            failed.append(number + 1)
            text = ""
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise UnreadableSource(
                f"extracted text exceeds {MAX_TEXT_CHARS:,} characters by page {number + 1} of {count}"
            )
        texts.append(text)
    notes: list[str] = []
    if failed:
        shown = ", ".join(map(str, failed[:10])) + (" ..." if len(failed) > 10 else "")
        notes.append(f"text of {len(failed)} of {count} pages could not be extracted (pages {shown})")
    if not any(t.strip() for t in texts):
        checked = range(min(count, _IMAGE_PAGES_CHECKED))
        if any(_has_images(pages[i]) for i in checked):
            raise UnreadableSource(
                f"no extractable text in {count} pages: the pages are images (scanned?); OCR is not supported"
            )
        raise UnreadableSource(f"no extractable text in {count} pages")
    return Extracted(parts=tuple(texts), paged=True, meta=_meta(reader), notes=tuple(notes))
