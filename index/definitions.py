"""Definition questions and the sentences that define.

"What is the definition of trafficking in the Palermo Protocol?" is answered by the clause that
defines it (`"Trafficking in persons" shall mean ...`), which often shares fewer words with the
question than the protocol's other articles about trafficking. So a question that asks what
something is (by law) raises the passages holding a sentence that defines one of its terms:

    asks_definition("How does the Convention against Torture define torture?")   # True
    defined_in('For the purposes of this Convention, the term "torture" means any act ...')
    # 'For the purposes of this Convention, the term "torture" ': the term defined stands there;
    # "by means of" is not a definition

The cues are the drafting verbs of treaties and statutes (`means`, `shall mean`, `is defined as`,
`"X" includes`, `X shall include`, `X, that is to say, ...`), of Korean laws (`"X"란 ... 말한다`)
and of Chinese laws (`是指`), with the term defined before them.

When the question names the treaty, its words naming the treaty are not the terms it asks about:
"Does the Refugee Convention define torture?" asks about torture, and the Convention's definition
of "refugee" does not answer it (`asked_terms`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet

from index.analyzer import analyze
from index.backend import PassageRecord
from index.instruments import instrument_terms

# Hangul syllables without and with a final consonant: the topic particle is 란 after the first and
# 이란 after the second ("무국적자란", "난민이란"); a 란 after a final consonant ends a noun ("반란",
# "혼란", "동란")
_OPEN = "".join(chr(0xAC00 + 28 * i) for i in range(19 * 21))
_CLOSED = "".join(chr(0xAC00 + 28 * i + f) for i in range(19 * 21) for f in range(1, 28))
# nouns that end in 란 after an open syllable: rebellion, commotion, disruption, egg
_RAN_NOUNS = ("내", "소", "교", "계")

_ASKS = re.compile(
    r"\bdefin(?:e|es|ed|ing|ition|itions)\b|\bmeaning\s+of\b|\bwhat\s+(?:does|do)\b.*\bmean\b|\bwhat\s+is\s+meant\s+by\b"
    r"|\b(?:who|what)\s+counts?\s+as\b|\bwho\s+is\s+(?:considered|regarded\s+as)\b"
    # 정의 as "definition" (정의는, 정의하나요), not "justice" (이행기 정의에); "what does it say"
    # (무엇을 말하나요) asks for content, "whom does it mean" (누구를 말하나요) for a definition
    r"|정의(?:는|가|를|란|하)|뜻(?:은|이|하)|(?:이)?란\s*(?:무엇|누구|어떤|뭐)"
    # a question ending "'X'의 정의" (the definition of a quoted X; 정의 after a bare word is as
    # often "justice": 이행기의 정의) or "X의 뜻" (the meaning of X)
    r"|[\"'”’」』]\s*의\s*정의[\s?？.]*$|의\s*뜻[\s?？.]*$"
    # the elliptical "무국적자란?" ("stateless person is?") at the question's end
    rf"|(?<=[가-힣][{_CLOSED}])이란[\s?]*$"
    + rf"|(?<=[가-힣][{_OPEN}])"
    + "".join(f"(?<!{n})" for n in _RAN_NOUNS)
    + r"란[\s?]*$"
    r"|(?:누구|어떤\s*(?:사람|것|행위|경우|자))(?:을|를)?\s*(?:말하|가리키)|가리키"
    # "X은 ... 미만을 말하나요" (does X mean under N?) asks what X means, when what it would mean is
    # an age, a bound, a person or a thing; "무엇을 말하나요", "권리를 말하나요" ask for content
    r"|[은는]\s.{0,60}?(?:미만|이상|이하|초과|세|살|사람|자|것)[을를]\s*말(?:하나요|하는지|하나|하니|합니까|하죠|해요)"
    # (as said, "말하는 거예요?", at the question's end, of an age, a bound or a person: "... 본 것을
    # 말하는 거예요?" and "... 말하는 것을 두려워하나요?" are about telling)
    r"|[은는]\s.{0,60}?(?:미만|이상|이하|초과|세|살|사람|자)[을를]\s*말하는\s*[거건것]"
    r"(?:예요|에요|이에요|인가요|가요|야|죠|입니까)?[\s?？.!]*$"
    r"|定义|是指|什么是",
    re.IGNORECASE,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# "What is an enforced disappearance?", "Who is a refugee under the 1951 Convention?", "What are
# 'severe forms of trafficking in persons' under the TVPA?": the question is a term of at most four
# words after "what is" or "who is", perhaps with the treaty it is asked of (named by its kind or its
# acronym, which `index.engine` then reads as the treaty named); after "the" only with that treaty
# ("What is the sale of children under the Optional Protocol to the CRC?"; "What is the capital?"
# asks no term). Not such a term: a place or a law
# in general ("What is slavery in North Korea?", "under Korean law": what happens there, what a
# country's laws say), a preposition other than "of" or "against" ("penalties for trafficking",
# "vulnerable to trafficking"), a subject and its verb ("North Korea hiding", "NGOs saying"), a state
# ("prohibited", "liable"), a proper name ("Who is Kim Jong Un?"), an article number, or what
# characterises a term ("signs of trafficking"). `_what_is_term` checks these on the question
# stripped of its final marks, at most `_WHAT_IS_CHARS` long.
_TERM_ASKED = (
    r"(?:what|who)(?:\s+(?:exactly\s+)?(?:is|are)|['’]s)\s+(?P<article>an?\s+|(?P<the>the\s+))?"
    r"(?P<term>[\"'‘“][^\"'’”?]{1,60}[\"'’”]|[^\s?'’\",]+(?:\s+[^\s?'’\",]+){0,3}?)"
)
_WHAT_IS = re.compile(
    _TERM_ASKED + r",?(?:\s+(?P<by>under|in|according\s+to|for\s+the\s+purposes\s+of)\s+(?P<setting>[^?]*))?",
    re.IGNORECASE,
)
_WHAT_IS_BARE = re.compile(_TERM_ASKED, re.IGNORECASE)  # the words after the term are the term's
_WHAT_IS_CHARS = 160
_TREATY_KIND = re.compile(
    r"\b(?:conventions?|covenants?|protocols?|statutes?|treat(?:y|ies)|charters?|declarations?)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")  # "under the CAT", "under the TVPA"
# acronyms of places and bodies, not of treaties: "in the DPRK", "according to the UN", "under US law"
_NOT_TREATIES = _word_set("US USA UK UN EU DPRK PRC ROK NK SK UNHCR OHCHR COI UPR ICC NGO NGOS")
_NOT_TERMS = _word_set(
    "the this that these those it its they them their there he she his her my your our we you i "
    "responsible allowed able eligible entitled required likely going being doing considered regarded "
    "meant defined happening wrong new next known done true false liable subject vulnerable illegal "
    "legal missing needed owed prohibited protected covered signs sign causes cause types type kinds "
    "kind examples example effects consequences penalties penalty conditions number numbers list "
    "article articles section sections chapter paragraph part concerns findings reports allegations "
    "developments challenges trends options members forbidden punishable unlawful given taken hidden sold "
    "paid important clear unknown role purpose function functions mandate scope task tasks composition "
    "status situation position definition definitions meaning"
)
_PREPOSITIONS = _word_set(
    "in into under at on during within inside across near for to from with by about over after before "
    "behind between among toward towards upon via like up"
)
_NOT_LAST = _word_set("doing saying there here now today happening going planning exactly against of")


# "난민은 무엇인가요?", "강제송환이란 뭐예요?": the whole question is one word (a noun, perhaps a compound)
# and "what is it"; "재단의 사업은 무엇인가요?" (the foundation's projects) asks about more than a term
_KO_WHAT_IS = re.compile(
    r"(?P<term>[가-힣]{2,20}?)(?:은|는|이란|란|이|가)\s*(?:무엇|뭐|뭔가|뭘까|뭡|누구)"
    r"(?:인가요|인가|이에요|예요|입니까|일까요|이죠|죠|요|야|지|니까)?"
)
# what such a question asks about that is no term: a purpose, a reason, a pronoun, a place, a name
_KO_NOT_TERMS = _word_set(
    "그것 이것 저것 그거 이거 저거 우리 당신 여기 거기 요즘 지금 다음 정답 목적 이유 원인 문제 문제점 차이 "
    "차이점 처벌 형량 요건 절차 혜택 권리 역할 입장 결과 현황 실태 방법 내용 의미 북한 남한 한국 중국 미국 "
    "일본 러시아 유엔 하나원 김정은"
)


def _names_treaty_setting(by: str, setting: str) -> bool:
    """The setting of a "what is X" question names a treaty: by the word for its kind, or, after
    "under", "according to" or "for the purposes of", by an acronym that is not a place's or a
    body's ("under the CAT"; not "in the DPRK", "according to the UN", "under US law"). An acronym
    that abbreviates no title names nothing: `index.engine` then counts no definition."""
    if _TREATY_KIND.search(setting):
        return True
    return by.lower() != "in" and any(a not in _NOT_TREATIES for a in _ACRONYM.findall(setting))


def _what_is_term(question: str) -> str | None:
    """The term a "what is X?" question asks about (`_WHAT_IS`, `_KO_WHAT_IS`), or None when it asks
    no such term."""
    text = question.strip().rstrip("?!. \t\n")
    if len(text) > _WHAT_IS_CHARS or "?" in text:
        return None
    if korean := _KO_WHAT_IS.fullmatch(text):
        term = korean.group("term")
        if term in _KO_NOT_TERMS or "의" in term or term.endswith(("협약", "의정서", "법", "선언", "규약")):
            return None  # "중국의입장", "난민협약": a possession, a treaty's name
        return term
    m = _WHAT_IS.fullmatch(text)
    if m is None:
        return None
    setting = m.group("setting")
    if setting is not None and not _names_treaty_setting(m.group("by"), setting):
        # no treaty: the words are the term's ("trafficking in persons") or a place ("slavery in China")
        m = _WHAT_IS_BARE.fullmatch(text)
        if m is None:
            return None
    if m.group("the") is not None and (setting is None or m.re is _WHAT_IS_BARE):
        return None  # "What is the capital?", "What is the situation in China?": no term of a treaty's
    raw = m.group("term")
    term = raw.strip("\"'‘’“”")
    if term != raw:
        return term or None  # a quoted term is a term
    written = term.split()
    words = [w.lower() for w in written]
    if words[0] in _NOT_TERMS or words[-1] in _NOT_LAST or any(ch.isdigit() for ch in term):
        return None
    if m.group("article") is None and written[0][:1].isupper():
        return None  # a name: "Who is Kim Jong Un?", "What is Hanawon?"
    if len(words) == 1 and words[0].endswith(("ed", "able", "ible", "ful", "ous")):
        return None  # a state: "What is prohibited?", "What is punishable?"
    for i, w in enumerate(words):
        # "trafficking in persons" is one term; "trafficking in China" a term and a place
        if w in _PREPOSITIONS and not (
            w == "in"
            and words[i - 1].startswith("traffic")
            and i + 1 < len(words)
            and written[i + 1].islower()
        ):
            return None
    plural = m.group(0).lower().split()[1] == "are"
    if (
        len(words) > 1
        and words[-1].endswith("ing")
        and ((plural and words[-2].endswith("s")) or written[-2][:1].isupper())
    ):
        return None  # a subject and its verb: "What are defectors fleeing?"; not "What is arms trafficking?"
    return term


# The verb of a defining sentence; the term defined stands before it. English: after a quoted term
# ('"Child" shall mean', 'the term “coercion” means', '“Extermination” includes', 'the term "refugee"
# shall apply to any person') or as "X shall mean", "X means any ...", "Exploitation shall include";
# the noun ("by peaceful means", "Ways and Means", "this means that") is no definition. Korean: '"X"란'
# or 'X란 ... 말한다' (checked by `defined_in`). Chinese: 是指.
_DEFINES = re.compile(
    r"[\"”’»]\s*(?:shall\s+)?means?\b(?!\s+of\b)"  # 'relatively "weak" means of implementation': a noun
    r"|[\"”’»]\s*shall\s+apply\s+to\s+(?:any|every|all|each|a|an)\b"
    r"|[\"”’»]\s*is\s+considered\s+to\s+be\b"  # '“enforced disappearance” is considered to be the arrest'
    # '(b) “Extermination” includes ...', 'The term “credible information” includes ...': a quoted term
    # opening its sentence (a quoted title inside one, 'The study "X" includes data', is no definition)
    r"|^(?P<quoted>(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:[Tt]he\s+term\s+)?[\"“«][^\"”»]{1,80})[\"”»]\s*(?:shall\s+)?includes?\b"
    r"|\bshall\s+mean\b"
    # "Exploitation shall include, at a minimum, ...": one singular word of four letters or more
    # opening its sentence; "The report shall include", "Parties shall include", "It shall include"
    # define nothing
    r"|^(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?P<term>(?!(?:The|This|That|Such|Each|These|Those|Every)\b)"
    r"[A-Z][a-z]{3,}(?<!s))\s+shall\s+include\b"
    r"|\b(?:is|are)\s+defined\s+as\b"
    # "(b) Serfdom, that is to say, the condition or status of a tenant ...": the older treaties' way
    # (the 1956 Supplementary Slavery Convention), a capitalised term opening its sentence or item
    r"|^(?:\(?[A-Za-z0-9]{1,3}[.)]\s*)?(?P<said>(?!(?:The|This|That|Such|Each|These|Those|Every|He|She|It|They|We|"
    r"However|Accordingly|Thus|Therefore|Moreover|Furthermore|Nevertheless|Also|Article|Section|Part)\b)"
    r"[A-Z][a-z'’-]{2,}(?:\s[a-z'’-]+){0,3}),\s+that\s+is\s+to\s+say\b"
    r"|(?<![Bb]y\s)(?<!\bthe\s)(?<!\bno\s)(?<!\bany\s)(?<![Tt]his\s)(?<![Ii]t\s)(?<!\bwhich\s)(?<!\bthat\s)"
    r"(?<!\bpeaceful\s)(?<!\bother\s)(?<![Aa]nd\s)\bmeans\s+(?:any|every|all|each|a|an|the)\b"
    r"|[\"”」』]\s*(?:이)?란\b"
    r"|(?P<bare>(?<=[가-힣])(?:이)?란\s)"
    r"|是指|系指",
)
_KO_DEFINES_END = re.compile(r"(?:말한다|말하며|가리킨다|뜻한다)")
_CUE = re.compile(
    r"mean|defined|includ|apply|considered|that\s+is\s+to\s+say|란|是指|系指", re.IGNORECASE
)  # cheap test before `_DEFINES`
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")


_NAMES_TREATY = re.compile(
    r"\b(?:convention|covenant|protocol|statute|treaty|charter|declaration)s?\b|협약|의정서|규약|조약|선언|公约|条约|议定书",
    re.IGNORECASE,
)


def names_treaty(question: str) -> bool:
    """The question names a treaty-like instrument (convention, protocol, 협약, 公约, ...): its
    definition is that instrument's, not any law's ("law" and "act" are too general to count)."""
    return bool(_NAMES_TREATY.search(question))


def asks_term(question: str) -> bool:
    """The question is "what is X?" ("What is a child?", "인신매매는 뭔가요?"): only a definition of X
    itself answers it, not one holding one of its words."""
    return _what_is_term(question) is not None


def asks_definition(question: str) -> bool:
    """The question asks what a term means or whom or what it covers ("define", "definition of",
    "what does ... mean", "who counts as", 정의, 뜻, "~란 무엇", "~을 말하나요", 定义, 是指)."""
    return bool(_ASKS.search(question)) or _what_is_term(question) is not None


def defining_sentence(sentence: str) -> bool:
    """The sentence defines a term in the drafting style of treaties and laws (`"X" means`, `X
    shall mean`, `X is defined as`, `"X" includes`, `X shall include`, `"X"란 ... 말한다`, `X是指`);
    the noun "means" ("by means of", "the means set forth") is not a definition."""
    return bool(defined_in(sentence))


@functools.lru_cache(maxsize=16384)  # a collection's sentences come back question after question
def defined_in(sentence: str) -> str:
    """The part of a defining sentence before its verb, where the term defined stands ("" when the
    sentence defines nothing): 'For the purposes of this Convention, the term "torture" '. A bare
    Korean "X란" counts only in a sentence ending "... 말한다" ("내란 또는 외환" defines nothing)."""
    if not _CUE.search(sentence):
        return ""
    for m in _DEFINES.finditer(sentence):
        if m.group("bare") and not _KO_DEFINES_END.search(sentence, m.end()):
            continue
        for group in ("term", "quoted", "said"):  # the term defined stands inside the match
            if m.group(group):
                return sentence[: m.end(group)]
        return sentence[: m.start()]
    return ""


def defined_terms(question: str, terms: Iterable[str]) -> frozenset[str]:
    """The question's terms a defining sentence must hold when it asks for a definition: its content
    terms without the words of the asking ("definition", "mean", 정의), the kinds of instrument
    ("Convention", "Act": "For the purposes of this Convention" holds those) and numbers (the year
    of "the 1951 Convention" names an edition; "before 1 January 1951" defines nothing); empty
    otherwise."""
    if not asks_definition(question):
        return frozenset()
    if (term := _what_is_term(question)) is not None:
        terms = frozenset(terms).intersection(analyze(term))  # not the treaty it is asked of
    return frozenset(
        t for t in terms if t not in _asking_terms() and t not in instrument_terms() and not t.isdigit()
    )


def asked_terms(
    question: str,
    defined: frozenset[str],
    title_terms: AbstractSet[str],
    senses: Mapping[str, Iterable[tuple[str, ...]]] | None = None,
) -> frozenset[str]:
    """The terms of `defined` the question asks the definition of, not those naming the treaty.

    The treaty's name in the question is each word for a treaty kind ("Convention", 협약) with the
    words its title holds (`title_terms`, analysed) just before it ("the 1951 Refugee Convention",
    not "trafficking in the Palermo Protocol") and, in English, after it, across the small words of
    titles ("Convention against Torture") and up to a punctuation mark. A Korean word is in the
    title through one of its English `senses` ("난민 협약"); a Korean or Chinese word holding the
    kind with more is a name by itself ("고문방지협약에서"). What the question asks about is in its
    other words: "torture" in "Does the Refugee Convention define torture?", the second "torture"
    in "How does the Convention against Torture define torture?", 고문 in "고문방지협약에서 말하는
    고문이란 무엇인가요?". All of `defined` when the other words hold none of it."""
    tokens = question.split()
    terms = [frozenset(analyze(token)) for token in tokens]
    kinds = _treaty_kinds()
    given = senses or {}

    def in_title(held: frozenset[str]) -> bool:
        return bool(held) and all(
            t in title_terms or any(set(s) <= title_terms for s in given.get(t, ())) for t in held
        )

    naming = [False] * len(tokens)
    for i, held in enumerate(terms):
        if not held & kinds:
            continue
        naming[i] = True
        latin = bool(_LATIN.search(tokens[i]))
        if not latin and held - kinds:
            continue  # "고문방지협약에서": the compound is the name
        j = i - 1
        while j >= 0 and in_title(terms[j]) and not tokens[j].endswith(_STOPS):
            naming[j] = True
            j -= 1
        j = i + 1
        while latin and j < len(tokens) and not tokens[j - 1].endswith(_STOPS):
            word = tokens[j].strip(_PUNCTUATION).lower()
            if terms[j] and terms[j] <= title_terms:
                naming[j] = True
            elif terms[j] or word not in _TITLE_LINKS:
                break
            j += 1
    rest = frozenset(analyze(" ".join(t for t, named in zip(tokens, naming, strict=True) if not named)))
    return (defined & rest) or defined


