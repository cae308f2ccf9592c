"""What a search takes and returns. Plain frozen dataclasses: the API, the CLI and the web UI render them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corpus.models import Passage, SourceMeta


def date_bounds(value: str) -> tuple[str, str]:
    """An ISO date prefix as an inclusive range of full dates: "2025" -> ("2025-01-01", "2025-12-31")."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{value}-01", f"{value}-31"
    return value, value


@dataclass(frozen=True)
class Filters:
    """Metadata filters; an empty tuple or None means "no constraint".

    Attributes:
        source_ids: only these sources.
        publishers: only sources whose publisher equals one of these (case-insensitive).
        languages: only sources in one of these languages ("en", "ko"; case-insensitive).
        date_from, date_to: inclusive ISO prefixes ("2020", "2020-06", "2020-06-01"); a source is in
            range when its own date (also a prefix, so a range of days) overlaps the range. Sources
            without a date are excluded by any date bound.
    """

    source_ids: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def is_empty(self) -> bool:
        """Whether no filter is set (every source is admitted)."""
        return not (self.source_ids or self.publishers or self.languages or self.date_from or self.date_to)

    def admits(self, meta: SourceMeta, source_id: str) -> bool:
        """Whether a source with this metadata passes every filter."""
        if self.source_ids and source_id not in self.source_ids:
            return False
        if self.publishers and (meta.publisher or "").casefold() not in {
            p.casefold() for p in self.publishers
        }:
            return False
        if self.languages and meta.language.casefold() not in {x.casefold() for x in self.languages}:
            return False
        if self.date_from or self.date_to:
            if not meta.date:
                return False
            start, end = date_bounds(meta.date)
            if self.date_from and end < date_bounds(self.date_from)[0]:
                return False
            if self.date_to and start > date_bounds(self.date_to)[1]:
                return False
        return True


@dataclass(frozen=True)
class Query:
    """A question to answer (`index.engine.GroundIndex.search`).

    Nothing is checked on construction; `GroundIndex.score`/`search` raise InvalidRequest for a
    question or k out of range and InvalidRequest/NotFound for filters that can match nothing.

    Attributes:
        question: what the user asked; 1..MAX_QUESTION_CHARS (2,000) characters after trimming
            whitespace (characters, not tokens or bytes).
        k: at most this many passages are shown, 1..MAX_K (50).
        history: earlier questions of the conversation, oldest first. Used only when the question
            points back to them (`index.followup.read_question`), and then only the last one or two;
            otherwise the answer is exactly the one the question gets alone. Its length is not
            limited here (the API allows 20).
        filters: metadata filters (default: none).
        explain: also return why the answer was given or refused (`Answer.explanation`).
        asked_on: the day the question is asked, which "last year", 올해 or 去年 count from
            (`index.question.calendar_year`); None: today, by the machine's clock.
    """

    question: str
    k: int = 5
    history: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    explain: bool = False
    asked_on: date | None = None


@dataclass(frozen=True)
class SourceRef:
    """A source as a citation names it."""

    id: str
    meta: SourceMeta


