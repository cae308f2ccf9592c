"""Misspelt English question terms, read as the collection's nearest term.

A question term no passage holds ("detension", analysed "detens"; "commitee"; "paralel") finds
nothing by BM25 and counts as unknown to the answerability model, so a misspelt question is refused
or answered from its other words. Such a term is read as the term one edit away (a letter deleted,
inserted, replaced, or two neighbours swapped: Damerau's four kinds of single error, which account
for about 80% of misspellings; Damerau, "A technique for computer detection and correction of
spelling errors", CACM 7(3), 1964) that the collection holds most often, as a search engine's
"did you mean" does (Norvig, "How to write a spelling corrector", 2007, for the candidate edits).
A British spelling the collection lacks ("naturalise", "organisation") is first read as its -ize
form ("naturalize": Snowball stems "naturalise" as naturalis, the -ize family as natur).

Only a word that is no English word is corrected, and only into one that is (a non-word error, in
the field's terms): an English word the collection lacks ("hike", "bread", "onion", "usability") is a
question about something else, and reading it as "like", "broad", "union" or "unable" would make an
off-topic question look answerable. What counts as an English word is the glosses of both word lists
(`index.lexicon.Lexicon.english_terms`, `index.cedict.english_glosses`: ~40k stems). Measured on the
15,598 words of the three BEIR collections in ../shared/bench: 643 are read as another term, most of
them broken words of those texts ("sponding", "nately") or misspellings ("apropriate",
"dicsovering"); a real word read as another is rarer ("planforms" as platform, "glia" as alia).
Short words (under `MIN_CHARS` letters) and rare targets (held by fewer than `MIN_DF` passages) are
left alone: one edit from a short word reaches too many others, and a rare term one edit away is
more likely another word than the one meant.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

MIN_CHARS = 5
# no misspelling is longer (a longer "word" is junk: its ~54n edits would cost seconds), and at most
# this many words of a question are read
MAX_CHARS = 20
MAX_WORDS = 5
# British -ise/-yse spellings ("naturalise", "organisation", "analysed"), read as the -ize/-yze ones
# Snowball stems alike with the rest of their family (naturalize, naturalization: natur)
_BRITISH = re.compile(r"([a-z]{2,})(is|ys)(e|es|ed|ing|ation|ations|er|ers)$")


def _american(m: re.Match[str]) -> str:
    return m.group(1) + ("iz" if m.group(2) == "is" else "yz") + m.group(3)


MIN_DF = 5
_LETTERS = string.ascii_lowercase


def one_edit(term: str) -> set[str]:
    """Every string one deletion, transposition of neighbours, replacement or insertion (of a
    lowercase ASCII letter) away from `term`, without `term` itself; about 54n + 25 strings for n
    letters."""
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(term)
    return out


def corrections(
    words: Sequence[str],
    terms: Sequence[str],
    df: Mapping[str, int],
    english: Callable[[], AbstractSet[str]],
    stem: Callable[[Sequence[str]], list[str]],
    lookup: Callable[[Iterable[str]], Mapping[str, int]],
) -> dict[str, str]:
    """The misspelt terms of an English question, each with the term it is read as.

    Args:
        words: the question's words, lower-cased, as written ("punishmnet").
        terms: its analysed terms (`index.question.QuestionAnalysis.terms`).
        df: their document frequencies (a term missing here or at 0 is held by no passage).
        english: the analysed English words of the word lists (`GroundIndex.english_words`), asked
            for only when a term has a frequent edit (reading them takes ~1.5 s once).
        stem: the analyzer's stems of words (`index.analyzer.stem_words`).
        lookup: document frequencies of any terms (`Backend.term_stats(...).df`), asked once per
            misspelt word with the stems of its edits.

    Returns:
        term -> correction, for each term no passage holds whose word (of `MIN_CHARS` ASCII letters
        or more) is no English word and has an edit whose stem is one, held by `MIN_DF` passages or
        more: the most frequent such stem (ties: the first in alphabetical order). The edits are made to the
        word as written, not to its stem: "punishmnet" is one edit from "punishment" (punish), its
        stem "punishmnet" several from "punish". Empty when no term is misspelt, and when `english`
        is empty (no word list: no misspelling can be told from a word the collection lacks).
    """
    unknown = {t for t in terms if df.get(t, 0) == 0}
    spelled = [
        w for w in dict.fromkeys(words) if MIN_CHARS <= len(w) <= MAX_CHARS and w.isascii() and w.isalpha()
    ]
    stems = stem(spelled)
    out: dict[str, str] = {}
    british = [(t, a) for w, t in zip(spelled, stems, strict=True) if (a := _BRITISH.sub(_american, w)) != w]
    if british:  # "naturalise" (naturalis) -> naturalize (natur), where the collection holds it more often
        americans = stem([a for _, a in british])
        held = lookup({t for t, _ in british} | set(americans))
        for (term, _), spelt in zip(british, americans, strict=True):
            if spelt != term and held.get(spelt, 0) > held.get(term, 0):
                out[term] = spelt
    misspelt = [(w, t) for w, t in zip(spelled, stems, strict=True) if t in unknown and t not in out]
    misspelt = list(dict(misspelt[:MAX_WORDS]).items())
    if not misspelt:
        return out
    edits = {term: set(stem(sorted(one_edit(word)))) - {term} for word, term in misspelt}
    held = lookup(set().union(*edits.values()))  # one lookup for every word's edits
    frequent = {term: [e for e in found if held.get(e, 0) >= MIN_DF] for term, found in edits.items()}
    if not any(frequent.values()):
        return out
    known = english()  # (read only now: most unknown words have no frequent edit)
    if not known:  # without a word list no misspelling can be told from a word the collection lacks
        return out
    for word, term in misspelt:
        if term in known or any(t in known for t in stem(_singulars(word))):
            continue
        best = min(((-held[e], e) for e in frequent[term] if e in known), default=None)
        if best is not None:
            out[term] = best[1]
    return out


def _singulars(word: str) -> list[str]:
    """The regular singulars a plural `word` may have ("crises" -> crisis, "policies" -> policy,
    "boxes" -> box, "votes" -> vote): the glosses hold words in the singular."""
    out = []
    if word.endswith("ses"):
        out.append(word[:-2] + "is")
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out
