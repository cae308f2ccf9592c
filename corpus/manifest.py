"""manifest.csv: citation metadata for the files of a sources folder.

Columns (header names as in the demo collection): file, title, publisher_or_author, date, source_url,
origin, license, language. Only `file` is required; it holds a path relative to the sources folder.
Empty cells mean "unknown" (None). Dates keep their ISO prefix ("2025", "2014-08", "2014-08-31").

Reader and writer share one format and one set of limits (`corpus.metadata`): a cell the reader would
ignore (too long, not an http(s) URL) is never written. A cell that a spreadsheet would run as a
formula (starting with =, +, -, @, tab or carriage return) is written with a leading apostrophe,
which the reader removes again (as it removes one before a leading apostrophe).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import ManifestError
from corpus.metadata import MAX_CHARS, url_problem
from corpus.models import FileIssue
from corpus.script import normalize_language

MANIFEST_NAME = "manifest.csv"
COLUMNS = ("file", "title", "publisher_or_author", "date", "source_url", "origin", "license", "language")
MAX_MANIFEST_BYTES = 20 * 1024 * 1024
# A longer metadata cell is ignored with a warning (it would be repeated in every citation).
CELL_LIMITS = {
    "title": MAX_CHARS["title"],
    "publisher_or_author": MAX_CHARS["publisher"],
    "source_url": MAX_CHARS["url"],
    "license": MAX_CHARS["license"],
    "origin": MAX_CHARS["origin"],
    "date": 100,
    "language": 100,
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The csv module refuses fields over 128 KiB by default, which made one long cell fail the whole
# file. A manifest is at most MAX_MANIFEST_BYTES, so no field can be longer than that; long cells
# are then refused one by one, with the line named (the limit is process-wide and only ever raised).
if csv.field_size_limit() < MAX_MANIFEST_BYTES:
    csv.field_size_limit(MAX_MANIFEST_BYTES)

_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?=$|[T\s])")


@dataclass(frozen=True)
class ManifestRow:
    """One manifest line. `file` is the POSIX path relative to the sources folder (NFC)."""

    file: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    origin: str | None = None
    license: str | None = None
    language: str | None = None
    line: int = 0  # line number in manifest.csv (0 when the row did not come from a file)

    def values(self) -> tuple[str, ...]:
        """The metadata values, for content hashing (a changed row means a changed source)."""
        fields = (self.title, self.publisher, self.date, self.url, self.origin, self.license, self.language)
        return (self.file, *(v or "" for v in fields))


@dataclass
class Manifest:
    """A parsed manifest: rows by normalized file path, and what was wrong with it."""

    path: Path
    rows: dict[str, ManifestRow] = field(default_factory=dict)
    warnings: list[FileIssue] = field(default_factory=list)

    def get(self, rel: str) -> ManifestRow | None:
        """The row for file `rel` (relative to the sources folder, normalised by `normalize_rel`), or None."""
        return self.rows.get(normalize_rel(rel))


def normalize_rel(rel: str) -> str:
    """A relative path as manifests and ids use it: NFC, "/" separators, no "./" prefix."""
    rel = unicodedata.normalize("NFC", rel.strip()).replace("\\", "/")
    while rel.startswith("./"):
        rel = rel[2:]
    return rel


def iso_date(value: str | None) -> str | None:
    """The ISO date prefix of `value` ("2014-08-31T10:00Z" -> "2014-08-31"), or None if it has none.

    "YYYY/MM/DD" and "YYYY.MM.DD" are accepted too. Impossible months or days shorten the prefix.
    """
    if not value:
        return None
    match = _DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    if not 1 <= int(year) <= 9999:
        return None
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is not None:
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            pass
    return f"{year}-{int(month):02d}"


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _delimiter(text: str) -> str:
    """The cell separator of a manifest, read from its header line: the one that gives a `file` column.

    Spreadsheets in many locales save "CSV" with semicolons; a header such as `file;title;date` is
    read with ";". Commas win when they already give a `file` column (or when nothing does).
    """
    header = text.split("\n", 1)[0]
    for delimiter in _DELIMITER_NAMES:
        try:
            names = next(csv.reader([header], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if "file" in (name.strip().lower() for name in names):
            return delimiter
    return ","


def _cell(row: dict[str | None, object], name: str) -> str | None:
    value = row.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value[:1] == "'" and value[1:].startswith((*FORMULA_START, "'")):
        value = value[1:]  # written escaped (`_escape_formula`) so that a spreadsheet shows it as text
    return value or None


def cell_problem(column: str, value: str) -> str | None:
    """Why a manifest cell is not usable (too long, not an http(s) URL), or None.

    The reader ignores such a cell with a warning; `format_manifest` refuses to write it.
    """
    limit = CELL_LIMITS.get(column)
    if limit is not None and len(value) > limit:
        return f"{column} has {len(value):,} characters, more than the {limit:,} allowed"
    if column == "source_url":
        problem = url_problem(value)
        if problem is not None:
            return f"source_url {value[:60]!r} {problem}"
    return None


def _escape_formula(value: str) -> str:
    """A leading apostrophe before what a spreadsheet would run as a formula (and before a leading
    apostrophe, so that one round-trips too)."""
    return "'" + value if value.startswith((*FORMULA_START, "'")) else value


def format_manifest(rows: list[ManifestRow]) -> str:
    """manifest.csv text for `rows` (header first), readable back by `parse_manifest` unchanged.

    Raises ManifestError naming the file and column of a value the reader would not accept.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = dict(zip(COLUMNS, row.values(), strict=True))
        for column, value in cells.items():
            problem = cell_problem(column, value) if value else None
            if problem is None and "\x00" in value:
                problem = f"{column} contains a NUL character"
            if problem is not None:
                raise ManifestError(f"not writing the manifest row for {row.file!r}: {problem}")
        writer.writerow([_escape_formula(cells[c]) for c in COLUMNS])
    return buf.getvalue()


