"""Sentence boundaries with exact character offsets, chosen per paragraph by script.

Hangul-dominant paragraphs go to Kiwi, Han (or kana) text to a punctuation splitter, everything else
to pysbd's English rules. A splitter only proposes *cut positions*; the spans are always the trimmed
pieces between consecutive cuts in the original text, so no character is lost or duplicated whatever
a splitter returns, and offsets are exact by construction.
"""

from __future__ import annotations

import bisect
import functools
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from corpus.kiwi import get_kiwi
from corpus.script import HAN_OR_KANA_CHAR, HANGUL_CHAR, sentence_script

Span = tuple[int, int]

# Paragraphs longer than this are first cut into blocks at cheap boundaries, so that no splitter
# ever sees an unbounded input (pysbd and Kiwi are linear but slow: ~150 kB/s for pysbd).
_BLOCK_CHARS = 10_000
# Paragraphs longer than this skip pysbd and Kiwi altogether and use the cheap splitter only,
# so that a 50 MB single-line file costs regex time (seconds), not pysbd time (minutes).
_HUGE_CHARS = 200_000
# Runs without spaces are segmented into words in windows of this many characters, in pieces of
# the second size (a segmenter never sees an unbounded input).
_SEGMENT_WINDOW = 65_536
_SEGMENT_PIECE = 4_096
_RUN = re.compile(r"\S+")
# How far past its expected place a pysbd sentence is searched for before it is given up on.
_SEARCH_SLACK = 1_000

