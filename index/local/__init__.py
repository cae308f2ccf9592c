"""The local backend: FAISS + bm25s + SQLite in versioned snapshot folders on one machine."""
