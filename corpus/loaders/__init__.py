"""File-format loaders: bytes of one file -> raw text (per page for PDFs) plus the file's own metadata.

Heavy libraries (pypdf, python-docx, trafilatura) are imported on first use of their format.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from corpus.errors import UnreadableSource
from corpus.loaders.base import MAX_TEXT_CHARS, Extracted, ExtractOptions, FileMeta, check_not_binary

__all__ = [
    "LOADERS",
    "MAX_TEXT_CHARS",
    "SUPPORTED_EXTENSIONS",
    "ExtractOptions",
    "Extracted",
    "FileMeta",
    "check_content",
    "extract",
]


def _text(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    from corpus.loaders.text import load_text

    return load_text(data, ext)


def _markdown(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    from corpus.loaders.text import load_markdown

    return load_markdown(data, ext)


def _html(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    from corpus.loaders.html import load_html

    return load_html(data, ext)


def _pdf(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    from corpus.loaders.pdf import load_pdf

    return load_pdf(data, ext, options)


def _docx(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    from corpus.loaders.docx import load_docx

    return load_docx(data, ext)


LOADERS: dict[str, Callable[[bytes, str, ExtractOptions], Extracted]] = {
    ".txt": _text,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}
SUPPORTED_EXTENSIONS = tuple(LOADERS)


PDF_HEADER_WITHIN = 1024  # Adobe PDF Reference 1.7, appendix H: readers accept "%PDF-" within 1024 bytes


def check_content(data: bytes, ext: str) -> None:
    """A cheap check that `data` can be a file of type `ext`, before anything is stored: text formats
    are not binary (`base.check_not_binary`), a PDF has its "%PDF-" header in the first 1024 bytes,
    a DOCX is a ZIP archive holding an Office Open XML package's [Content_Types].xml (the main part's
    name is left to the loader, which follows the package relationships). It reads no more than that:
    a file that passes may still fail extraction (the rebuild then reports it).

    Raises:
        UnreadableSource: one line saying what the content is not.
    """
    if ext == ".pdf":
        if b"%PDF-" not in data[:PDF_HEADER_WITHIN]:
            raise UnreadableSource("not a PDF: no %PDF- header in its first 1024 bytes")
    elif ext == ".docx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_package = "[Content_Types].xml" in archive.namelist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
            raise UnreadableSource("not a DOCX: not a ZIP archive") from None
        if not is_package:
            raise UnreadableSource("not a DOCX: the archive has no [Content_Types].xml (not Office Open XML)")
    elif ext in LOADERS:
        check_not_binary(data, ext)


def _one_line(message: object, limit: int = 400) -> str:
    """An error message as one line of at most `limit` characters (lxml's and pypdf's span several)."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def extract(data: bytes, ext: str, options: ExtractOptions | None = None) -> Extracted:
    """Run the loader for extension `ext` (lower case, with the dot) on a file's bytes, in this process.

    Args:
        data: the whole file.
        ext: one of `SUPPORTED_EXTENSIONS` (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx").
        options: how to read it (OCR, language hint); defaults to `ExtractOptions()`.

    Returns:
        The loader's raw text and metadata, before canonicalization.

    Raises:
        UnreadableSource: with the precise reason, on one line of at most 400 characters, when the file
            cannot be turned into text: an unsupported extension, an empty file, the loader's own
            refusal, any unexpected parser failure (including RecursionError and MemoryError), or
            more than `MAX_TEXT_CHARS` (20,000,000) characters extracted.
    """
    loader = LOADERS.get(ext)
    if loader is None:
        raise UnreadableSource(f"unsupported file type {ext or '(no extension)'}")
    if not data:
        raise UnreadableSource("empty file (0 bytes)")
    try:
        extracted = loader(data, ext, options or ExtractOptions())
    except UnreadableSource as exc:
        message = _one_line(exc.message)
        if message == exc.message:
            raise
        raise UnreadableSource(message) from exc
    except RecursionError as exc:
        raise UnreadableSource(f"damaged {ext} file: structure nested too deeply to read") from exc
    except MemoryError as exc:
        raise UnreadableSource(f"{ext} file needs more memory to read than allowed") from exc
    except Exception as exc:  # a parser's unexpected failure on bad input is still that file's problem
        raise UnreadableSource(f"could not read {ext} file: {type(exc).__name__}: {_one_line(exc)}") from exc
    size = sum(len(part) for part in extracted.parts)
    if size > MAX_TEXT_CHARS:
        raise UnreadableSource(
            f"extracted text has {size:,} characters, more than the {MAX_TEXT_CHARS:,} allowed for one source"
        )
    return extracted
