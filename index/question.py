"""Question analysis: which words carry the question's content, which provision it names, and which
facts (years, months, figures, names, quoted phrases) an answer must contain.

    q = analyze_question("How many North Koreans did China return in 2023?")
    q.terms        # ('north', 'korean', 'china', 'return', '2023'): BM25 query and coverage terms
    q.dropped      # ('mani',): question and quantity words, which no answer needs to contain
    q.constraints  # year 2023, name "North Koreans", name "China": a shown passage must contain them
    q.provisions   # () here; ("art", 33) for "What does Article 33 of the Refugee Convention say?"

Nothing here looks at the collection; `index.engine` checks constraints and provisions against each
candidate passage (its text, and its searchable context: source title and section path).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from corpus.numbering import han_numeral, han_value
from corpus.script import HAN_OR_KANA_CHAR, query_language
from index.analyzer import STOP_WORDS, analyze
from index.answer_type import PROVISION_WORDS, asked_type, profiled_type
from index.instruments import (
    acronyms_in,
    body_forms,
    body_names,
    capital_forms,
    country_forms,
    is_instrument_heading,
    korean_countries,
    state_forms,
)

ConstraintKind = Literal["year", "month", "number", "name", "phrase", "answer", "moment"]

# Stems of English words that ask about a quantity or frame the question ("how long", "what does it
# say", "according to") rather than naming what the answer is about. Stop words are already gone.
_EN_QUESTION_WORDS = frozenset(
    [
        "long",
        "much",
        "mani",
        "far",
        "often",
        "big",
        "larg",
        "old",
        "soon",
        "say",
        "mean",
        "tell",
        "describ",
        "explain",
        "happen",
        "accord",
        "kind",
        "type",
        "exist",
        "current",
        # words that stress or attribute, naming nothing ("what exactly", "per the report", "actually")
        "per",
        "exact",
        "actual",
    ]
)
# A function word with its clitic, which the analyzer keeps as a term: "what's" (stemmed to "what"),
# "it's", "I'm", "I've", "we're", "don't", "can't" (of can), "won't" (of will): a stop word's head
# with a clitic's tail, as written (not "A'Court"; nor "underlying", whose stem is "under"). The
# negation "n't" is a function word as "not" is.
_CLITIC = re.compile(r"(?<![\w'’])([A-Za-z]+)['’](s|re|m|ve|d|ll|t)(?![\w'’])", re.IGNORECASE)
_NEGATED_HEADS = frozenset({"ca", "wo", "sha", "ai"})
# Kiwi morphemes of Korean question words and light verbs: 어떻다 (how), 무엇 (what), 얼마 (how
# much), 몇 (how many), 며칠 (how many days), 언제 (when), 어디 (where), 누구 (who), 왜 (why),
# 있다/없다/되다/하다, 알다, 말하다 (say), 뜻하다 (mean), 의미 (meaning).
_KO_QUESTION_WORDS = frozenset(
    [
        "어떻",
        "무엇",
        "얼마",
        "몇",
        "며칠",
        "언제",
        "어디",
        "누구",
        "왜",
        "어느",
        "있",
        "없",
        "되",
        "하",
        "알",
        "말하",
        "뜻하",
        "의미",
        "나",
    ]
)
# Chinese question particles: any character bigram holding one is not content.
_ZH_QUESTION_CHARS = frozenset("什么吗呢哪谁几多怎为了")

# A year stands alone, before punctuation ("In 2019, ...", "in 2019.") or before the Korean or
# Chinese year mark ("2019년", "2019年"); not inside a longer number or a word ("2,019.5", "2019s"),
# nor a decade ("1990년대", "1990年代").
_YEAR = re.compile(
    r"(?<![\d,.])(1[6-9]\d\d|20\d\d)"
    r"(?=년(?!대(?!비))|年(?!代)|(?!\d|[,.]\d|[^\W\d_]|['’]s\b|\s*년대(?!비)|\s*年代))"
)
# A month as a question writes it: "10월", "10月", or a capitalised English month name or abbreviation
# ("October", "Oct.", "Sept"). "May" is also a verb: it counts only next to a number ("May 2023", "5
# May"), and so do abbreviations that do not end in a period ("Jan Egeland"); no month name counts at
# the start of a question unless a number follows ("March across the border?"), nor before a
# capitalised word ("June Lee"). "10개월" (ten months) is a duration, not a month.
_CJK_MONTH = re.compile(r"(?<![\d.,])(1[0-2]|0?[1-9])\s*(?:월|月)")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                        "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
_EN_MONTH = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + "|" + "|".join(_MONTH_ABBREVIATIONS) + r")\b\.?")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
# The first half of a year as a question writes it ("in the first half of 2024", "the first six months
# of the year", "2024년 상반기"; not "the first six months after arriving"). Reports date a half-year's
# figure by the month it ends in ("admitting 105 DPRK citizens through June", "January-June"), so the
# question also searches that month's word (`HALF_YEAR_END`, as the analyzer indexes "June"): a term of
# its BM25 query and its coverage.
_FIRST_HALF = re.compile(
    r"\bfirst\s+(?:half|six\s+months)\s+of\s+(?:the\s+year|(?:1[6-9]|20)\d\d)\b"
    r"|(?:(?:1[6-9]|20)\d\d\s*년|올해|작년|지난해)\s*상반기",
    re.IGNORECASE,
)
HALF_YEAR_END = "june"
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,.]*\d)")
_QUOTED = re.compile(r"[\"“„«「『]([^\"”“«»「」『』]{3,120})[\"”»」』]")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# a name made an adjective by a participle or suffix after a hyphen ("the Chongryon-backed campaign",
# "a Seoul-based NGO", "UN-led talks"): the name is the part before it, as a source writes it
_NAME_SUFFIX = re.compile(
    r"[-‐](?:backed|based|led|run|funded|sponsored|owned|born|controlled|affiliated|linked|allied|aligned|"
    r"made|style|era|related|bound|centred|centered|friendly|oriented|supported|organi[sz]ed|"
    r"operated|dominated|inspired|imposed|brokered|mediated|drafted|registered|appointed|sanctioned|"
    r"approved|administered|occupied|bred|educated|trained|listed)$"
)
_AGE_BEFORE = re.compile(
    r"\b(?:(?:aged|ages?|age of)(?:\s+between)?|(?:aged|ages?)\s+(?:between\s+)?\d+\s*(?:to|and|or|-|–))\s*$",
    re.IGNORECASE,
)
# "55세", and "55세였던", "55세인", "55세부터": 세 before a copula, ending or particle (not 세기 "century")
_AGE_AFTER = re.compile(
    r"\s*(?:-?\s*years?[- ]olds?\b|세(?![가-힣])|세(?=였|이었|이던|이며|인|의|부터|까지|미만|이상|이하"
    r"|초과|에|가|는|도|를|로|쯤|때|전후)|살|岁)",
    re.IGNORECASE,
)
# "who was 16" is an age only where the number ends the phrase ("who were 500 detainees" is a count)
_AGE_WHO_BEFORE = re.compile(r"\bwho\s+(?:was|is|were|are)\s+$", re.IGNORECASE)
_AGE_WHO_AFTER = re.compile(r"\s*(?:$|[?.,;:!]|(?:when|at|then|years?)\b)", re.IGNORECASE)
# Abbreviations questions write for the words of an institution's name that the collection's sources
# write out ("the State Dept report", "the Chinese govt", "Int'l Covenant"): read as those words, so
# that "State Dept" is the "State Department" the sources and their publishers name
_ABBREVIATIONS = {
    "dept": "department", "dep't": "department", "govt": "government", "gov't": "government",
    "intl": "international", "int'l": "international", "natl": "national", "nat'l": "national",
    "cttee": "committee", "assn": "association", "univ": "university",
}  # fmt: skip
_ABBREVIATION = re.compile(
    r"\b(?:"
    + "|".join(re.escape(a).replace("'", "['’]") for a in _ABBREVIATIONS)
    + r")(?:\.(?=\s+[a-z])|\b)",
    re.IGNORECASE,
)


def spelled_out(question: str) -> str:
    """A question with the abbreviations of institutions' words it writes (`_ABBREVIATIONS`: "Dept",
    "Gov't", "Intl.") written out, capitalised as written ("State Dept." -> "State Department")."""

    def full(m: re.Match[str]) -> str:
        word = _ABBREVIATIONS[m.group().rstrip(".").replace("’", "'").lower()]
        return word.capitalize() if m.group()[0].isupper() else word

    return _ABBREVIATION.sub(full, question)


# What an asker says their question serves, before it or after it: a lead naming the work ("For a
# comparison of treaty-body sizes: how large ...?", "For my thesis, ...") and a sentence saying what
# they do with the answer ("... what is protected? I'm using it for a right-of-return argument."), but
# not one that says what it is about ("I'm writing a piece on how ... women are trafficked. What ...?")
_PURPOSE_NOUNS = (
    r"(?:comparison|thesis|dissertation|paper|story|piece|essay|project|presentation|memo|argument|lecture)"
)
_PURPOSE = re.compile(
    # the work alone, or of what ("For my thesis, ...", "For a comparison of treaty-body sizes: ..."); not
    # what it is on or about ("For my thesis on North Korean defectors in China, how many ...?": its topic)
    r"^\W*for\s+(?:a|an|my|our)\s+(?:[\w'’-]+\s+){0,2}?"
    + _PURPOSE_NOUNS
    + r"(?:\s+of\s+[^:;?!.,]{1,60}?)?\s*[:;,]\s*"
    # what the answer is for ("I'm using it for a right-of-return argument."), not what the asker does
    # ("I'm comparing the 1951 Convention and the 1967 Protocol. Which one ...?")
    r"|(?:(?<=[.?!])\s+|^\s*)(?:I'm|I’m|I\s+am|we're|we’re|we\s+are)\s+(?:using|citing|quoting)\s+"
    r"(?:it|this|that|these|them|the\s+(?:answer|information|figures?|quotes?|passages?))\b[^.?!]*[.!]"
    r"(?=\s+\S[^.]*\?|\s*$)",
    re.IGNORECASE,
)


def without_purpose(question: str) -> str:
    """`question` without what the asker says it serves (`_PURPOSE`): "For a comparison of treaty-body
    sizes: how large was the CEDAW Committee?" -> "how large was the CEDAW Committee?"; the question
    itself when nothing else would be left."""
    rest = question
    while (shorter := _PURPOSE.sub(" ", rest).strip()) != rest and any(ch.isalnum() for ch in shorter):
        rest = shorter  # (read again: a lead may follow another, and the result reads the same twice)
    return rest


# "우리나라" ("our country") in a Korean question is the Republic of Korea, as its laws name it: the
# phrase is read as 대한민국, its particle in the form that follows a consonant (는 -> 은)
_OUR_COUNTRY = re.compile(r"우리\s?나라(는|가|를|와|로|랑)?")
_AFTER_CONSONANT = {"는": "은", "가": "이", "를": "을", "와": "과", "로": "으로", "랑": "이랑"}
# What a state does to a treaty (`_agent`), and the adverbs that may stand before it
_TREATY_ACTS = frozenset([
    "ratify", "ratified", "ratifies", "sign", "signed", "signs", "accede", "acceded", "accedes", "join",
    "joined", "joins", "accept", "accepted", "approve", "approved", "denounce", "denounced", "withdraw",
    "withdrew",
])  # fmt: skip
_BEFORE_ACT = frozenset(["ever", "never", "formally", "officially", "already", "first", "finally", "not"])
_AUXILIARIES = frozenset(
    [
        "do", "does", "did", "will", "would", "won't", "can", "can't", "cannot", "could", "should",
        "shall", "has", "have", "had", "is", "are", "was", "were", "may", "might", "must", "doesn't",
        "don't", "didn't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "wasn't", "weren't", "wouldn't",
    ]
)  # fmt: skip
# What a government does in a question, after its capital ("Beijing treats them as migrants")
_GOVERNMENT_VERBS = frozenset(
    [
        "say", "says", "said", "claim", "claims", "claimed", "think", "thinks", "thought", "believe",
        "believes", "believed", "treat", "treats", "treated", "regard", "regards", "regarded", "consider",
        "considers", "considered", "view", "views", "viewed", "call", "calls", "called", "deny", "denies",
        "denied", "refuse", "refuses", "refused", "reject", "rejects", "rejected", "accept", "accepts",
        "accepted", "recognise", "recognises", "recognised", "recognize", "recognizes", "recognized",
        "allow", "allows", "allowed", "permit", "permits", "permitted", "let", "lets", "send", "sends",
        "sent", "return", "returns", "returned", "deport", "deports", "deported", "repatriate",
        "repatriates", "repatriated", "want", "wants", "wanted", "insist", "insists", "insisted", "argue",
        "argues", "argued", "respond", "responds", "responded", "react", "reacts", "reacted", "agree",
        "agrees", "agreed", "sign", "signs", "signed", "ratify", "ratifies", "ratified", "accede",
        "accedes", "acceded", "join", "joins", "joined", "announce", "announces", "announced", "report",
        "reports", "reported", "state", "states", "stated", "maintain", "maintains", "maintained", "plan",
        "plans", "planned", "intend", "intends", "intended", "demand", "demands", "demanded", "require",
        "requires", "required", "give", "gives", "gave", "offer", "offers", "offered", "pay", "pays",
        "paid", "suspect", "suspects", "suspected", "estimate", "estimates", "estimated", "know", "knows",
        "knew", "count", "counts", "counted", "handle", "handles", "handled", "ban", "bans", "banned",
        "bar", "bars", "barred",
    ]
)  # fmt: skip
_UNITED_NATIONS = "United Nations "  # (as a name run writes it: capitalised, one space apart)
# Capitalised words that start questions or name generic things rather than an entity.
_NOT_NAMES = frozenset(
    [
        "What",
        "Which",
        "Who",
        "Whom",
        "Whose",
        "When",
        "Where",
        "Why",
        "How",
        "Is",
        "Are",
        "Was",
        "Were",
        "Do",
        "Does",
        "Did",
        "Can",
        "Could",
        "Should",
        "Would",
        "Will",
        "May",
        "Might",
        "Must",
        "Has",
        "Have",
        "Had",
        "According",
        "Under",
        "In",
        "On",
        "At",
        "For",
        "Of",
        "By",
        "From",
        "To",
        "The",
        "A",
        "An",
        "And",
        "Or",
        "If",
        "Please",
        "Tell",
        "Give",
        "List",
        "Name",
        "Describe",
        "Explain",
        "Compare",
        "I",
        # the pronoun's contractions ("... borders? I'm trying to understand ...")
        "I'm",
        "I've",
        "I'd",
        "I'll",
        "I’m",
        "I’ve",
        "I’d",
        "I’ll",
    ]
)

# Words ending in 법 that name no law (a way, illegal, grammar, an expedient, unlawful, lawful, proper,
# legislation, the judiciary): "해결 방법 3조" names no article.
_NOT_A_LAW_WORD = ("방법", "불법", "문법", "편법", "위법", "합법", "적법", "입법", "사법", "국제법", "국내법")
# What a sum's 조 (trillion) may be followed by: a unit of money or a larger sum's next figure ("1조 원",
# "1조 2천억 원", "1조5천억원"), the unit standing as a word (with a particle, "1조 원을"), not
# beginning one ("난민협약 33조 원문", "3조 원칙", "난민법 3조 억류")
_SUM_AFTER_JO = (
    r"\s*(?:\d+\s*[천백십만억]"
    r"|(?:원|달러|위안|엔|유로|파운드|규모|억)(?![가-힣])"
    r"|(?:원|달러|위안|엔|유로|파운드|억)(?:을|를|이|가|은|는|의|에|으로|로|과|와|도|만|씩|어치|가량|정도|쯤)(?![가-힣]))"
)
# Provisions a question can name, with the family they belong to: an article of a treaty or law
# (Article 33, Art. 1A, 제3조, 第二百四十条) or a section of a code or report (§ 7801, Section 3).
_PROVISION = re.compile(
    r"\b(?:Article|Art\.?|Articles)\s*(?P<art>\d+)[A-Za-z]?"
    r"|\b(?:Article|Art\.)\s+(?P<roman>(?-i:[IVXLC]+))\b"
    r"|제\s*(?P<ko>\d+)\s*조(?:의(?P<ko_branch>\d+))?"
    # "난민법 3조", "세계인권선언 14조": without 제 only right after the instrument's kind, not after a
    # word that merely ends in 법 ("해결 방법 3조", "불법 1조"), and not as a sum ("1조 원": a bare "3조" is
    # as often three trillion)
    r"|(?:"
    + "|".join(
        f"(?<={kind})|(?<={kind} )"
        for kind in ("법", "법률", "협약", "규약", "의정서", "조약", "선언", "헌장", "시행령", "협정", "규칙")
    )
    + r")"
    # (each such word as a whole word: 국적법 and 약사법 are laws though they end in 적법 and 사법)
    + "".join(f"(?<!(?<![가-힣]){word})(?<!(?<![가-힣]){word} )" for word in _NOT_A_LAW_WORD)
    + rf"(?P<ko_bare>\d+)\s*조(?!{_SUM_AFTER_JO})(?:의(?P<ko_bare_branch>\d+))?"
    r"|第\s*(?P<zh>[0-9一二三四五六七八九十百千零〇两]+)\s*条(?:之(?P<zh_branch>[0-9一二三四五六七八九十]+))?"
    r"|§+\s*(?P<sec>\d+)"
    r"|\b(?:\d+\s+)?U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?(?P<usc>\d+)"
    r"|\b(?:Section|Sec\.)\s*(?P<sec2>\d+)",
    re.IGNORECASE,
)

Provision = tuple[str, str]
"""("art", "33"), ("art", "22-2") or ("sec", "7801"): the family and number of a named article or
section; a branch article (제22조의2, 第二百四十条之一) adds its branch number after a hyphen."""


@dataclass(frozen=True)
class Constraint:
    """A fact the question pins down that a passage must contain to answer it.

    Attributes:
        kind: "year", "month", "number", "name", "phrase", "answer" (the answer type asked) or
            "moment" (the asker's day, "tomorrow", "이번 주말": `_asker_days`; no passage holds it).
        text: as the question writes it ("2023", "1,170", "Kim Eun-joo", "non-political").
        terms: its analysed terms; a passage satisfies the constraint when it holds all of them (in
            its text or its searchable context), or all the terms of one of `alternatives`, or, for a
            year, when its source is dated that year.
        alternatives: other ways a passage may write it, as analysed terms (a month: its
            abbreviation's stem, "oct"; a name: the country of a nationality or the reverse,
            "vietnam" for "Vietnamese"; a capital that acts, "does Tokyo think": its government's
            names, "japan", "japanes").
        in_order: for a quoted phrase, all its analysed terms in text order (question words
            included: "受到了酷刑" keeps 到了, 了酷), which a passage must hold in a row.
        agent: for a name, whether it is the state a treaty act is asked about ("When did South Korea
            ratify ...?"): a key fact however common its words (`index.question._agent`).
        profile: for the answer type, the type the stored answer models' question profiles read
            (`index.answer_type.profiled_type`: "a figure" for a duration, None for a type the
            fitted typing did not ask); "" (the default): `text` itself.
        glossed: for a name of an English question, the terms of the Korean headword the word list
            glosses it by, whole (`index.engine.GroundIndex._korean_forms`: "Justice Minister",
            법무부 + 장관): a Korean passage holding them holds the name (its sentences are not asked
            for it, as for any name with no form written there); () otherwise.
        cjk: the terms that also satisfy it in a Korean, Chinese or Japanese passage (a month: its
            number, what the analyzer keeps of "10월" and "10月"; in an English passage a bare "10"
            is no month). So "2023년 10월" is found in "In October 2023" and "October" in "2023년 10월".
        relative: for a year named from the asker's day, the words that named it ("last year", 올해:
            `calendar_year`); such a year is held by a passage's text, not by its source's date alone
            (a law amended in 2025 tells nothing of "last year"), unless `given` holds "published" (the
            question asks what a source published or said that year: its date tells it); "" otherwise.
    """

    kind: ConstraintKind
    text: str
    terms: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    cjk: tuple[str, ...] = ()
    in_order: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    agent: bool = False
    profile: str | None = ""
    glossed: tuple[str, ...] = ()
    relative: str = ""


@dataclass(frozen=True)
class QuestionAnalysis:
    """What `analyze_question` found in a question.

    Attributes:
        text: the question as given (trimmed).
        language: "ko" (any Hangul), "zh" (Han without Hangul) or "en" (see corpus.script).
        terms: analysed content terms, in question order, repeats kept (the BM25 query).
        dropped: analysed terms left out of `terms` (question and quantity words).
        provisions: articles or sections the question names.
        constraints: facts a passage must contain to answer.
        asks_quantity: the question asks for a count, amount, share or duration ("how many", "얼마").
        provision_terms: the analysed terms of its provision references ("Article 12(4)" -> "articl",
            "12", "4"); the rest of `terms` may name the instrument (`index.instruments`).
    """

    text: str
    language: str
    terms: tuple[str, ...]
    dropped: tuple[str, ...]
    provisions: tuple[Provision, ...]
    constraints: tuple[Constraint, ...]
    asks_quantity: bool
    provision_terms: tuple[str, ...] = ()


def function_clitics(text: str) -> frozenset[str]:
    """The analysed terms of the words of `text` that are a stop word with its clitic (`_CLITIC`,
    `index.analyzer.STOP_WORDS`): "what" of "What's", "i'm" of "I'm", "don't", "can't"; none of
    "Korea's", "O'Neil", "A'Court"."""
    words = []
    for m in _CLITIC.finditer(text):
        head, tail = m.group(1).lower(), m.group(2).lower()
        if tail == "t" and head.endswith("n"):
            head = head[:-1]  # "don't": do + n't, "can't": ca + n't
        elif tail == "t":
            continue
        if head in STOP_WORDS or head in _NEGATED_HEADS:
            words.append(m.group())
    return frozenset(t for w in words for t in analyze(w))


def _is_question_word(term: str, language: str) -> bool:
    if term in _EN_QUESTION_WORDS or term in _KO_QUESTION_WORDS:
        return True
    return language == "zh" and any(ch in _ZH_QUESTION_CHARS for ch in term)


def _roman(numeral: str) -> int | None:
    """The value of an upper-case Roman numeral up to C ("XIV" -> 14); None when it is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        v = values[ch]
        total += -v if nxt and values[nxt] > v else v
    return total if 0 < total <= 400 else None


def _han_number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else han_value(raw)


ADDENDA = "부칙"  # the heading of a Korean law's addenda (supplementary provisions)


def provisions_in(text: str) -> tuple[Provision, ...]:
    """The articles and sections `text` names, in order, without repeats.

    "Article 33" and "Art. 33(1)" -> ("art", "33"); "Article XIV" -> ("art", "14"); "제3조" -> ("art",
    "3"); "제22조의2" -> ("art", "22-2") (but "제3조의 2가지" is article 3); "第二百四十条" -> ("art",
    "240"); "第二百四十条之一" -> ("art", "240-1"); "§ 7801" and "Section 3" -> ("sec", "7801"), ("sec",
    "3"). "3조" without 제 names an article right after the instrument's kind only ("난민법 3조"; "1조 원"
    is a sum).
    """
    found: list[Provision] = []
    for m in _PROVISION.finditer(text):
        key: Provision | None
        if m.group("art"):
            key = ("art", str(int(m.group("art"))))
        elif m.group("roman"):
            number = _roman(m.group("roman"))
            key = ("art", str(number)) if number else None
        elif m.group("ko") or m.group("ko_bare"):
            article = str(m.group("ko") or m.group("ko_bare"))
            part = m.group("ko_branch") or m.group("ko_bare_branch")
            key = ("art", f"{int(article)}" + (f"-{int(part)}" if part else ""))
        elif m.group("zh"):
            value, branch = _han_number(m.group("zh")), m.group("zh_branch")
            sub = _han_number(branch) if branch else None
            key = (
                None
                if value is None or (branch and sub is None)
                else ("art", f"{value}" + (f"-{sub}" if sub else ""))
            )
        else:
            key = ("sec", str(int(m.group("sec") or m.group("sec2") or m.group("usc"))))
        if key is not None and key not in found:
            found.append(key)
    return tuple(found)


# Abbreviations a name follows ("Mr. Kim", "Art. 12"): their full stop ends no sentence
_TITLE_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "art",
        "arts",
        "no",
        "gen",
        "prof",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "sec",
        "vs",
        "v",
        "rev",
        "mt",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "fr",
        "jr",
        "sr",
        "cf",
        "incl",
        "approx",
        "vol",
        "para",
    ]
)


