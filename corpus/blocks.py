"""The prose blocks of a source, the units a chunker cuts and merges, and where merging must stop.

A source's prose is its paragraphs (plus any stray text between the declared ones) less its
non-prose regions (`corpus.nonprose`). Blocks are those pieces cut, in addition, at every heading
line (`corpus.structure`), at the start and end of every table, and at every page start that falls
at a paragraph break (a sentence that runs across a page break stays whole).

Each block carries two group numbers: blocks of one `group` may merge into one passage; a heading
block may still join the block after it when both have the same `glue` (that is, when only heading
starts lie between them: no page break, table end or non-prose).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from corpus.models import Region, Source
from corpus.nonprose import nonprose_of
from corpus.sentences import Span, paragraph_spans
from corpus.structure import Outline, outline_of


@dataclass(frozen=True)
class Block:
    """A trimmed span of prose: `start < end`, both offsets into the source's text.

    Attributes:
        para: position of the block among all blocks (blocks of one paragraph differ too).
        group: blocks with equal `group` may merge into one passage.
        glue: blocks with equal `glue` may join when the first one is heading text only.
        table: the block lies inside a table region (it is cut into rows, not sentences).
    """

    start: int
    end: int
    para: int
    group: int
    glue: int
    table: bool = False


@dataclass(frozen=True)
class Layout:
    """What a chunker needs to know about a source besides its text.

    Attributes:
        blocks: the prose blocks, ascending and disjoint.
        outline: the source's headings (see `corpus.structure`).
        nonprose: the non-prose regions left out of every block.
        headings: (start, end) of the heading lines, ascending.
        tables: the table regions, ascending; headers: the table header-row regions.
    """

    blocks: tuple[Block, ...]
    outline: Outline
    nonprose: tuple[Region, ...]
    headings: tuple[Span, ...]
    tables: tuple[Region, ...]
    headers: tuple[Region, ...]

    def heading_only(self, start: int, end: int, text: str) -> bool:
        """Whether every non-space character of `text[start:end]` lies in a heading line."""
        i = max(0, bisect.bisect_right(self.headings, (start, len(text) + 1)) - 1)
        pos = start
        while pos < end:
            if text[pos].isspace():
                pos += 1
                continue
            while i < len(self.headings) and self.headings[i][1] <= pos:
                i += 1
            if i == len(self.headings) or self.headings[i][0] > pos:
                return False
            pos = self.headings[i][1]
        return True

    def section(self, start: int, end: int, text: str) -> tuple[str, ...]:
        """The headings a passage `text[start:end]` stands under, outermost first.

        That is the path its body (what follows its heading lines) and its end have in common.
        """
        body = start
        i = bisect.bisect_right(self.headings, (start, len(text) + 1)) - 1
        while body < end:
            if text[body].isspace():
                body += 1
                continue
            while i + 1 < len(self.headings) and self.headings[i + 1][0] <= body:
                i += 1
            if i >= 0 and self.headings[i][0] <= body < self.headings[i][1]:
                body = self.headings[i][1]
                continue
            break
        last = self.outline.path_at(end - 1)
        if body >= end:
            return last
        first = self.outline.path_at(body)
        common = 0
        while common < min(len(first), len(last)) and first[common] == last[common]:
            common += 1
        return last[:common]

    def context(self, start: int, text: str) -> str:
        """The header row of the table `start` lies in, when `start` is past that row; else "".

        A table with no header row of its own that follows another table after a single line break
        (a PDF table going on over a page break) has that table's header.
        """
        i = bisect.bisect_right([t.start for t in self.tables], start) - 1
        if i < 0 or start >= self.tables[i].end:
            return ""
        while i >= 0:
            table = self.tables[i]
            for header in self.headers:
                if table.start <= header.start and header.end <= min(start, table.end):
                    return text[header.start : header.end].strip()
            if i == 0 or text[self.tables[i - 1].end : table.start] != "\n":
                return ""
            i, start = i - 1, self.tables[i - 1].end
        return ""


def layout_of(source: Source) -> Layout:
    """The blocks, outline and non-prose of `source` (see the module docstring)."""
    text = source.text
    nonprose = nonprose_of(source)
    outline = outline_of(source, exclude=[(r.start, r.end) for r in nonprose])
    headings = tuple((r.start, r.end) for r in outline.regions())
    tables = tuple(sorted((r for r in source.regions if r.kind == "table"), key=lambda r: r.start))
    headers = tuple(sorted((r for r in source.regions if r.kind == "table_header"), key=lambda r: r.start))
    base = _base_spans(source)
    pages = _paragraph_break_pages(source, base)
    soft = [*outline.boundaries(), *(t.start for t in tables)]
    hard = [*pages, *(t.end for t in tables), *(r.start for r in nonprose)]
    cuts = sorted({*soft, *hard})
    spans = [piece for span in _without(base, nonprose) for piece in _cut(text, span, cuts)]
    hard_sorted = sorted(set(hard))
    blocks = tuple(
        Block(
            start=a,
            end=b,
            para=k,
            group=bisect.bisect_right(cuts, a),
            glue=bisect.bisect_right(hard_sorted, a),
            table=_inside(tables, a),
        )
        for k, (a, b) in enumerate(spans)
    )
    return Layout(blocks, outline, nonprose, headings, tables, headers)


def _base_spans(source: Source) -> list[Span]:
    """The source's paragraphs plus any text between them, trimmed."""
    text = source.text
    spans: list[Span] = []
    prev = 0
    for a, b in _valid_paragraphs(source):
        spans.extend(paragraph_spans(text, prev, a))  # stray text outside the declared paragraphs
        spans.extend(_trim(text, a, b))
        prev = b
    spans.extend(paragraph_spans(text, prev, len(text)))
    return spans


