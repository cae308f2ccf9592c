"""The templates' contract: one frozen dataclass per page (and per repeated part of a page).

Routes build these and pass them to a template as `page`; tests assert on them through
`response.context["page"]`. Every string that a template shows as an answer is either an exact span
of a source's text (`Segment.text`) or source metadata; labels live in the templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corpus.loaders import SUPPORTED_EXTENSIONS


@dataclass(frozen=True)
class SourceRow:
    """A source as the collection table, the viewer header and the admin page list it."""

    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    license: str | None
    language: str
    path: str
    origin: str  # "collection" or "uploads"
    passages: int
    indexed_at: str


@dataclass(frozen=True)
class Segment:
    """A run of verbatim text; `mark` highlights it (evidence, a cited span, a figure)."""

    text: str
    mark: bool = False
    anchor: bool = False  # the first highlighted run of a source viewer: the scroll target


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    publisher: str | None
    date: str | None
    place: str | None  # "p. 3", "¶ 12" or a character range
    license: str | None
    language: str
    url: str | None  # only http(s) URLs; anything else is dropped
    href: str  # the source viewer at this passage
    text: str  # the plain-text citation that the copy button copies


@dataclass(frozen=True)
class AlsoIn:
    """The same quote found in another source (a collapsed duplicate)."""

    title: str
    date: str | None
    href: str


@dataclass(frozen=True)
class QuoteView:
    dom_id: str
    passage_id: str
    text: str  # exactly the passage text (== "".join(s.text for s in segments))
    segments: tuple[Segment, ...]
    lang: str | None
    citation: Citation
    also_in: tuple[AlsoIn, ...] = ()


@dataclass(frozen=True)
class FigureCell:
    """One source's evidence in the side-by-side comparison; numbers are marked, nothing is merged."""

    title: str
    date: str | None
    publisher: str | None
    href: str
    lang: str | None
    spans: tuple[tuple[Segment, ...], ...]  # each an exact evidence span, split around its numbers


@dataclass(frozen=True)
class Turn:
    number: int
    question: str
    question_lang: str | None
    answered: bool
    quotes: tuple[QuoteView, ...] = ()
    related: tuple[QuoteView, ...] = ()
    comparison: tuple[FigureCell, ...] = ()  # empty unless 2+ sources give figures
    took_ms: float = 0.0
    index_version: str = ""
    latest: bool = False

    @property
    def dom_id(self) -> str:
        return f"turn-{self.number}"


@dataclass(frozen=True)
class FilterValues:
    source: str = ""
    publisher: str = ""
    language: str = ""
    date_from: str = ""
    date_to: str = ""

    @property
    def active(self) -> bool:
        return any((self.source, self.publisher, self.language, self.date_from, self.date_to))


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    sources: tuple[Option, ...] = ()
    publishers: tuple[Option, ...] = ()
    languages: tuple[Option, ...] = ()


@dataclass(frozen=True)
class ChatPage:
    turns: tuple[Turn, ...]
    history: tuple[str, ...]  # the questions so far: hidden inputs sent with the next question
    next_number: int  # the number the next turn will get
    filters: FilterValues
    options: FilterOptions
    ready: bool = True
    notice: str | None = None


@dataclass(frozen=True)
class TurnPartial:
    """What /turn returns to htmx: the new turn plus the updated hidden history fields."""

    turn: Turn
    history: tuple[str, ...]
    next_number: int


@dataclass(frozen=True)
class SourcesPage:
    sources: tuple[SourceRow, ...]
    ready: bool = True
    notice: str | None = None


@dataclass(frozen=True)
class TextBlock:
    """A page of a PDF (number set) or the whole text of an unpaged source (number None)."""

    number: int | None
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ViewerPage:
    source: SourceRow
    url: str | None
    notes: tuple[str, ...]
    blocks: tuple[TextBlock, ...]
    highlight: tuple[int, int] | None = None
    passage_id: str | None = None
    highlight_page: int | None = None
    paged: bool = False


@dataclass(frozen=True)
class AdminPage:
    enabled: bool  # an admin token is configured
    sources: tuple[SourceRow, ...] = ()
    token: str = ""  # echoed back only in the response to a post that presented the right token
    status: Mapping[str, Any] | None = None  # GET /api/index's body
    job: Mapping[str, Any] | None = None  # the current or last job, as the API shows it
    message: str | None = None
    error: str | None = None
    uploaded_id: str | None = None
    accepted: tuple[str, ...] = SUPPORTED_EXTENSIONS


@dataclass(frozen=True)
class ErrorPage:
    status: int
    code: str
    title: str
    message: str
