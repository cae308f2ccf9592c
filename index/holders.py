"""Whether a passage names who holds the post a question asks about.

A question for the holder of a post ("Who replaced Elizabeth Salmón as UN Special Rapporteur?", "지금
통일부 장관이 누구예요?": `index.answer_type.asks_office_holder`) is answered by a passage that names
the post and a person the question does not name. A passage naming only the person the question gives
("Shortly after Salmón assumed her position in 2022 ...") or no person at all says something else about
the post; one naming people but not the post ("President PARK Geun-hye" for a question about a centre's
director) is about other posts.

A question for the name of a person it describes ("What was the name of the Russian officer who
arrested Choe Kum Chol?": `asks_person_name`) is read the same way, the word for the person (officer,
diplomat, sister) as the post.

People are read in English text only, by the shape of a personal name (`person_names`): a run of
capitalised words holding a word no English word list holds after its first ("Michelle Bachelet",
"Hwang Jang-yop"; not "Human Rights Council", "Ryanggang Province"), a hyphenated Korean given name
("Pak Pong-ju"), or a romanised Korean or Chinese family name before a capitalised word ("KIM Jong
Un", "XI Jinping", "Choe Son Hui"). This is a shape, not a named-entity recogniser: a place or a body
whose words are no English words ("Daily NK") can read as a name too, which errs towards answering.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from collections.abc import Set as AbstractSet

from index.analyzer import analyze

# English words for posts, as `analyze` stems them, with the forms a passage may name the post by
_POSTS_EN: Mapping[str, tuple[str, ...]] = {
    "chair": ("chair", "chairman", "chairperson", "chairwoman"),
    "chairman": ("chair", "chairman", "chairperson", "chairwoman"),
    "chairperson": ("chair", "chairman", "chairperson", "chairwoman"),
    "chairwoman": ("chair", "chairman", "chairperson", "chairwoman"),
    "president": ("president", "chair", "chairman"),
    "minister": ("minister",),
    "director": ("director", "chief"),
    "rapporteur": ("rapporteur",),
    "envoy": ("envoy",),
    "ambassador": ("ambassador",),
    "commissioner": ("commissioner",),
    "secretary": ("secretary",),
    "representative": ("representative", "chief", "head", "commissioner"),
    "premier": ("premier", "prime minister"),
    "governor": ("governor",),
    "mayor": ("mayor",),
    "judge": ("judge", "justice"),
    "justice": ("justice", "judge"),
    "speaker": ("speaker",),
    "leader": ("leader",),
    "head": ("head", "chief", "director", "chair", "chairman", "president", "commissioner", "leader"),
    "chief": ("chief", "director"),
    "founded": ("founded", "founder", "established", "co-founded", "created"),
    "founder": ("founded", "founder", "established", "co-founded", "created"),
}

# Korean post words (`index.answer_type._POSTS_KO`) -> the English post words above
_POSTS_KO: Mapping[str, str] = {
    "장관": "minister",
    "위원장": "chair",
    "이사장": "chair",
    "대사": "ambassador",
    "보고관": "rapporteur",
    "대통령": "president",
    "총장": "secretary",
    "센터장": "director",
    "대표": "representative",
    "의장": "chair",
    "회장": "president",
    "소장": "director",
    "원장": "director",
    "특사": "envoy",
}

# Words for people a question may ask the name of, with the words a passage may call them by; the
# English key is the word as `analyze` stems it. Generic words ("person", "man", "woman") are left out:
# a passage need not repeat them ("Who was the first person to run the IRO?").
PEOPLE: Mapping[str, tuple[str, ...]] = {
    "officer": ("officer", "official"),
    "official": ("official", "officer"),
    "guard": ("guard",),
    "diplomat": ("diplomat", "ambassador"),
    "pastor": ("pastor", "priest"),
    "lawyer": ("lawyer", "attorney"),
    "journalist": ("journalist", "reporter", "correspondent"),
    "reporter": ("reporter", "journalist", "correspondent"),
    "defector": ("defector", "escapee", "refugee"),
    "escapee": ("escapee", "defector", "refugee"),
    "lawmaker": ("lawmaker", "legislator", "member"),
    "activist": ("activist",),
    "soldier": ("soldier",),
    "agent": ("agent",),
    "girl": ("girl", "schoolgirl", "daughter"),
    "schoolgirl": ("schoolgirl", "girl"),
    "boy": ("boy", "schoolboy", "son"),
    "sister": ("sister",),
    "brother": ("brother",),
    "wife": ("wife",),
    "husband": ("husband",),
    "son": ("son",),
    "daughter": ("daughter",),
    "mother": ("mother",),
    "father": ("father",),
    "victim": ("victim",),
    "student": ("student",),
    "doctor": ("doctor", "physician"),
    "teacher": ("teacher",),
    "broker": ("broker",),
    "smuggler": ("smuggler",),
}
_PEOPLE_KO: Mapping[str, str] = {
    "외교관": "diplomat",
    "장교": "officer",
    "경비대": "guard",
    "경비병": "guard",
    "목사": "pastor",
    "변호사": "lawyer",
    "기자": "journalist",
    "탈북민": "defector",
    "탈북자": "defector",
    "의원": "lawmaker",
    "활동가": "activist",
    "군인": "soldier",
    "요원": "agent",
    "소녀": "girl",
    "여학생": "girl",
    "소년": "boy",
    "아내": "wife",
    "남편": "husband",
    "아들": "son",
    "딸": "daughter",
    "여동생": "sister",
    "언니": "sister",
    "누나": "sister",
    "피해자": "victim",
    "학생": "student",
    "교사": "teacher",
    "브로커": "broker",
}

# a capitalised word (possessive quantifiers: no backtracking inside a long run of letters)
_CAPITALISED = r"(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*+(?:[-'’][^\W\d_]++)*+)"
# a run of capitalised words, a particle ("al", "bin", "de", "van") between them
_NAME = re.compile(rf"\b{_CAPITALISED}(?:[ \t]+(?:(?:al|bin|de|del|da|van|von|le|la)[ \t]+)?{_CAPITALISED})+")
# Korean and Chinese family names as romanised: a run they begin is a name whatever its other words
# are ("Kim Jong Un", "Choe Son Hui", "Yoon Suk Yeol": each syllable is also a word of some gloss)
_FAMILY_NAMES = frozenset(
    [
        "kim",
        "lee",
        "yi",
        "ri",
        "park",
        "pak",
        "choi",
        "choe",
        "jung",
        "chung",
        "jeong",
        "kang",
        "cho",
        "yoon",
        "yun",
        "jang",
        "chang",
        "lim",
        "han",
        "seo",
        "suh",
        "shin",
        "kwon",
        "hwang",
        "ahn",
        "hong",
        "jeon",
        "chun",
        "mun",
        "yang",
        "bae",
        "baek",
        "paek",
        "roh",
        "noh",
        "joo",
        "xi",
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "wen",
        "zhou",
        "zhao",
        "zhu",
    ]
)
# a romanised Korean given name's hyphenated syllables ("Jong-un", "Young-sam"; not "Secretary-General")
_GIVEN_NAME = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
# (at a word's end, or before a particle: 대사는, not the 대사 of 대사관)
_WORD_END = r"(?:(?![가-힣])|(?=[은는이가을를의에도와과로께]))"
_KOREAN_POST = re.compile(f"(?:{'|'.join(sorted(_POSTS_KO, key=len, reverse=True))}){_WORD_END}")
_KOREAN_PEOPLE = re.compile(f"(?:{'|'.join(sorted(_PEOPLE_KO, key=len, reverse=True))}){_WORD_END}")
# A question for the name of a person it describes ("What was the name of the Russian officer who
# arrested Choe Kum Chol?", "... 북한 외교관은 이름이 뭐예요?")
# (the noun phrase after "name of", up to a relative word or preposition: "the Russian officer" of "the
# Russian officer who arrested ...", "the detention center" of "the detention center in Tumen")
_PERSON_NAME_EN = re.compile(
    r"\bnames?\s+of\s+((?:(?!\b(?:who|whom|whose|that|which|where|when|in|at|on|from|for|to|by|with)\b)"
    r"[^?,;.])+)",
    re.IGNORECASE,
)
_PERSON_NAME_KO = re.compile(r"([가-힣]+)(?:은|는|의)?\s*(?:이름|성명)(?:이|은)?\s*(?:뭐|무엇|어떻게)")
# where a sentence ends: a full stop, question or exclamation mark before a space and a capital or
# quote, not after a title's abbreviation or an initial ("Ms. Elizabeth Salmón", "J. Donald Kingsley",
# "U.S. Congress"); or a blank line. Hard-wrapped lines and a field's lines are read together.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bNo\.)(?<!\bMrs\.)(?<!\b[A-Z]\.)"
    r"(?=\s+[A-Z\"“‘(])|\n[ \t]*\n"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def asks_person_name(question: str) -> bool:
    """Whether the question asks for the name of a person it describes by a word for people (`PEOPLE`:
    an officer, a guard, a diplomat, a girl, a sister...): "What was the name of the Russian officer who
    arrested Choe Kum Chol?", "... 북한 외교관은 이름이 뭐예요?". Not the name of a thing ("What is the
    name of the detention centre ...?", "상선 이름이 뭐예요?"). Such a question is answered as one for
    the holder of a post (`names_holder`, the word for the person as its post)."""
    m = _PERSON_NAME_EN.search(question)
    # (its head noun, the phrase's last word: not "the defector resettlement center")
    if m is not None and not _people_stems().isdisjoint(analyze(m.group(1).split()[-1])):
        return True
    m = _PERSON_NAME_KO.search(question)
    return m is not None and _KOREAN_PEOPLE.search(m.group(1)) is not None


@functools.lru_cache(maxsize=16384)
def _terms(text: str) -> frozenset[str]:
    """`analyze(text)` as a set, remembered: the same words and sentences recur across questions."""
    return frozenset(analyze(text))


@functools.cache
def _post_words() -> frozenset[str]:
    """Every analysed term of the posts' and people's words and forms: English words, whatever a word
    list holds ("Rapporteur" of "UN Special Rapporteur Elizabeth Salmón" is no name's word)."""
    words = {w for word, forms in {**_POSTS_EN, **PEOPLE}.items() for w in (word, *forms)}
    return frozenset(t for w in words for t in analyze(w))


@functools.cache
def _stems() -> Mapping[str, str]:
    """The English words the Korean posts and people stand for -> their stems."""
    return {w: (analyze(w) or (w,))[0] for w in (*_POSTS_KO.values(), *_PEOPLE_KO.values())}


@functools.cache
def _people_stems() -> frozenset[str]:
    """`PEOPLE`'s words as `analyze` stems them ("officer": offic)."""
    return frozenset(t for word in PEOPLE for t in analyze(word))


@functools.cache
def _post_forms() -> Mapping[str, tuple[frozenset[str], ...]]:
    """Each post's stem -> the analysed forms a passage may name it by (each a set of terms)."""
    out: dict[str, tuple[frozenset[str], ...]] = {}
    for word, forms in {**_POSTS_EN, **PEOPLE}.items():
        (stem,) = analyze(word) or (word,)
        found = tuple(frozenset(analyze(f)) for f in forms if analyze(f))
        out[stem] = tuple(dict.fromkeys(out.get(stem, ()) + found))
    return out


def asked_posts(question: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """The posts and words for people (`PEOPLE`) a question names, each as the analysed forms any of
    which names it in an English passage ("UN Special Rapporteur": rapporteur; "통일부 장관": minister;
    "Who founded ...?": founded, founder, established...; "the Russian officer": officer, official);
    () when it names none ("Who was the first person to run the IRO?")."""
    forms = _post_forms()
    posts = [forms[t] for t in dict.fromkeys(analyze(question)) if t in forms]
    stems = _stems()
    # (the longest post written: 위원장, not the 원장 in it)
    posts += [forms[stems[_POSTS_KO[m.group()]]] for m in _KOREAN_POST.finditer(question)]
    posts += [forms[stems[_PEOPLE_KO[m.group()]]] for m in _KOREAN_PEOPLE.finditer(question)]
    return tuple(dict.fromkeys(posts))


def person_names(text: str, common: AbstractSet[str]) -> list[frozenset[str]]:
    """The personal names in `text`, each as the analysed terms of its name words: in a run of
    capitalised words, those no English word list holds (stems not all in `common`), a family name in
    capitals before a capitalised word ("KIM Young-sam", "XI Jinping"), a hyphenated given name
    ("Jong-un"), and every word of a run a romanised Korean or Chinese family name begins ("Kim Jong
    Un", "Choe Son Hui"). Runs with none are no names: bodies, places and posts of English words ("UN
    Special Rapporteur", "Ryanggang Province"; "UN Special Rapporteur Elizabeth Salmón" gives the name
    words of Elizabeth Salmón). An acronym is no name's word ("Foreign NGOs"). An empty `common` reads
    every word after a run's first as a name word."""
    out = []
    for m in _NAME.finditer(text):
        words = _WORD.findall(m.group())
        named: set[str] = set()
        for n, w in enumerate(words):
            after = words[n + 1] if n + 1 < len(words) else ""
            if w.lower() in _FAMILY_NAMES and after[:1].isupper() and not after.isupper():
                # a family name and what follows it: every word a name's
                named.update(t for x in words[n:] for t in _terms(x))
                break
            if n == 0 or _ACRONYM.fullmatch(w):
                continue
            terms = _terms(w)
            # (a hyphenated word is read by its parts: "Secretary-General" is two English words)
            parts = _terms(w.replace("-", " ")) if "-" in w else terms
            english = all(t in common or t in _post_words() for t in parts)
            if _GIVEN_NAME.fullmatch(w) or not (common and english):
                named.update(terms)
        if named:
            out.append(frozenset(named))
    return out


def names_holder(
    text: str,
    posts: tuple[tuple[frozenset[str], ...], ...],
    given: Collection[str],
    common: AbstractSet[str],
    terms: AbstractSet[str] | None = None,
) -> bool:
    """Whether a sentence of an English passage `text` (its analysed `terms`, when known, tell at
    once a passage naming none of the posts) names one of the asked posts (one of its forms:
    `asked_posts`; when none is asked, any sentence naming a person counts) and a person whose name
    has a word the question does not (`given`: the question's analysed terms; "Elizabeth Salmón"
    does not answer "Who replaced Elizabeth Salmón?"): "The current High Commissioner is Michelle
    Bachelet of Chile". `common`: English stems that are no name's words (`person_names`)."""
    if posts and terms is not None and not any(form <= terms for forms in posts for form in forms):
        return False
    known = set(given)
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in ends:
        sentence, start = text[start:end], end
        if not any(not names <= known for names in person_names(sentence, common)):
            continue
        if not posts:
            return True
        held = _terms(sentence)
        if any(form <= held for forms in posts for form in forms):
            return True
    return False
