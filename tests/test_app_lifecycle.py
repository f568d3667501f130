"""The window process: Ctrl+C in the terminal, a hard crash, and no import loop between layers."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "talkhis"
EXIT_TIMEOUT_S = 120  # a generous bound on a loaded machine; what is checked is that it exits, and how


def window_env(home: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", TALKHIS_HOME=str(home), PYTHONFAULTHANDLER="")


def wait_for_log(log: Path, text: str, proc: subprocess.Popen) -> None:
    """Wait until the window wrote ``text`` to its log (or the process ended: then fail with its output)."""
    while not (log.is_file() and text in log.read_text(encoding="utf-8", errors="replace")):
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the window ended (exit {proc.returncode}) before logging {text!r}:\n{out}\n{err}")
        time.sleep(0.1)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_in_the_terminal_closes_the_window_cleanly_and_saves_its_settings(tmp_path):
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, "-m", "talkhis"], env=window_env(home), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_log(home / "logs" / "talkhis.log", "window started", proc)
        time.sleep(0.5)  # into the event loop, where the window spends its life (not required: see app.py)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=EXIT_TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()

    assert proc.returncode == 130, (proc.returncode, err)  # 130: ended by Ctrl+C, as a shell reports it
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    log = (home / "logs" / "talkhis.log").read_text(encoding="utf-8")
    assert "Ctrl+C in the terminal: closing the window" in log and "CRITICAL" not in log
    saved = [p for p in (home / "config").rglob("*") if p.is_file() and "geometry" in p.read_text(errors="replace")]
    assert saved, "the window's geometry was not saved on the way out"


@pytest.mark.skipif(sys.platform == "win32", reason="abort() and core limits are POSIX")
def test_a_hard_crash_leaves_every_threads_stack_in_the_log_file(tmp_path):
    home = tmp_path / "home"
    script = (
        "import os, resource\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file\n"
        "from PySide6.QtCore import QTimer\n"
        "from talkhis.ui import app\n"
        "def crash_soon():\n"
        "    os.abort()  # what a fault in Qt or CTranslate2 looks like to Python: a fatal signal\n"
        "app.before_show = lambda window, qt: QTimer.singleShot(0, crash_soon)\n"
        "from talkhis.cli import main\n"
        "main([])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], env=window_env(home), cwd=tmp_path,
                          capture_output=True, text=True, timeout=EXIT_TIMEOUT_S)

    assert proc.returncode == -signal.SIGABRT, (proc.returncode, proc.stderr)
    log = (home / "logs" / "talkhis.log").read_text(encoding="utf-8", errors="replace")
    assert "window started" in log  # the same file the crash dialog asks the user to send
    assert "Fatal Python error: Aborted" in log and "crash_soon" in log, log[-2000:]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_window_and_the_core_never_import_the_command_line():
    """cli imports the window; the window importing cli back (as the start-up probe did) is a loop."""
    offenders = {str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if n.startswith("talkhis.cli"))
                 for folder in ("ui", "core") for path in (PACKAGE / folder).rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}
