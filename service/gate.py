"""Authentication before the body: an admin request without the right token is refused before the
rest of its body is read, so nobody can make the server receive and spool a large upload for free.

Two FastAPI route classes (FastAPI reads and parses a body before it runs any dependency, so the
check has to sit in the route handler, in front of FastAPI's own):

- `HeaderAuthRoute` (the JSON API): a route that depends on `require_admin` checks the
  `Authorization` header first; nothing of the body is read when it is missing or wrong.
- `FormTokenRoute` (the admin page's form posts): the token travels in the form, as its first field
  (`token`, first in the page's form, and browsers send fields in document order). Only that field
  is read and checked (at most FIRST_FIELD_MAX_BYTES of the body); the rest is read only once the
  token is right. A body whose first field is not `token` is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import unquote_plus

from fastapi import Request
from fastapi.routing import APIRoute
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, QuerystringParser, parse_options_header
from starlette.responses import Response
from starlette.types import Message, Receive

from corpus.errors import GroundqaError
from service.deps import FORM_HINT, check_token, get_runtime, require_admin, require_enabled
from service.errors import Unauthorized

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
TOKEN_FIELD = "token"
FIRST_FIELD_MAX_BYTES = 16 * 1024  # the multipart part headers plus a token, with room to spare


class HeaderAuthRoute(APIRoute):
    """An APIRoute that, when it depends on `require_admin`, checks the Authorization header before
    FastAPI reads the request body. Raises Forbidden (admin disabled) or Unauthorized."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if not any(getattr(d, "dependency", None) is require_admin for d in self.dependencies):
            return handler

        async def checked(request: Request) -> Response:
            require_admin(request, get_runtime(request))
            return await handler(request)

        return checked


class FormTokenRoute(APIRoute):
    """An APIRoute for admin form posts: the `token` form field, which must come first, is read and
    checked before the rest of the body. Override `denied` to render the refusal."""

    def denied(self, request: Request, exc: GroundqaError) -> Response:
        """The response for a refused request (the exception handlers' by default)."""
        raise exc

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if "POST" not in (self.methods or ()):
            return handler

        async def checked(request: Request) -> Response:
            runtime = get_runtime(request)
            try:
                require_enabled(runtime)
                token, receive = await first_field(request, TOKEN_FIELD)
                if token is None:
                    raise Unauthorized(
                        "admin token missing: send it as the form's first field, 'token' "
                        "(the admin page does)"
                    )
                check_token(runtime, token, FORM_HINT)
            except GroundqaError as exc:
                return self.denied(request, exc)
            return await handler(Request(request.scope, receive))

        return checked


async def first_field(request: Request, name: str) -> tuple[str | None, Receive]:
    """Read a form body only as far as its first field.

    Returns that field's value when the field is `name` (else None: another field came first, the
    body is not a form, or the field does not end within FIRST_FIELD_MAX_BYTES), and a `receive`
    that replays what was read, then reads on.
    """
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    reader = _FirstField(name)
    parser: MultipartParser | QuerystringParser
    if ctype == b"multipart/form-data" and params.get(b"boundary"):
        parser = MultipartParser(params[b"boundary"], reader.multipart_callbacks())
    elif ctype == b"application/x-www-form-urlencoded":
        parser = QuerystringParser(reader.querystring_callbacks())
    else:
        return None, request.receive
    read: list[Message] = []
    seen = 0
    more = True
    while more and not reader.decided and seen <= FIRST_FIELD_MAX_BYTES:
        message = await request.receive()
        read.append(message)
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        more = bool(message.get("more_body", False))
        room = FIRST_FIELD_MAX_BYTES + 1 - seen
        seen += len(chunk)
        try:
            parser.write(chunk[:room])
            if not more and len(chunk) <= room:
                parser.finalize()
        except FormParserError:
            break
    value = reader.value if reader.decided else None
    return value, _replaying(read, request.receive)


class _FirstField:
    """Collects the first field of a form as python-multipart's callbacks report it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.decided = False
        self.value: str | None = None
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._disposition = b""
        self._field_name = bytearray()
        self._data = bytearray()
        self._is_wanted = False

    def _data_cb(self, data: bytes, start: int, end: int) -> None:
        if not self.decided and self._is_wanted:
            self._data += data[start:end]

    def _decide(self, value: str | None) -> None:
        if not self.decided:
            self.decided, self.value = True, value

    # -- multipart/form-data ------------------------------------------------------------------------
    def multipart_callbacks(self) -> Any:
        def header_field(data: bytes, start: int, end: int) -> None:
            self._header_name += data[start:end]

        def header_value(data: bytes, start: int, end: int) -> None:
            self._header_value += data[start:end]

        def header_end() -> None:
            if bytes(self._header_name).lower() == b"content-disposition":
                self._disposition = bytes(self._header_value)
            self._header_name.clear()
            self._header_value.clear()

        def headers_finished() -> None:
            _, options = parse_options_header(self._disposition)
            self._is_wanted = options.get(b"name") == self.name.encode()
            if not self._is_wanted:
                self._decide(None)

        def part_end() -> None:
            self._decide(_utf8(bytes(self._data)) if self._is_wanted else None)

        return {
            "on_header_field": header_field,
            "on_header_value": header_value,
            "on_header_end": header_end,
            "on_headers_finished": headers_finished,
            "on_part_data": self._data_cb,
            "on_part_end": part_end,
            "on_end": lambda: self._decide(None),
        }

    # -- application/x-www-form-urlencoded ----------------------------------------------------------
    def querystring_callbacks(self) -> Any:
        def field_name(data: bytes, start: int, end: int) -> None:
            self._field_name += data[start:end]

        def field_data(data: bytes, start: int, end: int) -> None:
            if not self._is_wanted:
                self._is_wanted = unquote_plus(_utf8(bytes(self._field_name)) or "") == self.name
                if not self._is_wanted:
                    self._decide(None)
            self._data_cb(data, start, end)

        def field_end() -> None:
            wanted = unquote_plus(_utf8(bytes(self._field_name)) or "") == self.name
            raw = _utf8(bytes(self._data)) if wanted else None
            self._decide(unquote_plus(raw) if raw is not None else None)

        return {
            "on_field_name": field_name,
            "on_field_data": field_data,
            "on_field_end": field_end,
            "on_end": lambda: self._decide(None),
        }


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
