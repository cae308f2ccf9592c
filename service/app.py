"""`create_app(settings)`: the one composition root. It builds the FastAPI application: the JSON API
(`service.routes_api`), the web pages (`service.pages`, rendering `web` templates) and the static
files, over one runtime (`service.runtime`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from index.analyzer import analyze
from index.embedding.base import Embedder, ModelChoice
from index.engine import GroundIndex
from service import errors
from service.deps import AskLimitDep
from service.middleware import HttpGuard
from service.pages import admin, chat, docs, sources
from service.routes_api import router as api_router
from service.runtime import Runtime
from service.settings import Settings
from web.templating import STATIC_DIR

log = logging.getLogger(__name__)


def _load_embedder(settings: Settings) -> ModelChoice:
    """The configured model choice (models themselves load when first needed)."""
    from index.embedding.load import Models

    return Models(settings.model, settings.backend, settings.data_dir / "models")


def warm_up(runtime: Runtime) -> None:
    """Kiwi takes seconds and ~0.5 GB to load and warm up, the Korean-English word list ~0.5 s (and the
    English words of both word lists ~1.5 s more, read for spelling; its English phrases ~1.3 s), the
    English-Chinese one ~2.5 s, and a local snapshot's near-duplicate pairs ~0.2 s at demo size
    (`LocalBackend.near_partners`): do them beside serving, rather than inside the first question
    that needs them."""
    near = getattr(runtime.index.backend, "near_partners", None) if runtime.ready else None
    if near is not None:
        threading.Thread(target=near, daemon=True).start()
    if runtime.ready and "ko" in runtime.index.info.languages:
        threading.Thread(target=analyze, args=("한국어 문장을 미리 분석합니다.",), daemon=True).start()
    passages = runtime.index.info.passage_languages if runtime.ready else {}
    if passages.get("en"):  # (its English words also tell a misspelt question word: `index.spelling`)
        threading.Thread(target=runtime.index.english_words, daemon=True).start()
    if passages.get("zh"):
        threading.Thread(target=runtime.index.chinese_word_list, daemon=True).start()
    if passages.get("ko"):  # (an English question's phrases reach Korean passages: `Lexicon.en_phrases`)
        threading.Thread(target=_read_phrases, args=(runtime.index,), daemon=True).start()


def _read_phrases(index: GroundIndex) -> None:
    """Index the word list's English phrases (`Lexicon.en_phrases`, ~1.3 s)."""
    lexicon = index.word_list()
    if lexicon is not None:
        _ = lexicon.en_phrases


def create_app(
    settings: Settings,
    *,
    embedder: Embedder | ModelChoice | None = None,
    background: bool = False,
    index_on_start: bool = False,
    runtime_ready: Callable[[Runtime], None] | None = None,
) -> FastAPI:
    """Build the app. The embedder is loaded and the index opened in the lifespan, not at import.

    Args:
        settings: the one settings object.
        embedder: an embedder to use instead of loading `settings.model` (tests pass a fake one).
        background: start serving at once and load the model and the index in a background job
            (`Runtime.start`), reporting progress on /readyz and the chat page. Implied when no
            `embedder` is given or with `index_on_start`.
        index_on_start: the background job also brings the index up to date from the sources
            (`groundqa serve`).
        runtime_ready: called with the runtime once it exists (the CLI follows the start-up with it).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime(settings, embedder)
        app.state.runtime = runtime
        if runtime_ready is not None:
            runtime_ready(runtime)
        if background or embedder is None or index_on_start:
            runtime.start(load=lambda: _load_embedder(settings), update=index_on_start, then=warm_up)
        else:
            runtime.reload()
            runtime.watch()
            warm_up(runtime)
        yield
        runtime.jobs.wait(timeout=0)
        runtime.close()

    app = FastAPI(
        title="groundqa",
        summary="Answers questions only with verbatim, cited passages from a curated collection.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    errors.install(app)
    app.include_router(api_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(chat.router, dependencies=[AskLimitDep])  # a page with a question is an ask
    for pages in (sources, admin, docs):
        app.include_router(pages.router)
    app.add_middleware(
        HttpGuard,
        limit=1024 * 1024,
        upload_limit=settings.max_upload_bytes + 1024 * 1024,
        vary={"/turn": "HX-Request"},  # a fragment for htmx, else a redirect
    )
    return app
