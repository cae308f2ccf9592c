"""Contained extraction (placeholder; replaced below)."""

from __future__ import annotations

from corpus.loaders import Extracted, ExtractOptions, extract


def extract_contained(data: bytes, ext: str, options: ExtractOptions) -> Extracted:
    return extract(data, ext, options)
