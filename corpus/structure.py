"""The outline of a source: its headings, how they nest, and how a citation names a place in it.

`outline(text, language, regions)` reads the canonical text (and the headings a loader found) and
returns an `Outline`: every recognised heading with its level and label, in text order. Recognised:

- treaties: "PART I", "CHAPTER II", "SECTION III", "Article 12" (any case and spacing, a title on
  the same line after ".", ":" or a dash, or alone on the next line), "ANNEX", "SCHEDULE",
  "Paragraph 3" inside a schedule, a "Preamble" marker, and the title line of a second instrument
  in the same file ("Optional Protocol to ...");
- the United States Code: "Title 22—", "CHAPTER 85—", "SUBCHAPTER I—", "§ 7801. Findings";
- Korean law: "제1편", "제2장 ...", "제1절", "제1관", "제8조(제목)", "부칙", "전문";
- Chinese law: "第一编", "第二章", "第一节", "第二百四十条" (Chinese or Arabic numerals), "附则";
- reports: "Section 2. Liberty" with lettered subsections "a. Freedom of the Press";
- Markdown headings in the text ("# Title", Setext underlines) and headings given as regions;
- in English-like texts, short title lines standing alone before prose (Wikipedia section titles).

Inside an article (or a section of the U.S. Code, a 조, a 条) numbered paragraphs become deeper
levels ("1.", "(a)", "(i)", "A.", "①", "1." 호, "가." 목, "（一）" 项, and the unnumbered 款 of a
Chinese article with several), so that a place can be cited as "Art. 2(2)" or "제5조제2항제1호".
A numbered paragraph is accepted only where it starts or continues a sequence ("1." then "2."),
and a heading line only where the whole line has the heading's form: a sentence that mentions
"article 33" is never a heading.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corpus.models import Region, Source
from corpus.numbering import (
    HAN_NUMERALS as _HAN_NUM,
)
from corpus.numbering import (
    Numbering,
    han_numeral,
    han_value,
    number_label,
    paragraph_number,
    roman_value,
)

# Ranks: what a heading is; a smaller rank is an outer level. A heading closes every open heading
# of the same or a deeper rank. Numbered paragraphs rank from ENUM on, by their nesting.
INSTRUMENT, BOOK, PART, CHAPTER, SUBCHAPTER, SECTION, SUBSECTION, ARTICLE, ENUM = range(9)
MARKUP = 10  # Markdown and loader headings: MARKUP + their level (1-6)
TITLE_LINE = 20  # a bare title line (Wikipedia section, report subheading): inside everything else

_ROMAN = "IVXLCDM"
_SUFFIXES = {"": 0, "bis": 2, "ter": 3, "quater": 4, "quinquies": 5}

_NUM = r"(?P<num>\d{1,4}|[IVXLCDM]{1,8}|[A-Z](?![a-z]))(?:[ -](?P<suf>bis|ter|quater|quinquies))?"
_SEP_TITLE = r"(?:\s*(?:[.:]|[–—-])\s*(?P<title>\S.{0,150}?))?"
_EN_KEYWORDS = {
    "part": PART,
    "chapter": CHAPTER,
    "subchapter": SUBCHAPTER,
    "section": SECTION,
    "article": ARTICLE,
    "annex": BOOK,
    "appendix": BOOK,
    "schedule": BOOK,
    "book": BOOK,
}
_EN_HEADING = re.compile(
    r"(?P<kw>PART|Part|CHAPTER|Chapter|SUBCHAPTER|Subchapter|SECTION|Section|ARTICLE|Article|"
    r"ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|BOOK|Book)"
    rf"(?:\s+{_NUM})?\.?{_SEP_TITLE}\s*$"
)
_UNNUMBERED = frozenset({"Annex", "Appendix", "Schedule"})
_US_TITLE = re.compile(r"Title (?P<num>\d{1,3})\s*[—–-]\s*(?P<title>[A-Z][A-Z ,;&'-]{2,100})\s*$")
_US_SECTION = re.compile(r"§\s?(?P<num>\d{1,5}[a-z]{0,2}(?:-\d{1,3})?)\.(?:\s+(?P<title>\S.{0,300}))?$")
_SCHEDULE_PARAGRAPH = re.compile(r"(?:PARAGRAPH|Paragraph)\s+(?P<num>\d{1,3})\s*$")
_PREAMBLE = re.compile(
    r"(?P<mark>\*{0,2}(?:PREAMBLE|Preamble|Pr[ée]ambule)\*{0,2})(?:\s*$|\s+(?=[A-Z])|(?=[A-Z*]))"
)
_ARTICLE_LINE = re.compile(r"(?m)^(?:Article|ARTICLE) (?:\d{1,3}|[IVXL]{1,6})\s*$")
_BARE_ROMAN = re.compile(r"(?P<num>[IVX]{1,6})\.?\s*$")
_KO_DIVISION = re.compile(
    r"제\s?(?P<num>\d{1,3})\s?(?P<kind>편|장|절|관)(?:의\s?(?P<sub>\d{1,2}))?(?:\s+(?P<title>[^\n]{1,60}))?\s*$"
)
_KO_ARTICLE = re.compile(
    r"제\s?(?P<num>\d{1,4})\s?조(?:의\s?(?P<sub>\d{1,2}))?"
    r"(?:(?:\s*\((?P<title>[^()\n]{1,80})\))(?=\s|$)|(?=\s*(?:$|[①-⑳])))"
)
_KO_SUPPLEMENT = re.compile(r"부\s?칙(?:\s*\([^()\n]{1,80}\))?(?:\s*<[^<>\n]{1,80}>)?\s*$")
_ZH_DIVISION = re.compile(
    rf"第(?P<num>[{_HAN_NUM}\d]{{1,8}})(?P<kind>编|章|节)(?:\s+(?P<title>[^\n]{{1,60}}))?\s*$"
)
_ZH_ARTICLE = re.compile(rf"第(?P<num>[{_HAN_NUM}\d]{{1,8}})条(?:之(?P<sub>[{_HAN_NUM}\d]{{1,3}}))?(?=\s|$)")
_ZH_SUPPLEMENT = re.compile(r"附\s?则\s*$")
_ATX = re.compile(r"(?P<hashes>#{1,6})\s+(?P<title>\S.{0,200}?)\s*#*\s*$")
_SETEXT = re.compile(r"(?:=+|-+)\s*$")
_REPORT_LETTER = re.compile(r"(?P<num>[a-z])\.\s+(?P<title>[A-Z][^\n]{1,150})$")
_FIELD_NAMES = frozenset(
    {"Source", "Sources", "Note", "Notes", "Photo", "Image", "Credit", "Caption", "Figure"}
)
_NOT_FIELDS = frozenset({*_FIELD_NAMES, "Contents", "Table of Contents", "CONTENTS"})
_TITLE_WORDS = 12  # a bare title line holds at most this many words
# a field's name on its own line ("Ethnic groups:"), not a clause ("For the Government of A:")
_FIELD_LABEL = re.compile(
    r"(?!(?:For|In|To|By|On|At|With|From|Of|And|The|If|When|Where)\b)[A-Z][\w ,'()/-]{0,60}:"
)
_FOOTNOTE_MARKS = re.compile(r"(?:\[\d{1,4}\]|\[[a-z]\])+$")
_TERMINAL = frozenset(".,;:!?。，；：！？")
_CLOSERS = "\"'”’)]」』）】*"
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_INSTRUMENT_WORDS = re.compile(
    r"(?:Optional Protocol|Protocol|Convention|Covenant|Final Act|Declaration|Statute|Agreement)\b"
    r"|(?:OPTIONAL PROTOCOL|PROTOCOL|CONVENTION|COVENANT|FINAL ACT|DECLARATION|STATUTE|AGREEMENT)\b"
)


@dataclass(frozen=True)
class Heading:
    """One heading of an outline.

    Attributes:
        start, end: the heading's span in the canonical text (designation plus any title; for a
            numbered paragraph only its number, e.g. "2." or "①"); `start == end` for a heading the
            text implies without writing it (the second 款 of a Chinese article).
        rank: what the heading is (INSTRUMENT < BOOK < PART < CHAPTER < ... < ARTICLE < ENUM...);
            it closes every open heading of the same or a deeper rank.
        level: its nesting depth in this outline, 1 = outermost.
        label: how a citation names it: "Part I", "Article 2", "2", "(a)", "§ 7801",
            "제8조(난민인정 등의 결정)", "제1항", "第二百四十条", "Section 3. Security of the Person".
        numbered: whether it is a numbered paragraph inside an article (not a heading line).
    """

    start: int
    end: int
    rank: int
    level: int
    label: str
    numbered: bool = False


@dataclass(frozen=True)
class Outline:
    """The headings of a text in order, and the section path at any offset.

    Attributes:
        headings: ascending by start.
    """

    headings: tuple[Heading, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _paths: tuple[tuple[Heading, ...], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        stack: list[Heading] = []
        starts: list[int] = []
        paths: list[tuple[Heading, ...]] = []
        for h in self.headings:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            starts.append(h.start)
            paths.append(tuple(stack))
        object.__setattr__(self, "_starts", tuple(starts))
        object.__setattr__(self, "_paths", tuple(paths))

    def headings_at(self, offset: int) -> tuple[Heading, ...]:
        """The headings that `offset` stands under, outermost first (empty before the first)."""
        i = bisect.bisect_right(self._starts, offset)
        return self._paths[i - 1] if i else ()

    def path_at(self, offset: int) -> tuple[str, ...]:
        """The labels of `headings_at(offset)`, e.g. ("Part I", "Article 2", "2")."""
        return tuple(h.label for h in self.headings_at(offset))

    def boundaries(self) -> list[int]:
        """Start offsets of the heading lines (not of numbered paragraphs), ascending."""
        return [h.start for h in self.headings if not h.numbered and h.end > h.start]

    def regions(self) -> tuple[Region, ...]:
        """The heading lines as `Region`s of kind "heading" (with level and label)."""
        return tuple(
            Region(h.start, h.end, "heading", h.level, h.label)
            for h in self.headings
            if not h.numbered and h.end > h.start
        )


def outline_of(source: Source, exclude: Sequence[tuple[int, int]] = ()) -> Outline:
    """`outline` of a Source, from its text, its language and its loaders' heading regions."""
    return outline(source.text, source.meta.language, source.regions, exclude=exclude)


