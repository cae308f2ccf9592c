"""Turning the positioned text lines of PDF pages into what a reader sees, independent of any PDF library.

    pages = [PageLines(width, height, lines), ...]       # lines in the reader's order, top to bottom
    layout = lay_out(pages)                               # -> one LaidOutPage per page

What it does, with positions in PDF points (y grows upwards):
- running headers and footers: a line among the first or last two of a page whose text, digits aside,
  comes back at the same height on many pages ("Page 3 of 9", the report's title) is left out, and so
  is a lone page number at the top or bottom of a page;
- tables: two or more consecutive lines split into cells by wide gaps, whose cells line up, become rows
  with " | " between cells (the first row is the header); a cell's text wrapped onto more lines (set
  closer than rows are apart, in some columns only) goes on in its row, and a row with one filled cell
  (a section row) stays a row of the table, its other cells empty;
- paragraphs: lines are joined into paragraphs; a paragraph ends at a larger vertical gap, a change of
  font size, an indented first line, a list item, or a short line ending a sentence;
- line-end hyphens: a word split by a hyphen at the end of a line is joined when the document's own
  vocabulary says it is one word (`corpus.unwrap.Dehyphenator`), else the hyphen stays ("drought-" +
  "tolerant", "COVID-" + "19", and a number range "1990-" + "1995", which never ends a paragraph);
- page breaks: a paragraph that runs on to the next page (no sentence end before the break, and the next
  page goes on in lower case, the last line was full or ends with a split word) is joined to it by a
  space (or nothing, for a split word); a table that ends one page and goes on at the top of the next
  with the same columns and no repeated header is continued: its rows follow on the next line and are
  not given a header of their own; `LaidOutPage.join` says so.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from corpus.loaders.base import TextBuilder, add_table
from corpus.unwrap import Dehyphenator, splits_range

_SENTENCE_END = re.compile(r"[.!?:;…。！？：；][\"'”’)\]」』】]*$")
_LIST_ITEM = re.compile(
    r"^(?:[-*+•◦▪‣·–—](?:\s|$)|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)]\s"
    r"|\((?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6})\)\s|[\u2460-\u2473]|제\s?\d+\s?조|第\s?[\d一二三四五六七八九十百]+\s?条)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pág\.|seite)\s*)?[-–—]?\s*(?:\d{1,5}|[ivxlcdm]{1,7})\s*[-–—]?"
    r"(?:\s*(?:of|/|von|de)\s*\d{1,5})?$|^\d{1,5}\s*(?:쪽|페이지|页)$|^第\s*\d{1,5}\s*页",
    re.I,
)
_NO_SPACE = re.compile(
    "[\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]"
)
_HYPHENS = "-\u2010"
_SPLIT_END = re.compile(r"[^\W_][-\u2010]$")
_NUMBER = re.compile(r"^[-+−(]?[$€£¥]?\d[\d.,:/%)\s-]*$")


@dataclass
class Word:
    """A run of text without spaces, with its box."""

    text: str
    left: float
    right: float
    bottom: float
    top: float


@dataclass
class Line:
    """One text line as the PDF library found it, in reading order (at least one word).

    `hyphen` is True when the line ends with a hyphen that the library marked as a line-end hyphen.
    `size` is the font size of its first word (points). The bounds of its words are computed once:
    `left` and `right` (points, x grows rightwards), `top` and `bottom` (points, y grows upwards).
    """

    words: list[Word]
    size: float
    hyphen: bool = False
    left: float = field(init=False)
    right: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.left = min(w.left for w in self.words)
        self.right = max(w.right for w in self.words)
        self.top = max(w.top for w in self.words)
        self.bottom = min(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    def cells(self) -> list[list[Word]]:
        """The words grouped into cells: a gap of about a font size or more separates cells."""
        gap = max(0.9 * self.size, 4.0)
        gaps = [b.left - a.right for a, b in itertools.pairwise(self.words)]
        if len(gaps) >= 4 and max(gaps) - min(gaps) < 0.35 * (sum(gaps) / len(gaps)):
            return [list(self.words)]  # evenly spaced words: spread-out prose, not cells
        groups: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:], strict=False):
            if word.left - prev.right >= gap:
                groups.append([word])
            else:
                groups[-1].append(word)
        return groups


@dataclass
class PageLines:
    """The lines of one page (empty for a page without text) and its size in points."""

    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class LaidOutPage:
    """A page as read: raw text (blocks separated by blank lines), table regions, and how it joins on.

    `join` is what joins this page to the next page with text: "\\n\\n", " ", "" or "\\n" (a table
    going on).
    `removed` counts the running header, footer and page-number lines left out.
    """

    builder: TextBuilder
    join: str = "\n\n"
    removed: int = 0


@dataclass
class _Block:
    kind: str  # "para", "table", "heading"
    lines: list[Line]
    text: str = ""
    full: bool = False  # whether its last line reaches the right edge of its column
    rows: list[list[str]] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)  # a table's column spans (x)
    header: list[str] | None = None  # a table's header row (for a continued table: that of its start)
    header_rows: int = 1  # leading rows of `rows` that are the header (0 for a continued table)


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def _furniture(pages: list[PageLines], body_size: float) -> list[set[int]]:
    """Per page, the indexes of running header/footer and page-number lines.

    A candidate is among the first or last two lines of its page, short (at most 100 characters), and
    either narrower than most of the page's lines or set smaller than the body text: a full line of
    prose that merely starts each page the same way is not a running header.
    """
    with_text = [i for i, p in enumerate(pages) if p.lines]
    found: list[set[int]] = [set() for _ in pages]
    if len(with_text) < 2:
        return found
    candidates: list[list[int]] = []
    for page in pages:
        order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].top)
        picked = order[:2] + order[-2:] if len(order) > 4 else order
        widths = sorted(line.right - line.left for line in page.lines)
        wide = widths[int(0.75 * (len(widths) - 1))] if widths else 0.0
        candidates.append(
            sorted(
                i
                for i in set(picked)
                if len(page.lines[i].text) <= 100
                and (
                    page.lines[i].right - page.lines[i].left < 0.75 * wide
                    or page.lines[i].size < 0.95 * body_size
                    or len(page.lines) <= 4
                )
            )
        )
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for p, indexes in enumerate(candidates):
        for i in indexes:
            line = pages[p].lines[i]
            seen[(_key(line.text), round(line.bottom / 6))].add(p)
    needed = 2 if len(with_text) <= 3 else max(3, (len(with_text) + 3) // 4)
    for p, indexes in enumerate(candidates):
        lines = pages[p].lines
        for i in indexes:
            line = lines[i]
            key = (_key(line.text), round(line.bottom / 6))
            near = seen[key] | seen[(key[0], key[1] - 1)] | seen[(key[0], key[1] + 1)]
            if i > 0 and _continues_sentence(lines[i - 1], line):
                continue  # the end of a paragraph, set close under its previous line
            if len(near) >= needed or _PAGE_NUMBER.match(line.text.strip()):
                found[p].add(i)
    return found


def _continues_sentence(prev: Line, line: Line) -> bool:
    drop = prev.bottom - line.bottom
    close = 0.5 * prev.size < drop <= 1.6 * prev.size and abs(prev.size - line.size) < 0.5
    goes_on = line.text[:1].islower() or splits_range(_line_text(prev), line.text)
    return close and not _SENTENCE_END.search(prev.text) and goes_on


def _aligned(a: list[list[Word]], b: list[list[Word]], size: float) -> bool:
    """Whether rows `a` and `b` line up as table rows: every cell of `b` starts, ends or is centred where
    a different cell of `a` does, and so does at least one cell after the first.

    Justified prose can have gaps as wide as a table's, but its words do not line up from line to line
    (only the margins do), so it is not taken for a table.
    """
    tolerance = max(0.6 * size, 3.0)
    used: set[int] = set()
    inner = False
    for k, cell in enumerate(b):
        left, right = cell[0].left, cell[-1].right
        hit = None
        for j, other in enumerate(a):
            if j in used:
                continue
            o_left, o_right = other[0].left, other[-1].right
            if (
                abs(left - o_left) <= tolerance
                or abs(right - o_right) <= tolerance
                or abs((left + right) - (o_left + o_right)) <= 2 * tolerance
            ):
                hit = j
                break
        if hit is None:
            return False
        used.add(hit)
        inner = inner or (k > 0 and hit > 0)
    return inner


def _fits(a: list[list[Word]], b: list[list[Word]], size: float) -> bool:
    """Whether rows `a` and `b` line up either way (a row with empty cells lines up with a fuller one)."""
    return _aligned(a, b, size) or _aligned(b, a, size)


def _middle(line: Line) -> float:
    """The height of the middle of `line`'s box (a row's lines are compared by it, not by a descender)."""
    return (line.top + line.bottom) / 2


def _same_height(a: Line, b: Line) -> bool:
    """Whether lines `a` and `b` stand on one baseline: same font size, boxes overlapping for most of the
    lower one's height."""
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return abs(a.size - b.size) < 0.5 and overlap >= 0.6 * min(a.top - a.bottom, b.top - b.bottom)


