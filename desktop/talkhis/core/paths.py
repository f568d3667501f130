"""Where user data lives: appdirs directories, or everything under ``TALKHIS_HOME``.

``TALKHIS_HOME`` (set by tests, portable installs and IT departments) puts config, data, cache
and logs in sub-folders of one directory. Nothing is ever relative to the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "Talkhis"
APP_AUTHOR = "Talkhis"


def _home() -> Path | None:
    value = os.environ.get("TALKHIS_HOME")
    return Path(value).expanduser() if value else None


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
    path.mkdir(parents=True, exist_ok=True)
    return path


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
    path.mkdir(parents=True, exist_ok=True)
    return path