def outline(
    text: str,
    language: str = "und",
    regions: Iterable[Region] = (),
    *,
    exclude: Sequence[tuple[int, int]] = (),
) -> Outline:
    """The outline of a canonical text.

    Args:
        text: the canonical text (lines separated by "\\n", paragraphs by a blank line).
        language: "en", "ko", "zh", ... ("und" when unknown); bare title lines are read as headings
            only outside Korean, Chinese and Japanese texts, and numbered paragraphs are named in
            the language's way ("2", "제2항", "第二款").
        regions: structure found by a loader; its "heading" regions become headings (their label,
            or their text when the label is empty, and their level).
        exclude: (start, end) spans where no heading is looked for (non-prose such as captions).

    Returns:
        the Outline: its headings ascending by start, with spans in character offsets of `text`,
        levels 1 = outermost and labels as citations write them (see `Heading`); empty when nothing
        is recognised. Pure: nothing is read from disk.
    """
    return _Reader(text, language, tuple(regions), exclude).read()


# ---------------------------------------------------------------- reading


@dataclass
class _Line:
    start: int
    end: int
    text: str
    block_first: bool  # first line of its paragraph (after a blank line or at the start)
    block_single: bool  # the paragraph is this one line


@dataclass
class _Found:
    start: int
    end: int
    rank: int
    label: str
    key: tuple[int, int] | None = None  # number of the heading, for the increasing-order check
    numbered: bool = False
    titled: bool = False  # the heading line carries its title ("Section 1. Life")


