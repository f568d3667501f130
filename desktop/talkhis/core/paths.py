"""Where user data lives: appdirs directories, or everything under ``TALKHIS_HOME``.

``TALKHIS_HOME`` (set by tests, portable installs and IT departments) puts config, data, cache
and logs in sub-folders of one directory. Nothing is ever relative to the working directory.

Portable mode: a frozen app with a file named ``portable`` next to its executable behaves as if
``TALKHIS_HOME`` were ``<executable folder>/TalkhisData`` (a USB stick carries its settings,
models and translation memory). An explicit ``TALKHIS_HOME`` still wins.

The application's own read-only files (models an IT department bundled into the build) live
under :func:`bundled_models_dir`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import appdirs

APP_NAME = "Talkhis"
APP_AUTHOR = "Talkhis"


PORTABLE_MARKER = "portable"
PORTABLE_FOLDER = "TalkhisData"


def _home() -> Path | None:
    value = os.environ.get("TALKHIS_HOME")
    if value:
        return Path(value).expanduser()
    return portable_home()


def _executable_dir() -> Path | None:
    """The folder of the frozen app's executable; None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_home() -> Path | None:
    """``<executable folder>/TalkhisData`` when a ``portable`` marker sits beside the frozen app."""
    folder = _executable_dir()
    if folder is not None and (folder / PORTABLE_MARKER).exists():
        return folder / PORTABLE_FOLDER
    return None


def bundled_models_dir() -> Path | None:
    """Models shipped inside the application (read-only): ``models/bundled`` in the app's data.

    Frozen: under PyInstaller's data folder (``sys._MEIPASS``, else the executable's folder).
    From a source checkout: ``<repository>/models/bundled``. None for a plain installed package.
    """
    if getattr(sys, "frozen", False):
        base = Path(getattr(sys, "_MEIPASS", None) or _executable_dir())
        return base / "models" / "bundled"
    repo = Path(__file__).resolve().parents[3]
    if (repo / "pyproject.toml").is_file():
        return repo / "models" / "bundled"
    return None


def _dir(kind: str) -> Path:
    home = _home()
    if home is not None:
        path = home / kind
    else:
        finder = {
            "config": appdirs.user_config_dir,
            "data": appdirs.user_data_dir,
            "cache": appdirs.user_cache_dir,
            "logs": appdirs.user_log_dir,
        }[kind]
        path = Path(finder(APP_NAME, APP_AUTHOR))
    _make(path)
    return path


def _make(path: Path) -> None:
    """Create a folder if it can be: a read-only home (a write-protected stick) or a home that
    is a file must not stop the app here; whoever writes there reports it in one line."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass


def config_dir() -> Path:
    return _dir("config")


def data_dir() -> Path:
    return _dir("data")


def cache_dir() -> Path:
    return _dir("cache")


def log_dir() -> Path:
    return _dir("logs")


def models_dir() -> Path:
    path = data_dir() / "models"
    _make(path)
    return path


def owner_gone(name: str, prefix: str) -> bool:
    """For a leftover named ``{prefix}{pid}-…`` (a staging folder, a model copy): True when the
    process that made it has ended (killed before it could clean up), so it may be removed now.
    Unknown (another system, another naming, not POSIX) counts as alive: age decides then."""
    head = name[len(prefix):].split("-", 1)[0] if name.startswith(prefix) else ""
    if not head.isdigit() or os.name != "posix":
        return False
    pid = int(head)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, owned by someone else
        return False
    return False
