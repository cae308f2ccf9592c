"""Cut a source into passages: sentence-aware, sized in model tokens, never across a page.

How a source becomes passages:
1. Blocks: the source's paragraphs (any stray text between them becomes a paragraph too), cut at
   page starts so that no passage can span two pages.
2. A block within `target_tokens` is one chunk; a longer one is split into sentences (a sentence
   over `max_tokens` into pieces at word or, failing that, character boundaries), and the sentences
   are grouped into chunks of about equal size, each within the target where possible.
3. A heading (a chunk under `min_tokens` that does not end a sentence: "Article 5", "제1조 (목적)",
   "Population:") is joined to the chunk after it. Consecutive chunks of different paragraphs on one
   page are then merged while the result stays within the target; a chunk still under `min_tokens`
   joins its neighbour even past the target (never past `max_tokens`).
4. Every passage is checked with the real counter; one over `max_tokens` is split again.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.models import Passage, Source
from corpus.sentences import Span, paragraph_spans, split_by_budget, split_sentences

CHUNKER_VERSION = "1"
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
    page: int | None
    para: int
    units: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, tokens)


class Chunker:
    """Cuts `Source`s into `Passage`s sized for an embedding model.

    Args:
        count_tokens: the model's token counter (special tokens excluded).
        max_tokens: hard limit per passage (the model's input limit).
        target_tokens: preferred passage size; paragraphs are merged only up to it.
            Default: min(DEFAULT_TARGET_TOKENS, max_tokens).
        min_tokens: smaller chunks (headings, one-line paragraphs) always join a neighbour when
            the result fits in `max_tokens`. Default: min(DEFAULT_MIN_TOKENS, target_tokens).
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
        """The passages of `source`, in order; `text == source.text[char_start:char_end]`."""
        text = source.text
        chunks: list[_Chunk] = []
        for para, (a, b) in enumerate(_blocks(source)):
            chunks.extend(self._paragraph_chunks(text, a, b, source.page_at(a), para))
        merged = self._merge(self._attach_headings(text, chunks))
        spans = [span for c in merged for span in self._enforce_max(text, c.units)]
        return _passages(source, spans)

    def _paragraph_chunks(self, text: str, a: int, b: int, page: int | None, para: int) -> list[_Chunk]:
        if b - a <= _WHOLE_COUNT_CHARS:
            tokens = self.count_tokens(text[a:b])
            if tokens <= self.target_tokens:
                return [_Chunk(a, b, tokens, page, para, [(a, b, tokens)])]
        units: list[tuple[int, int, int]] = []
        for s, e in split_sentences(text, a, b):
            tokens = self.count_tokens(text[s:e]) if e - s <= _WHOLE_COUNT_CHARS else self.max_tokens + 1
            if tokens <= self.max_tokens:
                units.append((s, e, tokens))
            else:
                units.extend(self._split_long(text, s, e, tokens))
        return [_Chunk(g[0][0], g[-1][1], sum(u[2] for u in g), page, para, g) for g in self._balance(units)]

    def _split_long(self, text: str, s: int, e: int, tokens: int) -> list[tuple[int, int, int]]:
        """Pieces of one over-long sentence, of about equal size (each within `max_tokens`)."""
        parts = math.ceil(tokens / self.target_tokens)
        goal = math.ceil(tokens / parts)
        budget = min(self.max_tokens, goal + goal // 8)
        return split_by_budget(text, s, e, budget, self.count_tokens)

    def _balance(self, units: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
        """Consecutive groups of units, each within the target where possible, of about equal size."""
        groups: list[list[tuple[int, int, int]]] = []
        remaining = sum(u[2] for u in units)
        goal = remaining / max(1, math.ceil(remaining / self.target_tokens))
        cur: list[tuple[int, int, int]] = []
        size = 0
        for unit in units:
            t = unit[2]
            cut_before = bool(cur) and (
                size + t > self.target_tokens or (size + t > goal and size + t - goal > goal - size)
            )
            if cut_before:
                groups.append(cur)
                remaining -= size
                goal = remaining / max(1, math.ceil(remaining / self.target_tokens))
                cur, size = [], 0
            cur.append(unit)
            size += t
        if cur:
            groups.append(cur)
        return groups

    def _attach_headings(self, text: str, chunks: list[_Chunk]) -> list[_Chunk]:
        """Join each heading (a small chunk not ending a sentence) to the chunk after it."""
        out: list[_Chunk] = []
        pending: _Chunk | None = None
        for ch in chunks:
            heading = ch.tokens < self.min_tokens and _is_open(text, ch.end)
            if (
                pending is not None
                and pending.page == ch.page
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
            if cur is not None and cur.page == ch.page and self._joins(cur, ch):
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
            and prev.page == cur.page
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


def _join(a: _Chunk, b: _Chunk) -> _Chunk:
    return _Chunk(a.start, b.end, a.tokens + b.tokens, a.page, b.para, a.units + b.units)


def _blocks(source: Source) -> list[Span]:
    """The source's paragraphs plus any text between them, trimmed and cut at page starts."""
    text = source.text
    paras = _valid_paragraphs(source)
    spans: list[Span] = []
    prev = 0
    for a, b in paras:
        spans.extend(paragraph_spans(text, prev, a))  # stray text outside the declared paragraphs
        spans.extend(_trim(text, a, b))
        prev = b
    spans.extend(paragraph_spans(text, prev, len(text)))
    if len(source.pages) > 1:
        spans = [piece for span in spans for piece in _cut_at_pages(text, span, source.pages)]
    return spans


def _valid_paragraphs(source: Source) -> list[Span]:
    """The declared paragraphs if they are ordered, disjoint and inside the text, else none."""
    prev = 0
    for a, b in source.paragraphs:
        if not prev <= a <= b <= len(source.text):
            return []
        prev = b
    return list(source.paragraphs)


def _trim(text: str, a: int, b: int) -> list[Span]:
    piece = text[a:b]
    stripped = piece.strip()
    if not stripped:
        return []
    s = a + len(piece) - len(piece.lstrip())
    return [(s, s + len(stripped))]


def _cut_at_pages(text: str, span: Span, pages: tuple[int, ...]) -> list[Span]:
    a, b = span
    inner = pages[bisect.bisect_right(pages, a) : bisect.bisect_left(pages, b)]
    if not inner:
        return [span]
    bounds = [a, *inner, b]
    return [piece for x, y in itertools.pairwise(bounds) for piece in _trim(text, x, y)]


def _passages(source: Source, spans: list[Span]) -> list[Passage]:
    seen: Counter[str] = Counter()
    passages: list[Passage] = []
    for ordinal, (s, e) in enumerate(spans):
        text = source.text[s:e]
        occurrence = seen[text]
        seen[text] += 1
        passages.append(
            Passage(
                id=passage_id(source.id, text, occurrence),
                source_id=source.id,
                text=text,
                char_start=s,
                char_end=e,
                page=source.page_at(s),
                ordinal=ordinal,
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
