"""Keep PySide6 6.12 from crashing the interpreter on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every binding that returns ``None`` (any void
Qt method: ``QTextCursor.insertText``, ``QProgressBar.setValue``...) and ``SignalInstance.emit``
(which returns ``True``) hand back the singleton without the reference the caller owns. Each
call leaves ``None`` or ``True`` one reference short; after some tens of thousands of calls, a
few seconds of real use, the count reaches zero and CPython aborts with "Fatal Python error:
none_dealloc: deallocating None" (exit 134), usually at exit or in the garbage collector.

CPython 3.12 made these singletons immortal, which is why the bindings get away with it there.
:func:`apply` does the same for this process on older CPythons, and only when a probe shows the
leak: it adds 2**40 references to ``None``, ``True`` and ``False`` (a leak of one per call
cannot use that up). A PySide6 without the bug, or CPython >= 3.12, is left alone.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

RESERVE = 1 << 40
PROBE_CALLS = 16
_applied = False


def _leaks() -> bool:
    """True when void calls or signal emissions drop references to None or True."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
        probe.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return lost_none >= PROBE_CALLS or lost_true >= PROBE_CALLS


def apply() -> bool:
    """Make None/True/False effectively immortal if this PySide6 needs it; True if it did."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or hasattr(sys, "getobjects") or not _leaks():
        return _applied  # (sys.getobjects: a trace-refs build, where the count is not at offset 0)
    import ctypes  # only here: the window's start does not pay for it when nothing leaks

    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += RESERVE
        if sys.getrefcount(singleton) - before != RESERVE:  # not the layout we expect: undo
            count.value -= RESERVE
            log.warning("could not protect %r from PySide6's reference leak", singleton)
            return False
    _applied = True
    log.info("PySide6 %s drops references to None/True; reserved %d for this process",
             _pyside_version(), RESERVE)
    return True


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__
