"""Readers turn a file into a :class:`~talkhis.core.article.Document`.

A small registry keyed by format: each reader module registers the extensions it claims and a
``sniff`` function that recognises its content from the first bytes (magic bytes), so a file
whose extension lies still reaches the right reader. New formats register in :func:`_load_builtin`.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from talkhis.core.article import Document
from talkhis.core.errors import InputError
from talkhis.core.reflow import reflow_document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Reader:
    format: str
    extensions: tuple[str, ...]
    read: Callable[[Path, bytes], Document]  # (path, whole content) -> Document
    sniff: Callable[[bytes], bool] | None = None  # True when the head looks like this format


_REGISTRY: dict[str, Reader] = {}
_BUILTIN_LOADED = False
# (image: scans and photos, read by OCR; any other zip: docx names what it is; legacy: OLE, old
# .doc, .msg, .xls; email: .eml and .mhtml)
_BUILTIN_MODULES = ("text", "pdf", "image", "rtf", "odt", "docx", "legacy", "email", "html")


def register(reader: Reader) -> None:
    _REGISTRY[reader.format] = reader


def readers() -> list[Reader]:
    _load_builtin()
    return list(_REGISTRY.values())


def supported_extensions() -> list[str]:
    return sorted({ext for reader in readers() for ext in reader.extensions})


def _load_builtin() -> None:
    # A flag, not "is the registry empty": importing one reader module first (the e-mail reader
    # for --attachment) registers that reader alone, and the others must still be loaded.
    global _BUILTIN_LOADED
    if _BUILTIN_LOADED:
        return
    _BUILTIN_LOADED = True
    # Each module registers itself on import. Order matters: content sniffing asks the readers
    # in this order, so the more specific magic comes first (ODF's mimetype before any zip, an
    # e-mail's headers before the HTML it may carry). Plain text has no magic and comes last.
    # A module imported earlier (and so registered out of turn) is put back in its place.
    modules = [f"{__name__}.{name}" for name in _BUILTIN_MODULES]
    for module in modules:
        importlib.import_module(module)
    rank = {module: n for n, module in enumerate(modules)}
    ordered = sorted(_REGISTRY.values(), key=lambda r: rank.get(getattr(r.read, "__module__", ""), len(rank)))
    _REGISTRY.clear()
    _REGISTRY.update((reader.format, reader) for reader in ordered)


def choose_reader(path: Path, head: bytes) -> Reader:
    """The reader for a file: by content where a reader recognises it, else by extension."""
    _load_builtin()
    for reader in _REGISTRY.values():
        if reader.sniff is not None and reader.sniff(head):
            return reader
    suffix = path.suffix.lower()
    for reader in _REGISTRY.values():
        if suffix in reader.extensions:
            return reader
    # No extension, or an unknown one: plain text is the only format that has no magic bytes.
    return _REGISTRY["txt"]


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` with the right reader; every failure is an :class:`InputError`."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the name and folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be opened ({exc.strerror}); check its permissions") from None
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an article; give the path of a file inside it")
    if info.st_size == 0:
        raise InputError(f"{path}: the file is empty; choose an article that has text in it")
    if info.st_size > max_bytes:
        raise InputError(
            f"{path}: the file is {info.st_size / 1048576:.1f} MB, over the "
            f"{max_bytes / 1048576:.0f} MB limit; split it or raise the limit (--max-size)"
        )
    try:
        with path.open("rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if len(content) > max_bytes:  # grew while we looked
        raise InputError(f"{path}: the file is over the {max_bytes / 1048576:.0f} MB limit")
    reader = choose_reader(path, content[:SNIFF_BYTES])
    # Every reader's lines pass through one place: hard-wrapped lines become paragraphs again,
    # then the text is repaired and bounded (_repaired).
    return _repaired(reflow_document(reader.read(path, content)))


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_text(text: str) -> str:
    """Surrogates a reader let through (an RTF's emoji written Word's way, ``\\u-10179?\\u-8694?``,
    a PDF's broken ToUnicode map) made valid: a high+low pair becomes the character it encodes,
    a lone one U+FFFD. Without this no output format could be written (UnicodeEncodeError)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


MAX_CHARS = 500_000  # ~250 pages; beyond it no step (segmenting, glossing, summarising) stays bounded


def _repaired(document: Document) -> Document:
    """The one place every reader's text passes: repaired and bounded here, not in each reader."""
    title = repair_text(document.title) if document.title else document.title
    notes = tuple(repair_text(note) for note in document.notes)
    text = repair_text(document.text)
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS  # a paragraph boundary when there is one near
        pages = f" (about {cut // 2000:,} of {len(text) // 2000:,} pages)"
        notes += (f"only the first {cut:,} of {len(text):,} characters were read{pages}; "
                  "split the file to summarise the rest",)
        text = text[:cut]
    if text is document.text and title is document.title and notes == document.notes:
        return document
    return dataclasses.replace(document, text=text, title=title, notes=notes)
