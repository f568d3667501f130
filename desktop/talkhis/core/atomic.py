"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The new file gets the permissions of any file the user saves (``0o666`` less their umask, applied
by the system as it creates the temporary file), not ``mkstemp``'s private ``0o600``: a report
saved on a shared drive for a colleague must be readable by them. ``private=True`` keeps a file to
its owner (``0o600``) for callers that want that deliberately.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _create_temporary(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    """A new hidden file beside the target; ``mode`` is filtered by the umask, as open(2) does."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, _FLAGS, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {folder / name}")


def write_bytes(path: str | os.PathLike, data: bytes, *, private: bool = False) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path.parent, path.name, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | os.PathLike, text: str, *, private: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), private=private)
