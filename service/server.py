"""The HTTP server's own guard: a header-read timeout, which uvicorn does not have.

uvicorn times out idle keep-alive connections, but a client that opens a connection and then sends
its request head a byte at a time (slowloris) holds the connection for as long as it likes.
`HeaderTimeoutH11Protocol` is uvicorn's h11 protocol that closes a connection whose request head is
not complete `header_timeout` seconds after the connection opened or the request's first byte came.

`groundqa serve` uses it (GROUNDQA_HEADER_TIMEOUT); with uvicorn's own command line, pass
`--http service.server:HeaderTimeoutH11Protocol` (the timeout then comes from the environment).
"""

from __future__ import annotations

import asyncio
import functools

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.settings import Settings


@functools.cache
def _default_timeout() -> float:
    return Settings().header_timeout


class HeaderTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections that take too long to send a request head."""

    header_timeout: float | None = None  # seconds; None: GROUNDQA_HEADER_TIMEOUT (default 10)

    _head_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        if self._head_timer is None:
            timeout = self.header_timeout if self.header_timeout is not None else _default_timeout()
            self._head_timer = self.loop.call_later(timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()  # a request head has begun (or the connection is new) and is not complete
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()  # between requests, uvicorn's keep-alive timeout applies
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def protocol_with_header_timeout(seconds: float) -> type[HeaderTimeoutH11Protocol]:
    """`HeaderTimeoutH11Protocol` with its timeout set to `seconds` (for `uvicorn.run(http=...)`)."""
    return type("HeaderTimeoutH11Protocol", (HeaderTimeoutH11Protocol,), {"header_timeout": seconds})
