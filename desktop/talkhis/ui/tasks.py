"""The one task runner: a core call runs in a thread pool and reports back through signals.

A :class:`Task` wraps a plain function ``fn(task) -> result``. The function runs in a worker
thread; it may call :meth:`Task.report_progress` and :meth:`Task.report_partial` and should look
at :attr:`Task.cancel` (a :class:`threading.Event`, handed straight to the core's ``cancel=``).
Every exception is caught: a :class:`~talkhis.core.errors.TalkhisError` becomes ``failed`` with
its one-line message, anything else is logged with its traceback and becomes ``failed`` with a
short line that points at the log. Workers never touch a widget: the signals object lives in
the UI thread, so Qt queues each emission to the slots there.

Two pools: translation runs in a pool of exactly one thread (CTranslate2's own threads already
use every core, and one translator must not run twice at once); reading, summarising
and model imports run in a small general pool.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from talkhis.core.errors import TalkhisError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """What a running task tells the UI thread. Created in (and so delivered to) the UI thread."""

    progress = Signal(int, int, str)  # done, total, what is happening ("" for sentences)
    partial = Signal(object)  # dict[int, Translation]: sentences finished in the latest batch
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # one line for the user


class Task:
    """One job: ``fn(task)`` run in a pool. Create it in the UI thread, then :meth:`TaskRunner.start` it."""

    def __init__(self, fn: Callable[[Task], Any], name: str = "task"):
        self.fn = fn
        self.name = name
        self.cancel = threading.Event()
        self.signals = TaskSignals()
        self.done = False  # set in the UI thread once finished/failed has been delivered

    # -- called from the worker thread -----------------------------------------------------
    def report_progress(self, done: int, total: int, what: str = "") -> None:
        self._emit("progress", done, total, what)

    def report_partial(self, new: dict) -> None:
        self._emit("partial", new)

    def _emit(self, name: str, *args) -> None:
        """Send news to the UI thread; news of work the window abandoned (it was closed and its
        objects deleted while this worker still ran) goes to nobody, never to an error window."""
        try:
            getattr(self.signals, name).emit(*args)
        except RuntimeError as exc:  # "Signal source has been deleted"
            log.info("%s: %s news after the window let it go (%s)", self.name, name, exc)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self)
        except TalkhisError as exc:
            log.info("%s failed: %s", self.name, exc)
            self._emit("failed", str(exc))
        except Exception as exc:  # a bug: the traceback goes to the log, the user gets one line
            if ABANDONED.is_set():  # the window is gone: whatever broke, nobody is waiting for it
                log.info("%s ended after the window closed (%s)", self.name, type(exc).__name__)
                return
            log.exception("%s failed unexpectedly", self.name)
            self._emit("failed", f"unexpected error in {self.name} ({type(exc).__name__}: {exc}); details are in the log file")
        else:
            self._emit("finished", result)


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task

    def run(self) -> None:  # worker thread
        self.task.run()


def translation_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setObjectName("translation")
    return pool


def general_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    pool.setObjectName("general")
    return pool


class TaskRunner(QObject):
    """Starts tasks in the right pool and keeps them alive until they have reported back."""

    def __init__(self, translation=None, general=None, parent: QObject | None = None):
        super().__init__(parent)
        self.translation = translation if translation is not None else translation_pool()
        self.general = general if general is not None else general_pool()
        self._running: set[Task] = set()

    def start(self, task: Task, *, translation: bool = False) -> Task:
        self._running.add(task)
        task.signals.finished.connect(lambda _result, task=task: self._forget(task))
        task.signals.failed.connect(lambda _message, task=task: self._forget(task))
        (self.translation if translation else self.general).start(_Runnable(task))
        return task

    def _forget(self, task: Task) -> None:
        task.done = True
        self._running.discard(task)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel.set()

    def shutdown(self, msecs: int = 3_000) -> bool:
        """Cancel everything and wait a little for the workers (on close). Workers that do not
        stop in time (a batch in CTranslate2 on a busy machine) are abandoned: their pools are
        kept alive so that nothing waits for them, :data:`ABANDONED` is set, and the command
        line ends the process without waiting (``talkhis.cli.cmd_gui``)."""
        self.cancel_all()
        for pool in (self.translation, self.general):
            pool.clear()  # jobs not started yet never start
        deadline = time.monotonic() + msecs / 1000
        ok = all(pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
                 for pool in (self.translation, self.general))
        if not ok:
            log.warning("some background jobs did not stop within %d ms; they are abandoned", msecs)
            ABANDONED.set()
            _ABANDONED_POOLS.extend((self.translation, self.general))  # never destroyed: no wait on exit
        return ok


ABANDONED = threading.Event()  # set once a closed window left workers running
_ABANDONED_POOLS: list[QThreadPool] = []