@dataclass(frozen=True)
class Span:
    """Character offsets within a passage's text (not the source's): `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True)
class Duplicate:
    """A near-identical passage (`index.dedup`; usually the same quote in another copy of a report,
    possibly in the same source) collapsed into the hit that shows it."""

    source: SourceRef
    passage: Passage


@dataclass(frozen=True)
class Hit:
    """One quoted passage of an answer.

    Attributes:
        passage: the passage; `passage.text` is verbatim source text, `passage.char_start/char_end`
            its character offsets in the source's canonical text.
        source: the source it is quoted from (id and citation metadata).
        score: the fused retrieval score (`index.fusion`: by default the weighted sum of the dense and
            BM25 runs' z-scores; the raw BM25 score when the question was searched lexically alone),
            plus `index.engine.PROVISION_BONUS` (1.0) when the passage stands in the article or
            section the question names. It has no fixed range, may be negative, and is not
            comparable across questions; hits are shown in the order of the answer decision, which
            need not be descending score.
        evidence: the sentence(s) of the passage that best match the question (the best one, plus a
            neighbour scoring at least 3/4 of it; `index.evidence.best_sentences`), as character
            spans of `passage.text`, ascending; () when no sentence holds a question term.
        duplicates: near-identical passages (`index.dedup`) collapsed into this one, in rank order;
            they may come from the same source or from others.
    """

    passage: Passage
    source: SourceRef
    score: float
    evidence: tuple[Span, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


@dataclass(frozen=True)
class CandidateWhy:
    """One candidate passage as the decision saw it (see `Explanation`).

    Attributes:
        passage_id, source_id, language: the passage.
        rank: 0-based position in the fused retrieval list.
        dense: cosine with the question (with the cross-lingual offset), 0.0 when dense was not used.
        coverage: IDF-weighted share of the question's terms in the passage (text and search context).
        sense_coverage: where the question's terms were translated into the passage's language (one
            in another language than the question's), the IDF-weighted share of them it holds as
            written or through one of their senses there (`index.lexicon`, `index.cedict`), in [0, 1];
            None elsewhere.
        fused: fused retrieval score (z-score units).
        dense_rank, lexical_rank: 1-based ranks in the dense and BM25 runs (None: not retrieved there).
        translated_rank: 1-based rank in the BM25 run of the question's terms translated into the
            passage's language (Korean <-> English, English -> Chinese; None: not in that run).
        in_provision: the passage stands in the article or section the question names (of the
            instrument it names, when it names one: "Article 12 of the ICCPR"), or, in another
            language, names by its title ("North Korean Defectors' Day": 제4조의4(북한이탈주민의 날));
            such passages are shown first when the instrument is named.
        missing: the question's key facts it lacks ("2023", "Kim Eun-joo"), and what else it would
            need to answer ("a sentence naming the post and a person the question does not name", for a
            question for the holder of a post; "a mention of China", for a question about China
            asked of a source about another country); it cannot answer then.
        probability: P(it holds an answer) from the fitted answerability model (None with threshold
            rules): its ranker's when it has one, which orders the passages shown and marks those
            likely to answer; whether the question is answered is `Explanation.question_probability`'s
            decision (with the deciding passage model's own probabilities).
        shown: it is one of the passages shown as the answer (likely to answer or further).
        defines: the question asks for a definition and the passage holds a sentence defining one of
            its terms (`index.definitions`); the best such passage is shown first.
        in_named: the passage stands in an instrument the question names without naming an article of
            it ("What does the Universal Declaration say about asylum?"); when the answer model likes
            another source's passage best, the best-ranked such passage is shown first.
    """

    passage_id: str
    source_id: str
    language: str
    rank: int
    dense: float
    coverage: float
    fused: float
    dense_rank: int | None
    lexical_rank: int | None
    in_provision: bool
    missing: tuple[str, ...]
    probability: float | None
    shown: bool
    defines: bool = False
    translated_rank: int | None = None
    sense_coverage: float | None = None
    in_named: bool = False


@dataclass(frozen=True)
class Explanation:
    """Why a question was answered or refused: what was read in it, the bars, every candidate.

    Attributes:
        language: the question's language.
        terms: the analysed terms searched and counted for coverage; dropped: question words left out.
        provisions: articles or sections it names, as "art 33" / "sec 7801".
        translated: its terms searched in the other language too ("난민 → refuge"; `index.lexicon`).
        constraints: its key facts an answer must hold (kind: text).
        history_used: earlier questions read together with it.
        method: "model" (the fitted answerability model) or "thresholds" (score bars).
        bars: the bars that applied (name -> value).
        question_probability: P(the collection answers it) under the model (None with thresholds).
        reason: one sentence: why it was answered or refused.
        candidates: the candidates, in fused order.
    """

    language: str
    terms: tuple[str, ...]
    dropped: tuple[str, ...]
    provisions: tuple[str, ...]
    constraints: tuple[str, ...]
    history_used: tuple[str, ...]
    method: str
    bars: tuple[tuple[str, float], ...]
    question_probability: float | None
    reason: str
    candidates: tuple[CandidateWhy, ...]
    translated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The result of a search.

    Attributes:
        question: the question as searched: trimmed of surrounding whitespace, an institution's
            abbreviated words written out and what the asker says it serves left out
            (`index.question.spelled_out`, `index.question.without_purpose`).
        answered: whether the collection answers it (`index.answerability` or `index.abstain`).
        hits: the passages that answer, in the decision's order (most probable first with the
            answerability model, fused rank order with the threshold rules); empty when not
            answered. With the model these are the shown passages it marks likely to answer
            (`index.answerability.AnswerModel.likely`; the first always is).
        further: with the answerability model, the rest of the `Query.k` most probable eligible
            passages, shown after `hits` as less likely to answer (they are not answers); empty
            when not answered and under the threshold rules. len(hits) + len(further) <= k.
        related: when not answered, up to 3 (`index.engine.RELATED`) closest passages, which must be
            shown as "related, not an answer"; empty when answered.
        index_version: the snapshot version that answered ("000002").
        took_ms: wall-clock time of the search, in milliseconds (not seconds).
        read_with: the earlier questions the question was read together with (oldest first, at most
            two); empty when it stood alone (`index.followup`), or the question just before it when,
            refused alone, it was answered read with that one (`GroundIndex.search`).
        explanation: why it was answered or refused, when `Query.explain` asked for it; else None.
    """

    question: str
    answered: bool
    hits: tuple[Hit, ...]
    related: tuple[Hit, ...]
    index_version: str
    took_ms: float
    read_with: tuple[str, ...] = ()
    explanation: Explanation | None = None
    further: tuple[Hit, ...] = ()

    @property
    def shown(self) -> tuple[Hit, ...]:
        """Every passage shown for the question: `hits`, then `further` (at most `Query.k`)."""
        return self.hits + self.further
