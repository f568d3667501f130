"""The summary pane: bullets (English with the Arabic original beneath) and their controls.

:class:`SummaryView` is a :class:`~talkhis.ui.text_views.LinkedTextView` whose located ranges are
whole bullets, keyed by the sentence id the bullet came from, so clicking a bullet says which
sentence to show in the other panes. :class:`SummaryControls` chooses the algorithm and the
number of bullets; the window re-summarises (never re-translates) when they change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from talkhis.core.article import ALGORITHMS
from talkhis.ui.text_views import GLOSS, PLACEHOLDER, LinkedTextView, Unit, arabic_family, check_of, mark_check

BULLET = "•\u00a0"
LANGUAGES = ("both", "english", "arabic")
MAX_BULLETS = 50


class SummaryView(LinkedTextView):
    """Bullets; each bullet is located by the id of the sentence it summarises."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, rtl=False)
        self.arabic_family = arabic_family()
        self.languages = "both"
        self._bullets: list[tuple[Unit, Unit]] = []
        self.no_article_text = self.tr("The summary appears here once an article is open.")
        self.waiting_text = self.tr("Choosing the bullets…")
        self.too_short_text = self.tr("No bullets: the article has too few sentences to summarise.")
        self.setPlaceholderText(self.no_article_text)

    def show_bullets(self, article, summary, translations, glosses=None, *, pending: bool = False,
                     languages: str | None = None) -> None:
        """One bullet per summary id: its English (or gloss, or a placeholder) and its Arabic."""
        if languages is not None:
            self.languages = languages
        bullets = []
        rtl = article.language == "ar"
        for sentence_id in summary.ids if summary is not None else ():
            sentence = article.sentences[sentence_id]
            translation = translations[sentence_id] if sentence_id < len(translations) else None
            gloss = glosses[sentence_id] if glosses is not None and sentence_id < len(glosses) else None
            if translation is not None:  # a bullet to check gets the English pane's mark and tooltip
                label, note = check_of(sentence.text, translation)
                english = Unit(sentence_id, sentence_id, translation.text, label=label, note=note)
            elif gloss:
                english = Unit(sentence_id, sentence_id, gloss, kind=GLOSS, label=self.tr("gloss"))
            else:
                text = self.tr("[translating…]") if pending else self.tr("[not translated]")
                english = Unit(sentence_id, sentence_id, text, kind=PLACEHOLDER)
            bullets.append((english, Unit(sentence_id, sentence_id, sentence.text, rtl=rtl)))
        self._bullets = bullets
        self.setPlaceholderText(self.too_short_text)  # shown only when there are no bullets
        self.rebuild()

    def set_languages(self, languages: str) -> None:
        self.languages = languages
        self.rebuild()

    def clear_bullets(self, waiting: bool = False) -> None:
        """No bullets; ``waiting``: an article is open and its summary is being made."""
        self._bullets = []
        self.setPlaceholderText(self.waiting_text if waiting else self.no_article_text)
        self.rebuild()

    def rebuild(self) -> None:
        bar = self.verticalScrollBar()
        scroll = bar.value()
        document = self.document()
        document.clear()
        font = self.font()
        font.setPointSizeF(self.point_size)
        document.setDefaultFont(font)
        document.setDocumentMargin(12)
        self._ids, self._starts, self._ends, self._index = [], [], [], {}
        self._mark_selections = None  # the marked bullets move
        self._found, self._found_current = [], -1  # Find searches again (FindBar.refresh)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        first = True
        for english, arabic in self._bullets:
            lines = []
            if self.languages == "both":
                lines = [(english, True), (arabic, False)]
            elif self.languages == "english":
                # No English at all (no model, no gloss): the Arabic is better than a placeholder.
                lines = [(english if english.kind != PLACEHOLDER else arabic, True)]
            else:
                lines = [(arabic, True)]
            start = None
            for unit, is_bullet in lines:
                block = self._bullet_block(unit, is_bullet)
                if first:
                    cursor.setBlockFormat(block)
                    first = False
                else:
                    cursor.insertBlock(block)
                if start is None:
                    start = cursor.position()
                if is_bullet:
                    cursor.insertText(BULLET, self._format(unit, False))
                if unit.label:
                    cursor.insertText(unit.label + "\u00a0", self.label_format(unit))
                cursor.insertText(unit.text, self._format(unit, not is_bullet))
            self._record(english.id, start, cursor.position())
        cursor.endEditBlock()
        bar.setValue(scroll)
        self._apply_highlights()

    def _bullet_block(self, unit: Unit, is_bullet: bool) -> QTextBlockFormat:
        block = QTextBlockFormat()
        direction = Qt.LayoutDirection.RightToLeft if unit.rtl else Qt.LayoutDirection.LeftToRight
        block.setLayoutDirection(direction)
        align = Qt.AlignmentFlag.AlignRight if unit.rtl else Qt.AlignmentFlag.AlignLeft
        block.setAlignment(align | Qt.AlignmentFlag.AlignAbsolute)
        indent = self.point_size * 1.3
        # A hanging indent: the bullet sits in the margin, wrapped lines align with the text.
        if unit.rtl:
            block.setRightMargin(indent)
        else:
            block.setLeftMargin(indent)
        if is_bullet:
            block.setTextIndent(-indent * 0.9)
            block.setTopMargin(self.point_size * 0.7)
        block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return block

    def _format(self, unit: Unit, secondary: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if unit.rtl and self.arabic_family:
            fmt.setFontFamilies([self.arabic_family])
        if unit.rtl:
            fmt.setFontPointSize(self.point_size * 1.05)
        # A gloss heading a bullet keeps the text colour (its GLOSS label says what it is), so
        # the bullet still stands out from the grey Arabic beneath it.
        if unit.kind == PLACEHOLDER or secondary:
            fmt.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        if unit.kind == PLACEHOLDER:  # not glosses: see LinkedTextView.char_format
            fmt.setFontItalic(True)
        mark_check(fmt, unit.note)  # an English bullet to check: as the English pane marks it
        return fmt

    @property
    def bullet_ids(self) -> list[int]:
        return self.sentence_ids

    def set_units(self, units) -> None:  # the bullets are built by rebuild(), never from units
        self.rebuild()


ALGORITHM_LABELS = {
    "news": "News (default)",
    "lexrank": "LexRank",
    "textrank": "TextRank",
    "lsa": "LSA",
    "luhn": "Luhn",
    "sumbasic": "SumBasic",
    "kl": "KL-Sum",
}


class SummaryControls(QWidget):
    """Algorithm and number of bullets; emits ``changed(algorithm, bullets or None)``."""

    changed = Signal(str, object)

    def __init__(self, algorithm: str, bullets: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.algorithm = QComboBox(self)
        self.algorithm.setAccessibleName(self.tr("Summary algorithm"))
        self.algorithm.setToolTip(self.tr("How the bullets are chosen; the summary updates at once"))
        self.set_algorithms(ALGORITHMS, algorithm)
        self.bullets = QSpinBox(self)
        self.bullets.setRange(0, MAX_BULLETS)
        self.bullets.setSpecialValueText(self.tr("Auto"))
        self.bullets.setSuffix(self.tr(" bullets"))
        self.bullets.setValue(bullets or 0)
        self.bullets.setAccessibleName(self.tr("Number of bullets"))
        self.bullets.setToolTip(self.tr("Number of bullets; Auto chooses by article length"))
        label = QLabel(self.tr("&Algorithm:"), self)
        label.setBuddy(self.algorithm)
        layout.addWidget(label)
        layout.addWidget(self.algorithm, 1)
        layout.addWidget(self.bullets)
        self.algorithm.currentIndexChanged.connect(self._emit)
        self.bullets.valueChanged.connect(self._emit)

    def set_algorithms(self, names: tuple[str, ...], current: str | None = None) -> None:
        """The algorithms the core offers (``talkhis.core.article.ALGORITHMS``)."""
        current = current or self.current_algorithm()
        self.algorithm.blockSignals(True)
        self.algorithm.clear()
        for name in names:
            self.algorithm.addItem(ALGORITHM_LABELS.get(name, name), name)
        index = self.algorithm.findData(current)
        self.algorithm.setCurrentIndex(max(index, 0))
        self.algorithm.blockSignals(False)

    def current_algorithm(self) -> str:
        return self.algorithm.currentData() or "news"

    def current_bullets(self) -> int | None:
        return self.bullets.value() or None

    def _emit(self, *_args) -> None:
        self.changed.emit(self.current_algorithm(), self.current_bullets())
