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
    indexed_at: str  # ISO 8601, for machines (<time datetime>)
    indexed_label: str = ""  # the same as people read it: "2026-11-27 13:35 UTC"


@dataclass(frozen=True)
class Segment:
    """A run of verbatim text; `mark` highlights it (evidence, a cited span, a figure)."""

    text: str
    mark: bool = False
    anchor: bool = False  # the first highlighted run of a source viewer: the scroll target


@dataclass(frozen=True)
class CitationLink:
    """A download of the citation for a reference manager (`GET /api/passages/{id}/citation`)."""

    format: str  # "csl-json", "bibtex" or "ris"
    label: str  # "CSL-JSON", "BibTeX", "RIS"
    href: str


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    publisher: str | None
    date: str | None
    place: str | None  # index.citation.place: "p. 3", "Art. 33", "p. 3, Art. 33" or "chars 120–480"
    license: str | None
    language: str
    url: str | None  # only http(s) URLs; anything else is dropped
    href: str  # the source viewer at this passage
    text: str  # the plain-text citation that the copy button copies
    exports: tuple[CitationLink, ...] = ()


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
    quotes: tuple[QuoteView, ...] = ()  # the passages that answer (Answer.hits), in the decision's order
    further: tuple[QuoteView, ...] = ()  # shown after them, less likely to answer (Answer.further)
    related: tuple[QuoteView, ...] = ()
    comparison: tuple[FigureCell, ...] = ()  # empty unless the question asks for a quantity 2+ sources give
    took_ms: float = 0.0
    index_version: str = ""
    latest: bool = False
    read_with: tuple[str, ...] = ()  # earlier questions this one was read together with (a follow-up)
    new_topic_href: str | None = None  # asks this question again on its own (set with read_with)
    filters: str | None = None  # the active filters in words, named when no source answers
    unfiltered_href: str | None = None  # asks this question again without filters (set with filters)
    error: str | None = None  # why the question could not be asked (shown beside it); nothing else set

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
    question: str = ""  # put back in the box when the last question failed (see Turn.error)
    progress: IndexProgress | None = None  # the first index build, while nothing can be asked yet
    new_topic_href: str = "/"  # a fresh conversation with the same filters
    earlier: tuple[str, ...] = ()  # older questions of the thread, listed but not asked again here


@dataclass(frozen=True)
class IndexProgress:
    """How far the first index build is (what /readyz reports while it answers 503)."""

    phase: str  # "loading the model", "reading sources", "embedding passages", ...
    done: int
    total: int
    eta_s: float | None  # seconds left at the current pace, when it can be told
    percent: int  # 0..100 of the current phase

    @property
    def eta_label(self) -> str | None:
        if self.eta_s is None:
            return None
        minutes = round(self.eta_s / 60)
        return f"about {minutes} min left" if minutes >= 1 else "less than a minute left"


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
    question: str | None = None  # for the chat's htmx fragment: the question that failed, kept in view
