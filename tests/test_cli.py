"""The README's promise for every command: exit 0 on success, 1 for a failed operation, 2 for bad usage
or settings, with one line on stderr naming what was wrong (hermetic: fake embedder, temporary folders).
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from index.local.catalog import LocalCatalog
from service import cli
from tests.fakes import FakeEmbedder, FixedChoice
from tests.helpers import build, write_corpus
from tests.processes import run_cli

ROOT = Path(__file__).resolve().parents[1]
BEIR_CORPUS = [
    {"_id": "d1", "title": "Volcano eruption", "text": "Lava and ash covered the town."},
    {"_id": "d2", "title": "Stock markets", "text": "Prices fell sharply on Monday."},
]
BEIR_QUERIES = [{"_id": "q1", "text": "volcano eruption lava"}]


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """No GROUNDQA_* from the environment, and the fake embedder instead of the real model."""
    for name in list(os.environ):
        if name.startswith("GROUNDQA_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(cli, "load", lambda settings: FixedChoice(FakeEmbedder()))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    """A data dir with the tiny corpus indexed."""
    build(tmp_path / "data", write_corpus(tmp_path / "src"), FakeEmbedder())
    return tmp_path / "data"


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(cli.app, list(args), env=env)


def one_error_line(result: Any) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert lines[0].startswith("error: ")
    return str(lines[0])


# -- index -------------------------------------------------------------------------------------------
def test_index_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    src, data = write_corpus(tmp_path / "src"), tmp_path / "data"
    ok = run(runner, "index", "--sources", str(src), "--data", str(data), "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["published"] is True
    again = run(runner, "index", "--sources", str(src), "--data", str(data))
    assert again.exit_code == 0
    assert "index already up to date: 4 sources" in again.stdout and "reused 0" not in again.stdout

    missing = run(runner, "index", "--sources", str(tmp_path / "nope"), "--data", str(data))
    assert missing.exit_code == 2 and "sources folder not found" in one_error_line(missing)

    bad = run(
        runner, "index", "--sources", str(src), "--data", str(data), env={"GROUNDQA_KEEP_SNAPSHOTS": "0"}
    )
    assert bad.exit_code == 2 and "GROUNDQA_KEEP_SNAPSHOTS" in one_error_line(bad)

    with LocalCatalog(data).lock("other-job"):  # another builder holds the index: the operation fails
        busy = run(runner, "index", "--sources", str(src), "--data", str(data))
    assert busy.exit_code == 1 and "another rebuild" in one_error_line(busy)


def test_a_file_given_as_the_data_folder_or_a_bad_database_url_is_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    src, not_a_folder = write_corpus(tmp_path / "src"), tmp_path / "notes.txt"
    not_a_folder.write_text("keep me")
    for args in (("index", "--sources", str(src)), ("sources",), ("ask", "refugee")):
        result = run(runner, *args, "--data", str(not_a_folder))
        line = one_error_line(result)
        assert result.exit_code == 2 and line.startswith("error: --data (GROUNDQA_DATA_DIR): "), args
        assert line.endswith("notes.txt is a file, not a folder")
    assert not_a_folder.read_text() == "keep me"
    for url in ("notaurl", "postgresql://u:s3cret@db/x?sslmode=bogus%"):
        result = run(runner, "sources", "--database-url", url)
        line = one_error_line(result)
        assert result.exit_code == 2 and line.startswith("error: --database-url (GROUNDQA_DATABASE_URL): ")
        assert "not a PostgreSQL URL" in line and "s3cret" not in line and "notaurl" not in line


# -- ask ---------------------------------------------------------------------------------------------
def test_ask_counts_last_year_from_the_day_asked_on(runner: CliRunner, indexed: Path) -> None:
    """`--asked-on` is the day "last year" counts from: the year the answer must hold follows it (the
    tiny corpus's defectors report speaks of 2023, not of 2020)."""
    question = "How many North Koreans were detained in China last year?"

    def asked(day: str) -> str:
        result = run(runner, "ask", question, "--asked-on", day, "--explain", "--data", str(indexed))
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())

    in_2021 = asked("2021-06-30")
    assert "year: 2020 (last year)" in in_2021 and "refused: no candidate holds '2020'" in in_2021
    in_2024 = asked("2024-02-29")
    assert "year: 2023 (last year)" in in_2024 and "Why: answered" in in_2024


