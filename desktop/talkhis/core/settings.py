"""User settings: declared once with types and defaults, one JSON file, atomic writes.

The file lives in the user config directory (``TALKHIS_HOME/config`` when set). It carries a
``version``; :data:`UPGRADES` turns an older file into the current shape. A corrupt, unreadable
or wrongly typed file never stops the app: the bad values fall back to their defaults and one
warning line says so.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talkhis.core import atomic, paths

log = logging.getLogger(__name__)

VERSION = 1
FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Option:
    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str


OPTIONS: tuple[Option, ...] = (
    Option("default_model", (str, type(None)), None, "model used when none is named"),
    Option("algorithm", str, "lexrank", "summary algorithm"),
    Option("bullets", (int, type(None)), None, "number of bullets; None = by article length"),
    Option("compute_type", str, "int8", "CTranslate2 compute type"),
    Option("threads", int, 0, "CPU threads for translation; 0 = every core"),
    Option("beam_size", int, 4, "beam search width"),
    Option("decoder_memory_mb", int, 0,
           "memory translation may use for decoding, MB; 0 = as much as the model, at least 160 "
           "(more is faster on long sentences: bigger batches)"),
    Option("max_file_mb", int, 20, "largest article accepted, in MB"),
    Option("use_cache", bool, True, "reuse earlier translations of the same sentence"),
    # The window's own state (stored here so there is one settings file).
    Option("window_geometry", (str, type(None)), None, "base64 of QWidget.saveGeometry()"),
    Option("splitter_state", (str, type(None)), None, "base64 of QSplitter.saveState()"),
    Option("font_size", int, 13, "text size in the panes, points"),
    Option("visible_panes", list, ["source", "translation", "summary"], "panes shown"),
    Option("bullet_languages", str, "both", "bullets show: both, english or arabic"),
    Option("theme", str, "system", "system, light or dark"),
    Option("recent_files", list, [], "most recent first"),
    Option("highlight_on", str, "hover", "hover or click"),
    Option("lookup_on", str, "hover", "look up Arabic words on hover, click or off"),
)
LOOKUP_MODES = ("hover", "click", "off")  # the values of "lookup_on"
_BY_NAME = {option.name: option for option in OPTIONS}

# version N -> N+1 steps, applied in order to an older file's dict.
UPGRADES: dict[int, Callable[[dict], dict]] = {}


class Settings:
    """Typed access to the settings file; ``settings["algorithm"]``, ``settings.save()``."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.config_dir() / FILE_NAME
        self.values: dict[str, Any] = {o.name: _copy(o.default) for o in OPTIONS}
        self.warning: str | None = None
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self.warning = f"Settings file {self.path} is unreadable ({exc}); using defaults."
            log.warning(self.warning)
            return
        version = data.get("version", VERSION)
        if not isinstance(version, int) or version > VERSION:
            self.warning = f"Settings file {self.path} is from a newer Talkhis; using defaults."
            log.warning(self.warning)
            return
        while version < VERSION:
            data = UPGRADES[version](data)
            version += 1
        bad = []
        for name, value in data.items():
            option = _BY_NAME.get(name)
            if option is None:
                continue
            if _fits(value, option):
                self.values[name] = value
            else:
                bad.append(name)
        if bad:
            self.warning = f"Settings file {self.path}: ignored invalid {', '.join(bad)}; using defaults for them."
            log.warning(self.warning)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        option = _BY_NAME[name]
        if not _fits(value, option):
            raise TypeError(f"setting {name} must be {option.type}, not {type(value).__name__}")
        self.values[name] = value

    def save(self) -> None:
        data = {"version": VERSION, **self.values}
        atomic.write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _fits(value: Any, option: Option) -> bool:
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    if isinstance(value, bool) and bool not in types:  # JSON true is not a number of bullets
        return False
    return isinstance(value, types)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
