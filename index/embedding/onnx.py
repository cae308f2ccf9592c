"""The ONNX Runtime embedder: a one-time export of the sentence-transformers model, verified and cached.

sentence-transformers' own `backend="onnx"` needs optimum, which does not install beside
transformers 5 (see notes/performance.md), so the transformer is exported here with
`torch.onnx.export`, with pooling and L2 normalisation folded into the graph. The export is checked
against the torch embeddings before it is cached; a cached export loads without importing torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import IndexingError
from index.embedding.base import Vectors
from index.embedding.onnx_export import OPSET, export_pooled
from index.embedding.ort import cpu_session, padded, token_batches
from index.embedding.st import (
    DEFAULT_BATCH,
    ModelRef,
    SentenceTransformerEmbedder,
    TokenLimits,
    counting_tokenizer,
    model_languages,
)

logger = logging.getLogger(__name__)

FORMAT = "groundqa-onnx-1"
MIN_COSINE = 0.9999

# English, Korean, a text longer than the model reads (truncation), stray whitespace, a single
# character: the export must agree with torch on all of them, batched (with padding) and alone.
VERIFY_TEXTS = (
    "North Korean defectors described being forcibly repatriated from China.",
    "탈북민들은 중국에서 강제송환된 뒤 국경 인근 구류장에 구금됐다고 증언했다.",
    "  The committee met on 3 March 2021 to review 2,000 pages of testimony.  ",
    " ".join(["The border was closed and the crossings were watched day and night."] * 40),
    "유엔 보고서는 2020년 이후 국경 통제가 강화되었다고 밝혔다. The UN report says so too.",
    "a",
)


def cache_folder(ref: ModelRef, cache_dir: Path) -> Path:
    """Where the export of `ref` lives: `cache_dir` / the first 16 hex digits of SHA-256(export format,
    fingerprint, source), so another model, path or export format gets another folder."""
    key = hashlib.sha256(f"{FORMAT}\0{ref.fingerprint}\0{ref.source}".encode()).hexdigest()[:16]
    return cache_dir / key


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cosines(a: Vectors, b: Vectors) -> Vectors:
    num = (a * b).sum(axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.asarray(num / np.maximum(den, 1e-12), dtype=np.float32)


def _pooling_mode(st_model: Any) -> str:
    """The pooling of a [Transformer, Pooling, (Normalize)] pipeline, or IndexingError if not that."""
    names = [type(m).__name__ for m in st_model]
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise IndexingError(f"cannot export this model to ONNX: unsupported module pipeline {names}")
    config = st_model[1].get_config_dict()
    mode = config.get("pooling_mode")
    if mode is None:  # older configs name the mode by flags
        mode = (
            "mean"
            if config.get("pooling_mode_mean_tokens")
            else "cls"
            if config.get("pooling_mode_cls_token")
            else None
        )
    if mode not in ("mean", "cls"):
        raise IndexingError(f"cannot export this model to ONNX: unsupported pooling {mode!r}")
    return str(mode)


def _export_graph(st_model: Any, pooling: str, path: Path) -> None:
    transformer = st_model[0].auto_model
    previous = getattr(transformer.config, "_attn_implementation", None)
    if hasattr(transformer, "set_attn_implementation"):
        transformer.set_attn_implementation("eager")  # SDPA does not trace to portable ONNX
    try:
        _trace(transformer, pooling, path)
    finally:
        if previous and hasattr(transformer, "set_attn_implementation"):
            transformer.set_attn_implementation(previous)  # the torch model stays as it was


def _trace(transformer: Any, pooling: str, path: Path) -> None:
    # A padded dummy batch (small ids exist in every vocabulary), so the trace keeps the masking path.
    ids = [[1, 2, 3, 4], [1, 2, 0, 0]]
    mask = [[1, 1, 1, 1], [1, 1, 0, 0]]
    export_pooled(transformer, path, ids, mask, pooling="cls" if pooling == "cls" else "mean")


class OnnxEmbedder(TokenLimits):
    """Embeds with an exported ONNX graph and the model's own `tokenizers` tokenizer (exported with
    it: `max_tokens` and `count_tokens` are those of the exported model)."""

    def __init__(
        self,
        model_file: Path,
        tokenizer_json: str,
        meta: dict[str, Any],
        *,
        batch_size: int = DEFAULT_BATCH,
        threads: int | None = None,
    ) -> None:
        from tokenizers import Tokenizer

        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self._session = cpu_session(model_file, threads)
        self._meta = dict(meta)
        self._batch_size = batch_size
        self._max_seq = int(meta["max_seq_length"])
        self._lowercase = bool(meta["lowercase"])
        tokenizer = Tokenizer.from_str(tokenizer_json)
        self._counter = counting_tokenizer(tokenizer)
        tokenizer.enable_truncation(max_length=self._max_seq)
        self._unpadded = Tokenizer.from_str(tokenizer.to_str())  # batches are padded in `encode`
        self._unpadded.no_padding()
        self._pad_id = int(meta["pad_id"])
        tokenizer.enable_padding(pad_id=self._pad_id, pad_token=str(meta["pad_token"]))
        self._tokenizer = tokenizer

    @classmethod
    def open(cls, folder: Path, **kwargs: Any) -> OnnxEmbedder:
        """Open the verified export in `folder`; IndexingError if it is missing or unusable."""
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT!r}")
            tokenizer_json = (folder / "tokenizer.json").read_text(encoding="utf-8")
            return cls(folder / "model.onnx", tokenizer_json, meta, **kwargs)
        except Exception as exc:
            raise IndexingError(f"ONNX export in {folder} is unusable: {type(exc).__name__}: {exc}") from exc

    @classmethod
    def cached(cls, ref: ModelRef, cache_dir: Path, **kwargs: Any) -> OnnxEmbedder | None:
        """The verified export of `ref` under `cache_dir`, or None when there is none (or it is broken)."""
        folder = cache_folder(ref, cache_dir)
        if not (folder / "meta.json").is_file():
            return None
        try:
            emb = cls.open(folder, **kwargs)
        except IndexingError as exc:
            logger.warning("ignoring the cached ONNX export: %s", exc.message)
            return None
        return emb if emb.fingerprint == ref.fingerprint else None

    @classmethod
    def export(cls, st: SentenceTransformerEmbedder, cache_dir: Path, **kwargs: Any) -> OnnxEmbedder:
        """Export `st`'s model, check it against torch, and cache it; IndexingError if that fails.

        Files are written under temporary names and renamed into place; meta.json comes last, so
        its presence marks a complete, verified export.
        """
        pooling = _pooling_mode(st.model)
        tokenizer = st.model.tokenizer
        meta: dict[str, Any] = {
            "format": FORMAT,
            "fingerprint": st.fingerprint,
            "source": st.ref.source,
            "dim": st.dim,
            "max_seq_length": st.max_seq_length,
            "lowercase": bool(getattr(st.model[0], "do_lower_case", False)),
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
            "pooling": pooling,
            "opset": OPSET,
        }
        tokenizer_json = tokenizer.backend_tokenizer.to_str()
        folder = cache_folder(st.ref, cache_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".model.", suffix=".onnx.tmp")
            os.close(fd)
        except OSError as exc:
            raise IndexingError(f"cannot write the ONNX export under {cache_dir}: {exc}") from exc
        tmp = Path(tmp_name)
        try:
            try:
                _export_graph(st.model, pooling, tmp)
                worst = verify_against(st, cls(tmp, tokenizer_json, meta, **kwargs))
            except Exception as exc:
                raise IndexingError(f"ONNX export failed: {type(exc).__name__}: {exc}") from exc
            if worst < MIN_COSINE:
                raise IndexingError(
                    f"ONNX export disagrees with torch (min cosine {worst:.6f} < {MIN_COSINE})"
                )
            meta["min_cosine"] = worst
            try:
                (folder / "meta.json").unlink(missing_ok=True)  # no half-replaced export is ever valid
                _atomic_write_bytes(folder / "tokenizer.json", tokenizer_json.encode())
                os.replace(tmp, folder / "model.onnx")
                _atomic_write_bytes(folder / "meta.json", json.dumps(meta, indent=1).encode())
            except OSError as exc:
                raise IndexingError(f"cannot write the ONNX export to {folder}: {exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(folder, **kwargs)

    @property
    def fingerprint(self) -> str:
        """`Embedder.fingerprint`: the torch model's, recorded in meta.json (both backends give the same
        vectors, so snapshots and caches are shared)."""
        return str(self._meta["fingerprint"])

    @property
    def languages(self) -> frozenset[str] | None:
        """As `SentenceTransformerEmbedder.languages` ({"en"} for MiniLM, None for all)."""
        return model_languages(self.fingerprint)

    @property
    def dim(self) -> int:
        """`Embedder.dim`, recorded in meta.json at export."""
        return int(self._meta["dim"])

    def _encode_batch(self, texts: list[str]) -> Vectors:
        return self._prepared(texts)()

    def _prepared(self, texts: list[str]) -> Callable[[], Vectors]:
        """The graph run on `texts`, tokenised now."""
        prepared = [t.strip().lower() if self._lowercase else t.strip() for t in texts]
        encodings = self._tokenizer.encode_batch(prepared)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        session = self._session

        def run() -> Vectors:
            (out,) = session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})
            return np.asarray(out, dtype=np.float32)

        return run

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        """`PreparedQuery.prepare_query`: the question tokenised now; the function returned runs the
        graph (`encode_query`'s vector, shape (dim,))."""
        run = self._prepared([text])
        return lambda: run()[0]

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        """Embed passages: tokenized once, longest first, in batches of at most `batch_size` texts and
        `ort.BATCH_TOKENS` padded tokens, so a batch pads little and long texts never make huge batches
        (the runtime's memory follows the largest batch). Shape (len(texts), dim)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        prepared = [t.strip().lower() if self._lowercase else t.strip() for t in texts]
        rows = [e.ids for e in self._unpadded.encode_batch(prepared)]
        done = 0
        for batch in token_batches([len(r) for r in rows], self._batch_size):
            ids, mask = padded([rows[i] for i in batch], self._pad_id)
            (vecs,) = self._session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})
            out[batch] = np.asarray(vecs, dtype=np.float32)
            done += len(batch)
            if progress is not None:
                progress(done)
        return out

    def encode_query(self, text: str) -> Vectors:
        """`Embedder.encode_query`: the stripped (and, for an uncased model, lower-cased) text, truncated
        to max_seq_length tokens, through the graph (pooling and L2 normalisation included); shape (dim,)."""
        vector: Vectors = self._encode_batch([text])[0]
        return vector


def verify_against(reference: SentenceTransformerEmbedder, candidate: OnnxEmbedder) -> float:
    """The lowest cosine between the two backends' embeddings of VERIFY_TEXTS (batched and single)."""
    texts = list(VERIFY_TEXTS)
    ref = reference.encode(texts)
    worst = float(_cosines(ref, candidate.encode(texts)).min())
    for i, text in enumerate(texts[:2]):
        single = candidate.encode_query(text)
        worst = min(worst, float(_cosines(ref[i : i + 1], single[None, :]).min()))
    return worst
