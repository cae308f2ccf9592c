"""The HTTP API's request and response bodies, and the one place that renders results into them.

`groundqa ask --json` prints exactly `AskResponse`, built by the same `ask_response()`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
)

from corpus.models import Passage, Source
from corpus.structure import citation
from index.backend import IndexInfo, SourceRecord
from index.citation import place
from index.engine import MAX_K, MAX_QUESTION_CHARS
from index.filters import DATE_FORMS, date_problem
from index.types import Answer, Explanation, Filters, Hit, Query
from service.jobs import Job
from web.present import record_fields, source_fields

if TYPE_CHECKING:
    from service.runtime import StartupProgress

# A real calendar date as YYYY, YYYY-MM or YYYY-MM-DD (days per month, 29 February in leap years only),
# so that the schema admits exactly the dates the service accepts.
ISO_DATE = (
    r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$"
    r"|^\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))$"
    r"|^(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29$"
)
# A real day as YYYY-MM-DD from the year 1 (`datetime.date`'s first): what `AskRequest.asked_on` takes.
# ASCII digits only ([0-9], not \d, which Python's and pydantic's regex engines read as any Unicode digit).
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9][0-9]|[1-9][0-9]{3})"
ISO_DAY = (
    rf"^{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))$"
    r"|^(?:[0-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29$"
)
MAX_HISTORY = 20  # earlier questions accepted with a question (API `history`, chat `h`); 422 beyond
HISTORY_USED = 2  # of which a search uses the last two (index.engine); re-asking more is wasted work
MAX_SEARCHES_PER_REQUEST = HISTORY_USED + 1  # the work budget of one request (the no-JS chat's re-asks)
_BANNED = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"  # + surrogates, refused first
_INVISIBLE = r"\s\u200b-\u200d\u2060\ufeff"
SAFE_TEXT = f"^[^{_BANNED}]*$"
QUESTION_TEXT = f"^[^{_BANNED}]*[^{_BANNED}{_INVISIBLE}][^{_BANNED}]*$"  # at least one visible character
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_VISIBLE = re.compile(f"[^{_BANNED}{_INVISIBLE}]")


def check_text(value: object, what: str) -> object:
    """Refuse characters no question or filter needs: they hide text or break terminals and logs.

    Runs before the schema's own pattern check, so the error says which rule was broken.
    """
    if not isinstance(value, str):
        return value
    if _SURROGATE.search(value):
        raise ValueError(f"{what} contains an invalid character (a lone UTF-16 surrogate)")
    if _CONTROL.search(value):
        raise ValueError(f"{what} contains control characters")
    if _BIDI.search(value):
        raise ValueError(f"{what} contains bidirectional override or isolate characters")
    return value


def _question_text(value: object) -> object:
    value = check_text(value, "the question")
    if isinstance(value, str) and not _VISIBLE.search(value):
        raise ValueError("the question is empty")
    return value


def _date_text(value: object) -> object:
    """A real calendar date as YYYY, YYYY-MM or YYYY-MM-DD (2024-02-30 is refused)."""
    if isinstance(value, str):
        problem = date_problem(value)
        if problem:
            raise ValueError(problem)
    return value


# The constraints come first so the JSON schema shows them; the before-validators still run first.
FilterText = Annotated[
    str,
    StringConstraints(max_length=500, pattern=SAFE_TEXT),
    BeforeValidator(lambda v: check_text(v, "a filter value")),
]
HistoryText = Annotated[
    str,
    StringConstraints(max_length=MAX_QUESTION_CHARS, pattern=SAFE_TEXT),
    BeforeValidator(lambda v: check_text(v, "a history item")),
]


def _day_text(value: object) -> object:
    """A real calendar day as YYYY-MM-DD in ASCII digits (2024-02-30, 2024-02, 2024 and full-width or
    Arabic-Indic digits are refused)."""
    if isinstance(value, str):
        if not value.isascii():
            raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD (ASCII digits)")
        problem = date_problem(value)
        if problem:
            raise ValueError(problem.replace(DATE_FORMS, "YYYY-MM-DD"))
        if value.count("-") != 2:
            raise ValueError(f"{value!r} is not a day: use YYYY-MM-DD")
        if value.startswith("0000"):
            raise ValueError(f"{value!r} is not a real date: the year must be 0001 or later")
    return value


DayText = Annotated[
    str,
    StringConstraints(pattern=ISO_DAY),
    BeforeValidator(_day_text),
]
DateText = Annotated[
    str,
    StringConstraints(pattern=ISO_DATE),
    BeforeValidator(_date_text),
]
QuestionText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_QUESTION_CHARS, pattern=QUESTION_TEXT),
    BeforeValidator(_question_text),
]


class Strict(BaseModel):
    """Request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class FiltersIn(Strict):
    source_ids: list[FilterText] = Field(
        default_factory=list, max_length=200, description="Only these sources."
    )
    publishers: list[FilterText] = Field(
        default_factory=list, max_length=200, description="Exact publisher names."
    )
    languages: list[FilterText] = Field(
        default_factory=list, max_length=20, description='Language codes, e.g. "en", "ko".'
    )
    date_from: DateText | None = Field(None, description=f"Inclusive: {DATE_FORMS}, a real date.")
    date_to: DateText | None = Field(
        None, description=f"Inclusive: {DATE_FORMS}, a real date, not before date_from (else 400)."
    )


