"""Embedders: model resolution, backend choice, and (integration) ONNX export agreeing with torch."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

import index.embedding.onnx as onnx_embedder
from corpus.errors import IndexingError
from index.embedding.base import PreparedQuery
from index.embedding.load import Models, load_embedder
from index.embedding.onnx import OnnxEmbedder, cache_folder
from index.embedding.ort import padded, token_batches
from index.embedding.st import BUNDLED_FINGERPRINT, SentenceTransformerEmbedder, length_batches, resolve_model

TEXTS = [
    "North Korean defectors described being forcibly repatriated from China.",
    "탈북민들은 중국에서 강제송환된 뒤 구금됐다고 증언했다.",
    "The weather was mild.",
    " ".join(["A long passage that goes on and on about border crossings."] * 30),
]


def test_bundled_model_resolves_offline() -> None:
    ref = resolve_model("")
    assert ref.fingerprint == BUNDLED_FINGERPRINT
    assert ref.folder is not None and (ref.folder / "config.json").is_file()
    assert resolve_model("   ") == ref


def test_folder_fingerprint_follows_its_configs(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 8}')
    first = resolve_model(str(folder))
    assert first.fingerprint.startswith("my-model@")
    assert first.source == str(folder.resolve())
    assert resolve_model(str(folder)) == first  # stable
    (folder / "config.json").write_text('{"hidden_size": 16}')
    assert resolve_model(str(folder)).fingerprint != first.fingerprint


def test_hub_names_and_missing_paths() -> None:
    ref = resolve_model("some-org/some-model")
    assert (ref.source, ref.fingerprint, ref.folder) == ("some-org/some-model", "some-org/some-model", None)
    with pytest.raises(IndexingError, match="does not exist"):
        resolve_model("/no/such/model/folder")
    with pytest.raises(IndexingError, match="does not exist"):
        resolve_model("./relative/missing")


def test_length_batches_cover_every_text_once() -> None:
    texts = ["a" * n for n in (5, 1, 30, 7, 2, 9, 12)]
    batches = length_batches(texts, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(texts)))
    assert all(1 <= len(b) <= 3 for b in batches)
    assert batches[0] == [2, 6, 5]  # longest first: similar lengths share a batch
    assert length_batches([], 4) == []


def test_token_batches_keep_padded_tokens_under_the_budget() -> None:
    lengths = [40, 3, 512, 100, 7, 100, 300, 8]
    batches = list(token_batches(lengths, batch_size=4, budget=600))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert batches == [[2], [6, 3], [5, 0, 7, 4], [1]]  # longest first; ties keep their order
    for b in batches:
        assert len(b) <= 4 and (len(b) == 1 or len(b) * max(lengths[i] for i in b) <= 600)
    assert list(token_batches([900, 5], batch_size=4, budget=600)) == [[0], [1]]  # too long: alone
    assert list(token_batches([], batch_size=4)) == []


def test_padded_rows_and_mask() -> None:
    ids, mask = padded([[5, 6, 7], [8]], pad_id=1)
    assert ids.dtype == mask.dtype == np.int64
    assert ids.tolist() == [[5, 6, 7], [8, 1, 1]]
    assert mask.tolist() == [[1, 1, 1], [1, 0, 0]]


def test_bad_backend(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="backend"):
        load_embedder("", "gpu", tmp_path)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "variant", "quantised_passages"),
    [
        ("multilingual-e5-small", "fp32", True),
        ("multilingual-e5-small:fp32", "fp32", False),
        ("multilingual-e5-small:int8", "int8", False),
    ],
)
def test_e5_names_choose_the_conversion_and_the_passage_encoder(
    name: str, variant: str, quantised_passages: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.embedding.e5 as e5

    asked: list[tuple[Path, dict[str, object]]] = []
    monkeypatch.setattr(e5, "load_e5", lambda cache_dir, **kwargs: asked.append((cache_dir, kwargs)))
    load_embedder(name, "auto", tmp_path)
    assert asked == [(tmp_path, {"variant": variant, "quantised_passages": quantised_passages})]


@pytest.mark.parametrize(
    ("fingerprint", "name"),
    [
        ("multilingual-e5-small-q4@1571fc982750/int8ff@0123456789ab", "multilingual-e5-small"),
        ("multilingual-e5-small-q4@1571fc982750/fp32", "multilingual-e5-small:fp32"),
        ("multilingual-e5-small-q4@1571fc982750/int8", "multilingual-e5-small:int8"),
        (BUNDLED_FINGERPRINT, ""),
    ],
)
def test_a_snapshot_is_searched_with_the_encoder_that_made_it(
    fingerprint: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = Models("auto", "auto", tmp_path)
    loaded: list[str] = []
    monkeypatch.setattr(models, "load", loaded.append)
    models.for_fingerprint(fingerprint)
    assert loaded == [name]
    configured = Models("multilingual-e5-small", "auto", tmp_path)  # an e5 name set by the operator
    monkeypatch.setattr(configured, "load", loaded.append)
    configured.for_fingerprint(fingerprint)
    assert loaded == [name, name if name else "multilingual-e5-small"]  # a MiniLM snapshot: rebuild


def test_a_loaded_model_that_made_the_snapshot_is_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = Models("auto", "auto", tmp_path)
    made = type("Made", (), {"fingerprint": "multilingual-e5-small-q4@1571fc982750/fp32"})()
    models._loaded["multilingual-e5-small"] = made  # the default name, whose conversion had no query.onnx
    monkeypatch.setattr(models, "load", lambda name: pytest.fail(f"{name} loaded a second time"))
    assert models.for_fingerprint("multilingual-e5-small-q4@1571fc982750/fp32") is made


def test_cache_folder_is_per_model(tmp_path: Path) -> None:
    a = cache_folder(resolve_model(""), tmp_path)
    b = cache_folder(resolve_model("org/other"), tmp_path)
    assert a != b and a.parent == b.parent == tmp_path
    assert cache_folder(resolve_model(""), tmp_path) == a


def test_broken_cache_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    ref = resolve_model("")
    assert OnnxEmbedder.cached(ref, tmp_path) is None
    folder = cache_folder(ref, tmp_path)
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text("{not json")
    with caplog.at_level(logging.WARNING):
        assert OnnxEmbedder.cached(ref, tmp_path) is None
    assert "unusable" in caplog.text


# ---- integration: the real bundled model -------------------------------------------------------


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder("")


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory, torch_embedder: SentenceTransformerEmbedder) -> Path:
    cache = tmp_path_factory.mktemp("models")
    OnnxEmbedder.export(torch_embedder, cache)
    return cache


@pytest.mark.integration
def test_onnx_agrees_with_torch(torch_embedder: SentenceTransformerEmbedder, onnx_cache: Path) -> None:
    onnx = load_embedder("", "onnx", onnx_cache)
    assert isinstance(onnx, OnnxEmbedder)
    assert onnx.fingerprint == torch_embedder.fingerprint == BUNDLED_FINGERPRINT
    assert onnx.dim == torch_embedder.dim == 384
    assert onnx.max_tokens == torch_embedder.max_tokens == 254
    for text in TEXTS:
        assert onnx.count_tokens(text) == torch_embedder.count_tokens(text)
    a, b = torch_embedder.encode(TEXTS), onnx.encode(TEXTS)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    assert float((a * b).sum(axis=1).min()) >= 0.9999
    for i in (0, 1):
        assert float(onnx.encode_query(TEXTS[i]) @ torch_embedder.encode_query(TEXTS[i])) >= 0.9999
        assert np.array_equal(onnx.prepare_query(TEXTS[i])(), onnx.encode_query(TEXTS[i]))
    assert isinstance(onnx, PreparedQuery) and not isinstance(torch_embedder, PreparedQuery)
    # The long text is truncated, not rejected, and counts more tokens than the model reads.
    assert torch_embedder.count_tokens(TEXTS[3]) > torch_embedder.max_tokens


@pytest.mark.integration
def test_export_is_cached_and_complete(onnx_cache: Path) -> None:
    folder = cache_folder(resolve_model(""), onnx_cache)
    assert sorted(p.name for p in folder.iterdir()) == ["meta.json", "model.onnx", "tokenizer.json"]
    stamp = (folder / "model.onnx").stat().st_mtime_ns
    assert isinstance(load_embedder("", "auto", onnx_cache), OnnxEmbedder)
    assert (folder / "model.onnx").stat().st_mtime_ns == stamp  # reused, not exported again


@pytest.mark.integration
def test_progress_and_empty_input(onnx_cache: Path) -> None:
    onnx = load_embedder("", "onnx", onnx_cache)
    seen: list[int] = []
    out = onnx.encode(["x"] * 40, progress=seen.append)
    assert out.shape == (40, 384)
    assert seen == [32, 40]  # texts done so far, after each batch
    assert onnx.encode([]).shape == (0, 384)


@pytest.mark.integration
def test_failed_export_falls_back_to_torch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("exporter exploded")

    monkeypatch.setattr(onnx_embedder, "_export_graph", broken)
    with caplog.at_level(logging.WARNING):
        emb = load_embedder("", "auto", tmp_path)
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert "exporter exploded" in caplog.text
    assert OnnxEmbedder.cached(resolve_model(""), tmp_path) is None  # nothing half-written is kept
    with pytest.raises(IndexingError, match="exporter exploded"):
        load_embedder("", "onnx", tmp_path)


@pytest.mark.integration
def test_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexingError, match="not available locally"):
        load_embedder("no-such-org/no-such-model", "torch", tmp_path)
