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

MIN_WRAP = 30  # narrower "wrap columns" are columns of a table or a list, not wrapped prose
MAX_WRAP = 130  # wider lines are written unwrapped
_MAX_PASSES = 8  # each pass joins lines; stop early once a pass changes nothing

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

    Clearly hard-wrapped means: enough long lines, most of them ragged near one width, few lines far
    beyond it, and most of them ending mid-sentence (one paragraph or article per line ends with a
    full stop instead).
    """
    widths = [display_width(line) for line in lines if line]
    long = sorted(w for w in widths if w >= MIN_WRAP * 0.6)
    if len(long) < 5:
        return None
    width = long[(len(long) - 1) * 9 // 10]
    if not MIN_WRAP <= width <= MAX_WRAP:
        return None
    near = [w for w in long if 0.8 * width <= w <= 1.1 * width]
    considered = [w for w in widths if w >= width // 2]
    if len(near) < 5 or len(near) < 0.6 * len(considered) or len(set(near)) < 3:
        return None
    if sum(w > 1.25 * width for w in widths) > 0.1 * len(widths):
        return None
    mid_sentence = 0
    followed = 0
    for line, nxt in itertools.pairwise(lines):
        if line and nxt and 0.8 * width <= display_width(line) <= 1.1 * width:
            followed += 1
            mid_sentence += _SENTENCE_END.search(line) is None
    if followed < 4 or mid_sentence < 0.5 * followed:
        return None
    return _Wrap(width=width, widest=max(near))


def _continues(line: str, nxt: str, wrap: _Wrap) -> bool:
    """Whether the break between `line` and `nxt` was forced by the wrap column."""
    if _BLOCK_START.match(nxt) or line.startswith(("#", "|", "```")):
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


def _unwrap_block(lines: list[str], wrap: _Wrap) -> str:
    """Join the wrapped lines of one block (lines without a blank line between them).

    A block holding several wrapped paragraphs (a text that never used blank lines) gets a blank
    line around each of them, so that its paragraphs become blocks of their own.
    """
    paragraphs: list[tuple[str, bool]] = []  # (text, made of several lines)
    current, joined = lines[0], False
    for prev, nxt in itertools.pairwise(lines):
        if _continues(prev, nxt, wrap):
            current += _joiner(prev, nxt) + nxt
            joined = True
        else:
            paragraphs.append((current, joined))
            current, joined = nxt, False
    paragraphs.append((current, joined))
    if sum(j for _, j in paragraphs) < 2:
        return "\n".join(text for text, _ in paragraphs)
    groups: list[list[str]] = []
    for i, (text, joined) in enumerate(paragraphs):
        if joined or not groups or paragraphs[i - 1][1]:
            groups.append([text])
        else:
            groups[-1].append(text)
    return "\n\n".join("\n".join(group) for group in groups)


def _unwrap_once(text: str) -> str:
    wrap = detect_wrap(text.split("\n"))
    if wrap is None:
        return text
    return "\n\n".join(_unwrap_block(block.split("\n"), wrap) for block in text.split("\n\n"))


def unwrap_hard_wraps(text: str) -> str:
    """Join hard-wrapped paragraph lines of a whitespace-tidy text (see the module docstring)."""
    for _ in range(_MAX_PASSES):
        joined = _unwrap_once(text)
        if joined == text:
            break
        text = joined
    return text
