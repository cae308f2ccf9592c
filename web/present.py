"""Pure functions that turn search results and sources (index types) into the pages' view models.

Nothing here composes answer text: quotes are cut into runs of the passage's own characters, and
citations are assembled from source metadata only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from corpus.models import SourceMeta
from corpus.script import guess_lang
from index.backend import SourceRecord
from index.citation import FORMATS, citation_text, place
from index.types import Answer, Filters, Hit, SourceRef
from web.context import (
    AlsoIn,
    Citation,
    CitationLink,
    FigureCell,
    QuoteView,
    Segment,
    SourceRow,
    TextBlock,
    Turn,
)
from web.figures import Kind, asked_kinds, quantities


def lang_attr(code: str | None) -> str | None:
    return None if not code or code == "und" else code


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no javascript:, data:, relative...)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def viewer_href(source_id: str, passage_id: str | None = None) -> str:
    base = f"/sources/{quote(source_id, safe='')}"
    return f"{base}?{urlencode({'passage': passage_id})}#passage" if passage_id else base


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Clip spans to [0, length], drop empty ones, and merge overlapping or touching ones."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans)
    out: list[tuple[int, int]] = []
    for s, e in clipped:
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def segments(
    text: str, spans: Iterable[tuple[int, int]], *, anchor_first: bool = False
) -> tuple[Segment, ...]:
    """Cut `text` into runs, marking `spans`; joining the runs gives back `text` exactly."""
    out: list[Segment] = []
    pos = 0
    for s, e in merge_spans(spans, len(text)):
        if s > pos:
            out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], mark=True, anchor=anchor_first and not any(x.anchor for x in out)))
        pos = e
    if pos < len(text) or not out:
        out.append(Segment(text[pos:]))
    return tuple(out)


def figures(text: str, kinds: Iterable[Kind] | None = None) -> list[tuple[int, int]]:
    """Offsets of the quantities in `text` (of `kinds` only, when given); see `web.figures`."""
    wanted = None if kinds is None else set(kinds)
    return [(q.start, q.end) for q in quantities(text) if wanted is None or q.kind in wanted]


def local_time(iso: str) -> str:
    """An ISO timestamp as people read it: "2026-11-27 13:35 UTC" (unchanged when it does not parse)."""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    zone = when.tzname() or ""
    return when.strftime("%Y-%m-%d %H:%M") + (" UTC" if zone in ("UTC", "UTC+00:00") else f" {zone}").rstrip()


def source_fields(source_id: str, meta: SourceMeta) -> dict[str, Any]:
    """A source's id and citation metadata under the field names the pages and the API share:
    id, title, publisher, date, url, license, language (None where the metadata has none)."""
    return {
        "id": source_id,
        "title": meta.title,
        "publisher": meta.publisher,
        "date": meta.date,
        "url": meta.url,
        "license": meta.license,
        "language": meta.language,
    }


def record_fields(rec: SourceRecord) -> dict[str, Any]:
    """`source_fields` of an indexed source, plus path, origin ("collection" for the sources folder,
    "uploads" for files added through the API), passages (its passage count) and indexed_at (ISO 8601)."""
    return {
        **source_fields(rec.id, rec.meta),
        "path": rec.path,
        "origin": "uploads" if rec.namespace else "collection",
        "passages": rec.passage_count,
        "indexed_at": rec.indexed_at,
    }


def source_row(rec: SourceRecord) -> SourceRow:
    return SourceRow(**record_fields(rec), indexed_label=local_time(rec.indexed_at))


def citation(hit: Hit) -> Citation:
    src, p = hit.source, hit.passage
    m = src.meta
    url = safe_url(m.url)
    return Citation(
        source_id=src.id,
        title=m.title,
        publisher=m.publisher,
        date=m.date,
        place=place(p).label,
        license=m.license,
        language=m.language,
        url=url,
        href=viewer_href(src.id, p.id),
        text=citation_text(m, p, url=url or ""),
        exports=tuple(
            CitationLink(fmt, label, f"/api/passages/{quote(p.id, safe='')}/citation?format={fmt}")
            for fmt, label in zip(FORMATS, ("CSL-JSON", "BibTeX", "RIS"), strict=True)
        ),
    )


def quote_view(hit: Hit, dom_id: str, *, evidence: bool) -> QuoteView:
    p = hit.passage
    spans = [(e.start, e.end) for e in hit.evidence] if evidence else []
    return QuoteView(
        dom_id=dom_id,
        passage_id=p.id,
        text=p.text,
        segments=segments(p.text, spans),
        lang=lang_attr(hit.source.meta.language),
        citation=citation(hit),
        also_in=tuple(
            AlsoIn(
                title=d.source.meta.title,
                date=d.source.meta.date,
                href=viewer_href(d.source.id, d.passage.id),
            )
            for d in hit.duplicates
        ),
    )


def comparison(hits: Sequence[Hit], question: str) -> tuple[FigureCell, ...]:
    """Side-by-side cells when the question asks for a quantity and two or more sources give one.

    Only quantities of the kinds the question asks for count ("How many ...?" wants counts, "What
    share ...?" percentages; `web.figures.asked_kinds`); a question that asks for none (a definition)
    gets no cells. Each source contributes its first answering passage with such a quantity; a cell
    shows that passage's evidence spans (or the whole passage when it has none) with the quantities
    marked. Nothing is merged or summed. `turn` passes the passages that answer (not the further ones).
    """
    kinds = asked_kinds(question)
    if not kinds:
        return ()
    cells: list[FigureCell] = []
    seen: set[str] = set()
    for hit in hits:
        p = hit.passage
        if hit.source.id in seen:
            continue
        ranges = [(e.start, e.end) for e in hit.evidence] or [(0, len(p.text))]
        spans = []
        for s, e in merge_spans(ranges, len(p.text)):
            piece = p.text[s:e]
            nums = figures(piece, kinds)
            if nums:
                spans.append(segments(piece, nums))
        if spans:
            seen.add(hit.source.id)
            cells.append(_cell(hit.source, p.id, tuple(spans)))
    return tuple(cells) if len(cells) >= 2 else ()


def _cell(src: SourceRef, passage_id: str, spans: tuple[tuple[Segment, ...], ...]) -> FigureCell:
    return FigureCell(
        title=src.meta.title,
        date=src.meta.date,
        publisher=src.meta.publisher,
        href=viewer_href(src.id, passage_id),
        lang=lang_attr(src.meta.language),
        spans=spans,
    )


def filters_note(f: Filters, source_titles: dict[str, str] | None = None) -> str | None:
    """The active filters in words ("language ko; dated 2020 to 2021"), or None when there are none."""
    parts = []
    if f.source_ids:
        titles = source_titles or {}
        parts.append("source " + ", ".join(titles.get(s, s) for s in f.source_ids))
    if f.publishers:
        parts.append("publisher " + ", ".join(f.publishers))
    if f.languages:
        parts.append("language " + ", ".join(f.languages))
    if f.date_from and f.date_to:
        parts.append(f"dated {f.date_from} to {f.date_to}")
    elif f.date_from:
        parts.append(f"dated from {f.date_from}")
    elif f.date_to:
        parts.append(f"dated until {f.date_to}")
    return "; ".join(parts) or None


def turn(
    answer: Answer,
    number: int,
    *,
    latest: bool = False,
    filters: str | None = None,
    new_topic_href: str | None = None,
    unfiltered_href: str | None = None,
) -> Turn:
    """One exchange of the conversation, from the answer to its question.

    Args:
        answer: what the index answered.
        number: the turn's number in the conversation (1-based).
        latest: the newest turn (the page scrolls to it).
        filters: the active filters in words (`filters_note`), named when the answer abstains.
        new_topic_href: where "New topic" asks this question again on its own (shown when the
            question was read together with earlier ones).
        unfiltered_href: where this question is asked again without filters (shown with `filters`
            when no source answers).
    """
    first = answer.hits[0].passage.text if answer.hits else ""
    return Turn(
        number=number,
        question=answer.question,
        question_lang=guess_lang(answer.question),
        answered=answer.answered,
        quotes=tuple(quote_view(h, f"q{number}-{i}", evidence=True) for i, h in enumerate(answer.hits, 1)),
        further=tuple(
            quote_view(h, f"q{number}-{i}", evidence=True)
            for i, h in enumerate(answer.further, len(answer.hits) + 1)
        ),
        related=tuple(
            quote_view(h, f"r{number}-{i}", evidence=False) for i, h in enumerate(answer.related, 1)
        ),
        comparison=comparison(answer.hits, answer.question) if answer.answered and first else (),
        took_ms=round(answer.took_ms, 3),
        index_version=answer.index_version,
        latest=latest,
        read_with=answer.read_with,
        new_topic_href=new_topic_href if answer.read_with else None,
        filters=filters if not answer.answered else None,
        unfiltered_href=unfiltered_href if filters and not answer.answered else None,
    )


def text_blocks(text: str, pages: Sequence[int], highlight: tuple[int, int] | None) -> tuple[TextBlock, ...]:
    """The source text cut at page starts (PDFs), with the highlighted range marked in each piece."""
    starts = list(pages) if pages else [0]  # page i+1 starts at pages[i]; the first is 0
    ends = [*starts[1:], len(text)]
    blocks = []
    anchored = False
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        spans = []
        if highlight is not None:
            s, e = max(highlight[0], a), min(highlight[1], b)
            if e > s:
                spans.append((s - a, e - a))
        segs = segments(text[a:b], spans, anchor_first=not anchored)
        anchored = anchored or any(s.anchor for s in segs)
        blocks.append(TextBlock(number=i + 1 if pages else None, segments=segs))
    return tuple(blocks)
