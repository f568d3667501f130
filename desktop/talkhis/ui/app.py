"""Starting the window: the QApplication, crash handling, Qt's log, ``--screenshot``.

``run()`` is what ``talkhis``, ``talkhis FILE`` and ``talkhis gui FILE`` end in. Unexpected
exceptions reach :func:`excepthook`, which logs the traceback and shows a short dialog (the user
never sees a traceback); Qt's own messages go into the ``talkhis.qt`` logger. Heavy modules
(CTranslate2, sumy, numpy, the readers) are imported in the background after the window is
shown; :func:`startup_probe` is how the benchmark checks that starting stays quick.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from talkhis import __version__
from talkhis.core.logs import setup_logging
from talkhis.ui.theme import apply_theme

log = logging.getLogger(__name__)
qt_log = logging.getLogger("talkhis.qt")

SCREENSHOT_SIZE = (1400, 820)
SCREENSHOT_TIMEOUT_MS = 10 * 60 * 1000  # never hang a documentation build or a CI check
PROBE_TIMEOUT_MS = 60 * 1000

# Set by startup_probe(): run() then stops at the window's first paint and notes the time.
_probe: dict | None = None

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
    qInstallMessageHandler(qt_message_handler)
    app = create_application()
    crash = CrashHandler(log_path, interactive=screenshot is None)
    sys.excepthook = crash
    threading.excepthook = crash.thread_hook

    from talkhis.ui.main_window import MainWindow, start_warm_up

    window = MainWindow(model=model, interactive=screenshot is None)
    window.log_path = log_path
    apply_theme(app, window.settings["theme"])
    log.info("Talkhis %s window started (Qt platform %s)", __version__, QGuiApplication.platformName())
    status = {"code": 0}
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
        _arrange_screenshot(window, app, Path(screenshot), file, status)
    if _probe is not None:
        _quit_on_first_paint(window, app, _probe)
    window.show()
    if screenshot is None and _probe is None:
        QTimer.singleShot(0, lambda: start_warm_up(window))
        if file is not None:
            QTimer.singleShot(0, lambda: window.open_file(file))
    code = app.exec()
    return status["code"] if screenshot is not None else code


class _FirstPaint(QObject):
    """Notes when the window is first painted (or exposed) and quits the event loop."""

    def __init__(self, app: QApplication, probe: dict):
        super().__init__(app)
        self.app = app
        self.probe = probe

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and "painted" not in self.probe:
            self.probe["painted"] = time.perf_counter()
            self.probe["event"] = event.type().name
            QTimer.singleShot(0, self.app.quit)  # after this paint has finished
        return False


def _quit_on_first_paint(window, app: QApplication, probe: dict) -> None:
    watcher = _FirstPaint(app, probe)
    window.installEventFilter(watcher)
    probe["watcher"] = watcher
    QTimer.singleShot(PROBE_TIMEOUT_MS, app.quit)


def startup_probe(since: float | None = None) -> float:
    """Start exactly as ``talkhis`` with no arguments does, up to the window's first paint.

    The command line is parsed, logging set up, the application, settings and main window
    created and shown; once the window has been painted the event loop quits and the seconds
    since this call (or since ``since``, a ``time.perf_counter()`` taken earlier) are returned. Nothing runs in the background (the warm-up that imports
    CTranslate2 and the summariser starts only after the first paint, so it is left out).
    The benchmark (``bench/run.py``, figure 6) times this against a bare PySide6 window; a
    test checks that ctranslate2, sumy and numpy are not imported by then.
    """
    global _probe
    start = time.perf_counter() if since is None else since
    _probe = probe = {}
    try:
        from talkhis.cli import main

        code = main([])
    finally:
        _probe = None
    if "painted" not in probe:
        raise RuntimeError(f"the window was never painted (exit code {code})")
    return probe["painted"] - start


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
