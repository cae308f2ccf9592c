"""Word (.docx) files, read from their XML parts as a reader sees the document.

What is read, in reading order: body paragraphs and tables, paragraphs inside content controls
(w:sdt), the accepted view of tracked changes (insertions in, deletions and moved-away text out), the
shown results of fields (the outermost field's result; never field codes, nor the results of fields
nested in a code, such as the MERGEFIELD inside an IF), text boxes (after the paragraph that anchors
them), one branch of each mc:AlternateContent (its forms hold the same content), and footnotes and
endnotes, whose reference marks stay in the text ("register[1].") and whose text follows the body as a
notes section ("[1] The register is ..."; a `footnotes` region). Tables are one line per row with
" | " between cells (header rows: those marked as repeating, else the first); a table nested in a cell
is read into that cell with "; " between its rows and ", " between its cells. Headings come from
heading styles or outline levels (heading regions); numbered and bulleted paragraphs (numbered
directly or through their paragraph style) are list lines.

Word draws list numbers and bullets; they are not in the runs. They are shown as a reader sees them,
like HTML lists: "1. item", "2.1 item", "a) item" (the level's w:lvlText from word/numbering.xml, with
its counters in the level's w:numFmt), and "- item" for every bullet whatever its glyph. Counters run
per list definition (w:abstractNum, which lists sharing it continue, as Word counts them) and level,
from w:start, or a w:startOverride when its list is first met; a deeper level restarts when a
shallower one advances. Numbered headings carry their number too ("2. Results"; not in the title taken
from a heading). A number that cannot be resolved (no numbering part, an unknown list) is left out, or
shown as "-" when the paragraph's style is a bullet style.

Left out on purpose, each with a note on the source when the file has any: headers and footers,
comments, text formatted as hidden (directly, or through its character or paragraph style), embedded
objects and alternative-format chunks, and tables of contents (a TOC field's result, a content control
from the Table of Contents gallery, paragraphs in the TOC styles): their entries repeat the headings
with page numbers that mean nothing without pages, and they never give the title. DOCX has no pages.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from corpus.errors import UnreadableSource
from corpus.loaders.base import Extracted, FileMeta, TextBuilder, add_table
from corpus.script import normalize_language

# Values that python-docx's blank template and authoring tools fill in when nobody set them.
_JUNK_TITLES = {"word document", "document", "untitled"}
_JUNK_AUTHORS = {"python-docx", "microsoft office user", "author", "user", "administrator"}
_TEMPLATE_CREATED = "2013-12-23T23:15:00"  # python-docx's default.docx
# Refuse packages that unpack to more than this (a ZIP bomb declares a huge uncompressed size;
# zipfile never inflates past what is declared).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = _DOC_REL + "/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _R, _T, _TBL, _TR, _TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_ALTERNATE, _TXBX = f"{{{_MC}}}AlternateContent", _w("txbxContent")
_GONE = frozenset((_w("del"), _w("moveFrom")))  # tracked deletions and moved-away text: not read
_OFF = ("0", "false", "off")
# Elements whose children are read as if they stood in their place.
_TRANSPARENT = {
    _w(n)
    for n in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent")
}
_SKIPPED = {_w(n) for n in ("del", "moveFrom", "rPr", "pPr", "sdtPr", "sdtEndPr", "tblPr", "trPr", "tcPr")}
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|título|标题|제목)\s*(\d)$", re.I)
# Word's built-in styles of a table of contents: its heading ("TOC Heading") and entries ("toc 1".."toc 9").
_TOC_STYLE = re.compile(r"^toc\s*\d$", re.I)  # the entries' styles ("toc 1")
_TOC_HEADING = re.compile(r"^toc\s*heading$", re.I)  # left out only right before a table of contents
_TOC_GALLERY = "table of contents"
_BULLET_STYLE = re.compile(r"bullet", re.I)  # "List Bullet 2": a bullet list style, whatever its glyph
_LEVEL_REF = re.compile(r"%([1-9])")  # "%2" in a w:lvlText: the counter of level 2 (w:ilvl 1)
_ROMAN: tuple[tuple[str, int], ...] = (
    *(("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50)),
    *(("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1)),
)


def _roman(n: int) -> str:
    out = []
    for letters, value in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's lowerLetter numbers: a..z, then aa..zz, aaa.. (the letter repeated, not a base-26 count)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    """Counter value `n` in w:numFmt `fmt`; formats not spelled out here (other scripts' counting
    systems) are shown as decimal digits, which keep the number a reader needs."""
    if n <= 0 and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        return str(n)  # letters and Roman numerals have no zero or negatives
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    return str(n)


MAX_LIST_START = 32767  # Word's largest list start value


def _clamped_start(value: str | None, default: int = 1) -> int:
    """A list level's start value, within 0..32767 as Word allows (a huge w:start in a broken or
    hostile file must not make a million-character letter or Roman number)."""
    return min(max(_int(value, default), 0), MAX_LIST_START)


def _int(value: str | None, default: int) -> int:
    """An integer attribute, or `default` when it is missing or not an integer (a damaged file)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(prop: Any) -> bool:
    """Whether an on/off property such as w:vanish is on: present with no w:val, or one that is not off."""
    return (prop.get(_w("val")) or "true").lower() not in _OFF