def test_ask_exit_codes_and_messages_name_the_flag(runner: CliRunner, indexed: Path, tmp_path: Path) -> None:
    data = str(indexed)
    ok = run(
        runner, "ask", "How many North Koreans were detained in China awaiting deportation?", "--data", data
    )
    assert ok.exit_code == 0 and "chars " in ok.stdout

    cases = [
        (["ask", "", "--data", data], "QUESTION: the question is empty"),
        (
            ["ask", "refugee", "--from", "2024-13-45", "--data", data],
            "--from: '2024-13-45' is not a real date",
        ),
        (["ask", "refugee", "--to", "2024-02-30", "--data", data], "--to: '2024-02-30' is not a real date"),
        (["ask", "refugee", "--asked-on", "2024-02", "--data", data], "--asked-on: '2024-02' is not a day"),
        (["ask", "refugee", "--asked-on", "2024-01-1\u0665", "--data", data], "ASCII digits"),
        (
            ["ask", "refugee", "--from", "2026", "--to", "2020", "--data", data],
            "--from: the range starts after",
        ),
        (["ask", "refugee", "--language", "xx", "--data", data], "--language: no source is in language 'xx'"),
        (["ask", "refugee", "--publisher", "Nobody", "--data", data], "--publisher: no source has publisher"),
        (["ask", "refugee", "--source", "nope", "--data", data], "--source: unknown source id 'nope'"),
        (["ask", "refugee", "--k", "0", "--data", data], "'--k'"),
        (["ask", "refugee", "--bogus"], "--bogus"),
        (["ask"], "QUESTION"),
    ]
    for args, expected in cases:
        result = run(runner, *args)
        assert result.exit_code == 2, (args, result.output)
        line = one_error_line(result)
        assert expected in line, (args, line)
        assert "regex" not in line and "pattern" not in line and "date_from" not in line

    nothing = run(runner, "ask", "refugee", "--data", str(tmp_path / "empty"))
    assert nothing.exit_code == 1 and "groundqa index" in one_error_line(nothing)


def test_ask_piped_prints_each_quote_exactly_as_the_source_has_it(runner: CliRunner, indexed: Path) -> None:
    """Not a terminal: no marker inside a quote; the evidence follows as quotes of its own."""
    question = "How many North Koreans were detained in China awaiting deportation?"
    body = json.loads(run(runner, "ask", question, "--json", "--data", str(indexed)).stdout)
    shown = body["passages"] + body["further"]
    assert shown and any(p["evidence"] for p in shown)
    printed = run(runner, "ask", question, "--data", str(indexed)).stdout
    for i, p in enumerate(shown, 1):
        assert f"[{i}] “{p['text']}”\n" in printed
        if p["evidence"]:
            quotes = " ".join(f"“{p['text'][e['start'] : e['end']]}”" for e in p["evidence"])
            assert f"[{i}] “{p['text']}”\n    evidence: {quotes}\n" in printed
    assert "»" not in printed and "«" not in printed


def test_ask_never_turns_text_of_the_source_into_emoji(runner: CliRunner, tmp_path: Path) -> None:
    text = "Ferry log\n\nThe ferry crossed at dawn :fire: with eleven families aboard the boat."
    build(
        tmp_path / "data", write_corpus(tmp_path / "src", {"ferry.txt": text}, manifest=None), FakeEmbedder()
    )
    printed = run(
        runner, "ask", "ferry crossed at dawn with families", "--data", str(tmp_path / "data")
    ).stdout
    assert "crossed at dawn :fire: with eleven" in printed and "\U0001f525" not in printed


