"""Child processes shared by tests and bench scripts: servers, the groundqa command, probes.

Standard library only.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


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


def run_cli(
    *args: str, env: Mapping[str, str], timeout: float, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python -m service.cli <args>` (the `groundqa` command) in a child process from the repository
    root, with exactly `env`; stdout and stderr captured as text. subprocess.CalledProcessError when
    `check` and it exits non-zero; subprocess.TimeoutExpired after `timeout` s."""
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def python_json(
    args: list[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None, timeout: float | None = None
) -> Any:
    """Run `python <args>` (this interpreter) in a child process and parse the last line of its stdout
    as JSON (what a probe prints last); `timeout` in seconds, None for none. RuntimeError with the end
    of its stderr if it exits non-zero."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        what = " ".join(args[:2]) if args[:1] == ["-m"] else "the child script"
        raise RuntimeError(f"{what} exited with {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
