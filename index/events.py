"""The kinds of event a count or a date is told of: a figure of arrivals does not answer a question
about repatriations.

    events_in({"north", "korean", "arriv", "2023"})   # frozenset({"arrival"})

A kind is held by an analysed term (`index.analyzer.analyze`: Snowball stems, Kiwi's Korean nouns)
of `EVENT_TERMS`. The words are those the demo collection and the questions asked of it tell its
counted events by; a word of several senses ("returned", "held", "reached the 2,000 mark") names
none, and a stem some of whose words tell no event ("executive", "entered into force", "admitted
that") names its kind only where the text holds none but those (`OTHER_USES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

# kind -> the analysed terms that tell it, English stems and Korean nouns
EVENT_TERMS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "arrival": frozenset({"arriv", "enter", "entri", "admit", "resettl", "입국", "입국자", "도착"}),
        "repatriation": frozenset({"repatri", "deport", "expel", "refoul", "송환", "북송", "추방"}),
        "detention": frozenset({"detain", "detent", "arrest", "imprison", "jail", "구금", "체포", "수감"}),
        "trafficking": frozenset({"traffick", "인신매매"}),
        "execution": frozenset({"execut", "처형"}),
        "disappearance": frozenset({"miss", "disappear", "실종", "실종자"}),
        "abduction": frozenset({"abduct", "kidnap", "납치"}),
    }
)
_KIND_OF: Mapping[str, str] = MappingProxyType(
    {term: kind for kind, terms in EVENT_TERMS.items() for term in terms}
)
# a term -> (the pattern of all its words in a text, that of those that tell no event)
OTHER_USES: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]] = MappingProxyType(
    {
        "execut": (re.compile(r"\bexecut\w*", re.I), re.compile(r"\bexecutives?\b", re.I)),
        "enter": (
            re.compile(r"\benter(?:s|ed|ing)?\b", re.I),
            re.compile(r"\benter(?:s|ed|ing)?[\s-]+into[\s-]+force\b", re.I),
        ),
        "entri": (
            re.compile(r"\bentr(?:y|ies)\b", re.I),
            re.compile(r"\bentr(?:y|ies)[\s-]+into[\s-]+force\b", re.I),
        ),
        "admit": (
            re.compile(r"\badmit(?:s|ted|ting)?\b", re.I),
            re.compile(r"\badmit(?:s|ted|ting)?\s+(?:that|having|to\s+(?:having|being|\w+ing))\b", re.I),
        ),
    }
)


def events_in(terms: Iterable[str], text: str = "") -> frozenset[str]:
    """The kinds of event (`EVENT_TERMS`' keys) that `terms` (analysed terms) tell of; empty for none.
    With the `text` they are the terms of, a term of `OTHER_USES` counts only when the text writes it
    in a use that tells an event ("executed", not only "executive")."""
    return frozenset(_KIND_OF[t] for t in terms if t in _KIND_OF and not other_use_only(t, text))


def other_use_only(term: str, text: str) -> bool:
    """Whether `text` writes `term` only in uses that tell no event (`OTHER_USES`)."""
    if not text or term not in OTHER_USES:
        return False
    every, other = OTHER_USES[term]
    others = len(other.findall(text))
    return others > 0 and others >= len(every.findall(text))
