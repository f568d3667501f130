"""Starting the window: the QApplication, crash handling, Qt's log, ``--screenshot``.

``run()`` is what ``talkhis``, ``talkhis FILE`` and ``talkhis gui FILE`` end in. Unexpected
exceptions reach :class:`CrashHandler`, which logs the traceback and shows a short dialog (the
user never sees a traceback); a hard crash (a fault in Qt or CTranslate2) leaves the stacks of
every thread in the log file through :mod:`faulthandler`; Ctrl+C in the terminal closes the
window as its close button would (settings saved) and exits with 130. Qt's own messages go into
the ``talkhis.qt`` logger. Heavy modules (CTranslate2, sumy, numpy, the readers) are imported in
the background after the window is shown; ``bench/startup.py`` checks that starting stays quick.
"""

from __future__ import annotations

import faulthandler
import logging
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from talkhis import __version__
from talkhis.core.logs import setup_logging
from talkhis.ui.theme import apply_theme

log = logging.getLogger(__name__)
qt_log = logging.getLogger("talkhis.qt")

SCREENSHOT_SIZE = (1400, 820)
SCREENSHOT_TIMEOUT_MS = 10 * 60 * 1000  # never hang a documentation build or a CI check
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports a command ended by SIGINT
SIGNAL_POLL_MS = 200  # how often Python gets to run while Qt's loop waits (for the SIGINT handler)

# The start-up benchmark's seam (bench/startup.py): when set, run() calls it with the window and
# the application just before showing the window, and starts nothing in the background (no
# warm-up, no file), so that the first paint is timed alone. None in normal use.
before_show: Callable | None = None

_fault_log = None  # the log file faulthandler writes to; kept open for the life of the process

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Harmless platform chatter that is not worth a warning in the log.
_QT_NOISE = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


def qt_message_handler(mode, context, message: str) -> None:
    level = _QT_LEVELS.get(mode, logging.WARNING)
    if any(noise in message for noise in _QT_NOISE):
        level = logging.DEBUG
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    qt_log.log(level, "%s%s", message, where)


class CrashHandler:
    """``sys.excepthook``: log the traceback, tell the user in one short dialog, keep running."""

    def __init__(self, log_path: str, interactive: bool = True):
        self.log_path = log_path
        self.interactive = interactive
        self._showing = False

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if not self.interactive or self._showing or QApplication.instance() is None:
            return
        self._showing = True  # an error inside the dialog must not open a second one
        try:
            QMessageBox.critical(
                QApplication.activeWindow(),
                QApplication.translate("CrashHandler", "Talkhis: unexpected error"),
                QApplication.translate(
                    "CrashHandler",
                    "Something went wrong ({kind}: {message}).\n\nYour work in this window is kept; if it "
                    "happens again, please send the log file to support:\n{log}",
                ).format(kind=exc_type.__name__, message=str(exc)[:200], log=self.log_path),
            )
        finally:
            self._showing = False

    def thread_hook(self, args) -> None:
        """``threading.excepthook``: a thread that is not ours failed; log it (no dialog off-thread)."""
        log.critical("unexpected error in thread %s\n%s", getattr(args.thread, "name", "?"),
                     "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names; the style's palette follows the desktop (dark mode too)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else [sys.argv[0]])
    app.setOrganizationName("Talkhis")
    app.setApplicationName("Talkhis")
    app.setApplicationDisplayName("Talkhis")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("talkhis")
    return app


def run(file: Path | None = None, model: str | None = None, screenshot: Path | None = None) -> int:
    """Show the window (opening ``file``); with ``screenshot``, save a PNG when done and exit."""
    log_path = setup_logging()
    enable_fault_log(log_path)
    qInstallMessageHandler(qt_message_handler)
    app = create_application()
    crash = CrashHandler(log_path, interactive=screenshot is None)
    sys.excepthook = crash
    threading.excepthook = crash.thread_hook

    from talkhis.ui.main_window import MainWindow, start_warm_up

    window = MainWindow(model=model, interactive=screenshot is None)
    window.log_path = log_path
    apply_theme(app, window.settings["theme"])
    previous = signal.getsignal(signal.SIGINT)
    interrupted = quit_on_ctrl_c(window, app)
    log.info("Talkhis %s window started (Qt platform %s)", __version__, QGuiApplication.platformName())
    status = {"code": 0}
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
        _arrange_screenshot(window, app, Path(screenshot), file, status)
    probing = before_show is not None
    if probing:
        before_show(window, app)
    window.show()
    if screenshot is None and not probing:
        QTimer.singleShot(0, lambda: start_warm_up(window))
        if file is not None:
            QTimer.singleShot(0, lambda: window.open_file(file))
    try:
        code = app.exec()
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, previous)
    if interrupted.is_set():
        return EXIT_INTERRUPTED
    return status["code"] if screenshot is not None else code


def enable_fault_log(log_path: str) -> None:
    """A hard crash (a segfault in Qt or CTranslate2, an abort) writes every thread's Python stack
    to the log file, where the crash dialog's "send the log file" finds it; stderr if it cannot."""
    global _fault_log
    if _fault_log is None:
        try:
            _fault_log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open as long as the process
        except OSError:  # a read-only home: the log is a NullHandler too
            _fault_log = sys.__stderr__
    if _fault_log is not None:
        faulthandler.enable(_fault_log, all_threads=True)


def quit_on_ctrl_c(window, app: QApplication) -> threading.Event:
    """Ctrl+C in the terminal closes ``window`` as its close button does (so settings are saved) and
    ends the event loop; the returned event is set once that happened. A second Ctrl+C kills.

    Python runs signal handlers only between bytecodes, and Qt's event loop is C++ that may wait
    for ever: a timer hands control to Python a few times a second so the handler gets to run.
    """
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        return interrupted  # signal handlers can only be set from the main thread

    def on_sigint(_signum, _frame) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # if closing hangs, the next Ctrl+C ends it
        interrupted.set()
        log.info("Ctrl+C in the terminal: closing the window")
        QTimer.singleShot(0, close)  # from the event loop, not from inside whatever was running

    def close() -> None:
        window.close()
        app.quit()

    signal.signal(signal.SIGINT, on_sigint)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_POLL_MS)
    return interrupted


def _arrange_screenshot(window, app: QApplication, out: Path, file: Path | None, status: dict) -> None:
    """Save the window once everything for ``file`` has finished (or failed), then quit."""

    def shoot(code: int) -> None:
        if status.get("shot"):
            return
        status["shot"] = True
        app.processEvents()  # let the last pane updates lay out
        image = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            log.error("could not write the screenshot %s", out)
            code = code or 1
        else:
            log.info("screenshot saved to %s", out)
        status["code"] = code
        window.close()
        app.exit(code)

    opened = {"ok": False}
    window.article_shown.connect(lambda _article: opened.update(ok=True))
    window.settled.connect(lambda: QTimer.singleShot(0, lambda: shoot(0 if opened["ok"] else 3)))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: shoot(1))
    if file is None:
        QTimer.singleShot(0, lambda: shoot(0))  # the empty window
    else:
        QTimer.singleShot(0, lambda: window.open_file(file))
