"""Which instrument (treaty, convention, statute, law) a question names, and whether a passage stands in it.

"Article 12(4) of the ICCPR" names article 12 of one instrument. Many instruments of a collection have
an article 12 (every treaty, every law), and one source can hold two instruments: the demo's ICCPR
file carries the Covenant and, under its own heading, the Optional Protocol, each with an article 12.
So a named provision alone does not say which passage is meant. This module reads the instrument:

    name = instrument_name("International Covenant on Civil and Political Rights (1966), with its ...")
    # "International Covenant on Civil and Political Rights (1966)"
    abbreviates("ICCPR", name)   # 1.0: I-C-C-P-R are initials of its words, in order, from the first
    abbreviates("CAT", "Convention against Torture and Other Cruel, Inhuman ...")   # 1.0

An instrument is a source's title (the part before a dash, ", with" or ";": the rest describes the
edition), or, inside a source, the innermost heading of a passage's section path that names an
instrument (an "Optional Protocol to ..." heading in the middle of a covenant). A question's match
with an instrument is the IDF-weighted share of its content terms outside the provision ("Article
12(4)") that the instrument's name holds, an acronym of the question counting as held (in full or
by half) as far as it abbreviates the name (`abbreviates`, `NamedInstrument.match`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from corpus.script import HAN, has_hangul
from index.abstain import idf
from index.analyzer import analyze

# Words that make a heading the name of an instrument rather than a structural label ("Part III").
_INSTRUMENT_WORDS = (
    "Convention",
    "Covenant",
    "Protocol",
    "Statute",
    "Declaration",
    "Charter",
    "Treaty",
    "Agreement",
    "Act",
    "Code",
    "Law",
    "Decree",
    "Constitution",
)
_INSTRUMENT_WORD = re.compile(
    r"\b(?:"
    + "|".join(_INSTRUMENT_WORDS)
    + r")\b|협약|규약|의정서|조약|선언|법률|시행령|헌법|公约|条约|议定书|宣言|法$",
)
# Where a title stops naming the instrument and starts describing the edition.
_TITLE_END = re.compile(r"\s+[—–]\s+|,\s+with\b|;\s")
# a code's designation, which names where a text stands, not what it is ("United States Code, Title 22,
# Chapter 78", "United States Code, Title 22, §§ 9241–9243")
_DESIGNATION = re.compile(
    r"(?:United States Code|U\.\s?S\.\s?C\.)"
    r"(?:,?\s+(?:Title|Chapter|Subchapter|Part|Sections?|§§?)\s*[\w.]+(?:[–-][\w.]+)?)+"
)
_NAME_AFTER = re.compile(r"[A-Z][^(;:]*")  # the capitalised name after a designation's dash
_WORD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{3,8}(?![A-Za-z])")  # "ICCPR의", "ICCPR第12条" too
MIN_MATCH = 0.2  # a question names an instrument when it matches one at least this much
# The words of a name a question writes in capitals ("Article 241 of China's Criminal Law") weigh this
# many times their IDF when instruments are matched with the question: what it asks about ("... say
# about buying abducted women") holds rarer words, which named the Act on ... Victims Abducted to
# North Korea instead.
NAME_STRESS = 3.0


def instrument_name(title: str) -> str:
    """The part of a source title that names its instrument: up to the first dash, ", with" or "; "
    ("Convention ... Punishment (1984)" stays whole; "난민법 (Refugee Act, ...) — text as promulgated
    2016-12-20" -> "난민법 (Refugee Act, ...)"). A code's designation alone names no instrument: the
    name after its dash follows it, up to a bracket, colon or semicolon ("United States Code, Title
    22, Chapter 78 — Trafficking Victims Protection (22 U.S.C. 7101 et seq.; ...)" -> "United States
    Code, Title 22, Chapter 78 — Trafficking Victims Protection"; a description in lower case does
    not: "— refugee definition ...")."""
    m = _TITLE_END.search(title)
    if not m:
        return title
    head = title[: m.start()]
    if _DESIGNATION.fullmatch(head) and m.group().strip() in "—–":
        after = _NAME_AFTER.match(title, m.end())
        if after:
            name = after.group()
            end = _TITLE_END.search(name)
            return f"{head} — {(name[: end.start()] if end else name).rstrip()}"
    return head


def is_instrument_heading(heading: str) -> bool:
    """A section-path heading that names an instrument ("Optional Protocol to the International
    Covenant on Civil and Political Rights") rather than a part of one ("Part III", "Article 12")."""
    return bool(_INSTRUMENT_WORD.search(heading))


# Acronyms the field uses for bodies, not instruments: such an acronym abbreviates a name that writes
# the body out (the "Rome Statute of the International Criminal Court" is "the ICC Statute") and no
# other by its initials: "ICC" would otherwise read as the first words of the "International Covenant
# on Civil and Political Rights" (ICCPR).
_BODIES = {
    "ICC": ("International Criminal Court",),
    "ICJ": ("International Court of Justice",),
    "ILO": (
        "International Labour Organization",
        "International Labour Organisation",
        "International Labor Organization",
    ),
    "IOM": ("International Organization for Migration",),
    "IRO": ("International Refugee Organization",),
    "UNHCR": ("United Nations High Commissioner for Refugees", "UN High Commissioner for Refugees"),
    "OHCHR": ("Office of the United Nations High Commissioner for Human Rights",),
}


def body_names(acronym: str) -> tuple[str, ...]:
    """The names written out of a body the field knows by `acronym` (`_BODIES`: "UNHCR" -> "United
    Nations High Commissioner for Refugees", "UN High Commissioner for Refugees"); () for another."""
    return _BODIES.get(acronym, ())


def body_forms(name: str) -> tuple[str, ...]:
    """The other forms of a body's name written out (`_BODIES`): its acronym and its other spellings
    ("International Refugee Organization" -> "IRO"; "International Labour Organization" -> "ILO",
    "International Labour Organisation", "International Labor Organization"); () for another name."""
    folded = " ".join(name.split()).casefold()
    for acronym, names in _BODIES.items():
        if any(folded == n.casefold() for n in names):
            return (acronym, *(n for n in names if n.casefold() != folded))
    return ()


def abbreviates(acronym: str, name: str) -> float:
    """How well `acronym` (3+ letters) abbreviates `name`: 1.0 when it is written in the name ("...
    (CEDAW, 1979)") or its letters are the initials of the name's first words, in order, where only
    lower-case words (of, the, on, and) may be passed over ("ICCPR" for "International Covenant on
    Civil and Political Rights", "CRC" for "Convention on the Rights of the Child", "CAT" for
    "Convention against Torture and Other Cruel ..."; words after the last letter do not matter);
    0.5 when they are so from a later capitalised word ("CRC" for "Optional Protocol to the
    Convention on the Rights of the Child"); else 0.0 ("CRC" for "China Primer: Human Rights (CRS
    ...)", which would pass over "Primer"). The acronym of a body (`_BODIES`: "ICC") abbreviates a
    name that writes the body out (1.0), and no other."""
    if len(acronym) < 3:
        return 0.0
    if re.search(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])", name):
        return 1.0
    if acronym in _BODIES:
        folded = " ".join(name.split()).casefold()
        return 1.0 if any(body.casefold() in folded for body in _BODIES[acronym]) else 0.0
    words = _WORD.findall(name)
    letters = acronym.lower()

    @functools.cache
    def fits(i: int, j: int) -> bool:  # letters[i:] abbreviate words[j:]
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word = words[j]
        if word[0].lower() == letters[i] and fits(i + 1, j + 1):
            return True
        return i > 0 and word.islower() and fits(i, j + 1)

    if words and fits(0, 0):
        return 1.0
    return 0.5 if any(fits(0, j) for j, word in enumerate(words) if j and word[0].isupper()) else 0.0


def acronyms_in(text: str) -> tuple[str, ...]:
    """The all-capital words of 3-8 letters in `text` ("ICCPR", "CAT"), in order, without repeats."""
    return tuple(dict.fromkeys(_ACRONYM.findall(text)))


# The United Nations as a question names it ("UN", "United Nations", "U.N.", 유엔, 국제연합, 联合国), as
# runs of analysed terms. The UN adopted most instruments, so naming it tells none apart; and the titles
# that hold it hold it as the name of another instrument they supplement ("Protocol against the
# Smuggling of Migrants ..., supplementing the UN Convention against Transnational Organized Crime"):
# read as a word of the name, "the UN Convention on the Rights of the Child" and "유엔 난민협약" named
# the Palermo or the Smuggling Protocol.
_UNITED_NATIONS: tuple[tuple[str, ...], ...] = (
    ("un",),
    ("유엔",),
    ("unit", "nation"),
    ("u", "n"),
    ("국제", "연합"),
    ("联合", "合国"),
)


def without_united_nations(terms: Iterable[str]) -> list[str]:
    """`terms` (analysed, in text order) without the runs naming the United Nations (`_UNITED_NATIONS`):
    ["un", "refuge", "convent"] -> ["refuge", "convent"]; a lone "nation" (of "nationality") stays."""
    out = list(terms)
    n = 0
    while n < len(out):
        run = next((r for r in _UNITED_NATIONS if tuple(out[n : n + len(r)]) == r), None)
        if run is None:
            n += 1
        else:
            del out[n : n + len(run)]
    return out


@dataclass(frozen=True)
class NamedInstrument:
    """What a question says about instruments: its content terms outside the named provision with
    their IDF weights, and its acronyms with their analysed terms.

    Attributes:
        weights: IDF of each content term outside the provision (`index.abstain.idf`).
        acronyms: (acronym as written, its analysed term) for each acronym of the question.
        senses: question term -> its other forms and, across languages, its senses.
        owners: the countries the question writes into the name it gives ("South Korea's Criminal
            Act", "북한 헌법"), which a name it names beyond doubt must hold.
    """

    weights: Mapping[str, float]
    acronyms: tuple[tuple[str, str], ...]
    senses: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    owners: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        terms: Iterable[str],
        acronyms: Iterable[str],
        df: Mapping[str, int],
        n_docs: int,
        senses: Mapping[str, Iterable[tuple[str, ...]]] | None = None,
        stressed: AbstractSet[str] = frozenset(),
        owners: AbstractSet[str] = frozenset(),
    ) -> NamedInstrument:
        """From the question's content terms outside its provisions, its acronyms (`acronyms_in`),
        the terms' document frequencies over `n_docs` passages and, to match titles in another
        language, the terms' senses there (`index.lexicon`: a Korean term's English index terms).
        With `senses` given, the Korean and Chinese words for kinds of instrument also get their
        English ones (`kind_senses`: 의정서 -> protocol), and the words of Korean names of
        international instruments theirs (`name_word_senses`: 자유 of 자유권규약 -> civil
        political). Either way a term also matches the other forms a name may write it in
        (`same_senses`: "Korean" as "Korea", "code" as "Law"). The words naming the United Nations
        are not read (`without_united_nations`: "the UN Refugee Convention" is the Refugee Convention).
        The `stressed` terms (those of the name the question writes in capitals: "China's Criminal
        Law") weigh `NAME_STRESS` times their IDF. The `owners` (the countries written into the name
        the question gives: `engine._owners`) are kept where they are among its terms; a name it names
        beyond doubt must hold them (`decisive`). A hyphenated word counts as its parts, without a
        prefix such as "anti" (`_NAME_PREFIXES`)."""
        read = set(without_united_nations(terms))
        # a hyphenated word is its parts, not a third word, and the parts after a prefix
        # (`_NAME_PREFIXES`): "anti-trafficking" is "trafficking"
        for t in [t for t in read if "-" in t and set(t.split("-")) <= read]:
            read -= {t} | ({t.split("-")[0]} & _NAME_PREFIXES)
        weights = {
            t: idf(df.get(t, 0) if " " not in t else joined_df(t, df), n_docs)
            * (NAME_STRESS if t in stressed else 1.0)
            for t in sorted(read)
        }
        pairs = []
        for a in acronyms:
            analysed = analyze(a)
            if len(analysed) == 1 and analysed[0] in weights:
                pairs.append((a, analysed[0]))
        given = senses or {}
        kinds = {**name_word_senses(), **kind_senses()} if senses is not None else {}
        same = same_senses()
        other = {
            t: found
            for t in weights
            if (
                found := tuple(
                    dict.fromkeys(
                        (*same.get(t, ()), *kinds.get(t, ()), *(tuple(x) for x in given.get(t, ())))
                    )
                )
            )
        }
        return cls(
            weights=weights, acronyms=tuple(pairs), senses=other, owners=frozenset(owners) & set(weights)
        )

    def held(self, term: str, name_terms: frozenset[str]) -> float:
        """How far a name holds question term `term`, in [0, 1]: 1.0 when it holds the term itself,
        else the largest share of one of the term's senses in another language that it holds
        (난민 "refugee" in "Convention relating to the Status of Refugees": 1.0; 인신매매 "human
        trafficking" in "Protocol ... Trafficking in Persons": 0.5)."""
        if term in name_terms:
            return 1.0
        best = 0.0
        for sense in self.senses.get(term, ()):
            if sense:
                best = max(best, sum(1 for t in sense if t in name_terms) / len(sense))
        return best

    def match(self, name: str, name_terms: frozenset[str]) -> float:
        """The IDF-weighted share, in [0, 1], of the question's terms that instrument `name` (with
        its analysed terms `name_terms`) holds (`held`: in the question's language or another);
        an acronym counts as held as far as it abbreviates the name (`abbreviates`: 1.0, 0.5 or 0.0)."""
        total = sum(self.weights.values())
        if total <= 0:
            return 0.0
        share = {t: v for t in self.weights if (v := self.held(t, name_terms)) > 0}
        for acronym, term in self.acronyms:
            share[term] = max(share.get(term, 0.0), abbreviates(acronym, name))
        return sum(self.weights[t] * v for t, v in share.items()) / total

    def explicit(self, name: str, name_terms: frozenset[str]) -> bool:
        """The question names instrument `name` outright: by a full acronym ("CAT") or with a word
        that names a kind of instrument ("Refugee Convention", "난민협약" for an English title), not
        only by its subject ("torture")."""
        if any(abbreviates(acronym, name) == 1.0 for acronym, _ in self.acronyms):
            return True
        return any(self.kind_held(t, name_terms) for t in self.weights if is_kind(t))

    def kind_held(self, term: str, name_terms: frozenset[str]) -> bool:
        """The name holds kind-of-instrument term `term` itself, or one of its senses that is a
        kind too (협약 as "convent"; not 법 as "rule")."""
        if term in name_terms:
            return True
        kinds = instrument_terms()
        return any(len(s) == 1 and s[0] in kinds and s[0] in name_terms for s in self.senses.get(term, ()))

    def decisive(self, name: str, name_terms: frozenset[str]) -> bool:
        """The question names instrument `name` beyond doubt: outright (`explicit`), by more than
        the word for its kind (a "Constitution" is not "the DPRK Constitution"; a term held through
        another language counts when at least half of one of its senses is held, a country only in
        full), and with no acronym the name lacks ("DPRK" for the "Constitution of the Republic of
        Korea"). A country the question is about does not stand against it ("Does Article 3 of the
        CAT bind China?"); one it writes into the name (`owners`) does, unless the name holds it in
        full: "South Korea's Criminal Act" is not the "Criminal Law of the People's Republic of
        China"."""
        if not self.explicit(name, name_terms):
            return False
        if any(self.held(t, name_terms) < 1.0 for t in self.owners):
            return False
        full = {term for acronym, term in self.acronyms if abbreviates(acronym, name) == 1.0}
        # an acronym of the name's later words counts as said ("Optional Protocol to the CRC"), though
        # alone it names nothing beyond doubt
        part = {term for acronym, term in self.acronyms if abbreviates(acronym, name) > 0.0}
        if any(term not in name_terms and term not in part for _, term in self.acronyms):
            return False
        countries = country_terms()
        # a country counts only held in full: "North Korea" is not the "Republic of Korea"
        return bool(full) or any(
            self.held(t, name_terms) >= (1.0 if t in countries else 0.5)
            for t in self.weights
            if not is_kind(t)
        )

    def contradicts(self, name: str, name_terms: frozenset[str]) -> bool:
        """The question says something that `name` is not: an acronym it does not abbreviate in full
        ("DPRK" for the "Constitution of the Republic of Korea") or a country it does not hold in full
        ("Article 3 of China's Constitution", "북한 헌법 제3조" for the same). For a naming by the kind
        alone (`TitleIndex.sole_of_kind`), where any country named may be the instrument's."""
        if any(
            term not in name_terms and abbreviates(acronym, name) < 1.0 for acronym, term in self.acronyms
        ):
            return True
        countries = country_terms()
        return any(self.held(t, name_terms) < 1.0 for t in self.weights if t in countries)

    @functools.cached_property
    def asked(self) -> frozenset[str]:
        """The question's terms and the terms of their senses: the only terms of a name that
        `held`, `match` and `rank` read."""
        return frozenset(self.weights).union(*(t for senses in self.senses.values() for t in senses))

    def rank(self, name: str, name_terms: frozenset[str]) -> tuple[float, float]:
        """How well instrument `name` is the one named, for comparing instruments: (`match`, the
        share of the name's terms the question holds, in its language or through a sense), rounded
        to 9 places. The second breaks ties for the instrument named in fewer words: the Act over
        the "Enforcement Decree of the Act".

        It depends on the name only through `name_terms & asked`, `len(name_terms)` and how far
        each of the question's acronyms abbreviates `name` (`rank_key`)."""
        held = sum(1 for t in name_terms if t in self.asked)
        return round(self.match(name, name_terms), 9), round(held / max(len(name_terms), 1), 9)

    def rank_key(
        self, name_terms: frozenset[str], strengths: tuple[float, ...]
    ) -> tuple[frozenset[str], int, tuple[float, ...]]:
        """What `rank` reads of an instrument name with analysed terms `name_terms`, whose
        `abbreviates` strength for each of `acronyms` (in order) is `strengths`: names of equal keys
        rank the same."""
        return name_terms & self.asked, len(name_terms), strengths


