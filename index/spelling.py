"""Misspelt English question terms, read as the index term one edit away.

A question term that no passage holds weighs nothing in BM25, and the answerability model reads the
share of such terms as a sign that the collection does not answer the question: "What did the CEDAW
commitee recommend?" was refused, and answered once spelt "committee". A term counts as misspelt when
it is an English word stem of `MIN_LETTERS` letters or more that the collection does not hold, and a
term the collection holds is one edit away (a letter left out, added, replaced, or two neighbours
swapped: Damerau's four edits, "A technique for computer detection and correction of spelling
errors", CACM 1964, which found over 80% of misspellings one such edit away). Of several, the most
frequent wins (Norvig, "How to write a spelling corrector", 2007: the candidates are generated, ~54n
+ 25 for n letters, and looked up, with no index of the vocabulary).

Only lower-case ASCII stems are read: a Korean or Chinese term, a number, or a term with a hyphen or
a digit is left as it is. A capitalised word of the question is a name and never reaches here as a
term to correct (`correct_terms` is given the terms a name constraint holds as `keep`).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence

MIN_LETTERS = 5
"""The shortest stem read as a possible misspelling: shorter stems have too many neighbours one edit
away ("cat" is one edit from 20 English words), so a correction would be a guess."""

_LETTERS = string.ascii_lowercase


def edits1(word: str) -> set[str]:
    """Every string one edit from `word` (deletion, adjacent transposition, replacement, insertion of
    a letter a-z); `word` itself is not among them."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out


def correctable(term: str) -> bool:
    """Whether `term` is read for a misspelling: lower-case ASCII letters only, `MIN_LETTERS` or more."""
    return len(term) >= MIN_LETTERS and term.isascii() and term.isalpha() and term.islower()


def correct_terms(
    terms: Sequence[str],
    df: Mapping[str, int],
    doc_freqs: Callable[[Iterable[str]], Mapping[str, int]],
    keep: Iterable[str] = (),
) -> dict[str, str]:
    """The corrections of a question's misspelt terms: {term: the index term one edit away}.

    Args:
        terms: the question's analysed terms.
        df: their document frequencies (a term missing counts as 0).
        doc_freqs: document frequencies of other terms (one call for all of a term's candidates).
        keep: terms never corrected (those of a name the question gives).

    Returns:
        Only the terms corrected; for each, the candidate held by the most passages (ties: the first
        in alphabetical order). A term with no candidate the collection holds is left out.
    """
    kept = set(keep)
    out: dict[str, str] = {}
    for term in dict.fromkeys(terms):
        if term in kept or df.get(term, 0) > 0 or not correctable(term):
            continue
        candidates = sorted(edits1(term))
        found = doc_freqs(candidates)
        best, best_df = "", 0
        for c in candidates:
            if found.get(c, 0) > best_df:
                best, best_df = c, found[c]
        if best:
            out[term] = best
    return out
