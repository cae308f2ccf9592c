"""The demo collection with the real model, indexed into PostgreSQL by `update_index`: the same
passages and the same answers as the local snapshot of the same files (a sample of the dev set)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bench.devset_eval import load_devset
from index import GroundIndex, SourceDir, update_index
from index.embedding.base import Embedder
from index.postgres import PostgresCatalog
from index.types import Query
from tests.demo_fixtures import DEMO_SOURCES

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def seed(catalog: PostgresCatalog, data: Path, emb: Embedder) -> None:
    """The local demo index's embedding cache copied into the database's, so nothing is re-embedded."""
    with catalog.embedding_cache(emb.fingerprint, emb.dim) as cache:
        for f in (data / "cache").glob("embeddings-*.sqlite"):
            con = sqlite3.connect(f)
            try:
                rows = con.execute("SELECT hash, vec FROM vectors").fetchall()
            finally:
                con.close()
            vecs = {h: np.frombuffer(b, dtype=np.float32) for h, b in rows}
            cache.put_many({h: v for h, v in vecs.items() if v.shape == (emb.dim,)})


def test_demo_over_postgres_answers_like_the_local_snapshot(
    demo_data_dir: Path, demo_index: GroundIndex, real_embedder: Embedder, pg_database_url: str
) -> None:
    catalog = PostgresCatalog(pg_database_url)
    seed(catalog, demo_data_dir, real_embedder)
    report = update_index(
        catalog=catalog, inputs=[SourceDir(DEMO_SOURCES)], embedder=real_embedder, max_bytes=50 * 2**20
    )
    assert report.published and report.embedded == 0
    pg = GroundIndex(catalog.open(), real_embedder)
    assert pg.info.passages == demo_index.info.passages
    assert [r.id for r in pg.sources()] == [r.id for r in demo_index.sources()]
    items = load_devset()
    for item in items[:: max(1, len(items) // 30)]:
        query = Query(item["question"], k=5, history=tuple(item.get("history", [])))
        a, b = demo_index.search(query), pg.search(query)
        assert a.answered == b.answered, item["id"]
        assert [h.passage.id for h in a.shown + a.related] == [h.passage.id for h in b.shown + b.related]
        assert [h.evidence for h in a.shown] == [h.evidence for h in b.shown]
    catalog.close()
