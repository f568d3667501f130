"""Export as PDF and Print: the result as a bilingual, right-to-left-correct printed report.

:func:`report_document` lays a :class:`~talkhis.core.article.Result` out as a ``QTextDocument``
with a cursor (not HTML), so every paragraph's direction is set explicitly: the title, the
citation line, the summary as a left-to-right bullet list with each Arabic original beneath its
bullet as a right-to-left paragraph, the Names section (people, places, organisations), then the translation either side by side (a two-column
table, Arabic on the right as an Arabic reader expects) or sentence by sentence. Where there is
no translation the window's gloss is printed, labelled GLOSS, as in every other output, and a
sentence the analyst should check carries the same `` ⚠ [check: …]`` marker as the other reports.

:func:`export_pdf` writes it with ``QPdfWriter`` into memory and then to disk atomically
(:func:`talkhis.core.atomic.write_bytes`); :func:`print_result` prints it through the system's
print dialog (QtPrintSupport ships with PySide6-Essentials; a frozen build must not exclude it: without it
Print says so in one line).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)

from talkhis.core.article import Result
from talkhis.core.atomic import write_bytes
from talkhis.core.export import NAMES_NOTE, NO_NAMES, check_marker, citation, english_of, entity_groups, sentence_numbers
from talkhis.core.normalize import detect_language
from talkhis.ui.text_views import arabic_family

LAYOUTS = ("side-by-side", "sentence-by-sentence")
_GREY = QColor(0x60, 0x60, 0x60)
_POINT_SIZE = 11.0


class _Writer:
    """Appends direction-marked paragraphs to a document through one cursor."""

    def __init__(self, document: QTextDocument, arabic: str | None):
        self.cursor = QTextCursor(document)
        self.arabic = arabic
        self.first = True

    def block(self, rtl: bool, *, top: float = 0, bottom: float = 4, indent: float = 0) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        block.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                           | Qt.AlignmentFlag.AlignAbsolute)
        block.setTopMargin(top)
        block.setBottomMargin(bottom)
        if indent:
            block.setRightMargin(indent) if rtl else block.setLeftMargin(indent)
        return block

    def char(self, rtl: bool, *, size: float = _POINT_SIZE, bold: bool = False, italic: bool = False,
             grey: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if rtl and self.arabic:
            fmt.setFontFamilies([self.arabic])
        fmt.setFontPointSize(size * (1.08 if rtl else 1.0))
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if italic and not rtl:  # oblique faces often lack Arabic glyphs
            fmt.setFontItalic(True)
        if grey:
            fmt.setForeground(_GREY)
        return fmt

    def paragraph(self, text: str, rtl: bool, *, label: str | None = None, block: QTextBlockFormat | None = None,
                  **char) -> None:
        block = block or self.block(rtl)
        if self.first:
            self.cursor.setBlockFormat(block)
            self.first = False
        else:
            self.cursor.insertBlock(block)
        # The block's own format draws its list bullet: plain text colour and size, not the
        # previous paragraph's grey.
        self.cursor.setBlockCharFormat(self.char(False))
        self.run(text, rtl, label=label, **char)

    def run(self, text: str, rtl: bool, *, label: str | None = None, **char) -> None:
        if label:
            self.cursor.insertText(f"{label}: ", self.char(False, size=char.get("size", _POINT_SIZE) * 0.85,
                                                           bold=True, grey=True))
        self.cursor.insertText(text, self.char(rtl, **char))


def report_document(result: Result, layout: str = "side-by-side") -> QTextDocument:
    """The report as a ``QTextDocument`` (needs a QGuiApplication, for fonts)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setPointSizeF(_POINT_SIZE)
    document.setDefaultFont(font)
    title = result.article.title
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    rtl_article = result.article.language == "ar"
    out = _Writer(document, arabic_family())

    title_rtl = detect_language(title) == "ar"
    out.paragraph(title, title_rtl, block=out.block(title_rtl, bottom=6), size=_POINT_SIZE * 1.6, bold=True)
    out.paragraph(citation(result), False, block=out.block(False, bottom=12), size=_POINT_SIZE * 0.85,
                  italic=True, grey=True)

    out.paragraph("Summary", False, block=out.block(False, top=6, bottom=6), size=_POINT_SIZE * 1.3, bold=True)
    ids = result.summary.ids if result.summary else ()
    if not ids:
        out.paragraph("(no summary)", False, italic=True, grey=True)
    bullets = QTextListFormat()
    bullets.setStyle(QTextListFormat.Style.ListDisc)
    bullets.setIndent(1)
    for sentence_id in ids:
        arabic = result.sentences[sentence_id].text
        english, label = english_of(result, sentence_id)
        head_rtl = english is None and rtl_article
        out.paragraph((english or arabic) + check_marker(result, sentence_id), head_rtl, label=label,
                      block=out.block(head_rtl, top=4, bottom=2))
        if head_rtl:
            bullets.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        else:
            bullets.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        out.cursor.createList(bullets)
        if english is not None:
            out.paragraph(arabic, rtl_article, block=out.block(rtl_article, bottom=4, indent=24), grey=True)

    _names(out, result)
    out.paragraph("Translation", False, block=out.block(False, top=14, bottom=6), size=_POINT_SIZE * 1.3,
                  bold=True)
    if layout == "side-by-side":
        _side_by_side(out, result, rtl_article)
    else:
        for sentence in result.sentences:
            english, label = english_of(result, sentence.id)
            out.paragraph(sentence.text, rtl_article, block=out.block(rtl_article, top=6, bottom=1),
                          bold=sentence.heading)
            out.paragraph((english or "[not translated]") + check_marker(result, sentence.id), False, label=label,
                          block=out.block(False, bottom=4), bold=sentence.heading, grey=english is None)
    return document


