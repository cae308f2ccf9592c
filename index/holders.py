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

_CAPITALISED = r"(?:[A-Z][A-Z]+|[A-Z][^\W\d_A-Z]*[^\W\d_]*(?:[-'’][A-Za-z][^\W\d_]*)*)"
# two to four capitalised words, a particle ("al", "bin", "de", "van") between them
_NAME = re.compile(
    rf"\b{_CAPITALISED}(?:[ \t]+(?:al|bin|de|del|da|van|von|le|la)\b)?(?:[ \t]+{_CAPITALISED}){{1,3}}\b"
)
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
_KOREAN_POST = re.compile("|".join(sorted(_POSTS_KO, key=len, reverse=True)))
# a sentence: up to a full stop, question or exclamation mark before a space, or a line's end
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@functools.cache
def _post_forms() -> Mapping[str, tuple[frozenset[str], ...]]:
    """Each post's stem -> the analysed forms a passage may name it by (each a set of terms)."""
    out: dict[str, tuple[frozenset[str], ...]] = {}
    for word, forms in _POSTS_EN.items():
        (stem,) = analyze(word) or (word,)
        found = tuple(frozenset(analyze(f)) for f in forms if analyze(f))
        out[stem] = tuple(dict.fromkeys(out.get(stem, ()) + found))
    return out


def asked_posts(question: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """The posts a question names, each as the analysed forms any of which names it in an English
    passage ("UN Special Rapporteur": rapporteur; "통일부 장관": minister; "Who founded ...?":
    founded, founder, established...); () when it names none ("Who was the first defector elected?")."""
    forms = _post_forms()
    posts = [forms[t] for t in dict.fromkeys(analyze(question)) if t in forms]
    stems = {w: (analyze(w) or (w,))[0] for w in _POSTS_KO.values()}
    # (the longest post written: 위원장, not the 원장 in it)
    posts += [forms[stems[_POSTS_KO[m.group()]]] for m in _KOREAN_POST.finditer(question)]
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
