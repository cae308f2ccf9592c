"""Pure functions that turn search results and sources (index types) into the pages' view models.

Nothing here composes answer text: quotes are cut into runs of the passage's own characters, and
citations are assembled from source metadata only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import quote, urlencode, urlsplit

from corpus.script import guess_lang
from index.backend import SourceRecord
from index.types import Answer, Hit, SourceRef
from web.context import AlsoIn, Citation, FigureCell, QuoteView, Segment, SourceRow, TextBlock, Turn

ParagraphOf = Callable[[str, int], int | None]
"""paragraph_of(source_id, char_offset): the 1-based paragraph holding the offset, if known."""

# A figure: digits with optional thousands separators / decimals, optionally a percent sign.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|s)\b")
# Numbers that name a place in a text, not a quantity: "Article 14", "Section 3", "제3조" (and "(2)").
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:article|art\.|section|sec\.|chapter|paragraph|para\.|rule|part|annex|no\.)\s*|§\s*|제\s*)$",
    re.IGNORECASE,
)


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


def figures(text: str) -> list[tuple[int, int]]:
    """Offsets of the quantities in `text`: numbers that are neither bare years nor labels."""
    found = []
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        if _YEAR.fullmatch(m.group()) or _LABEL_BEFORE.search(text[max(0, s - 12) : s]):
            continue
        if m.group().isdigit() and (text[s - 1 : s], text[e : e + 1]) in (("(", ")"), ("[", "]")):
            continue  # a list marker "(2)" or a footnote "[5]"
        if _ORDINAL_AFTER.match(text, e):
            continue  # "20th century", "1990s"
        found.append((s, e))
    return found


def source_row(rec: SourceRecord) -> SourceRow:
    m = rec.meta
    return SourceRow(
        id=rec.id,
        title=m.title,
        publisher=m.publisher,
        date=m.date,
        url=m.url,
        license=m.license,
        language=m.language,
        path=rec.path,
        origin="uploads" if rec.namespace else "collection",
        passages=rec.passage_count,
        indexed_at=rec.indexed_at,
    )


def citation(hit: Hit, paragraph_of: ParagraphOf | None = None) -> Citation:
    src, p = hit.source, hit.passage
    m = src.meta
    if p.page is not None:
        place = f"p. {p.page}"
    else:
        para = paragraph_of(src.id, p.char_start) if paragraph_of else None
        place = f"¶ {para}" if para is not None else f"chars {p.char_start}–{p.char_end}"
    url = safe_url(m.url)
    parts = [m.publisher, f"“{m.title}”", m.date, place, m.license]
    text = ", ".join(x for x in parts if x)
    if url:
        text += f". {url}"
    return Citation(
        source_id=src.id,
        title=m.title,
        publisher=m.publisher,
        date=m.date,
        place=place,
        license=m.license,
        language=m.language,
        url=url,
        href=viewer_href(src.id, p.id),
        text=text,
    )


def quote_view(hit: Hit, dom_id: str, *, evidence: bool, paragraph_of: ParagraphOf | None) -> QuoteView:
    p = hit.passage
    spans = [(e.start, e.end) for e in hit.evidence] if evidence else []
    return QuoteView(
        dom_id=dom_id,
        passage_id=p.id,
        text=p.text,
        segments=segments(p.text, spans),
        lang=lang_attr(hit.source.meta.language),
        citation=citation(hit, paragraph_of),
        also_in=tuple(
            AlsoIn(
                title=d.source.meta.title,
                date=d.source.meta.date,
                href=viewer_href(d.source.id, d.passage.id),
            )
            for d in hit.duplicates
        ),
    )


def comparison(hits: Sequence[Hit]) -> tuple[FigureCell, ...]:
    """Side-by-side cells when answer passages from two or more sources give figures.

    Each source contributes its first answering passage; a cell shows that passage's evidence spans
    (or the whole passage when it has none) with the figures marked. Nothing is merged or summed.
    """
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
            nums = figures(piece)
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


def turn(
    answer: Answer,
    number: int,
    *,
    paragraph_of: ParagraphOf | None = None,
    latest: bool = False,
) -> Turn:
    """One exchange of the conversation, from the answer to its question."""
    return Turn(
        number=number,
        question=answer.question,
        question_lang=guess_lang(answer.question),
        answered=answer.answered,
        quotes=tuple(
            quote_view(h, f"q{number}-{i}", evidence=True, paragraph_of=paragraph_of)
            for i, h in enumerate(answer.hits, 1)
        ),
        related=tuple(
            quote_view(h, f"r{number}-{i}", evidence=False, paragraph_of=paragraph_of)
            for i, h in enumerate(answer.related, 1)
        ),
        comparison=comparison(answer.hits) if answer.answered else (),
        took_ms=round(answer.took_ms, 3),
        index_version=answer.index_version,
        latest=latest,
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
