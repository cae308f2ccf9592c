"""Ingesting a folder: one precise reason per bad file, every good file ingested, ids and hashes."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from corpus.errors import CorpusError
from corpus.ingest import (
    LOADER_VERSION,
    content_hash,
    ingest_folder,
    load_source,
    scan_folder,
    source_file,
    source_id_for,
)
from corpus.manifest import COLUMNS

HEADER = ",".join(COLUMNS) + "\n"
MAX = 1_000_000


def _pdf(pages: list[str]) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    for text in pages:
        if text:
            pdf.drawString(60, 760, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good files next to every kind of bad one."""
    root = tmp_path / "sources"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    good = {
        "good.txt": b"Plain text source.\n\nSecond paragraph.",
        "sub/notes.md": b"---\ntitle: Field notes\n---\n# Heading\n\nBody.",
        "sub/deeper/page.html": b"<html><head><title>Page</title></head><body><p>Body.</p></body></html>",
        "report.pdf": _pdf(["Page one text.", "Page two text."]),
        "korean.txt": "제1조 (목적) 이 법은 목적으로 한다.".encode("cp949"),
    }
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(300),
        "big.txt": b"x" * 5000,
        "table.xlsx": b"PK\x03\x04",
        "README": b"no extension",
        "blank.pdf": _pdf(["", "", ""]),
        "broken.pdf": _pdf(["Some text."])[:300],
        "broken.docx": b"not a zip at all",
    }
    for rel, data in {**good, **bad}.items():
        (root / rel).write_bytes(data)
    (root / ".hidden.txt").write_text("hidden")
    (root / ".hidden_dir" / "inside.txt").write_text("hidden too")
    (root / "~$lock.docx").write_bytes(b"word lock file")
    outside = tmp_path / "outside.txt"
    outside.write_text("outside the folder")
    os.symlink(outside, root / "link_out.txt")
    os.symlink(root / "good.txt", root / "link_in.txt")
    os.symlink(tmp_path / "missing.txt", root / "dangling.txt")
    os.symlink(tmp_path, root / "dir_out")
    (root / "manifest.csv").write_text(
        HEADER
        + "good.txt,Good Title,Good Publisher,2014-08-31,https://example.org/good,,CC0,en\n"
        + "sub/notes.md,,,2020,,,,\n"
        + "gone.txt,Missing,,,,,,\n",
        encoding="utf-8",
    )
    return root


SUPPORTED = "(supported: .txt, .md, .markdown, .html, .htm, .pdf, .docx)"
EXPECTED_FAILURES = {
    "README": f"unsupported file without an extension {SUPPORTED}",
    "big.txt": "file is 5,000 bytes, over the limit of 4,096 bytes; not read",
    "binary.txt": "binary file with a text extension (.txt): the content is a PNG image",
    "blank.pdf": "no extractable text in 3 pages",
    "dangling.txt": "broken symbolic link",
    "empty.txt": "empty file (0 bytes)",
    "table.xlsx": f"unsupported file type .xlsx {SUPPORTED}",
}


def test_every_bad_file_gets_one_reason_and_every_good_file_is_ingested(mixed_folder: Path) -> None:
    report = ingest_folder(mixed_folder, max_bytes=4096)
    reasons = {issue.path: issue.reason for issue in report.failures}
    assert len(reasons) == len(report.failures)  # one reason per file
    for rel, expected in EXPECTED_FAILURES.items():
        assert reasons.pop(rel) == expected
    assert reasons.pop("broken.pdf").startswith("corrupt or truncated PDF")
    assert reasons.pop("broken.docx").startswith("not a valid DOCX file")
    assert re.fullmatch(
        r"symbolic link to a file outside the sources folder \(.*outside\.txt\); skipped",
        reasons.pop("link_out.txt"),
    )
    assert re.fullmatch(
        r"symbolic link to a folder outside the sources folder \(.*\); skipped", reasons.pop("dir_out")
    )
    assert reasons == {}

    assert sorted(s.path for s in report.sources) == [
        "good.txt",
        "korean.txt",
        "link_in.txt",
        "report.pdf",
        "sub/deeper/page.html",
        "sub/notes.md",
    ]
    warnings = {(w.path, w.reason) for w in report.warnings}
    assert (
        "gone.txt",
        "manifest.csv line 4 names this file, but it is not in the sources folder",
    ) in warnings
    assert ("korean.txt", "invalid UTF-8 at byte 0: decoded as CP949 (Korean)") in warnings
    assert len(warnings) == 2