def test_a_bad_setting_is_named_by_its_variable_where_the_command_has_no_such_option(
    runner: CliRunner, indexed: Path
) -> None:
    bad = run(runner, "ask", "refugee", "--data", str(indexed), env={"GROUNDQA_PORT": "abc"})
    assert bad.exit_code == 2 and one_error_line(bad).startswith("error: GROUNDQA_PORT: ")
    served = run(runner, "serve", "--data", str(indexed), "--no-index", env={"GROUNDQA_PORT": "abc"})
    assert served.exit_code == 2 and one_error_line(served).startswith("error: --port (GROUNDQA_PORT): ")


def test_a_missing_data_folder_is_named_whole(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    for command in (["ask", "refugee"], ["sources"]):
        r = run(runner, *command, "--data", str(missing))
        assert r.exit_code == 1
        assert one_error_line(r) == (
            f"error: no index has been built in {missing} (no such folder): run `groundqa index` first"
        )


def test_ask_lists_accepted_languages_and_says_when_filters_were_on(runner: CliRunner, indexed: Path) -> None:
    unknown = run(runner, "ask", "refugee", "--language", "xx", "--data", str(indexed))
    assert "the collection has: en, ko" in unknown.stderr
    filtered = run(
        runner,
        "ask",
        "North Koreans detained in China awaiting deportation",
        "--language",
        "ko",
        "--data",
        str(indexed),
    )
    assert filtered.exit_code == 0
    assert "No source in this collection answers that (with the filters --language ko)." in filtered.stdout


def test_ask_says_what_a_follow_up_was_read_with(runner: CliRunner, indexed: Path) -> None:
    earlier = "North Koreans detained in China"
    result = run(
        runner,
        "ask",
        "And how many were repatriated in October?",
        "--history",
        earlier,
        "--data",
        str(indexed),
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Read together with: “{earlier}”")
    body = json.loads(
        run(
            runner, "ask", "And how many in October?", "--history", earlier, "--json", "--data", str(indexed)
        ).stdout
    )
    assert body["read_with"] == [earlier]


def test_long_errors_stay_on_one_line_when_piped(runner: CliRunner, indexed: Path) -> None:
    long_source = "x" * 300
    result = run(
        runner, "ask", "refugee", "--source", long_source, "--data", str(indexed), env={"COLUMNS": "40"}
    )
    assert result.exit_code == 2
    assert long_source in one_error_line(result)


# -- sources -----------------------------------------------------------------------------------------
def test_sources_exit_codes(runner: CliRunner, indexed: Path, tmp_path: Path) -> None:
    ok = run(runner, "sources", "--data", str(indexed))
    assert ok.exit_code == 0 and ok.stdout.rstrip().endswith("4 sources")
    assert len(json.loads(run(runner, "sources", "--json", "--data", str(indexed)).stdout)["sources"]) == 4
    none = run(runner, "sources", "--data", str(tmp_path / "empty"))
    assert none.exit_code == 1 and "groundqa index" in one_error_line(none)
    extra = run(runner, "sources", "surplus")
    assert extra.exit_code == 2 and "surplus" in one_error_line(extra)


# -- eval --------------------------------------------------------------------------------------------
def _beir(folder: Path, qrels: str) -> Path:
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in BEIR_CORPUS), encoding="utf-8")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in BEIR_QUERIES), encoding="utf-8")
    (folder / "qrels" / "test.tsv").write_text(qrels, encoding="utf-8")
    return folder


def test_eval_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    good = _beir(tmp_path / "good", "query-id\tcorpus-id\tscore\nq1\td1\t1\n")
    data = str(tmp_path / "data")
    ok = run(runner, "eval", str(good), "--method", "lexical", "--json", "--data", data)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["queries"] == 1
    method = run(runner, "eval", str(good), "--method", "magic", "--data", data)
    assert method.exit_code == 2 and "--method: unknown method 'magic'" in one_error_line(method)
    missing = run(runner, "eval", str(tmp_path / "nope"), "--data", data)
    assert missing.exit_code == 2 and "DATASET_DIR" in one_error_line(missing)
    broken = _beir(tmp_path / "broken", "query-id\tcorpus-id\tscore\nq9\td1\t1\n")
    failed = run(runner, "eval", str(broken), "--data", data)
    assert failed.exit_code == 1 and "queries.jsonl" in one_error_line(failed)


# -- serve -------------------------------------------------------------------------------------------
@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield int(s.getsockname()[1])


