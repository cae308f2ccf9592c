"""Word (.docx) files with python-docx: body paragraphs and tables in document order.

Each paragraph is a block; a table is one block with a line per row and " | " between cells. Headers,
footers, comments and text boxes are left out. DOCX has no pages.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import Extracted, FileMeta
from corpus.script import normalize_language

# Values that python-docx's blank template and authoring tools fill in when nobody set them.
_JUNK_TITLES = {"word document", "document", "untitled"}
_JUNK_AUTHORS = {"python-docx", "microsoft office user", "author", "user", "administrator"}
_TEMPLATE_CREATED = "2013-12-23T23:15:00"  # python-docx's default.docx
# python-docx reads every part of the package into memory: refuse packages that unpack to more than
# this (a ZIP bomb declares a huge uncompressed size; zipfile never inflates past what is declared).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000


def _table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _heading_title(paragraphs: list[Any]) -> str | None:
    for paragraph in paragraphs:
        style = getattr(paragraph.style, "name", "") or ""
        if style == "Title" or style.startswith("Heading"):
            text = " ".join(paragraph.text.split())
            if text:
                return text
    return None


def _check_package(data: bytes) -> None:
    """Refuse what is not a ZIP, or what would unpack to too much, before python-docx opens it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableSource(f"not a valid DOCX file (not a Word ZIP package): {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise UnreadableSource(
            f"DOCX package has {len(members):,} parts, more than the {MAX_MEMBERS:,} allowed"
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableSource(
            f"DOCX package unpacks to {unpacked / 2**20:,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES / 2**20:,.0f} MB allowed (a ZIP bomb?); not read"
        )


def load_docx(data: bytes, ext: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise UnreadableSource(f"not a valid DOCX file (not a Word ZIP package): {exc}") from exc
    except (KeyError, ValueError) as exc:
        raise UnreadableSource(f"corrupt DOCX file: {exc}") from exc
    blocks: list[str] = []
    paragraphs: list[Any] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            text = _table_text(item)
        else:
            paragraphs.append(item)
            text = item.text
        if text.strip():
            blocks.append(text.strip())
    if not blocks:
        raise UnreadableSource("DOCX has no text in its body paragraphs or tables")
    props = document.core_properties
    title = (props.title or "").strip()
    author = (props.author or "").strip()
    created = props.created
    date = None
    if created is not None and not created.isoformat().startswith(_TEMPLATE_CREATED):
        date = created.date().isoformat()
    meta = FileMeta(
        title=title if title and title.lower() not in _JUNK_TITLES else _heading_title(paragraphs),
        publisher=author if author and author.lower() not in _JUNK_AUTHORS else None,
        date=date,
        language=normalize_language(props.language or None),
    )
    return Extracted(parts=("\n\n".join(blocks),), unwrap=False, meta=meta)
