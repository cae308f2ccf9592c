"""Checking a search's filters against the calendar and against what the index holds.

One function, `check_filters`, used by every search (the API, the web form and the CLI all reach it
through `GroundIndex.search`), so a filter that can match nothing is an error that names the field
and the accepted values, never a silent abstention:
- a date that is not a real date ("2024-02-30", "2024-13") or not YYYY[-MM[-DD]];
- a range whose start is after its end ("2026" to "2020");
- a language or publisher that no source in the index has (the accepted ones are listed);
- a source id the index does not hold (NotFound; GET /api/sources lists them).

Field names are the API's: "filters.date_from", "filters.languages", ...
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence

from corpus.errors import InvalidRequest, NotFound
from index.backend import SourceRecord
from index.types import Filters, date_bounds

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SHOWN = 12  # accepted values listed in a message, at most


def date_problem(value: str) -> str | None:
    """Why `value` is not a usable date prefix ("2024-02-30 is not a real date ..."), or None."""
    m = _DATE.fullmatch(value)
    if m is None:
        return f"{value!r} is not a date: use {DATE_FORMS}"
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return f"{value!r} is not a real date: the month must be 01 to 12 ({DATE_FORMS})"
    if month is not None and day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        last = calendar.monthrange(year, month)[1]
        return f"{value!r} is not a real date: {year}-{month:02d} has days 01 to {last:02d}"
    return None


def _listed(values: Iterable[str]) -> str:
    items = sorted(set(values), key=str.casefold)
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def check_dates(date_from: str | None, date_to: str | None) -> None:
    """InvalidRequest naming the field when a date is not real or the range is reversed."""
    for field, value in (("filters.date_from", date_from), ("filters.date_to", date_to)):
        problem = date_problem(value) if value is not None else None
        if problem:
            raise InvalidRequest(problem, field=field)
    if date_from and date_to and date_bounds(date_from)[0] > date_bounds(date_to)[1]:
        raise InvalidRequest(
            f"the range starts after it ends ({date_from} is after {date_to}); swap the two dates",
            field="filters.date_from",
        )


def check_filters(f: Filters, sources: Sequence[SourceRecord]) -> None:
    """Refuse filters that can match nothing in an index holding `sources`.

    Raises:
        InvalidRequest: a bad or reversed date, or a language or publisher no source has; the
            message names the field and lists the accepted values.
        NotFound: a source id the index does not hold.
    """
    check_dates(f.date_from, f.date_to)
    if f.source_ids:
        known = {r.id for r in sources}
        unknown = [s for s in dict.fromkeys(f.source_ids) if s not in known]
        if unknown:
            shown = ", ".join(repr(s) for s in unknown[:5]) + (
                f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            )
            raise NotFound(
                f"unknown source id {shown}; GET /api/sources (or `groundqa sources`) lists them",
                field="filters.source_ids",
            )
    if f.languages:
        _check_known(f.languages, {r.meta.language for r in sources}, "languages", "is in language")
    if f.publishers:
        publishers = {r.meta.publisher for r in sources if r.meta.publisher}
        _check_known(f.publishers, publishers, "publishers", "has publisher")


def _check_known(wanted: Sequence[str], have: set[str], field: str, what: str) -> None:
    """InvalidRequest on `filters.<field>` when a wanted value is none of `have` (case-insensitively)."""
    folded = {x.casefold() for x in have}
    unknown = [x for x in wanted if x.casefold() not in folded]
    if unknown:
        raise InvalidRequest(
            f"no source {what} {', '.join(repr(x) for x in unknown)}; the collection has: {_listed(have)}",
            field=f"filters.{field}",
        )