class _Reader:
    def __init__(
        self, text: str, language: str, regions: tuple[Region, ...], exclude: Sequence[tuple[int, int]]
    ) -> None:
        self.text = text
        self.lang = language.split("-")[0].lower()
        self.cjk = self.lang in {"ko", "zh", "ja"}
        self.markup = [r for r in regions if r.kind == "heading" and 0 <= r.start < r.end <= len(text)]
        self.exclude = sorted(exclude)
        self.lines = _lines(text)
        self._line_starts = [ln.start for ln in self.lines]
        self.treaty_like = _ARTICLE_LINE.search(text) is not None

    def read(self) -> Outline:
        found = self._heading_lines()
        found = self._with_paragraphs(found)
        return Outline(tuple(_levels(found)))

    # -- heading lines

    def _excluded(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.exclude, (a, len(self.text) + 1))
        if i and self.exclude[i - 1][1] > a:
            return True
        return i < len(self.exclude) and self.exclude[i][0] < b

    def _heading_lines(self) -> list[_Found]:
        out: list[_Found] = []
        covered_until = -1
        markup = sorted(self.markup, key=lambda r: r.start)
        mi = 0
        stack: list[_Found] = []  # open headings, to judge order and context
        seen_article = False
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            while mi < len(markup) and markup[mi].end <= line.start:
                mi += 1
            if line.start < covered_until or self._excluded(line.start, line.end):
                i += 1
                continue
            got: _Found | None = None
            consumed = i
            if mi < len(markup) and markup[mi].start < line.end:
                region = markup[mi]
                got = self._from_region(region)
                covered_until = region.end
                while consumed + 1 < len(lines) and lines[consumed + 1].start < region.end:
                    consumed += 1
            else:
                got, consumed = self._match_line(i, stack, seen_article)
            if got is not None and self._in_order(got, stack):
                _close(stack, got.rank)
                stack.append(got)
                out.append(got)
                seen_article = seen_article or got.rank == ARTICLE
                covered_until = max(covered_until, got.end)
            i = max(consumed, i) + 1
        return out

    def _from_region(self, region: Region) -> _Found:
        raw = self.text[region.start : region.end].strip()
        shaped = self._shape(raw.split("\n", 1)[0].strip(), region.start, region.end)
        if shaped is not None:
            return shaped
        label = region.label or " ".join(raw.split())
        return _Found(region.start, region.end, MARKUP + max(1, min(region.level or 1, 6)), label)

    def _shape(self, line: str, start: int, end: int) -> _Found | None:
        """A heading line's designation (Article, 제N조, 第N条...), if it has one."""
        for found in (self._english(line, start, end), self._korean(line, start), self._chinese(line, start)):
            if found is not None:
                return found
        return None

    def _match_line(self, i: int, stack: list[_Found], seen_article: bool) -> tuple[_Found | None, int]:
        line = self.lines[i]
        body = line.text
        atx = _ATX.match(body)
        if atx:
            title = atx.group("title")
            start = line.start + atx.start("title")
            shaped = self._shape(title, start, line.end)
            if shaped is not None:
                return shaped, i
            return _Found(line.start, line.end, MARKUP + len(atx.group("hashes")), title), i
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if (
            nxt is not None
            and not nxt.block_first
            and line.block_first
            and _SETEXT.fullmatch(nxt.text)
            and len(nxt.text) >= 3
            and len(body) <= 150
        ):
            level = 1 if nxt.text.startswith("=") else 2
            shaped = self._shape(body, line.start, line.end)
            if shaped is not None:
                return _Found(shaped.start, nxt.end, shaped.rank, shaped.label, shaped.key), i + 1
            return _Found(line.start, nxt.end, MARKUP + level, body), i + 1
        found = self._shape(body, line.start, line.end)
        if found is None:
            found = self._contextual(line, stack)
        if found is None and self.treaty_like:
            m = _BARE_ROMAN.match(body)
            n = roman_value(m.group("num")) if m else None
            if n is not None:
                found = _Found(line.start, line.end, PART, body.rstrip(". "), (n, 0))
        if found is not None:
            return self._with_title(found, i)
        if not self.cjk and line.block_single:
            return self._title_line(i, stack, seen_article), i
        return None, i

    def _english(self, line: str, start: int, end: int) -> _Found | None:
        m = _EN_HEADING.match(line)
        if m:
            word = m.group("kw").capitalize()
            rank = _EN_KEYWORDS[word.lower()]
            num, suf, title = m.group("num"), m.group("suf"), m.group("title")
            if title is not None and not _title_like(title, allow_period=False):
                return None
            if num is None:
                if word not in _UNNUMBERED:
                    return None
                return _Found(start, end, rank, word, titled=title is not None)
            key = _number_key(num, suf or "")
            if key is None:
                return None
            label = f"{word} {num}" + (f" {suf}" if suf else "")
            if rank == SECTION and title:
                label = f"{label}. {title.strip()}"
            return _Found(start, end, rank, label, key, titled=title is not None)
        m = _US_SECTION.match(line)
        if m:
            num = m.group("num")
            return _Found(start, end, ARTICLE, f"§ {num}", _us_key(num), titled=True)
        m = _US_TITLE.match(line)
        if m:
            num = m.group("num")
            return _Found(start, end, BOOK, f"Title {num}", (int(num), 0), titled=True)
        m = _PREAMBLE.match(line)
        if m:
            return _Found(start, start + m.end("mark"), PART, "Preamble")
        return None

    def _korean(self, line: str, start: int) -> _Found | None:
        if not line.startswith(("제", "부", "전")):
            return None
        m = _KO_ARTICLE.match(line)
        if m:
            sub = m.group("sub")
            designation = f"제{m.group('num')}조" + (f"의{sub}" if sub else "")
            title = m.group("title")
            label = f"{designation}({title.strip()})" if title else designation
            end = start + (m.end("title") + 1 if title else m.end())
            return _Found(start, end, ARTICLE, label, (int(m.group("num")), int(sub or 0)))
        m = _KO_DIVISION.match(line)
        if m and not (m.group("title") or "").rstrip().endswith("다."):
            rank = {"편": BOOK, "장": CHAPTER, "절": SECTION, "관": SUBSECTION}[m.group("kind")]
            sub = m.group("sub")
            label = f"제{m.group('num')}{m.group('kind')}" + (f"의{sub}" if sub else "")
            return _Found(start, start + len(line), rank, label, (int(m.group("num")), int(sub or 0)))
        if _KO_SUPPLEMENT.match(line):
            return _Found(start, start + len(line), BOOK, " ".join(line.split()))
        if line.strip() == "전문":
            return _Found(start, start + len(line), PART, "전문")
        return None

    def _chinese(self, line: str, start: int) -> _Found | None:
        if not line.startswith(("第", "附", "序")):
            return None
        m = _ZH_ARTICLE.match(line)
        if m:
            n = han_value(m.group("num"))
            sub = han_value(m.group("sub")) if m.group("sub") else 0
            if n is None or sub is None:
                return None
            label = line[: m.end()]
            return _Found(start, start + m.end(), ARTICLE, label, (n, sub))
        m = _ZH_DIVISION.match(line)
        if m:
            n = han_value(m.group("num"))
            if n is None:
                return None
            rank = {"编": BOOK, "章": CHAPTER, "节": SECTION}[m.group("kind")]
            label = f"第{m.group('num')}{m.group('kind')}"
            return _Found(start, start + len(line), rank, label, (n, 0))
        if _ZH_SUPPLEMENT.match(line):
            return _Found(start, start + len(line), BOOK, "附则")
        if line.strip() == "序言":
            return _Found(start, start + len(line), PART, "序言")
        return None

    def _contextual(self, line: _Line, stack: list[_Found]) -> _Found | None:
        """Headings whose form is a heading only in context: schedule paragraphs, report letters."""
        if any(f.rank == BOOK and f.label.split(" ")[0] in _UNNUMBERED for f in stack):
            m = _SCHEDULE_PARAGRAPH.match(line.text)
            if m:
                return _Found(
                    line.start, line.end, ARTICLE, f"Paragraph {m.group('num')}", (int(m.group("num")), 0)
                )
        in_report = any(f.rank == SECTION and f.label.startswith("Section ") for f in stack)
        if in_report and not any(f.rank == ARTICLE for f in stack):
            m = _REPORT_LETTER.match(line.text)
            if m and _title_like(m.group("title"), allow_period=False):
                letter, title = m.group("num"), m.group("title").strip()
                key = (ord(letter), 0)
                return _Found(line.start, line.end, SUBSECTION, f"{letter}. {title}", key, titled=True)
        return None

    def _with_title(self, found: _Found, i: int) -> tuple[_Found, int]:
        """Extend a heading by its title: wrapped continuation lines, or a title line after it."""
        line = self.lines[i]
        if found.end < line.end:  # text follows on the same line (제1조(목적) 이 법은 ...)
            return found, i
        j = i
        label = found.label
        if found.rank in {SECTION, SUBSECTION} and found.titled:
            # a report heading wrapped over lines: "Section 5. Governmental Posture Towards" + ...
            while j + 1 < len(self.lines) and j - i < 3:
                more = self.lines[j + 1]
                if (
                    more.block_first
                    or not _title_like(more.text, allow_period=False)
                    or self._any_shape(more)
                ):
                    break
                j += 1
                label = f"{label} {more.text.strip()}"
            return _Found(found.start, self.lines[j].end, found.rank, label, found.key, titled=True), j
        if found.titled or found.rank in {INSTRUMENT, ENUM} or self.cjk or found.label == "Preamble":
            return found, i
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if nxt is None or not (nxt.block_single or not nxt.block_first):
            return found, i
        if self._excluded(nxt.start, nxt.end) or self._any_shape(nxt) or paragraph_number(nxt.text):
            return found, i
        if not _title_like(nxt.text, allow_period=False) or nxt.text[:1].islower():
            return found, i
        if _BARE_ROMAN.fullmatch(found.label):  # "I" + "General provisions": the numeral needs its title
            label = f"{found.label}. {' '.join(nxt.text.split())}"
        return _Found(found.start, nxt.end, found.rank, label, found.key), i + 1

    def _any_shape(self, line: _Line) -> bool:
        if _SCHEDULE_PARAGRAPH.match(line.text):
            return True
        return self._shape(line.text, line.start, line.end) is not None or bool(
            _REPORT_LETTER.match(line.text) and line.text[:1].islower()
        )

    def _title_line(self, i: int, stack: list[_Found], seen_article: bool) -> _Found | None:
        """A bare title line: a short single-line paragraph, followed by prose, not at the very start."""
        line = self.lines[i]
        text = line.text
        if line.start == 0 or not _title_like(text, allow_period=False) or paragraph_number(text):
            return None
        first = text[:1]
        if not (first.isupper() or first.isdigit()) or text.startswith(("-", "•", "*", "|", "[")):
            return None
        if seen_article:
            # in a treaty, only the title of a further instrument ("Optional Protocol to ...")
            if not _INSTRUMENT_WORDS.match(text) and not (text.isupper() and len(text.split()) >= 3):
                return None
            return _Found(line.start, line.end, INSTRUMENT, " ".join(text.split()))
        if len(_WORD.findall(text)) > _TITLE_WORDS or len(text) > 100:
            return None
        if 2 * sum(ch.isalpha() for ch in text) < sum(not ch.isspace() for ch in text) or "_" in text:
            return None  # "FAX: [1] (202) 495-2138", "Politics_of_North_Korea"
        field_name, colon, _ = text.partition(":")
        if colon and (field_name.isupper() or field_name.strip() in _FIELD_NAMES):
            return None  # "LANGUAGE: Korean", "Source: Central Bureau of Statistics"
        if not self._prose_follows(i):
            return None
        return _Found(line.start, line.end, TITLE_LINE, _FOOTNOTE_MARKS.sub("", text).strip())

    def _prose_follows(self, i: int) -> bool:
        """Whether the paragraphs after line `i` reach prose, passing at most 3 other title lines and
        8 short labelled fields with at most 3 paragraphs of value each and 16 in all ("Nationality:"
        over "noun: Korean(s)", as a factbook's section opens); "Source:", "Note:" or "Contents:" is no
        such field."""
        j = i + 1
        titles = fields = values = field_values = 0
        in_field = False
        while j < len(self.lines):
            line = self.lines[j]
            if not line.block_first:
                j += 1
                continue
            if line.block_single and _title_like(line.text, allow_period=False) and len(line.text) <= 100:
                value = in_field and field_values < 3  # a field's value lines ("Religions:" then its lines)
                values += value
                field_values += value
                titles += not value
                if titles > 3 or values > 16:
                    return False
                j += 1
                continue
            block_end = j
            while block_end + 1 < len(self.lines) and not self.lines[block_end + 1].block_first:
                block_end += 1
            block = self.text[line.start : self.lines[block_end].end]
            if _is_prose(block):
                return True
            label = line.text.strip()
            if not _FIELD_LABEL.fullmatch(label) or label[:-1].strip() in _NOT_FIELDS:
                values += 1
                field_values += 1
                if not in_field or values > 16 or field_values > 3:
                    return False
                j = block_end + 1  # the value of the label before it
                continue
            fields += 1
            if fields > 8:
                return False
            in_field = block_end == j  # a label alone: the lines after it are its value
            field_values = 0
            j = block_end + 1
        return False

    def _in_order(self, found: _Found, stack: list[_Found]) -> bool:
        """Numbered headings must increase among their siblings; a restart at 1 opens a new run."""
        if found.key is None:
            return True
        for open_ in reversed(stack):
            if open_.rank < found.rank:
                break
            if open_.rank == found.rank and open_.key is not None:
                return found.key > open_.key or found.key[0] == 1
        return True

    # -- numbered paragraphs

    def _with_paragraphs(self, found: list[_Found]) -> list[_Found]:
        """Add the numbered paragraphs of each article-rank heading's scope."""
        out: list[_Found] = []
        for k, h in enumerate(found):
            out.append(h)
            if h.rank != ARTICLE:
                continue
            scope_end = found[k + 1].start if k + 1 < len(found) else len(self.text)
            out.extend(self._paragraphs(h, scope_end))
        return out

    def _paragraphs(self, article: _Found, scope_end: int) -> list[_Found]:
        first = bisect.bisect_left(self._line_starts, article.start)
        last = bisect.bisect_left(self._line_starts, scope_end)
        lines = self.lines[first:last]
        out = self._kuan(article, lines) if self.lang == "zh" else []
        below = 1 if out else 0  # numbered items sit under the 款 when there are 款
        numbering = Numbering()
        for ln in lines:
            offset = ln.start
            if ln.start < article.end:  # text after the heading on its line ("제3조(…) ① …")
                rest = self.text[article.end : ln.end]
                offset = article.end + len(rest) - len(rest.lstrip())
            if offset >= ln.end or self._excluded(offset, ln.end):
                continue
            number = paragraph_number(self.text[offset : ln.end])
            placed = numbering.place(number) if number is not None else None
            if number is None or placed is None:
                continue
            depth, family = placed
            label = number_label(family, number.value, self.lang)
            out.append(_Found(offset, offset + number.length, ENUM + below + depth, label, numbered=True))
        out.sort(key=lambda f: (f.start, f.rank))
        return out

    def _kuan(self, article: _Found, lines: list[_Line]) -> list[_Found]:
        """The 款 of a Chinese article, its paragraphs other than items, when it has two or more."""
        kuan = [
            ln.start
            for ln in lines
            if ln.block_first and not _starts_item(ln.text) and ln.start >= article.start
        ]
        if len(kuan) < 2:
            return []
        return [_Found(at, at, ENUM, f"第{han_numeral(n + 1)}款", numbered=True) for n, at in enumerate(kuan)]