def _valid_paragraphs(source: Source) -> list[Span]:
    """The declared paragraphs if they are ordered, disjoint and inside the text, else none."""
    prev = 0
    for a, b in source.paragraphs:
        if not prev <= a <= b <= len(source.text):
            return []
        prev = b
    return list(source.paragraphs)


def _paragraph_break_pages(source: Source, spans: list[Span]) -> list[int]:
    """Page starts that do not fall inside a paragraph: only there is a passage cut at a page."""
    starts = [a for a, _ in spans]
    out: list[int] = []
    for p in source.pages[1:]:
        i = bisect.bisect_right(starts, p) - 1
        if not (i >= 0 and spans[i][0] < p < spans[i][1]):
            out.append(p)
    return out


def _without(spans: list[Span], regions: tuple[Region, ...]) -> list[Span]:
    """`spans` less the regions (all ascending), trimmed."""
    if not regions:
        return spans
    out: list[Span] = []
    k = 0
    for a, b in spans:
        while k < len(regions) and regions[k].end <= a:
            k += 1
        pos = a
        j = k
        while j < len(regions) and regions[j].start < b:
            r = regions[j]
            if r.start > pos:
                out.append((pos, r.start))
            pos = max(pos, r.end)
            j += 1
        if pos < b:
            out.append((pos, b))
    return [(s, e) for s, e in out if s < e]


def _cut(text: str, span: Span, cuts: list[int]) -> list[Span]:
    a, b = span
    inner = cuts[bisect.bisect_right(cuts, a) : bisect.bisect_left(cuts, b)]
    bounds = [a, *inner, b]
    return [piece for x, y in itertools.pairwise(bounds) for piece in _trim(text, x, y)]


def _trim(text: str, a: int, b: int) -> list[Span]:
    piece = text[a:b]
    stripped = piece.strip()
    if not stripped:
        return []
    s = a + len(piece) - len(piece.lstrip())
    return [(s, s + len(stripped))]


def _inside(tables: tuple[Region, ...], offset: int) -> bool:
    i = bisect.bisect_right([t.start for t in tables], offset) - 1
    return i >= 0 and offset < tables[i].end
