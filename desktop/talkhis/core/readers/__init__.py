"""Readers turn a file into a :class:`~talkhis.core.article.Document`.

A small registry keyed by format: each reader module registers the extensions it claims and a
``sniff`` function that recognises its content from the first bytes (magic bytes), so a file
whose extension lies still reaches the right reader. New formats register in :func:`_load_builtin`.
"""

from __future__ import annotations

import os
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


def register(reader: Reader) -> None:
    _REGISTRY[reader.format] = reader


def readers() -> list[Reader]:
    _load_builtin()
    return list(_REGISTRY.values())


def supported_extensions() -> list[str]:
    return sorted({ext for reader in readers() for ext in reader.extensions})


def _load_builtin() -> None:
    if _REGISTRY:
        return
    # Each module registers itself on import. Order matters: content sniffing asks the readers
    # in this order, so the more specific magic comes first (ODF's mimetype before any zip, an
    # e-mail's headers before the HTML it may carry). Plain text has no magic and comes last.
    from talkhis.core.readers import text  # noqa: F401
    from talkhis.core.readers import pdf  # noqa: F401
    from talkhis.core.readers import image  # noqa: F401  (scans and photos, read by OCR)
    from talkhis.core.readers import rtf  # noqa: F401
    from talkhis.core.readers import odt  # noqa: F401
    from talkhis.core.readers import docx  # noqa: F401  (any other zip: names what it is)
    from talkhis.core.readers import legacy  # noqa: F401  (OLE: old .doc, .msg, .xls)
    from talkhis.core.readers import email  # noqa: F401  (.eml, and .mhtml web archives)
    from talkhis.core.readers import html  # noqa: F401


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
    # Every reader's lines pass through one place: hard-wrapped lines become paragraphs again.
    return reflow_document(reader.read(path, content))
