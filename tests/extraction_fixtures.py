"""Generated fixtures for the extraction tests and benchmarks: PDFs (reportlab, Pillow), DOCX parts, HTML.

Every fixture is made in memory from known text, so a test can compare what is read with what was
written. Nothing here is committed as a binary file.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")

ENGLISH_OCR = [
    "Forced Repatriation Report",
    "Families who crossed the river at night were held at the border post for three weeks.",
    "Officials questioned each adult about contacts with foreign missionaries and journalists.",
    "Most detainees were transferred to a labour camp near the northern railway station.",
]
KOREAN_OCR = [
    "강제송환 보고서",
    "탈북민들은 중국에서 강제송환된 뒤 국경 인근 구류장에 구금됐다고 증언했다.",
    "유엔 보고서는 송환된 사람들이 고문과 강제노동을 겪었다고 기록했다.",
]


def image_pdf(lines: list[str], *, font: Path | None = NANUM, size: int = 44) -> bytes:
    """A one-page PDF holding only an image of `lines` (no text layer), drawn with Pillow at 300 dpi."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = 2480, 3508  # A4 at 300 dpi
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(str(font), size) if font and font.exists() else ImageFont.load_default(size)
    y = 250
    for line in lines:
        for part in textwrap.wrap(line, width=70) or [""]:
            draw.text((200, y), part, fill=0, font=face)
            y += int(size * 1.6)
        y += int(size * 0.8)
    png = io.BytesIO()
    image.save(png, format="PNG")
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(595.27, 841.89), invariant=1)
    pdf.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=595.27, height=841.89)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@dataclass(frozen=True)
class WordScore:
    """How many words of the expected text were read, in order (difflib matching blocks)."""

    expected: int
    matched: int

    @property
    def ratio(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def word_score(expected: str, read: str) -> WordScore:
    """Words of `expected` found in `read` in the same order (punctuation aside, case-insensitive)."""
    import difflib
    import re

    def words(text: str) -> list[str]:
        return [w.lower() for w in re.findall(r"\w+", text)]

    a, b = words(expected), words(read)
    if len(a) * len(b) > 25_000_000:  # too long for difflib: count words, ignoring their order
        from collections import Counter

        return WordScore(len(a), sum((Counter(a) & Counter(b)).values()))
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return WordScore(len(a), sum(block.size for block in matcher.get_matching_blocks()))


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP package of the given parts (a DOCX when the parts are Word's)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


# -- a report PDF with running headers, page numbers, hyphenation, a page-spanning sentence, a table ---------
REPORT_TITLE = "Water and Land in the Eastern Districts"
# Lines as typeset (justified to the column width, except the last line of each paragraph, marked
# with a trailing "\n"); "" is the space between paragraphs; tuples are table rows.
REPORT_PAGES: list[list[str | tuple[str, ...]]] = [
    [
        "The national land agency has monitored soil degradation in the eastern districts",
        "since 2012. Its field teams reported that the pace of land degradation and deserti-",
        "fication doubled between 2015 and 2020, driven by overgrazing and by the steady loss",
        "of seasonal wetlands along the river. Farmers received grants and new drought-",
        "tolerant sorghum seed before the next planting season.\n",
        "",
        "Emergency water trucking reached forty villages, but many households still walked",
        "five kilometres a day to collect water for themselves and for their cattle and live-",
        "stock. After a long meeting in the district hall, the committee decided that the",
    ],
    [
        "wells would be repaired before the rains, and that the work would be shared by all",
        "of the villages. Families displaced by the drought were offered seed and repatri-",
        "ation grants for the coming year, and the programme as a whole aimed at self-",
        "reliance rather than at aid.\n",
        "",
        "Most of the repaired wells are in the lowland villages near the river.\n",
    ],
    [
        "The table below lists the wells repaired by each district team in 2023.\n",
        ("District", "Wells repaired", "Households served", "Lead mechanic"),
        ("Ashford", "12", "1,170", "Mara Quint"),
        ("Bellmoor", "7", "640", "Teo Vance"),
        ("Corrin Vale", "19", "2,305", "Ilse Brand"),
        "",
        "Repairs in Corrin Vale took longer than planned because two wells needed new pumps.\n",
    ],
]
REPORT_HEADER = "Annual Field Report 2024"
COLUMNS_X = (72, 200, 300, 420)


def _justified(pdf: Any, line: str, x: float, y: float, width: float) -> None:
    """Draw `line` spread over `width` points (drawn as is when it ends with a newline)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if line.endswith("\n"):
        pdf.drawString(x, y, line.rstrip("\n"))
        return
    words = line.split()
    natural = sum(stringWidth(w, "Helvetica", 11) for w in words)
    gap = (width - natural) / max(1, len(words) - 1)
    for word in words:
        pdf.drawString(x, y, word)
        x += stringWidth(word, "Helvetica", 11) + gap


def report_pdf(*, outline: bool = True) -> bytes:
    """Three pages: a running header and "Page N of 3" footer on each, a title on page 1, prose with
    line-end hyphens (split words and compounds), a sentence running from page 1 to page 2, a table."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    pdf.setTitle("Annual Field Report 2024")
    for number, lines in enumerate(REPORT_PAGES, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 750, REPORT_HEADER)
        pdf.drawRightString(540, 40, f"Page {number} of {len(REPORT_PAGES)}")
        y = 700.0
        if number == 1:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(72, y, REPORT_TITLE)
            if outline:
                pdf.bookmarkPage("title")
                pdf.addOutlineEntry(REPORT_TITLE, "title", level=0)
            y -= 30
        if number == 3 and outline:
            pdf.bookmarkPage("repairs")
            pdf.addOutlineEntry("The table below lists the wells", "repairs", level=1)
        for line in lines:
            pdf.setFont("Helvetica", 11)
            if line == "":
                y -= 12
            elif isinstance(line, tuple):
                for x, cell in zip(COLUMNS_X, line, strict=True):
                    pdf.drawString(x, y, cell)
                y -= 16
            else:
                _justified(pdf, line, 72, y, 425)
                y -= 14
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def two_column_pdf() -> tuple[bytes, list[str]]:
    """One page with two columns of prose (written column after column, as layout programs do)."""
    from reportlab.pdfgen import canvas

    left = [
        "The first column describes the crossing",
        "of the river at night by eleven families",
        "who had waited for the water to fall.",
    ]
    right = [
        "The second column tells how the border",
        "guards found them the next morning and",
        "took them to the county detention centre.",
    ]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    pdf.setFont("Helvetica", 11)
    for x, lines in ((72, left), (320, right)):
        y = 700
        for line in lines:
            pdf.drawString(x, y, line)
            y -= 14
    pdf.showPage()
    pdf.save()
    return buf.getvalue(), [" ".join(left), " ".join(right)]