class AskRequest(Strict):
    question: QuestionText = Field(..., description="The question: at least one visible character.")
    k: int = Field(
        5,
        ge=1,
        le=MAX_K,
        description="How many passages at most, `passages` and `further` together (with the fitted model "
        "an answered question usually gets exactly k).",
    )
    history: list[HistoryText] = Field(
        default_factory=list, max_length=MAX_HISTORY, description="Earlier questions of the conversation."
    )
    filters: FiltersIn = Field(default_factory=FiltersIn)
    explain: StrictBool = Field(
        False, description="Also return why the question was answered or refused (every candidate's scores)."
    )
    asked_on: DayText | None = Field(
        None,
        description='The day the question is asked, YYYY-MM-DD: what "last year", 올해 or 去年 count from '
        "(a program replaying questions asked earlier gives their day). Default: today, by the server's "
        "clock.",
    )

    def to_query(self) -> Query:
        f = self.filters
        return Query(
            question=self.question,
            k=self.k,
            history=tuple(self.history),
            explain=self.explain,
            asked_on=date.fromisoformat(self.asked_on) if self.asked_on is not None else None,
            filters=Filters(
                source_ids=tuple(f.source_ids),
                publishers=tuple(f.publishers),
                languages=tuple(f.languages),
                date_from=f.date_from,
                date_to=f.date_to,
            ),
        )


class SourceOut(BaseModel):
    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    license: str | None
    language: str


class Location(BaseModel):
    cite: str = Field(
        description='The most precise place, as citations write it: "p. 12", "pp. 4–5, Art. 33", "Art. 33", '
        '"sec. “History”", or "chars 1200–1850" when the source has no pages or sections.'
    )
    char_start: int = Field(description="Offset of the passage in the source's canonical text.")
    char_end: int
    page: int | None = Field(description="The page where the passage starts (PDF), else null.")
    page_end: int | None = Field(None, description="The page where it ends, when that is another page.")
    ordinal: int = Field(description="0-based position among the source's passages.")
    section: list[str] = Field(
        default_factory=list,
        description='The headings it stands under, outermost first: ["Chapter V", "Article 33"].',
    )
    provision: str | None = Field(
        None, description='The section as a citation names it, e.g. "Art. 33", "§ 7801", "제5조제3항".'
    )


class EvidenceSpan(BaseModel):
    start: int = Field(description="Offset within the passage text.")
    end: int


class DuplicateOut(BaseModel):
    passage_id: str
    source: SourceOut
    location: Location


class PassageOut(BaseModel):
    id: str
    text: str = Field(description="Verbatim: equals the source's text[char_start:char_end].")
    score: float
    evidence: list[EvidenceSpan]
    source: SourceOut
    location: Location
    duplicates: list[DuplicateOut] = Field(description="The same quote found in other sources.")


class IndexRef(BaseModel):
    version: str


class CandidateOut(BaseModel):
    passage_id: str
    source_id: str
    language: str
    rank: int = Field(description="0-based position in the fused retrieval list.")
    dense: float = Field(description="Cosine with the question (0 when the dense model was not used).")
    coverage: float = Field(description="IDF-weighted share of the question's terms in the passage, 0..1.")
    fused: float = Field(description="Fused retrieval score (z-score units, no fixed range).")
    dense_rank: int | None
    lexical_rank: int | None
    in_provision: bool = Field(description="Stands in the article or section the question names.")
    missing: list[str] = Field(description="The question's key facts this passage lacks.")
    probability: float | None = Field(
        description="P(it holds an answer) under the answerability model's ranker (which orders the "
        "passages shown); whether the question is answered follows question_probability."
    )
    shown: bool
    defines: bool = Field(
        default=False,
        description="The question asks for a definition and this passage defines one of its terms.",
    )
    translated_rank: int | None = Field(
        default=None,
        description="1-based rank in the BM25 run of the question's terms translated into the passage's "
        "language (None: not in that run).",
    )
    sense_coverage: float | None = Field(
        default=None,
        description="Where the question's terms were translated into the passage's language, the "
        "IDF-weighted share of them it holds as written or through one of their senses there, 0..1 "
        "(None: nothing was translated into its language).",
    )
    in_named: bool = Field(
        default=False,
        description="Stands in an instrument the question names without naming an article of it; the "
        "best-ranked such passage is shown first when the model likes another source's best.",
    )


