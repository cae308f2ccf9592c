"""Citations of a quoted passage: where it stands in its source, and exports for reference managers.

`place(passage)` is the one way every interface (API, web, CLI, exports) names a passage's location,
the most precise one known:
- the page of a PDF ("p. 12", "pp. 12–13"), with the article or section when the text has one
  ("p. 12, Art. 33");
- else the article or section from the source's own structure ("Art. 33", "§ 7801", "제5조제3항",
  "sec. “Human rights”");
- else the character range in the canonical text ("chars 1200–1850"), which is always exact.

A paragraph number appears only where the source numbers its paragraphs (it is then part of the
section path, "Schedule, para. 6(2)"); counted paragraphs of a text are not shown, because a reader
could not find them.

`csl_json`, `bibtex` and `ris` render one passage's citation for Zotero, EndNote, Mendeley and the
like: title, publisher, date, URL, licence, language, access date and the location. They are pure:
the access date is passed in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from corpus.models import Passage, SourceMeta
from corpus.structure import citation as provision_of

CitationFormat = Literal["csl-json", "bibtex", "ris"]
FORMATS: tuple[CitationFormat, ...] = ("csl-json", "bibtex", "ris")
MEDIA_TYPES: dict[CitationFormat, str] = {
    "csl-json": "application/vnd.citationstyles.csl+json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
}
EXTENSIONS: dict[CitationFormat, str] = {"csl-json": "json", "bibtex": "bib", "ris": "ris"}

# A heading that is itself a provision or a numbered division, as opposed to a heading's title.
_STRUCTURAL = re.compile(
    r"^(?:§|Art\.|Article|Ch\.|Chapter|Subch\.|Part|Sec\.|Section|Schedule|Annex|Appendix|Title|Book|"
    r"para\.|Paragraph|Rule|Preamble|Protocol|제|부칙|第)"
)


@dataclass(frozen=True)
class Place:
    """Where a passage stands in its source.

    Attributes:
        pages: "12" or "12-13" for a PDF, else None.
        section: the provision or section as a citation names it ("Art. 33", "sec. “History”"),
            else None.
        chars: "1200-1850", the passage's character range in the canonical text (always known).
        label: the most precise human form: "p. 12, Art. 33", "Art. 33", "chars 1200–1850".
    """

    pages: str | None
    section: str | None
    chars: str
    label: str


def section_label(path: tuple[str, ...] | list[str]) -> str | None:
    """The section path as a location: a provision ("Art. 33(1)") or a heading ("sec. “History”")."""
    if not path:
        return None
    cited = provision_of(tuple(path))
    if not cited:
        return None
    if cited == path[-1] and not _STRUCTURAL.match(cited):
        return f"sec. “{cited}”"
    return cited


def place(p: Passage) -> Place:
    """The location of passage `p` (see the module docstring for the order of precision)."""
    pages = None
    if p.page is not None:
        pages = f"{p.page}-{p.page_end}" if p.page_end and p.page_end != p.page else str(p.page)
    section = section_label(p.section)
    chars = f"{p.char_start}-{p.char_end}"
    if pages is not None:
        where = f"pp. {pages.replace('-', '–')}" if "-" in pages else f"p. {pages}"
        label = f"{where}, {section}" if section else where
    else:
        label = section or f"chars {p.char_start}–{p.char_end}"
    return Place(pages=pages, section=section, chars=chars, label=label)


def citation_text(meta: SourceMeta, p: Passage, url: str | None = None) -> str:
    """One line: publisher, “title”, date, place, licence. URL (what the copy button copies).

    `url` overrides `meta.url` (pages pass only http(s) URLs); by default `meta.url` is used.
    """
    link = meta.url if url is None else url
    parts = [meta.publisher, f"“{meta.title}”", meta.date, place(p).label, meta.license]
    text = ", ".join(x for x in parts if x)
    return f"{text}. {link}" if link else text


# -- exports -----------------------------------------------------------------------------------------
def _date_parts(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(x) for x in value.split("-")[:3]]
    except ValueError:
        return None


def _note(p: Place, passage_id: str) -> str:
    return f"{p.label}; characters {p.chars.replace('-', '–')} of the canonical text; passage {passage_id}"


def csl_json(meta: SourceMeta, p: Passage, accessed: date) -> str:
    """CSL-JSON (a list with one item), as Zotero, Mendeley and pandoc import it."""
    where = place(p)
    item: dict[str, object] = {"id": p.id, "type": "document", "title": meta.title}
    if meta.publisher:
        item["publisher"] = meta.publisher
        item["author"] = [{"literal": meta.publisher}]
    issued = _date_parts(meta.date)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if meta.url:
        item["URL"] = meta.url
    if meta.license:
        item["license"] = meta.license
    if meta.language and meta.language != "und":
        item["language"] = meta.language
    item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if where.pages:
        item["page"] = where.pages
    if where.section:
        item["section"] = where.section
    item["note"] = _note(where, p.id)
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


_BIB_SPECIAL = re.compile(r"([{}\\&%$#_~^])")
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib(value: str) -> str:
    return _BIB_SPECIAL.sub(lambda m: _BIB_ESCAPES.get(m.group(1), "\\" + m.group(1)), value)


def bibtex_key(meta: SourceMeta, p: Passage) -> str:
    """A stable key: first word of the publisher (or title), the year, and the passage id's head."""
    word = next(iter((meta.publisher or meta.title or "source").split()), "source")
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]", "", ascii_word) or "source"
    year = (meta.date or "")[:4] if (meta.date or "")[:4].isdigit() else "nd"
    return f"{stem}{year}-{re.sub(r'[^A-Za-z0-9]', '', p.id)[:8]}"


