"""ASGI entry point for servers: `uvicorn --factory service.asgi:app` (settings from GROUNDQA_*)."""

from __future__ import annotations

from fastapi import FastAPI

from service.app import create_app
from service.settings import Settings


def app() -> FastAPI:
    return create_app(Settings())