class ExplainOut(BaseModel):
    language: str
    terms: list[str] = Field(description="The analysed terms searched and counted.")
    dropped: list[str] = Field(description="Question words left out of the terms.")
    translated: list[str] = Field(
        default_factory=list,
        description="Terms also searched in another language: Korean <-> English, English -> Chinese "
        '("난민 → refuge", "pregnant → 怀孕").',
    )
    provisions: list[str]
    constraints: list[str] = Field(description="Key facts an answer must hold.")
    history_used: list[str]
    method: Literal["model", "thresholds"]
    bars: dict[str, float]
    question_probability: float | None = Field(description="P(the collection answers the question).")
    reason: str
    candidates: list[CandidateOut]


class AskResponse(BaseModel):
    question: str
    answered: bool
    passages: list[PassageOut] = Field(description="Passages that answer; empty when not answered.")
    further: list[PassageOut] = Field(
        description="When answered: the next most probable passages, probably NOT answers, shown after "
        "`passages`; with them at most k in all. Empty when not answered, and on collections under 200 "
        "passages (decided by threshold rules)."
    )
    related: list[PassageOut] = Field(
        description="When not answered: the closest passages, which do NOT answer the question."
    )
    took_ms: float
    index: IndexRef
    read_with: list[str] = Field(
        default_factory=list,
        description="The earlier questions (from `history`) this question was read together with, because "
        "it points back to them (it, that, such, 'And in 2022?', 그럼, 그 ...), or because, refused when "
        "read alone, it was answered read with the question before it. Empty when it stands alone: it "
        "was then answered exactly as if asked without history.",
    )
    explain: ExplainOut | None = Field(None, description="Present when the request asked for `explain`.")


class SourceSummary(SourceOut):
    path: str
    origin: Literal["collection", "uploads"]
    passages: int
    indexed_at: str


class SourceDetail(SourceSummary):
    text: str = Field(description="The canonical text that passage offsets refer to.")
    pages: list[int] = Field(description="Start offset of each page (PDF); empty when unpaged.")
    notes: list[str]


class SourceList(BaseModel):
    sources: list[SourceSummary]


class JobOut(BaseModel):
    id: str
    kind: str
    state: Literal["queued", "running", "succeeded", "failed"]
    stage: str
    done: int
    total: int
    started_at: float
    finished_at: float | None
    result: dict[str, object] | None
    error: str | None


class JobAccepted(BaseModel):
    job: JobOut
    source_id: str | None = None


class IndexStatus(BaseModel):
    ready: bool
    version: str | None
    built_at: str | None
    model: str | None
    sources: int
    passages: int
    languages: dict[str, int]
    job: JobOut | None
    queued_job: JobOut | None = Field(None, description="The rebuild that will run after the current one.")
    last_job: JobOut | None


class RebuildRequest(Strict):
    full: StrictBool = Field(
        False, description="Re-read and re-embed everything instead of only what changed."
    )


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = Field(None, description='The request field at fault, e.g. "filters.languages".')
    job_id: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Progress(BaseModel):
    phase: str = Field(description='What the build is doing: "loading the model", "embedding", ...')
    done: int = Field(description="Items of this phase done (passages while embedding).")
    total: int
    percent: int = Field(description="0..100 of this phase.")
    eta_s: float | None = Field(description="Seconds left in this phase at the current pace, if known.")
    elapsed_s: float


class Health(BaseModel):
    status: str = Field(description='"ok" (alive) or "ready" (answering).')
    version: str | None = Field(None, description="The index version answering, null until one is loaded.")
    groundqa: str = Field(description="The groundqa software version.")


class NotReady(ErrorBody):
    """/readyz's 503: the error saying why, plus how far the start-up is."""

    status: Literal["indexing", "not_ready"] = Field(
        description='"indexing" while the start-up builds or opens the first index; "not_ready" otherwise.'
    )
    groundqa: str
    progress: Progress | None = Field(None, description="While indexing: how far it is.")


