"""Non-prose in a canonical text: what a quote must never be made of.

`find_nonprose(text)` returns spans of the kinds in `corpus.models.NON_PROSE`:

- "caption": an image line ("![alt](https://...jpg)") or a line credited to a picture source
  ("... [Image source=AP Yonhap News]", "(Photo: Reuters)", "Photo by ...", "사진=연합뉴스");
- "credit": a copyright or rights line ("© The Asia Business Daily. All rights reserved.",
  "Copyright 2023 ...", "무단전재 및 재배포 금지", "版权所有"), a bare source link ("Source PDF: https://...");
- "references": a reference section ("References", "Notes", "Sources", "Bibliography", "Further
  reading", ...) with the list under it, and runs of footnote lines ("[12] Smith, J. (2003) ...");
- "navigation": "See also" and "External links" sections, category and interlanguage lines
  ("Category:Communist states", "pt:Coreia do Norte#Demografia"), runs of empty list items
  ("- - - -"), breadcrumb and menu lines ("Home | News | World"), and paragraphs that only point to
  another document by its address ("See the Department of State's annual Trafficking in Persons
  Report at https://...");
- "contents": a table of contents (a "Contents" heading and its entries, or three or more lines
  ending in a page number after dot leaders).

Detection is conservative: a span is marked only when its form leaves no doubt, and a section
heading is marked only with the list under it, never with prose: a "Notes" heading followed by a
paragraph is left alone. Spans are whole lines (or runs of them), trimmed, ascending and disjoint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.models import NON_PROSE, Region, RegionKind, Source

_APPENDIX: dict[str, RegionKind] = {
    "see also": "navigation",
    "external links": "navigation",
    "external link": "navigation",
    "references": "references",
    "reference": "references",
    "notes": "references",
    "footnotes": "references",
    "notes and references": "references",
    "references and notes": "references",
    "sources": "references",
    "bibliography": "references",
    "further reading": "references",
    "works cited": "references",
    "citations": "references",
    "참고 문헌": "references",
    "참고문헌": "references",
    "각주": "references",
    "외부 링크": "navigation",
    "같이 보기": "navigation",
    "参考文献": "references",
    "注释": "references",
    "外部链接": "navigation",
    "参见": "navigation",
}
_CONTENTS_TITLES = frozenset({"contents", "table of contents", "목차", "차례", "目录", "目 录", "目次"})

_IMAGE = re.compile(r"!\[[^\n]*\]\([^)\s]+\)\s*$")
_CAPTION_END = re.compile(
    r"(?:\[(?:Image|Photo|Picture)(?: source)?\s*[=:][^\]\n]{1,80}\]"
    r"|\((?:Photo|Image|Picture)(?: by| source)?\s*[=:][^)\n]{1,80}\)"
    r"|[\[(](?:사진|이미지)\s*[=:][^\])\n]{1,60}[\])]"
    r"|\((?:AP|AFP|Reuters|EPA|Getty Images|Yonhap|연합뉴스|뉴시스)(?: Photo)?(?:/[^)\n]{1,60})?\))\s*$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"(?:Photo|Image|Picture|Caption)(?: by| credit)?\s*:\s*\S|사진\s*[=:]\s*\S", re.IGNORECASE
)
_CREDIT = re.compile(
    r"©|(?:^|\s)\([cC]\)\s*(?:19|20)\d\d\b"
    r"|\ball rights reserved\b|^copyright\b\s*(?:©|\(c\)|\d{4})|무단\s?전재|재배포\s?금지|版权所有|著作権",
    re.IGNORECASE,
)
_SOURCE_LINK = re.compile(r"(?:Source(?: PDF)?|Retrieved from|Available at|URL)\s*:\s*https?://\S+\s*$")
_CATEGORY = re.compile(r"(?:^|\s)Category:\S")
_INTERWIKI = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,8})?:[^\s:/][^\n]{0,80}$")
_EMPTY_ITEMS = re.compile(r"(?:[-*•]\s+)+[-*•]$")
_LIST_ITEM = re.compile(r"(?:[-*•▪◦]\s+|\^\s*|\d{1,3}\.\s+)\S")
_FOOTNOTE = re.compile(r"\[\d{1,4}\]\s+\S|\^\s")
_TOC_LINE = re.compile(r".{2,160}?(?:\s?\.{3,}|\s?…+|\s?(?:·\s?){3,})\s*\d{1,4}$")
_MENU = re.compile(r"[^|>\n]{1,30}(?:\s[|>»]\s[^|>\n]{1,30}){2,}$")
_TERMINAL = ".!?。！？"
# A paragraph that only sends the reader elsewhere: "See the Department of State's annual Trafficking in
# Persons Report at https://...", "For more information, visit: https://...".
_POINTER = re.compile(
    r"(?:see\s|refer to\s|for (?:more|further|additional) (?:details|information)\b[^,:.\n]{0,80}?[,:]?"
    r"\s*(?:please\s+)?(?:see|go to|visit|refer to)?)"
    # one clause up to the address: no sentence end in it (a period only inside a word: "U.S")
    r"(?:[^\n.!?]|\.(?=\S)){0,160}?(?:\bat\b|:)\s*<?https?://[^\s>]+>?\.?",
    re.IGNORECASE,
)
# a pointer that also says something ("See the report, which found ...")
_CLAUSE = re.compile(r",\s*(?:which|that|who|where|whose)\b", re.IGNORECASE)
MAX_POINTER_WORDS = 40


@dataclass
class _Line:
    start: int
    end: int
    text: str
    block: int  # index of its paragraph (blank-line separated)


# Regions a loader found that hold content by the file's own structure: text-based detection never
# marks them non-prose (a table's rows are not a menu; a document's footnotes are part of it).
_CONTENT_KINDS = frozenset({"table", "footnotes"})


def nonprose_of(source: Source) -> tuple[Region, ...]:
    """Non-prose spans of a Source: those its loaders marked plus those found in its text, except
    inside the tables and footnotes the loaders found."""
    given = [r for r in source.regions if r.kind in NON_PROSE]
    content = [r for r in source.regions if r.kind in _CONTENT_KINDS]
    found = [
        r for r in find_nonprose(source.text) if not any(c.start < r.end and r.start < c.end for c in content)
    ]
    return merge_regions([*given, *found])


def find_nonprose(text: str) -> tuple[Region, ...]:
    """Non-prose spans of a canonical text, as Regions of the NON_PROSE kinds, ascending, disjoint.

    Args:
        text: a canonical text (lines separated by "\\n", paragraphs by a blank line).

    Returns:
        Regions whose `start`/`end` are offsets into `text` and whose `label` says why the span was
        marked (e.g. "image", "copyright", "References"); empty when there is none.
    """
    lines = _lines(text)
    found: list[Region] = []
    found.extend(_line_marks(lines))
    found.extend(_appendices(lines))
    found.extend(_footnote_runs(lines))
    found.extend(_contents(lines))
    found.extend(_pointers(lines))
    return merge_regions(found)


def merge_regions(regions: Iterable[Region]) -> tuple[Region, ...]:
    """Sorted, disjoint regions: an overlapping region is cut to what its predecessors leave."""
    out: list[Region] = []
    for r in sorted(regions, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            if r.end <= out[-1].end:
                continue
            r = Region(out[-1].end, r.end, r.kind, r.level, r.label)
        out.append(r)
    return tuple(out)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    block = 0
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank and out:
                block += 1
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, block))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


def _region(lines: list[_Line], kind: RegionKind, label: str) -> Region:
    return Region(lines[0].start, lines[-1].end, kind, 0, label)


def _line_marks(lines: list[_Line]) -> list[Region]:
    """Captions, credits, category and interlanguage lines, empty list items, menus: one line each."""
    out: list[Region] = []
    for line in lines:
        t = line.text
        words = len(t.split())
        kind: RegionKind | None = None
        label = ""
        if _IMAGE.match(t):
            kind, label = "caption", "image"
        elif words <= 60 and (_CAPTION_END.search(t) or _CAPTION_START.match(t)):
            kind, label = "caption", "picture credit"
        elif words <= 40 and _CREDIT.search(t):
            kind, label = "credit", "copyright"
        elif _SOURCE_LINK.match(t):
            kind, label = "credit", "source link"
        elif _CATEGORY.search(t) and t.count("Category:") * 12 >= words:
            kind, label = "navigation", "categories"
        elif (_INTERWIKI.match(t) and words <= 8 and "#" in t) or _EMPTY_ITEMS.match(t):
            kind, label = "navigation", "links"
        elif _MENU.match(t) and not t.startswith("|") and words <= 30:
            kind, label = "navigation", "menu"
        if kind is not None:
            out.append(Region(line.start, line.end, kind, 0, label))
    return out


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and blocks[-1][0].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _appendix_kind(block: list[_Line]) -> RegionKind | None:
    if len(block) != 1:
        return None
    title = block[0].text.strip("#*=: ").lower()
    return _APPENDIX.get(title)


def _apparatus(block: list[_Line]) -> bool:
    """A block that can only be part of a reference or link section: lists, footnotes, link lines."""
    for line in block:
        t = line.text
        if _LIST_ITEM.match(t) or _FOOTNOTE.match(t) or _EMPTY_ITEMS.match(t) or _CATEGORY.search(t):
            continue
        if _INTERWIKI.match(t) and "#" in t:
            continue
        if len(t.split()) <= 8 and t[-1] not in _TERMINAL:
            continue  # a subheading of the section ("Government websites")
        return False
    return True


def _appendices(lines: list[_Line]) -> list[Region]:
    """Reference and link sections: an appendix heading and the apparatus blocks under it."""
    out: list[Region] = []
    blocks = _blocks(lines)
    k = 0
    while k < len(blocks):
        kind = _appendix_kind(blocks[k])
        if kind is None:
            k += 1
            continue
        heading = blocks[k]
        j = k + 1
        while j < len(blocks) and _appendix_kind(blocks[j]) is None and _apparatus(blocks[j]):
            j += 1
        ends_section = j == len(blocks) or _appendix_kind(blocks[j]) is not None
        if j > k + 1 or ends_section:
            members = [line for block in blocks[k:j] for line in block]
            out.append(_region(members, kind, heading[0].text))
        k = max(j, k + 1)
    return out


_CITATION = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b|https?://|www\.|\bRetrieved\b|\bISBN\b|\bdoi\b|\bpp?\.\s*\d|\bet al\b|\bIbid\b",
    re.IGNORECASE,
)


def _footnote_runs(lines: list[_Line]) -> list[Region]:
    """Two or more consecutive reference-like footnote lines ("[12] Smith (2003) ...": a year, a URL,
    pages, "Retrieved"...), or one that ends the text. A footnote that is a sentence of the document
    ("[1] The register is updated every Tuesday.") is content, not a reference."""
    out: list[Region] = []
    run: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and re.match(r"\[\d{1,4}\]\s+\S", line.text) and _CITATION.search(line.text):
            run.append(line)
            continue
        if len(run) >= 2 or (run and line is None):
            out.append(_region(run, "references", "footnotes"))
        run = []
    return out


def _pointers(lines: list[_Line]) -> list[Region]:
    """Paragraphs that only point to another document by its address (`_POINTER`, at most
    MAX_POINTER_WORDS words): they say nothing a quote could stand on. A pointer after a sentence of
    content in the same paragraph is left with it."""
    out: list[Region] = []
    for block in _blocks(lines):
        text = " ".join(line.text for line in block)
        if len(text.split()) <= MAX_POINTER_WORDS and _POINTER.fullmatch(text) and not _CLAUSE.search(text):
            out.append(_region(block, "navigation", "cross-reference"))
    return out


def _contents(lines: list[_Line]) -> list[Region]:
    """Tables of contents: a "Contents" heading with its entries, or runs of dot-leader lines."""
    out: list[Region] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.text.strip("#*: ").lower() in _CONTENTS_TITLES:
            j = k + 1
            while j < len(lines) and _toc_entry(lines[j].text):
                j += 1
            if j - k >= 3:
                out.append(_region(lines[k:j], "contents", "table of contents"))
                k = j
                continue
        if _TOC_LINE.match(line.text):
            j = k
            while j < len(lines) and _TOC_LINE.match(lines[j].text):
                j += 1
            if j - k >= 3:
                out.append(_region(lines[k:j], "contents", "table of contents"))
            k = max(j, k + 1)
            continue
        k += 1
    return out


def _toc_entry(text: str) -> bool:
    if _TOC_LINE.match(text):
        return True
    words = text.split()
    return (
        len(words) <= 14 and text[-1] not in _TERMINAL + ",;:" and (words[-1].isdigit() or len(words) <= 10)
    )
