"""Bounds on how much work reading one file may take: pages, seconds, and the user's Cancel.

A hostile or broken file must end in a clear message, never a hang. Readers that can loop
(PDF pages, e-mail parts, zip entries) call :meth:`Budget.check` as they go. The caller sets the
bounds for the current thread (contextvars, so two worker threads never share them)::

    with reading_limits(cancel=event, time_budget=30):
        article = open_article(path)

Without a ``with``, :data:`DEFAULT_LIMITS` apply.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from talkhis.core.errors import Cancelled, InputError


@dataclass(frozen=True)
class ReadLimits:
    max_pages: int = 500  # PDF pages read; the rest are left out with a note
    max_ocr_pages: int = 30  # scanned pages read by OCR in one file (seconds each); the rest noted
    time_budget: float = 60.0  # seconds for one file, checked between pages/parts
    max_zip_entries: int = 5_000  # DOCX/ODT containers
    max_unzipped_bytes: int = 256 * 1024 * 1024  # declared total, checked before any inflating
    max_xml_part_bytes: int = 64 * 1024 * 1024  # one XML part (document.xml, content.xml)
    max_zip_ratio: int = 200  # inflation ratio refused for entries over 1 MiB
    max_mime_parts: int = 500  # e-mail parts
    cancel: threading.Event | None = None
    # Told of slow reads page by page (OCR): (pages done, pages in all, what), e.g. for a progress bar.
    progress: Callable[[int, int, str], None] | None = None


DEFAULT_LIMITS = ReadLimits()
_CURRENT: ContextVar[ReadLimits] = ContextVar("talkhis_read_limits", default=DEFAULT_LIMITS)


def current_limits() -> ReadLimits:
    return _CURRENT.get()


@contextlib.contextmanager
def reading_limits(**changes) -> Iterator[ReadLimits]:
    """Change the bounds (any :class:`ReadLimits` field) for reads in this thread/context."""
    limits = replace(_CURRENT.get(), **changes)
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


class Budget:
    """The running bound of one read: started when the reader starts."""

    def __init__(self, path: Path, limits: ReadLimits | None = None) -> None:
        self.path = path
        self.limits = limits or current_limits()
        self.deadline = time.monotonic() + self.limits.time_budget

    def report(self, done: int, total: int, what: str = "pages") -> None:
        """Say how far a slow read is (the window's progress bar), and stop here if the user
        cancelled. Slow reads (OCR) bound their work by pages, not by :meth:`check`'s clock."""
        if self.limits.progress is not None:
            self.limits.progress(done, total, what)
        cancel = self.limits.cancel
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"{self.path}: cancelled while reading {what} ({done} of {total} done)")

    def check(self, what: str = "reading") -> None:
        """Raise :class:`Cancelled` if the user cancelled, :class:`InputError` past the deadline."""
        cancel = self.limits.cancel
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"{self.path}: cancelled while {what}")
        if time.monotonic() > self.deadline:
            raise InputError(
                f"{self.path}: gave up after {self.limits.time_budget:.0f} s of {what}; the file is "
                "too complex or damaged: save it again (or as plain text) and retry"
            )
