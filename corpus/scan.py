"""Finding the files of a sources folder: walk, skip what cannot be a source, hash bytes; no parsing.

Also the two stable identities of a file: its source id (from its relative path) and its content hash
(bytes + manifest row + LOADER_VERSION).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import CorpusError
from corpus.loaders import SUPPORTED_EXTENSIONS
from corpus.manifest import MANIFEST_NAME, ManifestRow, discover_manifest, normalize_rel
from corpus.models import FileIssue

# Bump whenever loaders or canonicalization may produce different text or metadata for the same
# bytes: every stored Source then counts as changed.
LOADER_VERSION = "2"
_SLUG_CHARS = 48
_CHUNK = 1 << 20


def source_id_for(rel_path: str, namespace: str = "") -> str:
    """Stable, readable id: slug of the file stem + 8 hex of sha256 of (namespace, relative path)."""
    rel = normalize_rel(rel_path)
    stem = rel.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")
    if len(slug) > _SLUG_CHARS:
        slug = slug[:_SLUG_CHARS].rsplit("-", 1)[0] if "-" in slug[:_SLUG_CHARS] else slug[:_SLUG_CHARS]
    key = f"{namespace}:{rel}" if namespace else rel
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{slug or 'source'}-{digest}"


@dataclass(frozen=True)
class SourceFile:
    """A file found in the sources folder, hashed but not parsed."""

    path: Path
    rel: str  # POSIX path relative to the sources folder, NFC
    source_id: str  # source_id_for(rel, namespace)
    size: int
    content_hash: str
    row: ManifestRow | None = None


@dataclass
class Scan:
    """The result of walking a sources folder."""

    files: list[SourceFile] = field(default_factory=list)
    failures: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)
    manifest: Path | None = None


def _hash_prefix(row: ManifestRow | None) -> bytes:
    header = [LOADER_VERSION, list(row.values()) if row is not None else None]
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"


def content_hash(data: bytes, row: ManifestRow | None) -> str:
    """sha256 over the loader version, the manifest row's values and the file bytes."""
    return hashlib.sha256(_hash_prefix(row) + data).hexdigest()