def _without_full_stop(word: str) -> str:
    """A word without the full stop that ends its sentence ("Seoul." -> "Seoul"); an abbreviation's stays
    ("U.S.", "Mr.")."""
    stem = word[:-1]
    if word.endswith(".") and len(stem) > 1 and stem[-1:].islower() and "." not in stem:
        return stem if stem.lower() not in _TITLE_ABBREVIATIONS else word
    return word


def _starts_sentence(raw: Sequence[tuple[int, str]], i: int) -> bool:
    """Word `i` of `raw` (position, token) starts the question or a sentence of it: the token before
    ends with "?" or "!", or with a full stop after a lower-case word ("... trafficked? Thinking about
    North Korean brides."), not after an abbreviation ("U.S. Congress", "Mr. Kim")."""
    if i == 0:
        return True
    before = raw[i - 1][1].rstrip("\"”’')]")
    if before.endswith(("?", "!")):
        return True
    word = before[:-1]
    return (
        before.endswith(".")
        and len(word) > 1
        and word[-1:].islower()
        and "." not in word
        and word.lower() not in _TITLE_ABBREVIATIONS
    )


def _names(text: str, skip: list[tuple[int, int]]) -> list[tuple[str, bool, bool]]:
    """Runs of capitalised words that are not at the start of the question or of a sentence in it
    (`_starts_sentence`), not generic, not an
    acronym (acronyms are too often spelled out in the sources; a possessive one, "UNHCR's budget",
    is what the question is about and counts, and so does a state's that a treaty act is asked about,
    "did the PRC accede": `_state_acting`, and a body's the field knows written out, held by those
    names too: "UNHCR", `index.instruments.body_names`) and not inside a named provision; a
    possessive ends its run ("Washington's North Korea strategy": "Washington", "North Korea"), and
    so does a comma, a colon or a closing bracket after a word ("in Pyongyang, Wang Yajun, said":
    "Pyongyang", "Wang Yajun").
    Each with whether it is a lone word that acts (`_acts`): a capital so used stands for its
    government; and whether it is the question's agent (`_agent`)."""
    raw = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    words = [(start, _without_full_stop(token.strip("?,;:!()[]\"“”'’"))) for start, token in raw]
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (start, written) in enumerate(words):
        word = _NAME_SUFFIX.sub("", written)
        suffixed = word != written
        base = _POSSESSIVE.sub("", word)
        capital = (
            bool(_NAME_WORD.fullmatch(base))
            and base not in _NOT_NAMES
            and (
                not word.replace(".", "").isupper() or _state_acting(words, i, base) or bool(body_names(base))
            )
            and not any(a <= start < b for a, b in skip)
        )
        if capital and current and raw[i][1][:1] in "([\"“'‘":
            runs.append(current)  # an opening bracket or quote starts another name
            current = []
        if capital and not (_starts_sentence(raw, i) and not base.isupper()):
            current.append(i)
            # a comma, a colon, a closing bracket or quote after it ends the name ("in Pyongyang,
            # Wang Yajun, said": two names)
            # and so does a suffix made of it ("the Seoul-based NGO Daily NK": two names)
            if base == word and not suffixed and raw[i][1].rstrip("'’")[-1:] not in ',;:!?)]"”':
                continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [
        (
            _instrument_named(" ".join(_POSSESSIVE.sub("", _NAME_SUFFIX.sub("", words[i][1])) for i in run)),
            len(run) == 1 and _acts(words, run[0]),
            _agent(words, run[-1]) and not body_names(words[run[-1]][1]),  # (a body is no state)
        )
        for run in runs
    ]


