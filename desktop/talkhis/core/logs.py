"""Logging: a rotating file in the user log directory; each module logs to its own name."""

from __future__ import annotations

import logging
import logging.handlers

from talkhis.core import paths

LOG_FILE = "talkhis.log"


def setup_logging(level: int = logging.INFO) -> str:
    """Send every ``talkhis.*`` record to the rotating log file; return the file's path."""
    path = paths.log_dir() / LOG_FILE
    root = logging.getLogger("talkhis")
    if not any(getattr(h, "_talkhis", False) for h in root.handlers):
        try:
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:  # read-only home: logging must never stop the app
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._talkhis = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return str(path)
