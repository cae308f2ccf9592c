"""Fuzzing: bytes through every loader, Unicode through canonicalization and the chunker, admin API calls.

Loaders may only raise UnreadableSource, and whatever they accept keeps the invariants. The admin
endpoints, which tests/test_schemathesis.py sees only disabled, are fuzzed here with the token.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.hostile import docx_bytes, docx_with, text_pdf
from corpus.chunker import Chunker
from corpus.errors import UnreadableSource
from corpus.ingest import load_source, source_file
from corpus.loaders import SUPPORTED_EXTENSIONS
from corpus.models import Source, SourceMeta
from corpus.normalize import clean, paragraph_spans
from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import build, write_corpus
from tests.test_chunker import check_invariants

INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS: dict[str, bytes] = {
    ".txt": b"Refugee report\n\nThe river was crossed at night.\r\nEleven families.\n",
    ".md": b"---\ntitle: Notes\ndate: 2024-05-01\n---\n# Heading\n\n- item one\n- item two\n",
    ".markdown": "# 난민\n\n강제로 송환되지 아니한다.\n".encode(),
    ".html": b'<html lang="en"><head><title>T</title><meta charset="utf-8"></head>'
    b"<body><article><h1>Head</h1><p>The river was crossed at night.</p><ul><li>a</li></ul>"
    b"<table><tr><td>x</td><td>y</td></tr></table></article></body></html>",
    ".htm": b"<p>One paragraph about the border.</p><p>Another one.</p>",
    ".pdf": text_pdf("The river was crossed at night."),
    ".docx": docx_bytes("The river was crossed at night by eleven families."),
}
PREFIXES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe", b"---\n"]


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="groundqa-fuzz-") as d:
        yield Path(d)


def _load(folder: Path, ext: str, data: bytes) -> Source | None:
    """Load bytes as a file of type `ext`; None when refused (with a non-empty reason)."""
    path = folder / f"fuzz{ext}"
    path.write_bytes(data)
    try:
        source = load_source(source_file(path, path.name))
    except UnreadableSource as exc:
        assert exc.message and "\n" not in exc.message
        return None
    text = source.text
    assert text and text == text.strip() and not INVISIBLE.search(text)
    assert not INVISIBLE.search(source.meta.title) and source.meta.title.strip()
    prev = 0
    for a, b in source.paragraphs:
        assert prev <= a < b <= len(text)
        prev = b
    if source.pages:
        assert source.pages[0] == 0 and list(source.pages) == sorted(source.pages)
        assert source.pages[-1] <= len(text)
    return source


@FAST
@given(
    ext=st.sampled_from(SUPPORTED_EXTENSIONS), prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000)
)
@example(
    ext=".pdf", prefix=b"%PDF-1.7\n", body=b"1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>"
)
@example(ext=".docx", prefix=b"PK\x03\x04", body=b"\x00" * 100)
@example(ext=".txt", prefix=b"\xff\xfe", body=b"\x00\xd8")  # UTF-16 with a lone surrogate
def test_random_bytes_are_loaded_or_refused_never_crash(
    folder: Path, ext: str, prefix: bytes, body: bytes
) -> None:
    _load(folder, ext, prefix + body)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid file of some type with bytes overwritten, inserted, deleted or cut off."""
    ext = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[ext])
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["set", "insert", "delete", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=16))
        if op == "set":
            data[pos : pos + len(chunk)] = chunk
        elif op == "insert":
            data[pos:pos] = chunk
        elif op == "delete":
            del data[pos : pos + len(chunk)]
        else:
            del data[pos:]
    return ext, bytes(data)


@FAST
@given(case=mutated())
def test_mutated_valid_files_are_loaded_or_refused_never_crash(folder: Path, case: tuple[str, bytes]) -> None:
    _load(folder, *case)


XML_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)


@FAST
@given(body=XML_TEXT, raw=st.binary(max_size=200))
def test_docx_with_arbitrary_document_xml_is_loaded_or_refused(folder: Path, body: str, raw: bytes) -> None:
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    xml = (
        head
        + b"<w:body><w:p><w:r><w:t>"
        + body.encode("utf-8")
        + raw
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    _load(folder, ".docx", docx_with(xml))


# -- canonical text and the chunker on arbitrary Unicode ------------------------------------------------
ANY_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(list("\n\n\n\r\t \u00a0\u2028\u2029\u200b\u202e\u2066\u0301\x00\x0c.!?。")),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xAC40),
    ),
    max_size=600,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=ANY_TEXT)
def test_canonical_text_is_idempotent_and_free_of_invisible_characters(raw: str) -> None:
    once = clean(raw)
    assert clean(once.text).text == once.text
    assert once.text == once.text.strip() and not INVISIBLE.search(once.text)
    assert "\n\n\n" not in once.text and "  " not in once.text


@st.composite
def chunk_cases(draw: st.DrawFn) -> tuple[Source, Chunker, int]:
    raw = draw(ANY_TEXT)
    text = clean(raw).text if draw(st.booleans()) else raw  # the chunker must not rely on canonical text
    pages: tuple[int, ...] = ()
    if text and draw(st.booleans()):
        cuts = draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=5, unique=True))
        pages = (0, *sorted(c for c in cuts if c < len(text)))
    source = Source(
        "fuzz", "fuzz.txt", SourceMeta("fuzz"), text, "h", pages=pages, paragraphs=paragraph_spans(text)
    )
    max_tokens = draw(st.integers(4, 64))
    return source, Chunker(FakeEmbedder().count_tokens, max_tokens), max_tokens


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=chunk_cases())
def test_chunker_keeps_its_invariants_on_arbitrary_text(case: tuple[Source, Chunker, int]) -> None:
    source, chunker, max_tokens = case
    passages = chunker.chunk(source)
    check_invariants(source, passages, chunker.count_tokens, max_tokens)
    assert chunker.chunk(source) == passages


# -- the admin API, with the token -----------------------------------------------------------------------
ADMIN_TOKEN = "fuzz-admin-token"


def _admin_app() -> object:
    root = Path(tempfile.mkdtemp(prefix="groundqa-fuzz-admin-"))
    emb = FakeEmbedder()
    build(root / "data", write_corpus(root / "src"), emb)
    settings = Settings(
        sources_dir=root / "src",
        data_dir=root / "data",
        admin_token=ADMIN_TOKEN,  # type: ignore[arg-type]
        max_upload_mb=1,
    )
    app = create_app(settings, embedder=emb)
    TestClient(app).__enter__()  # run the lifespan once; the app then serves every generated case
    return app


admin_schema = schemathesis.openapi.from_asgi("/openapi.json", _admin_app())


@admin_schema.include(tag="admin").parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_admin_api_conforms_with_the_token(case: schemathesis.Case) -> None:
    response = case.call(headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code < 500, response.text
    excluded = []
    if case.operation.path == "/api/sources" and case.method == "POST":
        # What makes an upload acceptable (a known extension, some bytes, a size) lies in the file
        # part's name and content, which a multipart schema cannot state: refusing is not a schema gap.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.validate_response(response, excluded_checks=excluded)
