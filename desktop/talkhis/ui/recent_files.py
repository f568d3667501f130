"""File › Open recent: the articles opened last, newest first, kept in the settings.

:class:`RecentFiles` owns the list (``settings["recent_files"]``) and its menu; the window adds
an article once it has been shown and removes one that no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from talkhis.core.settings import Settings

MAX_RECENT = 10


class RecentFiles(QObject):
    """The recent-articles list and its menu; choosing an entry calls ``open_file(path)``."""

    def __init__(self, settings: Settings, open_file: Callable[[str], object], parent: QWidget):
        super().__init__(parent)
        self.settings = settings
        self._open_file = open_file
        self.menu = QMenu(self.tr("Open &recent"), parent)
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()

    def add(self, path: Path) -> None:
        """``path`` was opened: first in the list, once."""
        entry = str(path.resolve())
        recent = [entry] + [p for p in self.settings["recent_files"] if p != entry]
        self.settings["recent_files"] = recent[:MAX_RECENT]
        self._changed()

    def remove(self, path: Path) -> None:
        entry = str(path.resolve())
        self.settings["recent_files"] = [p for p in self.settings["recent_files"] if p not in (entry, str(path))]
        self._changed()

    def clear(self) -> None:
        self.settings["recent_files"] = []
        self._changed()

    def fill_menu(self) -> None:
        self.menu.clear()
        recent = self.settings["recent_files"]
        for number, entry in enumerate(recent, 1):
            label = f"&{number % 10} {Path(entry).name}" if number <= 10 else Path(entry).name
            action = self.menu.addAction(label)
            action.setToolTip(entry)
            action.setStatusTip(entry)
            action.setShortcut(QKeySequence(f"Ctrl+Alt+{number % 10}") if number <= 10 else QKeySequence())
            action.triggered.connect(lambda _checked=False, entry=entry: self._open_file(entry))
        if not recent:
            empty = self.menu.addAction(self.tr("No recent articles"))
            empty.setEnabled(False)
        else:
            self.menu.addSeparator()
            clear = self.menu.addAction(self.tr("&Clear the list"))
            clear.setToolTip(self.tr("Forget the recent articles"))
            clear.triggered.connect(self.clear)
        self.menu.setEnabled(True)

    def _changed(self) -> None:
        # Rebuilt at once so the Ctrl+Alt+N shortcuts follow the list, but after the current
        # event: the action that triggered this may be one of those the rebuild deletes.
        QTimer.singleShot(0, self, self.fill_menu)
