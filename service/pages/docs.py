"""`/docs`: the API documentation (Swagger UI from vendored files)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """Swagger UI from vendored files, started by an external script (the CSP forbids inline ones)."""
    return render(request, "docs.html", None)
