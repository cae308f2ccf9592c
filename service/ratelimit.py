"""A per-client rate limit on asking (the `limits` library: moving windows, kept in memory).

Counted: `POST /api/ask`, and the chat page's `GET /` and `GET /turn` when they carry a question
(`q`). The client is the connection's address (uvicorn puts the X-Forwarded-For client there when the
request comes from a trusted proxy, by default 127.0.0.1). Loopback clients are not limited unless
`rate_limit_loopback` is set: the default server only listens on 127.0.0.1, and local tools (the
benchmarks, scripts) ask in bursts.
"""

from __future__ import annotations

import ipaddress
import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from service.errors import TooManyRequests

OFF = ("", "off", "none", "0")
LOOPBACK = frozenset({"127.0.0.1", "::1"})  # the usual loopback addresses, as clients are reported


def parse_limit(spec: str) -> list[RateLimitItem]:
    """`"5/second;60/minute"` -> its limits ([] for "", "off" or "none"). Raises ValueError."""
    if spec.strip().lower() in OFF:
        return []
    return list(parse_many(spec))


class AskLimiter:
    """Counts asks per client and refuses the one over a limit.

    Args:
        spec: limits in the `limits` notation, e.g. "5/second;60/minute"; "" or "off" for none.
        loopback: also limit clients on 127.0.0.1 and ::1.
    """

    def __init__(self, spec: str, *, loopback: bool = False) -> None:
        self.items = parse_limit(spec)
        self.loopback = loopback
        self._limiter = MovingWindowRateLimiter(MemoryStorage()) if self.items else None

    @property
    def enabled(self) -> bool:
        return self._limiter is not None

    def exempt(self, client: str) -> bool:
        """Whether `client` (an address) is not limited: a loopback address, unless `loopback`."""
        if self.loopback:
            return False
        if client in LOOPBACK:  # the local case without parsing: ip_address is ~5 µs warm, more cold
            return True
        try:
            return ipaddress.ip_address(client).is_loopback
        except ValueError:
            return False

    def hit(self, client: str | None) -> None:
        """Count one ask by `client` (an address). Raises TooManyRequests (with the seconds to wait)
        when one of the limits is already reached; a refused ask is not counted."""
        limiter = self._limiter
        key = client or "unknown"
        if limiter is None or self.exempt(key):
            return
        for item in self.items:
            if not limiter.test(item, key):
                reset = limiter.get_window_stats(item, key).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                raise TooManyRequests(
                    f"too many questions from this address: at most {item.amount} per "
                    f"{_per(item)}; try again in {wait} s",
                    retry_after=wait,
                )
        for item in self.items:
            limiter.hit(item, key)


def _per(item: RateLimitItem) -> str:
    unit = item.GRANULARITY.name
    return unit if item.multiples == 1 else f"{item.multiples} {unit}s"
