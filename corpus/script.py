"""Writing systems and languages: the one place that decides which script or language a text is in.

Every layer asks here: language detection at ingestion, sentence splitting (Kiwi for Hangul), the
analyzer's token classes, the question's language for abstention thresholds, the page's `lang`
attributes. The character ranges below are the single definition of each script.

Language from writing system is a cheap, deterministic guess used when nothing declares one:
Hangul -> "ko"; Han without (much) Hangul -> "zh", or "ja" when kana are present; Latin -> "en";
anything else (Cyrillic, Arabic, no letters at all) -> "und". East Asian characters weigh three
times a Latin letter (one syllable or ideograph carries about as much as a short English word's
letters), so a Korean text full of English terms is still Korean.
"""

from __future__ import annotations

import re

# Character ranges (for regular-expression classes). Hangul: jamo, compatibility jamo, jamo extended
# A and B, syllables. Han: CJK unified ideographs with extensions A-H and compatibility ideographs.
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
KANA = "\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d"  # kana letters, no marks
KANA_BLOCKS = "\u3040-\u30ff\u31f0-\u31ff"  # the whole Hiragana and Katakana blocks (tokenizing)
LATIN = "A-Za-z\u00c0-\u00ff\u0100-\u024f"

# One character of each range; a letter of any script.
HANGUL_CHAR, _HAN, _KANA, _LATIN, _KANA_BLOCK = (
    re.compile(f"[{chars}]") for chars in (HANGUL, HAN, KANA, LATIN, KANA_BLOCKS)
)
LETTER = re.compile(r"[^\W\d_]")
HAN_OR_KANA_CHAR = re.compile(f"[{KANA_BLOCKS}{HAN}]")

_EAST_ASIAN_WEIGHT = 3
_SAMPLE = 400_000  # characters looked at; long texts are sampled at their start, middle and end

# Code -> script family, to check a declared language against the text (see `conflicts`).
_SCRIPT_OF = {"ko": "hangul", "zh": "han", "ja": "han", "en": "latin"}


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    third = _SAMPLE // 3
    middle = len(text) // 2
    return text[:third] + text[middle - third // 2 : middle + third // 2] + text[-third:]


def detect_language(text: str) -> str:
    """ "ko", "zh", "ja", "en" or "und", from the letters of `text`."""
    sample = _sample(text)
    hangul = len(HANGUL_CHAR.findall(sample))
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    latin = len(_LATIN.findall(sample))
    letters = len(LETTER.findall(sample))
    other = max(0, letters - hangul - han - kana - latin)
    east_asian = hangul + han + kana
    if east_asian == 0 and latin == 0:
        return "und"
    if east_asian * _EAST_ASIAN_WEIGHT >= max(latin, other):
        if hangul >= 0.2 * east_asian:
            return "ko"
        if kana >= 0.1 * east_asian:
            return "ja"
        return "zh"
    return "en" if latin >= other else "und"


def sentence_script(text: str) -> str:
    """Which sentence splitter reads `text` (corpus.sentences): "ko" (Kiwi) for Hangul-dominant
    text, "zh" (CJK sentence punctuation) for Han- or kana-dominant text, else "latin" (pySBD).

    Unlike `detect_language`, Hangul syllables and Han characters weigh two Latin letters each, and
    Japanese counts as "zh": the CJK punctuation rules read it.
    """
    hangul = len(HANGUL_CHAR.findall(text))
    han = len(HAN_OR_KANA_CHAR.findall(text))
    if not hangul and not han:
        return "latin"
    other = len(LETTER.findall(text)) - hangul - han
    if 2 * hangul >= max(2 * han, other):
        return "ko"
    if 2 * han > other:
        return "zh"
    return "latin"


def normalize_language(value: str | None) -> str | None:
    """A language tag reduced to its primary subtag, lower case: "ko-KR" -> "ko", "" -> None."""
    if value is None:
        return None
    primary = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def conflicts(declared: str, detected: str) -> bool:
    """Whether a declared language is impossible for the text's script (e.g. "en" on Hangul text)."""
    declared_script = _SCRIPT_OF.get(declared)
    detected_script = _SCRIPT_OF.get(detected)
    if detected_script is None:
        return False
    if detected_script == "latin":
        return declared_script in {"hangul", "han"}
    return declared_script != detected_script


def has_hangul(text: str) -> bool:
    """Whether `text` holds any Hangul character."""
    return HANGUL_CHAR.search(text) is not None


def query_language(text: str) -> str:
    """A question's language by script: "ko" (any Hangul), "zh" (Han without Hangul), else "en".

    Questions are short, so any Hangul or Han character decides (a Korean question about "UNHCR" is
    still Korean); this picks the abstention thresholds and whether the dense model reads it.
    """
    if HANGUL_CHAR.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    return "en"


def guess_lang(text: str) -> str | None:
    """A BCP 47 tag for text a user typed, from its script; None means "inherit the page's"."""
    if HANGUL_CHAR.search(text):
        return "ko"
    if _KANA_BLOCK.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return None