_STOPS = (",", ";", ":", "?", "!", ")", ".")  # a name does not run on past these
_PUNCTUATION = "\"'“”‘’()[],.;:?!"
# the small words inside titles
_TITLE_LINKS = frozenset(["against", "of", "on", "the", "relating", "to", "for", "and"])


@functools.cache
def _treaty_kinds() -> frozenset[str]:
    """The analysed words for a treaty-like instrument (`names_treaty`)."""
    return frozenset(analyze("convention covenant protocol statute treaty charter declaration")) | frozenset(
        ("협약", "의정서", "규약", "조약", "선언", "公约", "条约", "议定书")
    )


def defines(record: PassageRecord, terms: frozenset[str]) -> bool:
    """The passage holds a defining sentence whose term defined (`defined_in`) holds one of `terms`.
    Only sentences holding one of `terms` (by their stored analysed terms, when the backend keeps
    them) are read, and the part before the verb is searched for the terms as written (a stem at
    the start of a word, a Korean morpheme anywhere) rather than analysed again."""
    return any(holds_term(head.lower(), terms) for head in _heads_holding(record, terms))


def defines_exactly(record: PassageRecord, terms: tuple[str, ...]) -> bool:
    """The passage holds a defining sentence whose term defined is `terms` (analysed, in order), no
    more, no less and no other order (`term_defined`): "a child means" defines ("child",), "Sale of
    children means" does not. Only sentences holding all of `terms` are read, as in `defines`."""
    return bool(terms) and any(
        term_defined(head) == terms for head in _heads_holding(record, frozenset(terms), every=True)
    )


