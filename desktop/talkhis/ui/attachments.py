"""File › Attachments and its status-bar button: an e-mail's attached files, each opened as an article.

The list is ``Document.attachments`` as the e-mail reader filled it (number, name, type, size);
an attachment is written to the cache folder off the UI thread
(:func:`talkhis.core.readers.email.extract_attachment`) and then opened like any file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QToolButton

from talkhis.core.article import Attachment
from talkhis.ui.tasks import Task

if TYPE_CHECKING:
    from talkhis.ui.main_window import MainWindow


class Attachments(QObject):
    """The open e-mail's attachments: one menu, shown in File and behind a status-bar button."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Attachments"), window)
        self.menu.setToolTipsVisible(True)
        self._button: QToolButton | None = None  # made for the first e-mail
        self.set_attachments(())

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        """List these (none: the menu is disabled and the button hidden)."""
        self.menu.clear()
        for attachment in attachments:
            number, name = attachment.number, attachment.name
            action = self.menu.addAction(self.tr("Open attachment &{number}: {name}").format(number=number, name=name))
            action.setToolTip(self.tr("Read {name} from this e-mail and open it").format(name=name))
            action.triggered.connect(lambda _checked=False, number=number: self.open(number))
        self.menu.setEnabled(bool(attachments))
        if attachments or self._button is not None:
            button = self.button
            button.setText(self.tr("Attachments ({count})").format(count=len(attachments)))
            button.setVisible(bool(attachments))

    @property
    def button(self) -> QToolButton:
        """The status bar's button for an e-mail's attachments (the same menu as File › Attachments)."""
        if self._button is None:
            button = QToolButton(self.window)
            button.setMenu(self.menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setAccessibleName(self.tr("Attachments of this e-mail"))
            button.setToolTip(self.tr("Open one of this e-mail's attachments"))
            self.window.statusBar().insertPermanentWidget(0, button)
            self._button = button
        return self._button

    def open(self, number: int) -> Task | None:
        """Write attachment ``number`` of the open e-mail to the cache folder (off the UI thread), open it."""
        window = self.window
        if window.session is None:
            return None
        path, max_bytes = window.session.path, window.settings["max_file_mb"] * 1024 * 1024

        def extract(_task: Task) -> Path:
            # Imported on first use, not at start: the readers (and the e-mail package) would
            # slow the window's first paint.
            from talkhis.core.readers.email import extract_attachment

            return extract_attachment(path, number, max_bytes=max_bytes)

        task = Task(extract, "extracting an attachment")
        task.signals.finished.connect(window.open_file)
        task.signals.failed.connect(lambda message: window.show_error(self.tr("Cannot open the attachment"), message))
        window.say(self.tr("Opening attachment {number}…").format(number=number))
        return window.runner.start(task)
