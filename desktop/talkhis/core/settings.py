"""User settings: declared once with types, allowed values and defaults; one JSON file, atomic writes.

The file lives in the user config directory (``TALKHIS_HOME/config`` when set). It carries a
``version``; :data:`UPGRADES` turns an older file into the current shape. User choices are at
the top level; the window's own state (geometry, splitter) is kept apart, in the ``"window"``
section, so it never mixes with what the analyst chose.

A corrupt, unreadable, wrongly typed or out-of-range file never stops the app: each bad value
falls back to its default, and one warning line says which.

Several processes write the file: the window, ``talkhis models default X``, a second window. A
save therefore writes only what THIS process changed since it read the file: it reads the file
again, applies those keys, and replaces the file atomically, so a change made elsewhere
meanwhile is kept (and adopted here).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talkhis.core import atomic, paths
from talkhis.core.article import ALGORITHMS

log = logging.getLogger(__name__)

VERSION = 3
NEWER = ("Settings file {path} is from a newer Talkhis; using defaults (and leaving the file as it is "
         "for that version)")
FILE_NAME = "settings.json"
WINDOW = "window"  # the file's section for the window's state
MAX_THREADS = max(64, os.cpu_count() or 1)  # far more than any CPU here would give a libgomp abort
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                 "float32", "float16", "bfloat16")  # what CTranslate2 accepts
PANES = ("source", "translation", "summary")
LOOKUP_MODES = ("hover", "click", "off")  # the values of "lookup_on"


@dataclass(frozen=True)
class Option:
    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str
    choices: tuple | None = None  # the allowed values; for a list, the allowed items
    bounds: tuple[int, int] | None = None  # the allowed range of a number, both ends included
    section: str | None = None  # None: a user choice (top level); WINDOW: the window's state


OPTIONS: tuple[Option, ...] = (
    Option("default_model", (str, type(None)), None, "model used when none is named"),
    Option("algorithm", str, "news", "summary algorithm", choices=ALGORITHMS),
    Option("bullets", (int, type(None)), None, "number of bullets; None = by article length", bounds=(1, 100)),
    Option("compute_type", str, "int8", "CTranslate2 compute type", choices=COMPUTE_TYPES),
    Option("threads", int, 0, "CPU threads for translation; 0 = every core", bounds=(0, MAX_THREADS)),
    Option("beam_size", int, 4, "beam search width", bounds=(1, 16)),
    Option("decoder_memory_mb", int, 0,
           "memory translation may use for decoding, MB; 0 = as much as the model, at least 160 "
           "(more is faster on long sentences: bigger batches)", bounds=(0, 65536)),
    Option("max_file_mb", int, 20, "largest article accepted, in MB", bounds=(1, 1024)),
    Option("use_cache", bool, True, "reuse earlier translations of the same sentence"),
    Option("font_size", int, 13, "text size in the panes, points", bounds=(8, 40)),
    Option("visible_panes", list, list(PANES), "panes shown", choices=PANES),
    Option("bullet_languages", str, "both", "bullets show: both, english or arabic",
           choices=("both", "english", "arabic")),
    Option("theme", str, "system", "system, light or dark", choices=("system", "light", "dark")),
    Option("language", str, "system", "interface language: system (the desktop's), en or ar",
           choices=("system", "en", "ar")),
    Option("recent_files", list, [], "most recent first"),
    Option("highlight_on", str, "hover", "hover or click", choices=("hover", "click")),
    Option("lookup_on", str, "hover", "look up Arabic words on hover, click or off", choices=LOOKUP_MODES),
    # The window's own state, apart from the choices above.
    Option("window_geometry", (str, type(None)), None, "base64 of QWidget.saveGeometry()", section=WINDOW),
    Option("splitter_state", (str, type(None)), None, "base64 of QSplitter.saveState()", section=WINDOW),
    Option("names_panel", bool, True, "the Names panel is shown (false: the user closed it)", section=WINDOW),
)
_BY_NAME = {option.name: option for option in OPTIONS}


def _window_state_apart(data: dict) -> dict:
    """Version 1 → 2: the window's geometry and splitter move into their own section."""
    window = {name: data.pop(name) for name in ("window_geometry", "splitter_state") if name in data}
    return {**data, WINDOW: window}


def _news_by_default(data: dict) -> dict:
    """Version 2 → 3: "news" (position-aware, issue 13) replaces "lexrank" as the default ranking.

    Until version 2 the window wrote its algorithm box on every quit, so a stored "lexrank" is the
    old default far more often than a choice; the analyst can pick LexRank again in the window.
    """
    return {**data, "algorithm": "news"} if data.get("algorithm") == "lexrank" else data


