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
