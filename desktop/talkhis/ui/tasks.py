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
        self.signals.progress.emit(done, total, what)

    def report_partial(self, new: dict) -> None:
        self.signals.partial.emit(new)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self)
        except TalkhisError as exc:
            log.info("%s failed: %s", self.name, exc)
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: the traceback goes to the log, the user gets one line
            log.exception("%s failed unexpectedly", self.name)
            self.signals.failed.emit(f"unexpected error in {self.name} ({type(exc).__name__}: {exc}); details are in the log file")
        else:
            self.signals.finished.emit(result)


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

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for the workers (on close: no thread outlives the window)."""
        self.cancel_all()
        for pool in (self.translation, self.general):
            pool.clear()  # jobs not started yet never start
        ok = all(pool.waitForDone(msecs) for pool in (self.translation, self.general))
        if not ok:
            log.warning("some background jobs did not stop within %d ms", msecs)
        return ok
