"""The real server over the real demo collection and the real model, over HTTP."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.client import multipart, request
from tests.e2e.conftest import ADMIN_TOKEN
from tests.processes import run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

QUESTIONS = [
    "How many North Korean defectors did Human Rights Watch say China was detaining?",
    "What does the Refugee Convention say about expelling refugees?",
    "What happens to North Koreans forcibly repatriated from China?",
    "How is trafficking in persons defined?",
    "난민법에서 강제송환의 금지는 어떻게 규정되어 있나요?",
]


def call(base: str, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    """(status, parsed JSON body or None) of one request; `body` is sent as JSON when given."""
    if body is None:
        r = request(base + path, method, token=token, timeout=60)
    else:
        r = request(base + path, method, json=body, token=token, timeout=60)
    return r.status, r.json() if r.body else None


def upload(base: str, name: str, content: bytes, fields: dict[str, str]) -> tuple[int, Any]:
    """(status, parsed JSON body) of POST /api/sources with the file and form `fields`, as the admin."""
    data, ctype = multipart(fields, ("file", name, content))
    headers = {"Content-Type": ctype}
    r = request(base + "/api/sources", "POST", body=data, headers=headers, token=ADMIN_TOKEN, timeout=60)
    return r.status, r.json()


def wait_for_job(base: str, timeout: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, status = call(base, "GET", "/api/index", token=ADMIN_TOKEN)
        if status["job"] is None and status["last_job"] is not None:
            last: dict[str, Any] = status["last_job"]
            return last
        time.sleep(0.5)
    raise AssertionError("rebuild did not finish in time")


def assert_verbatim(base: str, body: dict[str, Any]) -> None:
    texts: dict[str, str] = {}
    for p in body["passages"] + body["further"] + body["related"]:
        sid = p["source"]["id"]
        if sid not in texts:
            status, src = call(base, "GET", f"/api/sources/{sid}")
            assert status == 200
            texts[sid] = src["text"]
        loc = p["location"]
        assert texts[sid][loc["char_start"] : loc["char_end"]] == p["text"]
        for e in p["evidence"]:
            assert 0 <= e["start"] < e["end"] <= len(p["text"])


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_are_verbatim_spans_of_their_sources(live_server: str, question: str) -> None:
    status, body = call(live_server, "POST", "/api/ask", {"question": question, "k": 5})
    assert status == 200
    assert body["answered"], f"no answer for {question!r}"
    assert_verbatim(live_server, body)
    for p in body["passages"]:
        assert p["source"]["title"] and p["source"]["publisher"]


def test_unanswerable_question_abstains(live_server: str) -> None:
    status, body = call(live_server, "POST", "/api/ask", {"question": "What is the best recipe for lasagna?"})
    assert status == 200 and body["answered"] is False and body["passages"] == []


def test_add_source_while_querying_then_delete(live_server: str) -> None:
    question = "Which ferryman carried eleven families across the Tumen at dawn?"
    failures: list[str] = []
    served = 0
    stop = threading.Event()

    def keep_asking() -> None:
        nonlocal served
        while not stop.is_set():
            status, body = call(live_server, "POST", "/api/ask", {"question": QUESTIONS[1], "k": 3})
            if status != 200 or not body.get("answered"):
                failures.append(f"{status}: {body}")
            served += 1

    worker = threading.Thread(target=keep_asking)
    worker.start()
    try:
        text = (
            b"Field notes from the river crossing.\n\n"
            b"The ferryman Pak Son-il carried eleven families across the Tumen at dawn in March 2024."
        )
        status, accepted = upload(
            live_server,
            "ferry_notes.txt",
            text,
            {"title": "Ferry notes", "publisher": "E2E Team", "date": "2024-03"},
        )
        assert status == 202, accepted
        sid = accepted["source_id"]
        job = wait_for_job(live_server)
        assert job["state"] == "succeeded", job
        assert job["result"]["embedded"] <= 3  # only the new source's passages were embedded
        _, body = call(live_server, "POST", "/api/ask", {"question": question})
        assert body["answered"] and body["passages"][0]["source"]["id"] == sid
        assert "Pak Son-il" in body["passages"][0]["text"]

        status, _ = call(live_server, "DELETE", f"/api/sources/{sid}", token=ADMIN_TOKEN)
        assert status == 202
        assert wait_for_job(live_server)["state"] == "succeeded"
        _, body = call(live_server, "POST", "/api/ask", {"question": question})
        assert all(p["source"]["id"] != sid for p in body["passages"] + body["further"] + body["related"])
    finally:
        stop.set()
        worker.join(60)
    assert served > 0 and failures == []


def test_cli_ask_prints_the_figure_with_source_and_date(demo_data_dir: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GROUNDQA_DATA_DIR": str(demo_data_dir)}
    out = run_cli("ask", QUESTIONS[0], env=env, timeout=300, check=True).stdout
    assert "1,170" in out
    assert "The Asia Business Daily" in out and "2023-09-26" in out
    assert "\n    evidence: “" in out  # piped: the evidence follows the quote as a quote of its own
