"""PDF files with pypdfium2 (PDFium): the text of each page as a reader sees it, and the document info.

Each page's characters come with their boxes; `corpus.loaders.pdf_layout` turns the lines into
paragraphs, tables and page joins and leaves out running headers, footers and page numbers. The PDF
outline (bookmarks), where present, gives heading regions. A page without a text layer is read by OCR
(`corpus.loaders.ocr`) when `ExtractOptions.ocr` is on; it becomes an `ocr` region with a note.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import MAX_TEXT_CHARS, Extracted, ExtractOptions, FileMeta, RawRegion
from corpus.loaders.pdf_layout import Line, PageLines, Word, lay_out
from corpus.script import detect_language, normalize_language

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Titles that authoring tools put in the info dictionary instead of a real title.
_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|indd|tex|rtf|odt))$",
    re.I,
)
_JUNK_AUTHOR = re.compile(r"^\(?(?:anonymous|unspecified|unknown|author|user|administrator)\)?$", re.I)
_LINE_BREAKS = "\r\n"
_SOFT_HYPHENS = "\ufffe\x02"
_SPACES = " \t\xa0\u3000"
_PAGEOBJ_IMAGE = 3
_PAGEOBJ_FORM = 5
MAX_PAGES = 20_000


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


def _meta(pdf: Any) -> FileMeta:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged info dictionary must not stop the text
        info = {}

    def value(key: str) -> str | None:
        text = str(info.get(key) or "").replace("\x00", "").strip()
        return text or None

    title = value("Title")
    if title is not None and _JUNK_TITLE.match(title):
        title = None
    author = value("Author")
    if author is not None and _JUNK_AUTHOR.match(author):
        author = None
    return FileMeta(title=title, publisher=author, date=_pdf_date(value("CreationDate")), language=None)


def _language(pdf: Any) -> str | None:
    import pypdfium2.raw as pdfium_c

    try:
        size = pdfium_c.FPDF_GetMetaText(pdf.raw, b"Lang", None, 0)  # not in the info dict: catalog /Lang
    except Exception:  # an optional entry; older PDFium builds do not know it
        return None
    if size <= 2:
        return None
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(pdf.raw, b"Lang", buffer, size)
    return normalize_language(buffer.raw[: size - 2].decode("utf-16-le", errors="ignore") or None)


def _chars(textpage: Any) -> str:
    """The page's characters, one per PDFium character index (generated spaces and breaks included)."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return ""
    text: str = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))
    return text


