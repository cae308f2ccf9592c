"""Word (.docx) files, read from their XML parts as a reader sees the document.

What is read, in reading order: body paragraphs and tables, paragraphs inside content controls
(w:sdt), the accepted view of tracked changes (insertions in, deletions and moved-away text out), the
results of fields (not their codes), text boxes (after the paragraph that anchors them), and footnotes
and endnotes, whose reference marks stay in the text ("register[1].") and whose text follows the body
as a notes section ("[1] The register is ..."; a `footnotes` region). Tables are one line per row with
" | " between cells (header rows: those marked as repeating, else the first). Headings come from
heading styles or outline levels (heading regions); numbered and bulleted paragraphs are list lines.

Left out on purpose, each with a note on the source when the file has any: headers and footers,
comments, text formatted as hidden, embedded objects and alternative-format chunks. DOCX has no pages.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
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
# Elements whose children are read as if they stood in their place.
_TRANSPARENT = {
    _w(n)
    for n in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent")
}
_SKIPPED = {_w(n) for n in ("del", "moveFrom", "rPr", "pPr", "sdtPr", "sdtEndPr", "tblPr", "trPr", "tcPr")}
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|título|标题|제목)\s*(\d)$", re.I)
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


def _t_text(t: Any) -> str:
    """The text of a w:t element; unresolved entity references in it are left out, not what follows."""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def _alternative(el: Any) -> Any:
    """The branch of an mc:AlternateContent that is read: the first Choice, else the Fallback.

    Both hold the same content (e.g. a text box as DrawingML and as VML); reading one avoids doubles.
    """
    choice = el.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else el.find(f"{{{_MC}}}Fallback")


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
        outline = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if (
            outline is not None
            and (outline.get(_w("val")) or "").isdigit()
            and int(outline.get(_w("val"))) < 9
        ):
            styles.outline[sid] = int(outline.get(_w("val")))
    return styles


@dataclass
class _Counts:
    hidden: int = 0
    objects: int = 0
    alt_chunks: int = 0
    tracked: int = 0


class _Reader:
    """Walks WordprocessingML in reading order, writing into a TextBuilder."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.out = TextBuilder()
        self.counts = _Counts()
        self.note_marks: list[tuple[str, str, str]] = []  # (kind, id, mark) in order of reference
        self._marks: dict[tuple[str, str], str] = {}
        self._list_start: int | None = None
        self._list_end = 0

    # -- runs and paragraphs ------------------------------------------------------------------------------
    def _note_mark(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self._marks:
            count = sum(1 for k, _ in self._marks if k == kind) + 1
            mark = str(count) if kind == "footnote" else _roman(count)
            self._marks[key] = mark
            self.note_marks.append((kind, note_id, mark))
        return f"[{self._marks[key]}]"

    def inline(self, el: Any, out: list[str], boxes: list[Any], state: dict[str, int]) -> None:
        """Append the visible text of the children of `el` (runs and their containers) to `out`."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                if tag in (_w("del"), _w("moveFrom")):
                    self.counts.tracked += 1
                continue
            if tag == _R:
                self.run(child, out, boxes, state)
            elif tag in _TRANSPARENT or tag == _w("sdt"):
                if tag == _w("ins") or tag == _w("moveTo"):
                    self.counts.tracked += 1
                self.inline(child, out, boxes, state)
            elif tag == f"{{{_M}}}oMath" or tag == f"{{{_M}}}oMathPara":
                out.append(" " + "".join(t.text or "" for t in child.iter(f"{{{_M}}}t")) + " ")
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _alternative(child)
                if chosen is not None:
                    self.inline(chosen, out, boxes, state)

    def run(self, run: Any, out: list[str], boxes: list[Any], state: dict[str, int]) -> None:
        props = run.find(_w("rPr"))
        if props is not None:
            vanish = props.find(_w("vanish"))
            if vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off"):
                if any(_t_text(t).strip() for t in run.iter(_T)):
                    self.counts.hidden += 1
                return
        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    state["depth"] += 1
                    state["code"] = state["depth"]
                elif kind == "separate":
                    state["code"] = 0
                elif kind == "end":
                    state["depth"] = max(0, state["depth"] - 1)
                    state["code"] = 0
                continue
            if state["code"]:
                continue  # inside a field's instructions: not shown
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
                boxes.extend(child.iter(_w("txbxContent")))
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _alternative(child)
                if chosen is not None:
                    boxes.extend(chosen.iter(_w("txbxContent")))
            elif tag == _w("object"):
                self.counts.objects += 1
                boxes.extend(child.iter(_w("txbxContent")))

    def paragraph_text(self, p: Any, boxes: list[Any]) -> str:
        out: list[str] = []
        self.inline(p, out, boxes, {"depth": 0, "code": 0})
        return "".join(out)

    # -- blocks ----------------------------------------------------------------------------------------
    def _end_list(self) -> None:
        if self._list_start is not None:
            self.out.region(self._list_start, self._list_end, "list")
            self.out.end_block()
            self._list_start = None

    def paragraph(self, p: Any) -> None:
        boxes: list[Any] = []
        text = self.paragraph_text(p, boxes)
        props = p.find(_w("pPr"))
        style = None
        level = 0
        numbered = False
        if props is not None:
            style_el = props.find(_w("pStyle"))
            style = style_el.get(_w("val")) if style_el is not None else None
            outline = props.find(_w("outlineLvl"))
            value = outline.get(_w("val")) if outline is not None else None
            if value is not None and value.isdigit() and int(value) < 9:
                level = int(value) + 1
            numbered = props.find(_w("numPr")) is not None
        level = level or self.styles.heading_level(style)
        if text.strip():
            if level:
                self._end_list()
                span = self.out.block(text)
                if span:
                    self.out.region(span[0], span[1], "heading", level=level, label=text)
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
            self.blocks(box)

    def table(self, tbl: Any) -> None:
        self._end_list()
        rows: list[list[str]] = []
        header = 0
        counting_header = True
        for tr in _children(tbl, _TR):
            props = tr.find(_w("trPr"))
            if props is not None and props.find(_w("del")) is not None:
                continue  # a deleted row
            cells: list[str] = []
            for tc in _children(tr, _TC):
                texts = []
                for p in tc.iter(_P):
                    boxes: list[Any] = []
                    texts.append(self.paragraph_text(p, boxes))
                cells.append(" ".join(" ".join(texts).split()))
            rows.append(cells)
            is_header = props is not None and props.find(_w("tblHeader")) is not None
            if counting_header and is_header:
                header += 1
            else:
                counting_header = False
        add_table(self.out, rows, header_rows=header or 1)

    def blocks(self, container: Any) -> None:
        """Read the block-level children of a body, cell, text box, note or content control."""
        for child in container:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.blocks(content)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo")):
                self.blocks(child)
            elif tag == _w("altChunk"):
                self.counts.alt_chunks += 1
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _alternative(child)
                if chosen is not None:
                    self.blocks(chosen)
        self._end_list()

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
            texts = [self.paragraph_text(p, []) for p in note.iter(_P)]
            text = " ".join(" ".join(texts).split())
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


def load_docx(data: bytes, ext: str) -> Extracted:
    """Read a Word document from its XML parts: what is read and left out is in the module docstring.

    Args:
        data: the file's bytes (an Office Open XML ZIP package, transitional or strict).
        ext: its extension with the dot (".docx"); unused beyond the loader signature.

    Returns:
        An `Extracted` with one part (DOCX has no pages) and `unwrap=False`; heading, list, table,
        table_header and footnotes regions; a note for each kind of content left out. `meta` from
        docProps/core.xml: title (else the first heading) unless it is a template placeholder, creator
        as publisher unless a placeholder, created date as YYYY-MM-DD (not python-docx's template
        date), language; no url or licence.

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
    reader = _Reader(_read_styles(_parse(package, parts["styles"]) if "styles" in parts else None))
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
    headings = [r.label for r in reader.out.regions if r.kind == "heading"]
    return Extracted(
        parts=(text,),
        unwrap=False,
        meta=_core_meta(package, headings),
        notes=tuple(notes),
        regions=tuple(reader.out.regions),
    )