def test_serve_exit_codes(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, busy_port: int
) -> None:
    served: list[int] = []
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda self, sockets=None: served.extend(s.getsockname()[1] for s in sockets)
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    ok = run(runner, "serve", "--port", str(free), "--data", str(tmp_path / "data"), "--no-index")
    assert ok.exit_code == 0 and served == [free]
    assert f"groundqa on http://127.0.0.1:{free}/" in ok.stdout

    busy = run(runner, "serve", "--port", str(busy_port), "--data", str(tmp_path / "data"))
    assert busy.exit_code == 2
    assert f"127.0.0.1:{busy_port} is already in use" in one_error_line(busy)
    assert served == [free], "nothing was served on the busy port"

    bad = run(runner, "serve", "--port", "70000")
    assert bad.exit_code == 2 and "--port (GROUNDQA_PORT)" in one_error_line(bad)
    host = run(runner, "serve", "--host", "no-such-host.invalid", "--port", str(free))
    assert host.exit_code == 2 and "--host" in one_error_line(host)


def test_serve_on_a_busy_port_fails_at_once_before_loading_anything(busy_port: int, tmp_path: Path) -> None:
    """The real command in a subprocess: one line, exit 2, long before a model could load."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROUNDQA_")}
    env |= {"HF_HUB_OFFLINE": "1", "GROUNDQA_DATA_DIR": str(tmp_path / "data")}
    proc = run_cli("serve", "--port", str(busy_port), "--sources", str(tmp_path), env=env, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: --port: 127.0.0.1:{busy_port} is already in use (another groundqa or server?); stop it or "
        "choose another port with --port or GROUNDQA_PORT"
    ]
    assert not (tmp_path / "data").exists(), "nothing was indexed or created"


# -- help --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["index", "serve", "ask", "eval", "sources"])
def test_help_labels_are_plain(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout and "list[str]" not in result.stdout
    assert "--data DIR" in result.stdout
    if command == "ask":
        assert (
            "--from DATE" in result.stdout
            and "--json " in result.stdout
            and "--language CODE" in result.stdout
        )


def _why(rank: int, shown: bool, translated_rank: int | None = None, language: str = "en") -> dict[str, Any]:
    return {
        "passage_id": f"p{rank}",
        "source_id": f"s{rank}",
        "language": language,
        "rank": rank,
        "dense": 0.8,
        "coverage": 0.5 if language == "en" else 0.0,
        "sense_coverage": None if language == "en" else 0.75,
        "fused": 1.0,
        "dense_rank": rank + 1,
        "lexical_rank": None,
        "translated_rank": translated_rank,
        "in_provision": False,
        "missing": [],
        "probability": 0.1,
        "shown": shown,
        "defines": False,
    }


def test_explain_lists_the_first_candidates_and_every_shown_one(capsys: pytest.CaptureFixture[str]) -> None:
    candidates = [_why(r, shown=r in (0, 52)) for r in range(40)] + [_why(52, True, 1, language="zh")]
    cli.print_explanation(
        {
            "reason": "answered",
            "language": "en",
            "terms": ["detain"],
            "dropped": [],
            "translated": ["detain → 拘留"],
            "provisions": [],
            "constraints": [],
            "history_used": [],
            "bars": {"answer": 0.55},
            "question_probability": 0.8,
            "method": "model",
            "candidates": candidates,
        }
    )
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line.startswith("  ") and line.split()[0].isdigit()]
    # the ten first by rank, then the shown passage kept from further down, with its translated rank
    assert [row[0] for row in rows] == [*map(str, range(10)), "52"]
    assert "t#" in next(line for line in lines if "rank  p" in line)
    assert rows[-1][8] == "1" and rows[-1][-2] == "yes"
    # a passage in another language shows its coverage through the question's senses; one in the
    # question's own language does not repeat its coverage
    assert "sense" in next(line for line in lines if "rank  p" in line)
    assert rows[-1][3:5] == ["0.00", "0.75"] and rows[0][3:5] == ["0.50", "-"]
    assert "also searched as: detain → 拘留" in "\n".join(lines)
