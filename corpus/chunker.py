"""Cut a source into passages: sentence-aware, sized in model tokens, one section at a time.

How a source becomes passages:
1. Blocks (`corpus.blocks`): the source's paragraphs less its non-prose (reference lists, captions,
   credit lines, navigation, tables of contents), cut at every heading line, at table edges and at
   page starts that fall at a paragraph break. A sentence running across a page break stays whole.
2. A block within `target_tokens` is one chunk; a longer one is split into sentences (a table into
   its rows; a sentence over `max_tokens` into pieces at word or, failing that, character
   boundaries), and the sentences are grouped into chunks of about equal size, each within the
   target where possible; a labelled field (a label ending in a colon, "Life expectancy at birth:",
   and the lines under it) is not cut: it starts the chunk of the lines it introduces rather than
   ending the one before, and its lines stay together.
3. A heading (a chunk of heading lines only, or under `min_tokens` and not ending a sentence:
   "Article 5", "제1조 (목적)", "Population:") is joined to the chunk after it, across heading
   starts but never across a page break, a table end or non-prose. Consecutive chunks of
   different paragraphs of one section are then merged while the result stays within the target;
   a chunk still under `min_tokens` joins its neighbour in the section even past the target
   (never past `max_tokens`). So no passage runs across an article or section boundary.
4. Every passage is checked with the real counter; one over `max_tokens` is split again.
5. Each passage gets `section` (the headings it stands under), `context` (the header row of the
   table it starts in, past that row), `page` and `page_end` (when it runs onto a later page).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.blocks import Block, Layout, layout_of
from corpus.models import Passage, Source
from corpus.sentences import Span, split_by_budget, split_sentences

CHUNKER_VERSION = "5"
DEFAULT_TARGET_TOKENS = 160
DEFAULT_MIN_TOKENS = 24

_TERMINALS = frozenset(".!?。！？…;；")
_CLOSERS = "\"'”’)]」』）】"
# Longer blocks are not counted whole (they are assumed to be over the target and split).
_WHOLE_COUNT_CHARS = 20_000


@dataclass
class _Chunk:
    start: int
    end: int
    tokens: int  # sum of the units' counts: an estimate once units are joined
    para: int
    group: int  # chunks of one group may merge (see corpus.blocks.Block)
    glue: int  # a heading chunk may join the next chunk of its glue group
    heading: bool  # made of heading lines only
    units: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, tokens)


class Chunker:
    """Cuts `Source`s into `Passage`s sized for an embedding model.

    All sizes are in tokens of the embedding model, as `count_tokens` counts them.

    Args:
        count_tokens: the model's token counter (special tokens excluded).
        max_tokens: hard limit per passage (the model's input limit), at least 1.
        target_tokens: preferred passage size; paragraphs are merged only up to it; 1..max_tokens.
            Default: min(DEFAULT_TARGET_TOKENS, max_tokens) (160).
        min_tokens: smaller chunks (headings, one-line paragraphs) always join a neighbour when
            the result fits in `max_tokens`; 0..target_tokens. Default: min(DEFAULT_MIN_TOKENS,
            target_tokens) (24).

    Raises:
        ValueError: `count_tokens` is not callable, a size is not an int (bools refused), or a size
            is outside its range.
    """

    def __init__(
        self,
        count_tokens: Callable[[str], int],
        max_tokens: int,
        *,
        target_tokens: int | None = None,
        min_tokens: int | None = None,
    ) -> None:
        if not callable(count_tokens):
            raise ValueError(f"count_tokens must be a callable str -> int, got {count_tokens!r}")
        _check_int("max_tokens", max_tokens)
        if max_tokens < 1:
            raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
        target = min(DEFAULT_TARGET_TOKENS, max_tokens) if target_tokens is None else target_tokens
        _check_int("target_tokens", target)
        if not 1 <= target <= max_tokens:
            raise ValueError(f"target_tokens must be between 1 and max_tokens={max_tokens}, got {target}")
        minimum = min(DEFAULT_MIN_TOKENS, target) if min_tokens is None else min_tokens
        _check_int("min_tokens", minimum)
        if not 0 <= minimum <= target:
            raise ValueError(f"min_tokens must be between 0 and target_tokens={target}, got {minimum}")
        self.count_tokens = count_tokens
        self.max_tokens = max_tokens
        self.target_tokens = target
        self.min_tokens = minimum

    def chunk(self, source: Source) -> list[Passage]:
        """The passages of `source`, in order; `text == source.text[char_start:char_end]`.

        Passages cover all of the source's prose (everything outside its non-prose regions) and
        nothing else; consecutive passages overlap only by one character where a run without
        spaces had to be cut between characters. How the cuts are chosen is in the module docstring.

        Args:
            source: an ingested source; its canonical `text`, `pages`, `paragraphs` and `regions` are
                read (nothing is read from disk).

        Returns:
            The passages, `ordinal` 0, 1, 2, ...; offsets in characters of `source.text`; each within
            `max_tokens` by `count_tokens`, except a single character that alone counts more. Ids
            are `passage_id(source.id, text, occurrence)`. Empty when the source has no prose.
        """
        text = source.text
        layout = layout_of(source)
        chunks: list[_Chunk] = []
        for block in layout.blocks:
            chunks.extend(self._block_chunks(text, block, layout))
        merged = self._merge(self._attach_headings(text, chunks))
        spans = [span for c in merged for span in self._enforce_max(text, c.units)]
        return _passages(source, spans, layout)

    def _block_chunks(self, text: str, block: Block, layout: Layout) -> list[_Chunk]:
        a, b = block.start, block.end
        heading = layout.heading_only(a, b, text)

        def make(units: list[tuple[int, int, int]]) -> _Chunk:
            tokens = sum(u[2] for u in units)
            return _Chunk(
                units[0][0], units[-1][1], tokens, block.para, block.group, block.glue, heading, units
            )

        if b - a <= _WHOLE_COUNT_CHARS:
            tokens = self.count_tokens(text[a:b])
            if tokens <= self.target_tokens:
                return [make([(a, b, tokens)])]
        if block.table:
            pieces = _rows(text, a, b)
        else:
            pieces = [piece for s, e in split_sentences(text, a, b) for piece in _labels_apart(text, s, e)]
        units: list[tuple[int, int, int]] = []
        for s, e in pieces:
            tokens = self.count_tokens(text[s:e]) if e - s <= _WHOLE_COUNT_CHARS else self.max_tokens + 1
            if tokens <= self.max_tokens:
                units.append((s, e, tokens))
            else:
                units.extend(self._split_long(text, s, e, tokens))
        return [make(g) for g in self._balance(text, units)]

    def _split_long(self, text: str, s: int, e: int, tokens: int) -> list[tuple[int, int, int]]:
        """Pieces of one over-long sentence, of about equal size (each within `max_tokens`)."""
        parts = math.ceil(tokens / self.target_tokens)
        goal = math.ceil(tokens / parts)
        budget = min(self.max_tokens, goal + goal // 8)
        return split_by_budget(text, s, e, budget, self.count_tokens)

    def _balance(self, text: str, units: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
        """Consecutive groups of units, each within the target where possible, of about equal size.
        A labelled field (a label ending in a colon, "Median age:", and the lines under it that start
        no field of their own: "total: 36.2 years", "male: 34.5 years", `_continues`) is not cut: a
        cut that would fall inside it falls before its label instead, and a group that starts with
        the field keeps its lines past the target (up to `max_tokens`)."""
        groups: list[list[tuple[int, int, int]]] = []
        remaining = sum(u[2] for u in units)
        goal = remaining / max(1, math.ceil(remaining / self.target_tokens))
        cur: list[tuple[int, int, int]] = []
        size = 0
        field: int | None = None  # where the open field's label stands in `cur`
        for unit in units:
            t = unit[2]
            # a label's first line is always its own; later lines while they go on (`_continues`)
            inside = field is not None and (field == len(cur) - 1 or _continues(text, unit))
            if not inside:
                field = None
            cut_before = bool(cur) and (
                size + t > self.target_tokens or (size + t > goal and size + t - goal > goal - size)
            )
            if cut_before and inside and field == 0 and size + t <= self.max_tokens:
                cut_before = False  # the field this group starts with keeps its lines, past the target
            if cut_before:
                # the open field's lines (a label that would end the group, at least) go to the next
                # group with this one, unless the field fills the group from its start
                moved = field if inside and field else None
                carried = cur[moved:] if moved is not None else []
                groups.append(cur[: len(cur) - len(carried)])
                remaining -= size - sum(u[2] for u in carried)
                goal = remaining / max(1, math.ceil(remaining / self.target_tokens))
                cur, size = list(carried), sum(u[2] for u in carried)
                field = 0 if carried else None
            cur.append(unit)
            size += t
            if _ends_label(text, unit) and not inside:  # (a sub-label, "revenues:", stays in its field)
                field = len(cur) - 1
        if cur:
            groups.append(cur)
        return groups

    def _attach_headings(self, text: str, chunks: list[_Chunk]) -> list[_Chunk]:
        """Join each heading (heading lines, or a small chunk not ending a sentence) to the next chunk."""
        out: list[_Chunk] = []
        pending: _Chunk | None = None
        for ch in chunks:
            heading = ch.heading or (ch.tokens < self.min_tokens and _is_open(text, ch.end))
            if (
                pending is not None
                and pending.glue == ch.glue
                and (pending.group == ch.group or pending.heading)
                and pending.tokens + ch.tokens <= self.max_tokens
            ):
                ch = _join(pending, ch)
            elif pending is not None:
                out.append(pending)
            pending = None
            if heading:
                pending = ch
            else:
                out.append(ch)
        if pending is not None:
            out.append(pending)
        return out

    def _merge(self, chunks: list[_Chunk]) -> list[_Chunk]:
        """Join consecutive chunks of one page: paragraphs up to the target, small ones up to the max."""
        out: list[_Chunk] = []
        cur: _Chunk | None = None
        for ch in chunks:
            if cur is not None and cur.group == ch.group and self._joins(cur, ch):
                cur = _join(cur, ch)
                continue
            if cur is not None:
                out.append(self._absorb_small(out, cur))
            cur = ch
        if cur is not None:
            out.append(self._absorb_small(out, cur))
        return out

    def _joins(self, cur: _Chunk, ch: _Chunk) -> bool:
        size = cur.tokens + ch.tokens
        if cur.tokens < self.min_tokens:
            return size <= self.max_tokens
        return cur.para != ch.para and size <= self.target_tokens

    def _absorb_small(self, out: list[_Chunk], cur: _Chunk) -> _Chunk:
        """A small chunk that could not join what follows joins the passage before it, if it fits."""
        prev = out[-1] if out else None
        if (
            prev is not None
            and cur.tokens < self.min_tokens
            and prev.group == cur.group
            and prev.tokens + cur.tokens <= self.max_tokens
        ):
            out.pop()
            return _join(prev, cur)
        return cur

    def _enforce_max(self, text: str, units: list[tuple[int, int, int]]) -> list[Span]:
        """Spans of the passage made of `units`, split until each counts within `max_tokens`."""
        start, end = units[0][0], units[-1][1]
        if len(units) == 1:
            if units[0][2] <= self.max_tokens:
                return [(start, end)]
            pieces = split_by_budget(text, start, end, self.max_tokens, self.count_tokens)
            if len(pieces) == 1:  # nothing smaller can be cut (a single character over the limit)
                return [(start, end)]
            return [(s, e) for s, e, _ in pieces]
        if self.count_tokens(text[start:end]) <= self.max_tokens:
            return [(start, end)]
        half = sum(u[2] for u in units) / 2
        k, acc = 1, units[0][2]
        while k < len(units) - 1 and acc < half:
            acc += units[k][2]
            k += 1
        return self._enforce_max(text, units[:k]) + self._enforce_max(text, units[k:])


def _check_int(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an int, got {value!r}")


def _is_open(text: str, end: int) -> bool:
    """Whether the text before `end` does not finish a sentence (as a heading or a label does)."""
    tail = text[max(0, end - 8) : end].rstrip(_CLOSERS)
    return not tail or tail[-1] not in _TERMINALS


def _ends_label(text: str, unit: tuple[int, int, int]) -> bool:
    """Whether a unit (a sentence or line) is a label introducing what follows: it ends with a colon."""
    return text[unit[0] : unit[1]].rstrip().endswith((":", "："))


def _labels_apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut before each of its later lines that is a capitalised label ending in a colon:
    lines without closing punctuation run together as one sentence ("male: 16.9 deaths\nLife
    expectancy at birth:"), and a label must be able to start the passage of its field. (A wrapped
    line of prose that ends in a colon starts in lower case and stays.)"""
    out: list[tuple[int, int]] = []
    s = start
    pos = text.find("\n", start, end)
    while pos != -1:
        nxt = text.find("\n", pos + 1, end)
        line_end = nxt if nxt != -1 else end
        line = text[pos + 1 : line_end].strip()
        if line[:1].isupper() and line.endswith((":", "：")) and text[s:pos].strip():
            before = len(text[s:pos].rstrip()) + s  # pieces start and end on text, as sentences do
            out.append((s, before))
            s = pos + 1 + (len(text[pos + 1 : line_end]) - len(text[pos + 1 : line_end].lstrip()))
        pos = nxt
    out.append((s, end))
    return out


def _continues(text: str, unit: tuple[int, int, int]) -> bool:
    """Whether a unit after a label goes on with its lines rather than starting the next field: it
    starts with a lower-case letter or a digit ("total: 36.2 years", "male: 34.5 years\nfemale: ...",
    "1.8 children born/woman"); a field of its own starts with a capital ("Birth rate: 12.99"), and a
    numbered item ("2. ...") is the list's next item. (Korean and Chinese lines have no case: only a
    label's first line stays with it there.)"""
    piece = text[unit[0] : unit[1]].lstrip()
    if _NUMBERED.match(piece):
        return False  # "2. carry out ...": the next item of a list, not a line of the field above
    return bool(piece) and (piece[0].islower() or piece[0].isdigit())


_NUMBERED = re.compile(r"\d{1,3}[.)]\s")


def _join(a: _Chunk, b: _Chunk) -> _Chunk:
    return _Chunk(
        a.start,
        b.end,
        a.tokens + b.tokens,
        b.para,
        b.group,
        b.glue,
        a.heading and b.heading,
        a.units + b.units,
    )


def _rows(text: str, a: int, b: int) -> list[Span]:
    """The lines of a table block, trimmed: a table is cut between rows, never inside one."""
    spans: list[Span] = []
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        stop = b if nl == -1 else nl
        piece = text[pos:stop]
        if piece.strip():
            s = pos + len(piece) - len(piece.lstrip())
            spans.append((s, s + len(piece.strip())))
        pos = stop + 1
    return spans


def _passages(source: Source, spans: list[Span], layout: Layout) -> list[Passage]:
    seen: Counter[str] = Counter()
    passages: list[Passage] = []
    for ordinal, (s, e) in enumerate(spans):
        text = source.text[s:e]
        occurrence = seen[text]
        seen[text] += 1
        page = source.page_at(s)
        last = source.page_at(e - 1)
        passages.append(
            Passage(
                id=passage_id(source.id, text, occurrence),
                source_id=source.id,
                text=text,
                char_start=s,
                char_end=e,
                page=page,
                ordinal=ordinal,
                page_end=last if last != page else None,
                section=layout.section(s, e, source.text),
                context=layout.context(s, source.text),
            )
        )
    return passages


def passage_id(source_id: str, text: str, occurrence: int) -> str:
    """sha256 of (chunker version, source id, text, occurrence of that text in the source), hex."""
    h = hashlib.sha256()
    for part in (CHUNKER_VERSION, source_id, text, str(occurrence)):
        data = part.encode("utf-8")
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()
