"""The `groundqa` command line: index, serve, ask, eval, sources, postgres. A thin shell over index/."""

from __future__ import annotations

import errno
import json
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from typer._click import exceptions as click_errors  # typer vendors click (typer.BadParameter's tree)
from typer._click import globals as click_globals
from typer.core import TyperGroup

from corpus.errors import GroundqaError, InvalidRequest, NotFound
from index.backend import SharedCatalog
from index.embedding.base import Embedder, ModelChoice
from service.runtime import Runtime, catalog_for, source_dirs
from service.settings import Settings

if TYPE_CHECKING:
    from index.embedding.load import Models

out = Console(highlight=False, soft_wrap=True, emoji=False)
EXPLAIN_ROWS = 10  # candidates `ask --explain` lists by retrieval rank (shown ones are always listed)
err = Console(stderr=True, highlight=False, soft_wrap=True)

T = TypeVar("T")

# Exit codes (README, "Command line"): 0 success, 1 a failed operation, 2 bad usage or settings
# (a busy port included), 130 interrupted.
EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


def one_line(message: str) -> None:
    """An error on stderr as one line (never wrapped, whatever the terminal width)."""
    err.print(f"[bold red]error:[/] {escape(' '.join(message.split()))}", soft_wrap=True)


class OneLineErrors(TyperGroup):
    """Usage errors (an unknown option, a missing argument, a value out of range) as one line naming
    the option, then exit 2; the same for click's other errors, with their own exit code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        if extra.get("standalone_mode", True) is False:
            return super().main(args, prog_name, **extra)
        extra["standalone_mode"] = False
        try:
            code = super().main(args, prog_name, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            err.print(escape(exc.ctx.get_help() if exc.ctx else exc.format_message()), soft_wrap=True)
            sys.exit(EXIT_USAGE)
        except click_errors.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "groundqa"
            one_line(f"{exc.format_message()} (see `{where} --help`)")
            sys.exit(EXIT_USAGE)
        except click_errors.ClickException as exc:
            one_line(exc.format_message())
            sys.exit(exc.exit_code)
        except typer.Abort:
            one_line("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    help="groundqa: answers questions only with verbatim, cited passages from a curated collection.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=OneLineErrors,
)

SourcesOpt = Annotated[
    Path | None,
    typer.Option("--sources", metavar="DIR", help="Folder of source files (env GROUNDQA_SOURCES_DIR)."),
]
DataOpt = Annotated[
    Path | None, typer.Option("--data", metavar="DIR", help="Where indexes live (env GROUNDQA_DATA_DIR).")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help='auto, "" (all-MiniLM-L6-v2), multilingual-e5-small[:fp32|:int8], or a sentence-transformers '
        "name or path (env GROUNDQA_MODEL).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", metavar=" ", help="Print JSON.")]

# What a user typed for each field a request or setting can be refused on.
FLAGS = {
    "question": "QUESTION",
    "k": "--k",
    "history": "--history",
    "filters.source_ids": "--source",
    "filters.publishers": "--publisher",
    "filters.languages": "--language",
    "filters.date_from": "--from",
    "filters.date_to": "--to",
    "asked_on": "--asked-on",
    "source_ids": "--source",
    "publishers": "--publisher",
    "languages": "--language",
    "date_from": "--from",
    "date_to": "--to",
    "sources_dir": "--sources (GROUNDQA_SOURCES_DIR)",
    "data_dir": "--data (GROUNDQA_DATA_DIR)",
    "model": "--model (GROUNDQA_MODEL)",
    "manifest": "--manifest (GROUNDQA_MANIFEST)",
    "host": "--host (GROUNDQA_HOST)",
    "port": "--port (GROUNDQA_PORT)",
    "database_url": "--database-url (GROUNDQA_DATABASE_URL)",
}
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        metavar="URL",
        help="PostgreSQL URL with pgvector: the index lives there (env GROUNDQA_DATABASE_URL).",
        show_default=False,
    ),
]


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """One line on stderr (never wrapped, whatever the terminal width) and exit with `code`."""
    one_line(message)
    raise typer.Exit(code)


def _flag(field: str) -> str:
    """How the command line names a setting or request field: its option, with its GROUNDQA_ variable
    for a setting ("--port (GROUNDQA_PORT)"); the variable alone when the running command has no such
    option (a bad GROUNDQA_PORT met by `groundqa ask`)."""
    parts = [p for p in field.split(".") if not p.isdigit()]
    key = ".".join(parts)
    env = f"GROUNDQA_{key.upper()}" if len(parts) == 1 and key in Settings.model_fields else None
    if key in FLAGS:
        option = FLAGS[key].split()[0]
        ctx = click_globals.get_current_context(silent=True)
        if env is None or ctx is None or any(option in p.opts for p in ctx.command.params):
            return FLAGS[key]
    return env or key


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn groundqa's errors into one line on stderr and a documented exit code (no traceback).

    Input the user gave that cannot be used (a field error, invalid settings) exits 2 and names the
    flag as typed (`--from`, `--language`); a failed operation exits 1.
    """
    from service.schemas import validation_summary

    try:
        yield
    except (InvalidRequest, NotFound) as exc:
        if exc.field:
            fail(f"{_flag(exc.field)}: {exc.detail}", EXIT_USAGE)
        fail(exc.message, EXIT_USAGE if isinstance(exc, InvalidRequest) else EXIT_FAILED)
    except GroundqaError as exc:
        fail(exc.message, EXIT_FAILED)
    except ValidationError as exc:
        names = {
            ".".join(str(x) for x in e.get("loc", ())): _flag(".".join(str(x) for x in e.get("loc", ())))
            for e in exc.errors()
        }
        fail(validation_summary(exc, names), EXIT_USAGE)
    except KeyboardInterrupt:
        fail("interrupted", EXIT_INTERRUPTED)


