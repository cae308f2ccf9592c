"""Whether a passage names who holds the post a question asks about.

A question for the holder of a post ("Who replaced Elizabeth Salmón as UN Special Rapporteur?", "지금
통일부 장관이 누구예요?": `index.answer_type.asks_office_holder`) is answered by a passage that names
the post and a person the question does not name. A passage naming only the person the question gives
("Shortly after Salmón assumed her position in 2022 ...") or no person at all says something else about
the post; one naming people but not the post ("President PARK Geun-hye" for a question about a centre's
director) is about other posts.

People are read in English text only, by the shape of a personal name: two to four capitalised words
(a family name in capitals may lead: "KIM Young-sam", "XI Jinping"), one of which after the first no
English word list holds ("Michelle Bachelet", "Hwang Jang-yop"; not "Human Rights Council", "Ryanggang
Province").
This is a shape, not a named-entity recogniser: a place or a body whose last word is no English word
("Daily NK") is read as a name too, which errs towards answering.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping

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
    "representative": ("representative", "chief"),
    "premier": ("premier", "prime minister"),
    "governor": ("governor",),
    "mayor": ("mayor",),
    "judge": ("judge", "justice"),
    "justice": ("justice", "judge"),
    "speaker": ("speaker",),
    "leader": ("leader",),
    "head": ("head", "chief", "director", "chair", "chairman", "president"),
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

_CAPITALISED = r"(?:[A-Z][A-Z]+|[A-Z][^\W\d_A-Z]*[^\W\d_]*(?:[-'’][A-Za-z][^\W\d_]*)*)"
# two to four capitalised words, a particle ("al", "bin", "de", "van") between them
_NAME = re.compile(
    rf"\b{_CAPITALISED}(?:[ \t]+(?:al|bin|de|del|da|van|von|le|la)\b)?(?:[ \t]+{_CAPITALISED}){{1,3}}\b"
)
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
_KOREAN_POST = re.compile("|".join(sorted(_POSTS_KO, key=len, reverse=True)))
_KOREAN_PEOPLE = re.compile("|".join(sorted(_PEOPLE_KO, key=len, reverse=True)))
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
# a sentence: up to a full stop, question or exclamation mark before a space, or a line's end
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def asks_person_name(question: str) -> bool:
    """Whether the question asks for the name of a person it describes by a word for people (`PEOPLE`:
    an officer, a guard, a diplomat, a girl, a sister...): "What was the name of the Russian officer who
    arrested Choe Kum Chol?", "... 북한 외교관은 이름이 뭐예요?". Not the name of a thing ("What is the
    name of the detention centre ...?", "상선 이름이 뭐예요?"). Such a question is answered as one for
    the holder of a post (`names_holder`, the word for the person as its post)."""
    m = _PERSON_NAME_EN.search(question)
    if m is not None and not _people_stems().isdisjoint(analyze(m.group(1))):
        return True
    m = _PERSON_NAME_KO.search(question)
    return m is not None and _KOREAN_PEOPLE.search(m.group(1)) is not None


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
    stems = {w: (analyze(w) or (w,))[0] for w in _POSTS_KO.values()}
    # (the longest post written: 위원장, not the 원장 in it)
    posts += [forms[stems[_POSTS_KO[m.group()]]] for m in _KOREAN_POST.finditer(question)]
    people = {w: (analyze(w) or (w,))[0] for w in _PEOPLE_KO.values()}
    posts += [forms[people[_PEOPLE_KO[m.group()]]] for m in _KOREAN_PEOPLE.finditer(question)]
    return tuple(dict.fromkeys(posts))


def person_names(text: str, common: Collection[str]) -> list[str]:
    """The spans of `text` shaped like a personal name: two to four capitalised words, one of which
    after the first is no English word (its stems not all in `common`, analysed stems): "Michelle
    Bachelet", "KIM Jong Un", "Hwang Jang-yop"; not "UN Special Rapporteur", "Ryanggang Province". An
    empty `common` reads every such span as a name."""
    out = []
    for m in _NAME.finditer(text):
        words = _WORD.findall(m.group())
        # (an acronym is no name's word: "Foreign NGOs", "The IRO")
        if any(not _ACRONYM.fullmatch(w) and not set(analyze(w)) <= set(common) for w in words[1:]):
            out.append(m.group())
    return out


def names_holder(
    text: str,
    posts: tuple[tuple[frozenset[str], ...], ...],
    given: Collection[str],
    common: Collection[str],
) -> bool:
    """Whether a sentence of an English passage `text` names each asked post (one of its forms:
    `asked_posts`) and a person whose name has a word the question does not (`given`: the question's
    analysed terms; "Elizabeth Salmón" does not answer "Who replaced Elizabeth Salmón?"): "The current
    High Commissioner is Michelle Bachelet of Chile". `common`: English stems that end no personal
    name (`person_names`)."""
    known = set(given)
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        names = [n for n in person_names(sentence, common) if not set(analyze(n)) <= known]
        if not names:
            continue
        held = set(analyze(sentence))
        if all(any(form <= held for form in forms) for forms in posts):
            return True
    return False
