"""Sources added and removed through the API: files in the uploads folder, their manifest, the trash.

Uploads live in their own folder (default DATA_DIR/uploads), indexed as a second namespace beside
the curated sources folder, so that folder can stay read-only. Every write is atomic (temp file,
fsync, rename): a crash leaves the old file or the new one, never half of one. Deleting a source
moves its file to DATA_DIR/trash; nothing is destroyed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import (
    InvalidMetadata,
    InvalidRequest,
    ManifestError,
    NotFound,
    ReadOnlySource,
    SourceExists,
    StorageError,
    UnreadableSource,
)
from corpus.ingest import SourceDir, source_id_for
from corpus.loaders import SUPPORTED_EXTENSIONS, check_content
from corpus.loaders.base import decode_text
from corpus.manifest import MANIFEST_NAME, ManifestRow, format_manifest, iso_date, read_manifest
from corpus.metadata import clean_upload_field
from corpus.models import SourceMeta
from index.backend import SourceRecord
from index.local.snapshot import atomic_write_text, fsync_dir

UPLOADS_NAMESPACE = "uploads"
PLAIN_TEXT = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})  # text whatever its markup
UPLOAD_ORIGIN = "uploaded through the groundqa API"
# A stored name, in UTF-8 bytes. File systems allow 255; the trash adds a 16-byte time prefix.
MAX_NAME_BYTES = 200


@dataclass(frozen=True)
class UploadMeta:
    """Citation metadata given with an upload (None: not given).

    Build it with `UploadMeta.validated(...)` at an edge that takes user input.
    """

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    license: str | None = None
    language: str | None = None

    @classmethod
    def validated(
        cls,
        *,
        title: str | None = None,
        publisher: str | None = None,
        date: str | None = None,
        url: str | None = None,
        license: str | None = None,
        language: str | None = None,
    ) -> UploadMeta:
        """The fields as given by a client, checked and cleaned by the rules of `corpus.metadata`.

        Raises InvalidMetadata naming the first bad field (too long, control characters, markup
        only, not an http(s) URL, not a real YYYY[-MM[-DD]] date, not a language code).
        """
        given = {"title": title, "publisher": publisher, "url": url, "license": license}
        clean = {name: clean_upload_field(name, value) for name, value in given.items()}
        clean["language"] = clean_upload_field("language", language)
        day = date.strip() if date else None
        if day and (len(day) > 10 or iso_date(day) != day):
            raise InvalidMetadata("date", "expected a real date written YYYY, YYYY-MM or YYYY-MM-DD")
        return cls(date=day or None, **clean)


def upload_record(source_id: str, names: list[str]) -> SourceRecord:
    """The record of the stored upload among `names` (file names in the uploads namespace) whose id is
    `source_id`: enough for `Uploads.remove` (no metadata, no passages). NotFound when none has it."""
    for name in names:
        if source_id_for(name, UPLOADS_NAMESPACE) == source_id:
            return SourceRecord(source_id, name, SourceMeta(title=name), "", UPLOADS_NAMESPACE, "", 0)
    raise NotFound(f"unknown source id {source_id!r}")


def _cut_utf8(text: str, limit: int) -> str:
    """The longest prefix of `text` that is at most `limit` bytes in UTF-8 (never half a character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def source_exists(name: str) -> SourceExists:
    """The error for an upload named `name` when a stored upload of that name holds other content."""
    return SourceExists(
        f"an upload named {name} (source {source_id_for(name, UPLOADS_NAMESPACE)}) already holds other "
        "content: send replace=true (on the admin page: tick Replace) to replace it, the stored file "
        "being kept in the trash, or upload the file under another name"
    )


def sanitize_filename(name: str) -> str:
    """A safe base name for an uploaded file: no folders, no control or odd characters, and at most
    MAX_NAME_BYTES bytes in UTF-8 (the stem is shortened; the extension is kept).

    Raises InvalidRequest when nothing usable is left or the type is not supported.
    """
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w.\- ]", "_", base, flags=re.UNICODE).strip(" .")
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        raise InvalidRequest(f"the file name {name[:200]!r} has no usable name and extension")
    ext = "." + ext.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise InvalidRequest(
            f"files of type {ext[:20]!r} are not accepted; allowed: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    stem = _cut_utf8(stem, MAX_NAME_BYTES - len(ext)).rstrip(" .")
    if not stem:
        raise InvalidRequest(f"the file name {name[:200]!r} has no usable name and extension")
    return stem + ext


class Uploads:
    """The uploads folder and the curated folder, as the admin API changes them.

    Every change is all or nothing: the uploads manifest is read (and must be sound) before anything
    moves, and a step that fails undoes the steps before it, so a failed upload leaves the previous
    file and manifest, and a failed delete leaves the file where it was.

    Args:
        sources_dir: the curated sources folder (deletes there need it to be writable).
        uploads_dir: where uploads are stored.
        trash_dir: where deleted files go.
        max_bytes: the largest upload accepted.
    """

    def __init__(self, sources_dir: Path, uploads_dir: Path, trash_dir: Path, max_bytes: int) -> None:
        self.sources_dir = sources_dir
        self.uploads_dir = uploads_dir
        self.trash_dir = trash_dir
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def dirs(self) -> list[SourceDir]:
        """The folders an index is built from: the curated sources, then the uploads.

        Raises ManifestError (naming the line) when the uploads manifest is damaged, so that a
        rebuild fails and says so instead of indexing the uploads without their metadata.
        """
        dirs = [SourceDir(self.sources_dir)]
        up = self.uploads_dir
        if up.is_dir() and up.resolve() != self.sources_dir.resolve():
            self.rows()
            dirs.append(SourceDir(up, None, UPLOADS_NAMESPACE))
        return dirs

    def add(
        self, filename: str, content: bytes, meta: UploadMeta, *, replace: bool = False, replay: bool = False
    ) -> str:
        """Store an upload and its manifest row; returns the source id it will get.

        An upload of the name of a stored one with the same bytes only updates its metadata. With
        other bytes it replaces that file only when `replace` is given, and the replaced file goes
        to the trash first (as a delete would put it there): nothing is overwritten unseen.

        Raises InvalidRequest (bad name, type, empty or only whitespace, too large, or content that
        cannot be of its type: `corpus.loaders.check_content`), SourceExists (a stored upload of that
        name holds other content and `replace` is False), ManifestError (the uploads manifest is
        damaged) or StorageError (disk refused); a failed call changes no stored upload (a copy of
        the file it was to replace may be left in the trash). `replay`: the upload was accepted
        before (a database's uploads written out for a build): rules added since do not refuse it.
        """
        name = sanitize_filename(filename)
        if not content:
            raise InvalidRequest("the uploaded file is empty")
        ext = "." + name.rsplit(".", 1)[-1].lower()
        if not replay and ext in PLAIN_TEXT and _only_whitespace(content):
            raise InvalidRequest(f"{name}: the file holds only whitespace")
        if len(content) > self.max_bytes:
            raise InvalidRequest(f"the upload is larger than {self.max_bytes / 2**20:g} MB")
        try:
            check_content(content, ext)
        except UnreadableSource as exc:
            raise InvalidRequest(f"{name}: {exc}") from None
        with self._lock, _storage_errors("could not store the upload"):
            self.uploads_dir.mkdir(parents=True, exist_ok=True)
            stored = self.uploads_dir / name
            if stored.is_file() and stored.read_bytes() != content:
                if not replace:
                    raise source_exists(name)
                self.trash_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy2(stored, self._trash_path(name))  # kept before anything is written
            rows = [r for r in self.rows() if r.file != name]
            rows.append(
                ManifestRow(
                    file=name,
                    title=meta.title,
                    publisher=meta.publisher,
                    date=meta.date,
                    url=meta.url,
                    origin=UPLOAD_ORIGIN,
                    license=meta.license,
                    language=meta.language,
                )
            )
            text = format_manifest(rows)
            with _replacing(self.uploads_dir / name, content):
                atomic_write_text(self.uploads_dir / MANIFEST_NAME, text)
        return source_id_for(name, UPLOADS_NAMESPACE)

    def remove(self, rec: SourceRecord) -> None:
        """Move a source's file to the trash (and drop its uploads-manifest row).

        Raises InvalidRequest (stored path outside its folder), ReadOnlySource (the folder is
        read-only), NotFound (the file is already gone), ManifestError (the uploads manifest is
        damaged) or StorageError; in every case the file stays where it was.
        """
        uploaded = rec.namespace == UPLOADS_NAMESPACE
        folder = self.uploads_dir if uploaded else self.sources_dir
        path = folder / rec.path
        if not path.resolve().is_relative_to(folder.resolve()):
            raise InvalidRequest(f"source {rec.id!r} has a stored path outside its folder; not deleting it")
        if not _writable(folder):
            raise ReadOnlySource(
                f"source {rec.id!r} lives in a read-only folder; remove {rec.path} there by hand"
            )
        with self._lock, _storage_errors("could not move the source to the trash"):
            if not path.is_file():
                raise NotFound(f"the file of source {rec.id!r} is already gone; rebuild the index")
            text = format_manifest([r for r in self.rows() if r.file != rec.path]) if uploaded else None
            self.trash_dir.mkdir(parents=True, exist_ok=True)
            trashed = self._trash_path(path.name)
            shutil.move(str(path), trashed)
            try:
                if text is not None:
                    atomic_write_text(self.uploads_dir / MANIFEST_NAME, text)
            except BaseException:
                shutil.move(str(trashed), path)  # put the file back: the delete did not happen
                raise

    def unindexed(self, source_id: str) -> SourceRecord:
        """The record of a stored upload that the index does not hold (its extraction failed), so that
        `remove` can take it away by the id `add` returned. NotFound when no stored upload has that id.
        """
        folder = self.uploads_dir
        names = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        return upload_record(source_id, [n for n in names if n != MANIFEST_NAME and not n.startswith(".")])

    def rows(self) -> list[ManifestRow]:
        """The uploads manifest's rows ([] when there is none).

        Raises ManifestError naming the line when the file cannot be read back exactly (groundqa
        writes it; a hand edit may have damaged it): nothing that would lose metadata is done then.
        """
        path = self.uploads_dir / MANIFEST_NAME
        if not path.is_file():
            return []
        where = f"the uploads manifest ({MANIFEST_NAME} in the uploads folder)"
        try:
            manifest = read_manifest(path)
        except ManifestError as exc:
            raise ManifestError(
                f"{where} is damaged: {exc.message.replace(str(path), MANIFEST_NAME)}; fix or remove "
                "that line, then try again"
            ) from exc
        if manifest.warnings:
            raise ManifestError(
                f"{where} is damaged: {manifest.warnings[0].reason}; fix that line, then try again"
            )
        return list(manifest.rows.values())

    def _trash_path(self, name: str) -> Path:
        """A new path in the trash for `name`: time-stamped, unique, at most 255 bytes."""
        stem, dot, ext = name.rpartition(".")
        stem, ext = (stem, dot + ext) if dot else (name, "")
        prefix = time.strftime("%Y%m%dT%H%M%S")
        for n in range(1000):
            tag = f"{prefix}-{n}-" if n else f"{prefix}-"
            candidate = self.trash_dir / (tag + _cut_utf8(stem, 255 - len(tag) - len(ext.encode())) + ext)
            if not candidate.exists():
                return candidate
        raise StorageError("could not move the source to the trash: too many files of that name")


def _only_whitespace(content: bytes) -> bool:
    """Whether text bytes hold nothing but whitespace, decoded as the loaders decode them (UTF-8,
    else CP949 or Windows-1252: `corpus.loaders.base.decode_text`)."""
    try:
        text, _ = decode_text(content)
    except UnreadableSource:
        return False  # check_content says what is wrong with it
    return not text.strip()


@contextlib.contextmanager
def _replacing(path: Path, content: bytes) -> Iterator[None]:
    """Replace `path` with `content` for the duration of the block; if the block fails, put the
    previous file back (or remove the new one)."""
    backup: Path | None = None
    if path.exists():
        backup = path.with_name(f".upload-backup-{secrets.token_hex(6)}")
        try:
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
    replaced = False
    try:
        _atomic_write_bytes(path, content)
        replaced = True
        yield
    except BaseException:
        if replaced and backup is not None:
            os.replace(backup, path)
            backup = None
        elif replaced:
            path.unlink(missing_ok=True)
        raise
    finally:
        if backup is not None:
            backup.unlink(missing_ok=True)


@contextlib.contextmanager
def _storage_errors(what: str) -> Iterator[None]:
    """Turn a refused write (disk full, read-only, ...) into a StorageError that says what failed."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise InvalidRequest(f"{what}: the file name is too long") from exc
        raise StorageError(f"{what}: {exc.strerror or type(exc).__name__}") from exc


def _writable(folder: Path) -> bool:
    """Writable for us *and* meant to be: a folder with no write bits is read-only even for root."""
    try:
        return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def _atomic_write_bytes(path: Path, content: bytes) -> None:
    """Temp file in the same folder, fsync, rename: a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
