"""Compare the canonical texts of a sources folder as two versions of groundqa make them.

    python scripts/demo_diff.py [--base REF] [--sources DIR]

REF (default `main`) is checked out with `git archive` into a temporary folder; each version ingests
the folder in its own Python process (same interpreter), and the script prints, per file, whether the
canonical text, page starts or notes differ, with the first differing lines. Nothing is written into
the project.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUMP = r"""
import json, sys, time
from pathlib import Path
from corpus.ingest import ingest_folder
started = time.perf_counter()
report = ingest_folder(Path(sys.argv[1]), max_bytes=50 * 2**20)
seconds = time.perf_counter() - started
out = {s.path: {"text": s.text, "pages": list(s.pages), "notes": list(s.notes)} for s in report.sources}
json.dump({"sources": out, "failures": [[f.path, f.reason] for f in report.failures], "seconds": seconds},
          sys.stdout)
"""


def _ingest(code_root: Path, sources: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", DUMP, str(sources)],
        cwd=code_root,
        env={"PYTHONPATH": str(code_root), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    data: dict[str, object] = json.loads(result.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus" / "sources")
    args = parser.parse_args()
    sources = args.sources
    if not sources.is_dir():
        parser.error(f"--sources: {sources} is not a folder (the demo collection, ../shared/corpus/sources)")
    with tempfile.TemporaryDirectory(prefix="groundqa-base-") as tmp:
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        started = time.perf_counter()
        base = _ingest(Path(tmp), sources)
        head = _ingest(ROOT, sources)
    base_sources: dict[str, dict[str, object]] = base["sources"]  # type: ignore[assignment]
    head_sources: dict[str, dict[str, object]] = head["sources"]  # type: ignore[assignment]
    changed = 0
    for path in sorted(set(base_sources) | set(head_sources)):
        a, b = base_sources.get(path), head_sources.get(path)
        if a is None or b is None:
            print(f"{path}: only in {'this branch' if a is None else args.base}")
            changed += 1
            continue
        parts = []
        if a["text"] != b["text"]:
            old, new = str(a["text"]).split("\n"), str(b["text"]).split("\n")
            delta = [line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-"]
            delta = [line for line in delta if not line.startswith(("+++", "---"))]
            parts.append(f"text differs ({len(a['text']):,} -> {len(b['text']):,} chars); first changes:")
            parts.extend("    " + line[:160] for line in delta[:6])
        if a["pages"] != b["pages"]:
            parts.append("page starts differ")
        if a["notes"] != b["notes"]:
            parts.append(f"notes {a['notes']} -> {b['notes']}")
        if parts:
            changed += 1
            print(f"{path}:")
            for line in parts:
                print("  " + line)
        else:
            print(f"{path}: unchanged")
    print(
        f"\n{changed} of {len(head_sources)} sources differ; ingestion {base['seconds']:.2f} s "
        f"({args.base}) vs {head['seconds']:.2f} s (this branch); total {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
