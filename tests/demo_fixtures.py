"""Session fixtures over the real model and the demo collection in ../shared, built once per run.

The demo index lives in .test-cache/ (git-ignored) and is updated incrementally, so a second run on
the same machine reuses it; CI builds it once.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import LocalCatalog, SourceDir, UpdateReport, update_index
from index.embedding.base import Embedder
from index.embedding.load import Models
from index.engine import GroundIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO_SOURCES = SHARED / "corpus" / "sources"
CACHE = ROOT / ".test-cache"


def require_demo() -> None:
    if not DEMO_SOURCES.is_dir():
        pytest.skip(
            f"the demo collection is not beside the project ({DEMO_SOURCES.relative_to(ROOT.parent)})"
        )


@pytest.fixture(scope="session")
def real_models() -> Models:
    """The product's model choice ("auto"), with models cached under .test-cache/models."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.embedding.load import Models

    return Models("auto", "auto", CACHE / "models")


@pytest.fixture(scope="session")
def real_embedder(real_models: Models) -> Embedder:
    """The model "auto" picks for the demo collection (English, Korean and Chinese sources)."""
    return real_models.for_languages({"en", "ko", "zh"})


@pytest.fixture(scope="session")
def demo_build(real_models: Models) -> tuple[Path, UpdateReport]:
    """The demo collection indexed with the product's model choice (data dir, and the update report)."""
    require_demo()
    data = CACHE / "demo-data"
    report = update_index(
        catalog=LocalCatalog(data),
        inputs=[SourceDir(DEMO_SOURCES)],
        embedder=real_models,
        max_bytes=50 * 1024 * 1024,
    )
    models = data / "models"
    if not models.exists():
        models.symlink_to(CACHE / "models", target_is_directory=True)
    return data, report


@pytest.fixture(scope="session")
def demo_data_dir(demo_build: tuple[Path, UpdateReport]) -> Path:
    return demo_build[0]


@pytest.fixture(scope="session")
def demo_index(demo_data_dir: Path, real_embedder: Embedder) -> GroundIndex:
    return GroundIndex.open(demo_data_dir, real_embedder)


@pytest.fixture
def demo_data_copy(demo_data_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the demo data dir, for tests that change the index."""
    dest = tmp_path / "data"
    shutil.copytree(demo_data_dir, dest, symlinks=True)
    yield dest
