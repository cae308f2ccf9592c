"""FastAPI dependencies: the runtime held on the app, the admin check and the ask rate limit; and
reading an uploaded file within the upload limit."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request, UploadFile

from corpus.errors import InvalidRequest
from service.errors import Forbidden, Unauthorized
from service.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def _runtime(request: Request) -> Runtime:
    # async: FastAPI runs a plain `def` dependency in its thread pool, a hand-off that costs more than
    # reading an attribute (the ask route's dependencies are all of this kind)
    return get_runtime(request)


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


def require_enabled(runtime: Runtime) -> None:
    """Raise Forbidden when no admin token is configured (admin is disabled)."""
    token = runtime.settings.admin_token
    if token is None or not token.get_secret_value():
        raise Forbidden(
            "admin endpoints are disabled: set the GROUNDQA_ADMIN_TOKEN environment variable "
            "and restart the server to enable them"
        )


BEARER_HINT = "send the header 'Authorization: Bearer <token>'"
FORM_HINT = "enter the admin token (GROUNDQA_ADMIN_TOKEN) in the token field"


def check_token(runtime: Runtime, presented: str | None, hint: str = BEARER_HINT) -> None:
    """Raise unless `presented` equals the configured admin token (compared in constant time).

    Raises Forbidden (admin disabled) or Unauthorized (missing or wrong; the message ends with `hint`,
    how to send it: the header for the API, `FORM_HINT` for the admin page's forms).
    """
    require_enabled(runtime)
    token = runtime.settings.admin_token
    assert token is not None
    if not presented or not hmac.compare_digest(presented.encode(), token.get_secret_value().encode()):
        raise Unauthorized(f"admin token missing or wrong: {hint}")


def require_admin(request: Request, runtime: RuntimeDep) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    check_token(runtime, value.strip() if scheme.lower() == "bearer" else None)


AdminDep = Depends(require_admin)


async def limit_asks(request: Request, runtime: RuntimeDep) -> None:
    """Count a question against its client's rate limit (TooManyRequests, HTTP 429, over it).

    A page request without a question (`q`) is not an ask and is not counted. Runs on the event loop
    (the limiter's in-memory count never blocks).
    """
    if request.method == "GET" and "q" not in request.query_params:
        return
    runtime.ask_limiter.hit(request.client.host if request.client else None)


AskLimitDep = Depends(limit_asks)


async def read_upload(runtime: Runtime, file: UploadFile) -> bytes:
    """The content of an uploaded file; InvalidRequest when it is larger than the configured
    `max_upload_mb` (at most one byte past the limit is read)."""
    limit = runtime.settings.max_upload_bytes
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise InvalidRequest(f"the upload is larger than {runtime.settings.max_upload_mb:g} MB")
    return content
