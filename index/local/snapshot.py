"""Snapshot folders on disk: write one aside, publish it with an atomic switch, find the current one.

Layout of a data dir:

    DATA_DIR/CURRENT                 name of the published snapshot (replaced with os.replace)
    DATA_DIR/snapshots/NNNNNN/       one published snapshot: manifest.json (written last, with a
                                     checksum of every other file), store.sqlite, vectors.npy,
                                     lexical/...
    DATA_DIR/snapshots/.build-*      a snapshot being written; never read; removed by the next build
    DATA_DIR/write.lock              held (flock) by the one process building

Readers never see a half-written snapshot: a folder is renamed into place only when complete, and
CURRENT moves only after that rename, so a crash at any point leaves the previous snapshot current.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import RebuildInProgress, SnapshotCorrupt, StorageError

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class SnapshotInfo:
    """A snapshot just published: its name ("000003"), folder, and the manifest written into it."""

    name: str
    path: Path
    manifest: dict[str, Any]


def snapshots_dir(data_dir: Path) -> Path:
    """DATA_DIR/snapshots, where published snapshots and build folders live (not created here)."""
    return data_dir / "snapshots"


def fsync_dir(path: Path) -> None:
    """Flush a directory's entries to disk, so that a rename or new file in it survives a crash.

    Raises:
        OSError: the directory cannot be opened or synced.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a file's content to disk (opened read-only; on Linux fsync applies to the file).

    Raises:
        OSError: the file cannot be opened or synced.
    """
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes as 64 lower-case hex digits, read in 1 MiB blocks; OSError when it
    cannot be read."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    """Write a small file so readers see the old content or the new, never a mix."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def write_lock(data_dir: Path, job_id: str | None = None) -> Iterator[None]:
    """Hold the data dir's writer lock; raise RebuildInProgress when another builder has it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_path = data_dir / "write.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = lock_path.read_text(encoding="utf-8", errors="replace").strip() or None
            raise RebuildInProgress(
                "another rebuild of this index is running" + (f" (job {holder})" if holder else ""),
                job_id=holder,
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, (job_id or f"pid-{os.getpid()}").encode())
        yield
    finally:
        os.close(fd)  # closing releases the flock


def new_build_dir(data_dir: Path) -> Path:
    """A new empty folder DATA_DIR/snapshots/.build-XXXX for a snapshot being written (the parents
    are created); OSError when the disk refuses."""
    root = snapshots_dir(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=root, prefix=".build-"))


def remove_stale_builds(data_dir: Path) -> int:
    """Delete folders left by interrupted builds (call only while holding the writer lock)."""
    root = snapshots_dir(data_dir)
    if not root.is_dir():
        return 0
    stale = [p for p in root.iterdir() if p.name.startswith(".build-")]
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)
    return len(stale)


def _published(data_dir: Path) -> list[Path]:
    root = snapshots_dir(data_dir)
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.name.isdigit() and p.is_dir()), key=lambda p: p.name)


def next_name(data_dir: Path) -> str:
    """The name the next published snapshot gets: one more than the highest published, six digits
    with leading zeros ("000001" for the first)."""
    names = [int(p.name) for p in _published(data_dir)]
    return f"{(max(names) + 1) if names else 1:06d}"


def publish(data_dir: Path, build_dir: Path, manifest: dict[str, Any]) -> SnapshotInfo:
    """Seal `build_dir` (checksums + manifest), move it into place and make it current.

    Every file is fsynced and its SHA-256 recorded in the manifest under "files"; the manifest also
    gets "format" and "version" (the new name). The folder is renamed to snapshots/NNNNNN and CURRENT
    is replaced atomically; call with the writer lock held.

    Raises:
        StorageError: any write, sync or rename fails (the previous snapshot stays current).
    """
    try:
        files: dict[str, str] = {}
        for path in sorted(build_dir.rglob("*")):
            if path.is_file():
                fsync_file(path)
                files[path.relative_to(build_dir).as_posix()] = sha256_file(path)
        manifest = {**manifest, "format": FORMAT_VERSION, "files": files}
        name = next_name(data_dir)
        manifest["version"] = name
        (build_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
        fsync_file(build_dir / MANIFEST)
        fsync_dir(build_dir)
        final = snapshots_dir(data_dir) / name
        os.rename(build_dir, final)
        fsync_dir(snapshots_dir(data_dir))
        atomic_write_text(data_dir / "CURRENT", name + "\n")
    except OSError as exc:
        raise StorageError(f"could not write the new snapshot ({exc.strerror or exc})") from exc
    return SnapshotInfo(name=name, path=final, manifest=manifest)


def read_manifest(path: Path, *, verify: bool = True) -> dict[str, Any]:
    """Read and check a snapshot's manifest; raise SnapshotCorrupt when anything is off.

    Args:
        path: the snapshot folder.
        verify: also check that every file the manifest lists exists and matches its SHA-256
            (reads every byte of the snapshot).

    Raises:
        SnapshotCorrupt: no manifest, unreadable JSON, another `FORMAT_VERSION`, or (with `verify`)
            a missing file or a checksum mismatch.
    """
    try:
        manifest = json.loads((path / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise SnapshotCorrupt(f"snapshot {path.name} has no manifest") from None
    except (OSError, ValueError) as exc:
        raise SnapshotCorrupt(f"snapshot {path.name} has an unreadable manifest ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise SnapshotCorrupt(f"snapshot {path.name} has an unknown format")
    if verify:
        for rel, digest in manifest.get("files", {}).items():
            f = path / rel
            if not f.is_file():
                raise SnapshotCorrupt(f"snapshot {path.name} is missing {rel}")
            if sha256_file(f) != digest:
                raise SnapshotCorrupt(f"snapshot {path.name}: {rel} fails its checksum")
    return manifest


def current_name(data_dir: Path) -> str | None:
    """The published snapshot CURRENT names, or None when it is missing or not a snapshot name."""
    try:
        name = (data_dir / "CURRENT").read_text("utf-8", errors="replace").strip()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return name if name.isdigit() and name.isascii() else None


def candidates(data_dir: Path) -> list[Path]:
    """Published snapshots to try, best first: the current one, then older ones newest first.

    When CURRENT is missing or damaged, every published snapshot is a candidate, newest first.
    """
    published = list(reversed(_published(data_dir)))
    cur = current_name(data_dir)
    if cur is None or cur not in {p.name for p in published}:
        return published
    return [p for p in published if p.name == cur] + [p for p in published if p.name < cur]


def cleanup(data_dir: Path, keep: int) -> list[str]:
    """Remove published snapshots beyond the newest `keep`, never the current one; the names removed.

    Removal ignores errors (a folder that cannot be removed is still named).
    """
    cur = current_name(data_dir)
    removed = []
    for p in list(reversed(_published(data_dir)))[keep:]:
        if p.name == cur:
            continue
        shutil.rmtree(p, ignore_errors=True)
        removed.append(p.name)
    return removed