def settings_from(**options: Any) -> Settings:
    """Options given on the command line win over GROUNDQA_* variables, which win over defaults."""
    return Settings(**{k: v for k, v in options.items() if v is not None})


def existing_data(settings: Settings) -> Settings:
    """`settings`, after checking that the data folder an index is read from exists (exit 1 naming
    the whole path otherwise; the index's own error names only the folder, as the API must)."""
    if settings.database_url is None and not settings.data_dir.is_dir():
        fail(f"no index has been built in {settings.data_dir} (no such folder): run `groundqa index` first")
    return settings


def load(settings: Settings) -> Models:
    """The configured embedding model(s), loaded when first needed."""
    from index.embedding.load import Models

    return Models(settings.model, settings.backend, settings.data_dir / "models")


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    if not enabled:
        yield lambda stage, done, total: None
        return
    with Progress(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
    ) as bar:
        tasks: dict[str, Any] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield tick


def run_index(
    settings: Settings, embedder: Embedder | ModelChoice, *, full: bool, quiet: bool = False
) -> dict[str, Any]:
    from index.builder import update_index

    if not settings.sources_dir.is_dir():
        fail(
            f"sources folder not found: {settings.sources_dir} (set --sources or GROUNDQA_SOURCES_DIR)",
            EXIT_USAGE,
        )
    catalog = catalog_for(settings)
    try:
        with progress_bar(err.is_terminal and not quiet) as tick:
            report = update_index(
                catalog=catalog,
                inputs=source_dirs(settings, catalog),
                embedder=embedder,
                max_bytes=settings.max_file_bytes,
                full=full,
                keep=settings.keep_snapshots,
                progress=tick,
                ocr=settings.ocr,
            )
    finally:
        if isinstance(catalog, SharedCatalog):
            catalog.close()
    return report.to_json()


def index_summary(s: dict[str, Any]) -> str:
    """The index report in one line; an update with nothing to do says so instead of counting zeros."""
    sources = len(s["added"]) + len(s["changed"]) + int(s["unchanged"])
    if not s["published"]:
        failed = f", {len(s['failed'])} files failed" if s["failed"] else ""
        return (
            f"index already up to date: {sources} sources, {s['passages']} passages, nothing changed"
            f"{failed} ({s['seconds']:.1f} s)"
        )
    carried = max(0, int(s["passages"]) - int(s["embedded"]) - int(s["reused"]))
    return (
        f"published snapshot {s['version']}: {sources} sources (added {len(s['added'])}, changed "
        f"{len(s['changed'])}, removed {len(s['removed'])}, failed {len(s['failed'])}); {s['passages']} "
        f"passages ({s['embedded']} embedded, {s['reused']} from the vector cache, {carried} unchanged) "
        f"in {s['seconds']:.1f} s"
    )


