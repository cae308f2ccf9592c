"""The chat page: `/` renders the whole conversation server-side (works without JavaScript), and
`/turn` returns just the new exchange for htmx to append.

The conversation lives in the page, not on the server: earlier questions travel as hidden `h` inputs
(`n` counts the turns so far, so element ids stay unique once old questions drop off the history).
A question that cannot be asked (a bad filter, say) comes back as a turn with the reason beside it,
and the question stays in the box; it does not join the history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from corpus.errors import InvalidRequest, NotFound
from service.deps import RuntimeDep
from service.errors import status_for
from service.runtime import Runtime
from service.schemas import HISTORY_USED, MAX_HISTORY, AskRequest, validation_summary
from web.context import ChatPage, FilterOptions, FilterValues, IndexProgress, Option, Turn, TurnPartial
from web.present import filters_note, turn
from web.templating import render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class ChatForm:
    """The chat form's fields, as sent by a plain GET or by htmx."""

    question: str | None
    history: tuple[str, ...]
    turns_so_far: int
    filters: FilterValues

    def next_history(self) -> tuple[str, ...]:
        asked = (*self.history, self.question) if self.question is not None else self.history
        return asked[-MAX_HISTORY:]

    def _filter_items(self) -> list[tuple[str, str]]:
        f = self.filters
        pairs = (
            ("source", f.source),
            ("publisher", f.publisher),
            ("lang", f.language),
            ("date_from", f.date_from),
            ("date_to", f.date_to),
        )
        return [(key, value) for key, value in pairs if value]

    def url(self) -> str:
        """The `/` URL that renders this conversation (pushed to the address bar by htmx)."""
        items: list[tuple[str, str]] = [("h", h) for h in self.history]
        if self.question is not None:
            items.append(("q", self.question))
        items.append(("n", str(self.turns_so_far)))
        return "/?" + urlencode(items + self._filter_items())

    def new_topic_url(self, question: str | None = None) -> str:
        """A fresh conversation with the same filters, optionally asking `question` on its own."""
        items = [("q", question)] if question is not None else []
        query = urlencode(items + self._filter_items())
        return f"/?{query}#latest" if question is not None else (f"/?{query}" if query else "/")


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _field(value: str) -> str:
    """A field as the page reads and echoes it back: control characters (a NUL would land in the
    HTML) removed, surrounding spaces trimmed."""
    return _CONTROLS.sub("", value).strip()


def chat_form(
    q: str | None = None,
    h: Annotated[list[str] | None, Query()] = None,
    n: Annotated[int, Query(ge=0)] = 0,
    source: str = "",
    publisher: str = "",
    lang: str = "",
    date_from: str = "",
    date_to: str = "",
) -> ChatForm:
    if h is not None and len(h) > MAX_HISTORY:
        raise InvalidRequest(
            f"at most {MAX_HISTORY} earlier questions are accepted, got {len(h)}; start a new topic",
            field="h",
        )
    history = tuple(x for x in (_field(x) for x in h or []) if x)
    return ChatForm(
        question=None if q is None else _field(q),
        history=history,
        turns_so_far=max(n, len(history)),
        filters=FilterValues(
            source=_field(source),
            publisher=_field(publisher),
            language=_field(lang),
            date_from=_field(date_from),
            date_to=_field(date_to),
        ),
    )


FormDep = Annotated[ChatForm, Depends(chat_form)]


def ask_request(question: str, history: tuple[str, ...], f: FilterValues) -> AskRequest:
    """Validate exactly as POST /api/ask does, reporting problems as InvalidRequest."""
    data = {
        "question": question,
        "history": list(history),
        "filters": {
            "source_ids": [f.source] if f.source else [],
            "publishers": [f.publisher] if f.publisher else [],
            "languages": [f.language] if f.language else [],
            "date_from": f.date_from or None,
            "date_to": f.date_to or None,
        },
    }
    try:
        return AskRequest.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequest(validation_summary(exc)) from None


def _options(runtime: Runtime) -> FilterOptions:
    records = runtime.index.sources()
    metas = [r.meta for r in records]
    return FilterOptions(
        sources=tuple(
            Option(r.id, f"{r.meta.title} ({r.meta.date})" if r.meta.date else r.meta.title) for r in records
        ),
        publishers=tuple(
            Option(p, p) for p in sorted({m.publisher for m in metas if m.publisher}, key=str.casefold)
        ),
        languages=tuple(Option(x, x) for x in sorted({m.language for m in metas})),
    )


