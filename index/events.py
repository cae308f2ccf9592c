"""The kinds of event a count or a date is told of: a figure of arrivals does not answer a question
about repatriations.

    events_in({"north", "korean", "arriv", "2023"})   # frozenset({"arrival"})

A kind is held by an analysed term (`index.analyzer.analyze`: Snowball stems, Kiwi's Korean nouns)
of `EVENT_TERMS`. The words are those the demo collection and the questions asked of it tell its
counted events by; a word of several senses ("returned", "held", "reached the 2,000 mark") names
none.
"""

from __future__ import annotations

from collections.abc import Iterable

# kind -> the analysed terms that tell it, English stems and Korean nouns
EVENT_TERMS: dict[str, frozenset[str]] = {
    "arrival": frozenset({"arriv", "enter", "entri", "admit", "resettl", "입국", "도착"}),
    "repatriation": frozenset({"repatri", "deport", "expel", "refoul", "송환", "북송", "추방"}),
    "detention": frozenset({"detain", "detent", "arrest", "imprison", "jail", "구금", "체포", "수감"}),
    "trafficking": frozenset({"traffick", "인신매매"}),
    "execution": frozenset({"execut", "처형"}),
    "disappearance": frozenset({"miss", "disappear", "실종"}),
    "abduction": frozenset({"abduct", "kidnap", "납치"}),
}
_KIND_OF = {term: kind for kind, terms in EVENT_TERMS.items() for term in terms}


def events_in(terms: Iterable[str]) -> frozenset[str]:
    """The kinds of event (`EVENT_TERMS`' keys) that `terms` (analysed terms) tell of; empty for none."""
    return frozenset(_KIND_OF[t] for t in terms if t in _KIND_OF)
