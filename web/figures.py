"""Quantities in quotes, and whether a question asks for one: what the "figures side by side" grid needs.

A quantity is a number that counts or measures something: a count of people or things
("1,170 North Korean defectors", "600명", "2,000"), money ("$2 million", "3억 원"), a percentage
("0.4%", "25퍼센트") or a measure with its unit ("90 days", "18 years of age", "5년 이하"). Never a
list or article number ("1.", "(3)", "Article 33", "제33조", "22 U.S.C. 7801"), a date ("28 July 1951",
"2023년 10월 5일") or a year on its own ("in 2019").

`asked_kinds(question)` says which kinds of quantity a question asks for ("How many ...?" asks for a
count, "What share ...?" for a percentage, "얼마나 오래 ...?" for a measure); a definition or any
question that asks for no quantity gets the empty set, and then no grid is shown.

Pure functions over strings; offsets are `str` indices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "money", "percent", "measure"]
ALL_KINDS: frozenset[Kind] = frozenset({"count", "money", "percent", "measure"})

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|mn|bn)\b)?"
_KO_SCALE = r"(?:\s*(?:천|만|억|조)(?![가-힣]))*|(?:천|만|억|조)+"

_CURRENCY_BEFORE = re.compile(
    rf"(?:US\$|\$|₩|€|£|¥|(?:USD|KRW|EUR|RMB|CNY|GBP|JPY)\s?)(?:{_NUM}){_SCALE}", re.IGNORECASE
)
_NUMBER = re.compile(rf"(?<![\w.,])(?:{_NUM})(?:{_KO_SCALE})?{_SCALE}")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s?cent\b|퍼센트|프로(?![가-힣]))", re.IGNORECASE)
_MONEY_AFTER = re.compile(
    r"\s*(?:dollars?\b|won\b|yuan\b|renminbi\b|euros?\b|pounds?\b|yen\b|(?:만\s?)?원(?![가-힣]*[가-힣]{2})|"
    r"달러|위안|유로|엔(?![가-힣]))",
    re.IGNORECASE,
)
_MEASURE_AFTER = re.compile(
    r"\s*(?:(?:years?|months?|weeks?|days?|hours?|minutes?)\b|(?:km|kilomet(?:re|er)s?|miles?|"
    r"met(?:re|er)s?|kg|kilograms?|tons?|tonnes?|hectares?|square\s+\w+|sq\s?km)\b|"
    r"개월|주일?|시간|분(?![가-힣])|세(?![가-힣])|살(?![가-힣])|킬로미터|km|톤|(?<!\d{4})년(?!도)|일(?!부))",
    re.IGNORECASE,
)
_KO_COUNT_AFTER = re.compile(r"\s*(?:여\s?)?(?:명|건|곳|가구|개소|개국|개(?!월)|차례|회|번|배|세대|척|채)")
# A counted English noun after the number, maybe past a few describing words: "600 North Koreans",
# "1,170 North Korean defectors", "3,800 refugees", "as many as 2,000 people".
_EN_COUNT_AFTER = re.compile(
    r"\s+(?:(?:[A-Za-z][\w-]*)\s+){0,3}?(?:people|persons|children|women|men|individuals|refugees|"
    r"defectors|escapees|detainees|prisoners|victims|deaths|cases|migrants|applicants|applications|"
    r"asylum[- ]seekers|seekers|families|households|workers|nationals|citizens|residents|North\s+Koreans|"
    r"Koreans|inmates|camps|facilities|members|countries|states|parties|incidents|arrests|executions|"
    r"returnees|survivors|troops|soldiers|students|girls|boys|infants|births|abductees)\b",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:article|art|arts|section|sec|secs|chapter|ch|paragraph|para|paras|rule|part|annex|"
    r"appendix|no|nos|number|resolution|title|volume|vol|page|p|pp|figure|fig|table|footnote|note|item|"
    r"schedule|clause|law|act|code|case|docket|version|phase|stage|level|grade|class|category|report)"
    r"\.?\s*|§+\s*|제\s*|第\s*)$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(r"\s*(?:조|항|호|장|절|편|관|목|U\.?S\.?C\b|C\.?F\.?R\b|Stat\b)", re.IGNORECASE)
_DATE_AROUND_BEFORE = re.compile(rf"{_MONTHS}\s*$", re.IGNORECASE)
_DATE_AROUND_AFTER = re.compile(rf"\s*(?:{_MONTHS}|(?:st|nd|rd|th)\b)", re.IGNORECASE)
_KO_DATE_AFTER = re.compile(r"\s*월(?!\s*(?:간|동안))")
_KO_DAY_OF_MONTH = re.compile(r"\d{1,2}\s*월\s*$")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
# A list or paragraph marker: "1." or "(3)" at the start of a line or a sentence, before its text.
_LIST_MARKER = re.compile(r"(?:^|\n|[.;:!?]\s)\s*\(?$")
# Words that make a bare number a quantity: "up to 500 were returned", "reached 2,000".
_AMOUNT_BEFORE = re.compile(
    r"\b(?:up\s+to|as\s+(?:many|few|much)\s+as|about|around|approximately|roughly|nearly|almost|over|"
    r"more\s+than|fewer\s+than|less\s+than|at\s+least|at\s+most|some|estimated|total\s+of|reached|"
    r"numbered|totall?ing|only|just)\s+$",
    re.IGNORECASE,
)
_DECADE_OR_ORDINAL = re.compile(r"(?:s|st|nd|rd|th)\b")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    kind: Kind


def _classify(text: str, s: int, e: int, value: str) -> tuple[Kind, int] | None:
    """The kind of the number `text[s:e]` and where its unit ends, or None when it is no quantity."""
    before, after = text[max(0, s - 24) : s], text[e:]
    if _LABEL_BEFORE.search(before) or _LABEL_AFTER.match(after):
        return None
    if _LIST_MARKER.search(text[max(0, s - 4) : s]) and re.match(r"[.)]\s", after):
        return None  # "1. The State ...", "(2) ..."
    if value.isdigit() and (text[s - 1 : s], after[:1]) in (("(", ")"), ("[", "]")):
        return None  # "(2)", "[5]"
    if _DATE_AROUND_BEFORE.search(before) or _DATE_AROUND_AFTER.match(after) or _KO_DATE_AFTER.match(after):
        return None  # "28 July", "July 28", "5th", "10월"
    if after.lstrip().startswith("일") and _KO_DAY_OF_MONTH.search(before):
        return None  # "10월 5일"
    if _DECADE_OR_ORDINAL.match(after):
        return None  # "1990s", "20th"
    m = _PERCENT_AFTER.match(after)
    if m:
        return "percent", e + m.end()
    m = _MONEY_AFTER.match(after)
    if m:
        return "money", e + m.end()
    m = _KO_COUNT_AFTER.match(after)
    if m:
        return "count", e + m.end()
    if _YEAR.fullmatch(value):
        return None  # a year on its own, even when a noun follows ("in 2019 refugees ...")
    m = _MEASURE_AFTER.match(after)
    if m:
        return "measure", e + m.end()
    m = _EN_COUNT_AFTER.match(after)
    if m:
        return "count", e + m.end()
    if "," in value or re.search(r"(?:thousand|million|billion|만|억)", value, re.IGNORECASE):
        return "count", e  # "2,000", "3만"
    if _AMOUNT_BEFORE.search(before):
        return "count", e  # "up to 500 were returned"
    return None


def quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, each spanning its number and unit ("600명", "$2 million")."""
    found: list[Quantity] = []
    taken = 0
    for m in _CURRENCY_BEFORE.finditer(text):
        found.append(Quantity(m.start(), m.end(), "money"))
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        if s < taken or any(q.start <= s < q.end for q in found):
            continue
        classified = _classify(text, s, e, m.group().strip())
        if classified is None:
            continue
        kind, end = classified
        found.append(Quantity(s, end, kind))
        taken = end
    return sorted(found, key=lambda q: q.start)


