"""Retrieval quality on judged collections: BEIR loading and IR metrics (groundqa eval)."""