# version N -> N+1 steps, applied in order to an older file's dict.
UPGRADES: dict[int, Callable[[dict], dict]] = {1: _window_state_apart, 2: _news_by_default}


class Settings:
    """Typed access to the settings file; ``settings["algorithm"]``, ``settings.save()``."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else paths.config_dir() / FILE_NAME
        values, self.warning = self._read()
        if self.warning:
            log.warning(self.warning)
        self.values: dict[str, Any] = {o.name: _copy(values.get(o.name, o.default)) for o in OPTIONS}
        self._read_values = _copies(self.values)  # as last read or written: what a save compares with

    def _read(self) -> tuple[dict[str, Any], str | None]:
        """The file's valid values by name (missing or bad ones left out) and the warning, if any."""
        if not self.path.exists():
            return {}, None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except RecursionError:
            return {}, f"Settings file {self.path} is unreadable (nested too deeply); using defaults."
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            return {}, f"Settings file {self.path} is unreadable ({_one_line(exc)}); using defaults."
        version = data.get("version", VERSION)
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            return {}, NEWER.format(path=self.path)
        if not isinstance(version, int) or isinstance(version, bool) or version < min(UPGRADES, default=VERSION):
            return {}, f"Settings file {self.path} has an unknown version ({_one_line(version)[:20]}); using defaults."
        try:
            while version < VERSION:
                data = UPGRADES[version](data)
                version += 1
        except (AttributeError, TypeError, ValueError) as exc:  # a damaged old file
            return {}, f"Settings file {self.path} could not be upgraded ({_one_line(exc)}); using defaults."
        window = data.get(WINDOW)
        window = window if isinstance(window, dict) else {}
        values, bad = {}, []
        for option in OPTIONS:
            source = window if option.section == WINDOW else data
            if option.name not in source:
                continue
            if allowed(option, source[option.name]):
                values[option.name] = source[option.name]
            else:
                bad.append(option.name)
        if WINDOW in data and not isinstance(data[WINDOW], dict):
            bad.append(WINDOW)
        warning = None
        if bad:
            warning = f"Settings file {self.path}: ignored invalid {', '.join(bad)}; using defaults for them."
        return values, warning

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        option = _BY_NAME[name]
        if not allowed(option, value):
            raise ValueError(f"setting {name} cannot be {value!r} ({describe(option)})")
        self.values[name] = _copy(value)

    def changed(self) -> dict[str, Any]:
        """What this process changed since it last read or wrote the file."""
        return {name: value for name, value in self.values.items() if value != self._read_values[name]}

    def save(self) -> None:
        """Write what this process changed over what the file holds now (atomically); keep the rest.

        Values other processes saved meanwhile are kept in the file and adopted here. Raises
        OSError when the file cannot be written (the old one is then left intact).
        """
        changed = self.changed()
        on_disk, problem = self._read()
        if problem == NEWER.format(path=self.path):  # a newer Talkhis's file: never replace it
            log.warning("not saving settings over %s: it is from a newer Talkhis", self.path)
            return
        merged = {o.name: _copy(on_disk.get(o.name, o.default)) for o in OPTIONS}
        if not changed and not problem and self.path.exists():
            self.values, self._read_values = merged, _copies(merged)  # nothing of ours to write
            return
        merged.update(_copies(changed))
        data: dict[str, Any] = {"version": VERSION}
        data.update({o.name: merged[o.name] for o in OPTIONS if o.section is None})
        data[WINDOW] = {o.name: merged[o.name] for o in OPTIONS if o.section == WINDOW}
        atomic.write_text(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        self.values = merged
        self._read_values = _copies(merged)


def allowed(option: Option, value: Any) -> bool:
    """Whether ``value`` is of the option's type and among its allowed values."""
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    if isinstance(value, bool) and bool not in types:  # JSON true is not a number of bullets
        return False
    if not isinstance(value, types):
        return False
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, list):
        return all(isinstance(item, str) and (option.choices is None or item in option.choices) for item in value)
    if option.choices is not None and value not in option.choices:
        return False
    if option.bounds is not None:
        low, high = option.bounds
        return low <= value <= high
    return True


def describe(option: Option) -> str:
    """The allowed values in words, for a message."""
    if option.choices is not None:
        return "one of " + ", ".join(map(str, option.choices))
    if option.bounds is not None:
        return f"from {option.bounds[0]} to {option.bounds[1]}"
    return f"of type {option.type}"


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _copies(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _copy(value) for name, value in values.items()}
