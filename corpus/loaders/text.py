"""Plain text (.txt) and Markdown (.md) files; Markdown front matter gives metadata."""

from __future__ import annotations

import re

from corpus.loaders.base import Extracted, FileMeta, check_not_binary, decode_text
from corpus.manifest import iso_date
from corpus.script import normalize_language

# YAML ("---") or TOML ("+++") front matter at the very start of a Markdown file.
_FRONT_MATTER = re.compile(
    r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.+?)[ \t]*$")

_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "creator": "author",
    "publisher": "publisher",
    "source": "publisher",
    "date": "date",
    "published": "date",
    "created": "date",
    "url": "url",
    "source_url": "url",
    "link": "url",
    "canonical_url": "url",
    "license": "license",
    "licence": "license",
    "rights": "license",
    "lang": "language",
    "language": "language",
}


def load_text(data: bytes, ext: str) -> Extracted:
    check_not_binary(data, ext)
    text, note = decode_text(data)
    return Extracted(parts=(text,), notes=(note,) if note else ())


def _unquote(value: str) -> str:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = ", ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()


def parse_front_matter(block: str) -> dict[str, str]:
    """Flat `key: value` (or `key = value`) pairs; a key followed by "- item" lines takes the items."""
    found: dict[str, str] = {}
    pending: str | None = None
    for line in block.splitlines():
        item = _LIST_ITEM.match(line)
        if item and pending is not None:
            found[pending] = ", ".join(filter(None, (found.get(pending, ""), _unquote(item.group(1)))))
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            pending = None
            continue
        key = _KEYS.get(match.group(1).lower())
        value = _unquote(match.group(2))
        pending = key if key and not value else None
        if key and value and key not in found:
            found[key] = value
    return found


def load_markdown(data: bytes, ext: str) -> Extracted:
    check_not_binary(data, ext)
    text, note = decode_text(data)
    notes = (note,) if note else ()
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        return Extracted(parts=(text,), notes=notes)
    fields = parse_front_matter(match.group(2))
    meta = FileMeta(
        title=fields.get("title") or None,
        publisher=fields.get("publisher") or fields.get("author") or None,
        date=iso_date(fields.get("date")),
        url=fields.get("url") or None,
        license=fields.get("license") or None,
        language=normalize_language(fields.get("language")),
    )
    return Extracted(parts=(text.lstrip("\ufeff")[match.end() :],), meta=meta, notes=notes)