# -- what a question asks for -------------------------------------------------------------------------
_ASKS: list[tuple[re.Pattern[str], frozenset[Kind]]] = [
    (
        re.compile(r"\bhow\s+many\b|\bnumber\s+of\b|\bhow\s+large\s+a\s+number\b|\btoll\b", re.I),
        frozenset({"count"}),
    ),
    (
        re.compile(
            r"\bhow\s+much\b.*\b(?:money|fund\w*|cost\w*|budget|pa(?:y|id)\w*|spen[dt]\w*|authori[sz]\w*|"
            r"dollars?|won|aid|grant\w*|compensation|fine\w*|salary|wage\w*|benefit\w*)\b|\bwhat\s+amount\b",
            re.I,
        ),
        frozenset({"money"}),
    ),
    (
        re.compile(
            r"\b(?:what|which)\s+(?:share|percentage|proportion|percent|fraction|rate|ratio)\b|"
            r"\bhow\s+(?:high|low)\s+(?:is|was)\s+the\s+(?:rate|share)\b|\bpercentage\b",
            re.I,
        ),
        frozenset({"percent"}),
    ),
    (
        re.compile(
            r"\bhow\s+(?:long|old|far|big|large|high|tall|deep|wide|often)\b|\bwhat\s+age\b|"
            r"\b(?:age\s+limit|minimum\s+age|deadline|time\s+limit)\b",
            re.I,
        ),
        frozenset({"measure"}),
    ),
    # Korean: 몇 명 (count), 며칠, 기간 (measure), 비율, 인정률 (share), 금액, 정착금 (money)
    (
        re.compile(r"몇\s*(?:명|건|곳|개|가구|차례|번|회|개국|세대)|인원|규모|숫자|수는|수가|수를"),
        frozenset({"count"}),
    ),
    (
        re.compile(
            r"얼마나?\s*(?:동안|오래|걸리)|몇\s*(?:년|개월|주|시간|살|세)|며칠|기간|나이|연령|기한|임기"
        ),
        frozenset({"measure"}),
    ),
    (re.compile(r"비율|비중|퍼센트|%|[가-힣]률|[가-힣]율"), frozenset({"percent"})),
    (
        re.compile(r"금액|액수|비용|예산|지원금|정착금|보상금|장려금|가산금|생계비|벌금|[0-9]*\s*원\b"),
        frozenset({"money"}),
    ),
]
# Asking for some quantity without saying which: any kind will do.
_ASKS_ANY = re.compile(
    r"\bhow\s+much\b|\b(?:what|which)\s+(?:figure|figures|number|numbers|estimate|estimates|total|count|"
    r"statistics?|toll)\b|\bestimated?\b|얼마|몇|추정치|통계|수치|多少|几[个名人年]|比例|百分之",
    re.IGNORECASE,
)


def asked_kinds(question: str) -> frozenset[Kind]:
    """The kinds of quantity `question` asks for; empty when it asks for none (a definition, a fact)."""
    kinds: set[Kind] = set()
    for pattern, asked in _ASKS:
        if pattern.search(question):
            kinds |= asked
    if not kinds and _ASKS_ANY.search(question):
        return ALL_KINDS
    return frozenset(kinds)
