"""A route class for JSON-body routes on the hot path (`POST /api/ask`): a request whose body is a valid
JSON object of the route's model goes straight to the endpoint; everything else takes FastAPI's own way.

FastAPI's generic handler parses the Content-Type with `email.message`, solves the dependency graph
(caches, scopes, sub-dependencies) and assembles keyword arguments for every request, which cost ~0.3 ms
of the ~3.5 ms a demo ask spends outside the engine (measured in the server, its caches cold after a
search). The quick path does what those steps amount to for this route and nothing else:

1. the raw `Content-Type` is exactly `application/json`, the body parses as JSON (`json.loads`, as
   Starlette's `Request.json`) and validates as the endpoint's `body` model (`model_validate`, as
   FastAPI's body field does);
2. the route's own `dependencies` run in order, each awaited as `dependency(request, runtime)` (each
   must be an async function of those two: checked when the route is built);
3. the endpoint runs as `endpoint(body=..., runtime=...)` in Starlette's thread pool, as FastAPI runs
   a sync endpoint (anyio's, 40 threads, context variables copied: the loop's default executor would
   save ~0.3 ms but holds only CPUs + 4 threads, so slow asks would queue behind six).

FastAPI's own handler also takes every request while the app has `dependency_overrides` (tests).

When step 1 fails in any way (another media type, no body, bad JSON, a validation error, a body over
the size limit), FastAPI's handler takes the request from the start: it reads the body Starlette cached
and gives exactly the errors it always gave, counting the rate limit once as before. Exceptions of steps
2 and 3 go to the app's exception handlers as they would from FastAPI's handler.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, get_type_hints

from fastapi import Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from service.deps import get_runtime
from service.gate import HeaderAuthRoute
from service.runtime import Runtime

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
Dependency = Callable[[Request, Runtime], Awaitable[None]]
JSON_TYPE = "application/json"


class QuickJsonRoute(HeaderAuthRoute):
    """An APIRoute for `endpoint(body: Model, runtime: Runtime) -> Response` whose dependencies are
    async `(request, runtime)` callables; see the module docstring for what the quick path skips."""

    def get_route_handler(self) -> Handler:
        generic = super().get_route_handler()
        model: type[BaseModel] = get_type_hints(self.endpoint)["body"]
        checks: list[Dependency] = [d.dependency for d in self.dependencies if d.dependency is not None]
        for check in checks:
            if not inspect.iscoroutinefunction(check) or len(inspect.signature(check).parameters) != 2:
                raise TypeError(f"QuickJsonRoute needs async (request, runtime) dependencies, not {check!r}")
        endpoint = self.endpoint

        async def quick(request: Request) -> Response:
            body = None if request.app.dependency_overrides else await _parsed(request, model)
            if body is None:
                return await generic(request)
            runtime = get_runtime(request)
            for check in checks:
                await check(request, runtime)
            response: Response = await run_in_threadpool(endpoint, body=body, runtime=runtime)
            return response

        return quick


async def _parsed(request: Request, model: type[BaseModel]) -> BaseModel | None:
    """The request body as `model` when it is a JSON body FastAPI would accept as one; else None."""
    if request.headers.get("content-type") != JSON_TYPE:
        return None
    try:
        return model.model_validate(json.loads(await request.body()))
    except Exception:  # any failure: FastAPI's own handler reports it as it always did
        return None
