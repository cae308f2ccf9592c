"""The Jinja2 environment (autoescaping always on), the one call that renders a page, the error page."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@functools.cache
def _digest(path: str) -> str:
    return hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:10]


def static_url(path: str) -> str:
    """`/static/<path>?v=<content hash>`, so a changed file is never served from a stale cache."""
    return f"/static/{path}?v={_digest(path)}"


@functools.cache
def templates() -> Jinja2Templates:
    """The process-wide template set (compiled templates are cached inside it)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = static_url
    return Jinja2Templates(env=env)


def render(
    request: Request,
    name: str,
    page: object,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Render template `name` with its contract object as `page`."""
    return templates().TemplateResponse(
        request, name, {"page": page}, status_code=status, headers=dict(headers) if headers else None
    )


ERROR_TITLES = {
    400: "That request could not be used",
    401: "The admin token is missing or wrong",
    403: "Admin is disabled",
    404: "Not found",
    405: "Not allowed",
    409: "Busy",
    413: "Too large",
    422: "That request could not be used",
    429: "Too many questions",
    503: "The index is not ready",
    507: "The disk is full or read-only",
}


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML error page (or, for an htmx request, a fragment that the chat thread shows)."""
    from web.context import ErrorPage

    htmx = request.headers.get("hx-request") == "true"
    page = ErrorPage(
        status=status,
        code=code,
        title=ERROR_TITLES.get(status, "Something went wrong"),
        message=message,
        question=request.query_params.get("q") if htmx else None,
    )
    name = "turn_error.html" if htmx else "error.html"
    return render(request, name, page, status=status)