# The same kinds in Korean and Chinese, as the analyzer keeps them (난민법 -> 난민 + 법; a two-character
# Han word is its own bigram), written out so that English questions never build Kiwi to read them.
_OTHER_INSTRUMENT_WORDS: tuple[str, ...] = (
    *("법", "법률", "시행령", "헌법", "협약", "규약", "의정서", "조약", "선언", "헌장"),
    *("公约", "条约", "宣言"),
)


# What each Korean or Chinese word for a kind of instrument is called in English: a question naming
# "난민협약" (the Refugee Convention) or "팔레르모 의정서" (the Palermo Protocol) names an English title.
# Each English word is one sense (법 is an "Act" or a "Law").
_KINDS_IN_ENGLISH = {
    "법": "Act Law",
    "법률": "Act Law",
    "시행령": "Decree",
    "헌법": "Constitution",
    "협약": "Convention",
    "규약": "Covenant",
    "의정서": "Protocol",
    "조약": "Treaty",
    "선언": "Declaration",
    "헌장": "Charter",
    "公约": "Convention",
    "条约": "Treaty",
    "宣言": "Declaration",
}


# Korean words as Korean names of international instruments use them, in their English titles' words
# (each one sense): 자유권규약 and 사회권규약, the usual Korean names of the two Covenants ("liberty
# rights" for civil and political rights, "social rights" for economic, social and cultural ones), and
# 시민적 및 정치적 권리에 관한 국제규약 in full; names the word list does not hold (팔레르모 의정서).
_NAME_WORDS_IN_ENGLISH = {
    "자유": "civil political",
    "사회": "social",
    "시민": "civil",
    "경제": "economic",
    "문화": "cultural",
    "팔레르모": "Palermo",
    "로마": "Rome",
    # 선택의정서, an Optional Protocol ("아동매매 선택의정서": the one to the Convention on the Rights of
    # the Child on the sale of children)
    "선택": "Optional",
}


