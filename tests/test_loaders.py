"""Format loaders on fixture files written by the tests themselves (PDF, DOCX, HTML, Markdown, text)."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest

import corpus.loaders
from corpus.errors import UnreadableSource
from corpus.ingest import load_source, source_file
from corpus.loaders import check_content, extract
from corpus.models import Source

KOREAN = "탈북민들은 중국에서 강제송환된 뒤 구금됐다고 증언했다."


def make_pdf(pages: list[list[str]], *, title: str | None = None, author: str | None = None) -> bytes:
    """A PDF with one line of text per item; lines holding Hangul use a CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for lines in pages:
        y = 760
        for line in lines:
            hangul = any("\uac00" <= ch <= "\ud7a3" for ch in line)
            pdf.setFont("HYSMyeongJo-Medium" if hangul else "Helvetica", 11)
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def load_file(tmp_path: Path, name: str, data: bytes) -> Source:
    path = tmp_path / name
    path.write_bytes(data)
    return load_source(source_file(path, name))


def reason(data: bytes, ext: str) -> str:
    with pytest.raises(UnreadableSource) as caught:
        extract(data, ext)
    return caught.value.message


# -- PDF -----------------------------------------------------------------------------------------


def test_pdf_pages_have_exact_offsets_and_korean_text(tmp_path: Path) -> None:
    data = make_pdf(
        [
            ["Refugee Protection Report", "The first page describes the scope of the report."],
            [KOREAN, "Second page, mixed with English."],
            ["Third page closes the report."],
        ],
        title="Refugee Protection Report 2024",
        author="Ministry of Examples",
    )
    source = load_file(tmp_path, "report.pdf", data)
    assert len(source.pages) == 3 and source.pages[0] == 0
    assert source.text[source.pages[1] :].startswith(KOREAN)
    assert source.text[source.pages[2] :].startswith("Third page closes the report.")
    assert source.page_at(source.text.index("scope")) == 1
    assert source.page_at(source.text.index("강제송환")) == 2
    assert source.page_at(source.text.index("closes")) == 3
    assert source.meta.title == "Refugee Protection Report 2024"
    assert source.meta.publisher == "Ministry of Examples"
    assert source.meta.date is not None and len(source.meta.date) == 10  # from /CreationDate


def test_pdf_prose_lines_are_unwrapped_page_by_page(tmp_path: Path) -> None:
    import textwrap

    paragraph = (
        "Escapees reported that authorities held detainees in facilities near the border for weeks "
        "before transferring them to provincial security offices, where interrogators questioned them "
        "about contacts with South Koreans and religious groups, and that detainees who admitted such "
        "contacts were sent to political prison camps rather than to ordinary labor camps."
    )
    lines = textwrap.wrap(paragraph, width=72)
    source = load_file(tmp_path, "prose.pdf", make_pdf([["Heading One", *lines], [*lines, "Closing note."]]))
    assert source.text == f"Heading One\n\n{paragraph}\n\n{paragraph}\n\nClosing note."
    assert source.page_at(source.text.index("Closing")) == 2
    assert source.text[source.pages[1] :].startswith("Escapees reported")


def test_pdf_empty_pages_keep_numbering(tmp_path: Path) -> None:
    source = load_file(tmp_path, "gaps.pdf", make_pdf([[], ["Text on page two."], [], ["Page four text."]]))
    assert source.text == "Text on page two.\n\nPage four text."
    assert source.page_at(0) == 2
    assert source.page_at(source.text.index("four")) == 4


def test_encrypted_pdf_is_refused_with_reason() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret text."]]))))
    writer.encrypt("s3cret")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted PDF" in reason(out.getvalue(), ".pdf")
    assert "password" in reason(out.getvalue(), ".pdf")