def _row_piece(out: list[Line], line: Line, after: list[Line]) -> int | None:
    """The index in `out` of the table row that `line` is the rest of, if it is one.

    A PDF draws a table cell by cell, so after a cell that wraps onto more lines the row's next cells
    come as a line of their own that goes back up to the row ("Oakfield 12 Dr Ada Fry",
    "(visiting, Tuesdays)", "North"). `line` is such a rest when it stands on the baseline of one of
    the last few lines, to the right of it by a cell gap, only lines below that one and left of `line`
    (the wrapped lines) come between, and the joined row lines up with a table row next to it (one of
    the lines before, or of the lines `after`): a note in the margin next to prose is left alone.
    """
    gap = max(0.9 * line.size, 4.0)
    for k in range(len(out) - 1, max(-1, len(out) - 5), -1):
        row = out[k]
        if not _same_height(row, line) or line.left < row.right + gap:
            continue
        between = out[k + 1 :]
        if any(b.top > row.bottom + 0.3 * row.size or b.right > line.left for b in between):
            return None
        joined = Line(row.words + line.words, row.size).cells()
        near = [*out[max(0, k - 2) : k], *after]
        if any(len(cells) >= 2 and _fits(cells, joined, line.size) for cells in (n.cells() for n in near)):
            return k
        return None
    return None


