"""The `groundqa` command line: index, serve, ask, eval, sources, postgres. A thin shell over index/."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corpus.errors import BackendUnavailable, GroundqaError, RebuildInProgress
from index.backend import SharedCatalog
from index.embedding.base import Embedder
from service.runtime import catalog_for, source_dirs
from service.settings import Settings

app = typer.Typer(
    help="groundqa: answers questions only with verbatim, cited passages from a curated collection.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

T = TypeVar("T")

SourcesOpt = Annotated[
    Path | None, typer.Option("--sources", help="Folder of source files (env GROUNDQA_SOURCES_DIR).")
]
DataOpt = Annotated[Path | None, typer.Option("--data", help="Where indexes live (env GROUNDQA_DATA_DIR).")]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="sentence-transformers name or path (env GROUNDQA_MODEL).")
]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="PostgreSQL URL with pgvector: the index lives there (env GROUNDQA_DATABASE_URL).",
        show_default=False,
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn groundqa's errors into one line on stderr and a non-zero exit (no traceback)."""
    try:
        yield
    except GroundqaError as exc:
        fail(exc.message, 1)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        fail(f"invalid setting {where}: {first.get('msg')}", 2)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def settings_from(**options: Any) -> Settings:
    """Options given on the command line win over GROUNDQA_* variables, which win over defaults."""
    return Settings(**{k: v for k, v in options.items() if v is not None})


def load(settings: Settings) -> Embedder:
    from index.embedding.load import load_embedder

    return load_embedder(settings.model, settings.backend, settings.data_dir / "models")


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


def run_index(settings: Settings, embedder: Embedder, *, full: bool, quiet: bool = False) -> dict[str, Any]:
    from index.builder import update_index

    if not settings.sources_dir.is_dir():
        fail(f"sources folder not found: {settings.sources_dir} (set --sources or GROUNDQA_SOURCES_DIR)")
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


def print_index_summary(s: dict[str, Any]) -> None:
    sources = len(s["added"]) + len(s["changed"]) + int(s["unchanged"])
    state = f"published snapshot {s['version']}" if s["published"] else "index already up to date"
    out.print(
        f"{state}: {sources} sources (added {len(s['added'])}, changed {len(s['changed'])}, "
        f"removed {len(s['removed'])}, failed {len(s['failed'])}); {s['passages']} passages "
        f"(embedded {s['embedded']}, reused {s['reused']}) in {s['seconds']:.1f} s"
    )
    for f in s["failed"]:
        out.print(f"  failed  {escape(f['file'])}: {escape(f['reason'])}")
    for w in s["warnings"]:
        out.print(f"  warning {escape(w['file'])}: {escape(w['reason'])}")


