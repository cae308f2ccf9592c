"""DOCX variants a reader sees once, or not at all: alternate forms of a text box wherever they stand,
nested and multi-paragraph fields, text hidden through styles, and tables nested in cells.

Each file is built here from WordprocessingML snippets; the assertions are the exact canonical text
and notes that a quote relies on.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from corpus.models import Source
from tests.extraction_fixtures import zip_parts
from tests.test_extraction_cases import _docx, _p, _r, load_bytes, region_texts

HIDDEN_NOTE = "runs of text formatted as hidden left out"


def _box(text: str) -> str:
    """A run holding a text box drawn twice, as DrawingML (the Choice) and as VML (the Fallback)."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + _p(_r(text))
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        + "<w:txbxContent>"
        + _p(_r(text))
        + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _field(code: str, result: str | None) -> str:
    """A complex field: begin, its code (runs of w:instrText and nested fields), then its result
    after a separate when `result` is given, and end."""
    char = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'
    separated = char.format("separate") + result if result is not None else ""
    return char.format("begin") + code + separated + char.format("end")


def _instr(code: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'


def _styled(text: str, style: str, vanish: str | None = None) -> str:
    """A run with character style `style`, and a direct w:vanish with value `vanish` when given."""
    own = "" if vanish is None else f'<w:vanish w:val="{vanish}"/>'
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/>{own}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _table(rows: list[list[str]]) -> str:
    """A table whose cells hold the given block-level XML."""
    return (
        "<w:tbl>"
        + "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
        + "</w:tbl>"
    )


def _with_styles(data: bytes, styles: str) -> bytes:
    """The package `data` with the given w:style elements added to word/styles.xml."""
    package = zipfile.ZipFile(io.BytesIO(data))
    parts: dict[str, str | bytes] = {name: package.read(name) for name in package.namelist()}
    xml = package.read("word/styles.xml").decode()
    parts["word/styles.xml"] = xml.replace("</w:styles>", styles + "</w:styles>")
    return zip_parts(parts)


def _style(kind: str, style_id: str, vanish: str | None, based_on: str | None = None) -> str:
    """A style definition; `vanish` is the w:val of its w:vanish ("" for none given, None for no w:vanish)."""
    props = ""
    if vanish is not None:
        props = (
            "<w:rPr><w:vanish/></w:rPr>" if vanish == "" else f'<w:rPr><w:vanish w:val="{vanish}"/></w:rPr>'
        )
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    head = f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
    return f"{head}{based}{props}</w:style>"


HIDING_STYLES = "".join(
    [
        _style("character", "Secret", ""),
        _style("character", "SecretNote", None, based_on="Secret"),
        _style("character", "Declassified", "0", based_on="Secret"),
        _style("paragraph", "Internal", ""),
        _style("paragraph", "InternalDraft", None, based_on="Internal"),
    ]
)


def _load(tmp_path: Path, body: str, *, notes: str = "", styles: str = "") -> Source:
    data = _docx(body, notes=notes)
    return load_bytes(tmp_path, "variant.docx", _with_styles(data, styles) if styles else data)


# -- alternate content is read once --------------------------------------------------------------------
def test_text_box_in_a_table_cell_is_read_once(tmp_path: Path) -> None:
    cell_choice = (
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        + _p(_r("Stock checked."))
        + "</mc:Choice><mc:Fallback>"
        + _p(_r("Stock checked."))
        + "</mc:Fallback></mc:AlternateContent>"
    )
    body = _table([[_p(_r("Cell text.") + _box("Boxed warning.")), cell_choice]])
    source = _load(tmp_path, body)
    assert source.text == "Cell text. Boxed warning. | Stock checked."


def test_text_box_in_a_note_and_a_box_in_a_box_are_read_once(tmp_path: Path) -> None:
    outer = (
        "<w:r><w:drawing><wps:txbx><w:txbxContent>"
        + _p(_r("Outer box.") + _box("Inner box."))
        + "</w:txbxContent></wps:txbx></w:drawing></w:r>"
    )
    body = _p(_r("Stoves") + '<w:r><w:footnoteReference w:id="2"/></w:r>' + _r(" stay outside.") + outer)
    notes = '<w:footnote w:id="2">' + _p(_r("See the poster.") + _box("Keep a flap open.")) + "</w:footnote>"
    source = _load(tmp_path, body, notes=notes)
    assert source.text.split("\n\n") == [
        "Stoves[1] stay outside.",
        "Outer box.",
        "Inner box.",
        "[1] See the poster. Keep a flap open.",
    ]


# -- fields: only the outermost result is shown ----------------------------------------------------------
def test_field_nested_in_a_code_shows_only_the_outer_result(tmp_path: Path) -> None:
    gender = _field(_instr(" MERGEFIELD Gender "), _r("F"))
    surname = '<w:fldSimple w:instr=" MERGEFIELD Surname ">' + _r("Yusuf") + "</w:fldSimple>"
    salutation = _field(_instr(" IF ") + gender + _instr(' = "F" "Ms. " "Mr. " '), _r("Ms. ") + surname)
    source = _load(tmp_path, _p(_r("Dear ") + salutation + _r(", welcome.")))
    assert source.text == "Dear Ms. Yusuf, welcome."


def test_field_with_no_result_shows_nothing_of_its_nested_fields(tmp_path: Path) -> None:
    name = _field(_instr(" MERGEFIELD Name "), _r("Amina"))
    source = _load(
        tmp_path, _p(_r("Welcome.") + _field(_instr(" SET Greeting ") + name, None) + _r(" Sign in."))
    )
    assert source.text == "Welcome. Sign in."


def test_field_code_spanning_paragraphs_stays_hidden(tmp_path: Path) -> None:
    begin, separate, end = (
        f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>' for kind in ("begin", "separate", "end")
    )
    body = (
        _p(_r("Greeting:") + begin + _instr(" IF "))
        + _p(
            _field(_instr(" MERGEFIELD Gender "), _r("F"))
            + _instr(' = "F" "Ms." "Mr." ')
            + separate
            + _r("Ms.")
        )
        + _p(_r("Yusuf") + end + _r(", welcome."))
    )
    source = _load(tmp_path, body)
    assert source.text.split("\n\n") == ["Greeting:", "Ms.", "Yusuf, welcome."]


# -- text hidden through styles --------------------------------------------------------------------------
def test_text_hidden_by_a_character_style_is_left_out_with_a_note(tmp_path: Path) -> None:
    body = _p(
        _styled("SECRET internal note.", "Secret")
        + _styled(" Inherited secret.", "SecretNote")
        + _r(" Visible sentence.")
        + _styled(" Shown by its own style.", "Declassified")
        + _styled(" Shown by the run.", "Secret", vanish="false")
        + _styled(" Also shown.", "SecretNote", vanish="off")
    )
    source = _load(tmp_path, body, styles=HIDING_STYLES)
    assert source.text == "Visible sentence. Shown by its own style. Shown by the run. Also shown."
    assert source.notes == (f"2 {HIDDEN_NOTE}",)


def test_text_hidden_by_a_paragraph_style_is_left_out_everywhere(tmp_path: Path) -> None:
    body = (
        _p(_r("Draft reviewer comment."), style="Internal")
        + _p(
            _r("Inherited draft comment. ")
            + _styled("Unhidden.", "Plain", vanish="0")
            # w:vanish is a toggle property (ECMA-376 17.7.3): set by both styles, it cancels out.
            + _styled(" Toggled back.", "Secret"),
            style="InternalDraft",
        )
        + _table([[_p(_r("Camp"))], [_p(_r("Hidden cell."), style="Internal") + _p(_r("Highland"))]])
        + _p(_r("Tents are checked") + '<w:r><w:footnoteReference w:id="3"/></w:r>' + _r("."))
    )
    notes = (
        '<w:footnote w:id="3">'
        + _p(_r("Weekly."), style="Internal")
        + _p(_r("By the committee."))
        + "</w:footnote>"
    )
    source = _load(tmp_path, body, notes=notes, styles=HIDING_STYLES)
    assert source.text.split("\n\n") == [
        "Unhidden. Toggled back.",
        "Camp\nHighland",
        "Tents are checked[1].",
        "[1] By the committee.",
    ]
    assert source.notes == (f"4 {HIDDEN_NOTE}",)


# -- nested tables ---------------------------------------------------------------------------------------
def test_table_nested_in_a_cell_keeps_its_rows_apart(tmp_path: Path) -> None:
    nested = _table([[_p(_r("Blankets")), _p(_r("300"))], [_p(_r("Stoves")), _p(_r("12"))]])
    body = _table([[_p(_r("Camp")), _p(_r("Stock"))], [_p(_r("Highland")), nested + _p("")]])
    source = _load(tmp_path, body)
    assert source.text == "Camp | Stock\nHighland | Blankets, 300; Stoves, 12"
    assert region_texts(source, "table_header") == ["Camp | Stock"]


# -- list numbers and bullets: drawn by Word, shown like HTML lists ----------------------------------------
TOC_NOTE = "a table of contents was left out"
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOC_RELS = "word/_rels/document.xml.rels"
_NUMBERING_REL = (
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'numbering" Target="numbering.xml"/>'
)


def _with_part(data: bytes, name: str, xml: str | None, relationship: str = "") -> bytes:
    """The package `data` with part `name` set to `xml` (removed when None) and `relationship` added to
    the document's relationships."""
    package = zipfile.ZipFile(io.BytesIO(data))
    parts: dict[str, str | bytes] = {n: package.read(n) for n in package.namelist() if n != name}
    if xml is not None:
        parts[name] = xml
    rels = package.read(_DOC_RELS).decode()
    parts[_DOC_RELS] = rels.replace("</Relationships>", relationship + "</Relationships>")
    return zip_parts(parts)


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, style: str = "") -> str:
    """A w:lvl of a list definition."""
    linked = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{linked}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _numbering(abstract: dict[int, str], nums: dict[int, str]) -> str:
    """A numbering part: w:abstractNum by id (their w:lvl XML), and w:num by w:numId (the id of their
    w:abstractNum, then any w:lvlOverride XML, as "0<w:lvlOverride .../>")."""
    defs = "".join(
        f'<w:abstractNum w:abstractNumId="{i}">{lvls}</w:abstractNum>' for i, lvls in abstract.items()
    )
    lists = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{spec[0]}"/>{spec[1:]}</w:num>'
        for num_id, spec in nums.items()
    )
    return f'<?xml version="1.0"?><w:numbering {_W_NS}>{defs}{lists}</w:numbering>'