def _rejoin_rows(lines: list[Line]) -> list[Line]:
    """`lines` with the pieces of a table row drawn after a wrapped cell joined back to their row (see
    `_row_piece`); the wrapped lines then follow the whole row."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        k = _row_piece(out, line, lines[i + 1 : i + 4])
        if k is None:
            out.append(line)
        else:
            out[k] = Line(out[k].words + line.words, out[k].size, line.hyphen)
    return out


def _table_columns(lines: list[Line]) -> list[tuple[float, float]]:
    """The (left, right) x span of each column of the table made of `lines`, left to right."""
    spans: list[list[float]] = []
    for line in lines:
        for cell in line.cells():
            left, right = cell[0].left, cell[-1].right
            for span in spans:
                if min(right, span[1]) - max(left, span[0]) > -2:
                    span[0], span[1] = min(span[0], left), max(span[1], right)
                    break
            else:
                spans.append([left, right])
    spans.sort()
    merged: list[list[float]] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(list(span))
    return [(left, right) for left, right in merged]


def _column_from(cell: list[Word], columns: list[tuple[float, float]], size: float) -> int:
    """The column where `cell` starts: the last one starting at or left of it (the first if none)."""
    tolerance = max(0.6 * size, 3.0)
    starts = [k for k, (left, _) in enumerate(columns) if left - tolerance <= cell[0].left]
    return starts[-1] if starts else 0


def _column_at(cell: list[Word], columns: list[tuple[float, float]], size: float) -> int | None:
    """The column that `cell` lies in: it starts from about the column's left edge and ends before the
    next column starts (any width in the last column); None when it starts left of the table or runs
    into the next column."""
    tolerance = max(0.6 * size, 3.0)
    if cell[0].left < columns[0][0] - tolerance:
        return None
    k = _column_from(cell, columns, size)
    end = columns[k + 1][0] if k + 1 < len(columns) else float("inf")
    return k if cell[-1].right < end - 0.5 * tolerance else None


def _row_pitch(lines: list[Line], start: int) -> float | None:
    """The usual drop (between line middles) from one row to the next of a table that may start at
    `lines[start]`, or None when it cannot be told.

    It is the median drop into the closely following lines that split into cells and fill the first
    column: those start rows; lines holding the wrapped part of a cell seldom fill the first column
    together with another.
    """
    tolerance = max(0.6 * lines[start].size, 3.0)
    first, anywhere = [], []
    for a, b in itertools.pairwise(lines[start : start + 60]):
        drop = _middle(a) - _middle(b)
        if drop <= 0 or a.bottom - b.top >= 3 * max(a.size, b.size):
            break
        cells = b.cells()
        if len(cells) >= 2:
            anywhere.append(drop)
            if abs(cells[0][0].left - lines[start].left) <= tolerance:
                first.append(drop)
    drops = first or anywhere
    return statistics.median(drops) if drops else None


def _wraps_on(above: Line, line: Line, columns: list[tuple[float, float]], pitch: float) -> bool:
    """Whether `line` holds the wrapped-on text of cells of the row above it (`above`: the line just
    above, the row or its last wrapped line), as a reader sees it: it has text in some columns only,
    each part within one column, and sits clearly closer under the line above than rows are to each
    other. A row's key wrapped in the first column ("Quarry" / "End") is one too; a new row is not,
    being a row's drop down.
    """
    if abs(above.size - line.size) >= 0.5:
        return False
    drop = _middle(above) - _middle(line)
    if not 0.5 * line.size <= drop <= 0.85 * pitch:
        return False
    cells = line.cells()
    if len(cells) >= len(columns):
        return False
    placed = [_column_at(cell, columns, line.size) for cell in cells]
    return None not in placed and len(set(placed)) == len(placed)


def _lone_row(above: Line, line: Line, columns: list[tuple[float, float]], pitch: float) -> bool:
    """Whether `line`, a single cell, may be a row of its own of the table above it: a row's drop (or
    a little more) below the line above, starting where a column starts or ending where one ends (a
    section row "Southern district", a row whose other cells are empty), or centred on the table.

    Whether it is one depends on what follows (see `_find_tables`).
    """
    cells = line.cells()
    if len(cells) != 1 or abs(above.size - line.size) >= 0.5:
        return False
    drop = _middle(above) - _middle(line)
    if not 0.85 * pitch <= drop <= 1.6 * pitch:
        return False
    tolerance = max(0.6 * line.size, 3.0)
    if any(
        abs(line.left - left) <= tolerance or abs(line.right - right) <= tolerance for left, right in columns
    ):
        return True
    return abs((line.left + line.right) - (columns[0][0] + columns[-1][1])) <= 2 * tolerance


def _ends_table(
    lines: list[Line], end: int, lone: list[int], columns: list[tuple[float, float]], pitch: float
) -> bool:
    """Whether the single-cell rows `lone` that close the table ending before `lines[end]` are rows of
    the table rather than prose after it: each lies in one column and ends no sentence, and the line
    after the table (if any) is clearly further down than rows are apart."""
    if end < len(lines) and _middle(lines[end - 1]) - _middle(lines[end]) <= 1.25 * pitch:
        return False
    return all(
        _column_at(lines[k].words, columns, lines[k].size) is not None
        and not _SENTENCE_END.search(lines[k].text)
        for k in lone
    )


@dataclass
class _TableLines:
    """The lines `first` to `end` (exclusive) of a page's lines that make a table; `wraps` holds those
    that go on with the row above (wrapped cell text)."""

    first: int
    end: int
    wraps: set[int] = field(default_factory=set)


def _table_rows(
    lines: list[Line], columns: list[tuple[float, float]], wraps: set[int] | None = None
) -> list[list[str]]:
    """Rows of cell texts, cells placed in the table's `columns` (empty where a row has no cell).

    A line in `wraps` (indexes into `lines`) adds its text to the cells of the row above, after a space.
    A cell of a row split into cells goes to the column about its middle; a single cell and wrapped text
    go to the column they lie in, and a single cell running over columns (a section row) to the first.
    """
    wraps = wraps or set()
    rows: list[list[str]] = []
    for i, line in enumerate(lines):
        if i in wraps and rows:
            row = rows[-1]
        else:
            row = [""] * len(columns)
            rows.append(row)
        cells = line.cells()
        for cell in cells:
            if i in wraps or len(cells) == 1:
                column = _column_at(cell, columns, line.size) or 0
            else:
                column = _column_by_middle(cell, columns)
            text = " ".join(w.text for w in cell)
            row[column] = f"{row[column]} {text}".strip()
    return rows


def _column_by_middle(cell: list[Word], columns: list[tuple[float, float]]) -> int:
    """The column whose span holds the middle of `cell`, else the one starting nearest to it."""
    middle = (cell[0].left + cell[-1].right) / 2
    return min(
        range(len(columns)),
        key=lambda k: 0 if columns[k][0] - 2 <= middle <= columns[k][1] + 2 else abs(middle - columns[k][0]),
    )


def _row_lines(lines: list[Line], table: _TableLines) -> list[Line]:
    """The lines of `table` that are rows split into cells: those give the columns."""
    return [
        lines[k] for k in range(table.first, table.end) if k not in table.wraps and len(lines[k].cells()) >= 2
    ]


def _find_tables(lines: list[Line]) -> list[_TableLines]:
    """The tables among `lines`.

    A table starts at a line split into cells. A line goes on it when it lines up with the row before
    it or with the fullest row so far: a row with empty cells ("Pennock", "21", "Dr Ada Fry", "") may
    not line up with a row before it that has other cells empty, but it does with a full one. A line
    with the wrapped text of cells goes on the row above (`_wraps_on`); a single-cell row
    (`_lone_row`) goes on the table when a row split into cells follows it, or when it ends the table
    clearly (`_ends_table`): otherwise it is prose after the table. A table has at least two rows split
    into cells.
    """
    found: list[_TableLines] = []
    i = 0
    while i < len(lines):
        cells = lines[i].cells()
        if len(cells) < 2:
            i += 1
            continue
        pitch = _row_pitch(lines, i)
        table = _TableLines(i, i + 1)
        prev_cells = fullest = cells
        lone: list[int] = []  # single-cell rows since the last row split into cells
        j = i + 1
        while j < len(lines):
            nxt = lines[j].cells()
            above = lines[j - 1]
            size = lines[j].size
            close = above.bottom - lines[j].top < 3 * max(size, above.size)
            if not close:
                break
            columns = _table_columns(_row_lines(lines, table))
            wrapped = pitch is not None and _wraps_on(above, lines[j], columns, pitch)
            if not wrapped and len(nxt) >= 2 and (_fits(prev_cells, nxt, size) or _fits(fullest, nxt, size)):
                prev_cells, lone = nxt, []
                fullest = nxt if len(nxt) > len(fullest) else fullest
            elif wrapped:
                table.wraps.add(j)
            elif pitch is not None and _lone_row(above, lines[j], columns, pitch):
                lone.append(j)
            else:
                break
            table.end = j = j + 1
        columns = _table_columns(_row_lines(lines, table))
        if lone and pitch is not None and not _ends_table(lines, table.end, lone, columns, pitch):
            table.end = lone[0]
            table.wraps = {k for k in table.wraps if k < table.end}
        if len(_row_lines(lines, table)) >= 2:
            found.append(table)
            i = table.end
        else:
            i += 1
    return found


class _Measure:
    """Typical sizes of the document: body font size and line pitch (in font sizes)."""

    def __init__(self, pages: list[PageLines]) -> None:
        sizes: Counter[float] = Counter()
        pitches: list[float] = []
        for page in pages:
            for a, b in itertools.pairwise(page.lines):
                pitch = a.bottom - b.bottom
                if 0.9 * a.size <= pitch <= 2.2 * a.size and abs(a.size - b.size) < 0.5:
                    pitches.append(pitch / a.size)
            for line in page.lines:
                sizes[round(line.size, 1)] += len(line.text)
        self.size = sizes.most_common(1)[0][0] if sizes else 10.0
        self.pitch = statistics.median(pitches) if pitches else 1.25


@dataclass
class _Column:
    left: float
    right: float

    def full(self, line: Line) -> bool:
        """Whether `line` reaches (nearly) the right edge of its text column."""
        return line.right >= self.right - 0.12 * max(self.right - self.left, 1.0)


def _columns(lines: list[Line]) -> list[_Column]:
    """For each line, the text column it belongs to: lines starting near the same x, and their edges."""
    groups: list[list[int]] = []
    for i in sorted(range(len(lines)), key=lambda i: lines[i].left):
        line = lines[i]
        if groups and line.left - lines[groups[-1][0]].left <= 3 * line.size:
            groups[-1].append(i)
        else:
            groups.append([i])
    found: list[_Column] = [_Column(0.0, 0.0)] * len(lines)
    for group in groups:
        lefts = sorted(lines[i].left for i in group)
        rights = sorted(lines[i].right for i in group)
        column = _Column(
            lefts[len(lefts) // 2 if len(lefts) < 3 else 0], rights[int(0.9 * (len(rights) - 1))]
        )
        for i in group:
            found[i] = column
    return found


def _breaks(a: Line, b: Line, column: _Column, m: _Measure) -> bool:
    """Whether a paragraph ends between consecutive lines `a` and `b` (`column`: that of `a`)."""
    size = max(a.size, 1.0)
    if abs(a.size - b.size) > 0.15 * size:
        return True
    drop = a.bottom - b.bottom
    if drop < 0.5 * size or drop > (m.pitch * 1.35) * size:
        return True  # a gap, or a jump up (next column)
    if _LIST_ITEM.match(b.text) and not splits_range(_line_text(a), b.text):
        return True
    if b.left > a.left + 1.5 * size and abs(a.left - column.left) < size:
        return True  # an indented first line
    if _goes_on(a.text, b.text) and a.right - a.left >= 0.6 * (column.right - column.left):
        return False  # a ragged line of prose (short stacked lines, verse or an address, stay apart)
    if not a.hyphen and not _SPLIT_END.search(a.text):  # a line ending "1990-" or "well-" is not short
        first = b.words[0]
        if a.right + 0.3 * size + (first.right - first.left) < column.right - 0.02 * (
            column.right - column.left
        ):
            return True  # the next word would have fitted: the line was ended on purpose
    return False


def _goes_on(a: str, b: str) -> bool:
    """Whether line `b` plainly goes on with the sentence of line `a`, however short `a` is: `a` ends
    in a word, a comma or a dash and `b` starts with a lower-case letter ("the contractor" / "and the
    drainage"), which no paragraph, heading or list item of prose does; or `a` ends in an en dash
    joined to a word, a range cut at the line end ("(Monday–" / "Friday)")."""
    if not a or not b:
        return False
    if a[-1] == "\u2013" and a[:-1][-1:].isalnum():
        return True
    return b[0].islower() and (a[-1].isalnum() or a[-1] in ",\u2013\u2014")


def _joiner(a: str, b: str, hyphen: bool, hyphens: Dehyphenator) -> tuple[str, str]:
    """(a as it ends in the joined text, the separator) for text `a` followed by `b`.

    After a line-end hyphen that follows a letter or digit, the next line goes on with no space: the
    hyphen is dropped when the document's vocabulary says the halves are one word ("deserti-" +
    "fication"), else kept ("drought-" + "tolerant", "1990-" + "1995", "COVID-" + "19").
    """
    if a and b and (hyphen or a[-1] in _HYPHENS) and b[0].isalnum() and a[:-1][-1:].isalnum():
        if hyphens.should_join(a, b):
            return a[:-1], ""
        return a, ""
    if a and b and _NO_SPACE.match(a[-1]) and _NO_SPACE.match(b[0]):
        return a, ""
    if a and b and a[-1] == "\u2013" and a[:-1][-1:].isalnum() and b[0].isalnum():
        return a, ""  # a range cut after its en dash: "Monday–" + "Friday"
    return a, " "


def _line_text(line: Line) -> str:
    text = line.text
    if line.hyphen and not text.endswith(tuple(_HYPHENS)):
        text += "-"
    return text


def _blocks(lines: list[Line], m: _Measure, hyphens: Dehyphenator) -> list[_Block]:
    lines = _rejoin_rows(lines)
    tables = _find_tables(lines)
    columns = _columns(lines)
    index = {id(line): i for i, line in enumerate(lines)}
    blocks: list[_Block] = []
    i = 0
    t = 0
    current: list[Line] = []

    def flush() -> None:
        if current:
            kind = "heading" if current[0].size > 1.15 * m.size else "para"
            text = _line_text(current[0])
            for prev, line in itertools.pairwise(current):
                text, sep = _joiner(text, _line_text(line), prev.hyphen, hyphens)
                text += sep + _line_text(line)
            blocks.append(
                _Block(kind, list(current), text, full=columns[index[id(current[-1])]].full(current[-1]))
            )
            current.clear()

    while i < len(lines):
        if t < len(tables) and tables[t].first == i:
            flush()
            found = tables[t]
            table = lines[found.first : found.end]
            spans = _table_columns(_row_lines(lines, found))
            rows = _table_rows(table, spans, {k - found.first for k in found.wraps})
            blocks.append(_Block("table", table, rows=rows, columns=spans, header=rows[0]))
            i = found.end
            t += 1
            continue
        line = lines[i]
        if current and _breaks(current[-1], line, columns[i - 1], m):
            flush()
        current.append(line)
        i += 1
    flush()
    return blocks


def _runs_on(a: _Block, b: _Block) -> bool:
    """Whether paragraph `a` (ending a page) goes on in paragraph `b` (opening the next page)."""
    if a.kind != "para" or b.kind != "para" or not a.text or not b.text:
        return False
    if _SENTENCE_END.search(a.text) or (_LIST_ITEM.match(b.text) and not splits_range(a.text, b.text)):
        return False
    last = a.lines[-1]
    split = _SPLIT_END.search(a.text) is not None and b.text[0].isalnum()
    return b.text[0].islower() or last.hyphen or split or (a.full and not b.text[0].isdigit())


def _header_like(row: list[str], data: list[list[str]]) -> bool:
    """Whether `row` reads as a header over the data rows `data`: in a column where every data cell is a
    number, its cell is a word ("Visits" over "14", "9")."""
    for k, cell in enumerate(row):
        column = [r[k] for r in data if k < len(r) and r[k]]
        if column and all(_NUMBER.match(c) for c in column) and cell and not _NUMBER.match(cell):
            return True
    return False


def _continues_table(a: _Block, b: _Block) -> bool:
    """Whether table `b` (opening a page) goes on with table `a` (ending the page before).

    It does when both have the same number of columns at about the same x positions (each column of
    `b` overlaps that of `a`) and `b` does not start with a header: not with `a`'s header repeated,
    nor with a row of words over columns that hold numbers in `a`.
    """
    if a.kind != "table" or b.kind != "table" or len(a.columns) != len(b.columns) or not b.rows:
        return False
    size = max(a.lines[-1].size, 1.0)
    for (a_left, a_right), (b_left, b_right) in zip(a.columns, b.columns, strict=True):
        if min(a_right, b_right) - max(a_left, b_left) < -0.5 * size:
            return False
    first = b.rows[0]
    if a.header is not None and first == a.header:
        return False
    return not _header_like(first, a.rows[a.header_rows :])


def lay_out(pages: list[PageLines], hyphens: Dehyphenator | None = None) -> list[LaidOutPage]:
    """The pages as read (see the module docstring), one `LaidOutPage` per page."""
    if hyphens is None:
        vocabulary = "\n".join(_line_text(line) for page in pages for line in page.lines)
        hyphens = Dehyphenator(vocabulary)
    m = _Measure(pages)
    furniture = _furniture(pages, m.size)
    per_page: list[list[_Block]] = []
    for page, drop in zip(pages, furniture, strict=True):
        kept = [line for i, line in enumerate(page.lines) if i not in drop]
        per_page.append(_blocks(kept, m, hyphens))
    joins = ["\n\n"] * len(pages)
    with_text = [i for i, blocks in enumerate(per_page) if blocks]
    for a, b in itertools.pairwise(with_text):
        first, last = per_page[b][0], per_page[a][-1]
        if _continues_table(last, first):
            first.header, first.header_rows = last.header, 0
            joins[a] = "\n"
        elif _runs_on(last, first):
            text, sep = _joiner(last.text, first.text, last.lines[-1].hyphen, hyphens)
            last.text = text
            joins[a] = sep
    out: list[LaidOutPage] = []
    for p, blocks in enumerate(per_page):
        builder = TextBuilder(part=p)
        for block in blocks:
            if block.kind == "table":
                add_table(builder, block.rows, header_rows=block.header_rows)
            else:
                builder.block(block.text)
        out.append(LaidOutPage(builder, joins[p], len(furniture[p])))
    return out
