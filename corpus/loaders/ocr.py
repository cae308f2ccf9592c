"""OCR of PDF pages that have no text layer, with Debian's tesseract through pytesseract.

Pages are rendered with PDFium at 300 dpi (fewer for very large pages), grey, and read by tesseract
(`--oem 1 --psm 3`, one thread, so the result is the same for the same file). The language comes
from a hint (the manifest's language, else the language of the document's other pages); without one,
tesseract's script detection (OSD) on the first page decides: Hangul -> kor+eng, Han -> chi_sim+eng,
else eng. Each page has a wall-clock limit (`ExtractOptions.ocr_page_seconds`). Spaces that tesseract
puts between Chinese or Japanese characters are removed; lines of a paragraph are joined.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corpus.loaders.base import ExtractOptions

PROGRESS: Callable[[], None] | None = None
"""Called before each page is read (the contained worker uses it to extend its wall-clock limit)."""
DPI = 300
MAX_PIXELS = 40_000_000  # a larger page is rendered at a lower resolution
_LANGUAGES = {"en": "eng", "ko": "kor+eng", "zh": "chi_sim+eng"}
_SCRIPTS = {"Hangul": "kor+eng", "Han": "chi_sim+eng", "HanS": "chi_sim+eng", "Latin": "eng"}
# Page segmentation: automatic (psm 3) first, then a single column of text of variable sizes (psm 4)
# when it finds nothing. For Korean the order is reversed: on our fixtures psm 3 dropped every Hangul
# line (0 of 19 words, and only the English part of a mixed page) where psm 4 read 18 of 19.
_CONFIGS = ("--oem 1 --psm 3", "--oem 1 --psm 4")
_CONFIGS_KOREAN = ("--oem 1 --psm 4", "--oem 1 --psm 3")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u3000-\u303f]")
_CJK_GAP = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u3000-\u303f]) "
    r"(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u3000-\u303f])"
)


@dataclass
class OcrResult:
    """Text per OCR'd page (0-based page index), notes for the source, and why nothing was read."""

    texts: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    refusal: str = ""


def tesseract_available() -> bool:
    """Whether the tesseract program and the pytesseract binding are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return True


def _pages_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n + 1) for n in numbers[:10])
    return shown + (" ..." if len(numbers) > 10 else "")


def render_page(pdf: Any, number: int) -> Any:
    """Page `number` (0-based) of a pypdfium2 document as a grey PIL image at up to `DPI`."""
    page = pdf[number]
    try:
        width, height = page.get_size()
        scale = DPI / 72
        pixels = width * height * scale * scale
        if pixels > MAX_PIXELS:
            scale *= (MAX_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def _tidy(text: str) -> str:
    """Tesseract's output as paragraphs: lines of a paragraph joined, CJK inter-character spaces removed."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower():
                joined = joined[:-1] + line
            elif (
                _CJK_GAP.pattern
                and re.match(r"[\u3040-\u30ff\u3400-\u9fff]", joined[-1] + line[0])
                and ("\u3040" <= joined[-1] <= "\u9fff" and "\u3040" <= line[0] <= "\u9fff")
            ):
                joined += line
            else:
                joined += " " + line
        paragraphs.append(_CJK_GAP.sub("", joined))
    return "\n\n".join(paragraphs)


def _script_languages(image: Any, timeout: float) -> str | None:
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError, OSError):
        return None
    match = re.search(r"Script:\s*(\w+)", osd)
    return _SCRIPTS.get(match.group(1), "eng") if match else None


def ocr_pages(pdf: Any, numbers: list[int], options: ExtractOptions, hint: str | None) -> OcrResult:
    """OCR the pages `numbers` (0-based) of a pypdfium2 document; see the module docstring."""
    result = OcrResult()
    if not numbers:
        return result
    if not options.ocr:
        result.notes.append(
            f"{len(numbers)} pages have no text layer (scanned?) and were not read: OCR is turned off "
            f"(pages {_pages_list(numbers)})"
        )
        result.refusal = "OCR is turned off"
        return result
    if not tesseract_available():
        result.notes.append(
            f"{len(numbers)} pages have no text layer (scanned?) and were not read: OCR is not available "
            f"here (tesseract is not installed) (pages {_pages_list(numbers)})"
        )
        result.refusal = "OCR is not available (tesseract is not installed)"
        return result
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"  # one thread: deterministic output, and no more than a core
    languages = _LANGUAGES.get(hint or "")
    timeout = max(1.0, options.ocr_page_seconds)
    timed_out: list[int] = []
    empty: list[int] = []
    for number in numbers:
        if PROGRESS is not None:
            PROGRESS()
        image = render_page(pdf, number)
        if languages is None:
            languages = _script_languages(image, timeout) or "eng"
        text = ""
        try:
            for config in _CONFIGS_KOREAN if languages.startswith("kor") else _CONFIGS:
                text = _tidy(
                    pytesseract.image_to_string(image, lang=languages, config=config, timeout=timeout)
                )
                if text:
                    break
        except RuntimeError:  # pytesseract's timeout
            timed_out.append(number)
            continue
        except (pytesseract.TesseractError, OSError) as exc:
            result.notes.append(f"OCR failed on page {number + 1}: {' '.join(str(exc).split())[:200]}")
            continue
        if text:
            result.texts[number] = text
        else:
            empty.append(number)
    if result.texts:
        read = sorted(result.texts)
        result.notes.append(
            f"{len(read)} pages without a text layer were read by OCR (tesseract, {languages}); "
            f"their text may hold recognition errors (pages {_pages_list(read)})"
        )
    if timed_out:
        result.notes.append(
            f"OCR took longer than {timeout:g} s on {len(timed_out)} pages, which were not read "
            f"(pages {_pages_list(timed_out)})"
        )
    result.refusal = "OCR found no text" if not timed_out else f"OCR took longer than {timeout:g} s per page"
    return result
