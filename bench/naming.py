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

A second file, `bench/devset/naming2.tsv` (`--probes bench/devset/naming2.tsv`), holds 70 probes
written on 2026-12-03 by a writer who saw neither the code nor the first file (40 English, 25
Korean, 5 Chinese; 32 instruments; articles written as "Art. 8", "article 1(1)", "21조", "제37조 제1항",
"第241条", "§ 7842", "section 9242", "22 U.S.C. 7102"; 11 definitions): main scored it 69 of 70
before one fix was made for the probe it missed (bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import re
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


def names_it(hit: Hit | None, source: str, article: str, stems: frozenset[str] = frozenset()) -> bool:
    """Whether `hit` stands in `source` and in `article` (in its section path or the first 200
    characters of its text), spaces normalised and as a whole number: "Article 1" is not "Article 10",
    "1158" not "11581". `source` is a source id's stem (the id without its content hash) when it is
    one of `stems` ("treaty-cedaw" is the Convention, not the "treaty-cedaw-optional-protocol"),
    else a prefix of the id."""
    if hit is None:
        return False
    sid = hit.passage.source_id
    if not (sid.rsplit("-", 1)[0] == source if source in stems else sid.startswith(source)):
        return False
    wanted = re.compile(rf"(?<![\w]){re.escape(' '.join(article.split()))}(?![\d\w])")
    places = (*hit.passage.section, hit.passage.text[:200])
    return any(wanted.search(" ".join(place.split())) for place in places)


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
    stems = frozenset(r.id.rsplit("-", 1)[0] for r in index.sources())
    passed = 0
    print("| named passage first | answered | question | first shown |\n|---|---|---|---|")
    for source, article, question in probes:
        answer = index.search(Query(question, k=5))
        first = answer.shown[0] if answer.shown else None
        ok = names_it(first, source, article, stems)
        passed += ok
        where = f"{first.passage.source_id} › {' › '.join(first.passage.section)}" if first else "-"
        shown = "yes" if answer.answered else "no"
        print(f"| {'yes' if ok else '**no**'} | {shown} | {question} | {where} |")
    print(f"\n{passed} of {len(probes)} probes show the named passage first.")


if __name__ == "__main__":
    main()