def _t_text(t: Any) -> str:
    """The text of a w:t element; unresolved entity references in it are left out, not what follows."""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def _alternative(el: Any) -> Any:
    """The branch of an mc:AlternateContent that is read: the first Choice, else the Fallback.

    Both hold the same content (e.g. a text box as DrawingML and as VML); reading one avoids doubles.
    """
    choice = el.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else el.find(f"{{{_MC}}}Fallback")


def _text_boxes(el: Any) -> list[Any]:
    """The outermost text box contents (w:txbxContent) inside `el`, through one branch of each
    mc:AlternateContent.

    A box drawn both as DrawingML and as VML is found once; a box inside a box is read with the box
    that holds it, not found again here.
    """
    found: list[Any] = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _TXBX:
            found.append(child)
        elif child.tag == _ALTERNATE:
            chosen = _alternative(child)
            if chosen is not None:
                found.extend(_text_boxes(chosen))
        else:
            found.extend(_text_boxes(child))
    return found


def _nested_table(rows: list[list[str]]) -> str:
    """A table nested in a cell, on one line: ", " between its cells and "; " between its rows.

    The outer table has one line per row, so the nested rows cannot have lines of their own; the
    separators keep the words of different rows and cells from running together.
    """
    lines = (", ".join(cell for cell in row if cell) for row in rows)
    return "; ".join(line for line in lines if line)


_WRAPPERS = {_w("sdt"), _w("sdtContent"), _w("customXml")}


def _children(el: Any, tag: str) -> list[Any]:
    """Children of `el` with `tag`, also those wrapped in content controls or custom XML."""
    found: list[Any] = []
    for child in el:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found


