"""ASGI middleware: security headers on every response, a cap on request body size, HEAD served as
GET, same-origin redirects made relative, and Vary where a response depends on a request header."""

from __future__ import annotations

import json
from urllib.parse import urlsplit, urlunsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class _ResponseFilter:
    """Middleware that rewrites the messages an HTTP response sends (`rewrite`); other scopes
    (lifespan, websocket) pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def rewritten(message: Message) -> None:
            self.rewrite(message)
            await send(message)

        await self.app(scope, receive, rewritten)

    def rewrite(self, message: Message) -> None:
        """Change `message` in place before it is sent."""
        raise NotImplementedError


class SecurityHeaders(_ResponseFilter):
    """Adds nosniff/referrer headers everywhere and a strict CSP (no inline script) on HTML."""

    def rewrite(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            extra = [
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"no-referrer"),
                (b"cross-origin-resource-policy", b"same-origin"),
            ]
            if ctype.startswith(b"text/html"):
                extra += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
            headers += [(k, v) for k, v in extra if k not in names]
            message["headers"] = headers


class BodyLimit:
    """Refuse request bodies over a limit with 413, whether announced or streamed.

    File uploads (multipart) get `upload_limit`; every other body (JSON, forms) gets `limit`.
    """

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    async def _reject(self, send: Send, limit: int) -> None:
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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        limit = self.upload_limit if multipart else self.limit
        try:
            announced = int(headers.get(b"content-length", b"0"))
        except ValueError:
            announced = 0
        if announced > limit:
            await self._reject(send, limit)
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
                    await self._reject(send, limit)
            else:
                started = True
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if not started:
                await self._reject(send, limit)


class _TooLarge(Exception):
    pass


class HeadAsGet:
    """Answer HEAD wherever GET is answered: the app sees a GET, the client gets its headers only.

    (FastAPI routes declared with GET do not serve HEAD; RFC 9110 says every GET resource should.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SameOriginRedirects(_ResponseFilter):
    """Make redirects to this same server relative (`Location: /static/`), so that a forged `Host`
    header is never echoed back in a Location (Starlette builds its trailing-slash redirects from it).
    """

    def rewrite(self, message: Message) -> None:
        if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
            raw = message.get("headers", [])
            message["headers"] = [(k, _relative(v) if k.lower() == b"location" else v) for k, v in raw]


def _relative(location: bytes) -> bytes:
    """`http://any-host/path?q` -> `/path?q`; relative locations are kept (the app never redirects
    to another site)."""
    split = urlsplit(location.decode("latin-1"))
    if not split.scheme and not split.netloc:
        return location
    path = split.path if split.path.startswith("/") else "/" + split.path
    return urlunsplit(("", "", path, split.query, split.fragment)).encode("latin-1")


class VaryOn:
    """Add `Vary: <header>` to responses of the paths whose content depends on that request header
    (e.g. `/turn` answers an htmx request with a fragment and any other with a redirect)."""

    def __init__(self, app: ASGIApp, paths: dict[str, str]) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = self.paths.get(scope["path"]) if scope["type"] == "http" else None
        if header is None:
            await self.app(scope, receive, send)
            return

        async def vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                current = [v.decode("latin-1") for k, v in headers if k.lower() == b"vary"]
                names = {n.strip().lower() for v in current for n in v.split(",") if n.strip()}
                if header.lower() not in names and "*" not in names:
                    headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                    headers.append((b"vary", ", ".join([*current, header]).encode("latin-1")))
                    message["headers"] = headers
            await send(message)

        await self.app(scope, receive, vary)