def test_metadata_precedence(mixed_folder: Path) -> None:
    sources = {s.path: s for s in ingest_folder(mixed_folder, max_bytes=MAX).sources}
    good = sources["good.txt"].meta
    assert (good.title, good.publisher, good.date, good.url, good.license, good.language) == (
        "Good Title",
        "Good Publisher",
        "2014-08-31",
        "https://example.org/good",
        "CC0",
        "en",
    )
    notes = sources["sub/notes.md"].meta
    assert (notes.title, notes.date) == ("Field notes", "2020")  # front matter title, manifest date
    assert sources["sub/deeper/page.html"].meta.title == "Page"
    assert sources["report.pdf"].meta.title == "Page one text."  # derived from the first line
    assert sources["report.pdf"].pages == (0, 16)
    assert sources["korean.txt"].meta.language == "ko"


def test_scan_is_cheap_and_skips_the_manifest(mixed_folder: Path) -> None:
    scan = scan_folder(mixed_folder, max_bytes=MAX)
    rels = [f.rel for f in scan.files]
    assert rels == sorted(rels)
    assert "manifest.csv" not in rels and ".hidden.txt" not in rels
    assert scan.manifest == mixed_folder / "manifest.csv"
    good = next(f for f in scan.files if f.rel == "good.txt")
    assert good.row is not None and good.row.title == "Good Title"
    assert good.content_hash == content_hash((mixed_folder / "good.txt").read_bytes(), good.row)
    assert good.source_id == source_id_for("good.txt")


def test_reuse_skips_parsing_only_when_the_hash_is_unchanged(mixed_folder: Path) -> None:
    first = {s.id: s for s in ingest_folder(mixed_folder, max_bytes=MAX).sources}
    again = ingest_folder(mixed_folder, max_bytes=MAX, reuse=first)
    assert all(s is first[s.id] for s in again.sources)
    (mixed_folder / "good.txt").write_text("Changed text.")
    manifest = mixed_folder / "manifest.csv"
    manifest.write_text(manifest.read_text().replace("sub/notes.md,,,2020", "sub/notes.md,,,2021"))
    third = {s.path: s for s in ingest_folder(mixed_folder, max_bytes=MAX, reuse=first).sources}
    assert third["good.txt"] is not first[third["good.txt"].id] and third["good.txt"].text == "Changed text."
    assert third["sub/notes.md"].meta.date == "2021"  # a changed manifest row changes the hash
    assert third["report.pdf"] is first[third["report.pdf"].id]


def test_ingestion_is_deterministic(mixed_folder: Path) -> None:
    one = ingest_folder(mixed_folder, max_bytes=MAX)
    two = ingest_folder(mixed_folder, max_bytes=MAX)
    assert one == two


def test_malformed_manifest_fails_but_files_are_still_ingested(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "manifest.csv").write_text("name,title\na.txt,Alpha\n")
    report = ingest_folder(tmp_path, max_bytes=MAX)
    assert [f.path for f in report.failures] == [str(tmp_path / "manifest.csv")]
    assert "no 'file' column" in report.failures[0].reason
    assert [s.meta.title for s in report.sources] == ["Alpha text."]


def test_explicit_manifest_elsewhere_is_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "meta.csv").write_text(HEADER + "a.txt,Alpha Title,,,,,,\n")
    report = ingest_folder(tmp_path, manifest=tmp_path / "meta.csv", max_bytes=MAX)
    assert report.failures == []
    assert [s.meta.title for s in report.sources] == ["Alpha Title"]


def test_missing_sources_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        scan_folder(tmp_path / "nope", max_bytes=MAX)


def test_source_ids_are_stable_readable_and_namespaced() -> None:
    source_id = source_id_for("sub/Usdos_2023 Report (Final).txt")
    assert re.fullmatch(r"usdos-2023-report-final-[0-9a-f]{8}", source_id)
    assert source_id == source_id_for("sub/Usdos_2023 Report (Final).txt")
    assert source_id != source_id_for("other/Usdos_2023 Report (Final).txt")
    assert source_id_for("a.txt", "uploads") != source_id_for("a.txt")
    assert source_id_for("난민법.txt").startswith("source-")
    assert source_id_for("cafe\u0301.txt") == source_id_for("café.txt")  # NFC
    long_id = source_id_for("x" * 30 + "_" + "y" * 30 + ".txt")
    assert long_id.startswith("x" * 30 + "-") and len(long_id) <= 48 + 9


def test_content_hash_covers_bytes_row_and_loader_version(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Alpha text.")
    f = source_file(path, "a.txt")
    source = load_source(f)
    assert source.content_hash == f.content_hash == content_hash(b"Alpha text.", None)
    assert content_hash(b"Alpha text!", None) != f.content_hash
    assert LOADER_VERSION
