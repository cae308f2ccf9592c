"""Retrieval quality on BEIR folders: BM25-only, dense-only and hybrid, printed as one markdown table.

    .venv/bin/python bench/quality.py                 # every collection in ../shared/bench
    .venv/bin/python bench/quality.py path/to/beir-folder ... [--cache-dir DIR] [--backend torch]

Each folder is evaluated on qrels/test.tsv and on any qrels/test_*.tsv variant beside it (e.g.
Cranfield's test_no_source.tsv). Vectors are cached under --cache-dir, so reruns take seconds.

Then, when --devset-data holds an indexed demo collection, the domain dev set (bench/devset) over it,
searched with the model that index was built with: hit@5 and abstention per split and language, and
the held-out style table (kinds of issue 11) for the fit half and the test half. Report the test half.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from bench.devset_eval import DEVSET, QUESTION_SETS, category_report, evaluate_devset
from corpus.manifest import read_manifest
from index.embedding.load import Models, load_embedder
from index.engine import GroundIndex
from index.eval.beir import EvalResult, evaluate
from index.local.catalog import LocalCatalog
from index.local.lexical import DEFAULT_B, DEFAULT_K1
from index.retriever import DEFAULT_CONFIG, Method

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
DEMO_MANIFEST = DEFAULT_BENCH.parent / "corpus" / "manifest.csv"
METHODS: tuple[tuple[Method, str], ...] = (("lexical", "BM25"), ("dense", "dense"), ("hybrid", "hybrid"))


def qrels_files(folder: Path) -> list[str]:
    """test.tsv first, then its variants (test_*.tsv)."""
    variants = sorted(p.name for p in (folder / "qrels").glob("test_*.tsv"))
    return ["test.tsv", *variants]


def describe_config() -> str:
    f, p = DEFAULT_CONFIG.fusion, DEFAULT_CONFIG.prf
    return (
        f"hybrid = {f.mode} fusion (dense weight {f.dense_weight}, top {f.depth} per method) of dense and "
        f"BM25 expanded by pseudo-relevance feedback ({p.docs} feedback docs, {p.terms} terms, original "
        f"query weight {p.query_weight}); BM25 k1={DEFAULT_K1} b={DEFAULT_B}"
    )


def table(rows: list[tuple[str, dict[Method, EvalResult]]]) -> str:
    lines = [
        "| collection | method | nDCG@10 | Recall@100 | MRR@10 | hybrid gain in nDCG@10 |",
        "|---|---|---|---|---|---|",
    ]
    for label, results in rows:
        best_name, best = max(
            ((name, results[m].ndcg10) for m, name in METHODS if m != "hybrid"), key=lambda x: x[1]
        )
        for method, name in METHODS:
            r = results[method]
            gain = f"{r.ndcg10 - best:+.3f} over {best_name}" if method == "hybrid" else ""
            first = f"{label} ({r.queries} q)" if method == METHODS[0][0] else ""
            lines.append(
                f"| {first} | {name} | {r.ndcg10:.3f} | {r.recall100:.3f} | {r.mrr10:.3f} | {gain} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path, help="BEIR folders (default: ../shared/bench/*)")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "groundqa-bench-cache",
        help="where vectors and the ONNX export are cached",
    )
    parser.add_argument("--model", default="", help="sentence-transformers name or path (default: bundled)")
    parser.add_argument("--backend", choices=["auto", "onnx", "torch"], default="auto")
    parser.add_argument(
        "--devset-data",
        type=Path,
        default=Path(".test-cache/demo-data"),
        help="an indexed demo collection for the domain dev set (skipped when absent)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    folders: list[Path] = args.folders or sorted(
        p for p in DEFAULT_BENCH.iterdir() if (p / "corpus.jsonl").is_file()
    )
    started = time.perf_counter()
    embedder = load_embedder(args.model, args.backend, args.cache_dir / "models")
    rows: list[tuple[str, dict[Method, EvalResult]]] = []
    for folder in folders:
        for qrels in qrels_files(folder):
            label = folder.name if qrels == "test.tsv" else f"{folder.name} [{qrels.removesuffix('.tsv')}]"
            results = {
                method: evaluate(
                    folder, method=method, embedder=embedder, cache_dir=args.cache_dir, qrels_file=qrels
                )
                for method, _ in METHODS
            }
            rows.append((label, results))
    print(table(rows))
    print()
    print(f"{describe_config()}.")
    print(
        f"Model {embedder.fingerprint} ({type(embedder).__name__}); "
        f"{time.perf_counter() - started:.1f} s including any embedding."
    )
    if (args.devset_data / "CURRENT").is_file():
        backend = LocalCatalog(args.devset_data).open()
        models = Models(args.model or "auto", args.backend, args.cache_dir / "models")
        index = GroundIndex(backend, models.for_fingerprint(backend.info.model))
        print()
        print(devset_table(index))
        rows = read_manifest(DEMO_MANIFEST).rows.values()
        languages = {row.file: row.language for row in rows if row.language}
        for split in ("fit", "test"):
            print(f"\nDev set, {split} half ({index.info.model}):\n")
            print(category_report(index, split, languages).table())
        for name, path in QUESTION_SETS.items():
            if path == DEVSET:
                continue
            for split in ("fit", "test"):
                print(f"\n{name.capitalize()}, {split} half ({index.info.model}):\n")
                print(category_report(index, split, languages, path).table())
    return 0


def devset_table(index: GroundIndex) -> str:
    """The domain dev set (bench/devset) over an indexed demo collection, per split and question language."""
    res = evaluate_devset(index)
    lines = [
        "| dev set | answerable | hit@5 | wrongly abstained | unanswerable | correctly abstained |",
        "|---|---|---|---|---|---|",
    ]
    groups = sorted(res.per_split.items()) + sorted((f"all {k}", r) for k, r in res.per_language.items())
    for label, r in groups:
        n_ans, n_una = max(r["answerable"], 1), max(r["unanswerable"], 1)
        lines.append(
            f"| {label} | {r['answerable']} | {r['hit@5'] / n_ans:.3f} | {r['abstained_wrong'] / n_ans:.3f} "
            f"| {r['unanswerable']} | {r['abstained_ok'] / n_una:.3f} |"
        )
    rates = res.rates()
    lines.append(
        f"| all | {res.answerable} | {rates['hit@5']:.3f} | {rates['abstained_answerable']:.3f} "
        f"| {res.unanswerable} | {rates['abstained_unanswerable']:.3f} |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
