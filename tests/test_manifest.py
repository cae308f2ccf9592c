"""manifest.csv parsing, date prefixes and discovery beside or inside a sources folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import ManifestError
from corpus.manifest import (
    COLUMNS,
    Discovery,
    ManifestRow,
    discover_manifest,
    iso_date,
    parse_manifest,
    read_manifest,
)

HEADER = ",".join(COLUMNS) + "\n"


def parse(text: str) -> list[ManifestRow]:
    return list(parse_manifest(text.encode("utf-8"), Path("manifest.csv")).rows.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", "2025"),
        ("2014-08-31", "2014-08-31"),
        ("2014-08", "2014-08"),
        ("2024-03-15T09:30:00+09:00", "2024-03-15"),
        ("2024/3/5", "2024-03-05"),
        ("2024.03.05", "2024-03-05"),
        ("2024-13-01", "2024"),
        ("2024-02-30", "2024-02"),
        ("March 2025", None),
        ("20240315", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_rows_quoted_cells_and_empty_values() -> None:
    rows = parse(
        "\ufeff"
        + HEADER
        + 'a.txt,"Title, with comma",Some Publisher,2025,https://x.org/a,repo,"Public domain (""free"")",en\n'
        + "sub/b.txt,Second,,,,,,\n"
    )
    first, second = rows
    assert first == ManifestRow(
        file="a.txt",
        title="Title, with comma",
        publisher="Some Publisher",
        date="2025",
        url="https://x.org/a",
        origin="repo",
        license='Public domain ("free")',
        language="en",
        line=2,
    )
    assert second.file == "sub/b.txt" and second.title == "Second"
    assert (second.publisher, second.date, second.url, second.license, second.language) == (None,) * 5


def test_header_may_be_partial_and_in_any_order() -> None:
    (row,) = parse("Language, File ,title\nko-KR,./docs\\x.txt,제목\n")
    assert (row.file, row.title, row.language) == ("docs/x.txt", "제목", "ko")


def test_row_problems_are_warnings() -> None:
    manifest = parse_manifest(
        (
            HEADER
            + "a.txt,A,,not a date,,,,english please\n"
            + "a.txt,Again,,,,,,\n"
            + ",orphan title,,,,,,\n"
            + "b.txt,B,,,,,,,extra\n"
            + ",,,,,,,\n"
        ).encode(),
        Path("manifest.csv"),
    )
    assert sorted(manifest.rows) == ["a.txt", "b.txt"]
    assert manifest.rows["a.txt"].title == "A" and manifest.rows["a.txt"].date is None
    assert [w.reason for w in manifest.warnings] == [
        "line 2: date 'not a date' is not an ISO date; ignored",
        "line 2: language 'english please' is not a language code; ignored",
        "line 3: duplicate row for 'a.txt' ignored (see line 2)",
        "line 4: row without a file name ignored",
        "line 5: more cells than header columns; extras ignored",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,title\na.txt,A\n", "manifest.csv has no 'file' column (header: name, title)"),
        (b"", "manifest.csv is empty"),
        (HEADER.encode() + b'a.txt,"unterminated\n', "manifest.csv, line 2: unparseable CSV"),
        (HEADER.encode() + b"a.txt,\xff\xfe\n", "manifest.csv is not UTF-8"),
        (HEADER.encode() + b"a.txt,A\x00B\n", "manifest.csv is not a CSV file: it contains NUL bytes"),
    ],
)
def test_malformed_manifests_raise(data: bytes, message: str) -> None:
    with pytest.raises(ManifestError) as caught:
        parse_manifest(data, Path("manifest.csv"))
    assert caught.value.message.startswith(message)


def discover_beside(tmp_path: Path, manifest: str, files: tuple[str, ...] = ("a.txt",)) -> Discovery:
    """`discover_manifest` of a `sources` folder holding `files` with `manifest` beside it."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in files:
        (sources / name).write_text("A")
    (tmp_path / "manifest.csv").write_text(manifest)
    return discover_manifest(sources)


def test_discovery_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "manifest.csv").write_text(HEADER + "a.txt,Inside,,,,,,\n")
    found = discover_manifest(tmp_path)
    assert found.manifest is not None and found.manifest.rows["a.txt"].title == "Inside"


def test_discovery_in_the_parent_like_the_demo_layout(tmp_path: Path) -> None:
    found = discover_beside(tmp_path, HEADER + "a.txt,Beside,,,,,,\nsources/b.txt,Prefixed,,,,,,\n")
    assert found.manifest is not None
    assert found.manifest.get("a.txt") is not None and found.manifest.get("b.txt") is not None


def test_parent_manifest_for_other_files_is_ignored(tmp_path: Path) -> None:
    found = discover_beside(tmp_path, HEADER + "elsewhere.txt,Other,,,,,,\n")
    assert found.manifest is None and not found.failures and not found.warnings


def test_malformed_parent_manifest_is_a_warning(tmp_path: Path) -> None:
    found = discover_beside(tmp_path, "name\nx\n", files=())
    assert found.manifest is None and not found.failures
    assert [w.reason for w in found.warnings] == [
        "not used as this folder's manifest: manifest.csv has no 'file' column (header: name); "
        "expected file, title, publisher_or_author, date, source_url, origin, license, language, "
        "separated by commas (or semicolons)"
    ]


def test_semicolon_separated_manifest_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("file;title;publisher_or_author;date\na.txt;Report, part one;Agency;2024-05-01\n")
    manifest = read_manifest(path)
    row = manifest.get("a.txt")
    assert row is not None and (row.title, row.publisher, row.date) == (
        "Report, part one",
        "Agency",
        "2024-05-01",
    )
    assert [w.reason for w in manifest.warnings] == ["cells are separated by semicolons, not commas; read so"]
    tabs = tmp_path / "tabs.csv"
    tabs.write_text("file\ttitle\nb.txt\tTabbed\n")
    assert read_manifest(tabs).get("b.txt") == ManifestRow(file="b.txt", title="Tabbed", line=2)


def test_explicit_manifest_wins_and_a_missing_one_fails(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_text(HEADER + "a.txt,Inside,,,,,,\n")
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "a.txt,Explicit,,,,,,\n")
    found = discover_manifest(tmp_path, other)
    assert found.manifest is not None and found.manifest.rows["a.txt"].title == "Explicit"
    missing = discover_manifest(tmp_path, tmp_path / "nope.csv")
    assert missing.manifest is None
    assert (
        len(missing.failures) == 1
        and "cannot be read (No such file or directory)" in missing.failures[0].reason
    )
