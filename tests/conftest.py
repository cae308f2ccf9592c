"""Fixtures shared by the whole suite (keep them generic: one heavy resource or path each)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# Tests ask many questions quickly through TestClient (client "testclient", not a loopback address):
# the per-client ask rate limit is off for them, and tests of the limit turn it on explicitly.
os.environ["GROUNDQA_ASK_RATE_LIMIT"] = "off"

from tests.demo_fixtures import (  # noqa: F401  (session fixtures over the demo collection)
    demo_build,
    demo_data_copy,
    demo_data_dir,
    demo_index,
    real_embedder,
    real_models,
)
from tests.postgres_fixtures import (  # noqa: F401  (a real PostgreSQL for the session)
    pg_database_url,
    pg_folder,
    pg_schema,
    pg_server,
    pg_url,
)

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def kiwi() -> Any:
    """The process-wide Kiwi, built once per test session (it takes seconds)."""
    from corpus.kiwi import get_kiwi

    return get_kiwi()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder beside the project; tests needing it skip when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} is not present")
    return SHARED_DIR
