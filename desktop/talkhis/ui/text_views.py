"""Read-only text views whose text is a sequence of sentences they can find again.

A :class:`LinkedTextView` is built from :class:`Unit` s (one sentence, bullet or heading each)
with a ``QTextCursor``, and remembers the character range of every sentence id. So it can say
which sentence is under the mouse (hover and click signals), highlight a sentence with an
``ExtraSelection`` (the document is never modified for that) and scroll to it. The window links
views by passing ids from one to the other; views know nothing of each other.

:class:`SourceView` shows the Arabic right to left; :class:`TranslationView` mirrors its
paragraphs and headings in English and fills in batch by batch
(:meth:`TranslationView.add_translations` replaces only the sentences that changed, so a long
article is not rebuilt per batch). A word-by-word gloss stands where there is no translation,
labelled as a gloss in front of the sentence (the label is outside the sentence's range).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import groupby

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from talkhis.core.ocr import LOW_CONFIDENCE as LOW_OCR_CONFIDENCE
from talkhis.core.quality import assess  # plain Python, cheap to import before the first paint
from talkhis.ui.theme import entity_colours


# Families that render Arabic well, best first; DejaVu Sans is on almost every Linux system.
ARABIC_FAMILIES = (
    "Noto Naskh Arabic",
    "Amiri",
    "Noto Sans Arabic",
    "Scheherazade New",
    "Segoe UI",
    "Geeza Pro",
    "Arial",
    "Tahoma",
    "DejaVu Sans",
)
HEADING_SCALE = {1: 1.4, 2: 1.15}  # title, sub-heading
FOUND = QColor(255, 226, 110)  # Find's matches: yellow, with black text in both themes
FOUND_CURRENT = QColor(255, 150, 50)  # the match Find is on
DOUBTFUL = QColor(220, 40, 40)  # the wavy underline under a word OCR was unsure of

# Unit kinds: what a piece of text is, which decides how it looks.
TEXT, PLACEHOLDER, GLOSS = "text", "placeholder", "gloss"
CHECK_MARK = "⚠"  # before an English sentence to check (its reasons are the tooltip)
CHECK_COLOUR = "#c77700"  # amber: legible on light and dark backgrounds


def _length(text: str) -> int:
    """The length of ``text`` in document positions (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def mark_check(fmt: QTextCharFormat, note: str) -> None:
    """A sentence (or bullet) to check: the amber wavy underline, its reasons as the tooltip."""
    if note:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(CHECK_COLOUR))
        fmt.setToolTip(note)


def text_index(text: str, units: int) -> int:
    """The index in ``text`` of the character at ``units`` document positions (UTF-16 code units)
    from its start: an emoji before it counts two positions but one character."""
    return len(text.encode("utf-16-le")[: max(0, units) * 2].decode("utf-16-le", errors="ignore"))


def check_of(source: str, translation) -> tuple[str, str]:
    """``(label, note)`` for an English sentence to check (core/quality.py): the margin mark and its
    reasons for the tooltip, or ``("", "")``. The English pane and the summary's bullets both use it."""
    quality = assess(source, translation.text, translation.score)
    if quality is None or not quality.flags:
        return "", ""
    return CHECK_MARK, QCoreApplication.translate("TranslationView", "Check this sentence: {reasons}").format(
        reasons=quality.summary)


def arabic_family() -> str | None:
    """The best installed family for Arabic text, or None to let Qt choose."""
    installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.Arabic))
    for family in ARABIC_FAMILIES:
        if family in installed:
            return family
    return next(iter(sorted(installed)), None)


@dataclass(frozen=True)
class Unit:
    """One located piece of text: a sentence (or a bullet) in a paragraph."""

    id: int
    paragraph: int
    text: str
    heading: int = 0  # 0 = body text, 1 = title, 2 = sub-heading
    kind: str = TEXT
    rtl: bool = False
    label: str = ""  # shown before the text, outside its range ("gloss": not a translation)
    note: str = ""  # why to check this English (core/quality.py): a wavy underline and a tooltip


