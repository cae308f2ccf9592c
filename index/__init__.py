"""groundqa's index library: build an index of passages and answer questions with verbatim quotes.

    from index import GroundIndex, LocalCatalog, Query, SourceDir, load_embedder, update_index

    embedder = load_embedder("", "auto", data_dir / "models")        # the bundled MiniLM
    catalog = LocalCatalog(data_dir)
    update_index(catalog=catalog, inputs=[SourceDir(sources)], embedder=embedder, max_bytes=50 * 2**20)
    answer = GroundIndex(catalog.open(model=embedder.fingerprint), embedder).search(Query("..."))

Rooms: `embedding/` (models and the vector cache), `local/` (the FAISS + numpy BM25 + SQLite backend and
its snapshot folders), `postgres/` (the PostgreSQL + pgvector backend: `PostgresCatalog(url)` in place
of `LocalCatalog`; needs the postgres extra), `eval/` (BEIR metrics), `backend.py` (the seam any
backend implements), `builder.py` (incremental updates), `engine.py` + `retriever.py` + `fusion.py` +
`dedup.py` + `abstain.py` + `evidence.py` + `analyzer.py` (the query pipeline), `types.py` (queries and
answers).
"""

from __future__ import annotations

from corpus.ingest import SourceDir
from index.backend import Backend, Catalog, IndexInfo, SourceRecord
from index.builder import UpdateReport, update_index
from index.embedding.base import Embedder
from index.embedding.load import load_embedder
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Answer, Filters, Hit, Query

__all__ = [
    "Answer",
    "Backend",
    "Catalog",
    "Embedder",
    "Filters",
    "GroundIndex",
    "Hit",
    "IndexInfo",
    "LocalCatalog",
    "Query",
    "SourceDir",
    "SourceRecord",
    "UpdateReport",
    "load_embedder",
    "update_index",
]
