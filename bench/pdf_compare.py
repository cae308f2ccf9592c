"""pypdf against pypdfium2 on PDFs like the ones groundqa reads: words, reading order, speed.

    python -m bench.pdf_compare [CASES_DIR]

For each PDF with a known text (the shared cases, when CASES_DIR or ../shared/cases is there, and
generated fixtures), three readers are scored: pypdf's `extract_text`, PDFium's plain page text
(pypdfium2 `get_text_range`), and groundqa's loader (PDFium plus `corpus.loaders.pdf_layout`).
- words: share of the expected words found, in order (difflib on word lists; a word split by a
  line-end hyphen counts as missing, a running header as extra but not as an error);
- order: share of the reader's words that continue the expected order (matching words / words read,
  so interleaved columns or table cells read down the columns score low);
- time: seconds for the file (the large fixture: 150 pages of dense text).
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.extraction_fixtures import REPORT_PAGES, REPORT_TITLE, report_pdf, two_column_pdf, word_score

KOREAN = "탈북민들은 중국에서 강제송환된 뒤 구금됐다고 증언했다. 유엔 보고서는 이를 확인했다."


def _expected_report() -> str:
    lines: list[str] = [REPORT_TITLE]
    for page in REPORT_PAGES:
        for line in page:
            lines.append(" | ".join(line) if isinstance(line, tuple) else line.rstrip("\n"))
    text = "\n".join(lines)
    for split, word in (
        ("deserti-\nfication", "desertification"),
        ("live-\nstock", "livestock"),
        ("repatri-\nation", "repatriation"),
        ("drought-\ntolerant", "drought-tolerant"),
        ("self-\nreliance", "self-reliance"),
    ):
        text = text.replace(split, word)
    return text


def _korean_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    pdf.setFont("HYSMyeongJo-Medium", 11)
    cut = KOREAN.index(" ", 25)
    pdf.drawString(60, 760, KOREAN[:cut])
    pdf.drawString(60, 744, KOREAN[cut + 1 :])
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _large_pdf(pages: int = 150) -> tuple[bytes, str]:
    import textwrap

    from reportlab.pdfgen import canvas

    sentence = (
        "Human rights groups reported that detainees returned across the border were questioned "
        "about their contacts abroad and sent to labour camps for months. "
    )
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    expected = []
    for number in range(pages):
        pdf.setFont("Helvetica", 10)
        lines = textwrap.wrap((f"Section {number}. " + sentence * 14), width=95)
        y = 780
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 12.5
        expected.append(" ".join(lines))
        pdf.showPage()
    pdf.save()
    return buf.getvalue(), "\n".join(expected)


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    texts = []
    for page in pdf:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range().replace("\ufffe", "-\n"))
        textpage.close()
        page.close()
    pdf.close()
    return "\n".join(texts)


def _groundqa(data: bytes) -> str:
    from corpus.loaders import extract
    from corpus.normalize import canonical_document

    extracted = extract(data, ".pdf")
    return canonical_document(extracted.parts, paged=True, unwrap=False, joins=extracted.joins).text


READERS: dict[str, Callable[[bytes], str]] = {"pypdf": _pypdf, "pypdfium2": _pdfium, "groundqa": _groundqa}


def fixtures(cases: Path | None) -> list[tuple[str, bytes, str]]:
    found: list[tuple[str, bytes, str]] = []
    if cases is not None and (cases / "pdf-hyphenation").is_dir():
        control = (cases / "controls" / "control-drought-report.txt").read_text(encoding="utf-8")
        found.append(
            ("case: drought-report.pdf", (cases / "pdf-hyphenation/drought-report.pdf").read_bytes(), control)
        )
        table = "\n".join(
            [
                "Well repairs in 2023",
                "The table below lists the wells repaired by the district teams during 2023 "
                "and the number of households that each district serves.",
                "District | Wells repaired | Households served | Lead mechanic",
                "Ashford | 12 | 1,170 | Mara Quint",
                "Bellmoor | 7 | 640 | Teo Vance",
                "Corrin Vale | 19 | 2,305 | Ilse Brand",
                "Dunhollow | 4 | 390 | Omar Reyes",
                "Repairs in Corrin Vale took longer than planned because two of the wells "
                "needed new pump cylinders.",
            ]
        )
        found.append(
            ("case: well-repairs.pdf (table)", (cases / "pdf-table/well-repairs.pdf").read_bytes(), table)
        )
    found.append(("report: headers, hyphens, table", report_pdf(), _expected_report()))
    data, columns = two_column_pdf()
    found.append(("two columns", data, "\n".join(columns)))
    found.append(("Korean, CID font", _korean_pdf(), KOREAN))
    data, expected = _large_pdf()
    found.append(("150 dense pages", data, expected))
    return found


def main(argv: list[str]) -> None:
    cases = Path(argv[0]) if argv else Path(__file__).resolve().parents[1].parent / "shared" / "cases"
    rows = []
    for name, data, expected in fixtures(cases if cases.is_dir() else None):
        cells = [name]
        for reader in READERS.values():
            started = time.perf_counter()
            text = reader(data)
            seconds = time.perf_counter() - started
            score = word_score(expected, text)
            read = max(1, word_score(text, text).expected)  # words the reader produced
            cells.append(f"{score.ratio:.1%} / {score.matched / read:.1%} / {seconds:.2f} s")
        rows.append(cells)
    print("| PDF | " + " | ".join(f"{r}: words / order / time" for r in READERS) + " |")
    print("|---|" + "---|" * len(READERS))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
