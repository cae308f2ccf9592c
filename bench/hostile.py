"""A collection of malformed and hostile source files, generated on demand (never committed).

    collection = generate(Path("/tmp/hostile"))          # writes the files, returns what to expect
    python -m bench.hostile /tmp/hostile [--max-mb 50]   # writes them, indexes them with the fake
                                                         # embedder and prints one row per file

Every file must end up either ingested or refused with a clear per-file reason; nothing may crash
the run or the server. `Case.outcome` says which is expected ("either" where both are acceptable,
e.g. a page so deeply nested that the HTML parser gives up), `Case.reason` is a regular expression
that the refusal reason (or, for an ingested file, one of its warnings) must match.
Files outside the folder (symbolic link targets, an XXE target) hold `CANARY`, which must never
appear in any ingested text.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Outcome = Literal["added", "failed", "either"]
CANARY = "CANARY-7f3a91-outside-the-sources-folder"

_SENTENCES = (
    "The river was crossed at night by eleven families.",
    "Human rights groups reported that the detainees were returned across the border.",
    "No Contracting State shall expel or return a refugee to the frontiers of territories "
    "where his life or freedom would be threatened.",
)
_BODY = " ".join(_SENTENCES)


@dataclass(frozen=True)
class Case:
    """One hostile file: where the ingestion report names it, what it is and what must happen."""

    rel: str
    what: str
    outcome: Outcome
    reason: str = ""


@dataclass
class Collection:
    folder: Path
    outside: Path
    cases: list[Case] = field(default_factory=list)
    # (path in the report, regex) of the warnings the garbage manifest must produce
    manifest_warnings: list[tuple[str, str]] = field(default_factory=list)

    def case(self, rel: str) -> Case:
        return next(c for c in self.cases if c.rel == rel)


# -- building blocks ----------------------------------------------------------------------------------
def raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(text: str = _SENTENCES[0], *, pages_kids: bytes = b"[3 0 R]", count: int = 1) -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids " + pages_kids + b" /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _pypdf_bytes(build: Callable[[Any], None]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    build(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def blank_pages_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def aes_pdf() -> bytes:
    """An AES-256 encrypted PDF (hand-made: pypdf needs `cryptography` to write or read one)."""
    content = b"BT /F1 12 Tf 72 720 Td (secret) Tj ET"
    encrypt = (
        b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <" + b"00" * 48 + b"> /U <" + b"00" * 48 + b">"
        b" /OE <" + b"00" * 32 + b"> /UE <" + b"00" * 32 + b"> /Perms <" + b"00" * 16 + b">"
        b" /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF >>"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(content),
            encrypt,
        ],
        b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    )


def flate_bomb_pdf(megabytes: int) -> bytes:
    import zlib

    squeezer = zlib.compressobj(9)
    parts = [squeezer.compress(b"BT /F1 12 Tf 72 720 Td (")]
    chunk = b"A" * (1 << 20)
    parts += [squeezer.compress(chunk) for _ in range(megabytes)]
    parts += [squeezer.compress(b") Tj ET"), squeezer.flush()]
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"".join(parts), b"/Filter /FlateDecode "),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def docx_bytes(text: str = _BODY) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Hostile document", 1)
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_with(document_xml: bytes | Callable[[zipfile.ZipFile], None], *, level: int = 9) -> bytes:
    """A copy of a real DOCX whose word/document.xml is replaced (bytes, or written by a callback)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                package.writestr(info.filename, source.read(info.filename))
            elif callable(document_xml):
                document_xml(package)
            else:
                package.writestr(info.filename, document_xml)
    return out.getvalue()


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _doc_xml(body: bytes, doctype: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + doctype
        + b"<w:document "
        + _W
        + b"><w:body>"
        + body
        + b"</w:body></w:document>"
    )


def zip_bomb_docx(megabytes: int) -> bytes:
    """A DOCX whose document.xml inflates to `megabytes` MB of one text run (streamed, never in memory)."""

    def write(package: zipfile.ZipFile) -> None:
        with package.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_doc_xml(b"<w:p><w:r><w:t>").rsplit(b"</w:t>", 1)[0])
            chunk = b"A" * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")

    return docx_with(write, level=1)  # fast to make; still inflates ~230 times


def _entity_bomb_doctype(root: bytes) -> bytes:
    lines = [b'<!ENTITY e0 "haha haha haha haha haha haha haha haha haha haha ">']
    lines += [b'<!ENTITY e%d "%s">' % (i, b"&e%d;" % (i - 1) * 10) for i in range(1, 10)]
    return b"<!DOCTYPE " + root + b" [" + b"".join(lines) + b"]>\n"