def _instrument_named(name: str) -> str:
    """A name without the United Nations before an instrument's ("United Nations Convention" ->
    "Convention"): the UN adopted it, and its own text need not say so (`index.instruments`:
    `without_united_nations`)."""
    rest = name.removeprefix(_UNITED_NATIONS)
    return rest if rest != name and is_instrument_heading(rest) else name


# A name after these is a place ("in Seoul", "a district of Seoul"), not its government acting
_PLACE_PREPOSITIONS = frozenset({"in", "of", "near", "around", "outside", "across", "throughout", "at"})


def _acts(words: Sequence[tuple[int, str]], i: int) -> bool:
    """Whether the name at word `i` acts: possessive ("Washington's strategy"), before what a
    government does (an auxiliary, a verb of `_GOVERNMENT_VERBS`, an adverb in "-ly": "Beijing
    treats", "Seoul officially recognises"), or after an auxiliary with no noun after it ("does Tokyo
    think", "won't Beijing"; not "Are Tokyo courts independent?"). Not a place it names ("the
    population of Pyongyang", "the OHCHR Seoul office", "Seoul residents", "in Seoul only", "Which
    district of Seoul has ...?", "Someone in Seoul is running ...")."""
    word = words[i][1]
    before = words[i - 1][1].lower() if i else ""
    after = words[i + 1][1] if i + 1 < len(words) else ""
    if before in _PLACE_PREPOSITIONS:
        return bool(_POSSESSIVE.search(word))
    acting = after in _AUXILIARIES or after in _GOVERNMENT_VERBS or (after.endswith("ly") and after != "only")
    noun_after = after.islower() and after.endswith("s") and not acting
    return bool(_POSSESSIVE.search(word)) or acting or (before in _AUXILIARIES and not noun_after)


