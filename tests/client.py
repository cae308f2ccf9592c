"""HTTP calls to a groundqa server, shared by tests and bench scripts (standard library only).

`request` answers every HTTP status with a `Reply` (a 4xx or 5xx is a reply, not an exception), so
that a caller asserts on the status it expects; only a failed connection raises (OSError).
"""

from __future__ import annotations

import json as jsonlib
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

_NO_JSON = object()


@dataclass(frozen=True)
class Reply:
    """A server's answer: its status, its headers (names lower-cased) and its body as sent."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """The body as UTF-8 (undecodable bytes replaced)."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON; ValueError if it is not JSON."""
        return jsonlib.loads(self.body)


def request(
    url: str,
    method: str = "GET",
    *,
    body: bytes | None = None,
    json: Any = _NO_JSON,
    headers: dict[str, str] | None = None,
    token: str | None = None,
    timeout: float = 30.0,
) -> Reply:
    """Send one request and read the whole answer.

    `json` (any JSON value, None included) is sent as an application/json body in place of `body`;
    `token` as "Authorization: Bearer <token>". Raises OSError (urllib.error.URLError, TimeoutError)
    when no answer comes: nothing listening, or nothing within `timeout` seconds.
    """
    sent = dict(headers or {})
    if json is not _NO_JSON:
        body = jsonlib.dumps(json).encode()
        sent.setdefault("Content-Type", "application/json")
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=body, headers=sent, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


def multipart(fields: dict[str, str], file: tuple[str, str, bytes] | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type: `fields` first, in order, then `file` as
    (field name, file name, content). Quotes and line breaks in the file name are percent-encoded, as
    browsers send them (WHATWG HTML, "multipart/form-data encoding algorithm")."""
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    if file is not None:
        field, filename, content = file
        quoted = filename.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
        disposition = f'form-data; name="{field}"; filename="{quoted}"'
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        out += b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"
