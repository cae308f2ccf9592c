"""What the backends share in building records from stored columns and in holding a version's sources.

Both `index.local` (SQLite snapshot) and `index.postgres` store a source's metadata and a passage's
place as flat columns; the functions here turn those into `SourceRecord`, `Source` and `Passage` the
same way, and `SourceTable` answers the `Backend` source look-ups from memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from corpus.errors import NotFound
from corpus.models import Passage, Region, Source, SourceMeta
from index.backend import SourceRecord


def source_record(
    id: str,
    namespace: str,
    path: str,
    title: str,
    publisher: str | None,
    date: str | None,
    url: str | None,
    license: str | None,
    language: str,
    content_hash: str,
    notes: Iterable[str],
    indexed_at: str,
    passage_count: int,
) -> SourceRecord:
    """A `SourceRecord` from a store's source columns (the metadata fields are `SourceMeta`'s)."""
    return SourceRecord(
        id=id,
        path=path,
        meta=SourceMeta(
            title=title, publisher=publisher, date=date, url=url, license=license, language=language
        ),
        content_hash=content_hash,
        namespace=namespace,
        indexed_at=indexed_at,
        passage_count=passage_count,
        notes=tuple(notes),
    )


def full_source(
    record: SourceRecord,
    text: str,
    pages: tuple[int, ...],
    paragraphs: tuple[tuple[int, int], ...],
    regions: tuple[Region, ...],
) -> Source:
    """The `Source` of an indexed record, with what the record leaves out: its canonical text, page
    start offsets, (start, end) paragraph spans and regions, all in characters of that text."""
    return Source(
        id=record.id,
        path=record.path,
        meta=record.meta,
        text=text,
        content_hash=record.content_hash,
        pages=pages,
        paragraphs=paragraphs,
        notes=record.notes,
        regions=regions,
    )


def passage(
    id: str,
    source_id: str,
    ordinal: int,
    char_start: int,
    char_end: int,
    page: int | None,
    page_end: int | None,
    section: Iterable[str],
    context: str,
    text: str,
) -> Passage:
    """A `Passage` from a store's passage columns (`section`: its headings, outermost first)."""
    return Passage(
        id=id,
        source_id=source_id,
        text=text,
        char_start=char_start,
        char_end=char_end,
        page=page,
        ordinal=ordinal,
        page_end=page_end,
        section=tuple(section),
        context=context,
    )


def language_counts(records: Iterable[SourceRecord]) -> tuple[dict[str, int], dict[str, int]]:
    """(sources per language, passages per language) of `records`, as `IndexInfo` holds them (each
    language in the order it first occurs)."""
    languages: dict[str, int] = {}
    passage_languages: dict[str, int] = {}
    for r in records:
        lang = r.meta.language
        languages[lang] = languages.get(lang, 0) + 1
        passage_languages[lang] = passage_languages.get(lang, 0) + r.passage_count
    return languages, passage_languages


class _Stored(Protocol):
    @property
    def record(self) -> SourceRecord: ...


S = TypeVar("S", bound=_Stored)


class SourceTable(Generic[S]):
    """A version's sources held in memory (each as the backend stores it: `S` has a `.record`).

    A base of the backends: `sources`, `stored` and `source_record` answer the `Backend` methods of
    those names without a query.
    """

    def __init__(self, stored: Sequence[S]) -> None:
        self._stored: dict[str, S] = {s.record.id: s for s in stored}
        self._sorted = sorted((s.record for s in stored), key=lambda r: (r.meta.title.lower(), r.id))

    def sources(self) -> Sequence[SourceRecord]:
        """`Backend.sources`, from memory (sorted by lower-cased title, then id)."""
        return self._sorted

    def stored(self, source_id: str) -> S:
        """The source as the backend stores it (its record and where its rows are); NotFound when unknown."""
        try:
            return self._stored[source_id]
        except KeyError:
            raise NotFound(f"no source with id {source_id!r} in this index") from None

    def source_record(self, source_id: str) -> SourceRecord:
        """`Backend.source_record`, from memory; NotFound when the id is unknown."""
        return self.stored(source_id).record