def print_index_summary(s: dict[str, Any]) -> None:
    out.print(escape(index_summary(s)))
    for f in s["failed"]:
        out.print(f"  failed  {escape(f['file'])}: {escape(f['reason'])}")
    for w in s["warnings"]:
        out.print(f"  warning {escape(w['file'])}: {escape(w['reason'])}")


@app.command()
def index(
    sources: SourcesOpt = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    manifest: Annotated[
        Path | None, typer.Option(metavar="FILE", help="manifest.csv with citation metadata.")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", metavar=" ", help="Re-read and re-embed everything.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar=" ", help="Print the summary as JSON.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Index the sources folder (incremental unless --full) and publish a new snapshot."""
    with user_errors():
        settings = settings_from(
            sources_dir=sources, data_dir=data, model=model, manifest=manifest, database_url=database
        )
        summary = run_index(settings, load(settings), full=full, quiet=as_json)
        if as_json:
            out.print_json(json.dumps(summary))
        else:
            print_index_summary(summary)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, before anything slow happens; a busy port exits 2 at once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        fail(f"--host: cannot listen on {host!r} ({exc.strerror})", EXIT_USAGE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a just-closed port, not a busy one
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            fail(
                f"--port: {host}:{port} is already in use (another groundqa or server?); stop it or "
                "choose another port with --port or GROUNDQA_PORT",
                EXIT_USAGE,
            )
        fail(f"--host/--port: cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_USAGE)
    sock.set_inheritable(True)
    return sock


class StartupReport:
    """Follows the server's start-up job: a progress bar on a terminal, else a plain line on stderr at
    least every 10 s; then one line when it is ready and the index summary.

    A line is due every `every` seconds, half the promised gap: loading the model can hold the
    interpreter lock for a second or two, and this thread cannot print meanwhile."""

    def __init__(self, url: str, *, terminal: bool, every: float = 5.0) -> None:
        self.url, self.terminal, self.every = url, terminal, every
        self._stop = threading.Event()

    def follow(self, runtime: Runtime) -> None:
        threading.Thread(target=self._run, args=(runtime,), name="groundqa-startup-log", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self, runtime: Runtime) -> None:
        while runtime.startup is None and not self._stop.wait(0.05):
            pass
        job = runtime.startup
        if job is None:
            return
        bar = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            if self.terminal
            else None
        )
        task = bar.add_task("starting", total=1) if bar is not None else None
        if bar is not None:
            bar.start()
        last_line, last_phase, announced = 0.0, "", False
        try:
            while not self._stop.is_set():
                p = runtime.progress()
                if runtime.ready and not announced:
                    announced = True
                    if bar is not None:
                        bar.stop()
                        bar = None
                    version = runtime.index.version
                    err.print(f"ready: answering from index {version} on {self.url}", soft_wrap=True)
                if p is not None and bar is not None and task is not None:
                    bar.update(task, description=p.phase, completed=p.done, total=max(p.total, 1))
                elif p is not None and (p.phase != last_phase or time.monotonic() - last_line >= self.every):
                    err.print(escape(p.line()), soft_wrap=True)
                    last_line, last_phase = time.monotonic(), p.phase
                if job.state in ("succeeded", "failed"):
                    break
                self._stop.wait(0.25)
        finally:
            if bar is not None:
                bar.stop()
        if job.state == "failed":
            err.print(
                f"[bold red]error:[/] start-up failed: {escape(job.error or 'unknown error')}", soft_wrap=True
            )
        elif job.result:
            err.print(escape(index_summary(job.result)), soft_wrap=True)
            if not announced and runtime.ready:
                err.print(
                    f"ready: answering from index {runtime.index.version} on {self.url}", soft_wrap=True
                )
        elif not runtime.ready:
            err.print("not ready: no index yet; build one with `groundqa index`", soft_wrap=True)


@app.command()
def serve(
    sources: SourcesOpt = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    host: Annotated[
        str | None,
        typer.Option(metavar="ADDR", help="Address to bind (default 127.0.0.1; env GROUNDQA_HOST)."),
    ] = None,
    port: Annotated[
        int | None, typer.Option(metavar="PORT", help="Port (default 8000; env GROUNDQA_PORT).")
    ] = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", metavar=" ", help="Serve what is indexed; skip the update.")
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Serve the web UI and the API at once; load the model and bring the index up to date in the
    background (/readyz and the chat page show the progress)."""
    import uvicorn

    from service.app import create_app
    from service.server import protocol_with_header_timeout

    with user_errors():
        settings = settings_from(
            sources_dir=sources, data_dir=data, model=model, host=host, port=port, database_url=database
        )
        sock = bind(settings.host, settings.port)
        shown_host = f"[{settings.host}]" if ":" in settings.host else settings.host
        url = f"http://{shown_host}:{settings.port}/"
        out.print(f"groundqa on {url}  (API docs: {url}docs; /readyz says when it answers)")
        report = StartupReport(url, terminal=err.is_terminal)
        config = uvicorn.Config(
            create_app(settings, background=True, index_on_start=not no_index, runtime_ready=report.follow),
            log_level="warning",
            http=protocol_with_header_timeout(settings.header_timeout),
        )
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            report.stop()
            sock.close()


def _mark(text: str, spans: list[dict[str, int]]) -> str:
    """The passage with its evidence in bold (terminal styling: no character is added to the quote)."""
    pieces, pos = [], 0
    for s in sorted(spans, key=lambda s: s["start"]):
        pieces.append(escape(text[pos : s["start"]]))
        pieces.append(f"[bold yellow]{escape(text[s['start'] : s['end']])}[/]")
        pos = s["end"]
    pieces.append(escape(text[pos:]))
    return "".join(pieces)


def _evidence(text: str, spans: list[dict[str, int]]) -> str:
    """The evidence as quotes of their own ("“…” “…”"), each exact text of the passage."""
    return " ".join(f"“{text[s['start'] : s['end']]}”" for s in sorted(spans, key=lambda s: s["start"]))


def citation_line(src: dict[str, Any], loc: dict[str, Any]) -> str:
    """publisher · title · date · place (page, section or characters) · licence · URL."""
    parts = [src.get("publisher"), src.get("title"), src.get("date"), loc.get("cite"), src.get("license")]
    if src.get("url"):
        parts.append(src["url"])
    return " · ".join(str(p) for p in parts if p)


def filters_text(request: Any) -> str | None:
    """The active filters as the flags that set them: "--language xx --from 2020"."""
    f = request.filters
    flags = [("--source", f.source_ids), ("--publisher", f.publishers), ("--language", f.languages)]
    parts = [f"{flag} {v}" for flag, values in flags for v in values]
    parts += [f"{flag} {v}" for flag, v in (("--from", f.date_from), ("--to", f.date_to)) if v]
    return " ".join(parts) or None


@app.command()
def ask(
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="The question.")],
    k: Annotated[
        int, typer.Option(min=1, max=50, metavar="N", help="How many passages at most (answers and further).")
    ] = 5,
    history: Annotated[
        list[str] | None,
        typer.Option(
            "--history", metavar="TEXT", help="An earlier question of the conversation (repeatable)."
        ),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", metavar="ID", help="Only this source id (repeatable).")
    ] = None,
    publisher: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Only this publisher (repeatable).")
    ] = None,
    language: Annotated[
        list[str] | None, typer.Option(metavar="CODE", help="Only this language, e.g. en, ko (repeatable).")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Sources dated from (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Sources dated until (YYYY[-MM[-DD]]).")
    ] = None,
    asked_on: Annotated[
        str | None,
        typer.Option(
            "--asked-on",
            metavar="DAY",
            help='The day it is asked (YYYY-MM-DD), which "last year" or 올해 count from; default: today.',
        ),
    ] = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", metavar=" ", help="Print exactly the API's response body.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", metavar=" ", help="Also show why it was answered or refused, candidate by candidate."
        ),
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Answer a question from the index with quoted, cited passages."""
    from service.runtime import open_index
    from service.schemas import AskRequest, FiltersIn, ask_response

    with user_errors():
        settings = existing_data(settings_from(data_dir=data, model=model, database_url=database))
        request = AskRequest(
            question=question,
            k=k,
            explain=explain,
            history=history or [],
            asked_on=asked_on,
            filters=FiltersIn(
                source_ids=source or [],
                publishers=publisher or [],
                languages=language or [],
                date_from=date_from,
                date_to=date_to,
            ),
        )
        with open_index(settings, load(settings)) as engine:
            body = ask_response(engine.search(request.to_query())).model_dump(mode="json")
    if as_json:
        sys.stdout.write(json.dumps(body, ensure_ascii=False) + "\n")
        return
    plain = not out.is_terminal
    if body.get("explain"):
        print_explanation(body["explain"])
    if body["read_with"]:
        out.print(escape("Read together with: " + " / ".join(f"“{q}”" for q in body["read_with"])) + "\n")
    if not body["answered"]:
        active = filters_text(request)
        out.print(
            "No source in this collection answers that"
            + (escape(f" (with the filters {active})") if active else "")
            + "."
        )
        if body["related"]:
            out.print("\nRelated, not an answer:")
        for p in body["related"]:
            out.print(f"  - {escape(citation_line(p['source'], p['location']))}")
        return
    passages, further = body["passages"], body["further"]
    for i, p in enumerate(passages + further, 1):
        if i == len(passages) + 1:
            out.print("More passages, probably not answers:\n")
        if plain:  # piped or redirected: the quote byte for byte as the source has it, evidence apart
            sys.stdout.write(f"[{i}] “{p['text']}”\n")
            if p["evidence"]:
                sys.stdout.write(f"    evidence: {_evidence(p['text'], p['evidence'])}\n")
        else:
            out.print(f"[{i}] “{_mark(p['text'], p['evidence'])}”")
        out.print(f"    — {escape(citation_line(p['source'], p['location']))}")
        for d in p["duplicates"]:
            out.print(f"    also in: {escape(citation_line(d['source'], d['location']))}")
        out.print("")


def print_explanation(e: dict[str, Any]) -> None:
    """The decision and the candidates, as `ask --explain` shows them."""
    out.print(f"Why: {escape(e['reason'])}")
    terms, dropped = ", ".join(e["terms"]) or "-", ", ".join(e["dropped"]) or "-"
    out.print(f"  language {e['language']}; terms {escape(terms)}; dropped {escape(dropped)}")
    if e.get("translated"):
        out.print(f"  also searched as: {escape('; '.join(e['translated']))}")
    if e["provisions"] or e["constraints"]:
        names, facts = ", ".join(e["provisions"]) or "-", "; ".join(e["constraints"]) or "-"
        out.print(f"  names {names}; must hold {escape(facts)}")
    if e["history_used"]:
        out.print(f"  read with: {escape(' / '.join(e['history_used']))}")
    bars = ", ".join(f"{k} {v:g}" for k, v in e["bars"].items())
    q = e["question_probability"]
    out.print(f"  decided by {e['method']} ({bars})" + (f"; answerability {q:.2f}" if q is not None else ""))
    out.print("  rank  p      dense   cover  sense  fused   d#   l#   t#   shown  source / missing")
    # the first ten by retrieval rank, then any shown passage from further down (a passage kept as a
    # candidate for its language or its translated run, whatever its fused rank)
    listed = e["candidates"][:EXPLAIN_ROWS] + [c for c in e["candidates"][EXPLAIN_ROWS:] if c["shown"]]
    for c in listed:
        p = f"{c['probability']:.3f}" if c["probability"] is not None else "  -  "
        note = c["source_id"] + (f"  lacks {', '.join(c['missing'])}" if c["missing"] else "")
        shown = "yes" if c["shown"] else "   "
        # the share through senses, where the question was translated into the passage's language
        sense = f"{c['sense_coverage']:.2f}" if c.get("sense_coverage") is not None else "  - "
        out.print(
            f"  {c['rank']:>4}  {p}  {c['dense']:.3f}  {c['coverage']:.2f}   {sense}  {c['fused']:6.2f}  "
            f"{c['dense_rank'] or '-':>3}  {c['lexical_rank'] or '-':>3}  "
            f"{c.get('translated_rank') or '-':>3}  {shown}    {escape(note)}"
        )
    out.print("")


@app.command("eval")
def evaluate(
    dataset_dir: Annotated[
        Path,
        typer.Argument(
            metavar="DATASET_DIR", help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/test.tsv."
        ),
    ],
    method: Annotated[str, typer.Option(metavar="METHOD", help="hybrid, dense or lexical.")] = "hybrid",
    qrels: Annotated[str, typer.Option(metavar="FILE", help="File name under qrels/.")] = "test.tsv",
    data: DataOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", metavar=" ", help="Print the metrics as JSON.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Retrieval quality on a BEIR-format folder: nDCG@10, Recall@100, MRR@10.

    With a database, the collection is indexed in its own schema there (beir_*), never in the
    index that the database serves."""
    from index.eval.beir import evaluate as run_eval

    if method not in ("hybrid", "dense", "lexical"):
        fail(f"--method: unknown method {method!r}; use hybrid, dense or lexical", EXIT_USAGE)
    if not dataset_dir.is_dir():
        fail(
            f"DATASET_DIR: {dataset_dir} is not a folder "
            "(a BEIR folder holds corpus.jsonl, queries.jsonl and qrels/)",
            EXIT_USAGE,
        )
    chosen: Literal["hybrid", "dense", "lexical"] = method  # type: ignore[assignment]
    with user_errors():
        settings = settings_from(data_dir=data, model=model, database_url=database)
        url = settings.database_url
        result = run_eval(
            dataset_dir,
            method=chosen,
            embedder=load(settings).for_languages({"en"}),  # BEIR collections are English
            cache_dir=settings.data_dir / "cache",
            qrels_file=qrels,
            database_url=url.get_secret_value() if url else None,
        )
    if as_json:
        sys.stdout.write(json.dumps(result.to_json()) + "\n")
    else:
        r = result.to_json()
        out.print(
            f"{dataset_dir.name} [{r['method']}] nDCG@10 {r['ndcg@10']:.4f}  "
            f"Recall@100 {r['recall@100']:.4f}  "
            f"MRR@10 {r['mrr@10']:.4f}  ({r['queries']} queries)"
        )


@app.command()
def sources(
    data: DataOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", metavar=" ", help="Print the API's GET /api/sources body.")
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """List the indexed sources with their passage counts."""
    from service.runtime import catalogue
    from service.schemas import SourceList, source_summary

    with user_errors():
        settings = existing_data(settings_from(data_dir=data, database_url=database))
        _, records = catalogue(settings)
        body = SourceList(sources=[source_summary(r) for r in records])
    if as_json:
        sys.stdout.write(body.model_dump_json() + "\n")
        return
    for s in body.sources:
        out.print(
            f"{s.id}  {escape(s.title)} · {escape(s.publisher or '-')} · {s.date or '-'} · {s.language} · "
            f"{s.passages} passages"
        )
    out.print(f"{len(body.sources)} sources")


postgres_app = typer.Typer(
    help="A local PostgreSQL with pgvector for GROUNDQA_DATABASE_URL (needs the postgres extra).",
    no_args_is_help=True,
)
app.add_typer(postgres_app, name="postgres")
DirOpt = Annotated[Path, typer.Option("--dir", help="The server's data folder (created if missing).")]
StopDirOpt = Annotated[Path, typer.Option("--dir", help="The folder given to `groundqa postgres start`.")]


def _server() -> Any:
    try:
        from index.postgres import server
    except ImportError:
        fail("the postgres commands need the postgres extra: pip install 'groundqa[postgres]'", 2)
    return server


@postgres_app.command("start")
def postgres_start(directory: DirOpt) -> None:
    """Start (or reuse) a PostgreSQL with pgvector keeping its data in DIR; print its URL last."""
    server = _server()
    with user_errors():
        url = server.start(directory)
    err.print(f"PostgreSQL with pgvector is running with its data in {escape(str(directory))}")
    err.print("use the URL below as GROUNDQA_DATABASE_URL (or --database-url); stop it with")
    err.print(f"  groundqa postgres stop --dir {escape(str(directory))}")
    sys.stdout.write(url + "\n")


@postgres_app.command("stop")
def postgres_stop(directory: StopDirOpt) -> None:
    """Stop the PostgreSQL started with `groundqa postgres start --dir DIR`."""
    server = _server()
    with user_errors():
        stopped = server.stop(directory)
    out.print("stopped" if stopped else f"no server is running in {escape(str(directory))}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every repair it makes
    app()


if __name__ == "__main__":
    main()