def _starts_item(line: str) -> bool:
    number = paragraph_number(line)
    return number is not None and number.families[0].startswith("han")


def _levels(found: list[_Found]) -> list[Heading]:
    """Nesting depths from ranks: each heading sits under the open headings of smaller rank."""
    out: list[Heading] = []
    stack: list[_Found] = []
    for f in found:
        _close(stack, f.rank)
        stack.append(f)
        out.append(Heading(f.start, f.end, f.rank, len(stack), f.label, f.numbered))
    return out


def _close(stack: list[_Found], rank: int) -> None:
    while stack and (stack[-1].rank >= rank or stack[-1].label in {"Preamble", "전문", "序言"}):
        stack.pop()


# ---------------------------------------------------------------- citations

_ART_LABEL = re.compile(r"Article (?P<n>\S+(?: (?:bis|ter|quater|quinquies))?)$")
_KO_ART_LABEL = re.compile(r"(?P<d>제\d+조(?:의\d+)?)")
_ZH_ART_LABEL = re.compile(rf"(?P<d>第[{_HAN_NUM}\d]+条(?:之[{_HAN_NUM}\d]+)?)$")
_SECTION_LABEL = re.compile(r"Section (?P<n>[0-9IVXLCDM]+)\b")
_LETTER_LABEL = re.compile(r"(?P<l>[a-z])\. ")
_SHORT = {
    "Chapter": "Ch.",
    "Subchapter": "Subch.",
    "Article": "Art.",
    "Paragraph": "para.",
    "Section": "Sec.",
}


