"""Lexical analysis for BM25: English stems, Korean morphemes, CJK character bigrams, numbers.

Text is NFKC-normalised and split by script:
- Latin and other alphabetic words: lowercased, English stop words dropped, Snowball-stemmed
  (PyStemmer). Words with digits ("a320", "covid19") are kept whole. A hyphenated compound also gives
  one term of its stemmed parts ("non-refoulement" -> non, refoul, non-refoul).
- Latin letters lose their diacritics ("Salmón", "Türk", "Hamhŭng" -> salmon, turk, hamhung), as an
  English keyboard writes them (Lucene's ASCIIFoldingFilter does the like); other scripts keep theirs.
- Numbers: thousands separators removed ("2,000" -> "2000"), decimals kept ("3.5").
- Hangul: Kiwi morphemes whose tag is a content tag (nouns, numerals, roots, verb and adjective
  stems), e.g. "탈북민 강제송환" -> 탈북민, 강제, 송환. A negating prefix (`NEGATING_PREFIXES`: 무,
  불, 비, 미, ...) turns the word it is written onto into its opposite, so the two are one term:
  "무국적자" -> 무국적자 (a stateless person, not 국적자, a national), "난민불인정결정" -> 난민, 불인정,
  결정 (non-recognition); other prefixes are dropped ("재정착" -> 정착). Kiwi is loaded only when
  Hangul occurs. A
  text in which Kiwi reads a pronoun's contracted particle inside a word ("난민법 제18조" as 나 + ᆫ
  + 민법, "I, the Civil Act") is read again without those contractions (난민, 법, 18).
- Han, Hiragana and Katakana runs: overlapping character bigrams (a lone character is kept as is).
  A Han character in brackets between two others is an alternative for the one before it, as
  Chinese statutes write two words at once: "国（边）境" is 国境 and 边境 (national border and
  frontier), "国（境）外" is 国外 and 境外; both words are indexed, besides the characters' own terms
  (and count in the passage's BM25 length: three terms more per such word). A bracketed numeral or
  sex is a number or a note, not an alternative ("第（六）项", "王某（女）").
Tokens come out in text order. Bump ANALYZER_VERSION whenever the output changes for some input.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import Stemmer

from corpus.kiwi import get_kiwi, no_pronoun_contractions
from corpus.script import HAN, HANGUL, KANA_BLOCKS

ANALYZER_VERSION = "en-snowball+ko-kiwi+cjk-bigram/10"

_CJK = KANA_BLOCKS + HAN
_WORD_CHAR = rf"[^\W_{HANGUL}{_CJK}]"
_TOKEN = re.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    rf"|(?P<num>\d+(?:[.,]\d+)+)(?!{_WORD_CHAR})"
    rf"|(?P<word>{_WORD_CHAR}+(?:['’]{_WORD_CHAR}+)*)"
)
_COMPOUND = re.compile(rf"(?<![\w\-‐‑])({_WORD_CHAR}+(?:[\-‐‑]{_WORD_CHAR}+)+)")
_HYPHENS = re.compile(r"[\-‐‑]")
_HAS_HANGUL = re.compile(f"[{HANGUL}]")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# "国(边)境" once NFKC has made the brackets ASCII: one Han character in brackets between two more
_ALTERNATIVE = re.compile(f"(?=([{HAN}])\\(([{HAN}])\\)([{HAN}]))")
_HAN_CHAR = re.compile(f"[{HAN}]")
# a bracketed numeral numbers ("第（六）项", item 6) and a bracketed sex notes ("王某（女）"): no alternative
_NOT_ALTERNATIVES = frozenset("〇一二三四五六七八九十百千万零两男女")

# Korean prefixes (Kiwi's XPN) that turn the word after them into its opposite or absence: 무 (無,
# without), 불/부 (不, not), 비 (非, non-), 미 (未, not yet), 반 (反, anti-), 몰 (沒, lacking).
NEGATING_PREFIXES = frozenset({"무", "불", "부", "비", "미", "반", "몰"})

# Kiwi tags kept for Korean: general/proper nouns, numerals, roots, verb and adjective stems (plus
# the tags Kiwi gives Latin, numbers and Hanja, which this module analyses itself).
KOREAN_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "VV", "VA", "SL", "SN", "SH"})

# Function words only: content words, even frequent ones, are left to BM25's idf.
_STOP_WORDS_TEXT = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# English plurals that do not end in -s, read as their singular ("women" -> "woman"): Snowball leaves
# them whole, so "woman" never matched "women", nor a dictionary's "woman" (for 妇女, 여성) a question's
# "women" (from the irregular plurals in any English grammar; only those a collection like this one
# uses, and no form that is also another word: "lives", "leaves")
IRREGULAR_PLURALS = {
    "women": "woman",
    "men": "man",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "wives": "wife",
    "knives": "knife",
    "thieves": "thief",
    "businessmen": "businessman",
    "businesswomen": "businesswoman",
    "chairmen": "chairman",
    "chairwomen": "chairwoman",
    "policemen": "policeman",
    "policewomen": "policewoman",
    "servicemen": "serviceman",
    "servicewomen": "servicewoman",
    "spokesmen": "spokesman",
    "spokeswomen": "spokeswoman",
    "fishermen": "fisherman",
    "gunmen": "gunman",
}


def stem_words(words: Sequence[str]) -> list[str]:
    """The English Snowball stems of lower-cased words, as `analyze` writes them ("refugees" ->
    "refuge", "women" and "women's" -> "woman": `IRREGULAR_PLURALS` first); stop words are not
    removed here."""
    return list(_stemmer().stemWords([_singular(w) for w in words]))


def _singular(word: str) -> str:
    """`word`'s singular when it is one of `IRREGULAR_PLURALS`, possessive or not ("women's" ->
    "woman", as Snowball gives "rights'" -> "right"); else `word`."""
    base = word[:-2] if word.endswith("'s") else word
    return IRREGULAR_PLURALS.get(base, word)


def _number(token: str) -> str:
    return token.replace(",", "") if _THOUSANDS.fullmatch(token) else token


def _cjk_grams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _non_hangul(text: str) -> list[tuple[int, str]]:
    """(position, token) for everything but Hangul."""
    out: list[tuple[int, str]] = []
    words: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        if kind == "cjk":
            out.extend((m.start() + i, g) for i, g in enumerate(_cjk_grams(tok)))
        elif kind == "num":
            out.append((m.start(), _number(tok)))
        else:
            low = _folded(tok.lower().replace("’", "'"))
            if low not in STOP_WORDS:
                words.append((m.start(), low))
    if words:
        stems = stem_words([w for _, w in words])
        out.extend((pos, stem) for (pos, _), stem in zip(words, stems, strict=True))
    out.extend(_compounds(text))
    out.extend(_alternatives(text))
    return out


_LATIN_END = "\u0250"  # Basic Latin to Latin Extended-B: the letters whose marks are folded


def _folded(word: str) -> str:
    """`word` with the diacritics of its Latin letters removed ("salmón" -> "salmon", "chosŏn" ->
    "choson"); letters of other scripts keep their marks, and letters that are no base letter with a
    mark stay as they are ("ø", "æ", "ß")."""
    if word.isascii():
        return word
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and kept and kept[-1] < _LATIN_END:
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def bm25_length(tokens: Iterable[str]) -> int:
    """A passage's length for BM25's dl and avgdl: its analysed terms, not counting the compound
    terms (`_compounds`), which repeat words already counted. Counting them lengthened every passage
    with hyphens and cost 0.015 nDCG@10 on the ADI collection."""
    return sum(1 for t in tokens if "-" not in t)  # only compound terms hold a hyphen


def _compounds(text: str) -> list[tuple[int, str]]:
    """(position, token) for hyphenated compounds as one term: "non-refoulement" -> "non-refoul".

    The parts are indexed on their own as well; the compound lets "non-refoulement" match itself
    rather than every "non-political" and "refouler".
    """
    out: list[tuple[int, str]] = []
    for m in _COMPOUND.finditer(text):
        parts = [_folded(w.lower().replace("’", "'")) for w in _HYPHENS.split(m.group(1))]
        kept = [w for w in parts if w not in STOP_WORDS]
        if len(kept) >= 2:
            out.append((m.start(), "-".join(stem_words(kept))))
    return out


def _alternatives(text: str) -> list[tuple[int, str]]:
    """(position, bigram) for the bigrams of each bracketed alternative's two readings that the
    written text lacks: "偷越国(边)境" -> 国境 (偷越国境), 越边 and 边境 (偷越边境)."""
    out: list[tuple[int, str]] = []
    for m in _ALTERNATIVE.finditer(text):
        before, instead, after = m.groups()
        if instead in _NOT_ALTERNATIVES or instead == before:
            continue
        out.append((m.start(1), before + after))
        at = m.start(1)
        if at and _HAN_CHAR.match(text, at - 1):
            out.append((m.start(2), text[at - 1] + instead))
        out.append((m.start(2), instead + after))
    return out


def _korean(tokens: Iterable[Any]) -> list[tuple[int, str]]:
    """(position, form) for Kiwi's content morphemes (kiwipiepy Tokens) written in Hangul; a content
    morpheme written right after a negating prefix (`NEGATING_PREFIXES`) as one term with it."""
    out: list[tuple[int, str]] = []
    prefix: Any = None
    for t in tokens:
        form, tag = str(t.form), str(t.tag)
        if tag.split("-")[0] in KOREAN_TAGS and _HAS_HANGUL.search(form):
            if prefix is not None and int(prefix.start) + int(prefix.len) == int(t.start):
                out.append((int(prefix.start), (str(prefix.form) + form).lower()))
            else:
                out.append((int(t.start), form.lower()))
        prefix = t if tag == "XPN" and form in NEGATING_PREFIXES else None
    return out


def _kiwi_morphemes(texts: list[str]) -> list[list[tuple[int, str]]]:
    """`_korean` of Kiwi's tokens of each text, read as they come (a batch's tokens are not all
    kept); a text with a pronoun contraction inside a word (`_contraction_in_word`) is tokenized
    again with those contractions blocked, all of it: a real contraction elsewhere in that text
    ("난 ... 난민법 제18조") is then read as a noun too."""
    kiwi = get_kiwi()
    out: list[list[tuple[int, str]]] = []
    again: list[int] = []
    for i, toks in enumerate(kiwi.tokenize(texts)):
        if _contraction_in_word(toks):
            again.append(i)
        out.append(_korean(toks))
    if again:
        redone = kiwi.tokenize([texts[i] for i in again], blocklist=no_pronoun_contractions())
        for i, toks in zip(again, redone, strict=True):
            out[i] = _korean(toks)
    return out


def _contraction_in_word(tokens: Sequence[Any]) -> bool:
    """A pronoun with a contracted particle in its syllable (난 = 나 + ᆫ, 날 = 나 + ᆯ) that the next
    morpheme follows without a space: "난민법" misread as 나 + ᆫ + 민법. A contraction standing as
    its own word ("전 학생이에요", "I am a student") is a real one."""
    for pronoun, particle, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if (
            pronoun.tag == "NP"
            and particle.form in ("ᆫ", "ᆯ")
            and particle.tag in ("JX", "JKO")
            and after.start == particle.start + particle.len
        ):
            return True
    return False


def _merge(*parts: list[tuple[int, str]]) -> list[str]:
    return [tok for _, tok in sorted((p for part in parts for p in part), key=lambda p: p[0])]


def analyze(text: str) -> list[str]:
    """The index terms of `text`, in text order."""
    return analyze_many([text])[0]


def analyze_many(texts: Sequence[str]) -> list[list[str]]:
    """`analyze` for many texts at once (Korean texts go through Kiwi in one batch)."""
    normal = [unicodedata.normalize("NFKC", t) for t in texts]
    korean_at = [i for i, t in enumerate(normal) if _HAS_HANGUL.search(t)]
    morphemes: dict[int, list[tuple[int, str]]] = {}
    if korean_at:
        analysed = _kiwi_morphemes([normal[i] for i in korean_at])
        morphemes = dict(zip(korean_at, analysed, strict=True))
    return [_merge(_non_hangul(t), morphemes.get(i, [])) for i, t in enumerate(normal)]
