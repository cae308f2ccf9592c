"""A real PostgreSQL with pgvector for the test session, started with the code of `groundqa postgres
start` (index.postgres.server) in a temporary folder and stopped at the end. Never a mock.

Each test gets its own schema (`pg_schema`) or its own database (`pg_database_url`), dropped after it.
Server folders live in their own `mkdtemp` folders, not under pytest's basetemp: as root, PostgreSQL
runs as another user that must traverse the path, and pytest resets /tmp/pytest-of-<user> to 0700
whenever any session starts.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def server_folder() -> Iterator[Path]:
    """A fresh folder for a PostgreSQL data dir (`<it>/pgdata`), removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="groundqa-pg-"))
    try:
        yield root / "pgdata"
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_folder() -> Iterator[Path]:
    """A data folder for a test that starts and stops a server of its own."""
    pytest.importorskip("pgserver", reason="the postgres extra is not installed")
    from index.postgres import server

    with server_folder() as folder:
        try:
            yield folder
        finally:
            server.stop(folder)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[tuple[Path, str]]:
    """(data folder, URL) of the session's PostgreSQL server."""
    pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    pytest.importorskip("pgserver", reason="the postgres extra is not installed")
    from index.postgres import server

    with server_folder() as folder:
        url = server.start(folder)
        try:
            yield folder, url
        finally:
            server.stop(folder)


@pytest.fixture(scope="session")
def pg_url(pg_server: tuple[Path, str]) -> str:
    return pg_server[1]


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[str]:
    """A fresh schema name in the session database, dropped after the test."""
    import psycopg
    from psycopg import sql

    name = f"t_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


def database_url(admin_url: str, name: str, *, fresh: bool = False) -> str:
    """The URL of database `name` on the server of `admin_url`, created (with pgvector) if missing
    (dropped first when `fresh`)."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    with psycopg.connect(admin_url, autocommit=True) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    params = conninfo_to_dict(admin_url)
    params["dbname"] = name
    url = make_conninfo("", **params)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    return url


@pytest.fixture
def pg_database_url(pg_url: str) -> Iterator[str]:
    """The URL of a fresh database (with pgvector) on the session server, dropped after the test."""
    import psycopg
    from psycopg import sql

    name = f"t_{uuid.uuid4().hex[:12]}"
    yield database_url(pg_url, name)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def start_standby(primary: Path, standby: Path) -> str:
    """A streaming replica (hot standby) of the server in `primary`, in `standby`; its URL.

    pg_basebackup -R from the primary's socket, then the standby started on its own socket folder,
    as the primary's user (PostgreSQL refuses root). Stop it with `server.stop(standby)`.
    """
    import os
    import pwd
    import subprocess

    import pgserver

    bin_dir = Path(str(pgserver.__file__)).parent / "pginstall" / "bin"
    owner = primary.stat().st_uid
    user = pwd.getpwuid(owner).pw_name if os.geteuid() == 0 else None
    standby.mkdir(mode=0o700)
    if user is not None:
        os.chown(standby, owner, primary.stat().st_gid)
    run = {"check": True, "capture_output": True, "user": user, "cwd": primary, "timeout": 120}
    subprocess.run(
        [str(bin_dir / "pg_basebackup"), "-D", str(standby), "-h", str(primary), "-U", "postgres", "-R"],
        **run,
    )
    for copied in standby.glob(".s.PGSQL.*"):  # the primary's socket lock, copied with its folder
        copied.unlink()
    subprocess.run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(standby),
            "-w",
            "-l",
            str(standby / "log"),
            "-o",
            f'-h "" -k {standby}',
            "start",
        ],
        **run,
    )
    return f"postgresql://postgres:@/postgres?host={standby}"
