"""FastAPI dependencies: the runtime held on the app, and the admin check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from service.errors import Forbidden, Unauthorized
from service.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def check_token(runtime: Runtime, presented: str | None) -> None:
    """Raise unless `presented` equals the configured admin token (compared in constant time)."""
    token = runtime.settings.admin_token
    if token is None or not token.get_secret_value():
        raise Forbidden(
            "admin endpoints are disabled: set the GROUNDQA_ADMIN_TOKEN environment variable "
            "and restart the server to enable them"
        )
    if not presented or not hmac.compare_digest(presented.encode(), token.get_secret_value().encode()):
        raise Unauthorized("admin token missing or wrong: send the header 'Authorization: Bearer <token>'")


def require_admin(request: Request, runtime: RuntimeDep) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    check_token(runtime, value.strip() if scheme.lower() == "bearer" else None)


AdminDep = Depends(require_admin)
