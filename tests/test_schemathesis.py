"""schemathesis over the whole API, in process and bounded: no 5xx, every response fits the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeEmbedder
from tests.helpers import build, write_corpus

ROOT = Path(__file__).resolve().parents[1] / ".test-cache" / "schemathesis"


def _app() -> object:
    import shutil

    shutil.rmtree(ROOT, ignore_errors=True)
    emb = FakeEmbedder()
    build(ROOT / "data", write_corpus(ROOT / "src"), emb)
    app = create_app(
        Settings(sources_dir=ROOT / "src", data_dir=ROOT / "data", admin_token=None, max_upload_mb=1),
        embedder=emb,
    )
    client = TestClient(app)
    client.__enter__()  # run the lifespan once; the app then serves every generated case
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code == 400 and _field(response).startswith("filters."):
        # A filter that can match nothing (a reversed date range, a language or publisher no source
        # has) is refused naming the field; JSON Schema cannot say which values the collection holds.
        case.validate_response(response, excluded_checks=[positive_data_acceptance])
    else:
        case.validate_response(response)


def _field(response: object) -> str:
    try:
        return str(response.json()["error"].get("field") or "")  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""


@pytest.mark.parametrize("path", ["/api/ask", "/api/sources"])
def test_schema_lists_paths(path: str) -> None:
    assert path in schema.raw_schema["paths"]
