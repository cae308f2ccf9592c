"""BEIR loading and evaluation: a tiny hand-made collection with the FakeEmbedder, and errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from corpus.errors import CorpusError
from index.eval.beir import evaluate, load_beir, load_qrels
from tests.fakes import FakeEmbedder

SHARED_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"

CORPUS: list[dict[str, object]] = [
    {"_id": "d1", "title": "Volcano eruption", "text": "Lava and ash covered the town."},
    {"_id": "d2", "title": "Stock markets", "text": "Prices fell sharply on Monday."},
    {"_id": "d3", "title": "", "text": "The central bank raised interest rates."},
    {"_id": 4, "text": "Ash trees grow in the northern forest."},
    {"_id": "d5", "title": "Magma", "text": "Magma flows cooled into black rock after the eruption."},
]
QUERIES = [
    {"_id": "q1", "text": "volcano eruption lava"},
    {"_id": "q2", "text": "interest rates of the central bank"},
    {"_id": "q3", "text": "a query nobody judged"},
    {"_id": "q4", "text": "judged, nothing relevant"},
]
QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td5\t1\nq2\td3\t1\nq4\td2\t0\n"


def _write(folder: Path, corpus: list[dict[str, object]] = CORPUS, qrels: str = QRELS) -> Path:
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in corpus) + "\n", encoding="utf-8")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in QUERIES), encoding="utf-8")
    (folder / "qrels" / "test.tsv").write_text(qrels, encoding="utf-8")
    return folder


def test_load(tmp_path: Path) -> None:
    col = load_beir(_write(tmp_path / "c"))
    assert col.doc_ids == ["d1", "d2", "d3", "4", "d5"]
    assert col.doc_text(0) == "Volcano eruption\nLava and ash covered the town."
    assert col.doc_text(2) == "The central bank raised interest rates."  # no title
    assert col.titles[3] == ""
    assert col.queries["q2"] == "interest rates of the central bank"
    assert col.qrels == {"q1": {"d1": 2, "d5": 1}, "q2": {"d3": 1}, "q4": {"d2": 0}}


@pytest.mark.parametrize("method", ["hybrid", "dense", "lexical"])
def test_evaluate_shape(tmp_path: Path, method: str) -> None:
    folder = _write(tmp_path / "c")
    result = evaluate(folder, method=method, embedder=FakeEmbedder(), cache_dir=tmp_path / "cache")  # type: ignore[arg-type]
    out = result.to_json()
    assert set(out) == {"ndcg@10", "recall@100", "mrr@10", "queries", "method"}
    assert out["queries"] == 2  # q3 has no judgments, q4 no relevant document
    assert out["method"] == method
    for name in ("ndcg@10", "recall@100", "mrr@10"):
        value = out[name]
        assert isinstance(value, float) and 0.0 <= value <= 1.0
    json.dumps(out)


def test_lexical_scores_on_an_easy_collection(tmp_path: Path) -> None:
    # Each judged query names its relevant documents' words: BM25 must put them on top.
    result = evaluate(
        _write(tmp_path / "c"), method="lexical", embedder=FakeEmbedder(), cache_dir=tmp_path / "cache"
    )
    assert math.isclose(result.mrr10, 1.0)
    assert math.isclose(result.recall100, 1.0)


def test_vectors_are_cached(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c")
    first = FakeEmbedder()
    a = evaluate(folder, method="hybrid", embedder=first, cache_dir=tmp_path / "cache")
    assert len(first.encoded) == len(CORPUS)
    second = FakeEmbedder()
    b = evaluate(folder, method="hybrid", embedder=second, cache_dir=tmp_path / "cache")
    assert second.encoded == []  # served from the cache
    assert a == b
    other_model = FakeEmbedder(name="other")
    evaluate(folder, method="dense", embedder=other_model, cache_dir=tmp_path / "cache")
    assert len(other_model.encoded) == len(CORPUS)  # another fingerprint: embedded again
    changed: list[dict[str, object]] = [*CORPUS[:4], {"_id": "d5", "title": "Magma", "text": "Changed text."}]
    _write(folder, corpus=changed)
    third = FakeEmbedder()
    evaluate(folder, method="dense", embedder=third, cache_dir=tmp_path / "cache")
    assert len(third.encoded) == len(CORPUS)  # another corpus: embedded again


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_beir(tmp_path / "nowhere")
    folder = _write(tmp_path / "c")
    (folder / "qrels" / "test.tsv").unlink()
    with pytest.raises(CorpusError, match=r"test\.tsv"):
        load_beir(folder)
    (folder / "corpus.jsonl").unlink()
    with pytest.raises(CorpusError, match=r"corpus\.jsonl"):
        load_beir(folder)


def test_bad_json_line_is_named(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c")
    with (folder / "corpus.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"_id": "d6", "text": "unterminated\n')
    with pytest.raises(CorpusError, match=r"corpus.jsonl line 6 is not valid JSON"):
        load_beir(folder)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": "no id"}', 'line 1 is not a JSON object with an "_id"'),
        ('["a list"]', "line 1 is not a JSON object"),
        ('{"_id": "x", "text": 5}', '"text" must be a string'),
    ],
)
def test_bad_corpus_records(tmp_path: Path, line: str, message: str) -> None:
    folder = _write(tmp_path / "c")
    (folder / "corpus.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_beir(folder)


def test_duplicate_and_empty_corpus(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", corpus=[CORPUS[0], CORPUS[0]])
    with pytest.raises(CorpusError, match="duplicate _id 'd1'"):
        load_beir(folder)
    folder = _write(tmp_path / "e", corpus=[])
    with pytest.raises(CorpusError, match="no documents"):
        load_beir(folder)


def test_bad_qrels(tmp_path: Path) -> None:
    path = tmp_path / "q.tsv"
    path.write_text("query-id\tcorpus-id\tscore\nq1\td1\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        load_qrels(path)
    path.write_text("q1\td1\t1\nq1\td2\t-1\n", encoding="utf-8")  # no header is fine too
    assert load_qrels(path) == {"q1": {"d1": 1, "d2": -1}}


def test_qrels_naming_unknown_query(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", qrels=QRELS + "q9\td1\t1\n")
    with pytest.raises(CorpusError, match=r"absent from queries\.jsonl"):
        evaluate(folder, method="lexical", embedder=FakeEmbedder(), cache_dir=tmp_path / "cache")


@pytest.mark.integration
def test_hybrid_beats_both_baselines_on_adi(tmp_path: Path) -> None:
    from index.embedding.load import load_embedder

    folder = SHARED_BENCH / "adi"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    embedder = load_embedder("", "auto", tmp_path / "models")
    scores = {
        m: evaluate(folder, method=m, embedder=embedder, cache_dir=tmp_path).ndcg10
        for m in ("lexical", "dense", "hybrid")
    }
    assert scores["hybrid"] > max(scores["lexical"], scores["dense"])