def _hash_file(path: Path, row: ManifestRow | None) -> str:
    digest = hashlib.sha256(_hash_prefix(row))
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _printable(text: str) -> str:
    """`text` with undecodable file-name bytes (lone surrogates) shown as "?", so reports encode as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def source_file(path: Path, rel: str, *, row: ManifestRow | None = None, namespace: str = "") -> SourceFile:
    """A SourceFile for one file outside any scan (e.g. an upload); OSError if it cannot be read."""
    rel = normalize_rel(rel)
    return SourceFile(
        path=path,
        rel=rel,
        source_id=source_id_for(rel, namespace),
        size=path.stat().st_size,
        content_hash=_hash_file(path, row),
        row=row,
    )


class _Walker:
    """Collects the files of one folder for `scan_folder`."""

    def __init__(self, root: Path, skip: set[Path], max_bytes: int) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.skip = skip
        self.max_bytes = max_bytes
        self.scan = Scan()
        self.found: list[tuple[Path, str, int]] = []  # (path, rel, size)
        self.skipped: set[str] = set()  # rels of files seen but not ingestible (for manifest checks)

    def fail(self, rel: str, reason: str) -> None:
        self.scan.failures.append(FileIssue(_printable(rel), _printable(reason)))
        self.skipped.add(rel)

    def _inside(self, path: Path) -> bool:
        return path == self.real_root or self.real_root in path.parents

    def walk(self) -> None:
        def on_error(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else self.root
            rel = where.relative_to(self.root).as_posix() if where != self.root else "."
            self.fail(rel, f"folder cannot be read: {exc.strerror or exc}")

        for dirpath, dirnames, filenames in os.walk(self.root, onerror=on_error):
            here = Path(dirpath)
            for name in sorted(dirnames):
                if name.startswith("."):
                    dirnames.remove(name)
                elif (here / name).is_symlink():
                    dirnames.remove(name)
                    self._symlinked_dir(here / name)
            dirnames.sort()
            for name in sorted(filenames):
                if not name.startswith((".", "~$")):
                    self.file(here / name)

    def _symlinked_dir(self, path: Path) -> None:
        rel = normalize_rel(path.relative_to(self.root).as_posix())
        target = path.resolve()
        if not self._inside(target):
            self.fail(rel, f"symbolic link to a folder outside the sources folder ({target}); skipped")
        else:
            self.scan.warnings.append(
                FileIssue(
                    _printable(rel),
                    "symbolic link to a folder inside the sources folder; skipped (read in place)",
                )
            )

    def file(self, path: Path) -> None:
        raw_rel = path.relative_to(self.root).as_posix()
        rel = normalize_rel(raw_rel)
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(
                rel.encode("utf-8", "replace").decode("utf-8"), "file name is not valid UTF-8; rename it"
            )
            return
        if path.parent == self.root and path.name == MANIFEST_NAME:
            return  # the folder's manifest is never a source, even when it is unusable
        if "\\" in raw_rel:
            # A name like "..\x.txt" is legal on POSIX, but manifests and ids read a backslash as a
            # separator, so the source's recorded path would point outside the folder.
            self.fail(
                raw_rel, "name contains a backslash (\\), which would read as a path separator; rename it"
            )
            return
        if path.suffix.lower() == ".csv" and path.resolve() in self.skip:
            return
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                self.fail(rel, "broken symbolic link")
                return
            if not self._inside(target):
                self.fail(rel, f"symbolic link to a file outside the sources folder ({target}); skipped")
                return
        ext = path.suffix.lower()
        if ext not in SUPPORTED_EXTENSIONS:
            kind = f"file type {ext}" if ext else "file without an extension"
            self.fail(rel, f"unsupported {kind} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
            return
        try:
            info = path.stat()
        except OSError as exc:
            self.fail(rel, f"cannot be read: {exc.strerror or exc}")
            return
        if not stat.S_ISREG(info.st_mode):
            self.fail(rel, "not a regular file (device, pipe or socket); skipped")
        elif info.st_size == 0:
            self.fail(rel, "empty file (0 bytes)")
        elif info.st_size > self.max_bytes:
            self.fail(
                rel, f"file is {_size(info.st_size)}, over the limit of {_size(self.max_bytes)}; not read"
            )
        else:
            self.found.append((path, rel, info.st_size))


def scan_folder(
    sources_dir: Path, *, manifest: Path | None = None, max_bytes: int, namespace: str = ""
) -> Scan:
    """Walk `sources_dir` (recursively, hidden entries skipped) and hash every candidate file.

    Nothing is parsed. Files that cannot be sources (unsupported type, too large, empty, links out of
    the folder) are failures; manifest problems are failures (unusable manifest) or warnings (rows
    naming missing files, bad cells). Files come sorted by relative path.
    """
    if not sources_dir.is_dir():
        raise CorpusError(f"sources folder {sources_dir} does not exist or is not a folder")
    found = discover_manifest(sources_dir, manifest)
    skip = {p.resolve() for p in (manifest, found.manifest.path if found.manifest else None) if p is not None}
    walker = _Walker(sources_dir, skip, max_bytes)
    walker.walk()
    scan = walker.scan
    scan.failures[:0] = found.failures
    scan.warnings[:0] = found.warnings
    rows = found.manifest.rows if found.manifest is not None else {}
    scan.manifest = found.manifest.path if found.manifest is not None else None
    for path, rel, size in walker.found:
        row = rows.get(rel)
        try:
            digest = _hash_file(path, row)
        except OSError as exc:
            walker.fail(rel, f"cannot be read: {exc.strerror or exc}")
            continue
        source_id = source_id_for(rel, namespace)
        scan.files.append(
            SourceFile(path=path, rel=rel, source_id=source_id, size=size, content_hash=digest, row=row)
        )
    scan.files.sort(key=lambda f: f.rel)
    scan.failures.sort(key=lambda issue: issue.path)
    present = {f.rel for f in scan.files} | walker.skipped
    for rel, row in rows.items():
        if rel not in present:
            name = found.manifest.path.name if found.manifest is not None else MANIFEST_NAME
            scan.warnings.append(
                FileIssue(
                    rel,
                    f"{name} line {row.line} names this file, but it is not in the sources folder",
                )
            )
    return scan
