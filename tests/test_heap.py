"""index.embedding.heap: freed heap memory goes back to the OS on glibc."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from index.embedding.heap import release_free_heap


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_heap_is_returned_to_the_os() -> None:
    blocks = [bytearray(8000) for _ in range(25_000)]  # ~200 MB in malloc'd (not mmap'd) blocks
    keep = blocks[::50]  # a few survivors pin the heap, so glibc cannot shrink it from the top alone
    del blocks
    before = _rss_mb()
    assert release_free_heap() is True
    assert before - _rss_mb() > 100, "the freed blocks' pages should leave the process"
    assert len(keep) == 500