def bibtex(meta: SourceMeta, p: Passage, accessed: date) -> str:
    """A BibTeX/BibLaTeX `@misc` entry (title in double braces so its case is kept)."""
    where = place(p)
    fields: list[tuple[str, str]] = [("title", "{" + _bib(meta.title) + "}")]
    if meta.publisher:
        fields += [("author", "{" + _bib(meta.publisher) + "}"), ("publisher", _bib(meta.publisher))]
    parts = _date_parts(meta.date)
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", meta.date or ""))
    if meta.url:
        fields += [("url", meta.url), ("howpublished", r"\url{" + meta.url + "}")]
    fields.append(("urldate", accessed.isoformat()))
    if where.pages:
        fields.append(("pages", where.pages.replace("-", "--")))
    if where.section:
        fields.append(("chapter", _bib(where.section)))
    if meta.language and meta.language != "und":
        fields.append(("langid", meta.language))
    note = _note(where, p.id) + (f"; licence: {meta.license}" if meta.license else "")
    fields.append(("note", _bib(note)))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(meta, p)},\n{body}\n}}\n"


def ris(meta: SourceMeta, p: Passage, accessed: date) -> str:
    """An RIS record (EndNote, Zotero, RefWorks), lines ending in CRLF as the format expects."""
    where = place(p)
    rows: list[tuple[str, str]] = [("TY", "GEN"), ("TI", meta.title)]
    if meta.publisher:
        rows += [("AU", meta.publisher), ("PB", meta.publisher)]
    parts = _date_parts(meta.date)
    if parts:
        padded = [f"{parts[0]:04d}"] + [f"{x:02d}" for x in parts[1:]]
        rows.append(("PY", padded[0]))
        rows.append(("DA", "/".join(padded + [""] * (3 - len(padded))) + "/"))
    if meta.url:
        rows.append(("UR", meta.url))
    rows.append(("Y2", accessed.strftime("%Y/%m/%d")))
    if where.pages:
        first, _, last = where.pages.partition("-")
        rows.append(("SP", first))
        if last:
            rows.append(("EP", last))
    if where.section:
        rows.append(("SE", where.section))
    if meta.language and meta.language != "und":
        rows.append(("LA", meta.language))
    rows.append(("N1", _note(where, p.id)))
    if meta.license:
        rows.append(("N1", f"Licence: {meta.license}"))
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in rows]
    return "\r\n".join([*lines, "ER  - ", ""])


def render(fmt: CitationFormat, meta: SourceMeta, p: Passage, accessed: date) -> str:
    """The passage's citation in `fmt` ("csl-json", "bibtex" or "ris")."""
    return {"csl-json": csl_json, "bibtex": bibtex, "ris": ris}[fmt](meta, p, accessed)
