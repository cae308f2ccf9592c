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
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return WordScore(len(a), sum(block.size for block in matcher.get_matching_blocks()))


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP package of the given parts (a DOCX when the parts are Word's)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()