def _heads_holding(record: PassageRecord, terms: frozenset[str], every: bool = False) -> Iterator[str]:
    """The parts before the verb (`defined_in`) of the passage's defining sentences that hold one of
    `terms` (all of them, with `every`) by their stored analysed terms; of every defining sentence
    when the backend keeps none."""
    text = record.passage.text
    spans = list(record.sentences) or [(0, len(text))]
    stored = record.sentence_terms
    known = stored is not None and len(stored) == len(spans)
    for n, (a, b) in enumerate(spans):
        if known and stored is not None:
            held = terms.intersection(stored[n])
            if not held or (every and len(held) < len(terms)):
                continue
        if head := defined_in(text[a:b]):
            yield head


@functools.lru_cache(maxsize=4096)  # the same defining sentences come back question after question
def term_defined(head: str) -> tuple[str, ...]:
    """The analysed terms, in order, of the term a defining sentence defines, from the part before
    its verb (`defined_in`): the quoted term, when the part ends inside quotation marks ('For the
    purposes of this Act the term "child' -> ("child",); '② 이 법에서 "유족' -> ("유족",)); else its last
    clause, after any comma, colon, semicolon or line break, "the term" and 所称 ('For the purposes of
    the present Convention, a child ' -> ("child",); 'a)Sale of children ' -> ("sale", "children")),
    without list markers and numbers."""
    text = head.rstrip(" \t,，:;")
    opening = max((text.rfind(q) + len(q) for q in _OPENING_QUOTES if q in text), default=-1)
    if text.count('"') % 2 == 1:  # a straight quotation mark left open
        opening = max(opening, text.rfind('"') + 1)
    short = _SHORT_FORM.search(text)
    if short:  # '2. "난민으로 인정된 사람"(이하 "난민인정자"라 한다)': the short form is the term used
        clause = short.group(1)
    elif opening >= 0:
        clause = text[opening:]
    else:
        clause = re.split(r"[,:;\n。，]", text)[-1]
        for cut in ("the term ", "所称"):
            at = clause.lower().rfind(cut)
            if at >= 0:
                clause = clause[at + len(cut) :]
        if _HAN.search(
            clause
        ):  # "第二十五条 共同犯罪", "本法所称的毒品", "...规定的儿童": after the article, 的
            clause = _HAN_ARTICLE.sub("", clause).rsplit("的", 1)[-1]
        clause = _MARKER.sub("", clause.replace(")", ") ", 1) if _LIST_ITEM.match(clause) else clause)
    kept = (t for t in analyze(clause) if t not in _term_words() and not t.isdigit())
    return tuple(dict.fromkeys(kept))


