"""Find the sentence(s) inside a passage that best match the question (offsets within the passage)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from corpus.numbering import LEAD_IN, paragraph_number, successor
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
# A list item: "- ...", "• ...", "1. ...", "가. ...", "(a) ...", "① ...", "（一）..." (a Chinese law's).
_LIST_ITEM = re.compile(
    r"(?:[-*•·▪◦]|\(?[0-9A-Za-z가-힣]{1,3}[.)]|[①-⑳])\s|（[一二三四五六七八九十百]{1,4}）"
)


LIST_ITEMS = 6  # a lead-in is marked with at most this many of the list items it leads into
_CJK_CLAUSES = re.compile(r"[，；。]")  # a Chinese or Japanese line with clauses is a sentence


def _leads_in(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at `span` leads into the next one (`LEAD_IN`)."""
    return LEAD_IN.search(text, span[0], span[1]) is not None


def is_heading_line(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` reads as a heading or label rather than a sentence: one line of at
    most HEADING_WORDS words and HEADING_CHARS characters, without closing punctuation, with a line
    break (or the text's end) after it, not a list item, and holding digits only after a designation
    ("Article 33", "제2조 (정의)", "Prohibition of Expulsion or Return", "Health expenditures:").
    A line with a figure ("7.2% of GDP (2011)", a table row) is data, not a heading; a Chinese line
    with clauses ("被判处管制的犯罪分子，在执行期间，应当遵守下列规定：") and a line leading into a list
    item ("Refugees may be detained in the following cases:" before "1. illegal entry.") are
    sentences."""
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
    if _CJK_CLAUSES.search(piece) or _introduces_list(text, start, end):
        return False
    return end == len(text) or text[end] == "\n"


def _introduces_list(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` leads in (`LEAD_IN`) to a list item on the next line that is not
    blank: "Refugees may be detained in the following cases:" before "1. illegal entry." is a
    sentence, though short enough for a heading ("Health expenditures per capita:" before "$500" is
    a label)."""
    if not _leads_in(text, (start, end)):
        return False
    rest = text[end:].lstrip()
    return _LIST_ITEM.match(rest) is not None


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
    Requiring the typed sentence to score a share of the best instead (0.3, 0.5) marked fewer. When
    the best sentence by the terms stands apart from the typed one (not next to it) and the typed one
    scores less than `ratio` of it, both are marked: "How many experts sit on the Committee against
    Torture?" may find a count that shares only "Committee" ("The Committee shall hold 2 sessions a
    year."), and the sentence naming the experts stays in view.

    A sentence that leads into the next one ("The term “severe forms of trafficking in persons”
    means", "... as follows:", a colon or a dash at its end, a Korean law's "다음 각 호와 같다":
    `LEAD_IN`) is marked with the sentence it leads into, which says what it announces ("(A) sex
    trafficking in which a commercial sex act is induced by force, ..."), when it is the best, or the
    sentence after a best that is a label ("(11) Severe forms of trafficking in persons", then left
    unmarked) and scores `ratio` of it; never after a prose sentence, which stays marked (with the
    lead-in as its neighbour), nor when the sentence led into is a heading ("Article 5"). A sentence
    left open (no closing punctuation; no heading, no list item) before a list item leads into it too:
    22 U.S.C. 9242's "... a report that describes, with respect to each political prison camp in North
    Korea, to the extent information is available" before "(1) the camp’s estimated prisoner
    population;" (the collection's text lost the dash). When that sentence is a list item, the
    items that follow it in order ("(B) ...", not "(12) ...": `_list_end`) are marked with it, up to
    `LIST_ITEMS` items, as one span. A sentence holding the answer type asked is not left for a
    lead-in after it. Fit halves (2026-12-05): 540 -> 545 of 598 answer passages
    marked, none lost; a Korean law's "... 다음과 같다." as a lead-in, one more (ko-535's definition of
    납북자); these rules as they now stand (a short lead-in to a list and a Chinese line with clauses
    read as sentences, not headings: `is_heading_line`), 548, none lost. With audit 22's fit half
    (2026-12-05), 569 -> 573 of 622: these mends, then the sentence left open before a list, then,
    among sentences that score alike, one closed by its punctuation before a line left open (a
    numbered label, "(3) Restriction on removal to a country where alien’s life or freedom would be
    threatened", before the sentence that says it); none lost.
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
    # (at a tie, a sentence closed by its punctuation, or leading into the next, before a line left
    # open: "(3) Restriction on removal to a country where alien’s life or freedom would be
    # threatened" is the text's label)
    best = max(range(len(spans)), key=lambda i: (prose[i], scores[i], -i))
    tied = [i for i in range(best, len(spans)) if prose[i] == prose[best] and scores[i] == scores[best]]
    if len(tied) > 1:
        best = next((i for i in tied if _CLOSING.search(text, *spans[i]) or _leads_in(text, spans[i])), best)
    if scores[best] <= 0:
        return ()
    answering = [i for i in typed if 0 <= i < len(spans) and prose[i] and scores[i] > 0]
    term_best = best
    if answering:
        best = max(answering, key=lambda i: (scores[i], -i))
    if max_spans >= 2:
        lead = _lead_in_at(text, spans, scores, best, ratio, typed_best=bool(answering))
        if lead is not None:
            return (Span(*spans[lead]), Span(spans[lead + 1][0], spans[_list_end(text, spans, lead + 1)][1]))
    chosen = [best]
    if abs(term_best - best) > 1 and scores[best] < ratio * scores[term_best]:
        chosen.append(term_best)  # the sentence naming what is asked, beside the one holding its type
    for j in (best - 1, best + 1):
        if (
            len(chosen) < max_spans
            and 0 <= j < len(spans)
            and scores[j] >= ratio * scores[best]
            and (prose[j] or not prose[best])
        ):
            chosen.append(j)
    return tuple(Span(spans[i][0], spans[i][1]) for i in sorted(chosen[:max_spans]))


def _lead_in_at(
    text: str,
    spans: Sequence[tuple[int, int]],
    scores: Sequence[float],
    best: int,
    ratio: float,
    *,
    typed_best: bool,
) -> int | None:
    """The sentence to mark as a lead-in with what follows it (`best_sentences`), or None: `best`
    itself, or the sentence after it when `best` is a label ("(11) Severe forms of trafficking in
    persons": a heading or a line without closing punctuation, never a sentence holding the answer
    type asked) and that one scores `ratio` of it. The sentence led into must be there and be no
    heading ("as follows:" before "Article 5" announces nothing the reader sees)."""

    def leads(i: int) -> bool:
        if i + 1 >= len(spans) or is_heading_line(text, *spans[i + 1]):
            return False
        if _leads_in(text, spans[i]):
            return True
        # a sentence left open before a list ("... a report that describes, with respect to each camp,
        # to the extent information is available" before "(1) the camp's estimated prisoner population;")
        return (
            _is_item(text, spans[i + 1])
            and not _is_item(text, spans[i])
            and not is_heading_line(text, *spans[i])
            and not _CLOSING.search(text, *spans[i])
        )

    if leads(best):
        return best
    label = is_heading_line(text, *spans[best]) or not _CLOSING.search(text, *spans[best])
    if not typed_best and label and leads(best + 1) and scores[best + 1] >= ratio * scores[best]:
        return best + 1
    return None


def _list_end(text: str, spans: Sequence[tuple[int, int]], first: int) -> int:
    """The last sentence of the list that starts at `spans[first]`: when that sentence is a list
    item ("(A) sex trafficking in which ...", "（一）管制；"), the items after it whose numbers follow
    in order (`corpus.numbering.successor`: "(B) ...", "（二）拘役；"; not "(12) ..." after "(A)", nor
    "(i) The term ..." after "(ii)"; a bullet repeats), at most `LIST_ITEMS` of them; else `first`.
    Only whole items are counted: a sentence inside an item, or a sub-item ("가." under "1."), ends
    the run."""
    last = first
    number = paragraph_number(text[slice(*spans[first])])
    if number is not None:
        families, value = set(number.families), number.value
        while last + 1 < len(spans) and last + 1 - first < LIST_ITEMS:
            after = paragraph_number(text[slice(*spans[last + 1])])
            if after is None:
                break
            families = {f for f in families if f in after.families and successor(f, value) == after.value}
            if not families:
                break
            value, last = after.value, last + 1
        return last
    bullet = _BULLET.match(text, *spans[first])
    while bullet and last + 1 < len(spans) and last + 1 - first < LIST_ITEMS:
        repeated = _BULLET.match(text, *spans[last + 1])
        if repeated is None or repeated.group() != bullet.group():
            break
        last += 1
    return last


def _is_item(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at `span` starts with a list item's marker (`_LIST_ITEM`)."""
    return _LIST_ITEM.match(text, span[0], span[1]) is not None


_BULLET = re.compile(r"[-*•·▪◦](?=\s)")


def term_weights(
    query_terms: Collection[str], df: Mapping[str, int], n_docs: int, shares: Mapping[str, float] | None
) -> dict[str, float]:
    """What a question term weighs in a sentence's score (`best_sentences`): its IDF (`df` of
    `n_docs` passages), times its share in `shares` (1 for a term not in it)."""
    return {t: idf(df.get(t, 0), n_docs) * (shares or {}).get(t, 1.0) for t in query_terms}
