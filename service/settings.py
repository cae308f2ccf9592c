"""groundqa's one settings object. Built once at the edge (CLI or app factory) and passed in.

Values come from explicit arguments (CLI options), then `GROUNDQA_*` environment variables, then the
defaults below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_NOT_A_URL = "not a PostgreSQL URL (postgresql://user:password@host:5432/dbname) or key=value string"


class Settings(BaseSettings):
    # a refused value is never repeated in the error (a database URL may hold a password)
    model_config = SettingsConfigDict(env_prefix="GROUNDQA_", extra="ignore", hide_input_in_errors=True)

    sources_dir: Path = Field(Path("sources"), description="Folder of source files to index.")
    manifest: Path | None = Field(
        None,
        description="manifest.csv with citation metadata; default: SOURCES_DIR/manifest.csv, "
        "else a manifest.csv beside SOURCES_DIR.",
    )
    data_dir: Path = Field(Path("groundqa-data"), description="Where snapshots, caches and uploads live.")
    uploads_dir: Path | None = Field(
        None, description="Where sources uploaded through the API are stored; default DATA_DIR/uploads."
    )
    model: str = Field(
        "auto",
        description="Embedding model: auto (all-MiniLM-L6-v2 for an English-only collection, "
        "multilingual-e5-small as soon as a source is in another language), empty for the bundled "
        "all-MiniLM-L6-v2, multilingual-e5-small[:fp32|:int8], or a sentence-transformers name or path.",
    )
    backend: Literal["auto", "onnx", "torch"] = Field(
        "auto", description="Inference backend: auto uses ONNX Runtime when the export verifies, else torch."
    )
    admin_token: SecretStr | None = Field(
        None, description="Bearer token for admin endpoints; admin is disabled when unset."
    )
    host: str = Field("127.0.0.1", description="Address to bind; 127.0.0.1 unless told otherwise.")
    port: int = Field(8000, ge=1, le=65535)
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused at ingestion.")
    max_upload_mb: float = Field(20.0, gt=0, description="Largest upload accepted by POST /api/sources.")
    keep_snapshots: int = Field(2, ge=1, description="Published snapshots kept on disk (newest first).")
    ocr: bool = Field(
        True, description="Read scanned PDF pages (no text layer) with tesseract OCR; false leaves them out."
    )
    database_url: SecretStr | None = Field(
        None,
        description="PostgreSQL (with pgvector) URL: the index and uploads live in that database instead of "
        "DATA_DIR, and every server given the same URL serves the same index.",
    )
    database_read_url: SecretStr | None = Field(
        None,
        description="A read replica of DATABASE_URL to answer queries from; builds and uploads use "
        "DATABASE_URL.",
    )
    ask_rate_limit: str = Field(
        "5/second;60/minute",
        description='Questions per client address, e.g. "5/second;60/minute" (the `limits` notation); '
        '"off" for none.',
    )
    rate_limit_loopback: bool = Field(
        False, description="Also rate-limit clients on 127.0.0.1/::1 (local tools are exempt by default)."
    )
    header_timeout: float = Field(
        10.0, gt=0, description="Seconds a client may take to send a request's headers (groundqa serve)."
    )

    @field_validator("ask_rate_limit")
    @classmethod
    def _valid_rate_limit(cls, value: str) -> str:
        from service.ratelimit import parse_limit

        parse_limit(value)  # raises ValueError with what is wrong
        return value

    @field_validator("data_dir", "uploads_dir")
    @classmethod
    def _a_folder(cls, value: Path | None) -> Path | None:
        """A folder groundqa writes in: missing (it is created) or a folder, never a file."""
        if value is not None and value.exists() and not value.is_dir():
            raise ValueError(f"{value} is a file, not a folder")
        return value

    @field_validator("database_url", "database_read_url")
    @classmethod
    def _a_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        """A libpq URL ("postgresql://user@host:5432/db") or key=value string, checked as libpq reads
        it where psycopg is installed (the message never repeats the value: it may hold a password)."""
        if value is None or not value.get_secret_value():
            return value
        text = value.get_secret_value()
        try:
            from psycopg.conninfo import conninfo_to_dict
        except ImportError:  # no PostgreSQL support installed: the backend says so when it is used
            if "://" not in text and "=" not in text:
                raise ValueError(_NOT_A_URL) from None
            return value
        try:
            conninfo_to_dict(text)
        except Exception:  # psycopg.ProgrammingError, with the value in its message
            raise ValueError(_NOT_A_URL) from None
        return value

    @property
    def resolved_uploads_dir(self) -> Path:
        return self.uploads_dir if self.uploads_dir is not None else self.data_dir / "uploads"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
