"""Find the sentence(s) inside a passage that best match the question (offsets within the passage)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from corpus.sentences import split_sentences
from index.abstain import idf
from index.instruments import instrument_terms
from index.types import Span

HEADING_WORDS = 12  # a line this short without closing punctuation may be a heading ...
HEADING_CHARS = 80  # ... and this short in characters (Chinese and Japanese have no spaces to count)
# A full stop, maybe inside quotes or brackets or before an amendment tag ("... 한다. <개정 2024.1.9>").
_CLOSING = re.compile(r"[.!?;。！？；…][\"'”’)\]）」』]*(?:\s*<[^<>\n]{1,40}>)?\s*$")
# What a numbered heading starts with: "Article 33", "Art. 2", "§ 7801", "Chapter V", "제2조", "第三条".
_DESIGNATION = re.compile(
    r"(?:article|art\.|section|sec\.|chapter|part|title|annex|appendix|schedule|rule|paragraph|para\.)\s"
    r"|§|제\s*\d|第",
    re.IGNORECASE,
)
# A lettered subsection heading: one letter, a period, and title-case English words without a colon
# ("e. Trafficking in Persons", "b. Prohibition of Forced or Compulsory Labor").
_SMALL_WORDS = r"(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with)"
_LETTERED_HEADING = re.compile(
    rf"[A-Za-z]\.\s+([A-Z][A-Za-z'’-]*(?:\s+(?:{_SMALL_WORDS}|[A-Z][A-Za-z'’-]*))*)\s*$"
)
# A list item: "- ...", "• ...", "1. ...", "가. ...", "(a) ...", "① ...".
_LIST_ITEM = re.compile(r"(?:[-*•·▪◦]|\(?[0-9A-Za-z가-힣]{1,3}[.)]|[①-⑳])\s")


# The end of a sentence that leads into what follows it: "The term “severe forms of trafficking in
# persons” means", "... includes:", "as follows:", "有下列情形之一的，...：" (a colon or a dash), "이 법에서
# 사용하는 용어의 뜻은 다음과 같다."
_LEAD_IN = re.compile(
    r"(?:\bmeans|\bincludes?|\bas\s+follows|\bthe\s+following)\s*[—–:-]*\s*$|[:：—]\s*$"
    r"|다음과\s*같다\.?\s*$",
    re.IGNORECASE,
)


def _leads_in(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at `span` leads into the next one (`_LEAD_IN`)."""
    return _LEAD_IN.search(text, span[0], span[1]) is not None