def citation(path: Sequence[str]) -> str:
    """The short citation of a section path, as a lawyer writes it.

    ("Part I", "Article 2", "2") -> "Art. 2(2)"; ("Chapter I", "Article 1", "A", "(2)") ->
    "Art. 1A(2)"; ("제2장", "제8조(난민인정 등의 결정)", "제1항") -> "제8조제1항"; ("§ 7801",) ->
    "§ 7801"; ("第二编", "第二百四十条", "第二款") -> "第二百四十条第二款"; ("Section 3. Security of the
    Person", "c. Protection to Refugees") -> "Section 3.c"; ("Schedule", "Paragraph 6", "2") ->
    "Schedule, para. 6(2)". A path with no article-like element cites its innermost heading
    (abbreviated: "Part II", "Ch. IV"). "" for an empty path.
    """
    if not path:
        return ""
    for k in range(len(path) - 1, -1, -1):
        head = _article_cite(path, k)
        if head is not None:
            return head + "".join(_sub_cite(label) for label in path[k + 1 :])
    for k in range(len(path) - 1, -1, -1):
        m = _SECTION_LABEL.match(path[k])
        if m:
            letters = [lm.group("l") for lm in (_LETTER_LABEL.match(p) for p in path[k + 1 :]) if lm]
            return f"Section {m.group('n')}" + (f".{letters[0]}" if letters else "")
    last = path[-1]
    word, _, rest = last.partition(" ")
    if word in _SHORT and rest and len(rest.split()) == 1:
        return f"{_SHORT[word]} {rest}"
    return last


