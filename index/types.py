"""What a search takes and returns. Plain frozen dataclasses: the API and the web UI render them."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.models import Passage, SourceMeta


@dataclass(frozen=True)
class Filters:
    """Metadata filters; an empty tuple or None means "no constraint"."""

    source_ids: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date_from: str | None = None  # inclusive ISO prefix, e.g. "2020" or "2020-06-01"
    date_to: str | None = None  # inclusive ISO prefix

    def is_empty(self) -> bool:
        return not (self.source_ids or self.publishers or self.languages or self.date_from or self.date_to)


@dataclass(frozen=True)
class Query:
    question: str
    k: int = 5
    history: tuple[str, ...] = ()  # earlier questions of the conversation, oldest first
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class SourceRef:
    """A source as a citation names it."""

    id: str
    meta: SourceMeta


@dataclass(frozen=True)
class Span:
    """Offsets within a passage's text (not the source's)."""

    start: int
    end: int


@dataclass(frozen=True)
class Duplicate:
    """The same quote found in another source (collapsed into the hit that shows it)."""

    source: SourceRef
    passage: Passage


@dataclass(frozen=True)
class Hit:
    passage: Passage
    source: SourceRef
    score: float
    evidence: tuple[Span, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The result of a search.

    When `answered` is false, `hits` is empty and `related` may hold the closest passages, which
    must be shown as "related, not an answer".
    """

    question: str
    answered: bool
    hits: tuple[Hit, ...]
    related: tuple[Hit, ...]
    index_version: str
    took_ms: float
