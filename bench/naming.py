"""Instruments and articles named in questions: is the named passage shown first?

    .venv/bin/python -m bench.naming [--data .test-cache/demo-data] [--probes bench/devset/naming.tsv]

Each line of the probe file (tab-separated) is the source id prefix of the instrument a question
names, the article (or section, or definition's article) it names as its passages' section path or
text writes it ("Article 33", "제3조", "第四十六条", "1101"), and the question. A probe passes when
the first passage shown comes from that source and its section path (or its first 200 characters)
holds that article. The 116 probes (English and Korean; articles named by number, acronym, Korean
name, with "UN", without 제; definitions of named treaties) were written on 2026-12-02 while the
instrument-naming fixes of that session were made (bench/README.md): a regression check for naming,
not a held-out measure of quality.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from index.embedding.load import Models
from index.engine import GroundIndex
from index.local.catalog import LocalCatalog
from index.types import Hit, Query

PROBES = Path(__file__).resolve().parent / "devset" / "naming.tsv"


def read_probes(path: Path) -> list[tuple[str, str, str]]:
    """(source id prefix, article as written, question) per non-empty line of `path`."""
    probes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            source, article, question = line.split("\t")
            probes.append((source, article, question))
    return probes


def names_it(hit: Hit | None, source: str, article: str) -> bool:
    """Whether `hit` stands in `source` (an id prefix) and in `article` (in its section path or the
    first 200 characters of its text)."""
    if hit is None or not hit.passage.source_id.startswith(source):
        return False
    return any(article in s for s in hit.passage.section) or article in hit.passage.text[:200]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(".test-cache/demo-data"))
    ap.add_argument("--models", type=Path, default=Path(".test-cache/models"), help="model cache folder")
    ap.add_argument("--probes", type=Path, default=PROBES)
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    backend = LocalCatalog(args.data).open()
    embedder = Models("auto", "auto", args.models).for_fingerprint(backend.info.model)
    index = GroundIndex(backend, embedder)
    probes = read_probes(args.probes)
    passed = 0
    print("| named passage first | answered | question | first shown |\n|---|---|---|---|")
    for source, article, question in probes:
        answer = index.search(Query(question, k=5))
        first = answer.shown[0] if answer.shown else None
        ok = names_it(first, source, article)
        passed += ok
        where = f"{first.passage.source_id} › {' › '.join(first.passage.section)}" if first else "-"
        shown = "yes" if answer.answered else "no"
        print(f"| {'yes' if ok else '**no**'} | {shown} | {question} | {where} |")
    print(f"\n{passed} of {len(probes)} probes show the named passage first.")


if __name__ == "__main__":
    main()
