"""Reading sources folders: find the files (cheap), then turn each into a Source (parse + canonicalize).

One path for every caller (the index builder, `ingest_folder`, the tests):

    ingestion = Ingestion.scan([SourceDir(dir)], max_bytes=...)   # walk + hash, no parsing
    for read in ingestion.read(known={source_id: content_hash}):  # parse what is new or changed
        read.file, read.source (None when unchanged)               # refusals go to ingestion.failures

A Source's `content_hash` covers the file bytes, its manifest row and LOADER_VERSION, so a stored
Source whose hash equals a fresh SourceFile's need not be parsed again. Files whose ids collide (the
same name after Unicode normalisation, in one folder or across folders of one namespace) are refused
with a reason naming the file they clash with; every other file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import UnreadableSource
from corpus.loaders import MAX_TEXT_CHARS, Extracted, ExtractOptions, extract
from corpus.manifest import ManifestRow
from corpus.metadata import lenient_text, lenient_url
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
from corpus.script import conflicts, detect_language

__all__ = [
    "LOADER_VERSION",
    "MAX_TITLE_CHARS",
    "Ingestion",
    "Read",
    "Scan",
    "SourceDir",
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
    override characters (which can make a citation display as something else); they are dropped, and
    so is markup. A value longer than the metadata limit (`corpus.metadata`) is not used.
    """
    if not value:
        return None
    return lenient_text(" ".join(canonicalize(value, unwrap=False).split()))


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

    The file is read (at most the size the scan saw), extracted by its format's loader, canonicalized
    (NFC, normalised whitespace; every offset of the Source refers to this text), and given its
    citation metadata: each field from the manifest row first, then from the file, then derived (the
    title from the first line of at most 200 characters, else the file name; the language detected
    from the script, which also wins over a file's declaration that contradicts it).

    Args:
        f: the file as the scan found it (path, manifest row, id, size).
        ocr: read pages that have no text layer (scanned PDF pages) with tesseract; False skips them
            (each skipped page is named in a note).
        contained: run the parsing of formats with heavy parsers (PDF, DOCX, HTML) in a worker
            process with CPU-time, memory and wall-clock limits (`corpus.sandbox`); False parses
            in this process (for tests and tools that already run contained).

    Returns:
        The Source: `text` canonical, `pages` and `regions` in its character offsets, `paragraphs` as
        (start, end) character spans, `notes` de-duplicated from the loader and canonicalization,
        `content_hash` over the bytes, the manifest row and `LOADER_VERSION`.

    Raises:
        UnreadableSource: the file cannot be read or grew since the scan; the loader refuses it (see
            `corpus.loaders.extract` and `corpus.sandbox.extract_contained`); no text is left after
            canonicalization; or the text has more than `MAX_TEXT_CHARS` characters.
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
        url=lenient_url(_meta_text(row.url if row else None)) or lenient_url(_meta_text(found.url)),
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


@dataclass(frozen=True)
class SourceDir:
    """A folder of sources to read.

    Attributes:
        path: the folder (read recursively; hidden entries skipped).
        manifest: its manifest.csv when not at the default places (see corpus.manifest).
        namespace: keeps ids apart when two folders hold the same relative name ("" for the curated
            collection, "uploads" for files added through the API).
    """

    path: Path
    manifest: Path | None = None
    namespace: str = ""


@dataclass(frozen=True)
class Read:
    """One file of an ingestion: `source` is its fresh Source, or None when it is unchanged."""

    namespace: str
    file: SourceFile
    source: Source | None


@dataclass
class Ingestion:
    """The files of one or more sources folders, found up front and then read one by one.

    Attributes:
        files: (namespace, file) of every file to read, in folder order then path order.
        failures: one line per refused file (scan problems, id collisions, then parse failures as
            `read` meets them), never more than one per file.
        warnings: manifest problems and, as files are read, each Source's notes.
    """

    files: list[tuple[str, SourceFile]] = field(default_factory=list)
    failures: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)

    @classmethod
    def scan(cls, dirs: Sequence[SourceDir], *, max_bytes: int) -> Ingestion:
        """Walk and hash every folder (no parsing); refuse files whose ids collide.

        Raises CorpusError when a folder does not exist (a usage error, not a file's problem).
        """
        out = cls()
        seen: dict[str, str] = {}
        for d in dirs:
            scan = scan_folder(d.path, manifest=d.manifest, max_bytes=max_bytes, namespace=d.namespace)
            out.failures.extend(scan.failures)
            out.warnings.extend(scan.warnings)
            for f in scan.files:
                shown = f"{d.namespace}/{f.rel}" if d.namespace else f.rel
                if f.source_id in seen:
                    out.failures.append(FileIssue(shown, _collision(shown, seen[f.source_id])))
                    continue
                seen[f.source_id] = shown
                out.files.append((d.namespace, f))
        return out

    def __len__(self) -> int:
        return len(self.files)

    def read(
        self,
        known: Mapping[str, str] | None = None,
        progress: Callable[[int, int], None] | None = None,
        *,
        ocr: bool = True,
    ) -> Iterator[Read]:
        """Parse every file whose content hash differs from `known[source_id]` (all when None).

        Unchanged files are yielded with `source=None`; files that cannot be read are added to
        `failures` and not yielded. `progress(done, total)` is called before each file and at the end.
        `ocr=False` leaves pages without a text layer unread (see `load_source`).
        """
        total = len(self.files)
        for done, (namespace, f) in enumerate(self.files):
            if progress is not None:
                progress(done, total)
            if known is not None and known.get(f.source_id) == f.content_hash:
                yield Read(namespace, f, None)
                continue
            try:
                source = load_source(f, ocr=ocr)
            except UnreadableSource as exc:
                self.failures.append(FileIssue(f.rel, exc.message))
                continue
            self.warnings.extend(FileIssue(f.rel, note) for note in source.notes)
            yield Read(namespace, f, source)
        if progress is not None:
            progress(total, total)


def _collision(rel: str, other: str) -> str:
    if rel != other and rel.casefold() == other.casefold():
        return f"has the same source id as {other}; rename one of them"
    return (
        f"has the same name as {other} once Unicode is normalised (NFC), so both would get one "
        "source id; rename one of them"
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
    as warnings. `progress(done, total)` is called as files are read.
    """
    ingestion = Ingestion.scan([SourceDir(sources_dir, manifest, namespace)], max_bytes=max_bytes)
    known = {sid: s.content_hash for sid, s in (reuse or {}).items()}
    report = IngestReport()
    for read in ingestion.read(known, progress):
        if read.source is not None:
            report.sources.append(read.source)
        elif reuse is not None:
            source = reuse[read.file.source_id]
            report.sources.append(source)
            ingestion.warnings.extend(FileIssue(read.file.rel, note) for note in source.notes)
    report.failures = sorted(ingestion.failures, key=lambda issue: issue.path)
    report.warnings = ingestion.warnings
    return report