def _article_cite(path: Sequence[str], k: int) -> str | None:
    label = path[k]
    m = _ART_LABEL.match(label)
    if m:
        return f"Art. {m.group('n')}"
    if label.startswith("§ "):
        return label
    m = _KO_ART_LABEL.match(label)
    if m:
        supplement = next((p for p in path[:k] if p.startswith("부칙")), None)
        return f"{supplement} {m.group('d')}" if supplement else m.group("d")
    m = _ZH_ART_LABEL.match(label)
    if m:
        return m.group("d")
    if label.startswith("Paragraph ") and k:
        return f"{path[k - 1]}, para. {label.split()[1]}"
    return None


def _sub_cite(label: str) -> str:
    if label.startswith(("(", "제", "第")) or label.endswith(("목", "（")):
        return label
    if len(label) == 1 and label.isupper():
        return label  # "Art. 1A": a lettered section of an article follows it directly
    return f"({label})"


# ---------------------------------------------------------------- text helpers


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    prev_blank = True
    raw = text.split("\n")
    for k, line in enumerate(raw):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            nxt_blank = k + 1 >= len(raw) or not raw[k + 1].strip()
            out.append(
                _Line(pos + lead, pos + lead + len(stripped), stripped, prev_blank, prev_blank and nxt_blank)
            )
            prev_blank = False
        else:
            prev_blank = True
        pos = end + 1
    return out


