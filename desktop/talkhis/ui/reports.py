"""What leaves the app: the current Result exported (Word, PDF, Markdown, text), printed, or copied.

Rendering is :mod:`talkhis.core.export`'s (Markdown, text, the clipboard),
:mod:`talkhis.core.export_docx`'s (Word) and :mod:`talkhis.ui.print_export`'s (PDF and
Print); this module only asks where to save (through the
window's :meth:`~talkhis.ui.main_window.MainWindow.ask_save_path`, which tests patch), writes the
file, and says what happened in the status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication

from talkhis.core import atomic, export

if TYPE_CHECKING:
    from talkhis.ui.main_window import MainWindow


class Reports(QObject):
    """Copy summary and translation, Export Word/PDF/Markdown/text, Print: on the window's current Result."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def copy_summary(self) -> None:
        """The bullets with a citation line, as text and as an HTML bullet list."""
        window = self.window
        result = window.result()
        if result is None or result.summary is None:
            window.say(self.tr("Nothing to copy yet: open an article first."))
            return
        languages = window.summary_view.languages
        mime = QMimeData()
        mime.setText(export.summary_text(result, languages))
        mime.setHtml(export.summary_html(result, languages))
        QGuiApplication.clipboard().setMimeData(mime)
        window.say(self.tr("Summary copied ({count} bullets, with the citation line).").format(
            count=len(result.summary.ids)))

    def copy_translation(self) -> None:
        window = self.window
        result = window.result()
        if result is None or not any(result.translations):
            window.say(self.tr("No translation to copy yet."))
            return
        QGuiApplication.clipboard().setText(export.translation_text(result))
        window.say(self.tr("Translation copied."))

    def export_word(self) -> None:
        # python-docx and lxml load on first use: imported with the window they slow its first paint.
        from talkhis.core.export_docx import docx_bytes

        self._export(self.tr("Export as Word"), ".docx", self.tr("Word document (*.docx)"), docx_bytes)

    def export_pdf(self) -> None:
        from talkhis.ui import print_export  # first use: the report layout stays out of the first paint

        self._export(self.tr("Export as PDF"), ".pdf", self.tr("PDF (*.pdf)"), print_export.pdf_bytes)

    def print_report(self) -> None:
        """The same report as the PDF, through the system's print dialog."""
        window = self.window
        result = window.result()
        if result is None:
            return
        try:
            from talkhis.ui import print_export  # first use, as above

            if print_export.print_result(result, window):
                window.say(self.tr("Sent to the printer."))
        except RuntimeError as exc:  # no QtPrintSupport in this build: one line, with what to do
            window.show_error(self.tr("Cannot print"), str(exc))

    def export_markdown(self) -> None:
        self._export(self.tr("Export Markdown"), ".md", self.tr("Markdown (*.md)"), export.to_markdown)

    def export_text(self) -> None:
        self._export(self.tr("Export text"), ".txt", self.tr("Text (*.txt)"), export.to_text)

    def _export(self, caption: str, suffix: str, file_filter: str, render) -> None:
        """Save ``render(result)`` (text or bytes), next to the article unless the analyst chooses otherwise."""
        window = self.window
        result = window.result()
        if result is None:
            return
        suggested = str(Path(result.article.document.path).with_suffix(".summary" + suffix))
        path = window.ask_save_path(caption, suggested, file_filter)
        if path is None:
            return
        try:
            content = render(result)
            if isinstance(content, bytes):
                atomic.write_bytes(path, content)
            else:
                atomic.write_text(path, content)
        except OSError as exc:
            window.show_error(self.tr("Export failed"),
                              self.tr("{path}: cannot be written ({reason}); choose another folder")
                              .format(path=path, reason=exc.strerror or exc))
            return
        window.say(self.tr("Saved {path}").format(path=path))