def _page_lines(textpage: Any) -> list[Line]:
    """The page's lines (PDFium's order), each word with the box of its first and last character."""
    import pypdfium2.raw as pdfium_c

    text = _chars(textpage)
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))

    def box(i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(raw, i, *refs)
        return left.value, right.value, bottom.value, top.value

    lines: list[Line] = []
    words: list[Word] = []
    size = 0.0
    start = -1

    def end_word(end: int) -> None:
        nonlocal start, size
        if start < 0:
            return
        first, last = box(start), box(end - 1)
        if not words:
            size = float(pdfium_c.FPDFText_GetFontSize(raw, start)) or (first[3] - first[2])
        words.append(
            Word(
                text[start:end],
                first[0],
                max(last[1], first[0]),
                min(first[2], last[2]),
                max(first[3], last[3]),
            )
        )
        start = -1

    def end_line(hyphen: bool) -> None:
        if words:
            lines.append(Line(list(words), size or 10.0, hyphen))
            words.clear()

    for i, ch in enumerate(text):
        if ch in _LINE_BREAKS:
            end_word(i)
            end_line(False)
        elif ch in _SOFT_HYPHENS:
            end_word(i)
            end_line(True)
        elif ch in _SPACES or ch == "\x00":
            end_word(i)
        elif start < 0:
            start = i
    end_word(len(text))
    end_line(False)
    return lines


def _has_images(page: Any) -> bool:
    try:
        return any(obj.type in (_PAGEOBJ_IMAGE, _PAGEOBJ_FORM) for obj in page.get_objects(max_depth=2))
    except Exception:  # only used to decide on OCR and to word a message
        return False


def _outline(pdf: Any, count: int) -> list[tuple[int, int, str]]:
    """(page index, level, title) of the outline's entries; empty when there is none or it is damaged."""
    found: list[tuple[int, int, str]] = []
    try:
        for item in pdf.get_toc(max_depth=8):
            title = " ".join((item.get_title() or "").split())
            dest = item.get_dest()
            page = dest.get_index() if dest is not None else None
            if title and page is not None and 0 <= page < count:
                found.append((page, item.level + 1, title))
            if len(found) >= 5000:
                break
    except Exception:  # a damaged outline only costs the headings
        return []
    return found


def _heading_regions(texts: list[str], outline: list[tuple[int, int, str]]) -> list[RawRegion]:
    regions: list[RawRegion] = []
    for page, level, title in outline:
        if page >= len(texts):
            continue
        pattern = r"\s+".join(re.escape(word) for word in title.split())
        match = re.search(pattern, texts[page], re.I)
        if match:
            regions.append(RawRegion(match.start(), match.end(), "heading", level, title, page))
    return regions


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableSource("encrypted PDF: a password is required to read it") from exc
        raise UnreadableSource(f"corrupt or truncated PDF: {message}") from exc
    if b"%%EOF" not in data[-4096:] and b"startxref" not in data[-4096:]:
        pdf.close()
        raise UnreadableSource("corrupt or truncated PDF: the file ends before its end-of-file marker")
    return pdf


def load_pdf(data: bytes, ext: str, options: ExtractOptions | None = None) -> Extracted:
    """Read a PDF: one part per page, laid out as a reader sees it, with the document info.

    Args:
        data: the file's bytes.
        ext: its extension with the dot (".pdf").
        options: OCR switch, OCR language hint and per-page OCR time limit; defaults to
            `ExtractOptions()` (OCR on).

    Returns:
        An `Extracted` with `paged=True` and `unwrap=False`: `parts[i]` is the text of page i + 1 (""
        for a page that failed or has no text), `joins[i]` what joins it to the next page (see
        `corpus.loaders.pdf_layout`; "\n\n" around OCR'd pages). Regions: `table`/`table_header` from the
        layout, `ocr` over each OCR'd page, `heading` where an outline (bookmark) title is found on its
        page. `meta`: title and author (as publisher) from the info dictionary unless they are
        placeholders ("Untitled", "Microsoft Word - x.docx", "Anonymous", ...), date from CreationDate
        as YYYY[-MM[-DD]], language from the catalog's /Lang. Notes name failed pages, pages whose
        running headers or footers were left out, and what OCR did.

    Raises:
        UnreadableSource: an encrypted, corrupt or truncated PDF (no end-of-file marker in the last
            4 KiB); no pages, or more than `MAX_PAGES` (20,000); more than `MAX_TEXT_CHARS` characters;
            no text on any page (with why OCR did not help when the pages are images).
    """
    import pypdfium2 as pdfium

    options = options or ExtractOptions()
    pdf = _open(data)
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableSource("PDF has no pages")
        if count > MAX_PAGES:
            raise UnreadableSource(f"PDF has {count:,} pages, more than the {MAX_PAGES:,} allowed")
        pages: list[PageLines] = []
        failed: list[int] = []
        imaged: list[int] = []
        total = 0
        for number in range(count):
            try:
                page = pdf[number]
            except pdfium.PdfiumError:
                failed.append(number + 1)
                pages.append(PageLines(612, 792))
                continue
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                lines = _page_lines(textpage)
                textpage.close()
                if not lines and _has_images(page):
                    imaged.append(number)
            except pdfium.PdfiumError:
                failed.append(number + 1)
                lines, width, height = [], 612, 792
            finally:
                page.close()
            total += sum(len(w.text) + 1 for line in lines for w in line.words)
            if total > MAX_TEXT_CHARS:
                raise UnreadableSource(
                    f"extracted text exceeds {MAX_TEXT_CHARS:,} characters by page {number + 1} of {count}"
                )
            pages.append(PageLines(width, height, lines))
        laid = lay_out(pages)
        texts = [page.builder.text() for page in laid]
        regions: list[RawRegion] = [r for page in laid for r in page.builder.regions]
        joins = [page.join for page in laid]
        notes: list[str] = []
        if failed:
            shown = ", ".join(map(str, failed[:10])) + (" ..." if len(failed) > 10 else "")
            notes.append(f"text of {len(failed)} of {count} pages could not be extracted (pages {shown})")
        removed = [i + 1 for i, page in enumerate(laid) if page.removed]
        if removed:
            notes.append(
                f"running headers, footers and page numbers left out on {len(removed)} of {count} pages"
            )
        if imaged:
            from corpus.loaders.ocr import ocr_pages

            hint = options.language
            if hint is None and any(t.strip() for t in texts):
                hint = detect_language(" ".join(texts))
            ocr = ocr_pages(pdf, imaged, options, hint)
            for number, text in ocr.texts.items():
                texts[number] = text
                joins[number] = "\n\n"
                if number > 0:
                    joins[number - 1] = "\n\n"
                regions.append(RawRegion(0, len(text), "ocr", part=number))
            notes.extend(ocr.notes)
        regions.extend(_heading_regions(texts, _outline(pdf, count)))
        if not any(t.strip() for t in texts):
            if imaged:
                raise UnreadableSource(
                    f"no extractable text in {count} pages: the pages are images (scanned?); {ocr.refusal}"
                )
            raise UnreadableSource(f"no extractable text in {count} pages")
        meta = _meta(pdf)
        language = _language(pdf)
        if language:
            meta = FileMeta(meta.title, meta.publisher, meta.date, meta.url, meta.license, language)
        return Extracted(
            parts=tuple(texts),
            paged=True,
            unwrap=False,
            meta=meta,
            notes=tuple(notes),
            regions=tuple(regions),
            joins=tuple(joins),
        )
    finally:
        pdf.close()
