"""Issue 12, the window under load: quitting while a worker is stuck in a batch ends at once,
and the work it abandons reports to nobody: no error window, no hang waiting for it."""

from __future__ import annotations

import sys
import threading
import time

import pytest

shiboken6 = pytest.importorskip("shiboken6")

from talkhis.ui import tasks  # noqa: E402
from talkhis.ui.tasks import Task, TaskRunner  # noqa: E402


@pytest.fixture
def hooks(monkeypatch):
    """Everything that would reach the crash window or stderr (the three exception hooks)."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(f"{kind.__name__}: {value}"))
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(f"{args.exc_type.__name__}: {args.exc_value}"))
    monkeypatch.setattr(sys, "unraisablehook", lambda args: seen.append(f"{args.exc_type.__name__}: {args.exc_value}"))
    yield seen
    tasks.ABANDONED.clear()
    tasks._ABANDONED_POOLS.clear()


@pytest.mark.parametrize("ending", ["returns", "raises"])
def test_quit_abandons_a_stuck_worker_whose_late_news_goes_to_nobody(qtbot, hooks, ending):
    runner = TaskRunner()
    started, release = threading.Event(), threading.Event()

    def stuck(task: Task):
        started.set()
        release.wait(20)  # a CTranslate2 batch that ignores the cancel on a busy machine
        task.report_progress(1, 2)
        task.report_partial({0: "late"})
        if ending == "raises":
            raise RuntimeError("the model was unloaded under it")
        return "late result"

    task = runner.start(Task(stuck, "translating"), translation=True)
    assert started.wait(10)
    assert runner.shutdown(msecs=300) is False and tasks.ABANDONED.is_set()
    shiboken6.delete(task.signals)  # the window and its objects are gone
    release.set()
    assert runner.translation.waitForDone(10_000)
    assert hooks == []


def test_quit_with_workers_that_stop_in_time_abandons_nothing(qtbot, hooks):
    runner = TaskRunner()
    started = threading.Event()

    def polite(task: Task):
        started.set()
        while not task.cancelled:
            time.sleep(0.01)
        return None

    runner.start(Task(polite, "reading"))
    assert started.wait(10)
    assert runner.shutdown() is True and not tasks.ABANDONED.is_set()