_BLANK_LINE = re.compile(r"\n(?:[^\S\n]*\n)+")
_SPACE = re.compile(r"\s")
_CLOSERS = "\"'”’)]」』）】"
_BRACKETS = ")]）】」』〉》"
# Chinese/Japanese sentence ends; Latin ones only when followed by whitespace (not "3.5", "U.N.").
_CJK_END = re.compile(rf"(?:[。！？!?]+|…+|[.!?](?=\s))[{re.escape(_CLOSERS)}]*")
# Cheap, language-agnostic ends for huge inputs and for cutting blocks.
_CHEAP_END = re.compile(rf"(?:[。！？]+[{re.escape(_CLOSERS)}]*)|(?:[.!?]+[{re.escape(_CLOSERS)}]*(?=\s))")
# A line whose last character (before closing quotes) is one of these ends its sentence.
_LINE_TERMINALS = frozenset(".!?。！？:;：；…")
# A line starting like this starts a list item, an article or a clause.
_ITEM_START = re.compile(
    r"[^\S\n]*(?:[-–—•·*▪●○◦]\s"
    r"|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6}|[가나다라마바사아자차카타파하])[.)]"
    r"|제\s?\d+\s?[조항호장절관편]"
    r"|第[一二三四五六七八九十百千零〇\d]+[条章节款项编]"
    r"|[一二三四五六七八九十百]+、"
    r"|[①-⑳])"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans over `text[start:end]`, as offsets into `text`.

    Spans are ascending, non-overlapping, start and end on non-space characters, and together cover
    every non-space character of the range. Blank lines always end a sentence.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValueError(f"span [{start}, {stop}) lies outside a text of {len(text)} characters")
    spans: list[Span] = []
    for a, b in paragraph_spans(text, start, stop):
        spans.extend(_split_paragraph(text, a, b))
    return spans


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The blank-line separated paragraphs of `text[start:end]`, trimmed, as offsets into `text`."""
    stop = len(text) if end is None else end
    cuts = [m.start() for m in _BLANK_LINE.finditer(text, start, stop)]
    return _trimmed_pieces(text, start, [*cuts, stop])


def _split_paragraph(text: str, a: int, b: int) -> list[Span]:
    seg = text[a:b]
    if len(seg) > _HUGE_CHARS:
        splitter: Callable[[str], list[int]] = _cheap_cuts
    else:
        splitter = {"ko": _kiwi_cuts, "zh": _cjk_cuts}.get(sentence_script(seg), _pysbd_cuts)
    cuts: set[int] = set(_line_cuts(seg))
    for ba, bb in _blocks(seg):
        cuts.update(ba + c for c in splitter(seg[ba:bb]) if 0 < c <= bb - ba)
        cuts.add(bb)
    return _trimmed_pieces(text, a, sorted(c + a for c in cuts))


def _trimmed_pieces(text: str, start: int, cuts: list[int]) -> list[Span]:
    """The non-empty, whitespace-trimmed pieces between `start` and each successive cut."""
    spans: list[Span] = []
    prev = start
    for cut in cuts:
        if cut <= prev:
            continue
        piece = text[prev:cut]
        stripped = piece.lstrip()
        if stripped:
            s = prev + len(piece) - len(stripped)
            spans.append((s, s + len(stripped.rstrip())))
        prev = cut
    return spans


def _blocks(seg: str) -> Iterator[Span]:
    """Cut `seg` into pieces of at most _BLOCK_CHARS, preferring sentence ends, then whitespace."""
    pos = 0
    while len(seg) - pos > _BLOCK_CHARS:
        lo, hi = pos + _BLOCK_CHARS // 2, pos + _BLOCK_CHARS
        cut = max((m.end() for m in _CHEAP_END.finditer(seg, lo, hi)), default=-1)
        if cut == -1:
            cut = max(seg.rfind(" ", lo, hi), seg.rfind("\n", lo, hi))
        if cut <= pos:
            cut = hi
        yield pos, cut
        pos = cut
    yield pos, len(seg)


def _line_cuts(seg: str) -> Iterator[int]:
    """Line breaks that end a sentence: after terminal punctuation or before a list item."""
    pos = seg.find("\n")
    line_start = 0
    while pos != -1:
        line = seg[line_start:pos].rstrip().rstrip(_CLOSERS)
        if (line and line[-1] in _LINE_TERMINALS) or _ITEM_START.match(seg, pos + 1):
            yield pos
        line_start = pos + 1
        pos = seg.find("\n", line_start)


@functools.cache
def _segmenter(language: str) -> Any:
    with warnings.catch_warnings():
        # pysbd 0.3.4 has invalid escapes ("\s") in non-raw strings: compiling it without cached
        # bytecode warns, which is an error where warnings are errors (our test suite).
        warnings.filterwarnings("ignore", "invalid escape sequence", DeprecationWarning)
        warnings.filterwarnings("ignore", "invalid escape sequence", SyntaxWarning)
        import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=False)


def _pysbd_cuts(block: str) -> list[int]:
    # pysbd treats every line break as a sentence end; line breaks are judged by _line_cuts instead.
    flat = block.replace("\n", " ")
    # `segment()` re-finds each sentence with a regex over the whole text (quadratic, and it drops
    # sentences it cannot find); the processor alone returns the sentence strings, mapped below.
    pieces: list[str] = _segmenter("en").processor(flat).process() or []
    return map_pieces(flat, pieces)


def map_pieces(text: str, pieces: list[str]) -> list[int]:
    """End offsets in `text` of `pieces`, consecutive pieces of it as returned by a splitter.

    Each piece is searched for forward from the previous end: verbatim, then ignoring whitespace.
    A piece that cannot be found gets no end of its own (its text joins the next piece).
    """
    ends: list[int] = []
    pos = 0
    for piece in pieces:
        want = piece.strip()
        if not want:
            continue
        p = pos
        while p < len(text) and text[p].isspace():
            p += 1
        if text.startswith(want, p):
            end = p + len(want)
        else:
            found = text.find(want, pos, p + len(want) + _SEARCH_SLACK)
            end = found + len(want) if found != -1 else _align_ignoring_space(text, p, want)
        if end > pos:
            ends.append(end)
            pos = end
    return ends


def _align_ignoring_space(text: str, start: int, want: str) -> int:
    """End of `want` matched at `start` with whitespace ignored on both sides, or -1."""
    i = start
    for ch in want:
        if ch.isspace():
            continue
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text) or text[i] != ch:
            return -1
        i += 1
    return i


def _kiwi_cuts(block: str) -> list[int]:
    # Kiwi reports offsets in code points of its input, which has the same length as `block`.
    sents = get_kiwi().split_into_sents(block.replace("\n", " "))
    return [int(s.end) for s in sents if not _ends_in_bracket(block, int(s.end))]


def _ends_in_bracket(block: str, cut: int) -> bool:
    """Whether `cut` follows a closing bracket with no sentence-final punctuation before it.

    Kiwi ends a sentence at a definition such as `(이하 "난민협약"이라 한다)` in the middle of a
    legal sentence; a real sentence that ends in a bracket has its period inside or after it.
    """
    tail = block[max(0, cut - 16) : cut].rstrip()
    if not tail or tail[-1] not in _BRACKETS:
        return False
    core = tail.rstrip(_CLOSERS + _BRACKETS)
    return not core or core[-1] not in _LINE_TERMINALS


def _cjk_cuts(block: str) -> list[int]:
    return [m.end() for m in _CJK_END.finditer(block)]


def _cheap_cuts(block: str) -> list[int]:
    return [m.end() for m in _CHEAP_END.finditer(block)]


def split_by_budget(
    text: str, start: int, end: int, budget: int, count_tokens: Callable[[str], int]
) -> list[tuple[int, int, int]]:
    """Cut `text[start:end]` (one over-long sentence) into pieces of at most `budget` tokens.

    Pieces end at word ends, at a line break or after a comma or semicolon when that costs little.
    A run without spaces is cut between its words (Chinese words by jieba, Korean morphemes by
    Kiwi); only a single word over the budget is cut between characters, and then the next piece
    starts one character early, so that no two adjacent characters (a bigram of the analyzer) are
    parted. Returns (start, end, tokens) per piece, trimmed, ascending; consecutive pieces overlap
    by one character only at such a forced cut. The search is galloping plus interpolation on the
    counter, so a piece costs a handful of counts whatever the length of the input. Only a single
    character over the budget can exceed it.
    """
    pieces: list[tuple[int, int, int]] = []
    words = WordStarts(text)
    pos = _skip_space(text, start, end)
    guess = 4 * budget
    while pos < end:
        cut, tokens, forced = _fit(text, pos, end, budget, count_tokens, guess, words)
        nicer = _nicer_cut(text, pos, cut) if cut < end else cut
        if nicer != cut:
            cut, tokens, forced = nicer, count_tokens(text[pos:nicer]), False
        pieces.append((pos, cut, tokens))
        guess = max(8, (cut - pos) * 9 // 8)
        pos = cut - 1 if forced and cut - pos >= 2 else _skip_space(text, cut, end)
    return pieces


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


class WordStarts:
    """Where words start inside the runs without spaces of a text, found window by window.

    Han runs are segmented by jieba (rjieba) when it is installed, Hangul runs by Kiwi's morphemes;
    other runs (and Han without jieba) have no inner word starts.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lo = self._hi = -1
        self._starts: list[int] = []

    def between(self, a: int, b: int) -> list[int]:
        """Word starts in the open range (a, b), ascending."""
        if not (self._lo <= a and b <= self._hi):
            self._lo, self._hi = a, min(len(self.text), max(b, a + _SEGMENT_WINDOW))
            self._starts = _segment(self.text, self._lo, self._hi)
        return self._starts[bisect.bisect_right(self._starts, a) : bisect.bisect_left(self._starts, b)]


def _segment(text: str, lo: int, hi: int) -> list[int]:
    starts: list[int] = []
    for m in _RUN.finditer(text, lo, hi):
        for a in range(m.start(), m.end(), _SEGMENT_PIECE):
            b = min(m.end(), a + _SEGMENT_PIECE)
            piece = text[a:b]
            if a > m.start():
                starts.append(a)
            if HAN_OR_KANA_CHAR.search(piece):
                starts.extend(a + s for s in _jieba_starts(piece) if s > 0)
            elif HANGUL_CHAR.search(piece):
                starts.extend(a + s for s in _kiwi_starts(piece) if s > 0)
    return sorted(set(starts))


def _jieba_starts(piece: str) -> list[int]:
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba is a dependency; without it Han is cut anywhere
        return []
    return [int(s) for _, s, _ in rjieba.tokenize(piece)]


def _kiwi_starts(piece: str) -> list[int]:
    starts: list[int] = []
    reached = 0
    for token in get_kiwi().tokenize(piece):
        start = int(token.start)
        if start >= reached:
            starts.append(start)
        reached = max(reached, start + int(token.len))
    return starts


def _fit(
    text: str, pos: int, end: int, budget: int, count: Callable[[str], int], guess: int, words: WordStarts
) -> tuple[int, int, bool]:
    """The (nearly) longest prefix `text[pos:cut]` within `budget`, as (cut, tokens, forced).

    Cuts are word ends, or word starts inside the first word when it is a run of several words
    (Chinese or Korean without spaces); only when the first of those alone is over the budget is
    the cut anywhere between characters, and `forced` is then True. The first word is looked for
    within a bounded window, so a run of megabytes without spaces costs a window per piece.
    """
    window = pos + max(64 * budget, 4 * guess)
    space = _SPACE.search(text, pos, min(end, window))
    first_end = space.start() if space else min(end, window)
    inner = words.between(pos, first_end)
    found = _longest(text, pos, end, budget, count, guess, first_end, inner)
    if found is not None:
        return found[0], found[1], False
    found = _longest(text, pos, end, budget, count, guess, first_end, None)
    if found is None:  # not even one character fits: take it anyway, or nothing would progress
        return pos + 1, count(text[pos : pos + 1]), False
    cut = found[0]
    forced = cut < end and not text[cut].isspace() and not text[cut - 1].isspace()
    return found[0], found[1], forced


def _longest(
    text: str,
    pos: int,
    end: int,
    budget: int,
    count: Callable[[str], int],
    guess: int,
    first_end: int,
    inner: list[int] | None,
) -> tuple[int, int] | None:
    """`_fit`'s search: cuts inside the first word at `inner` word starts only, or anywhere if None."""

    def snap(x: int, floor: int) -> int:
        """The last cut in (floor, x], or `floor` when there is none."""
        if x <= first_end:
            q = x
        else:
            q = x
            if q < end and not text[q].isspace():
                while q > first_end and not text[q - 1].isspace():
                    q -= 1
            while q > first_end and text[q - 1].isspace():
                q -= 1
        if inner is not None and q <= first_end and q < end and not text[q].isspace():
            i = bisect.bisect_right(inner, q)
            q = inner[i - 1] if i else floor
        return max(q, floor)

    lo, lo_n = pos, 0
    hi, hi_n = -1, 0
    step = max(1, guess)
    while hi == -1:  # gallop until a prefix does not fit (or the whole text does)
        q = snap(min(end, pos + step), lo)
        if q > lo:
            n = count(text[pos:q])
            if n > budget:
                hi, hi_n = q, n
                break
            lo, lo_n = q, n
            if q == end:
                return lo, lo_n
        elif pos + step >= end:
            break
        step *= 2
    if hi == -1:
        return None
    rounds = 0
    while hi - lo > max(1, (lo - pos) // 16):
        if rounds < 2 and hi_n > lo_n:  # interpolate on the counts, then bisect
            x = lo + (hi - lo) * (budget - lo_n) // (hi_n - lo_n)
        else:
            x = (lo + hi) // 2
        x = min(max(x, lo + 1), hi - 1)
        q = snap(x, lo)
        if q <= lo:  # no cut in (lo, x]: try the first word end after x
            q = _skip_space(text, x, hi)
            while q < hi and not text[q].isspace():
                q += 1
        if not lo < q < hi:
            break
        rounds += 1
        n = count(text[pos:q])
        if n <= budget:
            lo, lo_n = q, n
        else:
            hi, hi_n = q, n
    return (lo, lo_n) if lo > pos else None


def _nicer_cut(text: str, pos: int, cut: int) -> int:
    """A line break in the last half before `cut`, else a clause end in its last quarter, else `cut`."""
    size = cut - pos
    for floor, marks in ((pos + size // 2, "\n"), (pos + size * 3 // 4, ",;:，；：、")):
        for i in range(cut - 1, floor, -1):
            ch = text[i]
            if ch in marks and (ch in "\n，；：、" or text[i + 1].isspace()):
                q = i if ch == "\n" else i + 1
                while q > pos and text[q - 1].isspace():
                    q -= 1
                if q > pos:
                    return q
    return cut
