"""A real groundqa server (uvicorn on 127.0.0.1, a free port) over the demo collection, per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.client import request
from tests.demo_fixtures import DEMO_SOURCES, ROOT
from tests.processes import free_port, stop_process, wait_until_ready

ADMIN_TOKEN = "e2e-admin-token"


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Wait until the server at `base` answers /readyz with 200; RuntimeError if it exits or is late."""
    wait_until_ready(
        proc,
        lambda: request(base + "/readyz", timeout=2).status == 200,
        timeout,
        0.25,
        exited="server exited with {code} before it was ready",
        late="server did not become ready in time",
    )


def start_server(
    data_dir: Path, uploads: Path, log: Path, port: int | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    port = port or free_port()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "GROUNDQA_SOURCES_DIR": str(DEMO_SOURCES),
        "GROUNDQA_DATA_DIR": str(data_dir),
        "GROUNDQA_UPLOADS_DIR": str(uploads),
        "GROUNDQA_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "service.asgi:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with open(log, "ab") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
    except Exception:
        proc.kill()
        proc.wait(10)
        raise
    return base, proc


@pytest.fixture(scope="session")
def admin_token() -> str:
    return ADMIN_TOKEN


@pytest.fixture(scope="session")
def live_server(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a server over a private copy of the demo index (tests may upload and rebuild)."""
    root = tmp_path_factory.mktemp("live")
    data = root / "data"
    shutil.copytree(demo_data_dir, data, symlinks=True)
    base, proc = start_server(data, root / "uploads", root / "server.log")
    yield base
    stop_process(proc, 10, None)