# A clause naming what the question compares with or sets aside ("like the European or Inter-American
# systems", "like the systems in Europe, Africa and the Americas", "other than China", "unlike South
# Korea"): its names are searched but not facts an answer must hold (the Asian passage saying "there
# are no Asia-wide conventions" does not name the Inter-American system it is compared with; the
# places: 2026-12-06, thirty-four sets' fit halves, one answer more, nothing lost). Not an example
# of what is asked about ("a facility like Hanawon", "defectors like Thae Yong-ho", "countries such
# as Thailand"): those are its subject
_COMPARED = re.compile(
    r"(?:(?:\blike\s+the|\bunlike|\bsimilar\s+to|\bcompared\s+(?:with|to)|\bas\s+opposed\s+to|\brather\s+than|"
    r"\bother\s+than|\bapart\s+from|\bbesides|\bexcept(?:\s+for)?)\s+(?:the\s+)?"
    # or what is compared, named by its places, in an aside (", like the systems in Europe, Africa and
    # the Americas"; not "Do defectors like the schools in South Korea?") or after "unlike" or
    # "compared with" ("unlike the courts of South Korea")
    r"|(?:,\s*like|\bunlike|\bcompared\s+(?:with|to))\s+the\s+(?-i:[a-z]+)\s+(?:(?-i:[a-z]+)\s+)?"
    r"(?-i:in|of|from)\s+(?:the\s+)?)"
    # the names compared with, joined by "or", "and", "of the" (up to the first other word)
    r"(?-i:[A-Z][\w'’.-]*(?:,?\s+(?:(?:of|the|and|or|for|on|in)\s+)*[A-Z][\w'’.-]*)*)",
    re.IGNORECASE,
)


# A claim the question checks, told before it: a draft, post or speech says, or anyone claims, what
# the question then asks of the sources ("A post claims ICC prisoners serving life can get a review
# after 15 years. Check that against Article 110 of the Rome Statute.", "A draft says the council is
# chaired by the Minister of Gender Equality and Family. Who chairs it under the current law?", "Draft
# caption: '... signed by Dag Hammarskjöld.' Whose signatures appear ...?"). Its figures and names are
# what is checked, wrong as often as right: searched, but no facts an answer must hold, when the
# question after it asks something of its own (`_claim_span`; thirty-nine sets' fit halves,
# 2026-12-06). A report's words are no claim ("The State Department report says ...": a source).
_CLAIMANTS = (
    r"(?:draft|post|posts|speech|brief|briefing|memo|caption|tweet|thread|comment|message|explainer|op-ed|"
    r"editorial|column|headline|slide|presentation|lecture|textbook|leaflet|flyer|pamphlet|poster|"
    r"newsletter|blog|website|video|meme|petition|rumou?r|commentator|politician|campaigner|activist|"
    r"someone|somebody|friend|colleague|reader|caller)"
)
_CLAIM_VERBS = (
    r"(?:says?|said|states?|stated|reads?|writes?|wrote|suggests?|claims?|claimed|alleges?|alleged|"
    r"asserts?|asserted|insists?|insisted|argues?|argued|tells?\s+(?:me|us)|told\s+(?:me|us))"
)
_CLAIM = re.compile(
    r"^\s*(?:(?P<subject>"
    # a claimant says ("A post claims", "An NGO brief says", "A speech we're checking says")
    rf"(?:(?:an?|the|one|this|that|our|my|some)\s+)?(?:[\w'’-]+\s+){{0,4}}?{_CLAIMANTS}\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_CLAIM_VERBS}"
    # or people do ("Some claim", "People say", "I read that", "I was told that")
    r"|(?:some|people|critics|many|they)\s+(?:say|said|claim|claimed|argue|argued|insist|insisted|allege|alleged)"
    r"|i\s+(?:have\s+)?(?:read|heard|seen|saw)(?:\s+(?:somewhere|online))?(?=\s+that\b)|(?:i|we)\s+(?:was|were)\s+told"
    r")(?:\s+that)?\s+"
    # or a claim labelled as one ("Draft caption: '...'", "Claim: ...", "True or false: ...")
    rf"|(?P<label>(?:[\w'’-]+\s+)?{_CLAIMANTS}|claim|true\s+or\s+false|fact[\s-]?check)\s*:\s*)"
    # up to the end of its sentence (not an abbreviation's point: "the U.S. Congress", "Dr. Lee"), a
    # semicolon or a dash, before the question's own
    r"[^?!;]*?(?:(?<!\bU\.S)(?<!\bU\.K)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bNo)"
    r"(?<!\bArt)[.!]['’\"”]?(?=\s+[A-Z])|;|\s[-—–]\s)",
    re.IGNORECASE,
)
# Who may tell a claim by a capitalised word ("An NGO brief says", "A WhatsApp message says"): any other
# capitalised word or a possessive before the verb makes it a source's words ("The OHCHR statement
# says", "The UN Special Rapporteur's statement says", "HRW claims"), no claim
_CLAIM_PLATFORMS = frozenset(
    {"NGO", "TV", "WhatsApp", "Facebook", "YouTube", "TikTok", "Instagram", "Twitter", "X", "Telegram"}
    | {"KakaoTalk", "Reddit", "Korean", "English", "I"}
)
# What asks nothing of its own after a claim ("Is that right?", "Is that true? Please cite the source.",
# "Is the number correct?", "Do the sources back this up?")
_CHECK_WORDS = frozenset(
    analyze(
        "check checking claim right true false wrong correct accurate inaccurate accurately actually really "
        "confirm verify fact still misleading exaggerated evidence source sources cite support back reliable "
        "figure number please thanks thank help find say tell show prove hold valid debunk"
    )
)


def _claim_span(text: str, language: str) -> tuple[int, int] | None:
    """The span of a claim `text` checks before its own question (`_CLAIM`), when what follows asks
    something of its own: a content word beyond the checking ones (`_CHECK_WORDS`) or a provision it
    names. None for "A post claims X. Is that right?": there the claim is all that is asked; none
    for a source's words ("The OHCHR statement says ...", `_CLAIM_PLATFORMS`)."""
    if language != "en":
        return None
    m = _CLAIM.match(text)
    if m is None:
        return None
    subject = m.group("subject")
    if subject is not None:
        words = subject.split()
        if "'s" in subject or "’s" in subject:
            return None
        if any(w[:1].isupper() and w not in _CLAIM_PLATFORMS for w in words[1:]):
            return None
    rest = text[m.end() :]
    own = [t for t in analyze(rest) if not _is_question_word(t, language) and t not in _CHECK_WORDS]
    return m.span() if own or _PROVISION.search(rest) else None


