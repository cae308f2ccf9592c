"""ASGI middleware: security headers on every response, a cap on request body size, HEAD served as
GET, same-origin redirects made relative, and Vary where a response depends on a request header.

All five are one layer (`HttpGuard`): as five nested middlewares they cost ~0.3 ms of a demo ask's
~4 ms outside the engine (measured in the server, interleaved with the same app without them), since
every layer adds a coroutine and a send wrapper that run with caches cold after a search.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit, urlunsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
Headers = list[tuple[bytes, bytes]]
SECURITY = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
HTML_SECURITY = [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]


class HttpGuard:
    """The service's HTTP policy, for http scopes (others pass through untouched):

    - request bodies over a limit are refused with 413, whether announced or streamed: multipart
      uploads get `upload_limit`, every other body (JSON, forms) `limit`;
    - HEAD is answered wherever GET is: the app sees a GET, the client gets its headers only (FastAPI
      routes declared with GET do not serve HEAD; RFC 9110 says every GET resource should);
    - `Vary: <header>` is added on the paths of `vary` (path -> request header) whose content depends
      on that header (`/turn` answers an htmx request with a fragment and any other with a redirect);
    - redirects to this same server are made relative (`Location: /static/`), so that a forged `Host`
      header is never echoed back in a Location (Starlette builds its trailing-slash redirects from it);
    - nosniff/referrer headers go on every response and a strict CSP (no inline script) on HTML.
    """

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int, vary: dict[str, str]) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.vary = vary

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        vary = self.vary.get(scope["path"])

        async def respond(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _rewritten(message, vary)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self._limited(scope, receive, respond)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with the body limit: 413 when the announced or the received body is over it."""
        headers = dict(scope.get("headers", []))
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        limit = self.upload_limit if multipart else self.limit
        try:
            announced = int(headers.get(b"content-length", b"0"))
        except ValueError:
            announced = 0
        if announced > limit:
            await _reject(send, limit)
            return
        seen = 0
        started = False
        exceeded = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # Once the limit is exceeded the answer is 413, whatever the app makes of the cut-off body
            # (FastAPI turns any error while reading a body into a 400).
            nonlocal started
            if message["type"] not in ("http.response.start", "http.response.body"):
                await send(message)
            elif exceeded:
                if not started:
                    started = True
                    await _reject(send, limit)
            else:
                started = True
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _reject(send, limit)


async def _reject(send: Send, limit: int) -> None:
    """Send the 413 for a body over `limit` bytes."""
    body = json.dumps(
        {"error": {"code": "too_large", "message": f"request body larger than {limit} bytes"}}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def _rewritten(start: Message, vary: str | None) -> Headers:
    """The headers of a response's start message with Vary on `vary` (when not None), a relative
    Location on a redirect, and the security headers."""
    headers: Headers = list(start.get("headers", []))
    if vary is not None:
        headers = _with_vary(headers, vary)
    if 300 <= start["status"] < 400:
        headers = [(k, _relative(v) if k.lower() == b"location" else v) for k, v in headers]
    return _secured(headers)


def _with_vary(headers: Headers, header: str) -> Headers:
    """`headers` with `header` named in Vary (kept as is when Vary already names it or is `*`)."""
    current = [v.decode("latin-1") for k, v in headers if k.lower() == b"vary"]
    names = {n.strip().lower() for v in current for n in v.split(",") if n.strip()}
    if header.lower() in names or "*" in names:
        return headers
    headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
    headers.append((b"vary", ", ".join([*current, header]).encode("latin-1")))
    return headers


def _secured(headers: Headers) -> Headers:
    """`headers` plus the security headers it does not set itself (the CSP ones only on HTML)."""
    names = {k.lower() for k, _ in headers}
    ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    extra = SECURITY + HTML_SECURITY if ctype.startswith(b"text/html") else SECURITY
    return headers + [(k, v) for k, v in extra if k not in names]


def _relative(location: bytes) -> bytes:
    """`http://any-host/path?q` -> `/path?q`; relative locations are kept (the app never redirects
    to another site)."""
    split = urlsplit(location.decode("latin-1"))
    if not split.scheme and not split.netloc:
        return location
    path = split.path if split.path.startswith("/") else "/" + split.path
    return urlunsplit(("", "", path, split.query, split.fragment)).encode("latin-1")
