"""Contained extraction: files with heavy parsers are read in a worker process with limits.

    extracted = extract_contained(data, ".pdf", ExtractOptions())   # raises UnreadableSource

PDF, DOCX and HTML files are parsed by C libraries (PDFium, libxml2) and by heuristics whose cost a
hostile file can inflate. They are read in one long-lived worker process (`python -m corpus.sandbox`,
started on first use and reused, so a folder of files pays the start-up once) under:
- a CPU-time limit per file (`Limits.cpu_seconds(size)`: 10 s plus 2 s per MB of the file);
- an address-space limit for the worker (`Limits.memory_bytes`, 3 GiB);
- a wall-clock limit per file (twice the CPU limit plus 5 s, extended by each page sent to OCR by
  the OCR page limit, since tesseract runs in its own process with its own timeout).
A file that breaks a limit, or crashes the parser, costs at most that and is refused with a one-line
reason; the worker is then replaced. Plain text and Markdown are read in the calling process: their
parsing is linear and cheap, and the demo collection (all .txt) then pays no overhead at all.

The worker returns JSON (never pickle), so a compromised parser cannot run code in the caller.
An idle worker exits after `IDLE_SECONDS`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import resource
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from corpus.errors import UnreadableSource
from corpus.loaders import Extracted, ExtractOptions, FileMeta, extract
from corpus.loaders.base import RawRegion

IN_PROCESS = frozenset((".txt", ".md", ".markdown"))
IDLE_SECONDS = 300.0
_HEADER = struct.Struct("!I")
_MAX_FRAME = 512 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits for reading one file in the worker.

    Attributes:
        cpu_base: CPU seconds allowed for any file.
        cpu_per_mb: extra CPU seconds per MB of the file.
        memory_bytes: address-space limit of the worker process.
    """

    cpu_base: float = 10.0
    cpu_per_mb: float = 2.0
    memory_bytes: int = 3 * 1024**3

    def cpu_seconds(self, size: int) -> float:
        """CPU seconds allowed for a file of `size` bytes."""
        return self.cpu_base + self.cpu_per_mb * size / 2**20


DEFAULT_LIMITS = Limits()


