"""Pure functions that turn API results (service.schemas) into the pages' view models (web.context).

Nothing here composes answer text: quotes are cut into runs of the passage's own characters, and
citations are assembled from source metadata only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import quote, urlencode, urlsplit

from service.schemas import AskResponse, PassageOut, SourceOut
from web.context import AlsoIn, Citation, FigureCell, QuoteView, Segment, TextBlock, Turn

ParagraphOf = Callable[[str, int], int | None]
"""paragraph_of(source_id, char_offset): the 1-based paragraph holding the offset, if known."""

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A figure: digits with optional thousands separators / decimals, optionally a percent sign.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|s)\b")
# Numbers that name a place in a text, not a quantity: "Article 14", "Section 3", "제3조" (and "(2)").
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:article|art\.|section|sec\.|chapter|paragraph|para\.|rule|part|annex|no\.)\s*|§\s*|제\s*)$",
    re.IGNORECASE,
)


def guess_lang(text: str) -> str | None:
    """A BCP 47 tag for text typed by a user, from its script; None means "inherit the page's"."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return None


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


def citation(p: PassageOut, paragraph_of: ParagraphOf | None = None) -> Citation:
    src = p.source
    loc = p.location
    if loc.page is not None:
        place = f"p. {loc.page}"
    else:
        para = paragraph_of(src.id, loc.char_start) if paragraph_of else None
        place = f"¶ {para}" if para is not None else f"chars {loc.char_start}–{loc.char_end}"
    url = safe_url(src.url)
    parts = [src.publisher, f"“{src.title}”", src.date, place, src.license]
    text = ", ".join(x for x in parts if x)
    if url:
        text += f". {url}"
    return Citation(
        source_id=src.id,
        title=src.title,
        publisher=src.publisher,
        date=src.date,
        place=place,
        license=src.license,
        language=src.language,
        url=url,
        href=viewer_href(src.id, p.id),
        text=text,
    )


def quote_view(p: PassageOut, dom_id: str, *, evidence: bool, paragraph_of: ParagraphOf | None) -> QuoteView:
    spans = [(e.start, e.end) for e in p.evidence] if evidence else []
    return QuoteView(
        dom_id=dom_id,
        passage_id=p.id,
        text=p.text,
        segments=segments(p.text, spans),
        lang=lang_attr(p.source.language),
        citation=citation(p, paragraph_of),
        also_in=tuple(
            AlsoIn(title=d.source.title, date=d.source.date, href=viewer_href(d.source.id, d.passage_id))
            for d in p.duplicates
        ),
    )


def comparison(passages: Sequence[PassageOut]) -> tuple[FigureCell, ...]:
    """Side-by-side cells when answer passages from two or more sources give figures.

    Each source contributes its first answering passage; a cell shows that passage's evidence spans
    (or the whole passage when it has none) with the figures marked. Nothing is merged or summed.
    """
    cells: list[FigureCell] = []
    seen: set[str] = set()
    for p in passages:
        if p.source.id in seen:
            continue
        ranges = [(e.start, e.end) for e in p.evidence] or [(0, len(p.text))]
        spans = []
        for s, e in merge_spans(ranges, len(p.text)):
            piece = p.text[s:e]
            nums = figures(piece)
            if nums:
                spans.append(segments(piece, nums))
        if spans:
            seen.add(p.source.id)
            cells.append(_cell(p.source, p.id, tuple(spans)))
    return tuple(cells) if len(cells) >= 2 else ()


def _cell(src: SourceOut, passage_id: str, spans: tuple[tuple[Segment, ...], ...]) -> FigureCell:
    return FigureCell(
        title=src.title,
        date=src.date,
        publisher=src.publisher,
        href=viewer_href(src.id, passage_id),
        lang=lang_attr(src.language),
        spans=spans,
    )


def turn(
    resp: AskResponse,
    number: int,
    *,
    paragraph_of: ParagraphOf | None = None,
    latest: bool = False,
) -> Turn:
    """One exchange of the conversation, from the API's response to the question."""
    return Turn(
        number=number,
        question=resp.question,
        question_lang=guess_lang(resp.question),
        answered=resp.answered,
        quotes=tuple(
            quote_view(p, f"q{number}-{i}", evidence=True, paragraph_of=paragraph_of)
            for i, p in enumerate(resp.passages, 1)
        ),
        related=tuple(
            quote_view(p, f"r{number}-{i}", evidence=False, paragraph_of=paragraph_of)
            for i, p in enumerate(resp.related, 1)
        ),
        comparison=comparison(resp.passages) if resp.answered else (),
        took_ms=resp.took_ms,
        index_version=resp.index.version,
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