def test_pdf_with_only_an_owner_password_is_read() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Readable but restricted."]]))))
    writer.encrypt("", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    assert extract(out.getvalue(), ".pdf").parts[0].strip() == "Readable but restricted."


def test_truncated_and_garbage_pdfs_are_refused() -> None:
    data = make_pdf([["Some text here."], ["More text."]])
    assert reason(data[: len(data) // 2], ".pdf").startswith("corrupt or truncated PDF")
    assert reason(b"%PDF-1.4\nthis is not really a pdf", ".pdf").startswith("corrupt or truncated PDF")


def test_pdf_of_thousands_of_empty_pages_finishes_quickly() -> None:
    data = make_pdf([[] for _ in range(3000)])
    started = time.perf_counter()
    message = reason(data, ".pdf")
    assert message == "no extractable text in 3000 pages"
    assert time.perf_counter() - started < 15


def test_image_only_pdf_says_so() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(image, format="PNG")
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    pdf.drawImage(ImageReader(io.BytesIO(image.getvalue())), 50, 500, width=200, height=100)
    pdf.showPage()
    pdf.save()
    message = reason(buf.getvalue(), ".pdf")
    assert message.startswith("no extractable text") and "images" in message


# -- DOCX ----------------------------------------------------------------------------------------


def make_docx(*, title: str | None) -> bytes:
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.core_properties.author = "Office of Examples"
    document.core_properties.created = dt.datetime(2021, 5, 4, 10, 0, tzinfo=dt.UTC)
    document.add_heading("Introduction to the Act", level=1)
    document.add_paragraph("The first paragraph explains the purpose.")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Year"
    table.cell(0, 1).text = "Arrivals"
    table.cell(0, 2).text = "Note"
    table.cell(1, 0).text = "2023"
    table.cell(1, 1).text = "196"
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    assert merged.text == "196"
    document.add_paragraph("A closing paragraph after the table.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    source = load_file(tmp_path, "act.docx", make_docx(title="Annual Report on the Act"))
    assert source.text.split("\n\n") == [
        "Introduction to the Act",
        "The first paragraph explains the purpose.",
        "Year | Arrivals | Note\n2023 | 196",
        "A closing paragraph after the table.",
    ]
    assert source.pages == ()
    assert source.meta.title == "Annual Report on the Act"
    assert source.meta.publisher == "Office of Examples"
    assert source.meta.date == "2021-05-04"
    assert source.meta.language == "en"


def test_docx_without_title_uses_its_heading() -> None:
    assert extract(make_docx(title=None), ".docx").meta.title == "Introduction to the Act"


def test_corrupt_docx_is_refused() -> None:
    assert "not a valid DOCX" in reason(b"PK\x03\x04 not really a zip archive", ".docx")
    assert "not a valid DOCX" in reason(b"plain text pretending to be a docx", ".docx")


# -- HTML ----------------------------------------------------------------------------------------

ARTICLE = """<!doctype html>
<html lang="ko-KR"><head><meta charset="utf-8">
<title>탈북민 송환 | Example Herald</title>
<meta name="author" content="김철수">
<meta property="article:published_time" content="2024-03-15T09:30:00+09:00">
<meta property="og:site_name" content="Example Herald">
<link rel="canonical" href="https://example.com/news/1">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World news menu</a></nav>
<div class="ad">Subscribe now for only $1 a month! Advertisement</div>
<article><h1>탈북민 강제송환 보고서</h1>
<p>탈북민들은 중국에서 강제송환된 뒤 국경 인근 구류장에 구금됐다고 증언했다. 유엔 보고서는 이를 확인했다.</p>
<p>인권 단체들은 올해 발표한 여러 보고서에서 송환된 사람들이 겪은 고문과 강제노동을 자세히 기록했다.</p>
<ul><li>첫째 증언은 국경 도시의 구류장에 관한 것이다</li><li>둘째 증언은 노동교화소에 관한 것이다</li></ul>
</article>
<aside>Related stories you may also like</aside>
<footer>Copyright 2024 Example Herald. All rights reserved.</footer>
</body></html>"""


def test_html_drops_boilerplate_and_reads_meta_tags(tmp_path: Path) -> None:
    source = load_file(tmp_path, "article.html", ARTICLE.encode("utf-8"))
    assert "구류장에 구금됐다고 증언했다" in source.text
    assert "- 첫째 증언은 국경 도시의 구류장에 관한 것이다\n- 둘째 증언은" in source.text
    for boilerplate in ("World news menu", "Subscribe now", "Related stories", "All rights reserved"):
        assert boilerplate not in source.text
    assert len(source.paragraphs) >= 3
    assert source.meta.title == "탈북민 강제송환 보고서"
    assert source.meta.publisher == "Example Herald"
    assert source.meta.date == "2024-03-15"
    assert source.meta.url == "https://example.com/news/1"
    assert source.meta.language == "ko"


def test_html_author_fallback_and_declared_charset() -> None:
    page = (
        '<html><head><meta charset="euc-kr"><title>보고서</title><meta name="author" content="김철수"></head>'
        "<body><p>북한 인권 보고서는 구금 시설의 실태를 기록했다.</p></body></html>"
    )
    extracted = extract(page.encode("euc-kr"), ".html")
    assert "구금 시설의 실태" in extracted.parts[0]
    assert extracted.meta.publisher == "김철수"  # trafilatura drops one-word Korean names
    assert extracted.meta.title == "보고서"
    assert extracted.notes == ("not UTF-8: decoded as euc-kr (declared by the file)",)


def test_declared_language_that_contradicts_the_script_is_corrected(tmp_path: Path) -> None:
    page = '<html lang="en"><body><p>북한 인권 보고서는 구금 시설의 실태를 자세히 기록했다.</p></body></html>'
    source = load_file(tmp_path, "mislabelled.html", page.encode())
    assert source.meta.language == "ko"
    assert source.notes == ("the file declares language 'en', but its script says 'ko'; using 'ko'",)


def test_html_without_text_is_refused() -> None:
    assert reason(b"<html><head><title>x</title></head><body> </body></html>", ".html") == (
        "no extractable text in the HTML page"
    )


# -- Markdown and plain text ---------------------------------------------------------------------


def test_markdown_front_matter_is_metadata_not_text() -> None:
    page = (
        '---\ntitle: "Field Notes: Border Towns"\nauthors:\n  - Jane Doe\n  - Kim Min-su\n'
        "date: 2022-11-05\nlicense: CC BY 4.0\nlang: en\nurl: https://example.org/notes\n---\n"
        "# Border towns\n\nNotes from the field.\n"
    )
    extracted = extract(page.encode(), ".md")
    assert extracted.parts[0] == "Border towns\n\nNotes from the field."
    meta = extracted.meta
    assert meta.title == "Field Notes: Border Towns"
    assert meta.publisher == "Jane Doe, Kim Min-su"
    assert (meta.date, meta.license, meta.language, meta.url) == (
        "2022-11-05",
        "CC BY 4.0",
        "en",
        "https://example.org/notes",
    )


def test_markdown_title_falls_back_to_first_heading(tmp_path: Path) -> None:
    source = load_file(tmp_path, "notes.md", b"# Border towns\n\nNotes from the field.\n")
    assert source.meta.title == "Border towns"


def test_cp949_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "난민법\n\n제1조 (목적) 이 법은 난민의 지위와 처우 등에 관한 사항을 정함을 목적으로 한다."
    source = load_file(tmp_path, "refugee.txt", text.encode("cp949"))
    assert source.text == text
    assert source.meta.language == "ko" and source.meta.title == "난민법"
    assert source.notes == ("invalid UTF-8 at byte 0: decoded as CP949 (Korean)",)


def test_other_encodings() -> None:
    latin = extract("Caf\u00e9 r\u00e9sum\u00e9 na\u00efve".encode("latin-1"), ".txt")
    assert latin.parts[0] == "Café résumé naïve"
    assert latin.notes == ("invalid UTF-8 at byte 3: decoded as Windows-1252",)
    utf16 = extract("Hello 세계".encode("utf-16"), ".txt")
    assert utf16.parts[0] == "Hello 세계"
    assert utf16.notes == ("not UTF-8: decoded as UTF-16 (byte-order mark)",)
    assert extract("\ufeffBOM text".encode(), ".txt").notes == ()


def test_binary_data_with_a_text_extension_is_refused() -> None:
    assert "the content is a PNG image" in reason(b"\x89PNG\r\n\x1a\n" + bytes(200), ".txt")
    noise = bytes((i * 97 + 13) % 256 for i in range(4096))
    message = reason(noise, ".txt")
    assert message.startswith("binary file with a text extension (.txt)")
    assert "binary file" in reason(bytes(range(256)) * 4, ".md")


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "ext", "problem"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ".pdf", None),
        (b"junk before the header " * 10 + b"%PDF-1.4\n", ".pdf", None),  # within the first 1024 bytes
        (b"x" * 1100 + b"%PDF-1.4\n", ".pdf", "not a PDF: no %PDF- header in its first 1024 bytes"),
        (bytes(range(256)), ".pdf", "not a PDF: no %PDF- header in its first 1024 bytes"),
        (_zip(["word/document.xml", "[Content_Types].xml"]), ".docx", None),
        (_zip(["word/document2.xml", "[Content_Types].xml"]), ".docx", None),  # the main part's name varies
        (
            _zip(["notes.txt"]),
            ".docx",
            "not a DOCX: the archive has no [Content_Types].xml (not Office Open XML)",
        ),
        (b"PK\x03\x04" + bytes(60), ".docx", "not a DOCX: not a ZIP archive"),
        ("난민법 text".encode(), ".txt", None),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            ".md",
            "binary file with a text extension (.md): the content is a PNG image",
        ),
        (b"<html><body>ok</body></html>", ".html", None),
    ],
)
def test_check_content_refuses_what_cannot_be_of_its_type(data: bytes, ext: str, problem: str | None) -> None:
    if problem is None:
        check_content(data, ext)
    else:
        with pytest.raises(UnreadableSource) as err:
            check_content(data, ext)
        assert str(err.value) == problem


def test_empty_unsupported_and_overlong_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reason(b"", ".txt") == "empty file (0 bytes)"
    assert reason(b"data", ".xlsx") == "unsupported file type .xlsx"
    monkeypatch.setattr(corpus.loaders, "MAX_TEXT_CHARS", 100)
    assert (
        reason(b"x" * 101, ".txt")
        == "extracted text has 101 characters, more than the 100 allowed for one source"
    )


def test_whitespace_only_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n\u200b\x00\n", encoding="utf-8")
    with pytest.raises(UnreadableSource, match="no text"):
        load_source(source_file(path, "blank.txt"))