# -- framing ----------------------------------------------------------------------------------------------
def _write_frame(stream: IO[bytes], header: dict[str, Any], payload: bytes = b"") -> None:
    head = json.dumps(header).encode("utf-8")
    stream.write(_HEADER.pack(len(head)) + head + _HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    if size > _MAX_FRAME:
        raise EOFError
    header = json.loads(_read_exact(stream, size))
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    if size > _MAX_FRAME:
        raise EOFError
    return header, _read_exact(stream, size)


def _to_json(extracted: Extracted) -> dict[str, Any]:
    return {
        "parts": list(extracted.parts),
        "paged": extracted.paged,
        "unwrap": extracted.unwrap,
        "meta": asdict(extracted.meta),
        "notes": list(extracted.notes),
        "regions": [[r.start, r.end, r.kind, r.level, r.label, r.part] for r in extracted.regions],
        "joins": list(extracted.joins),
    }


def _from_json(data: dict[str, Any]) -> Extracted:
    meta = {k: (v if isinstance(v, str) else None) for k, v in dict(data.get("meta") or {}).items()}
    return Extracted(
        parts=tuple(str(p) for p in data["parts"]),
        paged=bool(data["paged"]),
        unwrap=bool(data["unwrap"]),
        meta=FileMeta(**{k: meta.get(k) for k in FileMeta.__dataclass_fields__}),
        notes=tuple(str(n) for n in data["notes"]),
        regions=tuple(
            RawRegion(int(s), int(e), k, int(lv), str(lb), int(p)) for s, e, k, lv, lb, p in data["regions"]
        ),
        joins=tuple(str(j) for j in data["joins"]),
    )


# -- the worker side ----------------------------------------------------------------------------------------
def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(memory_bytes: int) -> None:
    """The worker's loop: read a request, extract under a CPU limit, answer; exit when idle or told."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing a library prints may corrupt the answers

    def ping() -> None:
        _write_frame(stdout, {"ping": True})

    from corpus.loaders import ocr

    ocr.PROGRESS = ping
    while True:
        ready, _, _ = select.select([stdin], [], [], IDLE_SECONDS)
        if not ready:
            return
        try:
            request, data = _read_frame(stdin)
        except (EOFError, ValueError, struct.error):
            return
        cpu = float(request["cpu_seconds"])
        soft = int(_cpu_used() + cpu) + 1
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))  # SIGXCPU ends the worker at `soft`
        options = ExtractOptions(**request["options"])
        try:
            answer: dict[str, Any] = {"ok": _to_json(extract(data, request["ext"], options))}
        except UnreadableSource as exc:
            answer = {"error": exc.message}
        except MemoryError:
            answer = {"error": "memory"}
        _write_frame(stdout, answer)


# -- the caller side -----------------------------------------------------------------------------------------
class _Worker:
    def __init__(self, limits: Limits) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.setdefault("OMP_THREAD_LIMIT", "1")
        self.limits = limits
        self.process = subprocess.Popen(
            [sys.executable, "-m", "corpus.sandbox", str(limits.memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=root,
            close_fds=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        process = self.process
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def run(self, data: bytes, ext: str, options: ExtractOptions) -> dict[str, Any]:
        """Send one file; returns the answer frame, or {"died": reason} when the worker had to go."""
        cpu = self.limits.cpu_seconds(len(data))
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            _write_frame(stdin, {"ext": ext, "cpu_seconds": cpu, "options": asdict(options)}, data)
        except (BrokenPipeError, OSError):
            return {"died": "start"}
        deadline = time.monotonic() + 2 * cpu + 5
        while True:
            ready, _, _ = select.select([stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                self.stop()
                return {"died": f"took more than {2 * cpu + 5:.0f} s to read"}
            try:
                answer, _ = _read_frame(stdout)
            except (EOFError, ValueError, struct.error, OSError, json.JSONDecodeError):
                self.process.wait()
                code = self.process.returncode
                self.stop()
                if code == -signal.SIGXCPU or code == -signal.SIGKILL:
                    return {"died": f"needed more than {cpu:g} s of CPU time to read"}
                return {"died": f"crashed the parser ({_describe(code)})"}
            if answer.get("ping"):
                deadline = max(deadline, time.monotonic() + options.ocr_page_seconds + 5)
                continue
            return answer


def _describe(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-code).name}"
    return f"exit status {code}"


_lock = threading.Lock()
_workers: dict[Limits, _Worker] = {}


def _shutdown() -> None:
    with _lock:
        for worker in _workers.values():
            worker.stop()
        _workers.clear()


atexit.register(_shutdown)


def extract_contained(
    data: bytes, ext: str, options: ExtractOptions | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Extracted:
    """Like `corpus.loaders.extract`, with the parsing of heavy formats contained (module docstring).

    Raises UnreadableSource with a one-line reason, also when the file breaks a limit or crashes
    the parser ("PDF file needed more than 13 s of CPU time to read; not read").
    """
    options = options or ExtractOptions()
    if ext in IN_PROCESS or not data:
        return extract(data, ext, options)
    label = ext.lstrip(".").upper() or "the"
    with _lock:
        for attempt in range(2):
            worker = _workers.get(limits)
            if worker is None or not worker.alive():
                if worker is not None:
                    worker.stop()
                worker = _workers[limits] = _Worker(limits)
            answer = worker.run(data, ext, options)
            if answer.get("died") == "start" and attempt == 0:
                worker.stop()
                del _workers[limits]
                continue
            break
    if "ok" in answer:
        return _from_json(answer["ok"])
    if answer.get("error") == "memory":
        raise UnreadableSource(
            f"{label} file needs more than {limits.memory_bytes / 2**30:.0f} GB of memory to read; not read"
        )
    if "error" in answer:
        raise UnreadableSource(str(answer["error"]))
    reason = answer.get("died", "stopped")
    if "crashed" in reason:
        raise UnreadableSource(
            f"{label} file {reason}: it may be damaged or need more than "
            f"{limits.memory_bytes / 2**30:.0f} GB of memory; not read"
        )
    raise UnreadableSource(f"{label} file {reason}; not read")


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_LIMITS.memory_bytes)
