"""Logging: a file in the user log directory, rotated at start; each module logs to its own name."""

from __future__ import annotations

import logging
import os

from talkhis.core import paths

LOG_FILE = "talkhis.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


def rotate(path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
    """Keep ``path`` under ``max_bytes`` at start: over it, it becomes ``path.1`` (and so on).

    Done once when logging is set up, not on every record as ``RotatingFileHandler`` does: its
    module (``logging.handlers``, with socket and pickle) costs the window's start ~10 ms, and a
    session logs a few kilobytes.
    """
    try:
        if os.path.getsize(path) < max_bytes:
            return
        for number in range(backups - 1, 0, -1):
            older = f"{path}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{path}.{number + 1}")
        os.replace(path, f"{path}.1")
    except OSError:  # no log yet, or a read-only folder: nothing to rotate
        pass


def setup_logging(level: int = logging.INFO) -> str:
    """Send every ``talkhis.*`` record to the log file; return the file's path."""
    path = paths.log_dir() / LOG_FILE
    root = logging.getLogger("talkhis")
    if not any(getattr(h, "_talkhis", False) for h in root.handlers):
        rotate(path)
        try:
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:  # read-only home: logging must never stop the app
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._talkhis = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return str(path)