def _title_like(text: str, *, allow_period: bool) -> bool:
    """A short line that does not end a sentence or a clause (footnote marks ignored)."""
    core = _FOOTNOTE_MARKS.sub("", text.strip()).rstrip(_CLOSERS).rstrip()
    if not core or len(core) > 200 or len(_WORD.findall(core)) > 20:
        return False
    if not any(ch.isalpha() for ch in core):
        return False
    return allow_period or core[-1] not in _TERMINAL


def _is_prose(block: str) -> bool:
    words = _WORD.findall(block)
    if len(words) < 8:
        return False
    has_end = re.search(r"[.!?。！？](?:[\"'”’)\]]*)(?:\s|$)", block) is not None
    return has_end or len(words) >= 20


def _number_key(num: str, suf: str) -> tuple[int, int] | None:
    if num.isdigit():
        return int(num), _SUFFIXES.get(suf, 0)
    if all(ch in _ROMAN for ch in num):
        n = roman_value(num)
        return (n, _SUFFIXES.get(suf, 0)) if n is not None else None
    if len(num) == 1 and num.isalpha():
        return ord(num) - ord("A") + 1, 0
    return None


def _us_key(num: str) -> tuple[int, int]:
    digits = re.match(r"\d+", num)
    base = int(digits.group()) if digits else 0
    rest = num[digits.end() :] if digits else num
    sub = 0
    for ch in rest:
        sub = sub * 27 + (ord(ch) - 96 if ch.isalpha() else 0)
    return base, sub
