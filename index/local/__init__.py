"""The local backend: FAISS + numpy BM25 + SQLite in versioned snapshot folders on one machine."""
