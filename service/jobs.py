"""Background rebuild jobs: one at a time, with progress that the API and the admin page show."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from corpus.errors import RebuildInProgress

State = Literal["running", "succeeded", "failed"]


@dataclass
class Job:
    id: str
    kind: str
    state: State = "running"
    stage: str = "starting"
    done: int = 0
    total: int = 0
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    result: dict[str, object] | None = None
    error: str | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total


class JobRunner:
    """Runs at most one job at a time in a daemon thread; a second start raises RebuildInProgress."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Job | None = None
        self._last: Job | None = None
        self._thread: threading.Thread | None = None

    @property
    def current(self) -> Job | None:
        return self._current

    @property
    def last(self) -> Job | None:
        return self._last

    def get(self, job_id: str) -> Job | None:
        for job in (self._current, self._last):
            if job is not None and job.id == job_id:
                return job
        return None

    def start(self, kind: str, work: Callable[[Job], dict[str, object]]) -> Job:
        with self._lock:
            if self._current is not None:
                raise RebuildInProgress(
                    f"a rebuild is already running (job {self._current.id})", job_id=self._current.id
                )
            job = Job(id=uuid.uuid4().hex[:12], kind=kind)
            self._current = job
        thread = threading.Thread(target=self._run, args=(job, work), name=f"groundqa-{kind}", daemon=True)
        self._thread = thread
        thread.start()
        return job

    def _run(self, job: Job, work: Callable[[Job], dict[str, object]]) -> None:
        try:
            job.result = work(job)
            job.state = "succeeded"
        except Exception as exc:  # the job reports any failure; the server keeps serving
            job.error = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            job.state = "failed"
        finally:
            job.finished_at = time.time()
            with self._lock:
                self._last = job
                self._current = None

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running job (tests and shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