@app.command()
def index(
    sources: SourcesOpt = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    manifest: Annotated[Path | None, typer.Option(help="manifest.csv with citation metadata.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Re-read and re-embed everything.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
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


@app.command()
def serve(
    sources: SourcesOpt = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Serve what is indexed; skip the update.")
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Bring the index up to date, then serve the web UI and the API."""
    import uvicorn

    from service.app import create_app

    with user_errors():
        settings = settings_from(
            sources_dir=sources, data_dir=data, model=model, host=host, port=port, database_url=database
        )
        embedder = load(settings)
        if not no_index and settings.sources_dir.is_dir():
            try:
                print_index_summary(run_index(settings, embedder, full=False))
            except (RebuildInProgress, BackendUnavailable) as exc:
                # another replica is building, or the database is away: serve what is published
                # (the server follows new versions and answers 503 until the database is back)
                err.print(f"not updating the index: {escape(exc.message)}")
        elif not no_index:
            err.print(f"sources folder {settings.sources_dir} not found: serving what is already indexed")
        out.print(f"groundqa on http://{settings.host}:{settings.port}/  (API docs: /docs)")
        uvicorn.run(
            create_app(settings, embedder=embedder),
            host=settings.host,
            port=settings.port,
            log_level="warning",
        )


def _mark(text: str, spans: list[dict[str, int]], plain: bool) -> str:
    """The passage with its evidence marked: bold on a terminal, »…« otherwise."""
    pieces, pos = [], 0
    for s in sorted(spans, key=lambda s: s["start"]):
        pieces.append(escape(text[pos : s["start"]]))
        inner = escape(text[s["start"] : s["end"]])
        pieces.append(f"»{inner}«" if plain else f"[bold yellow]{inner}[/]")
        pos = s["end"]
    pieces.append(escape(text[pos:]))
    return "".join(pieces)


def citation_line(src: dict[str, Any], loc: dict[str, Any]) -> str:
    parts = [src.get("publisher"), src.get("title"), src.get("date")]
    where = f"p. {loc['page']}" if loc.get("page") else f"chars {loc['char_start']}-{loc['char_end']}"
    parts.append(where)
    if src.get("url"):
        parts.append(src["url"])
    return " · ".join(str(p) for p in parts if p)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question.")],
    k: Annotated[int, typer.Option(min=1, max=50, help="How many passages at most.")] = 5,
    history: Annotated[
        list[str] | None, typer.Option("--history", help="An earlier question (repeatable).")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only this source id (repeatable).")
    ] = None,
    publisher: Annotated[list[str] | None, typer.Option(help="Only this publisher (repeatable).")] = None,
    language: Annotated[list[str] | None, typer.Option(help="Only this language (repeatable).")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Sources dated from (YYYY[-MM[-DD]]).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Sources dated until (YYYY[-MM[-DD]]).")] = None,
    data: DataOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly the API's response body.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Answer a question from the index with quoted, cited passages."""
    from service.runtime import open_index
    from service.schemas import AskRequest, FiltersIn, ask_response

    with user_errors():
        settings = settings_from(data_dir=data, model=model, database_url=database)
        request = AskRequest(
            question=question,
            k=k,
            history=history or [],
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
    if not body["answered"]:
        out.print("No source in this collection answers that.")
        if body["related"]:
            out.print("\nRelated, not an answer:")
        for p in body["related"]:
            out.print(f"  - {citation_line(p['source'], p['location'])}")
        return
    for i, p in enumerate(body["passages"], 1):
        out.print(f"[{i}] “{_mark(p['text'], p['evidence'], plain)}”")
        out.print(f"    — {escape(citation_line(p['source'], p['location']))}")
        for d in p["duplicates"]:
            out.print(f"    also in: {escape(citation_line(d['source'], d['location']))}")
        out.print("")


@app.command("eval")
def evaluate(
    dataset_dir: Annotated[
        Path, typer.Argument(help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/test.tsv.")
    ],
    method: Annotated[str, typer.Option(help="hybrid, dense or lexical.")] = "hybrid",
    qrels: Annotated[str, typer.Option(help="File name under qrels/.")] = "test.tsv",
    data: DataOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Retrieval quality on a BEIR-format folder: nDCG@10, Recall@100, MRR@10.

    With a database, the collection is indexed in its own schema there (beir_*), never in the
    index that the database serves."""
    from index.eval.beir import evaluate as run_eval

    if method not in ("hybrid", "dense", "lexical"):
        fail(f"unknown method {method!r}: use hybrid, dense or lexical", 2)
    chosen: Literal["hybrid", "dense", "lexical"] = method  # type: ignore[assignment]
    with user_errors():
        settings = settings_from(data_dir=data, model=model, database_url=database)
        url = settings.database_url
        result = run_eval(
            dataset_dir,
            method=chosen,
            embedder=load(settings),
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
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's GET /api/sources body.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """List the indexed sources with their passage counts."""
    from service.runtime import catalogue
    from service.schemas import SourceList, source_summary

    with user_errors():
        settings = settings_from(data_dir=data, database_url=database)
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
def postgres_stop(directory: DirOpt) -> None:
    """Stop the PostgreSQL started with `groundqa postgres start --dir DIR`."""
    server = _server()
    with user_errors():
        stopped = server.stop(directory)
    out.print("stopped" if stopped else f"no server is running in {escape(str(directory))}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "pypdf"):  # bm25s sets itself to DEBUG; pypdf logs every repair it makes
        logging.getLogger(noisy).setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
