"""The start-up probe: start exactly as ``talkhis`` with no arguments does, stop at the first paint.

Used by ``bench/run.py`` (figure 6, against a bare PySide6 window) and by the test that checks
nothing heavy is imported before the window shows. It lives here, outside the package, so that
``talkhis.ui.app`` never imports ``talkhis.cli`` back (the command line imports the window).
Import it with this folder on ``sys.path``: ``from startup import startup_probe``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer

PROBE_TIMEOUT_MS = 60 * 1000


class _FirstPaint(QObject):
    """Notes when the window is first painted (or exposed) and quits the event loop."""

    def __init__(self, app, probe: dict):
        super().__init__(app)
        self.app = app
        self.probe = probe

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and "painted" not in self.probe:
            self.probe["painted"] = time.perf_counter()
            self.probe["event"] = event.type().name
            QTimer.singleShot(0, self.app.quit)  # after this paint has finished
        return False


def startup_probe(since: float | None = None) -> float:
    """Seconds from this call (or from ``since``, an earlier ``time.perf_counter()``) to the first paint.

    The command line is parsed, logging set up, the application, settings and main window
    created and shown; once the window has been painted the event loop quits. Nothing runs in
    the background: while the probe is set, the window starts no warm-up (the import of
    CTranslate2 and the summariser that follows the first paint), so it is left out.
    """
    from talkhis.ui import app as ui_app

    start = time.perf_counter() if since is None else since
    probe: dict = {}

    def watch(window, app) -> None:
        watcher = _FirstPaint(app, probe)
        window.installEventFilter(watcher)
        probe["watcher"] = watcher
        QTimer.singleShot(PROBE_TIMEOUT_MS, app.quit)

    ui_app.before_show = watch
    try:
        from talkhis.cli import main

        code = main([])
    finally:
        ui_app.before_show = None
    if "painted" not in probe:
        raise RuntimeError(f"the window was never painted (exit code {code})")
    return probe["painted"] - start