# -- rendering ---------------------------------------------------------------------------------------
def validation_summary(exc: ValidationError, names: Mapping[str, str] | None = None) -> str:
    """One line naming each invalid field and what is accepted: "filters.date_from: '2024-13' is not ...".

    `names` renames fields for another interface (the CLI passes {"filters.date_from": "--from", ...}).
    """
    parts = []
    for e in exc.errors()[:5]:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
        msg = str(e.get("msg", "invalid value")).removeprefix("Value error, ")
        if e.get("type") == "string_pattern_mismatch" and loc == "asked_on":
            msg = "use YYYY-MM-DD"
        elif e.get("type") == "string_pattern_mismatch" and "date" in loc:
            msg = f"use {DATE_FORMS}"
        elif e.get("type") == "string_pattern_mismatch":
            msg = "contains characters that are not allowed"
        elif e.get("type") == "extra_forbidden":
            msg = "unknown field"
        shown = (names or {}).get(loc, loc)
        parts.append(f"{shown}: {msg}" if shown else msg)
    return "; ".join(parts) or "invalid request"


def ask_response(answer: Answer) -> AskResponse:
    """The API's rendering of an answer.

    The nested fields are gathered as plain dicts (the explanation's candidates as they are) and
    validated in one `model_validate` call: the same validation as building each nested model, but
    ~15% faster than the ~30 model constructors of a five-passage answer (95 against 110 µs warm).
    """
    explanation = answer.explanation
    fields = {
        "question": answer.question,
        "answered": answer.answered,
        "passages": [_passage_fields(h) for h in answer.hits],
        "further": [_passage_fields(h) for h in answer.further],
        "related": [_passage_fields(h) for h in answer.related],
        "took_ms": round(answer.took_ms, 3),
        "index": {"version": answer.index_version},
        "read_with": answer.read_with,
        "explain": _explain_fields(explanation) if explanation is not None else None,
    }
    return AskResponse.model_validate(fields, from_attributes=True)


def _location_fields(p: Passage) -> dict[str, object]:
    """`Location`'s fields of a passage."""
    return {
        "cite": place(p).label,
        "char_start": p.char_start,
        "char_end": p.char_end,
        "page": p.page,
        "page_end": p.page_end,
        "ordinal": p.ordinal,
        "section": p.section,
        "provision": citation(p.section) or None,
    }


def _passage_fields(hit: Hit) -> dict[str, object]:
    """`PassageOut`'s fields of a hit (evidence spans as `Span`s, read by attribute)."""
    return {
        "id": hit.passage.id,
        "text": hit.passage.text,
        "score": round(hit.score, 6),
        "evidence": hit.evidence,
        "source": source_fields(hit.source.id, hit.source.meta),
        "location": _location_fields(hit.passage),
        "duplicates": [
            {
                "passage_id": d.passage.id,
                "source": source_fields(d.source.id, d.source.meta),
                "location": _location_fields(d.passage),
            }
            for d in hit.duplicates
        ],
    }


def _explain_fields(e: Explanation) -> dict[str, object]:
    """`ExplainOut`'s fields of an explanation (candidates as `CandidateWhy`s, read by attribute)."""
    return {
        "language": e.language,
        "terms": e.terms,
        "dropped": e.dropped,
        "translated": e.translated,
        "provisions": e.provisions,
        "constraints": e.constraints,
        "history_used": e.history_used,
        "method": "model" if e.method == "model" else "thresholds",
        "bars": dict(e.bars),
        "question_probability": e.question_probability,
        "reason": e.reason,
        "candidates": e.candidates,
    }


def source_summary(rec: SourceRecord) -> SourceSummary:
    return SourceSummary(**record_fields(rec))


def source_detail(rec: SourceRecord, source: Source) -> SourceDetail:
    return SourceDetail(
        **source_summary(rec).model_dump(),
        text=source.text,
        pages=list(source.pages),
        notes=list(source.notes),
    )


def progress_out(p: StartupProgress) -> Progress:
    return Progress(
        phase=p.phase,
        done=p.done,
        total=p.total,
        percent=p.percent,
        eta_s=p.eta_s,
        elapsed_s=round(p.elapsed_s, 1),
    )


def job_out(job: Job | None) -> JobOut | None:
    return None if job is None else JobOut.model_validate(job, from_attributes=True)


def index_status(
    info: IndexInfo | None, current: Job | None, last: Job | None, queued: Job | None = None
) -> IndexStatus:
    return IndexStatus(
        ready=info is not None,
        version=info.version if info else None,
        built_at=info.built_at if info else None,
        model=info.model if info else None,
        sources=info.sources if info else 0,
        passages=info.passages if info else 0,
        languages=dict(info.languages) if info else {},
        job=job_out(current),
        queued_job=job_out(queued),
        last_job=job_out(last),
    )
