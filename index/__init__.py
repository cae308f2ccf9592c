"""The index library: embedding, FAISS, BM25, snapshots and hybrid retrieval."""
