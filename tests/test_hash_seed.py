"""Scores that sum over a set of question terms are the same float in every process.

Python's set order follows the per-process hash seed, and float addition is not associative, so a
sum taken in set order can differ in its last bit from one server start to the next, and two
sentences with the same terms could then rank differently. These run the same computation under
several seeds and expect one answer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
from index.abstain import coverage
from index.engine import _coverages
from index.evidence import best_sentences

terms = [f"term{i}" for i in range(14)]
df = {t: 3 * i + 1 for i, t in enumerate(terms)}
present = set(terms[:11])
text = "one. two."
spans = best_sentences(
    text, [(0, 4), (5, 9)], set(terms), lambda s: [], df, 1000, ratio=2.0,
    sentence_terms=[tuple(terms[:11]), tuple(reversed(terms[:11]))],
)
held = [frozenset(present)]
print(repr(coverage(terms, present, df, 1000)), repr(_coverages(frozenset(terms), held, df, 1000)), spans)
"""


def _run(seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_coverage_and_evidence_do_not_depend_on_the_hash_seed() -> None:
    outputs = {_run(seed) for seed in range(12)}
    assert len(outputs) == 1, outputs
    # the two sentences hold the same terms: the tie goes to the first
    assert outputs.pop().endswith("(Span(start=0, end=4),)")