# An aside on the asker's own life, whose names and years are no key facts of the question: a sentence
# that asks nothing and speaks of the asker ("My grandfather was taken by police in 1975 and never came
# back.", "Some women we meet in Jilin were handed on ... for money."), unless it relays a claim
# (`_CLAIM`: "I read that ... in 2023."); a clause leading the question with the asker's own time ("When I
# first joined the Secretariat, ..."); whoever told the asker a claim ("A former colleague in Seoul once
# told me that ...")
_FIRST_PERSON = re.compile(
    r"(?<!Part )(?<!Title )(?<!Chapter )(?<!Section )(?<!Annex )(?<!Schedule )(?<!War )"  # "Part I"
    r"\b(?:I|I['’](?:m|ve|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’]re|[Oo]ur|[Uu]s)\b"
)
# A sentence that asks, or frames what is asked, though it ends with no question mark: "Tell me the
# population of North Korea in 2014.", "I need the 2014 figure ...", "My question is about China."
_REQUEST = re.compile(
    r"\b(?:tell|give|show|find|let|send|list|need|want|like|wonder|wondering|curious|ask|asking|question|"
    r"looking|interested|focus|focusing|consider|researching|writing|know)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"'‘“])")  # (not "the U.S. Congress")
_ASKER_CLAUSE = re.compile(r"(?:When|While|Since|After|Before|As)\s+(?:I|we)\b[^,?]*,")
_RELAYED = re.compile(
    r"\b(?:read|heard|seen|saw|told|tells|said|says|claims?|claimed|reported|wrote|writes|reminded|assured)\b"
)
_TOLD_ME = re.compile(r"[^,?.]*?\b(?:told|tells|reminded|assured)\s+(?:me|us)\b")


def _aside_spans(text: str) -> list[tuple[int, int]]:
    """The spans of an English question's asides on the asker's own life (see the comment above
    `_FIRST_PERSON`): a sentence of the asker's own while another asks the question, but one relaying a
    claim (`_CLAIM`, `_RELAYED`) or a request (`_REQUEST`); a leading "When I ...," clause; whoever told
    the asker a claim."""
    out = []
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    sentences = [(a, b) for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    asks = [text[a:b].rstrip().endswith("?") for a, b in sentences]
    for (start, end), asked in zip(sentences, asks, strict=True):
        sentence = text[start:end]
        if (
            not asked
            and any(asks)  # another sentence asks the question
            and _FIRST_PERSON.search(sentence)
            and not _CLAIM.match(sentence)
            and not _RELAYED.search(sentence)
            and not _REQUEST.search(sentence)
        ):
            out.append((start, end))
            continue
        for pattern in (_ASKER_CLAUSE, _TOLD_ME):
            lead = pattern.match(text, start)
            if lead:
                out.append(lead.span())
    return out


def _claim_names(
    text: str, claim: tuple[int, int] | None, skip: list[tuple[int, int]]
) -> list[tuple[str, bool, bool]]:
    """`_names` of `text` outside `skip` and outside the claim it checks, if any (`_claim_span`), but
    for the instruments the claim names when the question after it names none of its own: "A post
    claims the Refugee Act allows detention for 10 days. Is that true under Article 40?" asks of the
    Refugee Act's article 40 ("Who chairs it under the current law?" of no instrument the claim
    names: its names are what is checked)."""
    if claim is None:
        return _names(text, skip)
    outside = _names(text, [*skip, claim])
    rest = text[claim[1] :]
    if is_instrument_heading(rest) or acronyms_in(rest):
        return outside
    kept = {name for name, _, _ in outside}
    return [n for n in _names(text, skip) if n[0] in kept or is_instrument_heading(n[0])]


def _state_acting(words: Sequence[tuple[int, str]], i: int, acronym: str) -> bool:
    """Whether an acronym is a state's ("PRC", "DPRK", "ROK": it has other names, `_country_forms`)
    that a treaty act is asked about ("In what year did the PRC accede to ...?", `_agent`): a key name
    then, as "China" is in "When did China accede ...?"."""
    return _agent(words, i) and bool(_country_forms(tuple(analyze(acronym))))


# What a state does to a treaty in a Korean question (가입 "accession", 비준 "ratification", 서명
# "signature", 탈퇴 "withdrawal", as verbs or objects), read only in a question naming a treaty (not
# 국민연금 가입, 서명운동), and the two Koreas' names with their English ones
_KO_TREATY_ACT = re.compile(r"(?:가입|비준|서명|탈퇴)(?:했|한|하|할|됐|된|되|해|을|를|\s*여부)")
_KO_TREATY = re.compile(r"협약|규약|의정서|조약|협정")
_KO_KOREAS = {"대한민국": ("south", "korea"), "한국": ("south", "korea"), "남한": ("south", "korea"),
              "북한": ("north", "korea")}  # fmt: skip


# The cities and regions a Korean question asking a key fact may name, with their English and Chinese
# names: a name as a country is (`_constraints`), held by a passage writing it in any of the three ("유엔
# 인권사무소 서울 사무소는 몇 년도에 문을 열었나요?" needs a passage on Seoul; the OHCHR's founding year
# is no answer)
# (not 개성, 상해, 동경, 심양: also words, "personality", "injury", "longing", and 심양 analysed as 심)
_KO_PLACES: Mapping[str, tuple[tuple[str, ...], str]] = {
    "서울": (("Seoul",), "首尔"),
    "평양": (("Pyongyang", "P'yŏngyang"), "平壤"),
    "베이징": (("Beijing",), "北京"),
    "북경": (("Beijing",), "北京"),
    "선양": (("Shenyang",), "沈阳"),
    "단둥": (("Dandong",), "丹东"),
    "옌지": (("Yanji",), "延吉"),
    "연길": (("Yanji",), "延吉"),
    "옌볜": (("Yanbian",), "延边"),
    "연변": (("Yanbian",), "延边"),
    "도쿄": (("Tokyo",), "东京"),
    "방콕": (("Bangkok",), "曼谷"),
    "제네바": (("Geneva",), "日内瓦"),
    "뉴욕": (("New York",), "纽约"),
    "상하이": (("Shanghai",), "上海"),
    "혜산": (("Hyesan",), "惠山"),
    "신의주": (("Sinuiju", "Sinŭiju"), "新义州"),
    "청진": (("Chongjin", "Ch'ŏngjin"), "清津"),
    "훈춘": (("Hunchun",), "珲春"),
    "투먼": (("Tumen",), "图们"),
    "지린": (("Jilin",), "吉林"),
    "길림": (("Jilin",), "吉林"),
    "랴오닝": (("Liaoning",), "辽宁"),
    "요녕": (("Liaoning",), "辽宁"),
    "쿤밍": (("Kunming",), "昆明"),
}
# A place's Korean name as a word of its own (not inside another: 지린 in 지린내), and 선양 as the city, not
# 宣揚 "promotion" ("국위 선양을 위해"): before 시, a particle of place, 총영사관, 지역 or 쪽, or after 중국
_KO_PLACE_WORD = re.compile(
    r"(?<![가-힣])(?:"
    + "|".join(k for k in _KO_PLACES if k != "선양")
    + r"|선양(?=\s*(?:시|에|의|까지|으로|로|총영사|영사|지역|쪽))|(?<=중국\s)선양|(?<=중국)선양)"
)


def _ko_subject(text: str, name: str) -> bool:
    """Whether `name` stands in a Korean question as its subject or topic (은/는/이/가 after it, "중국은
    ..."), not inside a word (대한민국 in 대한민국법) or as an object or place."""
    return re.search(rf"(?<![가-힣]){re.escape(name)}(?:은|는|이|가)(?![가-힣])", text) is not None


def _agent(words: Sequence[tuple[int, str]], last: int) -> bool:
    """Whether the name ending at word `last` is a state that a treaty act is asked about: "When did
    South Korea ratify ...?", "Has China (ever) signed ...?", "Did North Korea accede to ...?". A
    treaty's own text never names the states that join it: its article on ratification does not
    answer when one of them did. Not a possessive ("South Korea's accession")."""
    if _POSSESSIVE.search(words[last][1]):
        return False
    after = [w.lower() for _, w in words[last + 1 : last + 3]]
    return bool(after) and (
        after[0] in _TREATY_ACTS or (len(after) == 2 and after[0] in _BEFORE_ACT and after[1] in _TREATY_ACTS)
    )


def _constraints(text: str, language: str, provision_spans: list[tuple[int, int]]) -> list[Constraint]:
    out: list[Constraint] = []
    seen: set[tuple[str, ...]] = set()

    def add(kind: ConstraintKind, raw: str, acts: bool = False, agent: bool = False) -> None:
        analysed = tuple(analyze(raw))
        terms = tuple(t for t in analysed if not _is_question_word(t, language))
        if kind == "name":
            # a name's hyphenated word is held by its parts: "Kim Jong-il" by "KIM Jong Il"
            terms = tuple(t for t in terms if "-" not in t or not set(t.split("-")) <= set(terms))
        if terms and terms not in seen:
            seen.add(terms)
            alternatives = _country_forms(terms) if kind == "name" else ()
            if acts and len(terms) == 1:
                alternatives += capital_forms().get(terms[0], ())
            if kind == "name":
                # a body by its acronym is held by its name written out ("UNHCR": "the Office of the
                # United Nations High Commissioner for Refugees")
                alternatives += tuple(tuple(analyze(name)) for name in body_names(raw))
                # and written out by its acronym ("the International Refugee Organization": "IRO
                # closed its operations ...") or another spelling
                alternatives += tuple(tuple(analyze(form)) for form in body_forms(raw))
                alternatives += _doctrine_forms(raw)
            in_order = analysed if kind == "phrase" else ()
            out.append(Constraint(kind, raw, terms, alternatives, in_order=in_order, agent=agent))

    claim = _claim_span(text, language)
    claimed = [claim] if claim else []
    asides = _aside_spans(text) if language == "en" else []

    def in_provision(start: int) -> bool:
        """In a named provision, in a claim the question checks (its figures are what is checked), or
        in an aside on the asker's own life (`_aside_spans`)."""
        return any(a <= start < b for a, b in provision_spans + claimed + asides)

    for m in _QUOTED.finditer(text):
        if not any(a <= m.start() < b for a, b in claimed):
            add("phrase", m.group(1))
    moment = next((m for m in _asker_days(text) if not in_provision(m.start())), None)
    if moment is not None:
        out.append(Constraint("moment", moment.group().strip(), ()))
    for m in _YEAR.finditer(text):
        if not in_provision(m.start()) and not _NAMES_AN_AGREEMENT.match(text, m.end()):
            add("year", m.group(1))
    months = [month for month in _months(text) if not in_provision(month[2][0])]
    for raw, number, _ in months:
        stems = _month_stems(number)
        if stems[0] not in seen:
            seen.add(stems[0])
            out.append(Constraint("month", raw, stems[0], stems[1:], (str(number),)))
    month_spans = [span for _, _, span in months]
    for m in _NUMBER.finditer(text):
        value = m.group(1)
        if in_provision(m.start()) or _YEAR.fullmatch(value) or len(value.replace(",", "")) < 2:
            continue
        if any(a <= m.start() < b for a, b in month_spans) or _is_age(text, m.start(), m.end()):
            continue
        if _DECADE_AFTER.match(text, m.end()) or _DECADE_RANGE.match(text, m.end()):
            continue  # a decade ("80년대", "the 80s", "60~70년대"), no figure
        unit = _KO_UNIT.match(text, m.end())
        scaled = _scaled(value, unit.group(1) or unit.group(2)) if unit else ""
        _add_number(out, seen, value, _ORDINAL_SUFFIX.match(text, m.end()), scaled)
    if language == "en":
        compared = [m.span() for m in _COMPARED.finditer(text)]
        for name, acts, agent in _claim_names(text, claim, provision_spans + month_spans + compared + asides):
            add("name", name, acts, agent)
    elif language == "ko":
        # a country a Korean question names is a name as a capitalised one is in English: held in
        # English passages by its English name or nationality, in Korean ones as written
        acting = _KO_TREATY_ACT.search(text) if _KO_TREATY.search(text) else None
        for korean, (english, *others) in korean_countries().items():
            if korean in text and english not in seen:
                seen.add(english)
                forms = tuple(dict.fromkeys((*others, *_country_forms(english))))
                agent = acting is not None and _ko_subject(text, korean)
                out.append(Constraint("name", korean, english, forms, cjk=(korean,), agent=agent))
        # (only where the question asks a key fact, a date or a figure: asked of what happened there,
        # "선양에 있는 탈북민들이 협박을 받았다는 보도가 있나요?", its answer passage ranks too low among
        # the candidates others' place would pass over)
        for m in _KO_PLACE_WORD.finditer(text) if asked_type(text) is not None else ():
            names, in_chinese = _KO_PLACES[m.group()]
            terms = tuple(analyze(names[0]))
            if terms not in seen:
                seen.add(terms)
                forms = (
                    *(tuple(analyze(n)) for n in names[1:]),
                    tuple(analyze(m.group())),
                    tuple(analyze(in_chinese)),
                )
                out.append(Constraint("name", m.group(), terms, forms))
        # the two Koreas are no names there (every source is about them), but for the state a treaty
        # act is asked about ("대한민국은 난민협약에 몇 년에 가입했나요?"), as in English (`_agent`)
        for korean, english in _KO_KOREAS.items():
            if acting is not None and _ko_subject(text, korean) and english not in seen:
                seen.add(english)
                forms = tuple(dict.fromkeys(_country_forms(english)))
                out.append(Constraint("name", korean, english, forms, cjk=(korean,), agent=True))
    wanted = asked_type(text)
    if wanted is not None:  # held by a passage whose text gives it (`index.answer_type.holds_type`)
        # the figures it states (not its years, months, ages or articles, which are no figures here)
        given = tuple(c.text.replace(",", "") for c in out if c.kind == "number")
        if wanted == "a date":
            given += tuple(m.group(1) for m in _NAMING_YEAR.finditer(text))
        out.append(Constraint("answer", wanted, (), given=given, profile=profiled_type(text, wanted)))
    return out


# A moment after every source, the asker's day: tonight, tomorrow, this weekend, a day of this
# week (오늘, 내일, 모레, 이번 주말, 明天). The collection is of dated documents: none tells the
# weather or a ticket of that day ("오늘 서울 날씨 어때?" was answered by North Korea's climate,
# "이번 주말 부산 가는 KTX 표 아직 남아 있을까요?" by a law). As a word of its own (not 이내일
# "within", 이번 주민등록 "this resident registration"); not "today", "right now", "now",
# "currently", 지금, 오늘날, 오늘까지, 오늘 현재 or 今天, which ask of a present a source may tell
# ("What happens today to North Koreans returned from China?", "지금의 북한이탈주민법"), nor "to
# date" or "so far".
_PRESENT_MOMENT = re.compile(
    r"\b(?:tonight|tomorrow|this\s+(?:weekend|morning|afternoon|evening|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b"
    r"|(?<![가-힣])(?:오늘(?!날|까지|의|\s*현재)|내일|모레|이번\s*주(?:말|에|\s|$))|明天|本周末",
    re.IGNORECASE,
)
# Where a question's sentences and clauses end: a mark, or a Korean clause that sets a scene ("내일 난민
# 면접이 있는데 ...", "오늘 하나원을 수료했는데 ...")
_CLAUSE_END = re.compile(r"(?<=[.;!?。？！])\s*|(?<=는데|은데|인데|던데)[,\s]+")


def _asker_days(text: str) -> list[re.Match[str]]:
    """The asker's days (`_PRESENT_MOMENT`) a question asks about: in a sentence that asks (ending in a
    question mark) or in its last one, not in a sentence or clause that sets the scene ("I have my
    refugee interview tomorrow; can I have a lawyer?", "내일 난민 면접이 있는데 변호사의 도움을 받을 수
    있나요?", "Tonight I'm meeting a North Korean defector; what support ...?")."""
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(text) if m.end() < len(text)), len(text)]
    found: list[re.Match[str]] = []
    for start, end in itertools.pairwise(bounds):
        part = text[start:end].rstrip()
        if part.endswith(("?", "？")) or end == len(text):
            found += _PRESENT_MOMENT.finditer(text, start, end)
    return found