@functools.cache
def name_word_senses() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """The analysed Korean words of `_NAME_WORDS_IN_ENGLISH` -> their English title words, one sense:
    자유 -> ((civil, polit),), 팔레르모 -> ((palermo,),). Read only to match a Korean question with
    English titles."""
    return {word: (tuple(analyze(english)),) for word, english in _NAME_WORDS_IN_ENGLISH.items()}


@functools.cache
def kind_senses() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """The analysed Korean and Chinese words for a kind of instrument (법, 협약, 의정서, 公约) -> their
    English equivalents as senses of one analysed term each ((("act",), ("law",)) for 법)."""
    return {word: tuple((term,) for term in analyze(english)) for word, english in _KINDS_IN_ENGLISH.items()}


# What a word of a question may stand for in an instrument's name in the same language (each one
# sense): a nationality for its country ("the Korean Refugee Act" is the "Refugee Act, Republic of
# Korea"), a country for its nationality, and the English words for a statute for each other ("China's
# criminal code" is its "Criminal Law"). Korean names of countries carry their English ones too: a
# Korean law's title also gives its English name ("한국 헌법" for "대한민국헌법 (Constitution of the
# Republic of Korea)").
_NATIONALITIES = {
    "Korean": "Korea",
    "Chinese": "China",
    "Japanese": "Japan",
    "Russian": "Russia",
    "Mongolian": "Mongolia",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Laotian": "Laos",
    "Cambodian": "Cambodia",
    "Burmese": "Burma",
    "Filipino": "Philippines",
    "Indonesian": "Indonesia",
    "Indian": "India",
    "American": "America",
    "Canadian": "Canada",
    "British": "Britain",
    "French": "France",
    "German": "Germany",
    "Australian": "Australia",
}
# A country's capital -> the names a passage gives its state. A capital that acts stands for its
# government ("does Tokyo think" is "the Japanese government"); a state's name is met by any other of
# its names ("American policy" is "U.S. policy", "the North Korean government" the DPRK's).
_STATES = {
    "Washington": ("United States", "America", "American", "U.S."),
    "Tokyo": ("Japan", "Japanese"),
    "Beijing": ("China", "Chinese", "PRC"),
    "Pyongyang": ("North Korea", "North Korean", "DPRK"),
    "Seoul": ("South Korea", "South Korean", "ROK"),
    "Moscow": ("Russia", "Russian"),
    "Ulaanbaatar": ("Mongolia", "Mongolian"),
    "Bangkok": ("Thailand", "Thai"),
    "Hanoi": ("Vietnam", "Vietnamese"),
    "Vientiane": ("Laos", "Laotian"),
}
_KOREAN_COUNTRIES = {
    "한국": "Korea",
    "대한민국": "Korea",
    "남한": "Korea",
    "중국": "China",
    "일본": "Japan",
    "러시아": "Russia",
    "몽골": "Mongolia",
    "베트남": "Vietnam",
    "태국": "Thailand",
    "라오스": "Laos",
    "캄보디아": "Cambodia",
    "미얀마": "Burma Myanmar",
    "미국": "America",
    "영국": "Britain",
    "프랑스": "France",
    "독일": "Germany",
    "캐나다": "Canada",
    "필리핀": "Philippines",
    "인도네시아": "Indonesia",
}

