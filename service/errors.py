"""The service's access errors, and the mapping of every groundqa error to an HTTP response.

One table, one handler per kind, no stack traces: JSON `{"error": {"code", "message"}}` for the API,
the HTML error page for browsers.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from corpus.errors import (
    BackendUnavailable,
    CorpusError,
    GroundqaError,
    IndexingError,
    IndexNotBuilt,
    InvalidMetadata,
    InvalidRequest,
    ManifestError,
    NotFound,
    ReadOnlySource,
    RebuildInProgress,
    SnapshotCorrupt,
    SourceExists,
    StorageError,
)
from service.schemas import ErrorBody
from web.templating import render_error

log = logging.getLogger(__name__)


class Forbidden(GroundqaError):
    """Admin endpoints are disabled (no admin token configured): HTTP 403."""

    code = "forbidden"


class Unauthorized(Forbidden):
    """An admin action without the right token: HTTP 401."""

    code = "unauthorized"


class TooManyRequests(GroundqaError):
    """A client asked more often than the rate limit allows: HTTP 429 with Retry-After (seconds)."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


STATUS: list[tuple[type[GroundqaError], int]] = [
    (InvalidMetadata, 422),
    (InvalidRequest, 400),
    (Unauthorized, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (RebuildInProgress, 409),
    (ReadOnlySource, 409),
    (SourceExists, 409),
    (ManifestError, 409),
    (TooManyRequests, 429),
    (IndexNotBuilt, 503),
    (SnapshotCorrupt, 503),
    (BackendUnavailable, 503),
    (StorageError, 507),
    (CorpusError, 422),
    (IndexingError, 500),
]


def status_for(exc: GroundqaError) -> int:
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the error statuses a route can return."""
    text = {
        400: "Bad request: the message says what was wrong",
        401: "Missing or wrong admin token",
        403: "Admin endpoints are disabled (no GROUNDQA_ADMIN_TOKEN configured)",
        404: "Unknown id",
        409: "Conflict: a rebuild is already running (its job id is given), the source is read-only, "
        "an upload of that name holds other content (send replace=true), or the uploads manifest is "
        "damaged (the message names the line)",
        413: "Request body too large",
        415: "The body is not sent as JSON (Content-Type: application/json)",
        422: "Invalid request body or parameters (the message names the field)",
        429: "Too many questions from this client; retry after the Retry-After seconds",
        503: "No index is loaded yet, or its database cannot be reached (the message says which)",
        507: "The disk refused a write",
    }
    return {s: {"model": ErrorBody, "description": text[s]} for s in statuses}


def _negotiated(request: Request) -> bool:
    """Whether an error here is HTML or JSON by the request's Accept (and HX-Request) header."""
    path = request.url.path
    return not (path.startswith("/api/") or path in ("/healthz", "/readyz", "/openapi.json"))


def _wants_html(request: Request) -> bool:
    return _negotiated(request) and "text/html" in request.headers.get("accept", "")


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if _negotiated(request):
        headers["Vary"] = "Accept, HX-Request"
    if _wants_html(request):
        response = render_error(request, status, code, message)
        response.headers.update(headers)
        return response
    body: dict[str, Any] = {"code": code, "message": message, **{k: v for k, v in extra.items() if v}}
    return JSONResponse({"error": body}, status_code=status, headers=headers or None)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str, str | None]:
    """(status, code, message, field) of a request that failed validation: `field` is the dotted place
    of the first error in the body or the query ("k", "filters.languages"), None for the body as a
    whole; the message names each place (at most five)."""
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "malformed_json", "the request body is not valid JSON", None
    for e in errors:
        if e.get("loc") == ("body",) and e.get("type") in ("model_attributes_type", "dict_type"):
            if isinstance(e.get("input"), bytes | bytearray):  # not parsed: not declared as JSON
                message = "send the request body as JSON, with the header 'Content-Type: application/json'"
                return 415, "unsupported_media_type", message, None
            return 422, "invalid_request", "the request body must be a JSON object", None
    parts = []
    fields: list[str] = []
    for e in errors[:5]:
        loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path", "header"))
        msg = str(e.get("msg", "invalid value"))
        if e.get("type") == "extra_forbidden":
            msg = "unknown field"
        elif e.get("type") == "missing" and not loc:
            msg = "the request body is missing: send a JSON object"
        elif e.get("type") == "missing":
            msg = "required"
        elif loc == "question" and e.get("type") in ("string_pattern_mismatch", "string_too_short"):
            msg = "the question is empty"
        elif e.get("type") == "string_pattern_mismatch" and "date" in loc:
            msg = "expected a real date as YYYY, YYYY-MM or YYYY-MM-DD"
        elif e.get("type") == "string_pattern_mismatch":
            msg = "contains characters that are not allowed"
        elif e.get("type") == "too_long":
            ctx = e.get("ctx") or {}
            msg = f"at most {ctx.get('max_length')} items are accepted"
        msg = msg.removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
        if loc:
            fields.append(loc)
    return 422, "invalid_request", "; ".join(parts) or "invalid request", fields[0] if fields else None


PROBED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path, plus HEAD wherever GET is served.

    Each method is tried against the app's routes with the public `BaseRoute.matches` (a full match
    means a route serves it), so routers included into the app count as well as plain routes.
    """
    routes = request.app.router.routes
    methods = {
        method
        for method in PROBED_METHODS
        if any(
            route.matches({**request.scope, "method": method, "fastapi": {}})[0] == Match.FULL
            for route in routes
        )
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def install(app: FastAPI) -> None:
    async def on_groundqa(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, GroundqaError)
        status = status_for(exc)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else None
        return error_response(
            request,
            status,
            exc.code,
            exc.message,
            headers=headers,
            job_id=getattr(exc, "job_id", None),
            field=getattr(exc, "field", None),
        )

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        status, code, message, field = _validation_message(exc)
        return error_response(request, status, code, message, field=field)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        headers = dict(exc.headers or {})
        if exc.status_code == 400 and message == "There was an error parsing the body":
            code, message = (
                "malformed_json",
                "the request body could not be parsed (not UTF-8, not JSON, or nested too deeply)",
            )
        if exc.status_code == 400 and message == "Invalid multipart data.":
            code, message = (
                "malformed_upload",
                "the upload is not valid multipart/form-data, or one part's headers are over 4 KB "
                "(python-multipart's limit; a file name that long is refused)",
            )
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            message = f"{request.method} is not allowed here; use {' or '.join(allowed)}"
        return error_response(request, exc.status_code, code, message, headers=headers)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal", "internal error; the server log has the details")

    app.add_exception_handler(GroundqaError, on_groundqa)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