# A calendar year named from the asker's day: "last year", "this year", "next year", 작년, 지난해,
# 지난 한 해, 올해, 올 한 해, 금년, 내년, 去年, 今年, 明年. "How many North Koreans came in as refugees last
# year?" asks about one year, as "... in 2025?" does, and was answered with the figures of other years.
# Not a series' year ("the last year", "its last year", "the war's last year": what it ended with), the
# past twelve months ("over the last year"), the thread's next year ("the next year":
# `index.followup.relative_year`), a thing named by its year ("last year's report", "this year's return":
# its own, a source's date), "a year-long", 지난 해외 ("abroad").
_CALENDAR_YEAR = re.compile(
    r"(?<!the\s)(?<!its\s)(?<!his\s)(?<!her\s)(?<!their\s)(?<!['’]s\s)"
    r"\b(?:(?P<last>last)|(?P<this>this)|(?P<next>next))\s+year\b(?!['’]s\b|-)"
    r"|(?<![가-힣])(?:(?P<ko_last>작년|지난\s?(?:한\s?)?해(?!외))|(?P<ko_this>올\s?한\s?해|올해|금년)"
    r"|(?P<ko_next>내년))"
    r"|(?P<zh_last>去年)|(?P<zh_this>今年)|(?P<zh_next>明年)",
    re.IGNORECASE,
)
# Where a calendar year's clause ends, besides `_CLAUSE_END`: a Korean condition or cause ("작년에 난민
# 신청이 불허되었다면, 이의신청을 할 수 있나요?", "작년에 입국해서 ...") and an English clause on the
# asker's own past ("Can a defector who arrived last year get housing support?", "if my application was
# rejected last year, can I appeal?"): its year sets the scene, it is not what is asked
_SCENE_END = re.compile(
    r"(?:(?<=는데|은데|인데|던데|다면|으면|되면|려면|니까|해서|어서|아서|하여|되어|여서)|(?<=한\s후|한\s뒤))[,\s]+"
    # a dash ("My sister defected last year — how long can she stay ...?")
    r"|\s*—\s*|\s+[–-]\s+"
)
_SCENE_CLAUSE = re.compile(
    r"(?:\S\s+(?P<who>who|whom|whose)|\b(?:if|since|after|because|once|unless|although|though|now\s+that)"
    r"|\bwhen\s+(?:I|we|you|he|she|they|my|our|his|her|their)\b)\b[^,;?]*$",
    re.IGNORECASE,
)
# What a who-clause is when the question counts it: "the number of defectors who arrived last year", "How
# many defectors who arrived last year ...": the thing counted, not a scene
_COUNTED_BEFORE = re.compile(r"\b(?:how\s+many|number\s+of|share\s+of|percentage\s+of)\b", re.IGNORECASE)
# A sentence's end for a calendar year: a mark after a word, not an abbreviation's full stop ("the U.S.
# resettle", "U.N.")
_CALENDAR_SENTENCE_END = re.compile(r"(?<=[;!?。？！])\s*|(?<=[^A-Z.]\.)\s+")


