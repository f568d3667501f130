"""The names panel: the people, places and organisations of the article, and the glossary dialog.

:class:`EntityPanel` is a dock beside the three panes listing the job's entities
(:mod:`talkhis.core.entities`) grouped by kind, each with its English, its Arabic and how often it
is named. Choosing one (click, Enter or Space) emits :attr:`EntityPanel.chosen`; the window marks
its sentences in every pane. Choosing it again, or Escape, clears the marks (``chosen(None)``).
A right-click (or the menu key) asks the window for its actions through
:attr:`EntityPanel.menu_requested`, as the text views' ``sentence_menu`` does.

:class:`GlossaryDialog` asks for the English of an Arabic term (prefilled with the rendering now
shown); the window saves it with :mod:`talkhis.core.glossary`. :func:`term_at` finds the word or
the whole name under a point of the Arabic pane. Nothing here saves or reads files.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talkhis.core import glossary
from talkhis.core.entities import KINDS
from talkhis.ui.text_views import arabic_family
from talkhis.ui.theme import error_colour

GLOSSARY_KINDS = glossary.KINDS  # the entities' kinds, and "term"
ENTITY_ROLE = Qt.ItemDataRole.UserRole
ENGLISH, ARABIC, COUNT = range(3)
MAX_ENTRY = 200  # characters in either field of the glossary dialog: a term, not a paragraph


def has_arabic_letters(text: str) -> bool:
    """True when ``text`` has an Arabic letter (Arabic punctuation such as ، or ؟ is no letter)."""
    return any(unicodedata.category(c).startswith("L") and "ARABIC" in unicodedata.name(c, "") for c in text)


def entity_identity(entity) -> tuple[str, str]:
    """What stays the same when the glossary renames an entity: its kind and its Arabic."""
    return entity.kind, entity.arabic


def term_at(text: str, offset: int, gloss=None) -> tuple[str, str, str] | None:
    """``(arabic, english, kind)`` of what is at ``offset`` of an Arabic sentence: the whole name
    when the word is part of one (without its proclitic: وبيروت → بيروت), else the word as
    written with its gloss; None off a word. ``gloss``: the sentence's Gloss as the article read
    it (its name memory: a surname alone after the full name is a name); else the sentence is
    glossed alone. Raises LexiconError when the lexicon is missing."""
    from talkhis.core.entities import name_as_written
    from talkhis.core.lexicon import gloss_sentence  # the lexicon: imported on first use

    if gloss is None or gloss.text != text:
        gloss = gloss_sentence(text)
    token = gloss.token_at(offset) or (gloss.token_at(offset - 1) if offset > 0 else None)
    if token is None or token.kind != "word":
        return None
    index = gloss.tokens.index(token)
    for first, last, name in gloss.names:
        if first <= index <= last:
            kind = name.kind if name.kind in GLOSSARY_KINDS else "term"
            return name_as_written(gloss, first, last, name), name.english, kind
    return token.text, token.gloss, "term"


def entity_of(term: tuple[str, str, str], entities, sentence_id: int):
    """The entity of the article that the name ``term`` (from :func:`term_at`) is part of, in
    sentence ``sentence_id`` ("المنصوري" alone → Khalid al-Mansouri, خالد المنصوري), or None."""
    from talkhis.core.lexicon.names import name_key

    arabic, english, kind = term
    if kind not in KINDS:
        return None
    candidates = [e for e in entities or () if e.kind == kind and sentence_id in e.sentence_ids]
    key, words = name_key(arabic), set(name_key(arabic).split(" "))
    english_words = set(english.split())
    for entity in candidates:
        if name_key(entity.arabic) == key:
            return entity
    for entity in candidates:
        if words <= set(name_key(entity.arabic).split(" ")) or (
                english_words and english_words <= set(entity.english.split())):
            return entity
    return None


def word_at(text: str, offset: int) -> tuple[str, str, str] | None:
    """``(word, "", "term")``: the word at ``offset`` by spaces and punctuation (no lexicon to ask)."""
    offset = max(0, min(len(text) - 1, offset))
    start = text.rfind(" ", 0, offset) + 1
    end = text.find(" ", offset)
    word = text[start : end if end >= 0 else len(text)].strip(".,،؛:؟!?\"“”«»()[]")
    return (word, "", "term") if word else None


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the column's width (Qt's tree views do not measure
    that themselves): "Ministry of Water Resources and Irrigation" on two lines, not "Ministry of …"."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's name)
        size = super().sizeHint(option, index)
        tree = self.parent()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        width = tree.columnWidth(index.column()) - 12
        if index.column() == 0 and index.parent().isValid():
            width -= tree.indentation()
        if not text or width <= 0:
            return size
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        needed = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), needed.height() + 6))


class _EntityTree(QTreeWidget):
    """The list itself: Enter or Space chooses, Escape clears (before the window's Stop does)."""

    toggle_requested = Signal(object)  # the item to choose (or to clear, if chosen)
    clear_requested = Signal()
    menu_at = Signal(object, object)  # item, global position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.has_choice = False  # an entity is marked: Escape is ours

    def event(self, event) -> bool:  # noqa: D102
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape
                and self.has_choice):
            event.accept()  # Escape clears the marks here; it does not stop the translation
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key == Qt.Key.Key_Escape and self.has_choice:
            self.clear_requested.emit()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentItem() is not None:
            self.toggle_requested.emit(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        if event.reason() == event.Reason.Keyboard:
            item = self.currentItem()
            position = self.viewport().mapToGlobal(self.visualItemRect(item).center()) if item else event.globalPos()
        else:
            item, position = self.itemAt(event.pos()), event.globalPos()
        if item is not None:
            self.menu_at.emit(item, position)


class EntityPanel(QDockWidget):
    """People, places and organisations of the open article; choose one to mark its sentences."""

    chosen = Signal(object)  # the Entity now marked in the panes, or None (cleared)
    # The chosen entity found again after the glossary changed (perhaps a new English, new
    # sentences): marked again where the user is, without scrolling or announcing it.
    remarked = Signal(object)
    menu_requested = Signal(QMenu, object)  # a menu over an entity is about to open: add actions

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("EntityPanel")
        self.setWindowTitle(self.tr("Names"))
        self.setAccessibleName(self.tr("Names"))
        self.setToolTip(self.tr("People, places and organisations named in the article"))
        self.wanted = True  # the user has not closed it
        self.entities: list = []
        self.chosen_entity = None
        self._state = "none"  # none, waiting, not-arabic, no-lexicon, failed, list
        self._reason = ""  # why the names could not be found (state "failed")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(4)
        self.note = QLabel(body)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tree = _EntityTree(body)
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("People, places and organisations"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ENGLISH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ARABIC, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)  # a long organisation wraps in its column instead of "Ministry of …"
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_args: self.tree.doItemsLayout())  # the rows' heights follow
        self.tree.itemClicked.connect(lambda item, _column: self._toggle(item))
        self.tree.toggle_requested.connect(self._toggle)
        self.tree.clear_requested.connect(lambda: self.choose(None))
        self.tree.menu_at.connect(self._menu)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        self.hint = QLabel(body)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.hint)
        self.setWidget(body)
        self.family = arabic_family()
        self.retranslate()
        self.clear()

    # -- filling ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The texts this panel makes itself (the interface language changed)."""
        self.tree.setHeaderLabels([self.tr("English"), self.tr("Arabic"), self.tr("Count")])
        self.tree.headerItem().setToolTip(COUNT, self.tr("How often the article names it"))
        self.hint.setText(self.tr("Click a name to mark its sentences in the three panes; click again or "
                                  "Esc to clear. Right-click to set its English."))
        if self._state == "list":
            self._fill()
            if self.chosen_entity is not None:  # the same row stays chosen; the marks are unchanged
                self._select_row(self.item_of(self.chosen_entity))
        else:
            self._show_state(self._state)

    def clear(self, waiting: bool = False) -> None:
        """No list: ``waiting`` while an article's names are being found."""
        self.set_entities(None, state="waiting" if waiting else "none")

    def fail(self, reason: str) -> None:
        """The names could not be found: one line saying why, instead of "Finding names…"."""
        self._reason = " ".join(reason.split())
        self.set_entities(None, state="failed")

    def set_entities(self, entities: list | None, *, state: str = "list") -> None:
        """The article's entities (None: no list, ``state`` says why). A chosen entity that is still
        there (same kind and Arabic, perhaps a new English) stays chosen, with its new sentences."""
        previous = self.chosen_entity
        self.entities = list(entities) if entities is not None else []
        self._state = state if entities is None else "list"
        self.chosen_entity = None
        self.tree.has_choice = False
        if entities is None:
            self.tree.clear()
            self._show_state(self._state)
        else:
            self._fill()
        again = None
        if previous is not None:
            again = next((e for e in self.entities if entity_identity(e) == entity_identity(previous)), None)
        if again is not None:
            item = self.item_of(again)
            self.chosen_entity = again
            self.tree.has_choice = True
            self._select_row(item)
            self.remarked.emit(again)
        elif previous is not None:
            self.chosen.emit(None)

    def _show_state(self, state: str) -> None:
        texts = {
            "none": self.tr("Open an Arabic article to list the people, places and organisations it names."),
            "waiting": self.tr("Finding names…"),
            "not-arabic": self.tr("Names are listed for Arabic articles."),
            "no-lexicon": self.tr("No names: the Arabic lexicon is not installed."),
            "failed": self.tr("The names could not be listed: {reason}").format(reason=self._reason),
        }
        self.note.setText(texts.get(state, ""))
        self.note.show()
        self.tree.hide()
        self.hint.hide()

    def _fill(self) -> None:
        self.tree.clear()
        if not self.entities:
            self.note.setText(self.tr("No people, places or organisations found."))
            self.note.show()
            self.tree.hide()
            self.hint.hide()
            return
        self.note.hide()
        self.tree.show()
        self.hint.show()
        titles = {"person": self.tr("People"), "place": self.tr("Places"), "organisation": self.tr("Organisations")}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        arabic_font = QFont(self.tree.font())
        if self.family:
            arabic_font.setFamilies([self.family])
        arabic_font.setPointSizeF(arabic_font.pointSizeF() * 1.1)
        for kind in KINDS:
            members = [e for e in self.entities if e.kind == kind]
            if not members:
                continue
            group = QTreeWidgetItem(self.tree, [f"{titles[kind]} ({len(members)})"])
            group.setFirstColumnSpanned(True)
            group.setFont(ENGLISH, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not chosen, not selected
            for entity in members:
                item = QTreeWidgetItem(group, [entity.english, entity.arabic, str(entity.count)])
                item.setData(ENGLISH, ENTITY_ROLE, entity)
                item.setFont(ARABIC, arabic_font)
                item.setTextAlignment(ARABIC, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                      | Qt.AlignmentFlag.AlignVCenter)  # Arabic is right-aligned in either interface
                item.setTextAlignment(COUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tip = self.tr("{english} ({arabic}). Mentions: {count}; sentences: {sentences}.").format(
                    english=entity.english, arabic=entity.arabic, count=entity.count,
                    sentences=len(entity.sentence_ids))
                for column in (ENGLISH, ARABIC, COUNT):
                    item.setToolTip(column, tip)
        self.tree.expandAll()

    # -- choosing --------------------------------------------------------------------------
    def _entity_items(self):
        """The entity rows, in order, under their group headings."""
        for group in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(group)
            for index in range(top.childCount()):
                yield top.child(index)

    def item_of(self, entity) -> QTreeWidgetItem | None:
        """The row of ``entity`` (matched by kind and Arabic), or None."""
        return next((item for item in self._entity_items()
                     if entity_identity(item.data(ENGLISH, ENTITY_ROLE)) == entity_identity(entity)), None)

    def rows(self) -> list[tuple[str, str, str, int]]:
        """What the panel lists, in order: (kind, English, Arabic, count)."""
        return [(item.data(ENGLISH, ENTITY_ROLE).kind, item.text(ENGLISH), item.text(ARABIC), int(item.text(COUNT)))
                for item in self._entity_items()]

    def choose(self, entity) -> None:
        """Mark ``entity`` (None clears); the window hears :attr:`chosen`."""
        item = self.item_of(entity) if entity is not None else None
        self.chosen_entity = item.data(ENGLISH, ENTITY_ROLE) if item is not None else None
        self.tree.has_choice = self.chosen_entity is not None
        self._select_row(item)
        self.chosen.emit(self.chosen_entity)

    def _select_row(self, item: QTreeWidgetItem | None) -> None:
        """Show ``item`` as the chosen row (None: no row), telling nobody."""
        if item is not None:
            self.tree.setCurrentItem(item)
            item.setSelected(True)
        else:
            self.tree.clearSelection()

    def _toggle(self, item: QTreeWidgetItem) -> None:
        entity = item.data(ENGLISH, ENTITY_ROLE)
        if entity is None:
            return  # a group heading
        same = self.chosen_entity is not None and entity_identity(self.chosen_entity) == entity_identity(entity)
        self.choose(None if same else entity)

    def _menu(self, item: QTreeWidgetItem, position) -> None:
        entity = item.data(ENGLISH, ENTITY_ROLE)
        if entity is None:
            return
        menu = QMenu(self)
        self.menu_requested.emit(menu, entity)
        if menu.actions():
            self.popup_menu(menu, position)
        menu.deleteLater()

    def popup_menu(self, menu: QMenu, position) -> None:
        """Show a context menu and wait for the choice (tests replace this)."""
        menu.exec(position)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.wanted = False  # closed by the user: not shown again for the next article
        super().closeEvent(event)


class GlossaryDialog(QDialog):
    """The English (and kind) of one Arabic term for the user's glossary."""

    def __init__(self, arabic: str, english: str, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set English"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Every gloss and the names list will use this English for the term, "
                               "in this article and the next ones."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.arabic = QLineEdit(arabic, self)
        self.arabic.setMaxLength(MAX_ENTRY)
        self.arabic.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.arabic.setAccessibleName(self.tr("Arabic term"))
        family = arabic_family()
        if family:
            font = QFont(self.arabic.font())
            font.setFamilies([family])
            self.arabic.setFont(font)
        self.english = QLineEdit(english, self)
        self.english.setMaxLength(MAX_ENTRY)
        self.english.setAccessibleName(self.tr("English rendering"))
        self.english.selectAll()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        for name, label in zip(GLOSSARY_KINDS, (self.tr("Person"), self.tr("Place"), self.tr("Organisation"),
                                                self.tr("Other term")), strict=True):
            self.kind.addItem(label, name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind if kind in GLOSSARY_KINDS else "term")))
        form.addRow(self.tr("&Arabic:"), self.arabic)
        form.addRow(self.tr("&English:"), self.english)
        form.addRow(self.tr("&Kind:"), self.kind)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.english.setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.arabic.text().strip(), self.english.text().strip(), self.kind.currentData()

    def problem_with(self) -> str | None:
        """What stops the entry being saved, in one line (the glossary's own check, then the
        letters each field needs), or None."""
        arabic, english, kind = self.values()
        if not all("".join(c for c in text if c.isprintable()).strip() for text in (arabic, english)):
            return self.tr("Both the Arabic term and its English are needed.")  # (control characters alone too)
        try:
            term = glossary.check_entry(arabic, english, kind)
        except glossary.GlossaryError as exc:
            return " ".join(str(exc).split())
        if not has_arabic_letters(term.arabic):
            return self.tr("The Arabic term needs Arabic letters.")
        if has_arabic_letters(term.english):
            return self.tr("The English rendering cannot have Arabic letters.")
        return None

    def accept(self) -> None:
        problem = self.problem_with()
        if problem is not None:  # said here, in one line; the dialog stays open and nothing is saved
            palette = self.problem.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))  # this theme's red
            self.problem.setPalette(palette)
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()


__all__ = ["EntityPanel", "GlossaryDialog", "entity_identity", "entity_of", "term_at", "word_at"]
