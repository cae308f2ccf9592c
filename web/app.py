"""Mount the web UI on the FastAPI app: pages, static files, API docs and the HTML error page."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from service.errors import HTML_RENDERER
from service.settings import Settings
from web import admin, chat, sources
from web.context import ErrorPage
from web.templating import STATIC_DIR, render

TITLES = {
    400: "That request could not be used",
    401: "The admin token is missing or wrong",
    403: "Admin is disabled",
    404: "Not found",
    405: "Not allowed",
    409: "Busy",
    413: "Too large",
    422: "That request could not be used",
    503: "The index is not ready",
    507: "The disk is full or read-only",
}

docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/docs")
def api_docs(request: Request) -> Response:
    """Swagger UI from vendored files, started by an external script (the CSP forbids inline ones)."""
    return render(request, "docs.html", None)


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML error page (or, for an htmx request, a fragment that the chat thread shows)."""
    page = ErrorPage(
        status=status, code=code, title=TITLES.get(status, "Something went wrong"), message=message
    )
    name = "turn_error.html" if request.headers.get("hx-request") == "true" else "error.html"
    return render(request, name, page, status=status)


def mount_web(app: FastAPI, settings: Settings) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(chat.router)
    app.include_router(sources.router)
    app.include_router(admin.router)
    app.include_router(docs_router)
    setattr(app.state, HTML_RENDERER, render_error)
