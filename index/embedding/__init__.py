"""Embedding models: the Embedder protocol, sentence-transformers and ONNX backends, the vector cache."""