_OPENING_QUOTES = ("“", "«", "「", "『", "‘", "``")
_SHORT_FORM = re.compile(r"[\"”]\s*\(이하\s*[\"“']([^\"”']{1,40})[\"”']\s*(?:이?라\s*한다)?\)\s*이?\s*$")
_HAN_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百千零〇0-9]+条\s*")
_HAN = re.compile(r"[\u4e00-\u9fff]")


# "a)Sale of children": an item marker glued to the term it opens
_LIST_ITEM = re.compile(r"^\s*\(?(?:[0-9]{1,3}|[A-Za-z]|[ivxIVX]{1,5})\)(?=\S)")


@functools.cache
def _term_words() -> frozenset[str]:
    return frozenset(analyze("term terms word expression"))


def defined_heads(record: PassageRecord) -> list[tuple[str, str | None]]:
    """(the lower-cased part before the verb (`defined_in`), the passage's text after the sentence
    when the sentence opens a list, else None) of each defining sentence of a passage, in text
    order. A sentence ending in ":" or a dash opens a list ('the term "refugee" shall apply to any
    person who:'), whose items may go on in the passages after it (`list_goes_on`)."""
    text = record.passage.text
    spans = list(record.sentences) or [(0, len(text))]
    out: list[tuple[str, str | None]] = []
    for a, b in spans:
        sentence = text[a:b]
        if head := defined_in(sentence):
            opens = sentence.rstrip().endswith((":", "—", "–", "-"))
            out.append((head.lower(), text[b:] if opens else None))
    return out