def calendar_year(text: str, today: date) -> tuple[str, str] | None:
    """The calendar year a question names from the asker's day (`_CALENDAR_YEAR`), counted from
    `today`: ("2025", "last year") for "How many arrived last year?" asked in 2026; in the clause that
    asks (the last one of a sentence that asks, or of the last sentence), not in one that sets the scene
    ("She reached Seoul last year. Is she a citizen?", "작년에 입국했다면 ...", "Can someone who arrived
    last year ...?": `_SCENE_END`, `_SCENE_CLAUSE`); None when it names none."""
    if _CALENDAR_YEAR.search(text) is None:
        return None
    bounds = [0, *(m.end() for m in _CALENDAR_SENTENCE_END.finditer(text) if m.end() < len(text)), len(text)]
    for start, end in itertools.pairwise(bounds):
        sentence = text[start:end].rstrip()
        if not (sentence.endswith(("?", "？")) or end == len(text)):
            continue
        cuts = [m.end() for m in _SCENE_END.finditer(sentence)]
        asking = start + (cuts[-1] if cuts else 0)
        for m in _CALENDAR_YEAR.finditer(text, asking, start + len(sentence)):
            scene = _SCENE_CLAUSE.search(text, asking, m.start())
            if scene and not (scene.group("who") and _COUNTED_BEFORE.search(text, asking, scene.start() + 1)):
                continue
            group = m.lastgroup or ""
            offset = -1 if group.endswith("last") else 1 if group.endswith("next") else 0
            return str(today.year + offset), m.group()
    return None


# A year that names an instrument or a report ("the 1951 Refugee Convention", "the 1967 Protocol", "the
# 2004 North Korean Human Rights Act"): no date a date question asks ("In what year did China accede to
# the 1951 Refugee Convention and the 1967 Protocol?" was answered by "Despite China's obligations as a
# party to the 1951 ... Convention ... and the 1967 Protocol"; eighteen sets' fit halves, 2026-12-04:
# unanswerable refused +1, nothing else moved)
# What after a year makes it an instrument's name ("its 1995 mission agreement", "the 1951 Refugee
# Convention", "the 2004 Act"; not "in 2023 under the agreement"): the instrument is what the question
# asks of, and its passages need not write the year (`analyze_question`: no year constraint)
_NAMES_AN_AGREEMENT = re.compile(
    r"\s+(?:(?!(?i:under|the|of|in|on|to|by|with|for|from|at|an?|and|or|as|per|its|their)\b)[\w'’-]+\s+){0,3}"
    r"(?:(?i:agreement|accord|memorandum|convention|protocol|treaty|covenant)|Act)\b"
)
_NAMING_YEAR = re.compile(
    r"\b((?:1[6-9]|20)\d\d)\s+(?:[A-Z][\w'’-]*\s+){0,6}?"
    r"(?:Convention|Protocol|Act|Agreement|Covenant|Declaration|Statute|Report|Law|Constitution)\b"
)


def _add_number(
    out: list[Constraint],
    seen: set[tuple[str, ...]],
    value: str,
    ordinal: re.Match[str] | None,
    scaled: str = "",
) -> None:
    """Add the number constraint of `value` ("38", "1,170") to `out` unless `seen` holds its terms.

    Passages write a number in other forms than the question: an ordinal as the question does or not
    ("the 38th parallel" is met by "38th" and by "38"), in full where a Korean question counts in
    ten-thousands (`scaled`: "68만" is met by "680,000"), and a Chinese law in Han numerals ("under 14"
    is met by 不满十四周岁: the numeral's character bigrams, `cjk`, as the analyzer keeps them; a
    one-character numeral is no term of its own)."""
    digits = value.replace(",", "")
    terms = tuple(analyze(value + ordinal.group())) if ordinal else tuple(analyze(value))
    if not terms or terms in seen:
        return
    seen.add(terms)
    alternatives: tuple[tuple[str, ...], ...] = (tuple(analyze(value)),) if ordinal else ()
    if scaled:
        alternatives += ((scaled,),)
        if int(scaled) >= 1_000_000:  # "130만": "1.3 million"
            alternatives += ((f"{int(scaled) / 1_000_000:g}", "million"),)
    number = int(digits) if digits.isdigit() else 0
    # in words, as a cardinal or an ordinal ("35 states": "by the thirty-fifth State Party"), by the
    # term the analyzer keeps of it whole ("thirti-fifth", "twelv")
    alternatives += tuple((term,) for term in _number_terms(number))
    han = han_numeral(number) if 10 <= number < 10000 else ""
    cjk = tuple(dict.fromkeys(han[i : i + 2] for i in range(len(han) - 1)))
    out.append(Constraint("number", value, terms, alternatives, cjk=cjk))


# What after a number makes it a decade ("1960년대부터 80년대", "in the 80s", "the '90s"); read as a
# figure, "80" refused five questions whose passages say "in the 1980s" (fit halves of 93 sets,
# 2026-12-06, with the Korean units below: six answerable questions more shown, nothing lost). Read as
# a span of years a passage must hold instead, it lost two (the famine "in the 90s" sets the scene; its
# passages say "the famine"), and refused none more.
_DECADE_AFTER = re.compile(r"년대|['’]?s\b")
# A decade written before another's ("60~70년대", "60-70년대", "60년대와 70년대" reads each)
_DECADE_RANGE = re.compile(r"\s*[~〜\-–]\s*\d{2}\s*년대")


# A Korean unit of count written after a number: 천 (a thousand), 만 (ten thousand), 억 (a hundred
# million): "68만 명" is 680,000 people, as an English source writes it
_KO_UNIT = re.compile(r"\s?(천|만|억)(?![가-힣])|(천|만|억)(?=[명원개건곳])")
_KO_SCALE = {"천": 1_000, "만": 10_000, "억": 100_000_000}


def _scaled(value: str, unit: str | None) -> str:
    """`value` counted in Korean `unit` ("68", 만), written in full as the analyzer keeps a figure
    ("680000"); "" for no unit."""
    if not unit:
        return ""
    try:
        return str(round(float(value.replace(",", "")) * _KO_SCALE[unit]))
    except ValueError:
        return ""


_UNIT_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_UNIT_NTH_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TEN_NTH_WORDS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
_UNITS = ("", *_UNIT_WORDS.split())
_UNITS_NTH = ("", *_UNIT_NTH_WORDS.split())
_TENS = ("", "", *_TEN_WORDS.split())
_TENS_NTH = ("", "", *_TEN_NTH_WORDS.split())


def english_numbers(number: int) -> tuple[str, ...]:
    """A number from 10 to 99 in English words, as a cardinal and as an ordinal ("thirty-five",
    "thirty-fifth"; "twelve", "twelfth"); a round ten as an ordinal only ("thirtieth": "thirty" is the
    first word of every "thirty-..."); () for any other."""
    if not 10 <= number < 100:
        return ()
    if number < 20:
        return (_UNITS[number], _UNITS_NTH[number])
    tens, unit = divmod(number, 10)
    if not unit:
        return (_TENS_NTH[tens],)
    return (f"{_TENS[tens]}-{_UNITS[unit]}", f"{_TENS[tens]}-{_UNITS_NTH[unit]}")


@functools.lru_cache(maxsize=128)
def _number_terms(number: int) -> tuple[str, ...]:
    """`english_numbers` as index terms: each one's whole term ("thirti-five"; "twelv"), not its
    parts, which other numbers share."""
    out = []
    for words in english_numbers(number):
        terms = analyze(words)
        out.append(next((t for t in terms if "-" in t), terms[0]))
    return tuple(out)


