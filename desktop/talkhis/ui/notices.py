"""What the window says instead of (or above) content: the empty-state prompt, the no-model banner."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Shown before any article is open: what to do, and a button that does it."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("No article open"))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(self.tr("Open an article"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = title
        hint = QLabel(
            self.tr("Choose an Arabic article with File › Open (Ctrl+O), or drop the file here.\n"
                    "Talkhis shows the source, its English translation and a bullet summary side by side."),
            self,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        # In words, not from the reader registry: importing every reader (lxml...) would slow the start.
        formats = QLabel(self.tr("Reads Word, PDF, OpenDocument and RTF documents, web pages, e-mails and plain text"),
                         self)
        formats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        formats.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.button = QPushButton(self.tr("Open an article…"), self)
        self.button.setAccessibleName(self.tr("Open an article"))
        self.button.setToolTip(self.tr("Choose a file to translate and summarise (Ctrl+O)"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.open_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        for widget in (title, hint):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(formats)
        layout.addStretch(3)


class NoModelBanner(QFrame):
    """Above the English pane when there is no translation model: why, and how to get one."""

    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(self.tr("No translation model"))
        layout = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Import model…"), self)
        self.button.setAccessibleName(self.tr("Import a translation model"))
        self.button.setToolTip(self.tr("Install an Arabic→English model (.argosmodel file or model folder)"))
        self.button.clicked.connect(self.import_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_no_model()

    def show_no_model(self) -> None:
        self.label.setText(self.tr(
            "No translation model is installed, so there is no English translation yet. "
            "Sentences marked GLOSS are word by word from the lexicon: a gloss, not a translation. "
            "Import an Arabic→English model to translate."
        ))

    def show_problem(self, message: str) -> None:
        self.label.setText(self.tr("The translation model could not be used: {message}").format(message=message))
