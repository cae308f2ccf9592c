"""Background rebuild jobs: one at a time, with progress that the API and the admin page show."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from corpus.errors import RebuildInProgress

State = Literal["queued", "running", "succeeded", "failed"]


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
    stage_started_at: float = field(default_factory=time.monotonic)
    _stage_done0: int = 0

    def progress(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage_started_at, self._stage_done0 = time.monotonic(), done
        self.stage, self.done, self.total = stage, done, total

    def eta_s(self) -> float | None:
        """Seconds left in the current stage at its pace so far; None until that can be told."""
        elapsed = time.monotonic() - self.stage_started_at
        advanced = self.done - self._stage_done0
        if self.state != "running" or advanced <= 0 or elapsed < 1.0 or self.total <= self.done:
            return None
        return round((self.total - self.done) * elapsed / advanced, 1)


Work = Callable[[Job], dict[str, object]]


class JobRunner:
    """Runs at most one job at a time in a daemon thread.

    `start` refuses while a job runs (RebuildInProgress); `start_or_queue` instead queues one follow-up
    job (several requests coalesce into it), so a source uploaded during a rebuild is indexed by the
    next one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Job | None = None
        self._last: Job | None = None
        self._pending: tuple[Job, Work] | None = None
        self._thread: threading.Thread | None = None

    @property
    def current(self) -> Job | None:
        return self._current

    @property
    def last(self) -> Job | None:
        return self._last

    @property
    def pending(self) -> Job | None:
        return self._pending[0] if self._pending else None

    def get(self, job_id: str) -> Job | None:
        for job in (self._current, self.pending, self._last):
            if job is not None and job.id == job_id:
                return job
        return None

    def start(self, kind: str, work: Work) -> Job:
        with self._lock:
            if self._current is not None:
                raise RebuildInProgress(
                    f"a rebuild is already running (job {self._current.id})", job_id=self._current.id
                )
            job = Job(id=uuid.uuid4().hex[:12], kind=kind)
            self._launch(job, work)
        return job

    def start_or_queue(self, kind: str, work: Work) -> Job:
        with self._lock:
            if self._current is None:
                job = Job(id=uuid.uuid4().hex[:12], kind=kind)
                self._launch(job, work)
            elif self._pending is not None:
                job = self._pending[0]
            else:
                job = Job(id=uuid.uuid4().hex[:12], kind=kind, state="queued", stage="queued")
                self._pending = (job, work)
        return job

    def _launch(self, job: Job, work: Work) -> None:
        """Start `job` now (call with the lock held)."""
        job.state, job.started_at = "running", time.time()
        self._current = job
        thread = threading.Thread(
            target=self._run, args=(job, work), name=f"groundqa-{job.kind}", daemon=True
        )
        self._thread = thread
        thread.start()

    def _run(self, job: Job, work: Work) -> None:
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
                if self._pending is not None:
                    pending, self._pending = self._pending, None
                    self._launch(*pending)

    def wait(self, timeout: float | None = None) -> None:
        """Wait until no job runs or is queued (tests and shutdown)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            thread = self._thread
            if thread is None:
                return
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            thread.join(remaining)
            with self._lock:
                if self._thread is thread or (deadline is not None and time.monotonic() >= deadline):
                    return
