"""Models dialog: the installed translation models; import (off the UI thread), remove, set default.

Everything real happens in :class:`~talkhis.core.model_store.ModelStore` (verification,
staging, atomic install); this dialog asks for paths, shows progress and one-line errors.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talkhis.core.errors import TalkhisError
from talkhis.core.model_store import ModelStore
from talkhis.core.translation.options import translation_settings
from talkhis.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

COLUMNS = ("default", "name", "layout", "languages", "size", "license", "speed", "quality")


def _size(size_bytes: int) -> str:
    """Megabytes of 10^6 bytes, as ``talkhis models list`` prints them."""
    return f"{size_bytes / 1e6:.1f} MB"


def _speed(info) -> str:
    """Sentences per second measured on this computer at import, as ``models list`` prints it."""
    if info.sentences_per_second is None:
        return "not measured"
    return f"{info.sentences_per_second:.1f} sentences/s"


class ModelsDialog(QDialog):
    """List, import, remove and choose the default translation model."""

    models_changed = Signal()  # something installed, removed, or a new default
    import_finished = Signal(bool)  # True when the model was installed

    def __init__(self, settings, runner: TaskRunner, store=None, parent: QWidget | None = None):
        super().__init__(parent)
        if store is None:  # the speed at import is measured with the user's threads and compute type
            store = ModelStore(settings=translation_settings(settings)[0])
        self.settings = settings
        self.runner = runner
        self.store = store
        self.importing: Task | None = None
        self.setWindowTitle(self.tr("Translation models"))
        self.setObjectName("ModelsDialog")
        self.resize(760, 360)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Default"), self.tr("Name"), self.tr("Kind"), self.tr("Languages"), self.tr("Size"),
            self.tr("Licence"), self.tr("Speed here"), self.tr("Published quality"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(self.tr(
            "No model installed. Import an Arabic→English model: an Argos Translate package "
            "(.argosmodel), an OPUS-MT or NLLB CTranslate2 folder. "
            "<a href=\"help\">Getting a model</a> says where to find one and how to import it."), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.linkActivated.connect(self.show_model_help)  # the help an installed copy has

        def button(text: str, tip: str, slot, shortcut: str) -> QPushButton:
            widget = QPushButton(text, self)
            widget.setToolTip(f"{tip} ({shortcut})")
            widget.setAccessibleName(text.replace("&", "").rstrip("…"))
            widget.setShortcut(shortcut)
            widget.clicked.connect(slot)
            return widget

        self.import_file_button = button(self.tr("Import &file…"), self.tr("Install a .argosmodel or .zip model file"),
                                         self.import_file, "Ctrl+I")
        self.import_folder_button = button(self.tr("Import f&older…"), self.tr("Install a CTranslate2 model folder"),
                                           self.import_folder, "Ctrl+Shift+I")
        self.remove_button = button(self.tr("&Remove"), self.tr("Uninstall the selected model"),
                                    self.remove_selected, "Del")
        self.default_button = button(self.tr("Set &default"), self.tr("Translate with the selected model"),
                                     self.set_default_selected, "Ctrl+D")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Models status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for widget in (self.import_file_button, self.import_folder_button, self.remove_button, self.default_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.refresh()

    def show_model_help(self, _link: str = ""):
        """Help › Getting a model, from the dialog's own pointer."""
        from talkhis.ui.model_help import ModelHelp

        dialog = ModelHelp(self)
        dialog.open()
        return dialog

    # -- listing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_name()
        try:
            infos = self.store.list()
        except OSError as exc:
            infos = []
            self.show_status(self.tr("Cannot read the models folder: {reason}").format(reason=exc), error=True)
        default = self.store.default_name(self.settings["default_model"], [i.name for i in infos])
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            values = (
                "★" if info.name == default else "",
                info.name,
                info.layout,
                f"{info.source_language} → {info.target_language}",
                _size(info.size_bytes),
                info.license or self.tr("unknown"),
                _speed(info),
                info.published_quality or self.tr("none published"),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, info.name)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setToolTip(self.tr("Used when no model is named") if value else "")
                elif COLUMNS[column] == "size":
                    item.setToolTip(self.tr("1 MB = 1,000,000 bytes"))
                elif COLUMNS[column] == "speed":
                    item.setToolTip(self.tr("Measured on this computer when the model was imported; "
                                            "it also chose how the translator shares the CPU cores"))
                self.table.setItem(row, column, item)
            if info.name == selected:
                self.table.selectRow(row)
        self.empty_label.setVisible(not infos)
        self._update_buttons()

    def names(self) -> list[str]:
        return [self.table.item(row, 1).text() for row in range(self.table.rowCount())]

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 1)
        return item.text() if item is not None else None

    def _update_buttons(self) -> None:
        busy = self.importing is not None
        selected = self.selected_name() is not None
        self.import_file_button.setEnabled(not busy)
        self.import_folder_button.setEnabled(not busy)
        self.remove_button.setEnabled(selected and not busy)
        self.default_button.setEnabled(selected and not busy)

    def show_status(self, message: str, *, error: bool = False) -> None:
        self.status.setText(("⚠ " if error else "") + message)
        self.status.setProperty("error", error)

    # -- dialogs (patched in tests) --------------------------------------------------------
    def ask_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a model file"), "",
                                              self.tr("Model packages and OPUS-MT releases (*.argosmodel *.zip);;All files (*)"))
        return Path(name) if name else None

    def ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        return Path(name) if name else None

    def confirm_remove(self, name: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Remove model"),
                                      self.tr("Remove the model “{name}”? Its files are deleted.").format(name=name))
        return answer == QMessageBox.StandardButton.Yes

    # -- actions ---------------------------------------------------------------------------
    def import_file(self) -> None:
        path = self.ask_file()
        if path is not None:
            self.start_import(path)

    def import_folder(self) -> None:
        path = self.ask_folder()
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path) -> Task | None:
        """Import in the background: unpack, verify with a test translation, install atomically."""
        if self.importing is not None:
            return None
        store = self.store

        def work(task: Task):
            def progress(what: str, fraction: float) -> None:
                task.report_progress(int(max(0.0, min(1.0, fraction)) * 1000), 1000, what)

            return store.import_model(path, progress=progress)

        task = Task(work, "importing a model")
        task.signals.progress.connect(self._import_progress)
        task.signals.finished.connect(self._imported)
        task.signals.failed.connect(self._import_failed)
        self.importing = task
        self.progress.setValue(0)
        self.progress.show()
        self.show_status(self.tr("Importing {name}…").format(name=path.name))
        self._update_buttons()
        self.runner.start(task)
        return task

    def _import_progress(self, done: int, _total: int, what: str) -> None:
        self.progress.setValue(done)
        if what:
            self.show_status(self.tr("{what}… {percent}%").format(what=what, percent=done // 10))

    def _imported(self, info) -> None:
        self.importing = None
        self.progress.hide()
        self._store_default(self.store.chosen_default(self.settings["default_model"], imported=info.name))
        self.refresh()
        self.show_status(self.tr("Installed {name} ({layout}, {source}→{target}).").format(
            name=info.name, layout=info.layout, source=info.source_language, target=info.target_language))
        self.models_changed.emit()
        self.import_finished.emit(True)

    def _import_failed(self, message: str) -> None:
        self.importing = None
        self.progress.hide()
        self.refresh()
        self.show_status(message, error=True)
        self.import_finished.emit(False)

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name is None or not self.confirm_remove(name):
            return
        try:
            self.store.remove(name)
        except (TalkhisError, OSError) as exc:
            self.show_status(str(exc), error=True)
            return
        self._store_default(self.store.chosen_default(self.settings["default_model"]))
        self.refresh()
        self.show_status(self.tr("Removed {name}.").format(name=name))
        self.models_changed.emit()

    def set_default_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        self._store_default(name)
        self.refresh()
        self.show_status(self.tr("{name} is now the default model.").format(name=name))
        self.models_changed.emit()

    def _store_default(self, name: str | None) -> None:
        if name == self.settings["default_model"]:
            return
        self.settings["default_model"] = name
        try:
            self.settings.save()  # at once: the command line reads the same file
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