def _xxe_doctype(root: bytes, target: Path) -> bytes:
    return b'<!DOCTYPE %s [<!ENTITY xxe SYSTEM "file://%s">]>\n' % (root, os.fsencode(target))


# -- the collection -----------------------------------------------------------------------------------
class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cases: list[Case] = []

    def add(self, rel: str, data: bytes | str, what: str, outcome: Outcome, reason: str = "") -> None:
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.cases.append(Case(rel, what, outcome, reason))

    def expect(self, rel: str, what: str, outcome: Outcome, reason: str = "") -> None:
        self.cases.append(Case(rel, what, outcome, reason))


def generate(
    folder: Path,
    *,
    outside: Path | None = None,
    max_bytes: int = 50 * 1024 * 1024,
    big_line_bytes: int = 50 * 1024 * 1024,
    pdf_pages: int = 5000,
    nested_divs: int = 100_000,
    zip_bomb_mb: int = 1024,
    flate_bomb_mb: int = 100,
    special_files: bool = True,
) -> Collection:
    """Write the hostile collection into `folder` (created) and link targets into `outside`.

    Args:
        max_bytes: the ingestion's size limit, which decides what the big one-line file must do.
        big_line_bytes: size of the file that is one single line of words.
        zip_bomb_mb: what the DOCX bomb inflates to (refused when over the loader's unpacked limit).
        flate_bomb_mb: what the PDF content stream inflates to; keep it over pypdf's 75 MB cap, or the
            text is extracted (slowly: ~45 s for 70 MB) before the source is refused as too long.
        special_files: also create a FIFO (skip it where the folder will be copied: copying blocks).
    """
    from corpus.loaders.base import MAX_TEXT_CHARS
    from corpus.loaders.docx import MAX_UNPACKED_BYTES

    folder.mkdir(parents=True, exist_ok=True)
    outside = outside if outside is not None else folder.parent / f"{folder.name}-outside"
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(f"{CANARY}\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (outside / "dir").mkdir(exist_ok=True)
    (outside / "dir" / "inside-linked-dir.txt").write_text(CANARY, encoding="utf-8")
    rng = random.Random(20261126)
    w = _Writer(folder)
    binary = "binary file with a text extension"

    # plain text: binary data, encodings, invisible characters, sizes
    w.add("good.txt", f"Control document\n\n{_BODY}", "a normal file (control)", "added")
    w.add(
        "binary-png.txt",
        b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000),
        "a PNG image named .txt",
        "failed",
        binary,
    )
    w.add("binary-random.md", b"\x00\x01" + rng.randbytes(8000), "random bytes named .md", "failed", binary)
    w.add(
        "binary-elf.html",
        b"\x7fELF\x02\x01\x01" + rng.randbytes(4000),
        "an executable named .html",
        "failed",
        binary,
    )
    w.add("utf16-no-bom.txt", _BODY.encode("utf-16-le"), "UTF-16 without a byte-order mark", "failed", binary)
    w.add("utf16-bom.txt", _BODY.encode("utf-16"), "UTF-16 with a byte-order mark", "added", "UTF-16")
    w.add(
        "nul-bytes.txt",
        _BODY.replace(" ", "\x00", 5),
        "text with a few NUL bytes",
        "added",
        "control character",
    )
    w.add("nul-flood.txt", b"\x00" * 10_000 + _BODY.encode(), "mostly NUL bytes", "failed", binary)
    w.add(
        "zero-width.txt",
        "\u200b".join(_BODY.split(" ")),
        "zero-width spaces between words",
        "added",
        "zero-width",
    )
    w.add(
        "rtl-override.txt",
        "\u202e" + _SENTENCES[0] + "\u202c \u2066" + _SENTENCES[1] + "\u2069",
        "right-to-left override and isolate controls",
        "added",
        "bidirectional",
    )
    w.add(
        "only-invisible.txt",
        "\u200b\u202e\u2066\u00ad\ufeff" * 200,
        "only invisible characters",
        "failed",
        "no text",
    )
    w.add("whitespace-only.txt", " \t\n\n \u3000 \n" * 100, "only whitespace", "failed", "no text")
    w.add("empty.txt", b"", "0 bytes", "failed", "empty file")
    w.add("empty.pdf", b"", "0 bytes", "failed", "empty file")
    w.add("empty.docx", b"", "0 bytes", "failed", "empty file")
    w.add("empty.html", b"", "0 bytes", "failed", "empty file")
    w.add(
        "cp949.txt",
        "난민은 본인의 의사에 반하여 강제로 송환되지 아니한다.".encode("cp949"),
        "Korean in CP949",
        "added",
        "CP949",
    )
    mixed = (
        "Café crème, ".encode()
        + "déjà vu, ".encode("latin-1")
        + "난민".encode("cp949")
        + b" "
        + _BODY.encode()
    )
    w.add("mixed-encodings.txt", mixed, "UTF-8, Latin-1 and CP949 in one file", "added", "invalid UTF-8")
    w.add(
        "encoded-surrogates.txt",
        b"lone surrogate \xed\xa0\x80 here. " + _BODY.encode(),
        "UTF-8-encoded surrogates",
        "added",
        "invalid UTF-8",
    )
    w.add(
        "overlong-utf8.txt",
        b"overlong slash \xc0\xaf and \xe0\x80\xaf. " + _BODY.encode(),
        "overlong UTF-8 sequences",
        "added",
        "invalid UTF-8",
    )
    w.add(
        "zalgo.txt",
        "Z" + "\u0301\u0302\u0303" * 3000 + "algo. " + _BODY,
        "thousands of combining marks",
        "added",
    )
    w.add(
        "front-matter-bomb.md",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\n"
        "c: [*b, *b, *b, *b, *b, *b, *b, *b]\ntitle: Anchors\n---\n\n" + _BODY,
        "YAML alias bomb in front matter",
        "added",
    )
    w.add("deep-quotes.md", ">" * 20_000 + " " + _BODY, "20,000 nested block quotes", "added")
    block = " ".join(rng.choice(_BODY.split()) for _ in range(20_000)).encode() + b" "
    line = (block * (big_line_bytes // len(block) + 1))[:big_line_bytes]
    big: tuple[Outcome, str]
    if len(line) > max_bytes:
        big = ("failed", "over the limit")
    elif len(line) > MAX_TEXT_CHARS:
        big = ("failed", "more than the .* allowed")
    else:
        big = ("added", "")
    w.add("one-huge-line.txt", line, f"{len(line):,} bytes on one line", *big)

    # HTML
    deep = "<div>" * nested_divs + _BODY + "</div>" * nested_divs
    w.add(
        "nested-divs.html",
        f"<html><body>{deep}</body></html>",
        f"{nested_divs:,} nested divs",
        "either",
        "no extractable text",
    )
    w.add(
        "unclosed-divs.html", f"<html><body><p>{_BODY}</p>" + "<div>" * nested_divs, "unclosed divs", "added"
    )
    w.add(
        "script-only.html",
        "<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
        "only script and style",
        "failed",
        "no extractable text",
    )
    bomb = _entity_bomb_doctype(b"html")
    w.add(
        "entity-bomb.html",
        b'<?xml version="1.0"?>\n'
        + bomb
        + b"<html><body><p>&e9;</p><p>"
        + _BODY.encode()
        + b"</p></body></html>",
        "billion-laughs entities",
        "either",
    )
    w.add(
        "xxe.html",
        b'<?xml version="1.0"?>\n'
        + _xxe_doctype(b"html", secret)
        + b"<html><body><p>Before &xxe; after. "
        + _BODY.encode()
        + b"</p></body></html>",
        "external entity pointing outside the folder",
        "either",
    )
    w.add(
        "charset-utf7.html",
        b'<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4- '
        + _BODY.encode()
        + b"\xff</p></body></html>",
        "declares UTF-7, holds invalid UTF-8",
        "either",
    )
    w.add(
        "charset-bogus.html",
        b'<html><head><meta charset="x-no-such-codec"></head><body><p>'
        + _BODY.encode()
        + b" caf\xe9</p></body></html>",
        "declares an unknown charset",
        "added",
        "Windows-1252|Latin-1",
    )

    # PDF
    good_pdf = text_pdf()
    w.add(
        "truncated.pdf",
        good_pdf[: len(good_pdf) // 2],
        "a PDF cut in half",
        "failed",
        "corrupt or truncated PDF",
    )
    w.add("not-a-pdf.pdf", _BODY, "text named .pdf", "failed", "corrupt or truncated PDF")
    w.add("garbage.pdf", b"%PDF-1.4\n" + rng.randbytes(20_000), "a PDF header then garbage", "failed", "PDF")
    w.add(
        "encrypted.pdf",
        _pypdf_bytes(lambda wr: wr.encrypt(user_password="s3cret", owner_password="o", algorithm="RC4-128")),
        "encrypted with a user password",
        "failed",
        "password",
    )
    w.add(
        "encrypted-no-password.pdf",
        _pypdf_bytes(lambda wr: wr.encrypt(user_password="", owner_password="o", algorithm="RC4-128")),
        "encrypted with an empty user password",
        "added",
    )
    w.add("encrypted-aes.pdf", aes_pdf(), "AES-256 encrypted", "failed", "encrypted PDF")
    w.add(
        "page-bomb.pdf",
        blank_pages_pdf(pdf_pages),
        f"{pdf_pages:,} empty pages",
        "failed",
        f"no extractable text in {pdf_pages} pages",
    )
    w.add(
        "page-loop.pdf",
        text_pdf(pages_kids=b"[2 0 R 3 0 R]", count=2),
        "a page tree that contains itself",
        "either",
        "PDF",
    )
    w.add("page-count-lie.pdf", text_pdf(count=999_999_999), "claims a billion pages", "either", "PDF")
    w.add(
        "flate-bomb.pdf",
        flate_bomb_pdf(flate_bomb_mb),
        f"a content stream inflating to {flate_bomb_mb:,} MB",
        "either",
        "PDF|text",
    )
    deep_pdf = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /X " + b"<< /A " * 20_000 + b">>" * 20_000 + b" >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    )
    w.add("deep-objects.pdf", deep_pdf, "20,000 nested dictionaries", "failed", "PDF")

    # DOCX
    w.add(
        "zip-bomb.docx",
        zip_bomb_docx(zip_bomb_mb),
        f"document.xml inflates to {zip_bomb_mb:,} MB",
        "failed" if zip_bomb_mb * 2**20 > MAX_UNPACKED_BYTES else "either",
        "ZIP bomb|too long|more than",
    )
    w.add("not-a-zip.docx", _BODY, "text named .docx", "failed", "not a valid DOCX")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as package:
        package.writestr("hello.txt", _BODY)
    w.add("zip-not-docx.docx", plain_zip.getvalue(), "a ZIP without Word parts", "failed", "DOCX")
    good_docx = docx_bytes()
    w.add("truncated.docx", good_docx[: len(good_docx) // 2], "a DOCX cut in half", "failed", "DOCX")
    w.add(
        "entity-bomb.docx",
        docx_with(_doc_xml(b"<w:p><w:r><w:t>&e9;</w:t></w:r></w:p>", _entity_bomb_doctype(b"w:document"))),
        "billion-laughs entities in document.xml",
        "either",
    )
    w.add(
        "xxe.docx",
        docx_with(
            _doc_xml(
                b"<w:p><w:r><w:t>Before &xxe; after. " + _BODY.encode() + b"</w:t></w:r></w:p>",
                _xxe_doctype(b"w:document", secret),
            )
        ),
        "external entity pointing outside the folder",
        "either",
    )
    w.add(
        "deep-xml.docx",
        docx_with(_doc_xml(b"<w:p>" + b"<w:r>" * 50_000 + b"</w:r>" * 50_000 + b"</w:p>")),
        "50,000 nested XML elements",
        "either",
    )

    # names and links
    w.add(
        "x\\..\\..\\escape.txt",
        _BODY,
        "a backslash name that reads as x/../../escape.txt",
        "failed",
        "backslash",
    )
    bad_name = os.fsencode(folder) + b"/latin1-\xe9.txt"
    with open(bad_name, "wb") as fh:
        fh.write(_BODY.encode())
    w.expect("latin1-?.txt", "a file name that is not UTF-8", "failed", "not valid UTF-8")
    (folder / "난민 보고서 cafe\u0301.txt").write_text(_BODY, encoding="utf-8")
    w.expect("난민 보고서 café.txt", "a non-ASCII name, NFD on disk (reported in NFC)", "added")
    w.add("line\nbreak.txt", _BODY, "a newline in the file name", "added")
    w.add(
        "\u202egnp.exe.txt", "x" * 300 + "\n\n" + _BODY, "a right-to-left override in the file name", "added"
    )
    w.add("n" * 240 + ".txt", _BODY, "a 244-byte file name", "added")
    w.add("program.exe", b"MZ" + rng.randbytes(100), "unsupported type", "failed", "unsupported")
    w.add("noextension", _BODY, "no extension", "failed", "without an extension")
    (folder / "folder.txt").mkdir(exist_ok=True)
    w.add("folder.txt/inner.txt", _BODY, "a file inside a folder named like a file", "added")
    os.symlink(secret, folder / "link-out.txt")
    w.expect(
        "link-out.txt", "symbolic link to a file outside the folder", "failed", "outside the sources folder"
    )
    os.symlink(outside / "dir", folder / "link-out-dir")
    w.expect("link-out-dir", "symbolic link to a folder outside", "failed", "outside the sources folder")
    os.symlink("/dev/zero", folder / "link-dev-zero.txt")
    w.expect("link-dev-zero.txt", "symbolic link to /dev/zero", "failed", "outside the sources folder")
    os.symlink(folder / "nowhere.txt", folder / "broken-link.txt")
    w.expect("broken-link.txt", "a broken symbolic link", "failed", "broken symbolic link")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    w.expect("loop-a.txt", "a symbolic link loop", "failed", "broken symbolic link")
    w.expect("loop-b.txt", "a symbolic link loop", "failed", "broken symbolic link")
    os.symlink(".", folder / "link-to-self")
    if special_files:
        os.mkfifo(folder / "fifo.txt")
        w.expect("fifo.txt", "a named pipe", "failed", "not a regular file")

    # a manifest with garbage rows (each row gives a warning, the good rows still apply)
    long_title = "T" * 5000
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language,colour\n"
        'good.txt,"Good \u202eevil\u202c title\x07",Pub,2024-02-30,https://example.org,test,CC0,en,red\n'
        "../../etc/passwd,Escape,,,,,,,\n"
        "/etc/passwd,Absolute,,,,,,,\n"
        "cp949.txt,Too,many,cells,here,x,y,z,w,v,u\n"
        "utf16-bom.txt,Bad date,,31/02/2024,,,,klingon!!,\n"
        "utf16-bom.txt,Duplicate,,,,,,,\n"
        ",orphan title,,,,,,,\n"
        f"zalgo.txt,{long_title},,,,,,,\n"
        '"quoted\nnewline.txt",Newline,,,,,,,\n'
        '=HYPERLINK("http://evil"),Formula,,,,,,,\n'
        f"long-cell.txt,{'L' * 200_000},,,,,,,\n"  # over the csv module's own field limit
        "script-url.txt,Script URL,,,javascript:alert(1),,,,\n"
    )
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    warnings = [
        ("manifest.csv", "unknown manifest columns ignored: colour"),
        ("../../etc/passwd", "names this file, but it is not in the sources folder"),
        ("/etc/passwd", "names this file, but it is not in the sources folder"),
        ("manifest.csv", "more cells than header columns"),
        ("manifest.csv", "'31/02/2024' is not an ISO date"),
        ("manifest.csv", "'klingon!!' is not a language code"),
        ("manifest.csv", "duplicate row for 'utf16-bom.txt'"),
        ("manifest.csv", "row without a file name"),
        ("manifest.csv", "title has 5,000 characters, more than the 500 allowed"),
        ("manifest.csv", "title has 200,000 characters, more than the 500 allowed"),
        ("manifest.csv", "source_url 'javascript:alert(1)' must start with http:// or https://"),
    ]
    return Collection(folder=folder, outside=outside, cases=w.cases, manifest_warnings=warnings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="where to write (default: a temporary folder)")
    parser.add_argument("--max-mb", type=float, default=50.0, help="ingestion size limit (MB)")
    args = parser.parse_args()

    from index import LocalCatalog, SourceDir, update_index
    from tests.fakes import FakeEmbedder

    root = args.folder or Path(tempfile.mkdtemp(prefix="groundqa-hostile-"))
    max_bytes = int(args.max_mb * 1024 * 1024)
    started = time.perf_counter()
    collection = generate(root / "sources", max_bytes=max_bytes)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    report = update_index(
        catalog=LocalCatalog(root / "data"),
        inputs=[SourceDir(collection.folder)],
        embedder=FakeEmbedder(),
        max_bytes=max_bytes,
    )
    seconds = time.perf_counter() - started
    failed = {f.path: f.reason for f in report.failed}
    print(f"{len(collection.cases)} hostile files in {root / 'sources'} (generated in {generated:.1f} s)")
    print(f"indexed in {seconds:.1f} s: {len(report.added)} added, {len(report.failed)} refused\n")
    print("| file | what | expected | result |")
    print("|---|---|---|---|")
    for case in collection.cases:
        got = f"refused: {failed[case.rel]}" if case.rel in failed else "ingested"
        print(f"| `{case.rel!r}`"[:60] + f" | {case.what} | {case.outcome} | {got[:140]} |")


if __name__ == "__main__":
    main()