def _names(out: _Writer, result: Result) -> None:
    """The Names section, as in the Word and Markdown reports: per kind a table of English, Arabic
    (a right-to-left cell), mentions and sentence numbers; nothing for an English article."""
    groups = entity_groups(result)
    if groups is None:
        return
    out.paragraph("Names", False, block=out.block(False, top=14, bottom=6), size=_POINT_SIZE * 1.3, bold=True)
    if not groups:
        out.paragraph(NO_NAMES, False, italic=True, grey=True)
        return
    out.paragraph(NAMES_NOTE, False, size=_POINT_SIZE * 0.85, italic=True, grey=True)
    for heading, group in groups:
        out.paragraph(heading, False, block=out.block(False, top=8, bottom=3), bold=True)
        table = out.cursor.insertTable(len(group) + 1, 4, _table_format((32, 30, 16, 22), padding=3))
        rows = [("English", "Arabic", "Mentions", "Sentences", False)]
        rows += [(e.english, e.arabic, str(e.count), sentence_numbers(e), True) for e in group]
        for row, (english, arabic, count, where, body) in enumerate(rows):
            for column, text in enumerate((english, arabic, count, where)):
                rtl = body and column == 1
                cursor = table.cellAt(row, column).firstCursorPosition()
                cursor.setBlockFormat(out.block(rtl, bottom=0))
                cursor.insertText(text, out.char(rtl, bold=not body))
        out.cursor.movePosition(QTextCursor.MoveOperation.End)


def _table_format(widths: tuple[float, ...], *, padding: float) -> QTextTableFormat:
    """A full-width ruled table with a header row and columns of ``widths`` per cent."""
    table_format = QTextTableFormat()
    table_format.setBorder(0.5)
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_format.setCellPadding(padding)
    table_format.setCellSpacing(0)
    table_format.setHeaderRowCount(1)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
    return table_format


def _side_by_side(out: _Writer, result: Result, rtl_article: bool) -> None:
    # Arabic on the right, where an Arabic reader's eye starts; English on the left.
    table = out.cursor.insertTable(len(result.sentences) + 1, 2, _table_format((50, 50), padding=4))
    english_column, arabic_column = (0, 1) if rtl_article else (1, 0)
    for column, heading in ((english_column, "English"), (arabic_column, "Arabic" if rtl_article else "Source")):
        cursor = table.cellAt(0, column).firstCursorPosition()
        cursor.setBlockFormat(out.block(False))
        cursor.insertText(heading, out.char(False, bold=True))
    for row, sentence in enumerate(result.sentences, start=1):
        english, label = english_of(result, sentence.id)
        cursor = table.cellAt(row, arabic_column).firstCursorPosition()
        cursor.setBlockFormat(out.block(rtl_article, bottom=0))
        cursor.insertText(sentence.text, out.char(rtl_article, bold=sentence.heading))
        cursor = table.cellAt(row, english_column).firstCursorPosition()
        cursor.setBlockFormat(out.block(False, bottom=0))
        if label:
            cursor.insertText(f"{label}: ", out.char(False, size=_POINT_SIZE * 0.85, bold=True, grey=True))
        cursor.insertText((english or "[not translated]") + check_marker(result, sentence.id),
                          out.char(False, bold=sentence.heading, grey=english is None))
    out.cursor.movePosition(QTextCursor.MoveOperation.End)


def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)


def pdf_bytes(result: Result, layout: str = "side-by-side") -> bytes:
    """The report as PDF bytes (A4, 18 mm margins)."""
    document = report_document(result, layout)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(result.article.title[:250])
    writer.setCreator("Talkhis")
    writer.setResolution(300)
    writer.setPageLayout(_page_layout())
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def export_pdf(result: Result, path: str | os.PathLike, layout: str = "side-by-side") -> None:
    """Write the report to ``path`` as PDF, atomically (a reader sees the old file or the new)."""
    write_bytes(path, pdf_bytes(result, layout))


def print_result(result: Result, parent=None, layout: str = "side-by-side") -> bool:
    """Print the report through the system's print dialog; False when the user cancels.

    Raises RuntimeError (one line: use Export as PDF) where QtPrintSupport is missing.
    """
    try:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    except ImportError:
        raise RuntimeError(QCoreApplication.translate(  # in the interface's language
            "print_export", "Printing is not part of this build of Talkhis: use Export as PDF and print the PDF.")) from None

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    printer.setDocName(result.article.title[:250])
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print") if parent is not None else "Print")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(printer, result, layout)
    return True


def print_to(printer, result: Result, layout: str = "side-by-side") -> None:
    """Print the report on a ``QPrinter`` that is already set up (the dialog's, or a test's)."""
    report_document(result, layout).print_(printer)