def list_goes_on(after_opening: str, next_text: str) -> bool:
    """The next passage (`next_text`) goes on with the list a sentence opened: it starts with the
    item marker that follows the last one after the opening sentence in its own passage
    (`after_opening`), in the same style ("(1)" then "(2)", "a)" then "b)", "(iv)" then "(v)"), or
    with a list's first marker ("(1)", "(a)", "1.", "i)") when none came yet."""
    first = _MARKER.match(next_text)
    if first is None:
        return False
    before = _MARKER.findall(after_opening)
    if not before:
        return first.group(2) in ("1", "a", "A", "i", "I")
    opening, value, closing = before[-1]
    return (first.group(1), first.group(3)) == (opening, closing) and first.group(2) in _successors(value)


def _successors(value: str) -> frozenset[str]:
    """The markers that may follow item `value`: the next number, letter or Roman numeral ("i" is
    a letter or a numeral)."""
    if value.isdigit():
        return frozenset((str(int(value) + 1),))
    out = set()
    if len(value) == 1 and value.isalpha() and value.lower() != "z":
        out.add(chr(ord(value) + 1))
    for numerals in (_ROMAN, [r.upper() for r in _ROMAN]):
        if value in numerals[:-1]:
            out.add(numerals[numerals.index(value) + 1])
    return frozenset(out)


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
# an item marker opening a line: "(2)", "b)", "(iv)", "3." ("(1)Has been": sources drop the space)
_MARKER = re.compile(r"(?m)^[ \t]*(\(?)([0-9]{1,3}|[A-Za-z]|[ivxIVX]{1,5})([.)])(?:(?<=\))|(?=\s))")


def holds_term(text: str, terms: frozenset[str]) -> bool:
    """`text` (lower-cased) holds one of the analysed `terms`: a Korean morpheme anywhere, another
    term at the start of a word (Snowball stems begin their words; "countri" is tried as "countr")."""
    for t in terms:
        if _HANGUL.search(t):
            if t in text:
                return True
        elif re.search(r"(?<![a-z0-9])" + re.escape(t[:-1] if t.endswith("i") and len(t) > 3 else t), text):
            return True
    return False


# 말 and 가리키 of "...을 말하나요", "누구를 가리키나요" (whom does it mean)
_ASKING_WORDS = (
    "define defined defines definition definitions meaning mean means count counts considered "
    "정의 뜻 말 가리키"
)


@functools.cache
def _asking_terms() -> frozenset[str]:
    return frozenset(analyze(_ASKING_WORDS))
