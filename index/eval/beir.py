"""Evaluate groundqa's retrieval on a BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/*.tsv).

The collection goes through the same analyzer, local backend (FAISS + numpy BM25 + SQLite snapshot) and
HybridRetriever as the product: each document is one source with one passage, embedded as title +
text. Vectors and the built snapshot are cached under `cache_dir`, keyed by the model fingerprint and
a hash of the corpus (and the queries), so reruns skip the embedding and the build. With a
`database_url`, the collection is indexed by the PostgreSQL backend instead, in a schema of its own
(`beir_<key>`, kept for reruns), never in the index the database serves.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.errors import CorpusError, GroundqaError
from corpus.models import Passage, Source, SourceMeta
from index.analyzer import ANALYZER_VERSION, analyze, analyze_many
from index.backend import Catalog, NewPassage
from index.embedding.base import Embedder
from index.eval.metrics import Qrels, judged_queries, mean_metrics
from index.local.catalog import STORE_FORMAT, LocalCatalog
from index.local.lexical import FORMAT as LEXICAL_FORMAT
from index.retriever import DEFAULT_CONFIG, HybridRetriever, Method, RetrievalConfig

EVAL_DEPTH = 100  # ranked documents kept per query (Recall@100)


@dataclass(frozen=True)
class BeirCollection:
    """A BEIR collection in memory (format of the BEIR benchmark's datasets: beir-cellar/beir).

    Attributes:
        doc_ids, titles, texts: the documents of corpus.jsonl, parallel lists in file order ("" for
            a missing title or text).
        queries: query id -> text, from queries.jsonl.
        qrels: query id -> {doc id -> graded relevance}, from qrels/<file>.tsv (grade > 0: relevant).
    """

    doc_ids: list[str]
    titles: list[str]
    texts: list[str]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]

    def doc_text(self, i: int) -> str:
        """What is embedded and indexed for document i: title and text."""
        title, text = self.titles[i].strip(), self.texts[i].strip()
        return f"{title}\n{text}" if title else text

    def fingerprint(self) -> str:
        """First 16 hex digits of a SHA-256 over every document's id, title and text (not the queries):
        the cache key of its vectors and snapshot."""
        h = hashlib.sha256()
        for i, doc in enumerate(self.doc_ids):
            h.update(f"{doc}\0{self.titles[i]}\0{self.texts[i]}\0".encode())
        return h.hexdigest()[:16]


@dataclass(frozen=True)
class EvalResult:
    """Mean retrieval metrics over the judged queries (`index.eval.metrics`, trec_eval conventions).

    Attributes:
        ndcg10, recall100, mrr10: means of nDCG@10, Recall@100 and MRR@10, each in [0, 1].
        queries: how many queries were averaged (those with at least one relevant document).
        method: "hybrid", "dense" or "lexical".
    """

    ndcg10: float
    recall100: float
    mrr10: float
    queries: int
    method: str

    def to_json(self) -> dict[str, float | int | str]:
        """{"ndcg@10", "recall@100", "mrr@10", "queries", "method"}, as `groundqa eval --json` prints."""
        return {
            "ndcg@10": self.ndcg10,
            "recall@100": self.recall100,
            "mrr@10": self.mrr10,
            "queries": self.queries,
            "method": self.method,
        }


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise CorpusError(f"BEIR folder is missing {path.name} (looked for {path})")
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path.name} line {n} is not valid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("_id"), str | int):
                raise CorpusError(f'{path.name} line {n} is not a JSON object with an "_id"')
            yield n, obj


def _field(path: Path, n: int, obj: dict[str, Any], name: str) -> str:
    value = obj.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CorpusError(f'{path.name} line {n}: "{name}" must be a string')
    return value


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    """A BEIR qrels file: tab-separated query-id, corpus-id, score, with a header line."""
    if not path.is_file():
        raise CorpusError(f"BEIR qrels file {path} does not exist")
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            parts = line.rstrip("\n\r").split("\t")
            if n == 1 and parts and not parts[-1].lstrip("-").isdigit():
                continue  # header
            if not line.strip():
                continue
            if len(parts) != 3 or not parts[2].strip().lstrip("-").isdigit():
                raise CorpusError(
                    f"{path.name} line {n}: expected query-id, corpus-id and an integer score "
                    f"separated by tabs, got {line.strip()!r}"
                )
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return qrels


def load_beir(folder: Path, qrels_file: str = "test.tsv") -> BeirCollection:
    """Read a BEIR folder; CorpusError says which file or line is wrong."""
    if not folder.is_dir():
        raise CorpusError(f"BEIR folder {folder} does not exist")
    corpus_path = folder / "corpus.jsonl"
    doc_ids: list[str] = []
    titles: list[str] = []
    texts: list[str] = []
    seen: set[str] = set()
    for n, obj in _jsonl(corpus_path):
        doc = str(obj["_id"])
        if doc in seen:
            raise CorpusError(f"corpus.jsonl line {n}: duplicate _id {doc!r}")
        seen.add(doc)
        doc_ids.append(doc)
        titles.append(_field(corpus_path, n, obj, "title"))
        texts.append(_field(corpus_path, n, obj, "text"))
    if not doc_ids:
        raise CorpusError(f"{corpus_path} holds no documents")
    queries_path = folder / "queries.jsonl"
    queries = {str(obj["_id"]): _field(queries_path, n, obj, "text") for n, obj in _jsonl(queries_path)}
    qrels = load_qrels(folder / "qrels" / qrels_file)
    return BeirCollection(doc_ids, titles, texts, queries, qrels)


def _cached_vectors(
    path: Path, texts: list[str], encode: Callable[[list[str]], npt.NDArray[np.float32]]
) -> npt.NDArray[np.float32]:
    if path.is_file():
        arr = np.load(path, allow_pickle=False)
        if arr.shape[0] == len(texts):
            return np.asarray(arr, dtype=np.float32)
    arr = encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npy.tmp")
    with os.fdopen(fd, "wb") as f:
        np.save(f, arr)
    os.replace(tmp, path)
    return arr


def embed_collection(
    col: BeirCollection, embedder: Embedder, cache_dir: Path, query_ids: list[str]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Document and query vectors, from the cache when the model and texts are unchanged."""
    key = hashlib.sha256(f"{embedder.fingerprint}\0{col.fingerprint()}".encode()).hexdigest()[:20]
    folder = cache_dir / "beir" / key
    docs = _cached_vectors(
        folder / "docs.npy", [col.doc_text(i) for i in range(len(col.doc_ids))], lambda t: embedder.encode(t)
    )
    qtexts = [col.queries[q] for q in query_ids]
    # e5's question encoder is not its passage model: its checksum keys the question vectors
    encoder = getattr(embedder, "query_fingerprint", embedder.fingerprint)
    qkey = hashlib.sha256("\0".join([encoder, *query_ids, *qtexts]).encode()).hexdigest()[:12]
    queries = _cached_vectors(
        folder / f"queries-{qkey}.npy",
        qtexts,
        lambda t: np.stack([embedder.encode_query(x) for x in t]).astype(np.float32),
    )
    return docs, queries


def _cached_tokens(col: BeirCollection, cache_dir: Path) -> list[list[str]]:
    key = hashlib.sha256(f"{ANALYZER_VERSION}\0{col.fingerprint()}".encode()).hexdigest()[:20]
    path = cache_dir / "beir" / f"tokens-{key}.json"
    if path.is_file():
        tokens: list[list[str]] = json.loads(path.read_text(encoding="utf-8"))
        if len(tokens) == len(col.doc_ids):
            return tokens
    tokens = analyze_many([col.doc_text(i) for i in range(len(col.doc_ids))])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json.tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(tokens, f, ensure_ascii=False)
    os.replace(tmp, path)
    return tokens


def evaluate(
    folder: Path,
    *,
    method: Method,
    embedder: Embedder,
    cache_dir: Path,
    qrels_file: str = "test.tsv",
    config: RetrievalConfig = DEFAULT_CONFIG,
    database_url: str | None = None,
) -> EvalResult:
    """nDCG@10, Recall@100 and MRR@10 of `method` on the BEIR collection in `folder`."""
    col = load_beir(folder, qrels_file)
    return evaluate_collection(
        col, method=method, embedder=embedder, cache_dir=cache_dir, config=config, database_url=database_url
    )


def evaluate_collection(
    col: BeirCollection,
    *,
    method: Method,
    embedder: Embedder,
    cache_dir: Path,
    config: RetrievalConfig = DEFAULT_CONFIG,
    database_url: str | None = None,
) -> EvalResult:
    """nDCG@10, Recall@100 and MRR@10 of `method` on a loaded collection (what `evaluate` runs).

    Each judged query retrieves its top `EVAL_DEPTH` (100) documents with `HybridRetriever` over a
    local snapshot of the collection; vectors, tokens and the snapshot are cached under `cache_dir`.

    Args:
        col: the collection (`load_beir`).
        method: "hybrid", "dense" or "lexical".
        embedder: the model for documents and queries (documents embedded as title + text, without
            a search context).
        cache_dir: where vectors, analysed tokens and snapshots are kept between runs.
        config: fusion and pseudo-relevance feedback settings.

    Raises:
        CorpusError: the qrels name a query that queries.jsonl does not hold.
        ValueError: an unknown `method`.
    """
    query_ids = [q for q in judged_queries(col.qrels) if q in col.queries]
    missing = [q for q in judged_queries(col.qrels) if q not in col.queries]
    if missing:
        raise CorpusError(f"qrels name {len(missing)} queries absent from queries.jsonl, e.g. {missing[0]!r}")
    doc_vecs, query_vecs = embed_collection(col, embedder, cache_dir, query_ids)
    catalog = beir_catalog(col, embedder, cache_dir, doc_vecs, database_url)
    backend = catalog.open()
    try:
        retriever = HybridRetriever(backend, embedder, analyze, config)
        runs: dict[str, list[str]] = {}
        for i, q in enumerate(query_ids):
            cands = retriever.retrieve(
                col.queries[q], k=EVAL_DEPTH, method=method, query_vector=query_vecs[i]
            )
            runs[q] = [c.id for c in cands]
    finally:
        backend.close()
        close = getattr(catalog, "close", None)
        if close is not None:
            close()
    qrels: Qrels = col.qrels
    m = mean_metrics(runs, qrels)
    return EvalResult(m["ndcg@10"], m["recall@100"], m["mrr@10"], len(query_ids), method)


def beir_catalog(
    col: BeirCollection,
    embedder: Embedder,
    cache_dir: Path,
    doc_vecs: npt.NDArray[np.float32],
    database_url: str | None = None,
) -> Catalog:
    """An index of the collection (one source and one passage per document, id = doc id), built once
    per model, corpus and storage format: a local snapshot kept under `cache_dir`, or with
    `database_url` a PostgreSQL schema of its own."""
    parts = (
        f"{embedder.fingerprint}\0{col.fingerprint()}\0{ANALYZER_VERSION}\0{STORE_FORMAT}\0{LEXICAL_FORMAT}"
    )
    key = hashlib.sha256(parts.encode()).hexdigest()[:20]
    catalog: Catalog
    if database_url is not None:
        from index.postgres import PostgresCatalog

        catalog = PostgresCatalog(database_url, schema=f"beir_{key}")
    else:
        catalog = LocalCatalog(cache_dir / "beir" / f"index-{key}")
    try:
        catalog.open().close()
        return catalog
    except GroundqaError:
        pass
    tokens = _cached_tokens(col, cache_dir)
    with catalog.lock(), catalog.writer(None, model=embedder.fingerprint, dim=embedder.dim) as writer:
        for i, doc in enumerate(col.doc_ids):
            text = col.doc_text(i)
            source = Source(
                id=doc, path=doc, meta=SourceMeta(title=col.titles[i] or doc), text=text, content_hash=doc
            )
            passage = Passage(
                id=doc, source_id=doc, text=text, char_start=0, char_end=len(text), page=None, ordinal=0
            )
            news = [NewPassage(passage, tuple(tokens[i]), (), doc_vecs[i])]
            writer.add_source(source, namespace="", indexed_at="", passages=news)
        writer.publish({"beir": col.fingerprint()})
    catalog.prune(1)
    return catalog