class LinkedTextView(QTextBrowser):
    """A read-only view of located sentences: hover, click, highlight and scroll by sentence id."""

    sentence_hovered = Signal(int)  # -1 when the mouse leaves every sentence
    sentence_clicked = Signal(int)
    # The context menu is about to open over a sentence (-1: none); add actions to it.
    sentence_menu = Signal(QMenu, int)

    def __init__(self, parent: QWidget | None = None, *, rtl: bool = False):
        super().__init__(parent)
        self.rtl = rtl
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setMouseTracking(True)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.point_size = 13
        self.script_family: str | None = None  # family for this view's main script (Arabic views)
        self._ids: list[int] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._index: dict[int, int] = {}
        self._units: list[Unit] = []
        self._selected = -1
        self._hovered = -1
        self._word: tuple[int, int] | None = None  # document range of the word being looked up
        self._found: list[tuple[int, int]] = []  # Find's matches in this view (document ranges)
        self._found_current = -1  # index into _found of the match Find is on, or -1
        self._doubtful: list[tuple[int, int]] = []  # words OCR was unsure of (document ranges)
        # The sentences of the entity chosen in the names panel, and where its name is written in
        # them: (sentence id, start, end) with offsets inside the sentence's text.
        self._marked: tuple[int, ...] = ()
        self._marked_words: tuple[tuple[int, int, int], ...] = ()
        # Their selections, made once per marking or rebuild: a hover (every mouse move) reuses
        # them instead of locating thousands of ranges again.
        self._mark_selections: list | None = None
        self.menu_position = -1  # the document position the last context menu was opened over
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows then move by sentence

    # -- building --------------------------------------------------------------------------
    def set_point_size(self, size: int) -> None:
        self.point_size = size
        self.rebuild()

    def rebuild(self) -> None:
        self.set_units(self._units)

    def set_units(self, units: list[Unit]) -> None:
        """Replace the whole text; keeps the scroll position and the highlights."""
        self._units = list(units)
        bar = self.verticalScrollBar()
        scroll = bar.value()
        document = self.document()
        document.clear()
        font = QFont(self.font())
        font.setPointSizeF(self.point_size)
        if self.script_family:
            font.setFamilies([self.script_family])
        document.setDefaultFont(font)
        document.setDocumentMargin(12)
        self._ids, self._starts, self._ends, self._index = [], [], [], {}
        self._mark_selections = None  # the positions (and perhaps the palette) change
        self._word = None
        self._found, self._found_current = [], -1  # Find searches again (FindBar.refresh)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        first = True
        for _, group in groupby(self._units, key=lambda u: u.paragraph):
            group = list(group)
            block_format = self.block_format(group[0])
            if first:
                cursor.setBlockFormat(block_format)
                first = False
            else:
                cursor.insertBlock(block_format)
            for position, unit in enumerate(group):
                if position:
                    cursor.insertText(" ", self.separator_format(unit))
                if unit.label:
                    cursor.insertText(unit.label + "\u00a0", self.label_format(unit))
                start = cursor.position()
                cursor.insertText(unit.text, self.char_format(unit))
                self._record(unit.id, start, cursor.position())
        cursor.endEditBlock()
        bar.setValue(scroll)
        self._apply_highlights()

    def _record(self, sentence_id: int, start: int, end: int) -> None:
        self._index[sentence_id] = len(self._ids)
        self._ids.append(sentence_id)
        self._starts.append(start)
        self._ends.append(end)

    def block_format(self, unit: Unit) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLayoutDirection(Qt.LayoutDirection.RightToLeft if unit.rtl else Qt.LayoutDirection.LeftToRight)
        align = Qt.AlignmentFlag.AlignRight if unit.rtl else Qt.AlignmentFlag.AlignLeft
        block.setAlignment(align | Qt.AlignmentFlag.AlignAbsolute)
        block.setBottomMargin(self.point_size * 0.6)
        block.setLineHeight(125 if unit.rtl else 115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if unit.heading:
            block.setHeadingLevel(unit.heading)
            block.setTopMargin(self.point_size * (0.2 if unit.heading == 1 else 0.8))
        return block

    def char_format(self, unit: Unit) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if unit.heading:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(self.point_size * HEADING_SCALE.get(unit.heading, 1.0))
        if unit.kind in (PLACEHOLDER, GLOSS):
            fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        if unit.kind == PLACEHOLDER:
            # Never glosses: they keep unknown Arabic words, and oblique faces (DejaVu Sans
            # Oblique) have no Arabic glyphs, so Qt would draw boxes.
            fmt.setFontItalic(True)
        mark_check(fmt, unit.note)
        return fmt

    def separator_format(self, unit: Unit) -> QTextCharFormat:
        """The space before a sentence: its look, without a check's underline and tooltip."""
        return self.char_format(Unit(unit.id, unit.paragraph, "", unit.heading, unit.kind, unit.rtl))

    def label_format(self, unit: Unit) -> QTextCharFormat:
        """A small grey tag such as GLOSS in front of a sentence."""
        fmt = self.char_format(unit)
        fmt.setFontCapitalization(QFont.Capitalization.SmallCaps)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontItalic(False)
        fmt.setFontPointSize(self.point_size * (HEADING_SCALE.get(unit.heading, 1.0) if unit.heading else 0.85))
        fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        fmt.setFontLetterSpacing(104)
        if unit.note:  # the check mark: amber, with the sentence's tooltip, not underlined
            fmt.setForeground(QColor(CHECK_COLOUR))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        return fmt

    # -- finding ---------------------------------------------------------------------------
    @property
    def sentence_ids(self) -> list[int]:
        return list(self._ids)

    def range_of(self, sentence_id: int) -> tuple[int, int] | None:
        index = self._index.get(sentence_id)
        return None if index is None else (self._starts[index], self._ends[index])

    def unit_text(self, sentence_id: int) -> str:
        """The text as given (``text_of`` is what the document holds, with Qt's separators)."""
        index = self._index.get(sentence_id)
        return "" if index is None else self._units[index].text

    def unit_of(self, sentence_id: int) -> Unit | None:
        index = self._index.get(sentence_id)
        return None if index is None else self._units[index]

    def text_of(self, sentence_id: int) -> str:
        located = self.range_of(sentence_id)
        if located is None:
            return ""
        return self._cursor_over(*located).selectedText()

    def _cursor_over(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def sentence_at_position(self, position: int) -> int:
        index = bisect.bisect_right(self._starts, position) - 1
        if 0 <= index < len(self._ids) and position <= self._ends[index]:
            return self._ids[index]
        return -1

    def position_at(self, point) -> int:
        """The document position under a point in viewport coordinates, or -1 off the text."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return self.document().documentLayout().hitTest(QPointF(point) + offset, Qt.HitTestAccuracy.ExactHit)

    def sentence_at(self, point) -> int:
        """The sentence under a point in viewport coordinates, or -1 (margins, gaps)."""
        position = self.position_at(point)
        return -1 if position < 0 else self.sentence_at_position(position)

    def rect_of(self, start: int, end: int) -> QRect:
        """The viewport rectangle of the document range ``start``..``end`` (one line's worth)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        first = self.cursorRect(cursor)
        cursor.setPosition(end)
        last = self.cursorRect(cursor)
        if abs(first.center().y() - last.center().y()) > first.height() // 2:
            return first  # wrapped onto the next line: the start is enough to point at
        return first.united(last)

    def point_at_position(self, position: int) -> QPoint:
        """A viewport point on the character at ``position`` (for tests and popups)."""
        return self.rect_of(position, position + 1).center()

    def point_of(self, sentence_id: int):
        """A viewport point inside the sentence (its first character), for tests and tooltips."""
        located = self.range_of(sentence_id)
        if located is None:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(located[0] + 1 if located[1] > located[0] else located[0])
        return self.cursorRect(cursor).center()

    # -- highlighting ----------------------------------------------------------------------
    def highlight(self, selected: int | None = None, hovered: int | None = None) -> None:
        """Mark ``selected`` (clicked) and ``hovered`` sentences; -1 clears, None keeps."""
        if selected is not None:
            self._selected = selected
        if hovered is not None:
            self._hovered = hovered
        self._apply_highlights()

    def mark_sentences(self, sentence_ids=(), words=()) -> None:
        """Tint ``sentence_ids`` (an entity's sentences) and, stronger, ``words``: (sentence id,
        start, end) inside those sentences' text. No arguments clears the marks."""
        self._marked = tuple(sentence_ids)
        self._marked_words = tuple(words)
        self._mark_selections = None
        self._apply_highlights()

    @property
    def marked(self) -> tuple[int, ...]:
        """The sentences marked for the chosen entity, in the order given."""
        return tuple(i for i in self._marked if i in self._index)

    def marked_word_ranges(self) -> list[tuple[int, int]]:
        """The document ranges of the marked words (where the entity's name is written)."""
        ranges = []
        for sentence_id, start, end in self._marked_words:
            located = self.range_of(sentence_id)
            if located is None:
                continue
            text = self.unit_text(sentence_id)  # offsets in the text; positions count UTF-16 units
            first, last = located[0] + _length(text[:start]), located[0] + _length(text[:end])
            if last <= located[1]:
                ranges.append((first, last))
        return ranges

    def mark_word(self, start: int | None = None, end: int | None = None) -> None:
        """Underline the word being looked up (document range); no arguments clears it."""
        word = (start, end) if start is not None and end is not None else None
        if word != self._word:
            self._word = word
            self._apply_highlights()

    def _mark_selection_list(self) -> list:
        """The chosen entity's tints (its sentences, then its name), made once until they change."""
        if self._mark_selections is None:
            selections = []
            if self._marked:
                sentence_colour, word_colour = entity_colours(self.palette())
                for ranges, colour in (([self.range_of(i) for i in self._marked], sentence_colour),
                                       (self.marked_word_ranges(), word_colour)):
                    for located in ranges:
                        if located is None:
                            continue
                        selection = QTextEdit.ExtraSelection()
                        selection.cursor = self._cursor_over(*located)
                        fmt = QTextCharFormat()
                        fmt.setBackground(colour)
                        selection.format = fmt
                        selections.append(selection)
            self._mark_selections = selections
        return self._mark_selections

    def _apply_highlights(self) -> None:
        selections = list(self._mark_selection_list())
        base = self.palette().color(QPalette.ColorRole.Highlight)
        for sentence_id, alpha in ((self._selected, 90), (self._hovered, 45)):
            located = self.range_of(sentence_id) if sentence_id >= 0 else None
            if located is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(*located)
            fmt = QTextCharFormat()
            color = QColor(base)
            color.setAlpha(alpha)
            fmt.setBackground(color)
            selection.format = fmt
            selections.append(selection)
        if self._word is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(*self._word)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(base)
            selection.format = fmt
            selections.append(selection)
        for index, (start, end) in enumerate(self._found):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(start, end)
            fmt = QTextCharFormat()
            # Fixed colours with dark text: readable on a light or a dark palette alike.
            fmt.setBackground(FOUND_CURRENT if index == self._found_current else FOUND)
            fmt.setForeground(QColor("black"))
            selection.format = fmt
            selections.append(selection)
        for start, end in self._doubtful:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(start, end)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DOUBTFUL)
            fmt.setToolTip(self.tr("OCR was unsure of this word: check it against the original"))
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    # -- find (talkhis.ui.find_bar) --------------------------------------------------------
    def plain_text(self) -> str:
        """The text as Find searches it; offsets are document positions (a paragraph break is 1)."""
        return self.document().toPlainText()

    def set_found(self, ranges: list[tuple[int, int]], current: int = -1) -> None:
        """Mark Find's matches (document ranges); ``current`` is the one being looked at."""
        self._found, self._found_current = list(ranges), current
        self._apply_highlights()

    @property
    def found(self) -> list[tuple[int, int]]:
        return list(self._found)

    @property
    def found_current(self) -> int:
        return self._found_current

    @property
    def selected(self) -> int:
        return self._selected

    @property
    def hovered(self) -> int:
        return self._hovered

    def scroll_to(self, sentence_id: int) -> None:
        """Bring a sentence into view (a third of the way down) unless it is already visible."""
        located = self.range_of(sentence_id)
        if located is not None:
            self.scroll_to_range(*located)

    def scroll_to_range(self, start: int, end: int) -> None:
        """Bring a document range into view (a third of the way down) unless it is visible."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        top = self.cursorRect(cursor)
        cursor.setPosition(end)
        bottom = self.cursorRect(cursor)
        height = self.viewport().height()
        if top.top() >= 0 and bottom.bottom() <= height:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top.top() - height // 3)

    # -- mouse -----------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().mouseMoveEvent(event)
        sentence_id = self.sentence_at(event.position())
        if sentence_id != self._hovered:
            self.sentence_hovered.emit(sentence_id)

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        if self._hovered != -1:
            self.sentence_hovered.emit(-1)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return  # the user is selecting text to copy, not pointing at a sentence
        sentence_id = self.sentence_at(event.position())
        if sentence_id >= 0:
            self.sentence_clicked.emit(sentence_id)

    # -- keyboard --------------------------------------------------------------------------
    def first_sentence(self) -> int:
        """The first sentence that is not a heading (else the first of all), or -1 when empty."""
        for unit in self._units:
            if not unit.heading and unit.id in self._index:
                return unit.id
        return self._ids[0] if self._ids else -1

    def step(self, delta: int) -> int:
        """The sentence ``delta`` places after the selected one (the first when none is selected)."""
        if not self._ids:
            return -1
        index = self._index.get(self._selected)
        if index is None:
            return self.first_sentence() if delta > 0 else self._ids[-1]
        return self._ids[max(0, min(len(self._ids) - 1, index + delta))]

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Down/J and Up/K select the next/previous sentence as a click does (so the other panes
        follow through ``sentence_clicked``); Enter chooses the selected one again, bringing the
        other panes back to it. Everything else (Page Up, Ctrl+C...) is the browser's."""
        key, modifiers = event.key(), event.modifiers()
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                 | Qt.KeyboardModifier.MetaModifier | Qt.KeyboardModifier.ShiftModifier)
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_J: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_K: -1}
        if key in steps and plain and self._ids:
            target = self.step(steps[key])
            if target >= 0:
                self.highlight(selected=target)
                self.scroll_to(target)
                self.sentence_clicked.emit(target)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self._selected in self._index:
            self.scroll_to(self._selected)
            self.sentence_clicked.emit(self._selected)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """The standard menu (copy, select all) plus what the window adds for the sentence."""
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(event.pos() + offset)
        sentence_id, global_position = self.sentence_at(event.pos()), event.globalPos()
        self.menu_position = self.position_at(event.pos())
        if event.reason() == event.Reason.Keyboard:  # the menu key: the selected sentence, where the
            self.menu_position = self.textCursor().position()  # caret is when it is in that sentence
            if self._selected in self._index:
                sentence_id = self._selected
                if self.sentence_at_position(self.menu_position) != sentence_id:
                    self.menu_position = self.range_of(sentence_id)[0]  # else its first word
                global_position = self.viewport().mapToGlobal(self.point_at_position(self.menu_position))
            else:
                sentence_id = self.sentence_at_position(self.menu_position)
        self.sentence_menu.emit(menu, sentence_id)
        self.popup_menu(menu, global_position)
        menu.deleteLater()

    def popup_menu(self, menu: QMenu, position: QPoint) -> None:
        """Show a context menu and wait for the choice (tests replace this)."""
        menu.exec(position)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self._ids:
            self.rebuild()  # placeholder colours and highlights follow a light/dark switch


