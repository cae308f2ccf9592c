"""Citation metadata rules shared by every edge that accepts metadata.

One set of rules, three strictnesses:

- the upload API and the admin form refuse a bad field (`clean_upload_field` raises InvalidMetadata,
  an HTTP 422 naming the field);
- manifest.csv ignores a bad cell with a warning naming the line (`corpus.manifest`);
- a file's own metadata (HTML meta, PDF info, ...) drops a bad value silently (`corpus.ingest`).

The rules: a title, publisher or licence holds at most 500 characters, a URL at most 2,000; a URL is
http or https with a host and nothing a URL cannot hold (spaces, quotes, angle brackets); markup is
removed from text (tags, comments and any `<` that would open one, as HTML's tokenizer reads them),
so that a client which forgets to escape still shows plain text; no control characters (refused by
the API, removed elsewhere).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from corpus.errors import InvalidMetadata
from corpus.script import normalize_language

MAX_CHARS = {"title": 500, "publisher": 500, "license": 500, "url": 2000, "origin": 2000}
URL_SCHEMES = ("http", "https")
LANGUAGE_MAX_CHARS = 12

# C0 and C1 controls (tab and newline included: every field is one line) and bidi overrides/isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# HTML's tokenizer opens a tag, end tag, comment or declaration at "<" followed by a letter, "/", "!"
# or "?", and closes it at the next ">" (or the end of the input).
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"<[A-Za-z/!?][^>]*(?:>|$)")
# Never in a URL, and able to break out of an HTML attribute or text. (An apostrophe is legal in a
# URL: https://en.wikipedia.org/wiki/Women's_rights_in_North_Korea is a real one.)
_NOT_IN_URL = re.compile(r'[\s<>"\\]')


def strip_markup(value: str) -> str:
    """`value` without HTML markup: tags and comments become a space, entities stay as written.

    Repeated until nothing changes, so "<<b>script>" cannot reassemble into a tag.
    """
    for _ in range(10):
        stripped = _TAG.sub(" ", _COMMENT.sub(" ", value))
        if stripped == value:
            break
        value = stripped
    if "<" in value:  # still changing after 10 rounds: an adversarial nest; drop every tag opener
        value = re.sub(r"<(?=[A-Za-z/!?])", "", value)
    return value


def has_controls(value: str) -> bool:
    """Whether `value` holds a control, bidi override or lone surrogate character."""
    return bool(_CONTROL.search(value) or _SURROGATE.search(value))


def remove_controls(value: str) -> str:
    """`value` with each control or bidi character (C0, DEL, C1, U+202A-202E, U+2066-2069) replaced by
    a space and lone surrogates removed; the same length or shorter."""
    return _SURROGATE.sub("", _CONTROL.sub(" ", value))


def url_problem(value: str) -> str | None:
    """Why `value` is not an acceptable source URL, or None when it is."""
    if _NOT_IN_URL.search(value):
        return "contains characters a URL cannot hold (spaces, double quotes, angle brackets or backslashes)"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a URL"
    if parts.scheme.lower() not in URL_SCHEMES:
        return f"must start with {' or '.join(s + '://' for s in URL_SCHEMES)}"
    if not parts.hostname:
        return "has no host name"
    return None


def text_problem(value: str, limit: int) -> str | None:
    """Why a text field's value is refused (length), or None."""
    if len(value) > limit:
        return f"has {len(value):,} characters, more than the {limit:,} allowed"
    return None


def clean_text(value: str) -> str:
    """A text value as stored: markup removed, whitespace runs collapsed to one space."""
    return " ".join(strip_markup(value).split())


def clean_upload_field(field: str, value: str | None) -> str | None:
    """A metadata field given with an upload, validated and cleaned; None when empty.

    `field` is the form field's name: title, publisher, url, license or language.
    Raises InvalidMetadata (naming the field) for a value that is too long, holds control
    characters, is markup only, is not an http(s) URL, or is not a language code.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    if has_controls(value):
        raise InvalidMetadata(field, "contains control characters (tabs, line breaks or invisible controls)")
    if field == "language":
        code = normalize_language(value) if len(value) <= LANGUAGE_MAX_CHARS else None
        if code is None:
            raise InvalidMetadata(field, f"{value[:40]!r} is not a language code such as en, ko or zh")
        return code
    limit = MAX_CHARS[field]
    problem = text_problem(value, limit)
    if problem is None and field == "url":
        problem = url_problem(value)
    if problem is not None:
        raise InvalidMetadata(field, problem)
    if field == "url":
        return value
    cleaned = clean_text(value)
    if not cleaned:
        raise InvalidMetadata(field, "holds only markup, no text")
    return cleaned


def lenient_text(value: str | None, limit: int = MAX_CHARS["title"]) -> str | None:
    """A text value from a file's own metadata: cleaned, or None when unusable (too long, markup only)."""
    if not value:
        return None
    value = clean_text(remove_controls(value))
    return value if value and len(value) <= limit else None


def lenient_url(value: str | None) -> str | None:
    """A URL from a manifest or a file's own metadata, or None when it is not an acceptable URL."""
    if not value:
        return None
    value = value.strip()
    if len(value) > MAX_CHARS["url"] or url_problem(value) is not None:
        return None
    return value