def _check_package(data: bytes) -> zipfile.ZipFile:
    """The ZIP package, refused when it is not one or would unpack to too much."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableSource(f"not a valid DOCX file (not a Word ZIP package): {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise UnreadableSource(
            f"DOCX package has {len(members):,} parts, more than the {MAX_MEMBERS:,} allowed"
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableSource(
            f"DOCX package unpacks to {unpacked / 2**20:,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES / 2**20:,.0f} MB allowed (a ZIP bomb?); not read"
        )
    return package


def _parse(package: zipfile.ZipFile, name: str) -> Any:
    """The root element of XML part `name`, or None when the package has no such part.

    Entities are never resolved and no DTD or network resource is loaded (XXE, billion laughs).
    """
    from lxml import etree

    try:
        raw = package.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise UnreadableSource(f"corrupt DOCX file: part {name} cannot be unpacked: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableSource(f"corrupt DOCX file: {name} is not well-formed XML: {exc}") from exc


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of `part`: id -> (type, target path inside the package)."""
    folder, name = posixpath.split(part)
    root = _parse(package, posixpath.join(folder, "_rels", name + ".rels"))
    found: dict[str, tuple[str, str]] = {}
    if root is None:
        return found
    for rel in root.iter(f"{{{_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found[rel.get("Id") or ""] = (rel.get("Type") or "", path)
    return found


def _main_part(package: zipfile.ZipFile) -> str:
    for kind, target in _relationships(package, "").values():
        if kind in (_OFFICE_DOCUMENT, _STRICT_OFFICE_DOCUMENT):
            return target
    if "word/document.xml" in package.namelist():
        return "word/document.xml"
    raise UnreadableSource("not a valid DOCX file: the package has no Word document part")


@dataclass
class _Styles:
    names: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    vanish: dict[str, bool] = field(default_factory=dict)  # a style's own w:rPr/w:vanish setting
    # a style's own w:pPr/w:numPr: (w:numId, w:ilvl), each None when not given
    numbering: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    default_paragraph: str | None = None  # the style of paragraphs that name none

    def chain(self, style_id: str | None) -> Iterator[str]:
        """A style, then the styles it is based on, nearest first (a loop in w:basedOn ends it)."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            yield style_id
            style_id = self.based_on.get(style_id)

    def numbered(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The list numbering a paragraph style gives: the w:numPr of the nearest style in its chain
        that has one, as (w:numId, w:ilvl); (None, None) when none does."""
        for sid in self.chain(style_id):
            if sid in self.numbering:
                return self.numbering[sid]
        return None, None

    def named(self, style_id: str | None, pattern: re.Pattern[str]) -> bool:
        """Whether the name of the style, or of one it is based on, matches `pattern`."""
        return any(pattern.search(self.names.get(sid, sid).strip()) for sid in self.chain(style_id))

    def hides(self, style_id: str | None) -> bool:
        """Whether a style's run properties hide text: its own w:vanish, else the nearest style it is
        based on that sets one."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.vanish:
                return self.vanish[style_id]
            style_id = self.based_on.get(style_id)
        return False

    def heading_level(self, style_id: str | None) -> int:
        """1-based heading level of a paragraph style (0 when it is not a heading style)."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            name = self.names.get(style_id, style_id)
            if name.lower() == "title":
                return 1
            match = _HEADING_STYLE.match(name.strip())
            if match:
                return max(1, int(match.group(1)))
            if style_id in self.outline:
                return self.outline[style_id] + 1
            style_id = self.based_on.get(style_id)
        return 0


def _on_attr(value: str | None) -> bool:
    """Whether an on/off attribute such as w:default is set on."""
    return value is not None and value.lower() not in _OFF


def _val(el: Any, tag: str) -> str | None:
    """The w:val of child `tag` of `el`, or None when there is no such child."""
    child = el.find(_w(tag))
    return child.get(_w("val")) if child is not None else None


def _num_pr(num_pr: Any) -> tuple[str | None, str | None]:
    """A w:numPr as (w:numId, w:ilvl), each None when not given."""
    return _val(num_pr, "numId"), _val(num_pr, "ilvl")


def _read_styles(root: Any) -> _Styles:
    styles = _Styles()
    if root is None:
        return styles
    for style in root.iter(_w("style")):
        sid = style.get(_w("styleId"))
        if not sid:
            continue
        name = style.find(_w("name"))
        if name is not None and name.get(_w("val")):
            styles.names[sid] = name.get(_w("val"))
        based = style.find(_w("basedOn"))
        if based is not None and based.get(_w("val")):
            styles.based_on[sid] = based.get(_w("val"))
        vanish = style.find(f"{_w('rPr')}/{_w('vanish')}")
        if vanish is not None:
            styles.vanish[sid] = _on(vanish)
        num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is not None:
            styles.numbering[sid] = _num_pr(num_pr)
        if (
            styles.default_paragraph is None
            and style.get(_w("type")) == "paragraph"
            and _on_attr(style.get(_w("default")))
        ):
            styles.default_paragraph = sid
        outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if (
            outline is not None
            and (outline.get(_w("val")) or "").isdigit()
            and int(outline.get(_w("val"))) < 9
        ):
            styles.outline[sid] = int(outline.get(_w("val")))
    return styles


@dataclass(frozen=True)
class _Level:
    """One level of a list definition (w:lvl): how its number is drawn."""

    fmt: str = "decimal"  # w:numFmt: decimal, bullet, lowerLetter, upperRoman, none, ...
    text: str = ""  # w:lvlText: "%1." or "%1.%2" (the counters of levels 1 and 2), or a bullet glyph
    start: int = 1  # w:start, or the list's w:startOverride
    legal: bool = False  # w:isLgl: the counters of all levels are shown as decimal digits
    style: str | None = None  # w:pStyle: the paragraph style this level is attached to


def _read_level(lvl: Any) -> _Level:
    """A w:lvl. Its w:numFmt may stand in an mc:AlternateContent (a Word 2010 custom format), whose
    Fallback holds the format older readers use."""
    fmt = lvl.find(_w("numFmt"))
    if fmt is None:
        fmt = lvl.find(f"{_ALTERNATE}/{{{_MC}}}Fallback/{_w('numFmt')}")
    legal = lvl.find(_w("isLgl"))
    return _Level(
        fmt=(fmt.get(_w("val")) if fmt is not None else None) or "decimal",
        text=_val(lvl, "lvlText") or "",
        start=_clamped_start(_val(lvl, "start")),
        legal=legal is not None and _on(legal),
        style=_val(lvl, "pStyle"),
    )


def _levels(el: Any) -> dict[int, _Level]:
    """The w:lvl children of a w:abstractNum or w:lvlOverride, by w:ilvl."""
    return {_int(lvl.get(_w("ilvl")), 0): _read_level(lvl) for lvl in el.findall(_w("lvl"))}


@dataclass
class _Numbering:
    """The lists of word/numbering.xml: for each w:num (by w:numId), its levels by w:ilvl, with the
    w:lvlOverride of the w:num applied to the levels of its w:abstractNum."""

    lists: dict[str, dict[int, _Level]] = field(default_factory=dict)
    # the w:abstractNum each list resolves to: lists sharing one continue one count, as in Word
    abstract: dict[str, str] = field(default_factory=dict)
    restarts: dict[str, set[int]] = field(default_factory=dict)  # levels a w:startOverride restarts

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        return self.lists.get(num_id, {}).get(ilvl)

    def counted_as(self, num_id: str) -> str:
        """The key a list's counters are kept under: its w:abstractNum."""
        return self.abstract.get(num_id, f"num:{num_id}")

    def styled_level(self, num_id: str, style_id: str | None) -> int:
        """The level of list `num_id` attached to paragraph style `style_id` (its w:pStyle), else 0:
        the level of a paragraph numbered through its style when the style gives no w:ilvl."""
        for ilvl, level in sorted(self.lists.get(num_id, {}).items()):
            if style_id and level.style == style_id:
                return ilvl
        return 0


def _read_numbering(root: Any, styles: _Styles) -> _Numbering:
    """The lists of a numbering part (None: the package has none, so no list can be resolved).

    A w:abstractNum with a w:numStyleLink has no levels of its own: they are those of the list that
    the linked numbering style names.
    """
    numbering = _Numbering()
    if root is None:
        return numbering
    abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
    nums = {num.get(_w("numId")): num for num in root.findall(_w("num"))}

    def resolved(abstract_id: str | None, depth: int = 0) -> str | None:
        """The w:abstractNum that holds the levels (through a w:numStyleLink)."""
        el = abstract.get(abstract_id)
        if el is None:
            return None
        link = _val(el, "numStyleLink")
        if link and depth < 3:
            linked = nums.get(styles.numbered(link)[0])
            if linked is not None:
                return resolved(_val(linked, "abstractNumId"), depth + 1)
        return abstract_id

    for num_id, num in nums.items():
        if not num_id:
            continue
        abstract_id = resolved(_val(num, "abstractNumId"))
        levels = dict(_levels(abstract[abstract_id])) if abstract_id is not None else {}
        if abstract_id is not None:
            numbering.abstract[num_id] = abstract_id
        for override in num.findall(_w("lvlOverride")):
            ilvl = _int(override.get(_w("ilvl")), 0)
            for lvl in _levels(override).values():  # a whole level redefined for this list
                levels[ilvl] = lvl
            start = _val(override, "startOverride")
            if start is not None and ilvl in levels:
                levels[ilvl] = replace(levels[ilvl], start=_clamped_start(start, levels[ilvl].start))
                numbering.restarts.setdefault(num_id, set()).add(ilvl)
        numbering.lists[num_id] = levels
    return numbering


@dataclass
class _Fields:
    """The complex fields (w:fldChar begin, separate, end) open at a point of a story, outermost first:
    for each, whether its code part (before its separate) is being read.

    Text is shown only outside every open field's code: a field's result is shown, its code is not, nor
    is the result of a field nested in another's code (the MERGEFIELD inside an IF), and a field with no
    separate shows nothing. A story (the body, a cell, a text box, a note) keeps one `_Fields` across its
    paragraphs, since a field may span paragraphs (a table of contents); a separate or end with no field
    open is ignored. The result of a TOC field (a table of contents) is not shown either.
    """

    in_code: list[bool] = field(default_factory=list)
    codes: list[list[str]] = field(default_factory=list)  # each open field's code text (w:instrText)
    toc: list[bool] = field(default_factory=list)  # whether each open field is a table of contents
    broken: set[Any] = field(default_factory=set)  # w:fldChar marks of fields that never end

    @classmethod
    def of(cls, story: Any) -> _Fields:
        """The fields of reading `story` (a body, cell, text box or note): the begin and separate of
        a field that never ends in it (a broken file) are ignored, so they cannot hide the rest."""
        open_marks: list[list[Any]] = []
        for mark in story.iter(_w("fldChar")):
            if any(a.tag in _GONE for a in mark.iterancestors()):
                continue  # deleted or moved-away text is not read, nor are its field marks
            kind = mark.get(_w("fldCharType"))
            if kind == "begin":
                open_marks.append([mark])
            elif kind == "separate" and open_marks:
                open_marks[-1].append(mark)
            elif kind == "end" and open_marks:
                open_marks.pop()
        return cls(broken={m for marks in open_marks for m in marks})

    def mark(self, kind: str | None, element: Any = None) -> bool:
        """Follow a w:fldChar; True when it starts the result of a table of contents (to count it)."""
        if element is not None and element in self.broken:
            return False
        if kind == "begin":
            self.in_code.append(True)
            self.codes.append([])
            self.toc.append(False)
        elif kind == "separate" and self.in_code and self.in_code[-1]:
            self.in_code[-1] = False
            self.toc[-1] = _is_toc_code("".join(self.codes[-1]))
            return self.toc[-1]
        elif kind == "end" and self.in_code:
            self.in_code.pop()
            self.codes.pop()
            self.toc.pop()
        return False

    def code(self, text: str) -> None:
        """Add a piece of field code (a w:instrText) to the innermost open field."""
        if self.in_code and self.in_code[-1]:
            self.codes[-1].append(text)

    @property
    def shown(self) -> bool:
        return not any(self.in_code) and not any(self.toc)


def _is_toc_code(code: str) -> bool:
    """Whether a field code builds a table of contents (" TOC \\o "1-3" \\h ")."""
    words = code.split()
    return bool(words) and words[0].upper() == "TOC"


@dataclass
class _Context:
    """What reading a paragraph's runs depends on: its story's open fields, and whether its paragraph
    style hides its runs."""

    fields: _Fields
    style_hides: bool = False


@dataclass
class _Counts:
    hidden: int = 0
    objects: int = 0
    alt_chunks: int = 0
    tracked: int = 0
    tocs: int = 0  # tables of contents left out


def _toc_control(sdt: Any) -> bool:
    """Whether a content control (w:sdt) holds a table of contents: Word puts one in a control from
    its "Table of Contents" building-block gallery."""
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and (gallery.get(_w("val")) or "").strip().lower() == _TOC_GALLERY


class _Reader:
    """Walks WordprocessingML in reading order, writing into a TextBuilder."""

    def __init__(self, styles: _Styles, numbering: _Numbering | None = None) -> None:
        self.styles = styles
        self.numbering = numbering  # None: the package has no (readable) numbering part
        # a list's w:abstractNum -> w:ilvl -> its current number; the lists already met
        self._counters: dict[str, dict[int, int]] = {}
        self._met: set[str] = set()
        self.heading_titles: list[str] = []  # the headings' own text, without their list numbers
        self.out = TextBuilder()
        self.counts = _Counts()
        self.note_marks: list[tuple[str, str, str]] = []  # (kind, id, mark) in order of reference
        self._marks: dict[tuple[str, str], str] = {}
        self._list_start: int | None = None
        self._list_end = 0
        self.fields = _Fields()  # the fields open in the story being read as blocks

    # -- runs and paragraphs ------------------------------------------------------------------------------
    def _note_mark(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self._marks:
            count = sum(1 for k, _ in self._marks if k == kind) + 1
            mark = str(count) if kind == "footnote" else _roman(count)
            self._marks[key] = mark
            self.note_marks.append((kind, note_id, mark))
        return f"[{self._marks[key]}]"

    def inline(self, el: Any, out: list[str], boxes: list[Any], ctx: _Context) -> None:
        """Append the visible text of the children of `el` (runs and their containers) to `out`."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                if tag in (_w("del"), _w("moveFrom")):
                    self.counts.tracked += 1
                continue
            if tag == _R:
                self.run(child, out, boxes, ctx)
            elif tag == _w("fldSimple") and _is_toc_code(child.get(_w("instr")) or ""):
                self.counts.tocs += 1
            elif tag in _TRANSPARENT or tag == _w("sdt"):
                if tag == _w("ins") or tag == _w("moveTo"):
                    self.counts.tracked += 1
                self.inline(child, out, boxes, ctx)
            elif tag == f"{{{_M}}}oMath" or tag == f"{{{_M}}}oMathPara":
                if ctx.fields.shown:
                    out.append(" " + "".join(t.text or "" for t in child.iter(f"{{{_M}}}t")) + " ")
            elif tag == _ALTERNATE:
                chosen = _alternative(child)
                if chosen is not None:
                    self.inline(chosen, out, boxes, ctx)

    def hidden(self, run: Any, ctx: _Context) -> bool:
        """Whether a run is formatted as hidden (w:vanish).

        The run's own w:vanish decides when it has one, on or off. Otherwise its character style and its
        paragraph's style decide; w:vanish is a toggle property, so when both set it they cancel out.
        """
        props = run.find(_w("rPr"))
        if props is None:
            return ctx.style_hides
        direct = props.find(_w("vanish"))
        if direct is not None:
            return _on(direct)
        style = props.find(_w("rStyle"))
        char_hides = style is not None and self.styles.hides(style.get(_w("val")))
        return char_hides != ctx.style_hides

    def run(self, run: Any, out: list[str], boxes: list[Any], ctx: _Context) -> None:
        """Append the visible content of a run; its field characters are followed even when it is hidden."""
        hidden = self.hidden(run, ctx)
        if hidden and ctx.fields.shown and any(_t_text(t).strip() for t in run.iter(_T)):
            self.counts.hidden += 1
        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _w("fldChar"):
                if ctx.fields.mark(child.get(_w("fldCharType")), child):
                    self.counts.tocs += 1
                continue
            if tag == _w("instrText"):
                ctx.fields.code(child.text or "")
                continue
            if hidden or not ctx.fields.shown:
                continue  # hidden, or inside a field's code: not shown
            if tag == _T:
                out.append(_t_text(child))
            elif tag == _w("tab") or tag == _w("ptab"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append("\u2028")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag == _w("sym"):
                code = child.get(_w("char")) or ""
                if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and not 0xE000 <= int(code, 16) <= 0xF8FF:
                    out.append(chr(int(code, 16)))
            elif tag == _w("footnoteReference") or tag == _w("endnoteReference"):
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                if child.get(_w("customMarkFollows")) not in ("1", "true", "on"):
                    out.append(self._note_mark(kind, child.get(_w("id")) or ""))
            elif tag in (_w("drawing"), _w("pict")):
                boxes.extend(_text_boxes(child))
            elif tag == _ALTERNATE:
                chosen = _alternative(child)
                if chosen is not None:
                    boxes.extend(_text_boxes(chosen))
            elif tag == _w("object"):
                self.counts.objects += 1
                boxes.extend(_text_boxes(child))

    def _toc_entry(self, style: str | None) -> bool:
        """Whether a paragraph style is a table-of-contents entry style ("toc 1".."toc 9") by its own
        name (a style based on one is the author's own)."""
        return style is not None and bool(_TOC_STYLE.search(self.styles.names.get(style, style).strip()))

    def _named_style(self, p: Any) -> str | None:
        """The style a paragraph names (None when it names none)."""
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        return style.get(_w("val")) if style is not None else None

    def _style(self, p: Any) -> str | None:
        """A paragraph's style: the one it names, else the document's default paragraph style."""
        return self._named_style(p) or self.styles.default_paragraph

    def paragraph_text(self, p: Any, boxes: list[Any], fields: _Fields) -> str:
        """The visible text of a paragraph; the text boxes it anchors are added to `boxes`."""
        out: list[str] = []
        self.inline(p, out, boxes, _Context(fields, self.styles.hides(self._style(p))))
        return "".join(out)

    # -- blocks ----------------------------------------------------------------------------------------
    def _end_list(self) -> None:
        if self._list_start is not None:
            self.out.region(self._list_start, self._list_end, "list")
            self.out.end_block()
            self._list_start = None

    def _list_level(self, p: Any, style: str | None) -> tuple[str, int] | None:
        """The list and level a paragraph is numbered at, as (w:numId, w:ilvl); None when it is not
        numbered.

        Its own w:numPr decides, else its style's (through w:basedOn); a w:numId of 0 means "not
        numbered" and so removes the numbering of a style. With no w:ilvl, a paragraph numbered through
        its style is at the list level attached to that style, else at the first level.
        """
        props = p.find(_w("pPr"))
        own = props.find(_w("numPr")) if props is not None else None
        num_id, ilvl = _num_pr(own) if own is not None else (None, None)
        style_num_id, style_ilvl = self.styles.numbered(style)
        num_id = num_id if num_id is not None else style_num_id
        if num_id is None or not num_id.strip().lstrip("0"):
            return None
        ilvl = ilvl if ilvl is not None else style_ilvl
        if ilvl is None:
            return num_id, self.numbering.styled_level(num_id, style) if self.numbering else 0
        return num_id, min(max(_int(ilvl, 0), 0), 8)

    def _mark_hidden(self, p: Any, style: str | None) -> bool:
        """Whether a paragraph's mark is formatted as hidden (its w:pPr/w:rPr/w:vanish, else its style)."""
        vanish = p.find(f"{_w('pPr')}/{_w('rPr')}/{_w('vanish')}")
        return _on(vanish) if vanish is not None else self.styles.hides(style)

    def marker(self, p: Any, style: str | None, drawn: bool) -> str | None:
        """The number or bullet Word draws before a paragraph, as it is shown in the text: "1.", "2.1",
        "b)", "-" for any bullet, "" when nothing readable is drawn; None when it is not numbered.

        `drawn`: whether the paragraph is drawn at all; only then does it advance its list's counter
        (an empty list paragraph shows its number, a hidden one does not). Advancing a level restarts
        the deeper levels of the same list.
        """
        found = self._list_level(p, style)
        if found is None:
            return None
        num_id, ilvl = found
        numbering = self.numbering
        level = numbering.level(num_id, ilvl) if numbering else None
        if numbering is None or level is None:  # no numbering part, or a list it does not define
            return "-" if self.styles.named(style, _BULLET_STYLE) else ""
        counters = self._counters.setdefault(numbering.counted_as(num_id), {})
        if drawn:
            if num_id not in self._met:  # a list's w:startOverride restarts the count it shares
                self._met.add(num_id)
                for restart in numbering.restarts.get(num_id, ()):
                    for k in [k for k in counters if k >= restart]:
                        del counters[k]
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
            for deeper in [k for k in counters if k > ilvl]:
                del counters[deeper]
        if level.fmt == "bullet" or any("\uf000" <= ch <= "\uf0ff" for ch in level.text):
            return "-"  # a bullet, also a symbol-font glyph (private-use code points) with no format
        if level.fmt == "none":
            return ""
        return _LEVEL_REF.sub(lambda m: self._counter(num_id, int(m.group(1)) - 1, level), level.text).strip()

    def _counter(self, num_id: str, ilvl: int, shown_at: _Level) -> str:
        """The current number of level `ilvl` of a list, as a "%N" of the level `shown_at` shows it: in
        its own format, or in decimal digits under w:isLgl; a level not reached yet shows its start."""
        level = (self.numbering.level(num_id, ilvl) if self.numbering else None) or _Level()
        key = self.numbering.counted_as(num_id) if self.numbering else num_id
        value = self._counters.get(key, {}).get(ilvl, level.start)
        return _format_number(value, "decimal" if shown_at.legal else level.fmt)

    def numbered_text(self, p: Any, style: str | None, text: str) -> tuple[str, bool]:
        """A paragraph's text with the number or bullet drawn before it, and whether it is a list item."""
        marker = self.marker(p, style, bool(text.strip()) or not self._mark_hidden(p, style))
        if marker and text.strip():
            return f"{marker} {text.strip()}", True
        return text, marker is not None

    def paragraph(self, p: Any) -> None:
        boxes: list[Any] = []
        text = self.paragraph_text(p, boxes, self.fields)
        props = p.find(_w("pPr"))
        style = self._style(p)
        toc = self._toc_entry(style)  # an entry of a table of contents
        if toc:
            self.counts.tocs += 1
        level = 0
        if props is not None:
            outline = props.find(_w("outlineLvl"))
            value = outline.get(_w("val")) if outline is not None else None
            if value is not None and value.isdigit() and int(value) < 9:
                level = int(value) + 1
        # headings come from styles a paragraph names: a default style with an outline level (or
        # called "Title") would make every plain paragraph a heading
        level = level or self.styles.heading_level(self._named_style(p))
        own_text = text
        text, numbered = ("", False) if toc else self.numbered_text(p, style, text)
        if text.strip():
            if level:
                self._end_list()
                span = self.out.block(text)
                if span:
                    self.out.region(span[0], span[1], "heading", level=level, label=text)
                    self.heading_titles.append(" ".join(own_text.split()))
            elif numbered:
                if self._list_start is None:
                    self.out.end_block()
                span = self.out.line(text)
                if span:
                    self._list_start = span[0] if self._list_start is None else self._list_start
                    self._list_end = span[1]
            else:
                self._end_list()
                self.out.block(text)
        for box in boxes:
            self._end_list()
            self.story(box)

    def rows(self, tbl: Any) -> tuple[list[list[str]], int]:
        """A table's rows as the one-line texts of their cells (deleted rows left out), and how many
        leading rows are marked as repeating header rows."""
        rows: list[list[str]] = []
        header = 0
        counting_header = True
        for tr in _children(tbl, _TR):
            props = tr.find(_w("trPr"))
            if props is not None and props.find(_w("del")) is not None:
                continue  # a deleted row
            rows.append([self.flat_text(tc) for tc in _children(tr, _TC)])
            is_header = props is not None and props.find(_w("tblHeader")) is not None
            if counting_header and is_header:
                header += 1
            else:
                counting_header = False
        return rows, header

    def table(self, tbl: Any) -> None:
        self._end_list()
        rows, header = self.rows(tbl)
        add_table(self.out, rows, header_rows=header or 1)

    def flat_text(self, container: Any) -> str:
        """The text of a table cell or a note on one line, as its own story: its paragraphs, each
        followed by the text boxes it anchors, and its nested tables, joined by single spaces."""
        fields = _Fields.of(container)
        texts: list[str] = []
        for child in self.block_items(container):
            if child.tag == _P:
                boxes: list[Any] = []
                text = self.paragraph_text(child, boxes, fields)
                style = self._style(child)
                if self._toc_entry(style):
                    self.counts.tocs += 1
                else:
                    texts.append(self.numbered_text(child, style, text)[0])
                texts.extend(self.flat_text(box) for box in boxes)
            else:
                texts.append(_nested_table(self.rows(child)[0]))
        return " ".join(" ".join(texts).split())

    def block_items(self, container: Any) -> Iterator[Any]:
        """The paragraphs and tables of a body, cell, text box or note, in reading order.

        Read through content controls, custom XML, inserted or moved-in blocks and one branch of each
        mc:AlternateContent; embedded documents (w:altChunk) and tables of contents in content controls
        are counted and left out.
        """
        for child in container:
            tag = child.tag
            if tag in (_P, _TBL):
                yield child
            elif tag == _w("sdt") and _toc_control(child):
                self.counts.tocs += 1
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self.block_items(content)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo")):
                yield from self.block_items(child)
            elif tag == _w("altChunk"):
                self.counts.alt_chunks += 1
            elif tag == _ALTERNATE:
                chosen = _alternative(child)
                if chosen is not None:
                    yield from self.block_items(chosen)

    def blocks(self, container: Any) -> None:
        """Read the blocks of a body, text box or content control as paragraphs, lists and tables.

        A "TOC Heading" paragraph right before a table of contents goes with it; anywhere else it is
        the author's heading (the style keeps a heading out of the contents) and is read.
        """
        items = list(self.block_items(container))
        for i, child in enumerate(items):
            if child.tag != _P:
                self.table(child)
            elif self._toc_heading(child) and i + 1 < len(items) and self._starts_toc(items[i + 1]):
                self.counts.tocs += 1
            else:
                self.paragraph(child)
        self._end_list()

    def _toc_heading(self, p: Any) -> bool:
        style = self._named_style(p)
        return style is not None and bool(_TOC_HEADING.search(self.styles.names.get(style, style).strip()))

    def _starts_toc(self, el: Any) -> bool:
        """Whether a block begins a table of contents: an entry paragraph ("toc 1"), or a TOC field."""
        if el.tag != _P:
            return False
        if self._toc_entry(self._named_style(el)):
            return True
        simple = (f.get(_w("instr")) or "" for f in el.iter(_w("fldSimple")))
        codes = (t.text or "" for t in el.iter(_w("instrText")))
        return any(_is_toc_code(code) for code in (*simple, *codes))

    def story(self, container: Any) -> None:
        """Read a text box as its own story: fields open around its anchor do not reach into it."""
        outer, self.fields = self.fields, _Fields.of(container)
        self.blocks(container)
        self.fields = outer

    def notes(self, roots: dict[str, Any]) -> None:
        """The notes section: each referenced footnote and endnote, with its mark, in order."""
        by_id: dict[tuple[str, str], Any] = {}
        for kind, root in roots.items():
            if root is None:
                continue
            for note in root.iter(_w(kind)):
                if note.get(_w("type")) in (None, "normal"):
                    by_id[(kind, note.get(_w("id")) or "")] = note
        lines: list[str] = []
        for kind, note_id, mark in self.note_marks:
            note = by_id.get((kind, note_id))
            if note is None:
                continue
            text = self.flat_text(note)
            if text:
                lines.append(f"[{mark}] {text}")
        if not lines:
            return
        self.out.end_block()
        span = self.out.lines(lines)
        if span is not None:
            self.out.region(*span, "footnotes")


def _core_meta(package: zipfile.ZipFile, headings: list[str]) -> FileMeta:
    root = _parse(package, "docProps/core.xml")

    def value(tag: str) -> str:
        if root is None:
            return ""
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == tag:
                return " ".join((el.text or "").split())
        return ""

    title, author, created, language = value("title"), value("creator"), value("created"), value("language")
    date = None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", created)
    if match and not created.startswith(_TEMPLATE_CREATED):
        date = match.group(1)
    return FileMeta(
        title=title if title and title.lower() not in _JUNK_TITLES else (headings[0] if headings else None),
        publisher=author if author and author.lower() not in _JUNK_AUTHORS else None,
        date=date,
        language=normalize_language(language or None),
    )


def _has_text(package: zipfile.ZipFile, name: str) -> bool:
    root = _parse(package, name)
    return root is not None and any(_t_text(t).strip() for t in root.iter(_T))


def _numbering(package: zipfile.ZipFile, name: str | None, styles: _Styles) -> _Numbering | None:
    """The document's lists, or None when it has no numbering part or one that cannot be read: list
    numbers are then left out (bullets of bullet styles still show), the text is still read."""
    if name is None:
        return None
    try:
        root = _parse(package, name)
    except UnreadableSource:
        return None
    return _read_numbering(root, styles) if root is not None else None


def load_docx(data: bytes, ext: str) -> Extracted:
    """Read a Word document from its XML parts: what is read and left out is in the module docstring.

    Args:
        data: the file's bytes (an Office Open XML ZIP package, transitional or strict).
        ext: its extension with the dot (".docx"); unused beyond the loader signature.

    Returns:
        An `Extracted` with one part (DOCX has no pages) and `unwrap=False`; heading, list, table,
        table_header and footnotes regions; a note for each kind of content left out. `meta` from
        docProps/core.xml: title (else the first heading, without its list number) unless it is a
        template placeholder, creator as publisher unless a placeholder, created date as YYYY-MM-DD
        (not python-docx's template date), language; no url or licence.

    Raises:
        UnreadableSource: not a ZIP package; more than `MAX_MEMBERS` (10,000) parts or more than
            `MAX_UNPACKED_BYTES` (256 MiB) unpacked; a part that cannot be unpacked or is not
            well-formed XML; no document part or body; no text in the body and notes.
    """
    package = _check_package(data)
    main = _main_part(package)
    document = _parse(package, main)
    if document is None:
        raise UnreadableSource(f"not a valid DOCX file: the document part {main} is missing")
    body = document.find(_w("body"))
    if body is None:
        raise UnreadableSource("DOCX has no document body")
    rels = _relationships(package, main)
    parts = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
    styles = _read_styles(_parse(package, parts["styles"]) if "styles" in parts else None)
    reader = _Reader(styles, _numbering(package, parts.get("numbering"), styles))
    reader.fields = _Fields.of(body)
    reader.blocks(body)
    reader.notes(
        {
            "footnote": _parse(package, parts["footnotes"]) if "footnotes" in parts else None,
            "endnote": _parse(package, parts["endnotes"]) if "endnotes" in parts else None,
        }
    )
    text = reader.out.text()
    if not text.strip():
        raise UnreadableSource("DOCX has no text in its body paragraphs or tables")
    notes: list[str] = []
    counts = reader.counts
    if counts.tracked:
        notes.append("tracked changes read as accepted: insertions kept, deletions left out")
    if counts.hidden:
        notes.append(f"{counts.hidden} runs of text formatted as hidden left out")
    headers = [t for kind, t in rels.values() if kind.endswith(("/header", "/footer"))]
    if any(_has_text(package, name) for name in headers):
        notes.append("page headers and footers left out")
    if "comments" in parts and _has_text(package, parts["comments"]):
        notes.append("comments left out")
    if counts.objects:
        notes.append(f"{counts.objects} embedded objects left out")
    if counts.alt_chunks:
        notes.append(f"{counts.alt_chunks} embedded documents (altChunk) left out")
    if counts.tocs:
        notes.append("a table of contents was left out")
    return Extracted(
        parts=(text,),
        unwrap=False,
        meta=_core_meta(package, reader.heading_titles),
        notes=tuple(notes),
        regions=tuple(reader.out.regions),
    )
