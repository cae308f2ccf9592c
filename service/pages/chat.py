"""The chat page: `/` renders the whole conversation server-side (works without JavaScript), and
`/turn` returns just the new exchange for htmx to append.

The conversation lives in the page, not on the server: earlier questions travel as hidden `h` inputs
(`n` counts the turns so far, so element ids stay unique once old questions drop off the history).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from corpus.errors import InvalidRequest, NotFound
from service.deps import RuntimeDep
from service.runtime import Runtime
from service.schemas import MAX_HISTORY, AskRequest
from web.context import ChatPage, FilterOptions, FilterValues, Option, Turn, TurnPartial
from web.present import ParagraphOf, turn
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

    def url(self) -> str:
        """The `/` URL that renders this conversation (pushed to the address bar by htmx)."""
        items: list[tuple[str, str]] = [("h", h) for h in self.history]
        if self.question is not None:
            items.append(("q", self.question))
        items.append(("n", str(self.turns_so_far)))
        f = self.filters
        for key, value in (
            ("source", f.source),
            ("publisher", f.publisher),
            ("lang", f.language),
            ("date_from", f.date_from),
            ("date_to", f.date_to),
        ):
            if value:
                items.append((key, value))
        return "/?" + urlencode(items)


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
    history = tuple(x for x in (h or []) if x.strip())[-MAX_HISTORY:]
    return ChatForm(
        question=q,
        history=history,
        turns_so_far=max(n, len(history)),
        filters=FilterValues(
            source=source.strip(),
            publisher=publisher.strip(),
            language=lang.strip(),
            date_from=date_from.strip(),
            date_to=date_to.strip(),
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
        raise InvalidRequest(_validation_message(exc)) from None


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors():
        field = str(e["loc"][-1]) if e["loc"] else "request"
        if e["type"] == "string_pattern_mismatch":
            parts.append(f"{field}: a date must look like YYYY, YYYY-MM or YYYY-MM-DD")
        else:
            parts.append(f"{field}: {str(e['msg']).removeprefix('Value error, ')}")
    return "; ".join(parts)


def _paragraph_of(runtime: Runtime) -> ParagraphOf:
    def paragraph_of(source_id: str, offset: int) -> int | None:
        try:
            return runtime.index.source(source_id).paragraph_at(offset)
        except NotFound:  # the index changed between the search and this lookup
            return None

    return paragraph_of


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
) -> Turn:
    req = ask_request(question, history, form.filters)
    return turn(runtime.ask(req.to_query()), number, paragraph_of=_paragraph_of(runtime), latest=latest)


@router.get("/")
def chat(request: Request, runtime: RuntimeDep, form: FormDep) -> Response:
    """The conversation so far plus the new question's answer, all rendered on the server."""
    if not runtime.ready and form.question is None:
        page = ChatPage(
            turns=(),
            history=(),
            next_number=1,
            filters=form.filters,
            options=FilterOptions(),
            ready=False,
            notice="The index is not built yet, so nothing can be asked. An administrator can build it "
            "with `groundqa index` or from the admin page.",
        )
        return render(request, "chat.html", page)
    options = _options(runtime)  # raises IndexNotBuilt (the 503 page) when no index is loaded
    turns: list[Turn] = []
    if form.question is not None:
        asked = (*form.history, form.question)
        first = form.turns_so_far - len(form.history) + 1
        for i, question in enumerate(asked):
            history = asked[:i][-MAX_HISTORY:]
            turns.append(_ask(runtime, question, history, form, first + i, latest=i == len(asked) - 1))
    page = ChatPage(
        turns=tuple(turns),
        history=form.next_history() if turns else (),
        next_number=form.turns_so_far + 2 if turns else 1,
        filters=form.filters,
        options=options,
    )
    return render(request, "chat.html", page)


@router.get("/turn")
def chat_turn(request: Request, runtime: RuntimeDep, form: FormDep) -> Response:
    """htmx: the answer to one question, appended to the thread, plus the updated hidden history."""
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(form.url(), status_code=303)
    question = form.question if form.question is not None else ""
    number = form.turns_so_far + 1
    new = _ask(runtime, question, form.history, form, number, latest=False)
    partial = TurnPartial(turn=new, history=form.next_history(), next_number=number + 1)
    return render(request, "turn.html", partial, headers={"HX-Push-Url": form.url()})
