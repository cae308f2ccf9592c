"""A real groundqa server process with the fake embedder: `uvicorn --factory tests.fake_server:app`.

Settings come from the GROUNDQA_* variables, as for the real server. GROUNDQA_TEST_EMBED_DELAY
(seconds) makes every embedding batch sleep, so that a test can kill the server while a rebuild is
embedding. `FakeServer.start(...)` runs one on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from index.embedding.base import Vectors
from service.app import create_app
from service.settings import Settings
from tests.client import Reply, multipart, request
from tests.fakes import FakeEmbedder
from tests.processes import free_port, stop_process, wait_until_ready

ROOT = Path(__file__).resolve().parents[1]


class SlowFakeEmbedder(FakeEmbedder):
    """The fake embedder, sleeping `delay` seconds per passage batch (never per query)."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.delay = delay

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        if self.delay and texts:
            time.sleep(self.delay)
        return super().encode(texts, progress=progress)


def app() -> FastAPI:
    delay = float(os.environ.get("GROUNDQA_TEST_EMBED_DELAY", "0") or 0)
    return create_app(Settings(), embedder=SlowFakeEmbedder(delay))


@dataclass
class FakeServer:
    base: str
    proc: subprocess.Popen[bytes]
    token: str

    @classmethod
    def start(
        cls,
        *,
        sources: Path,
        data: Path,
        uploads: Path,
        log: Path,
        token: str = "fault-token",
        delay: float = 0.0,
        ready: bool = True,
        env: dict[str, str] | None = None,
    ) -> FakeServer:
        """Start a server and wait until /readyz answers 200 (`ready`) or /healthz does; `env` adds
        or overrides environment variables (e.g. GROUNDQA_DATABASE_URL)."""
        port = free_port()
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "GROUNDQA_SOURCES_DIR": str(sources),
            "GROUNDQA_DATA_DIR": str(data),
            "GROUNDQA_UPLOADS_DIR": str(uploads),
            "GROUNDQA_ADMIN_TOKEN": token,
            "GROUNDQA_TEST_EMBED_DELAY": str(delay),
            **(env or {}),
        }
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "tests.fake_server:app"]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        with open(log, "ab") as fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
        server = cls(f"http://127.0.0.1:{port}", proc, token)
        try:
            server.wait("/readyz" if ready else "/healthz")
        except Exception:
            server.kill()
            raise
        return server

    def wait(self, path: str, timeout: float = 60.0) -> None:
        wait_until_ready(
            self.proc,
            lambda: self.request("GET", path, timeout=2).status == 200,
            timeout,
            0.1,
            exited=f"server exited with {{code}} before answering {path}",
            late=f"server did not answer {path} in time",
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        admin: bool = False,
        timeout: float = 30.0,
    ) -> Reply:
        """One request to this server (`json_body`, when given, as JSON in place of `data`; `admin`
        with its token); every HTTP status is a `Reply`."""
        url, token = self.base + path, self.token if admin else None
        if json_body is not None:
            return request(url, method, json=json_body, headers=headers, token=token, timeout=timeout)
        return request(url, method, body=data, headers=headers, token=token, timeout=timeout)

    def upload(self, name: str, content: bytes, fields: dict[str, str] | None = None) -> Reply:
        """POST /api/sources with the file and form `fields`, as the admin."""
        body, ctype = multipart(fields or {}, ("file", name, content))
        return self.request("POST", "/api/sources", data=body, headers={"Content-Type": ctype}, admin=True)

    def wait_job(self, timeout: float = 60.0) -> dict[str, Any]:
        """Wait until no rebuild runs; return the last job."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.request("GET", "/api/index", admin=True).json()
            if status["job"] is None and status["last_job"] is not None:
                last: dict[str, Any] = status["last_job"]
                return last
            time.sleep(0.1)
        raise RuntimeError("the rebuild did not finish in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or an OOM kill."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            stop_process(self.proc, 10, 10)
