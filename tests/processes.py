"""Child server processes shared by tests and bench scripts (standard library only)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], grace: float = 15.0, then: float | None = 5.0) -> None:
    """Terminate a server process: SIGTERM, up to `grace` s to exit, then SIGKILL (and up to `then` s
    more, None for no limit; subprocess.TimeoutExpired if it is still there)."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(then)


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident set size in MB (VmRSS), NaN where /proc does not say."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_until_ready(
    proc: subprocess.Popen[bytes],
    ready: Callable[[], bool],
    timeout: float,
    pause: float,
    *,
    exited: str,
    late: str,
) -> None:
    """Poll `ready()` (an OSError counts as not yet) every `pause` s until it is true. RuntimeError
    `exited` (its `{code}`: the exit status) if `proc` exits first, or `late` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(exited.replace("{code}", str(proc.returncode)))
        try:
            if ready():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(late)
        time.sleep(pause)
