"""Reading a sources folder: find the files (cheap), then turn each into a Source (parse + canonicalize).

    scan = scan_folder(dir, max_bytes=...)     # walks, hashes bytes; no parsing (corpus.scan)
    source = load_source(scan.files[0])        # parses one file; raises UnreadableSource
    report = ingest_folder(dir, max_bytes=..., reuse=old_sources_by_id)   # both, never stops on a bad file

A Source's `content_hash` covers the file bytes, its manifest row and LOADER_VERSION, so a stored
Source whose hash equals a fresh SourceFile's can be reused without parsing the file again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from corpus.errors import UnreadableSource
from corpus.language import conflicts, detect_language
from corpus.loaders import MAX_TEXT_CHARS, Extracted, ExtractOptions, extract
from corpus.manifest import ManifestRow
from corpus.models import FileIssue, IngestReport, Source, SourceMeta
from corpus.normalize import Document, canonical_document, canonicalize, paragraph_spans
from corpus.sandbox import extract_contained
from corpus.scan import (
    LOADER_VERSION,
    Scan,
    SourceFile,
    content_hash,
    scan_folder,
    source_file,
    source_id_for,
)

__all__ = [
    "LOADER_VERSION",
    "MAX_TITLE_CHARS",
    "Scan",
    "SourceFile",
    "content_hash",
    "ingest_folder",
    "load_source",
    "scan_folder",
    "source_file",
    "source_id_for",
]

MAX_TITLE_CHARS = 200


def _derived_title(text: str, rel: str) -> str:
    first = text.split("\n", 1)[0].lstrip("#").strip() if text else ""
    if first and len(first) <= MAX_TITLE_CHARS:
        return first
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _meta_text(re.sub(r"[_\s]+", " ", stem)) or _meta_text(rel) or "untitled"


def _meta_text(value: str | None) -> str | None:
    """A metadata value as citations show it: one line, canonical, without invisible characters.

    File names, manifest cells and a file's own metadata may hold controls, zero-width or bidi
    override characters (which can make a citation display as something else); they are dropped.
    """
    if not value:
        return None
    return " ".join(canonicalize(value, unwrap=False).split()) or None


def _language(row: ManifestRow | None, declared: str | None, text: str, notes: list[str]) -> str:
    if row is not None and row.language:
        return row.language
    detected = detect_language(text)
    if declared and conflicts(declared, detected):
        notes.append(
            f"the file declares language {declared!r}, but its script says {detected!r}; using {detected!r}"
        )
        return detected
    return declared or detected


def _canonical(extracted: Extracted) -> Document:
    """The canonical text, page starts, notes and regions of a loader's output."""
    return canonical_document(
        extracted.parts,
        paged=extracted.paged,
        unwrap=extracted.unwrap,
        regions=extracted.regions,
        joins=extracted.joins,
    )


def _read(f: SourceFile) -> bytes:
    try:
        with f.path.open("rb") as handle:
            data = handle.read(f.size + 1)
    except OSError as exc:
        raise UnreadableSource(f"cannot be read: {exc.strerror or exc}") from exc
    if len(data) > f.size:
        raise UnreadableSource("file grew while being ingested; run the ingestion again")
    return data


def load_source(f: SourceFile, *, ocr: bool = True, contained: bool = True) -> Source:
    """Parse one file into a Source; UnreadableSource says precisely why it cannot be.

    Keyword options:
        ocr: read pages that have no text layer (scanned PDF pages) with tesseract; False skips them
            (each skipped page is named in a note).
        contained: run the parsing of formats with heavy parsers (PDF, DOCX, HTML) in a worker
            process with CPU-time, memory and wall-clock limits (`corpus.sandbox`); False parses
            in this process (for tests and tools that already run contained).
    """
    data = _read(f)
    ext = f.path.suffix.lower()
    options = ExtractOptions(ocr=ocr, language=f.row.language if f.row else None)
    extracted = extract_contained(data, ext, options) if contained else extract(data, ext, options)
    doc = _canonical(extracted)
    text = doc.text
    if not text:
        raise UnreadableSource("no text: the file holds only whitespace, control or invisible characters")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableSource(f"text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} allowed")
    notes = list(dict.fromkeys([*extracted.notes, *doc.notes]))
    found, row = extracted.meta, f.row
    meta = SourceMeta(
        title=_meta_text(row.title if row else None)
        or _meta_text(found.title)
        or _derived_title(text, f.rel),
        publisher=_meta_text(row.publisher if row else None) or _meta_text(found.publisher),
        date=(row.date if row else None) or found.date,
        url=_meta_text(row.url if row else None) or _meta_text(found.url),
        license=_meta_text(row.license if row else None) or _meta_text(found.license),
        language=_language(row, found.language, text, notes),
    )
    return Source(
        id=f.source_id,
        path=f.rel,
        meta=meta,
        text=text,
        content_hash=content_hash(data, row),
        pages=doc.pages,
        paragraphs=paragraph_spans(text),
        notes=tuple(notes),
        regions=doc.regions,
    )


def ingest_folder(
    sources_dir: Path,
    *,
    manifest: Path | None = None,
    max_bytes: int,
    namespace: str = "",
    reuse: Mapping[str, Source] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Scan and load a whole folder. Bad files never stop the run: each gets a reason in the report.

    `reuse` maps source ids to Sources from an earlier run; one whose content_hash equals the file's is
    returned as is (the same object) instead of being parsed again. Each Source's notes are repeated
    as warnings. `progress(done, total)` is called after each file.
    """
    scan = scan_folder(sources_dir, manifest=manifest, max_bytes=max_bytes, namespace=namespace)
    report = IngestReport(failures=list(scan.failures), warnings=list(scan.warnings))
    seen: dict[str, str] = {}
    total = len(scan.files)
    for done, f in enumerate(scan.files, start=1):
        if f.source_id in seen:
            report.failures.append(
                FileIssue(f.rel, f"source id {f.source_id} collides with that of {seen[f.source_id]}")
            )
            continue
        seen[f.source_id] = f.rel
        known = reuse.get(f.source_id) if reuse is not None else None
        try:
            source = known if known is not None and known.content_hash == f.content_hash else load_source(f)
        except UnreadableSource as exc:
            report.failures.append(FileIssue(f.rel, exc.message))
        else:
            report.sources.append(source)
            report.warnings.extend(FileIssue(f.rel, note) for note in source.notes)
        if progress is not None:
            progress(done, total)
    report.failures.sort(key=lambda issue: issue.path)
    return report
