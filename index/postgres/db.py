"""Connections to the PostgreSQL database an index lives in: a small pool, the schema on the search
path, vectors as pgvector text, and connection failures turned into groundqa's errors.

Every connection puts the index's schema (default `groundqa`) first on its search path, then `public`
(where `CREATE EXTENSION vector` puts pgvector's types), so the SQL elsewhere names tables unqualified.
Statements are sent with bound parameters; the only SQL composed at run time is identifiers and
integers groundqa itself generated (a model's table, a vector dimension), through `psycopg.sql`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import psycopg
from psycopg import errors as pgerrors
from psycopg import pq, sql

from corpus.errors import BackendUnavailable, StorageError

log = logging.getLogger(__name__)

DEFAULT_SCHEMA = "groundqa"
SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
POOL_SIZE = 8  # idle connections kept per process (more are opened under load, then closed)
CONNECT_TIMEOUT = 5  # seconds before a connection attempt counts as failed
PREPARE_AFTER = 2  # a statement run this many times on a connection is prepared server-side

Connection = psycopg.Connection[tuple[Any, ...]]


def describe(exc: BaseException) -> str:
    """What went wrong with the database in a few words, without addresses, paths or credentials."""
    if isinstance(exc, pgerrors.AdminShutdown | pgerrors.CrashShutdown | pgerrors.CannotConnectNow):
        return "the database server is shutting down or restarting"
    if isinstance(exc, pgerrors.QueryCanceled):
        return "a database statement was cancelled"
    if isinstance(exc, pgerrors.InvalidPassword | pgerrors.InvalidAuthorizationSpecification):
        return "the database refused groundqa's credentials"
    if isinstance(exc, pgerrors.InvalidCatalogName):
        return "the database named in the URL does not exist"
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return "the connection to the database server was lost"
    return type(exc).__name__


@contextlib.contextmanager
def translated(what: str = "the index database") -> Iterator[None]:
    """Turn a lost or refused connection into BackendUnavailable, a full server disk into StorageError.

    Other database errors (a bad statement is a bug) pass through unchanged.
    """
    try:
        yield
    except (pgerrors.DiskFull, pgerrors.OutOfMemory, pgerrors.InsufficientResources) as exc:
        raise StorageError(f"the database server refused a write ({type(exc).__name__})") from exc
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        log.warning("database error: %s", exc)
        raise BackendUnavailable(
            f"{what} is unavailable: {describe(exc)}; requests work again once it is back"
        ) from exc


def vector_text(vector: npt.ArrayLike) -> str:
    """A vector as pgvector's text input ("[0.1,0.2,...]"); float32 values survive the round trip."""
    arr = np.asarray(vector, dtype=np.float32).ravel()
    return "[" + ",".join(map(repr, arr.tolist())) + "]"


def vector_binary(vector: npt.ArrayLike) -> bytes:
    """A vector in pgvector's binary COPY format: int16 dim, int16 0, then big-endian float32s."""
    arr = np.asarray(vector, dtype=np.float32).ravel()
    return int(arr.size).to_bytes(2, "big") + b"\x00\x00" + arr.astype(">f4").tobytes()


class Database:
    """Where one index lives: a PostgreSQL URL and a schema, with a pool of connections.

    Args:
        url: a libpq URL or DSN ("postgresql://user:pass@host:5432/db").
        schema: the schema holding this index's tables (letters, digits, underscore).

    Raises:
        ValueError: for a schema name that is not a plain identifier.

    Thread-safe: `connection()` lends a pooled connection to one thread at a time.
    """

    def __init__(self, url: str, *, schema: str = DEFAULT_SCHEMA) -> None:
        if not SCHEMA_NAME.fullmatch(schema):
            raise ValueError(f"schema must be a lower-case identifier, got {schema!r}")
        self.url = url
        self.schema = schema
        self._idle: list[Connection] = []
        self._lock = threading.Lock()

    def connect(self, *, autocommit: bool = True) -> Connection:
        """A new connection of its own (the caller closes it); BackendUnavailable when none can be made."""
        try:
            conn: Connection = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT,
                # statements run often are prepared server-side (planning is a good part of a small
                # query's time); those that must be planned with their values say prepare=False
                prepare_threshold=PREPARE_AFTER,
                application_name="groundqa",
            )
        except psycopg.OperationalError as exc:
            log.warning("cannot connect to the database: %s", exc)
            reason = (
                describe(exc) if getattr(exc, "sqlstate", None) else "cannot connect to the database server"
            )
            raise BackendUnavailable(
                f"the index database is unavailable: {reason}; requests work again once it is back"
            ) from exc
        with translated():
            try:
                conn.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(self.schema)))
                conn.autocommit = autocommit
            except BaseException:
                conn.close()
                raise
        return conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """A pooled autocommit connection for the duration of the block (errors are translated)."""
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self.connect()
        healthy = False
        try:
            with translated():
                yield conn
            healthy = True
        finally:
            self._give_back(conn, healthy)

    def _give_back(self, conn: Connection, healthy: bool) -> None:
        if not conn.closed and not conn.broken and not healthy:
            status = conn.info.transaction_status
            healthy = status == pq.TransactionStatus.IDLE
            if status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
                with contextlib.suppress(psycopg.Error):
                    conn.rollback()
                    healthy = conn.info.transaction_status == pq.TransactionStatus.IDLE
        if healthy and not conn.closed and not conn.broken:
            with self._lock:
                if len(self._idle) < POOL_SIZE:
                    self._idle.append(conn)
                    return
        with contextlib.suppress(psycopg.Error):
            conn.close()

    def close(self) -> None:
        """Close the idle connections (borrowed ones close when given back after this)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(psycopg.Error):
                conn.close()

    def __repr__(self) -> str:  # never shows the URL: it may carry a password
        return f"Database(schema={self.schema!r})"
