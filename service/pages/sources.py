"""The collection table (/sources) and the source viewer (/sources/{id}) with a cited span marked."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from corpus.errors import InvalidRequest, NotFound
from service.deps import RuntimeDep
from web.context import SourcesPage, ViewerPage
from web.present import safe_url, source_row, text_blocks
from web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/sources")
def sources_page(request: Request, runtime: RuntimeDep) -> Response:
    if not runtime.ready:
        notice = "The index is not built yet: the collection is empty until it is."
        return render(request, "sources.html", SourcesPage(sources=(), ready=False, notice=notice))
    page = SourcesPage(sources=tuple(source_row(r) for r in runtime.index.sources()))
    return render(request, "sources.html", page)


@router.get("/sources/{source_id}")
def source_page(
    request: Request,
    runtime: RuntimeDep,
    source_id: str,
    passage: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Response:
    """The canonical text; `?passage=ID` or `?start=&end=` marks a span and scrolls it into view."""
    index = runtime.index
    rec = index.source_record(source_id)
    source = index.source(source_id)
    text = source.text
    highlight: tuple[int, int] | None = None
    if passage:
        p = index.passage(passage)
        if p.source_id != source.id:
            raise NotFound(f"passage {passage!r} is not part of source {source_id!r}")
        highlight = (p.char_start, p.char_end)
    elif start is not None or end is not None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            raise InvalidRequest(f"start and end must both be given, with 0 <= start < end <= {len(text)}")
        highlight = (start, end)
    page = ViewerPage(
        source=source_row(rec),
        url=safe_url(source.meta.url),
        notes=source.notes,
        blocks=text_blocks(text, source.pages, highlight),
        highlight=highlight,
        passage_id=passage or None,
        highlight_page=source.page_at(highlight[0]) if highlight else None,
        paged=bool(source.pages),
    )
    return render(request, "source.html", page)
