"""`create_app(settings)`: the one composition root. It builds the FastAPI application: the JSON API
(`service.routes_api`), the web pages (`service.pages`, rendering `web` templates) and the static
files, over one runtime (`service.runtime`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from index.analyzer import analyze
from index.embedding.base import Embedder
from service import errors
from service.middleware import BodyLimit, SecurityHeaders
from service.pages import admin, chat, docs, sources
from service.routes_api import router as api_router
from service.runtime import Runtime
from service.settings import Settings
from web.templating import STATIC_DIR

log = logging.getLogger(__name__)


def create_app(settings: Settings, *, embedder: Embedder | None = None) -> FastAPI:
    """Build the app. The embedder is loaded and the index opened in the lifespan, not at import.

    Args:
        settings: the one settings object.
        embedder: an embedder to use instead of loading `settings.model` (tests pass a fake one).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if embedder is not None:
            emb = embedder
        else:
            from index.embedding.load import load_embedder

            emb = load_embedder(settings.model, settings.backend, settings.data_dir / "models")
        runtime = Runtime(settings, emb)
        runtime.reload()
        runtime.watch()
        app.state.runtime = runtime
        if runtime.ready and "ko" in runtime.index.info.languages:
            # Kiwi takes seconds and ~0.5 GB to load and warm up: do it now, beside serving, rather
            # than inside the first Korean question.
            threading.Thread(target=analyze, args=("한국어 문장을 미리 분석합니다.",), daemon=True).start()
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
    for pages in (chat, sources, admin, docs):
        app.include_router(pages.router)
    app.add_middleware(BodyLimit, limit=1024 * 1024, upload_limit=settings.max_upload_bytes + 1024 * 1024)
    app.add_middleware(SecurityHeaders)
    return app