def is_heading_line(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` reads as a heading or label rather than a sentence: one line of at
    most HEADING_WORDS words and HEADING_CHARS characters, without closing punctuation, with a line
    break (or the text's end) after it, not a list item, and holding digits only after a designation
    ("Article 33", "제2조 (정의)", "Prohibition of Expulsion or Return", "Health expenditures:").
    A line with a figure ("7.2% of GDP (2011)", a table row) is data, not a heading."""
    piece = text[start:end].strip()
    if (
        not piece
        or "\n" in piece
        or len(piece) > HEADING_CHARS
        or len(piece.split()) > HEADING_WORDS
        or _CLOSING.search(piece)
    ):
        return False
    designated = _DESIGNATION.match(piece) is not None
    if not designated and (_LIST_ITEM.match(piece) or any(ch.isdigit() for ch in piece)):
        return False
    return end == len(text) or text[end] == "\n"


def is_bare_label(text: str) -> bool:
    """Whether a whole passage is one heading or label line (`is_heading_line`): a document title
    ("난민법"), a section heading cut off from its text, or a lettered subsection heading ("e.
    Trafficking in Persons", the State Department reports': one letter and a title-case English
    heading; a list item of a law, "1. 일반지원시설: ...", or "(b) a person who ..." is no heading). It
    quotes nothing a question can be answered with, so it never answers or shows as a further passage
    (it may still be offered as related)."""
    stripped = text.strip()
    if not stripped:
        return False
    if is_heading_line(stripped, 0, len(stripped)):
        return True
    lettered = _LETTERED_HEADING.match(stripped)
    return lettered is not None and is_heading_line(stripped, lettered.start(1), len(stripped))


TITLE_CHARS = 160  # a line of a document's title block may be this long in characters ...
TITLE_WORDS = 24  # ... and in words (a report's full title is longer than a heading)
TITLE_SHARE = 0.6  # the share of the block's first line's words that its source's title holds
# A year, or a list or range of years ("2023, 2024", "2022–2024")
_YEARS = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?:\s*(?:,|–|-|—|to|and)\s*(?:1[89]|20)\d\d)*(?![\d.,%])")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LABEL = re.compile(r"^[^:：]{1,60}[:：]\s*(\S.*)$")  # "Capital: Pyongyang": a label and its value
_WORD = re.compile(r"\w+")
_CJK_CLAUSES = re.compile(r"[，；。]")  # a Chinese or Japanese line with clauses is a sentence


def is_title_block(text: str, title: str) -> bool:
    """Whether `text`, the first passage of a source titled `title`, is only the document's title
    block: its first line repeats the title (`TITLE_SHARE` of its words are the title's: "South Korea
    (Republic of Korea) — Country Reports on Human Rights Practices" under "South Korea (Republic of
    Korea) — 2024 Country Reports on Human Rights Practices"), and every line reads as part of a
    title (`_title_line`: "Editions included: 2024" under that title). Such a passage names the
    document and answers nothing: like a bare label, it never answers (the caller checks it is the
    source's first passage and not its only one)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    named = {w.casefold() for w in _WORD.findall(title)}
    first = [w.casefold() for w in _WORD.findall(lines[0])]
    if not first or sum(w in named for w in first) < TITLE_SHARE * len(first):
        return False
    years = frozenset(_YEAR.findall(title))
    return all(_title_line(line, years) for line in lines)


def _title_line(line: str, title_years: frozenset[str]) -> bool:
    """A line of a title block: no closing punctuation, at most `TITLE_CHARS` characters and
    `TITLE_WORDS` words, not a list item, no Chinese clauses; figures only as years, one of them a
    year of the title (its edition: "2024 Human Rights Report"; "Accession: 1982" under "Treaty
    status" is a fact); a label ("Editions included: 2024") only with such years for its value
    ("Capital: Pyongyang" is a fact)."""
    if (
        len(line) > TITLE_CHARS
        or len(line.split()) > TITLE_WORDS
        or _CLOSING.search(line)
        or _LIST_ITEM.match(line)
        or _CJK_CLAUSES.search(line)
    ):
        return False
    masked = _YEARS.sub("Y", line)
    if any(ch.isdigit() for ch in masked):
        return False
    if masked != line and title_years.isdisjoint(_YEAR.findall(line)):
        return False
    label = _LABEL.match(masked)
    return label is None or label.group(1).strip() == "Y"


def evidence_terms(terms: Collection[str], names_provision: bool) -> set[str]:
    """The question terms a passage's evidence is marked by: all of `terms`, except that a question
    naming an article or section (`names_provision`) leaves out the words for the kind of instrument
    ("Act", "Convention", 법, 협약: `index.instruments.instrument_terms`). They name where the article
    stands, and every sentence of the instrument stands there: "이 법에 따라" or "this Convention"
    would otherwise outweigh what the question asks about. All of `terms` when nothing else is left."""
    if not names_provision:
        return set(terms)
    kinds = instrument_terms()
    return {t for t in terms if t not in kinds} or set(terms)


def best_sentences(
    text: str,
    sentences: Sequence[tuple[int, int]] | None,
    query_terms: set[str],
    analyze_many: Callable[[Sequence[str]], list[list[str]]],
    df: Mapping[str, int],
    n_docs: int,
    *,
    ratio: float = 0.75,
    max_spans: int = 2,
    sentence_terms: Sequence[Collection[str]] | None = None,
    shares: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    typed: Collection[int] = (),
) -> tuple[Span, ...]:
    """Score each sentence by the IDF weight of the question terms it contains (times the term's
    share in `shares`, for terms standing for part of a question word: its translations; 1 for the
    others).

    `sentences` are the passage's sentence spans when known (stored at build time), else the text
    is split here. `sentence_terms`, when given with `sentences` (one set per sentence, computed at
    build time), are used instead of analysing the sentences with `analyze_many`. Returns the best
    sentence, plus a neighbouring one when it scores at least `ratio` of the best, so a fact split
    over two sentences is marked whole. Headings and labels (`is_heading_line`) are chosen only when
    no other sentence shares a term: a question naming "Article 33" wants the article's text marked,
    not its heading. Returns () when no sentence shares a term. `weights`, when given, are
    `term_weights(query_terms, df, n_docs, shares)` computed once for several passages.

    `typed`: the indices (into `sentences`) of the sentences holding the answer type the question
    asks (`index.answer_type.holds_type`: a count, a date, a duration...). When one of them that is
    no heading shares a term, the best of them is marked, however much more another sentence without
    the answer scores (with its neighbour when that scores `ratio` of it): "How many North Korean
    escapees arrived in South Korea in 2023?" marks "Only 196 arrived during the year, ..." and the
    sentence before it ("... the number of escapees arriving in the ROK remained well below
    prepandemic levels."), not that one alone; "How many members does the Committee against Torture
    have?" marks "The Committee shall consist of ten experts ...", not "There shall be established a
    Committee against Torture ...". Measured on the dev set's fit halves (2026-12-05; the "answer
    marked" row of `bench.devset_eval.CategoryReport`), the marked sentences overlap an answer quote
    in 540 of the 598 answer passages shown, against 520 when the type was not read; none lost.
    Requiring the typed sentence to score a share of the best instead (0.3, 0.5) marked fewer.

    A sentence that leads into the next one ("The term “severe forms of trafficking in persons”
    means", "... as follows:", a colon or a dash at its end: `_LEAD_IN`), when it is the best or the
    neighbour after it scoring `ratio` of it, is marked with the sentence it leads into, which says
    what it announces ("(A) sex trafficking in which a commercial sex act is induced by force, ...");
    the definition's label before it ("(11) Severe forms of trafficking in persons") is then left
    unmarked; a sentence holding the answer type asked is not left for a lead-in after it. Fit halves
    (2026-12-05): 540 -> 545 of 598 answer passages marked, none lost; a Korean law's "... 다음과
    같다." as a lead-in, one more (ko-535's definition of 납북자).
    """
    spans = list(sentences) if sentences else split_sentences(text)
    if not spans or not query_terms:
        return ()
    tokens: Sequence[Collection[str]]
    if sentences and sentence_terms is not None and len(sentence_terms) == len(spans):
        tokens = sentence_terms
    else:
        tokens = analyze_many([text[a:b] for a, b in spans])
    weight = weights if weights is not None else term_weights(query_terms, df, n_docs, shares)
    # summed in sorted term order, so that equal sentences tie exactly in every process (set order
    # follows the per-process hash seed, and float addition is not associative)
    scores = [sum(weight[t] for t in sorted(query_terms.intersection(toks))) for toks in tokens]
    prose = [scores[i] > 0 and not is_heading_line(text, *spans[i]) for i in range(len(spans))]
    best = max(range(len(spans)), key=lambda i: (prose[i], scores[i], -i))
    if scores[best] <= 0:
        return ()
    answering = [i for i in typed if 0 <= i < len(spans) and prose[i] and scores[i] > 0]
    if answering:
        best = max(answering, key=lambda i: (scores[i], -i))
    # (a sentence holding the answer asked is not left for the lead-in after it)
    leads = (best,) if answering else (best, best + 1)
    lead = next((i for i in leads if i + 1 < len(spans) and _leads_in(text, spans[i])), None)
    if lead is not None and max_spans >= 2 and (lead == best or scores[lead] >= ratio * scores[best]):
        return (Span(*spans[lead]), Span(*spans[lead + 1]))
    chosen = [best]
    for j in (best - 1, best + 1):
        if (
            len(chosen) < max_spans
            and 0 <= j < len(spans)
            and scores[j] >= ratio * scores[best]
            and (prose[j] or not prose[best])
        ):
            chosen.append(j)
    return tuple(Span(spans[i][0], spans[i][1]) for i in sorted(chosen))


def term_weights(
    query_terms: Collection[str], df: Mapping[str, int], n_docs: int, shares: Mapping[str, float] | None
) -> dict[str, float]:
    """What a question term weighs in a sentence's score (`best_sentences`): its IDF (`df` of
    `n_docs` passages), times its share in `shares` (1 for a term not in it)."""
    return {t: idf(df.get(t, 0), n_docs) * (shares or {}).get(t, 1.0) for t in query_terms}