def _ask(
    runtime: Runtime, question: str, history: tuple[str, ...], form: ChatForm, number: int, latest: bool
) -> tuple[Turn, int]:
    """The turn answering `question`, and its HTTP status: 200, or the error's 4xx with the reason
    in the turn (the question is kept)."""
    try:
        req = ask_request(question, history, form.filters)
        query = req.to_query()
        answer = runtime.ask(query)
    except (InvalidRequest, NotFound) as exc:
        failed = Turn(number=number, question=question, question_lang=None, answered=False, latest=latest)
        return replace(failed, error=exc.message), status_for(exc)
    titles = {r.id: r.meta.title for r in runtime.index.sources()} if query.filters.source_ids else {}
    shown = turn(
        answer,
        number,
        latest=latest,
        filters=filters_note(query.filters, titles),
        new_topic_href=form.new_topic_url(question),
        unfiltered_href="/?" + urlencode([("q", question)]) + "#latest",
    )
    return shown, 200


def _progress(runtime: Runtime) -> IndexProgress | None:
    p = runtime.progress()
    if p is None:
        return None
    return IndexProgress(phase=p.phase, done=p.done, total=p.total, eta_s=p.eta_s, percent=p.percent)


@router.get("/")
def chat(request: Request, runtime: RuntimeDep, form: FormDep) -> Response:
    """The conversation so far plus the new question's answer, all rendered on the server."""
    if not runtime.ready:
        progress = _progress(runtime)
        notice = (
            "The collection is being indexed for the first time; questions can be asked as soon as it "
            "is ready. This page refreshes itself."
            if progress is not None
            else "The index is not built yet, so nothing can be asked. An administrator can build it "
            "with `groundqa index` or from the admin page."
        )
        page = ChatPage(
            turns=(),
            history=form.history,
            next_number=form.turns_so_far + 1,
            filters=form.filters,
            options=FilterOptions(),
            ready=False,
            notice=notice,
            question=form.question or "",
            progress=progress,
        )
        return render(request, "chat.html", page, status=503 if form.question is not None else 200)
    options = _options(runtime)  # raises IndexNotBuilt (the 503 page) when no index is loaded
    turns: list[Turn] = []
    status = 200
    earlier: tuple[str, ...] = ()
    if form.question is not None:
        # A page costs at most MAX_SEARCHES_PER_REQUEST searches: the question, and the earlier
        # questions a search reads with it (the last HISTORY_USED); older ones are listed, not re-asked.
        shown = form.history[-HISTORY_USED:]
        earlier = form.history[: len(form.history) - len(shown)]
        asked = (*shown, form.question)
        first = form.turns_so_far - len(shown) + 1
        for i, question in enumerate(asked):
            history = (*earlier, *asked[:i])[-HISTORY_USED:]
            t, status = _ask(runtime, question, history, form, first + i, latest=i == len(asked) - 1)
            turns.append(t)
    failed = status != 200
    if failed:
        # The filters could not be used: earlier turns are shown as asked without them.
        plain = replace(form, filters=FilterValues())
        shown = form.history[-HISTORY_USED:]
        first = form.turns_so_far - len(shown) + 1
        turns = [
            _ask(runtime, q, (*earlier, *shown[:i])[-HISTORY_USED:], plain, first + i, latest=False)[0]
            for i, q in enumerate(shown)
        ] + turns[-1:]
    page = ChatPage(
        turns=tuple(turns),
        history=form.history if failed else (form.next_history() if turns else ()),
        next_number=form.turns_so_far + 2 if turns else 1,
        filters=form.filters,
        options=options,
        question=(form.question or "") if failed else "",
        new_topic_href=form.new_topic_url(),
        earlier=earlier,
    )
    return render(request, "chat.html", page, status=status)


@router.get("/turn")
def chat_turn(request: Request, runtime: RuntimeDep, form: FormDep) -> Response:
    """htmx: the answer to one question, appended to the thread, plus the updated hidden history.

    When the question cannot be asked, the turn shows why (with the error's status) and the hidden
    history is left as it was, so the question is not part of the conversation.
    """
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(form.url(), status_code=303)
    question = form.question if form.question is not None else ""
    number = form.turns_so_far + 1
    new, status = _ask(runtime, question, form.history, form, number, latest=False)
    if status != 200:
        partial = TurnPartial(turn=new, history=form.history, next_number=number + 1)
        return render(request, "turn.html", partial, status=status)
    partial = TurnPartial(turn=new, history=form.next_history(), next_number=number + 1)
    return render(request, "turn.html", partial, headers={"HX-Push-Url": form.url()})