def _item(text: str, num_id: int | None = None, ilvl: int | None = None, style: str | None = None) -> str:
    """A paragraph with a direct w:numPr (its w:ilvl and w:numId where given) and a style where given."""
    num = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    num += "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f"<w:numPr>{num}</w:numPr>" if num else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{_r(text)}</w:p>"


def _list_style(style_id: str, name: str, num_id: int | None = None, based_on: str = "") -> str:
    """A paragraph style numbered through its w:pPr/w:numPr (with no w:ilvl, as Word writes them)."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    num = f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{num}</w:style>'
    )


LIST_STYLES = "".join(
    [
        _list_style("ListNumber", "List Number", 5),
        _list_style("ListBullet", "List Bullet", 1),
        _list_style("Steps", "Steps", based_on="ListNumber"),  # numbered through the style it is based on
    ]
)
BULLET_AND_NUMBER = _numbering(
    {0: _lvl(0, "bullet", "\uf0b7"), 7: _lvl(0, "decimal", "%1.")},
    {1: "0", 5: "7"},
)


def _load_numbered(tmp_path: Path, body: str, numbering: str | None, styles: str = LIST_STYLES) -> Source:
    data = _with_styles(_docx(body), styles)
    if numbering is not None:
        data = _with_part(data, "word/numbering.xml", numbering, _NUMBERING_REL)
    return load_bytes(tmp_path, "numbered.docx", data)


def test_paragraphs_numbered_through_their_style_show_numbers_and_bullets(tmp_path: Path) -> None:
    body = (
        _p(_r("Steps for reporting a broken pump:"))
        + _p(_r("Call the district office."), style="ListNumber")
        + _p(_r("Give the pump number."), style="Steps")
        + _p(_r("Bullet items:"))
        + _p(_r("Keep the area clean."), style="ListBullet")
        + _p(_r("Do not let animals drink."), style="ListBullet")
        + _p(_r("Wait for the mechanic."), style="ListNumber")
    )
    source = _load_numbered(tmp_path, body, BULLET_AND_NUMBER)
    assert source.text.split("\n\n") == [
        "Steps for reporting a broken pump:",
        "1. Call the district office.\n2. Give the pump number.",
        "Bullet items:",
        "- Keep the area clean.\n- Do not let animals drink.\n3. Wait for the mechanic.",
    ]
    assert region_texts(source, "list") == [
        "1. Call the district office.\n2. Give the pump number.",
        "- Keep the area clean.\n- Do not let animals drink.\n3. Wait for the mechanic.",
    ]


def test_direct_numbering_levels_restarts_overrides_and_number_formats(tmp_path: Path) -> None:
    outline = "".join(
        [
            _lvl(0, "upperRoman", "%1."),
            _lvl(1, "lowerLetter", "%2)"),
            _lvl(2, "decimal", "%1.%2.%3"),
            _lvl(3, "none", ""),
        ]
    )
    legal = (
        _lvl(0, "decimal", "%1.")
        + '<w:lvl w:ilvl="1"><w:isLgl/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    )
    numbering = _numbering(
        {3: outline, 4: legal},
        {
            2: "3",
            6: '3<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>',
            8: "4",
        },
    )
    body = (
        _item("Intake", 2, 0)
        + _item("Register", 2, 1)
        + _item("Screen", 2, 1)
        + _item("Weigh", 2, 2)
        + _item("Unnumbered detail", 2, 3)
        + _item("Shelter", 2, 0)
        + _item("Assign", 2, 1)
        + _item("Not numbered: numId 0 removes the style's numbering", 0, style="ListNumber")
        + _item("Appendix", 6, 0)
        + _table([[_item("Cell step", 8, 0)], [_item("Cell substep", 8, 1)]])
    )
    source = _load_numbered(tmp_path, body, numbering)
    assert source.text.split("\n\n") == [
        "I. Intake\na) Register\nb) Screen\nI.b.1 Weigh\nUnnumbered detail\nII. Shelter\na) Assign",
        "Not numbered: numId 0 removes the style's numbering",
        "IV. Appendix",
        "1. Cell step\n1.1 Cell substep",
    ]
    assert region_texts(source, "list") == [
        "I. Intake\na) Register\nb) Screen\nI.b.1 Weigh\nUnnumbered detail\nII. Shelter\na) Assign",
        "IV. Appendix",
    ]


def test_unresolvable_numbering_falls_back_to_bullets_of_bullet_styles(tmp_path: Path) -> None:
    body = (
        _p(_r("Keep the area clean."), style="ListBullet")
        + _p(_r("Call the district office."), style="ListNumber")
        + _item("An unknown list.", 42, 0)
    )
    expected = "- Keep the area clean.\nCall the district office.\nAn unknown list."
    for numbering in (None, "<w:numbering", _numbering({}, {})):
        source = _load_numbered(tmp_path, body, numbering)
        assert source.text == expected
        assert region_texts(source, "list") == [expected]


def test_numbered_heading_shows_its_number_but_the_title_does_not(tmp_path: Path) -> None:
    styles = '<w:style w:type="paragraph" w:styleId="H1N"><w:name w:val="Numbered Heading"/>'
    styles += '<w:basedOn w:val="H1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
    numbering = _numbering(
        {0: _lvl(0, "decimal", "%1.", style="H1N") + _lvl(1, "decimal", "%1.%2")}, {3: "0"}
    )
    body = _p(_r("Results"), style="H1N") + _item("Water quality", 3, 1) + _p(_r("Samples are tested."))
    data = _with_part(_with_styles(_docx(body), styles), "word/numbering.xml", numbering, _NUMBERING_REL)
    data = _with_part(data, "docProps/core.xml", None)
    source = load_bytes(tmp_path, "headed.docx", data)
    assert source.text.split("\n\n") == ["1. Results", "1.1 Water quality", "Samples are tested."]
    headings = [(r.level, r.label) for r in source.regions if r.kind == "heading"]
    assert headings == [(1, "1. Results")]
    assert source.meta.title == "Results"


# -- tables of contents are left out ---------------------------------------------------------------------
def _toc_entry(text: str, page: str, anchor: str) -> str:
    """A TOC entry as Word writes it: a hyperlink to the heading with a PAGEREF field for its page."""
    pageref = _field(_instr(f" PAGEREF {anchor} \\h "), _r(page))
    return f'<w:hyperlink w:anchor="{anchor}">{_r(text)}<w:r><w:tab/></w:r>{pageref}</w:hyperlink>'


TOC_STYLES = "".join(
    [
        '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
        '<w:basedOn w:val="H1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>',
    ]
)
TOC_HEADINGS = (
    _p(_r("Pump maintenance"), style="H1")
    + _p(_r("Serviced twice a year."))
    + _p(_r("Water quality"), style="H1")
)


def _load_toc(tmp_path: Path, body: str) -> Source:
    data = _with_part(_with_styles(_docx(body), TOC_STYLES), "docProps/core.xml", None)
    return load_bytes(tmp_path, "toc.docx", data)


def test_table_of_contents_field_is_left_out_with_a_note(tmp_path: Path) -> None:
    begin, separate, end = (
        f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>' for kind in ("begin", "separate", "end")
    )
    toc = (
        _p(_r("Contents"), style="TOCHeading")
        + _p(
            begin
            + _instr(' TOC \\o "1-3" \\h \\z \\u ')
            + separate
            + _toc_entry("Pump maintenance", "1", "_Toc1")
        )
        + _p(_toc_entry("Water quality", "2", "_Toc2"))
        + _p(end)
    )
    source = _load_toc(tmp_path, _p(_r("Annual report.")) + toc + TOC_HEADINGS)
    assert source.text.split("\n\n") == [
        "Annual report.",
        "Pump maintenance",
        "Serviced twice a year.",
        "Water quality",
    ]
    assert source.notes == (TOC_NOTE,)
    assert source.meta.title == "Pump maintenance"


def test_table_of_contents_control_simple_field_and_styled_entries_are_left_out(tmp_path: Path) -> None:
    control = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        + _p(_r("Contents"), style="TOCHeading")
        + _p(_toc_entry("Pump maintenance", "1", "_Toc1"))
        + "</w:sdtContent></w:sdt>"
    )
    simple = _p(
        '<w:fldSimple w:instr=" TOC \\o &quot;1-3&quot; ">' + _r("Pump maintenance\t1") + "</w:fldSimple>"
    )
    styled = _p(_r("Contents"), style="TOCHeading") + _p(_r("Water quality\t2"), style="TOC1")
    for toc in (control, simple, styled):
        source = _load_toc(tmp_path, toc + TOC_HEADINGS)
        assert source.text.split("\n\n") == ["Pump maintenance", "Serviced twice a year.", "Water quality"]
        assert source.notes == (TOC_NOTE,)
        assert source.meta.title == "Pump maintenance"


def test_a_field_that_never_ends_does_not_hide_the_rest_of_the_document(tmp_path: Path) -> None:
    char = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'
    body = (
        _p(_r("First paragraph."))
        + _p(_r("Page ") + char.format("begin") + _instr(" PAGE "))
        + _p(_r("Third paragraph."))
        + _p(_r("Fourth ") + _field(_instr(" DATE "), _r("today")) + _r(" paragraph."))
    )
    source = load_bytes(tmp_path, "broken.docx", _docx(body))
    assert source.text.split("\n\n") == [
        "First paragraph.",
        "Page",
        "Third paragraph.",
        "Fourth today paragraph.",
    ]


def test_a_default_paragraph_style_with_an_outline_level_makes_no_headings(tmp_path: Path) -> None:
    default = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Body"><w:name w:val="Title"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    )
    data = _with_styles(_docx(_p(_r("Plain text one.")) + _p(_r("Plain text two."))), default)
    source = load_bytes(tmp_path, "plain.docx", data)
    assert source.text == "Plain text one.\n\nPlain text two."
    assert region_texts(source, "heading") == []


def test_a_toc_heading_style_used_for_a_real_heading_is_read(tmp_path: Path) -> None:
    """Word authors give headings the "TOC Heading" style to keep them out of the contents; away from a
    table of contents such a heading is content, with no note."""
    body = (
        _p(_r("Acknowledgements"), style="TOCHeading") + _p(_r("We thank the clinic staff.")) + TOC_HEADINGS
    )
    source = _load_toc(tmp_path, body)
    assert source.text.split("\n\n")[:2] == ["Acknowledgements", "We thank the clinic staff."]
    assert TOC_NOTE not in source.notes


def test_huge_list_start_values_are_clamped_as_word_does(tmp_path: Path) -> None:
    numbering = _numbering(
        {0: _lvl(0, "upperRoman", "%1.", start=10**11), 1: _lvl(0, "lowerLetter", "%1)", start=10**8)},
        {1: "0", 2: "1"},
    )
    source = _load_numbered(tmp_path, _item("First.", 1, 0) + _item("Second.", 2, 0), numbering)
    first, second = source.text.split("\n")
    assert len(first) < 60 and first.endswith(" First.")
    assert len(second) < 1400 and second.endswith(") Second.")


def test_lists_sharing_a_definition_continue_one_count_until_a_start_override(tmp_path: Path) -> None:
    """Word counts per w:abstractNum: a second w:num of the same definition goes on (3.), and one with a
    w:startOverride starts again where it is first met."""
    restart = '0<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = _numbering({0: _lvl(0, "decimal", "%1.")}, {1: "0", 2: "0", 3: restart})
    body = (
        _item("a", 1, 0)
        + _item("b", 1, 0)
        + _p(_r("mid"))
        + _item("c", 2, 0)
        + _item("fresh", 3, 0)
        + _item("next", 3, 0)
    )
    source = _load_numbered(tmp_path, body, numbering)
    assert source.text.split("\n\n") == ["1. a\n2. b", "mid", "3. c\n1. fresh\n2. next"]


def test_a_symbol_font_glyph_with_no_format_is_a_bullet(tmp_path: Path) -> None:
    level = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    source = _load_numbered(tmp_path, _item("Tie bicycles.", 1, 0), _numbering({0: level}, {1: "0"}))
    assert source.text == "- Tie bicycles."


def test_a_deleted_field_end_does_not_count_as_the_end(tmp_path: Path) -> None:
    """A field whose only end is in deleted text never ends in what is read: it must not hide the rest."""
    char = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'
    deleted_end = '<w:del w:id="1" w:author="A"><w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>'
    body = _p(_r("Page ") + char.format("begin") + _instr(" PAGE ") + deleted_end) + _p(
        _r("Third paragraph.")
    )
    source = load_bytes(tmp_path, "deleted.docx", _docx(body))
    assert source.text.split("\n\n") == ["Page", "Third paragraph."]