def parse_manifest(data: bytes, path: Path) -> Manifest:
    """Parse manifest bytes; raise ManifestError when the file as a whole is unusable."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path.name} is not UTF-8 (invalid byte at position {exc.start})") from exc
    if "\x00" in text:
        raise ManifestError(f"{path.name} is not a CSV file: it contains NUL bytes")
    delimiter = _delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise ManifestError(f"{path.name}: unparseable CSV header: {exc}") from exc
    if not header:
        raise ManifestError(f"{path.name} is empty: it needs a header line with a 'file' column")
    reader.fieldnames = [name.strip().lower() for name in header]
    if "file" not in reader.fieldnames:
        raise ManifestError(
            f"{path.name} has no 'file' column (header: {', '.join(header)}); expected {', '.join(COLUMNS)}, "
            "separated by commas (or semicolons)"
        )
    manifest = Manifest(path=path)
    if delimiter != ",":
        manifest.warnings.append(
            FileIssue(path.name, f"cells are separated by {_DELIMITER_NAMES[delimiter]}, not commas; read so")
        )
    unknown = sorted(set(reader.fieldnames) - set(COLUMNS))
    if unknown:
        manifest.warnings.append(
            FileIssue(path.name, f"unknown manifest columns ignored: {', '.join(unknown)}")
        )
    start = reader.line_num + 1  # where the record being read begins
    try:
        for raw in reader:
            _add_row(manifest, raw, start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ManifestError(f"{path.name}, line {start}: unparseable CSV: {exc}") from exc
    return manifest


def _add_row(manifest: Manifest, raw: dict[str | None, object], line: int) -> None:
    name = manifest.path.name
    if None in raw:
        manifest.warnings.append(
            FileIssue(name, f"line {line}: more cells than header columns; extras ignored")
        )
    file = _cell(raw, "file")
    if file is None:
        if any(_cell(raw, column) for column in COLUMNS):
            manifest.warnings.append(FileIssue(name, f"line {line}: row without a file name ignored"))
        return
    for column in COLUMNS[1:]:
        value = _cell(raw, column)
        problem = cell_problem(column, value) if value is not None else None
        if problem is not None:
            manifest.warnings.append(FileIssue(name, f"line {line}: {problem}; ignored"))
            raw[column] = None
    rel = normalize_rel(file)
    if rel in manifest.rows:
        first = manifest.rows[rel].line
        manifest.warnings.append(
            FileIssue(name, f"line {line}: duplicate row for {rel!r} ignored (see line {first})")
        )
        return
    date_text = _cell(raw, "date")
    date = iso_date(date_text)
    if date_text and date is None:
        manifest.warnings.append(
            FileIssue(name, f"line {line}: date {date_text!r} is not an ISO date; ignored")
        )
    language_text = _cell(raw, "language")
    language = normalize_language(language_text)
    if language_text and language is None:
        manifest.warnings.append(
            FileIssue(name, f"line {line}: language {language_text!r} is not a language code; ignored")
        )
    manifest.rows[rel] = ManifestRow(
        file=rel,
        title=_cell(raw, "title"),
        publisher=_cell(raw, "publisher_or_author"),
        date=date,
        url=_cell(raw, "source_url"),
        origin=_cell(raw, "origin"),
        license=_cell(raw, "license"),
        language=language,
        line=line,
    )


def read_manifest(path: Path) -> Manifest:
    """Read and parse a manifest file; ManifestError says what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{path.name} is {size} bytes, more than the {MAX_MANIFEST_BYTES} allowed")
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return parse_manifest(data, path)


@dataclass
class Discovery:
    """The manifest found for a sources folder (if any) and what went wrong reading it."""

    manifest: Manifest | None = None
    failures: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)


def _rebased(manifest: Manifest, prefix: str) -> Manifest:
    """A parent folder's manifest with `prefix/` dropped from paths that carry it."""
    rows = {}
    for rel, row in manifest.rows.items():
        key = rel[len(prefix) + 1 :] if rel.startswith(prefix + "/") else rel
        rows[key] = dataclasses.replace(row, file=key)
    return Manifest(path=manifest.path, rows=rows, warnings=manifest.warnings)


def discover_manifest(sources_dir: Path, explicit: Path | None = None) -> Discovery:
    """Find and read the manifest of `sources_dir`.

    An explicit path wins; else SOURCES_DIR/manifest.csv; else a manifest.csv in the parent folder
    whose `file` column names at least one file of SOURCES_DIR (paths there may also be written
    relative to the parent, e.g. "sources/a.txt"). A manifest that cannot be used is a failure; the
    parent's manifest is only a warning then, since it may belong to something else.
    """
    path = explicit if explicit is not None else sources_dir / MANIFEST_NAME
    if explicit is not None or path.is_file():
        try:
            manifest = read_manifest(path)
        except ManifestError as exc:
            return Discovery(failures=[FileIssue(str(path), exc.message)])
        return Discovery(manifest=manifest, warnings=list(manifest.warnings))
    parent = sources_dir.parent / MANIFEST_NAME
    if not parent.is_file():
        return Discovery()
    try:
        manifest = _rebased(read_manifest(parent), sources_dir.name)
    except ManifestError as exc:
        return Discovery(
            warnings=[FileIssue(str(parent), f"not used as this folder's manifest: {exc.message}")]
        )
    if not any((sources_dir / rel).is_file() for rel in manifest.rows):
        return Discovery()  # a manifest for some other folder
    return Discovery(manifest=manifest, warnings=list(manifest.warnings))