def _is_age(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is a person's age ("a 16-year-old", "aged 16", "who was
    16", "16세"): a question supposes it ("Can the ICC try someone who was 16?"), and the answer states
    the rule ("under the age of 18"), not that number."""
    before = text[max(0, start - 24) : start]
    if _AGE_WHO_BEFORE.search(before):
        return bool(_AGE_WHO_AFTER.match(text, end))
    return bool(_AGE_BEFORE.search(before) or _AGE_AFTER.match(text, end))


_ADHERENT = re.compile(r"(?i)\b([a-z]{3,})(ist|ism)s?\b")


def _doctrine_forms(name: str) -> tuple[tuple[str, ...], ...]:
    """A name of one word for an adherent as its doctrine, or the reverse ("Chondoist": "Chondoism";
    "Buddhism": "Buddhist"): "what share is Christian, Buddhist, Chondoist, shamanist?" was refused,
    the passage giving each share writing "13.5% practice Chondoism"; () for another name."""
    m = _ADHERENT.fullmatch(name.strip())
    if m is None:
        return ()
    other = "ism" if m.group(2).lower() == "ist" else "ist"
    form = tuple(analyze(m.group(1) + other))
    # (as the analyzer keeps it whole: "Islamism" is analysed as "islam", which an Islamist is not)
    return (form,) if len(form) == 1 and form[0].endswith(other) else ()


def _country_forms(terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A name's other spellings with a nationality for its country or the reverse
    (`index.instruments.country_forms`): "Vietnamese" is met by a passage saying "Vietnam", "Thailand"
    by one saying "Thai"; a name that is a state's is also met by its state's other names
    (`index.instruments.state_forms`): "American" by "U.S."; () when it holds none."""
    forms = country_forms()
    swapped = (tuple(forms.get(t, t) for t in terms),) if any(t in forms for t in terms) else ()
    return swapped + tuple(f for f in state_forms().get(terms, ()) if f not in swapped)


def year_ends(text: str) -> list[tuple[str, int]]:
    """The years `text` names, as the year constraints read them (1600-2099, not inside a longer
    number or a word, not a decade: "1800명" is no year): (the year, the offset just after it)."""
    return [(m.group(1), m.end(1)) for m in _YEAR.finditer(text)]


def _months(text: str) -> list[tuple[str, int, tuple[int, int]]]:
    """The months `text` names: (as written, 1-12, span), in order (see `_EN_MONTH`)."""
    found: list[tuple[str, int, tuple[int, int]]] = []
    for m in _CJK_MONTH.finditer(text):
        found.append((m.group(), int(m.group(1)), m.span()))
    for m in _EN_MONTH.finditer(text):
        word = m.group(1)
        number = _MONTH_ABBREVIATIONS.get(word) or _MONTH_NAMES.index(word) + 1
        before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip()
        beside_number = before[-1:].isdigit() or after[:1].isdigit()
        loose = word == "May" or (word in _MONTH_ABBREVIATIONS and not m.group().endswith("."))
        if loose and not beside_number:
            continue  # the verb, or a name ("Jan Egeland")
        if m.start() == 0 and not beside_number:
            continue  # "March across the border?"
        following = after.split(maxsplit=1)[0] if after else ""
        if following[:1].isupper() and not following.rstrip("?,.!").isupper():
            continue  # a name: "June Lee", "April Kim" (not "the June UN session")
        found.append((m.group(), number, m.span()))
    return sorted(found, key=lambda f: f[2])


@functools.cache
def _month_stems(number: int) -> tuple[tuple[str, ...], ...]:
    """The analysed forms of month `number`'s English words: its name's stem first, then its
    abbreviations' ((('octob',), ('oct',)) for 10)."""
    words = [_MONTH_NAMES[number - 1]] + [a for a, n in _MONTH_ABBREVIATIONS.items() if n == number]
    return tuple(dict.fromkeys(f for f in (tuple(analyze(w)) for w in words) if f))


# Words that only frame what is asked after a question word ("how many times", "how long ago",
# "what percentage of", "what time"), or how a source uses a term ("...에서 말하는"): dropped there,
# content elsewhere ("the time limit", "3월 말").
_FRAMING = re.compile(
    r"\bhow\s+many\s+(times)\b|\bhow\s+long\s+(ago)\b"
    r"|\bhow\s+many\s+(years|months|weeks|days|hours)\s+(ago)\b"
    r"|\bhow\s+(tall|high|deep|wide|heavy)\s+(?:is|are|was|were|will|can|should|must)\b"
    r"|\bhow\s+(frequently)\b"
    r"|\bwhat\s+(?:(percentage|percent|share|proportion|fraction|amount|number)\s+of\b"
    r"|(time)\s+(?:is|are|was|were|does|do|did|will|should|can|must)\b)"
    # a question in keywords that starts with the number it asks ("total number of defectors ...?")
    r"|^\W*(?:the\s+)?(?:(total|overall|exact|approximate|estimated|current)\s+)?(numbers?)\s+of\b"
    rf"(?!\s+(?:the\s+)?{PROVISION_WORDS})"
    r"|어느\s*(정도)"
    # "국제협약에서 말하는 '무국적자'" (the term as the convention uses it): 말 is the verb "say"
    r"|(?<![가-힣])(말)(?=하(?!기)|한(?!마디)|했|해)"
    # "얼마나 걸려요", "며칠이 걸렸나요": 걸리 is "take" in "how long does it take"
    r"|(?:얼마나(?:\s*오래)?|며칠(?:이나|이)?|몇\s*(?:년|개월|달|주|일|시간|분)(?:이나|이|가|나)?)"
    r"\s*(걸(?:리|려|린|릴|렸|립)[가-힣]*)",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\bhow\s+(?:many|much|long|often|frequently|far|old|large|big|high|tall|deep|wide|heavy)\b|\bwhat\s+(?:share|percentage|proportion|"
    r"number|amount|figure|fraction)\b|\bnumber\s+of\b|몇|며칠|얼마|어느\s*정도|多少|几",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1024)  # a follow-up's earlier question was analysed when it was asked
def analyze_question(text: str) -> QuestionAnalysis:
    """Analyse a question (see the module docstring). Pure and deterministic; never raises; the
    last 1,024 analyses are kept.

    The text is NFKC-normalised and trimmed, an institution's abbreviated words written out
    (`spelled_out`: "State Dept" is the State Department); its language is read from its script
    (`corpus.script.query_language`); its terms are `index.analyzer.analyze` output (Snowball stems
    without stop words for English, Kiwi content morphemes for Korean, character bigrams for Chinese
    and Japanese), split into content `terms` and question or quantity words (`dropped`), the latter
    including words that frame the question where they follow a question word ("how many times",
    "how long ago", "how many years ago", "how tall", "how frequently", "what percentage of",
    "what time"), and the number a question in keywords starts with ("total number of defectors
    ...?"). A question asking of the first half of a year also searches the month it ends in
    (`HALF_YEAR_END`: "June"; `_FIRST_HALF`).
    Constraints, in this order: quoted phrases (3-120 characters), years (1600-2099), months (of
    a date: "10월", "10月", "October", "Oct."; found in a passage in any of these forms), other
    numbers of 2+ digits (not a month's), and, for English only, runs of capitalised words not at the
    start and not inside a named provision ("Kim Eun-joo"); for Korean, the countries other than the
    two Koreas it names (태국: "Thailand", its nationality, or 태국 in a Korean passage;
    `index.instruments.korean_countries`), and a state a treaty act is asked about, the two Koreas
    too ("대한민국은 ... 가입했나요?": `_KO_TREATY_ACT`; in English `_agent`). One whose analysed
    terms repeat an earlier one's is left out, and numbers inside a named provision ("Article 33") are
    not constraints.

    Args:
        text: the question as typed (any length; the engine limits it to 2,000 characters first).

    Returns:
        The `QuestionAnalysis`; `terms` is empty for a question of question words only.
    """
    question = without_purpose(spelled_out(unicodedata.normalize("NFKC", text).strip()))
    language = query_language(question)
    # framing words are left out where they frame, and only there ("the Times" stays content)
    framing_spans = [
        m.span(g) for m in _FRAMING.finditer(question) for g in range(1, _FRAMING.groups + 1) if m.group(g)
    ]
    framing = [t for a, b in framing_spans for t in analyze(question[a:b])]
    searched = question
    for a, b in framing_spans:
        searched = searched[:a] + " " * (b - a) + searched[b:]
    all_terms = analyze(
        _OUR_COUNTRY.sub(lambda m: "대한민국" + _AFTER_CONSONANT.get(m.group(1) or "", ""), searched)
    )
    clitics = function_clitics(question)
    terms = tuple(t for t in all_terms if not _is_question_word(t, language) and t not in clitics)
    if _FIRST_HALF.search(question) and HALF_YEAR_END not in terms:
        terms += (HALF_YEAR_END,)
    dropped = tuple(t for t in all_terms if _is_question_word(t, language) or t in clitics) + tuple(framing)
    spans = [m.span() for m in _PROVISION.finditer(question)]
    references = (_with_paragraph(question, *_cjk_run(question, a, b)) for a, b in spans)
    provision_terms = tuple(dict.fromkeys(t for ref in references for t in analyze(ref)))
    return QuestionAnalysis(
        text=question,
        language=language,
        terms=terms,
        dropped=dropped,
        provisions=provisions_in(question),
        constraints=tuple(_constraints(question, language, spans)),
        asks_quantity=bool(_QUANTITY.search(question)),
        provision_terms=provision_terms,
    )


def _cjk_run(text: str, start: int, end: int) -> tuple[int, int]:
    """A provision reference's span with the Han or kana character on either side of it when the
    reference itself starts or ends in one: Chinese is indexed in character bigrams, and the bigram
    straddling the reference ("法第" of "刑法第240条", "条规" of "第240条规定了什么") belongs to it,
    not to the instrument's name before it nor to the words after it."""
    if start > 0 and HAN_OR_KANA_CHAR.match(text, start) and HAN_OR_KANA_CHAR.match(text, start - 1):
        start -= 1
    if 0 < end < len(text) and HAN_OR_KANA_CHAR.match(text, end - 1) and HAN_OR_KANA_CHAR.match(text, end):
        end += 1
    return start, end


def _with_paragraph(text: str, start: int, end: int) -> str:
    """A provision reference with the paragraph numbers that follow it ("Article 12" + "(4)(a)")."""
    m = re.match(r"(?:\s*\(\w{1,4}\))+", text[end:])
    return text[start : end + (m.end() if m else 0)]


@functools.lru_cache(maxsize=8192)
def section_provisions(section: tuple[str, ...]) -> frozenset[Provision]:
    """The articles and sections a passage's section path stands in ("Article 33" -> ("art", "33")).

    Under a Korean law's addenda ("부칙 <제10호,1987.10.29>"), whose articles are numbered anew, there
    are none: 제3조 of the Constitution is its article on the territory, not the addenda's 제3조 on the
    first election (those are cited "부칙 ... 제3조", `index.citation`)."""
    found: list[Provision] = []
    for label in section:
        if label.startswith(ADDENDA):
            break
        found.extend(provisions_in(label))
    return frozenset(found)