class SourceView(LinkedTextView):
    """The Arabic article, right to left, right aligned, headings as headings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, rtl=True)
        self.script_family = arabic_family()

    def show_article(self, article) -> None:
        rtl = article.language == "ar"
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.set_units([
            Unit(s.id, s.paragraph, s.text, heading_level(article, s), rtl=article.language == "ar")
            for s in article.sentences
        ])
        self.doubtful = self._doubtful_words(article)
        self._doubtful = list(self.doubtful)
        self._apply_highlights()

    def _doubtful_words(self, article) -> list[tuple[int, int]]:
        """Where the words OCR read with low confidence are in this view (a wavy underline)."""
        words = [w for w in article.document.ocr_words if w.confidence < LOW_OCR_CONFIDENCE]
        ranges = []
        for sentence in article.sentences if words else ():
            located = self.range_of(sentence.id)
            if located is None:
                continue
            for word in words:
                if sentence.start <= word.start and word.end <= sentence.end:
                    start = located[0] + word.start - sentence.start
                    ranges.append((start, start + word.end - word.start))
        return ranges


def heading_level(article, sentence) -> int:
    """1 for the title (a heading in the first paragraph), 2 for other headings, 0 for text."""
    if not sentence.heading:
        return 0
    first = article.sentences[0].paragraph if article.sentences else 0
    return 1 if sentence.paragraph == first else 2


class TranslationView(LinkedTextView):
    """The English side: the same paragraphs and headings, filled in as batches finish."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, rtl=False)
        self.pending_text = self.tr("[translating…]")
        self.missing_text = self.tr("[not translated]")
        self.gloss_label = self.tr("gloss")
        self._sources: dict[int, str] = {}  # the Arabic of each sentence, to judge its English

    def show_sentences(self, article, translations, glosses=None, *, pending: bool = False) -> None:
        """Show translations; where there is none, a gloss or a placeholder (pending or missing)."""
        self._sources = {s.id: s.text for s in article.sentences}
        self.set_units([self._unit(article, s, translations, glosses, pending) for s in article.sentences])

    def _check(self, sentence_id: int, translation) -> tuple[str, str]:
        """``(label, note)`` for an English sentence to check: a mark and its reasons, else empty."""
        return check_of(self._sources.get(sentence_id, ""), translation)

    def _unit(self, article, sentence, translations, glosses, pending) -> Unit:
        level = heading_level(article, sentence)
        translation = translations[sentence.id] if sentence.id < len(translations) else None
        if translation is not None:
            label, note = self._check(sentence.id, translation)
            return Unit(sentence.id, sentence.paragraph, translation.text, level, label=label, note=note)
        if article.language != "ar":  # an English article is not translated: its English is itself
            return Unit(sentence.id, sentence.paragraph, sentence.text, level)
        gloss = glosses[sentence.id] if glosses is not None and sentence.id < len(glosses) else None
        if gloss:
            return Unit(sentence.id, sentence.paragraph, gloss, level, GLOSS, label=self.gloss_label)
        return Unit(sentence.id, sentence.paragraph, self.pending_text if pending else self.missing_text,
                    level, PLACEHOLDER)

    def add_translations(self, translations: dict) -> None:
        """Put a batch of new translations ``{id: Translation}`` in place of their placeholders.

        Only the changed sentences are rewritten, each with its label (a gloss tag going, a check
        mark coming): a long article is never rebuilt per batch, flagged sentences or not."""
        changes = []
        for sentence_id, translation in translations.items():
            index = self._index.get(sentence_id)
            if index is None or translation is None:
                continue
            old = self._units[index]
            label, note = self._check(sentence_id, translation)
            unit = Unit(old.id, old.paragraph, translation.text, old.heading, TEXT, old.rtl, label=label, note=note)
            changes.append((index, old))
            self._units[index] = unit
        if not changes:
            return
        self._found, self._found_current = [], -1  # offsets move: Find searches again
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        moved: dict[int, tuple[int, int]] = {}  # index -> (start moved by, end moved by)
        for index, old in sorted(changes, key=lambda change: change[0], reverse=True):
            # back to front: the offsets of earlier sentences stay valid
            unit = self._units[index]
            begin = self._starts[index] - (_length(old.label) + 1 if old.label else 0)  # the label, then "\u00a0"
            if index and self._units[index - 1].paragraph == unit.paragraph:  # the space before it takes
                cursor.setPosition(begin - 1)  # its new look, as a rebuilt pane would give it
                cursor.setPosition(begin, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(self.separator_format(unit))
            cursor.setPosition(begin)
            cursor.setPosition(self._ends[index], QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if unit.label:
                cursor.insertText(unit.label + "\u00a0", self.label_format(unit))
            start = cursor.position()
            cursor.insertText(unit.text, self.char_format(unit))
            moved[index] = (start - self._starts[index], cursor.position() - self._ends[index])
        cursor.endEditBlock()
        shift = 0
        for index in range(len(self._ids)):
            start_moved, end_moved = moved.get(index, (0, 0))
            self._starts[index] += shift + start_moved
            self._ends[index] += shift + end_moved
            shift += end_moved
        self._mark_selections = None  # the marked ranges moved
        self._apply_highlights()

    def mark_missing(self) -> None:
        """Translation stopped: the sentences still waiting say so."""
        self.set_units([
            Unit(u.id, u.paragraph, self.missing_text, u.heading, u.kind, u.rtl)
            if u.kind == PLACEHOLDER else u
            for u in self._units
        ])