_STATUTE_WORDS = ("Act", "Law", "Code")
# Prefixes of a hyphenated word that say how a name stands to the rest, not what it is about: the
# "anti-torture convention" is the Convention against Torture (whose "against" is not indexed), the
# "anti-trafficking act" the Act on the Prevention of Human Trafficking
_NAME_PREFIXES = frozenset({"anti", "non", "counter", "pro", "pre", "post"})
# "North Korea(n)" and "South Korea(n)" are one country each, one term in names and questions alike
# (`_joined_countries`), so that "the North Korean Constitution" is not the Republic of Korea's and the
# "North Korean Refugees ... Act" does not hold the "Korean" of "the Korean Refugee Act".
NORTH_KOREA = "north korea"
SOUTH_KOREA = "south korea"
_TWO_KOREAS = {
    NORTH_KOREA: ("DPRK", "Democratic People's Republic of Korea"),
    SOUTH_KOREA: ("ROK", "Republic of Korea"),
    "북한": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    "조선": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
}


@functools.cache
def _country_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(country, the pattern of the ways a text names it), for `countries_in`: the two Koreas by their
    every name (a "Republic of Korea" that is not the Democratic People's), the other countries of
    `_NATIONALITIES` and `_KOREAN_COUNTRIES` by their English, nationality, Korean and capital names."""
    korean = {v.split()[0].lower(): k for k, v in _KOREAN_COUNTRIES.items() if v != "Korea"}
    out = [
        (
            NORTH_KOREA,
            "NKDP북조",
            r"North\s+Korea|Korea,\s+North|Democratic\s+People[’']?s\s+Republic\s+of\s+Korea|\bDPRK\b|"
            r"Pyongyang|북한|조선민주주의",
        ),
        (
            SOUTH_KOREA,
            "SKR남대한우",
            r"South\s+Korea|Korea,\s+South|(?<!People’s )(?<!People's )(?<!Peoples )Republic\s+of\s+Korea|"
            # (우리나라, "our country": a Korean speaker's own)
            r"\bROK\b|Seoul|남한|대한민국|(?<![북가-힣])한국|우리\s?나라",
        ),
    ]
    capitals = {c: capital for capital, names in _STATES.items() for c in names}
    for nationality, country in _NATIONALITIES.items():
        if country == "Korea":
            continue
        forms = [country, nationality]
        if country in capitals:
            forms.append(capitals[country])
        if country == "China":
            forms += ["PRC", "中华人民共和国", "中国"]
        if country == "America":
            forms.append("United States")
        if country == "Burma":
            forms.append("Myanmar")
        if country == "Britain":
            forms += ["United Kingdom", "UK"]
        if country.lower() in korean:
            forms.append(korean[country.lower()])
        english = "|".join(f for f in forms if f.isascii())
        other = "|".join(_whole_korean(f) for f in forms if not f.isascii())
        dotted = {"America": r"|\bU\.S\.(?!\w)", "Britain": r"|\bU\.K\.(?!\w)"}.get(country, "")
        first = "".join(dict.fromkeys(f[0] for f in forms))
        out.append((country.lower(), first, rf"\b(?:{english})\b{dotted}" + (f"|{other}" if other else "")))
    # behind a lookahead of the characters a name can start with: Python's `re` tries every branch at
    # every position otherwise (12 -> ~4 us for one country over a 1,200-character passage)
    return tuple((name, re.compile(f"(?=[{re.escape(first)}])(?:{pattern})")) for name, first, pattern in out)


# Korean country names that also end words of their own ("대중국 정책", "재일본 ...", "주미국
# 대사관" are theirs; "중남미국가" is not, and is left alone); the others are found as words, or after a
# prefix of relation: 주 (posted in: 주태국 대사관), 재 (living in), 대 (towards), 반 and 친 (against, for);
# not at the end of another word ("운영국", "단독일")
_PREFIXED_KOREAN = frozenset({"중국", "일본", "미국"})
_KOREAN_PREFIX = "(?:(?<![가-힣])|(?<=(?<![가-힣])[주재대반친]))"


def _whole_korean(name: str) -> str:
    """The pattern of a Korean country name as a word (`_KOREAN_PREFIX`), but for those that also
    end words of their own (`_PREFIXED_KOREAN`)."""
    if name in _PREFIXED_KOREAN or not has_hangul(name):
        return name
    return f"{_KOREAN_PREFIX}{name}"


@functools.cache
def _subject_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(country, the pattern of a title about it), for `subject_countries`: the country's name as a
    noun (no nationality: "North Korean Refugees ... Act" is not about North Korea as a state) where a
    title's subject stands: at its start, after "of" or "in" ("Politics of North Korea", "Criminal Law
    of the People's Republic of China"), or after a colon, comma, bracket or dash ("The World Factbook:
    Korea, North", "(Refugee Act, Republic of Korea)"); a Korean name not run into a longer word
    (대한민국헌법 is, 북한이탈주민 is not)."""
    nouns = [
        (
            NORTH_KOREA,
            r"North\s+Korea(?![a-z])|Korea,\s+North|Democratic\s+People[’']?s\s+Republic\s+of\s+Korea|DPRK",
        ),
        (SOUTH_KOREA, r"South\s+Korea(?![a-z])|Korea,\s+South|Republic\s+of\s+Korea|ROK"),
    ]
    korean = {
        NORTH_KOREA: r"(?:북한|조선민주주의인민공화국)(?![가-힣])",
        SOUTH_KOREA: r"(?:대한민국|한국|남한)(?:헌법)?(?![가-힣])",
    }
    for country in dict.fromkeys(_NATIONALITIES.values()):
        if country == "Korea":
            continue
        forms = [country] + ([r"People[’']?s\s+Republic\s+of\s+China", "PRC"] if country == "China" else [])
        forms += [r"United\s+States"] if country == "America" else []
        forms += ["Myanmar"] if country == "Burma" else []
        forms += [r"United\s+Kingdom"] if country == "Britain" else []
        nouns.append((country.lower(), "|".join(f"{f}(?![a-z])" for f in forms)))
        names = [k for k, v in _KOREAN_COUNTRIES.items() if v.split()[0] == country]
        names += ["中华人民共和国", "中国"] if country == "China" else []
        if names:
            korean[country.lower()] = "|".join(names)
    lead = r"(?:^|\b(?:of|in)\s+(?:the\s+)?|[:(,—–-]\s*)"
    out = []
    for country, pattern in nouns:
        other = f"|{korean[country]}" if country in korean else ""
        out.append((country, re.compile(rf"{lead}(?:{pattern}){other}", re.IGNORECASE)))
    return tuple(out)


def subject_countries(title: str) -> frozenset[str]:
    """The countries a source's title is about (`_subject_patterns`): "north korea" for "Politics of
    North Korea" or "The World Factbook: Korea, North", "china" for "Criminal Law of the People's
    Republic of China"; none for "North Korean Refugees Protection and Settlement Support Act"."""
    return frozenset(name for name, pattern in _subject_patterns() if pattern.search(title))


def names_country(text: str, country: str) -> bool:
    """Whether a text names `country` (a name `countries_in` gives), by any of its names: one pattern
    (~12 µs over a 1,200-character passage, against ~240 µs for all countries)."""
    return any(pattern.search(text) for name, pattern in _country_patterns() if name == country)


# Who has joined an instrument: a named state as the one that ratified, acceded to, signed or became
# a party to it ("When did China ratify the CAT?", "Has the Republic of Korea made the declaration
# under Article 22?", "Is North Korea a party to ...?", "북한은 고문방지협약 당사국인가요?",
# "중국은 ... 가입했나요?"), or the states that did ("How many countries are parties to the
# ICCPR?", "Which country was the first to ratify ...?", "몇 개국이 가입했나요?"). Not what the
# instrument says of any state that joins it ("Can a state ratify with reservations?", "당사국이
# 유보를 붙일 수 있나요?", "how many ratifications did it need?"), nor a national law's rule on
# ratifying ("Does Article 60 of the Constitution require the National Assembly's consent before the
# government ratifies treaties?": its state is no subject of the verb there).
_JOINING = (
    r"(?:ratif\w*|acced\w*|accession|sign(?:ed)?|signator\w*|join(?:ed)?|withdr[ae]wn?"
    r"|bec[oa]me\s+(?:a\s+)?(?:state\s+)?part(?:y|ies)|(?:a\s+|one\s+of\s+the\s+)?(?:state\s+)?part(?:y|ies)\s+to"
    r"|ma(?:de|ke|kes)\s+(?:the|a|any)\s+declarations?|recogni[sz]ed\s+the\s+competence)\b"
)
# (the states asked about as the ones that joined: "Which countries have ratified ...", "How many
# countries are parties to ..."; not the treaty's own "States Parties" as a noun: "Which States Parties
# to the CAT must submit reports?")
_JOINED_BY_STATES = (
    r"(?:ratif\w*|acced\w*|sign(?:ed)?|join(?:ed)?|withdr[ae]wn?"
    r"|bec[oa]me\s+(?:a\s+)?(?:state\s+)?part(?:y|ies)|ma(?:de|ke)\s+(?:the|a|any)\s+declarations?)\b"
)
_JOINED_BY_EN = re.compile(
    r"\b(?i:has|have|had|did|does|is|was|were|are)\s+(?P<who>(?:the\s+)?[A-Z][\w.’'-]*"
    r"(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.’'-]*){0,5})\s+"
    r"(?i:(?:ever|yet|already|now|still|actually|officially|formally|also|really)\s+)?(?i:" + _JOINING + ")"
)
# (the verb ends the question: "중국은 난민협약에 가입했는데도 송환하나요?" asks about the convention)
_KO_END = r"(?:나요|어요|습니까|나|니|는지|어|죠|지요|지|을까요|는가|던가요|나\s*요|는지요)?\s*(?=[?？.!]|$)"
_JOINED_BY_KO = re.compile(
    r"(?P<who>[^?,.\s]{1,12}?)(?:은|는|이|가|도)?\s[^?.]{0,40}?"
    r"(?:(?:(?:비준|가입|서명|탈퇴)|(?:따른|상|의)\s*선언(?:을)?\s*)"
    r"(?:했|하였|해\s*있|되어\s*있|돼\s*있|한\s*(?:상태|거|것)|\s*안\s*했|하지\s*않았)"
    + _KO_END
    + r"|(?:비준|가입|서명)한\s*(?:해|년|날|때|적|연도|시기)(?:[은는이가]|도)?\s*(?:[?？.]|$|언제|몇)"
    r"|(?:당사국|가입국|비준국)(?:인가|인지|이에요|이야|이냐|이었|입니까|이\s*(?:되었|됐|맞)|인가요|이지요|이죠|이에요))"
)
_JOINED_STATES = re.compile(
    r"\bhow\s+many\s+(?:countries|states|nations|governments)\s+(?:(?:are|were)\s+(?:now\s+)?part(?:y|ies)\s+to"
    r"|(?:have\s+|had\s+)?(?:now\s+|already\s+|so\s+far\s+)?"
    + _JOINED_BY_STATES
    + r")|\bhow\s+many\s+(?:states\s+)?parties\s+(?:does|do|did|has)\s+(?:the|it|this|that)\b"
    r"|\bwhich\s+(?:countries|country|states?|nations?|governments?)\s+(?:(?:are|is|were|was)\s+(?:now\s+|not\s+)?"
    r"part(?:y|ies)\s+to|(?:(?:was|were|is|are|has|have|had)\s+)?"
    r"(?:the\s+(?:first|last|latest|most\s+recent)\s+(?:one\s+|country\s+|state\s+)?to\s+"
    r"|(?:first|already|not|never)\s+)?"
    + _JOINED_BY_STATES
    + r")|(?:몇\s*(?:개\s*)?(?:개국|나라|국가)|어느\s*(?:나라|국가))[이가]?[^?]{0,20}?"
    r"(?:가입(?:했|하였|해\s*있|한(?!\s*(?:뒤|후|다음|이후)))"
    r"|비준(?:했|하였|한(?!\s*(?:뒤|후|다음|이후)))|당사국(?:인가|인지|이에요|이야|이냐|이었|입니까|이\s*(?:되었|됐)))"
    r"|(?:당사국|가입국|비준국)(?:은|는|이|가)?\s*(?:모두\s*|총\s*)?몇\s*(?:개\s*)?(?:개국|나라|국가|곳)",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
# words a question may put before the state it names ("그럼 북한은 ...", "And has China ...")
_LEAD_WORDS = re.compile(r"^(?:(?:그럼|그러면|그리고|그런데|근데|또|그래서|the)\s*)+", re.IGNORECASE)


def _names_a_state(who: str) -> bool:
    """Whether `who` is a state's name and nothing more ("China", "the Republic of Korea", "북한"),
    not people of it ("북한이탈주민": 북한 is a state, 북한이탈주민 its defectors)."""
    if not countries_in(who):
        return False
    rest = who
    for _, pattern in _country_patterns():
        rest = pattern.sub(" ", rest)
    return not _LEAD_WORDS.sub("", rest.strip()).strip()


def asks_joining(question: str) -> bool:
    """Whether the question asks which states joined an instrument (`_JOINED_BY_EN`, `_JOINED_BY_KO`:
    a state it names (`_names_a_state`) ratified, acceded to, signed or is a party to it, or made its
    declaration; `_JOINED_STATES`: how many or which states did). An instrument's own text never says
    so (it says how a state joins, not who did): a report or an encyclopedia may."""
    if _JOINED_STATES.search(question):
        return True
    # (tried at each word: a match from an earlier word, "그럼 북한은 ...", would hide the state's)
    starts = [0, *(m.end() for m in _SPACE.finditer(question))]
    return any(
        (m := pattern.match(question, at)) is not None and _names_a_state(m.group("who"))
        for pattern in (_JOINED_BY_EN, _JOINED_BY_KO)
        for at in starts
    )


# A nationality as a word for people or an adjective ("North Korean defectors", "Chinese police",
# "Japanese"), not the name of a place
_DEMONYM = re.compile(r"\b(?:(?:North|South)\s+)?(?:" + "|".join(_NATIONALITIES) + r")s?\b")


def places_in(text: str) -> frozenset[str]:
    """The countries a text names as places, by their names and capitals (`countries_in` without the
    nationalities: "North Korean defectors in China" names china; "South Korea admitted 3,800 North
    Korean refugees" names south korea; "a South Korean NGO said" none)."""
    return countries_in(_DEMONYM.sub(" ", text))


def countries_in(text: str) -> frozenset[str]:
    """The countries a text names, by any of their names (`_country_patterns`): "north korea",
    "south korea", "china", "japan", "america", ... ("North Korean defectors in China": north korea
    and china; "Korea, North": north korea; "대한민국헌법": south korea)."""
    return frozenset(name for name, pattern in _country_patterns() if pattern.search(text))


@functools.cache
def same_senses() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """The analysed question terms that an instrument name may hold in another form (see
    `_NATIONALITIES`): korean -> ((korea,),), korea -> ((korean,),), 중국 -> ((china,),), code ->
    ((act,), (law,)), 북한 -> ((north, korea),)."""
    out: dict[str, list[tuple[str, ...]]] = {}

    def add(term: str, sense: tuple[str, ...]) -> None:
        if sense and sense != (term,) and sense not in out.setdefault(term, []):
            out[term].append(sense)

    for nationality, country in _NATIONALITIES.items():
        (a,), (b,) = analyze(nationality), analyze(country)
        add(a, (b,))
        add(b, (a,))
    for korean, english in _KOREAN_COUNTRIES.items():
        for one in english.split() if english.startswith("Burma") else (english,):
            add(korean, tuple(analyze(one)))
    for term, names in _TWO_KOREAS.items():
        for one in names:
            add(term, tuple(_joined_countries(analyze(one))))
    statutes = [analyze(w)[0] for w in _STATUTE_WORDS]
    for a in statutes:
        for b in statutes:
            if a != b:
                add(a, (b,))
    return {t: tuple(v) for t, v in out.items()}


@functools.cache
def korean_countries() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """The Korean names of countries other than the two Koreas (`_KOREAN_COUNTRIES`) -> their English
    names, analysed, most used first: 러시아 -> ((russia,),), 미얀마 -> ((burma,), (myanmar,))."""
    koreas = {"한국", "대한민국", "남한"}
    return {
        korean: tuple(tuple(analyze(one)) for one in english.split())
        for korean, english in _KOREAN_COUNTRIES.items()
        if korean not in koreas
    }


@functools.cache
def country_forms() -> Mapping[str, str]:
    """Each analysed English nationality and country name -> its other form (`_NATIONALITIES`):
    vietnames -> vietnam, vietnam -> vietnames, thai -> thailand."""
    out: dict[str, str] = {}
    for nationality, country in _NATIONALITIES.items():
        (a,), (b,) = analyze(nationality), analyze(country)
        out[a], out[b] = b, a
    return out


@functools.cache
def capital_forms() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Each analysed capital that can stand for its government -> the analysed names a passage gives
    that government (`_STATES`): tokyo -> ((japan,), (japanes,)), seoul -> ((south, korea), ...)."""
    return {analyze(c)[0]: tuple(tuple(analyze(name)) for name in names) for c, names in _STATES.items()}


@functools.cache
def state_forms() -> Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each analysed name of a country's state -> its other analysed names (`_STATES`): (american,) ->
    ((unit, state), (america,), (u, s)); (north, korea) -> ((north, korean), (dprk,))."""
    out: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for names in _STATES.values():
        forms = [tuple(analyze(name)) for name in names]
        for form in forms:
            out[form] = tuple(f for f in forms if f != form)
    return out


@functools.cache
def country_terms() -> frozenset[str]:
    """The analysed names of countries and nationalities (korea, korean, china, 중국, 북한, ...): a
    question naming one names an instrument that holds it (`NamedInstrument.contradicts`)."""
    english = {t for pair in _NATIONALITIES.items() for w in pair for t in analyze(w)}
    return frozenset(english | set(_KOREAN_COUNTRIES) | set(_TWO_KOREAS))


_NORTH_SOUTH = {"north": NORTH_KOREA, "south": SOUTH_KOREA}


def joined_words(term: str) -> tuple[str, ...]:
    """The analysed words whose document frequencies give a joined country's (`joined_df`)."""
    return tuple(
        dict.fromkeys(
            x for w in term.split() for x in (w, *(a[0] for a in same_senses().get(w, ()) if len(a) == 1))
        )
    )


def joined_df(term: str, df: Mapping[str, int]) -> int:
    """The document frequency a joined country ("north korea") is given: that of the rarer of its
    words, each in its commoner form ("korea" or "korean")."""
    return min(
        max([df.get(w, 0), *(df.get(a[0], 0) for a in same_senses().get(w, ()) if len(a) == 1)])
        for w in term.split()
    )


def _joined_countries(terms: Sequence[str]) -> list[str]:
    """`terms` (analysed, in text order) with "north"/"south" and a "korea"/"korean" right after it
    as one term ("north korea")."""
    korea = set(analyze("Korea Korean"))
    out: list[str] = []
    k = 0
    while k < len(terms):
        if terms[k] in _NORTH_SOUTH and k + 1 < len(terms) and terms[k + 1] in korea:
            out.append(_NORTH_SOUTH[terms[k]])
            k += 2
            continue
        out.append(terms[k])
        k += 1
    return out


# A Korean word for a kind of instrument at the end of a longer word: 국적법 (nationality + law),
# 대한민국헌법, 출입국관리법, 자유권규약. Longest first.
_KOREAN_KIND_ENDINGS = ("시행령", "의정서", "법률", "헌법", "협약", "규약", "조약", "선언", "헌장", "법")
# Words ending in 법 that name no law: a method (방법, 기법, 요법, 수법), legality (불법, 합법, 위법,
# 적법, 탈법, 편법), legislation and the judiciary (입법, 사법), grammar and usage (문법, 어법, 용법),
# a kind of law rather than one (국제법, 헌법 is a kind itself). Whole words: 변호사법 and 국적법 are laws.
_NOT_A_LAW = frozenset(
    {"방법", "기법", "요법", "수법", "비법", "화법", "필법", "불법", "합법", "위법", "적법", "탈법", "편법"}
    | {"입법", "사법", "문법", "어법", "용법", "국제법", "부적법", "변증법"}
)
# ... and the endings of longer such words (해결방법, 치료법, 맞춤법, 표기법)
_NOT_A_LAW_ENDINGS = ("방법", "요법", "치료법", "맞춤법", "표기법", "기법", "문법")
# The one-syllable names of laws (형법 the criminal law, 민법 the civil law, 상법 the commercial law).
_SHORT_LAWS = frozenset(("형법", "민법", "상법"))
_HANGUL = re.compile(r"^[가-힣]+$")


def kind_parts(term: str) -> tuple[str, ...]:
    """A Korean term that ends in a word for a kind of instrument, as (what it names, the kind):
    국적법 -> (국적, 법), 대한민국헌법 -> (대한민국, 헌법), 형법 -> (형법, 법) (형 alone is another
    word). () for any other term: a kind alone (헌법), a word ending in 법 that names no law (방법,
    불법, 해결방법), a term in another script."""
    if not _HANGUL.match(term) or term in _KOREAN_KIND_ENDINGS or term in _NOT_A_LAW:
        return ()
    for kind in _KOREAN_KIND_ENDINGS:
        if not term.endswith(kind):
            continue
        if kind == "법" and term.endswith(_NOT_A_LAW_ENDINGS):
            return ()
        rest = term[: -len(kind)]
        if len(rest) >= 2:
            return (rest, kind)
        return (term, kind) if term in _SHORT_LAWS else ()
    return ()


def name_terms(name: str) -> frozenset[str]:
    """The analysed terms of an instrument's name, each Korean compound ending in a kind of instrument
    also as its parts (`kind_parts`: "대한민국헌법" holds 대한민국 and 헌법 too), "North Korean" as one
    term ("north korea"); a Korean law's formal title ("...에 관한 법률") also holds 법, the word its
    short name ends in ("북한이탈주민법" for "북한이탈주민의 보호 및 정착지원에 관한 법률")."""
    terms = _joined_countries(analyze(name))
    held = frozenset(terms).union(*(kind_parts(t) for t in terms))
    return held | {"법"} if "법률" in held else held


def question_name_terms(terms: Iterable[str]) -> list[str]:
    """A question's terms outside its provisions (in text order) as they are matched with instrument
    names: each Korean compound ending in a kind of instrument as its parts (`kind_parts`: "국적법" ->
    국적, 법), so the kind is named outright and the rest is matched on its own; "north" and "korea" in
    a row as one term ("north korea"), as `name_terms` writes them."""
    out: list[str] = []
    for t in _joined_countries(list(terms)):
        out += kind_parts(t) or (t,)
    return list(dict.fromkeys(out))


@functools.cache
def instrument_terms() -> frozenset[str]:
    """The analysed forms of the words naming a kind of instrument: English (convent, protocol, act,
    law, ...), Korean (법, 법률, 시행령, 협약, 의정서, ...) and Chinese (公约, 条约, 宣言)."""
    return frozenset(analyze(" ".join(_INSTRUMENT_WORDS))) | frozenset(_OTHER_INSTRUMENT_WORDS)


# A Chinese law's name ends in 法 and is indexed in character bigrams, so its kind is the bigram that
# ends in 法 (刑法 of 中华人民共和国刑法, 籍法 of 国籍法); these words end in 法 without naming a law
# (illegal, legal, unlawful, according to law, method, unable, judicial, legislative, ...).
_NOT_A_CHINESE_LAW = frozenset(
    {
        *("非法", "合法", "违法", "依法", "守法", "犯法", "执法", "司法", "立法", "方法"),
        *("办法", "无法", "设法", "做法", "看法", "说法", "想法", "用法", "手法", "语法"),
    }
)
_CHINESE_LAW = re.compile(f"[{HAN}]法")


def is_kind(term: str) -> bool:
    """Whether analysed term `term` names a kind of instrument: one of `instrument_terms`, or a Chinese
    bigram ending in 法 that is not one of the words merely ending so (刑法 "Criminal Law", not 非法
    "illegal")."""
    return term in instrument_terms() or (
        _CHINESE_LAW.fullmatch(term) is not None and term not in _NOT_A_CHINESE_LAW
    )


@functools.lru_cache(maxsize=8192)
def innermost_instrument(title: str, section: tuple[str, ...]) -> str:
    """The instrument a passage stands in: the innermost heading of its section path that names one
    (`is_instrument_heading`), else its source title's `instrument_name`."""
    for heading in reversed(section):
        if is_instrument_heading(heading):
            return heading
    return instrument_name(title)


# "Convention on the Elimination of All Forms of Discrimination against Women (CEDAW, 1979)": a name
# and the acronym written in brackets right after it
_WRITTEN_ACRONYM = re.compile(r"(?P<name>[A-Z][^()]*?)\s*\(\s*(?P<acronym>[A-Z]{3,8})(?![A-Za-z])")


# The Act a code's chapter codifies, as its title says in brackets ("United States Code, Title 22, Chapter
# 78 — Trafficking Victims Protection (22 U.S.C. 7101 et seq.; Trafficking Victims Protection Act of
# 2000, as amended)", "... (22 U.S.C. 7801–7846; codifies the North Korean Human Rights Act of 2004 ...)",
# "United States Code, Title 8 (Immigration and Nationality Act) — ...")
_CODIFIED_ACT = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+)(?:(?:of|on|and|for|the)\s+|[A-Z][\w'’-]*\s+)*?Act(?:\s+of\s+\d{4})?\b"
)


def codified_acts(title: str) -> frozenset[str]:
    """The analysed terms of the Acts a code's chapter codifies, named in its title's brackets
    (`_CODIFIED_ACT`; none for a title that is no code's designation): what a question calls it ("the
    Trafficking Victims Protection Act", "미국 인신매매피해자보호법", "the North Korean Human Rights Act
    of 2004") though the chapter's own name writes only its subject ("— Trafficking Victims
    Protection")."""
    if not _DESIGNATION.match(title):
        return frozenset()
    inside = " ".join(re.findall(r"\(([^()]*)\)", title))
    return frozenset().union(*(name_terms(m.group()) for m in _CODIFIED_ACT.finditer(inside)))


def lent_acronyms(names: Sequence[str]) -> list[frozenset[str]]:
    """Per name, the analysed acronyms other names lend it: an acronym a name writes in brackets
    after its words ("... against Women (CEDAW, 1979)") is that of those words wherever they stand,
    so the "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination
    against Women" holds "cedaw" too, which its initials do not give ("All Forms" is passed over)."""
    written: dict[str, set[str]] = {}
    for name in names:
        for m in _WRITTEN_ACRONYM.finditer(name):
            words = " ".join(m.group("name").split()).casefold()
            if len(words.split()) > 1:
                written.setdefault(words, set()).update(analyze(m.group("acronym")))
    folded = [" ".join(name.split()).casefold() for name in names]
    return [frozenset().union(*(terms for words, terms in written.items() if words in f)) for f in folded]


class TitleIndex:
    """The sources' instrument names (`instrument_name` of each title), indexed by analysed term and
    by the initials of their words, so that ranking them for a question costs little more than the
    titles sharing one of its terms (a collection can hold thousands of sources). A name also holds
    the acronyms other names write for words it holds (`lent_acronyms`).

    Scores are first added up per title from the term postings (numpy); only the best are then
    ranked exactly (`NamedInstrument.rank`). An acronym is looked for in one string of every title's
    initials, and what it abbreviates is remembered per title for the life of the index.

    Args:
        titles: (source id, title) of every source.
    """

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.terms: list[frozenset[str]] = []
        postings: dict[str, list[int]] = {}
        lines: list[str] = []
        codified: list[frozenset[str]] = []
        for sid, title in titles:
            self.ids.append(sid)
            self.names.append(instrument_name(title))
            codified.append(codified_acts(title))
        lent = lent_acronyms(self.names)
        for i, name in enumerate(self.names):
            terms = name_terms(name) | lent[i] | codified[i]
            self.terms.append(terms)
            for t in terms:
                postings.setdefault(t, []).append(i)
            lines.append("".join(w[0].lower() for w in _WORD.findall(name)))
        self._postings = {t: np.asarray(rows, dtype=np.int64) for t, rows in postings.items()}
        self._initials = "\n".join(lines)
        self._line_starts = list(itertools.accumulate((len(x) + 1 for x in lines[:-1]), initial=0))
        self._abbreviations: dict[tuple[str, int], float] = {}
        self._holders: dict[tuple[str, ...], frozenset[str]] = {}
        self._row = {sid: i for i, sid in enumerate(self.ids)}
        self._lock = threading.Lock()

    def name_of(self, source_id: str) -> str:
        """The instrument name of a source's title (KeyError for an unknown id)."""
        return self.names[self._row[source_id]]

    def terms_of(self, source_id: str) -> frozenset[str]:
        """The analysed terms of `name_of(source_id)`."""
        return self.terms[self._row[source_id]]

    def sole_of_kind(self, named: NamedInstrument, source_id: str) -> bool:
        """The question names a kind of instrument (헌법, "Constitution"; in its language or as one
        whole sense in another) that this source's instrument name holds and no other instrument name
        of the collection does: "헌법 제3조" where the collection holds one constitution."""
        name, terms = self.name_of(source_id), self.terms_of(source_id)
        kinds = instrument_terms()
        for t in named.weights:
            if not is_kind(t):
                continue
            # the kind in every form the question's word may take ("Code" is also an "Act" or "Law")
            forms = (t, *(s[0] for s in named.senses.get(t, ()) if len(s) == 1 and s[0] in kinds))
            if any(f in terms for f in forms) and self._names_holding(forms) == frozenset({name}):
                return True
        return False

    def _names_holding(self, terms: tuple[str, ...]) -> frozenset[str]:
        """The distinct instrument names holding any of `terms`, remembered per term tuple (only
        words for kinds of instrument are asked: a few per collection)."""
        found = self._holders.get(terms)
        if found is None:
            rows = [self._postings[t] for t in terms if t in self._postings]
            held = np.unique(np.concatenate(rows)).tolist() if rows else []
            found = frozenset(self.names[i] for i in held)
            with self._lock:
                self._holders[terms] = found
        return found

    def _abbreviated(self, acronym: str) -> list[tuple[int, float]]:
        """(title, `abbreviates` strength > 0) of the titles `acronym` abbreviates: those whose
        initials hold its letters in order, checked once per title."""
        pattern = re.compile("[^\n]*?".join(re.escape(ch) for ch in acronym.lower()))
        rows = sorted(
            {bisect.bisect_right(self._line_starts, m.start()) - 1 for m in pattern.finditer(self._initials)}
        )
        return [(i, strength) for i in rows if (strength := self._abbreviation(acronym, i)) > 0]

    def _abbreviation(self, acronym: str, title: int) -> float:
        """`abbreviates(acronym, self.names[title])`, remembered per title."""
        key = (acronym, title)
        strength = self._abbreviations.get(key)
        if strength is None:
            strength = abbreviates(acronym, self.names[title])
            with self._lock:
                self._abbreviations[key] = strength
        return strength

    def _strengths(self, acronym: str) -> tuple[str, dict[int, float]]:
        """(`acronym`, title -> `abbreviates` strength > 0 of the titles whose initials hold its
        letters in order) for `_strength`."""
        return acronym, dict(self._abbreviated(acronym))

    def _strength(self, acronym: str, title: int, found: Mapping[int, float]) -> float:
        """`abbreviates(acronym, self.names[title])`, with `found` from `_strengths(acronym)`: a title
        whose initials do not hold the acronym's letters in order is abbreviated by it only when it
        writes the acronym (0.0 otherwise), so only such a title is read again."""
        if acronym in self.names[title]:
            return self._abbreviation(acronym, title)
        return found.get(title, 0.0)

    def _shares(self, named: NamedInstrument) -> npt.NDArray[np.float64]:
        """Each title's `NamedInstrument.match` with the question, added up from the postings (equal
        to it up to float rounding)."""
        scores = np.zeros(len(self.ids), dtype=np.float64)
        total = sum(named.weights.values())
        if total <= 0:
            return scores
        acronyms: dict[str, list[str]] = {}
        for acronym, term in named.acronyms:
            acronyms.setdefault(term, []).append(acronym)
        for t, w in named.weights.items():
            rows = self._postings.get(t)
            senses = named.senses.get(t)
            if not senses and t not in acronyms:
                if rows is not None:
                    scores[rows] += w
                continue
            # held in the question's language (1.0), by the best share of a sense, or as far as an
            # acronym of the question abbreviates the title: the largest, as `NamedInstrument.match`
            held = np.zeros(len(self.ids), dtype=np.float64)
            for sense in senses or ():
                part = np.zeros(len(self.ids), dtype=np.float64)
                for st in sense:
                    found = self._postings.get(st)
                    if found is not None:
                        part[found] += 1.0 / len(sense)
                np.maximum(held, part, out=held)
            for acronym in acronyms.get(t, ()):
                for i, strength in self._abbreviated(acronym):
                    held[i] = max(held[i], strength)
            if rows is not None:
                held[rows] = 1.0
            scores += w * held
        return scores / total

    def _ranked(
        self,
        named: NamedInstrument,
        shares: npt.NDArray[np.float64],
        keep: npt.NDArray[np.bool_],
        limit: int | None,
    ) -> list[tuple[tuple[float, float], str]]:
        rows = np.flatnonzero(keep)
        if limit is not None and len(rows) > limit:
            # the best `limit` and everything tied with the last of them (within float rounding)
            bar = np.partition(shares[rows], len(rows) - limit)[len(rows) - limit]
            rows = rows[shares[rows] >= bar - 1e-6]
        # titles of the same `NamedInstrument.rank_key` rank the same: ranked once per key (at 10,000
        # sources of ~50 distinct names, ~500 tied titles a question share a few dozen keys)
        strengths = [self._strengths(acronym) for acronym, _ in named.acronyms]
        exact: dict[tuple[frozenset[str], int, tuple[float, ...]], tuple[float, float]] = {}
        out = []
        for i in rows.tolist():
            terms = self.terms[i]
            key = named.rank_key(
                terms, tuple(self._strength(acronym, i, found) for acronym, found in strengths)
            )
            score = exact.get(key)
            if score is None:
                score = exact[key] = named.rank(self.names[i], terms)
            out.append((score, self.ids[i], i))
        out.sort(key=lambda x: (x[0][0], x[0][1], -x[2]), reverse=True)
        return [(score, sid) for score, sid, _ in out]

    def rank(
        self, named: NamedInstrument, *, least: float = MIN_MATCH, limit: int | None = None
    ) -> list[tuple[tuple[float, float], str]]:
        """(`NamedInstrument.rank`, source id) of the titles matching the question at all and at
        least `least`, best first (ties in source order): what `named.rank` gives each title. With
        `limit`, the best `limit` titles and those tied with the last of them."""
        shares = self._shares(named)
        ranked = self._ranked(named, shares, (shares > 0) & (shares >= least - 1e-6), limit)
        return [(score, sid) for score, sid in ranked if score[0] > 0 and score[0] >= least]

    def explicit(
        self, named: NamedInstrument, *, limit: int | None = None
    ) -> list[tuple[tuple[float, float], str]]:
        """`rank` (at least MIN_MATCH) over the titles the question names outright only
        (`NamedInstrument.explicit`: by a full acronym or with the word for their kind)."""
        outright = np.zeros(len(self.ids), dtype=bool)
        kinds = instrument_terms()
        for t in named.weights:
            if not is_kind(t):
                continue
            # the kind named, in the question's language or as one whole sense in another
            for term in (t, *(s[0] for s in named.senses.get(t, ()) if len(s) == 1 and s[0] in kinds)):
                rows = self._postings.get(term)
                if rows is not None:
                    outright[rows] = True
        for acronym, _ in named.acronyms:
            for i, strength in self._abbreviated(acronym):
                outright[i] |= strength == 1.0
        shares = self._shares(named)
        ranked = self._ranked(named, shares, outright & (shares >= MIN_MATCH - 1e-6), limit)
        return [(score, sid) for score, sid in ranked if score[0] >= MIN_MATCH]
