"""Find across the panes: one field searching the Arabic, the English and the summary at once.

Matching is :func:`talkhis.core.search.find_all`: Arabic without diacritics, tatweel or
hamza/yeh/alef spelling variants, English without case. Every match is marked in its view
(:meth:`LinkedTextView.set_found`); Next and Previous walk through them view by view, in the
order the views were given, scroll to each and say which sentence it is in (``match_chosen``),
so the window can select that sentence in the other panes too. The count reads "3 of 12".

Keys in the field: Enter (or F3) next, Shift+Enter (or Shift+F3) previous, Escape closes.
The bar searches again when a view's text changes (a batch of translations arrives).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

from talkhis.core.search import find_all
from talkhis.ui.text_views import LinkedTextView


class FindBar(QWidget):
    """A find field with Previous, Next, a match count and Close, over several text views."""

    # The match now shown: its view and the sentence (bullet) id it lies in, -1 for none.
    match_chosen = Signal(object, int)
    closed = Signal()

    def __init__(self, views: list[LinkedTextView], parent: QWidget | None = None):
        super().__init__(parent)
        self.views = list(views)
        self.matches: list[tuple[LinkedTextView, int, int]] = []
        self.current = -1
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # one line under the panes
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Find in all panes (Arabic ignores diacritics and hamza forms)"))
        self.field.setAccessibleName(self.tr("Find text"))
        self.field.installEventFilter(self)
        label = QLabel(self.tr("&Find:"), self)
        label.setBuddy(self.field)
        self.previous_button = self._button("go-up", self.tr("Previous"), self.tr("Previous match (Shift+Enter)"))
        self.next_button = self._button("go-down", self.tr("Next"), self.tr("Next match (Enter)"))
        self.count = QLabel(self)
        self.count.setAccessibleName(self.tr("Matches"))
        self.close_button = self._button("window-close", self.tr("Close"), self.tr("Close the find bar (Escape)"))
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.field.textChanged.connect(self._text_changed)
        # Views rebuild often while translating: search again once they settle.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        for view in self.views:
            view.document().contentsChanged.connect(self._contents_changed)
        self._show_count()

    def _button(self, icon: str, text: str, tip: str) -> QToolButton:
        from PySide6.QtGui import QIcon

        button = QToolButton(self)
        button.setText(text)
        button.setIcon(QIcon.fromTheme(icon))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button

    # -- the window calls these (Ctrl+F, F3, Shift+F3) -------------------------------------
    def open(self, text: str | None = None) -> None:
        """Show the bar with the field focused and selected (``text``: start from that, e.g. a selection)."""
        self.show()
        if text:
            self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and take the marks off the views."""
        for view in self.views:
            view.set_found([])
        self.matches, self.current = [], -1
        self.hide()
        self.closed.emit()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    # -- searching -------------------------------------------------------------------------
    def search(self, query: str) -> int:
        """Find ``query`` in every view; returns the number of matches (the first is shown)."""
        self.field.blockSignals(True)
        self.field.setText(query)
        self.field.blockSignals(False)
        self._run(query, keep=False)
        return len(self.matches)

    def refresh(self) -> None:
        """Search again (the views' text changed), staying near the match that was shown."""
        if self.isVisible() or self.matches:
            self._run(self.field.text(), keep=True)

    def _text_changed(self, text: str) -> None:
        self._run(text, keep=False)

    def _contents_changed(self) -> None:
        if self.field.text():
            self._refresh_timer.start()

    def _run(self, query: str, *, keep: bool) -> None:
        previous = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = []
        per_view: dict[int, list[tuple[int, int]]] = {}
        for number, view in enumerate(self.views):
            ranges = find_all(view.plain_text(), query) if query.strip() else []
            per_view[number] = ranges
            self.matches += [(view, start, end) for start, end in ranges]
        self.current = 0 if self.matches else -1
        if keep and previous is not None:
            view, start, _ = previous
            for index, (other, other_start, _) in enumerate(self.matches):
                if other is view and other_start >= start:
                    self.current = index
                    break
        for number, view in enumerate(self.views):
            view.set_found(per_view[number])
        self._show(scroll=not keep)

    def _step(self, delta: int) -> None:
        if not self.matches:
            if self.field.text().strip():
                self._run(self.field.text(), keep=False)
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show(scroll=True)

    def _show(self, *, scroll: bool) -> None:
        for view in self.views:
            view.set_found(view.found, -1)
        if 0 <= self.current < len(self.matches):
            view, start, end = self.matches[self.current]
            index = sum(1 for other, *_ in self.matches[:self.current] if other is view)
            view.set_found(view.found, index)
            if scroll:
                view.scroll_to_range(start, end)
                self.match_chosen.emit(view, view.sentence_at_position(start))
        self._show_count()

    def _show_count(self) -> None:
        query = self.field.text().strip()
        if not query:
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("No matches"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self.current + 1))
                               .replace("%2", str(len(self.matches))))
        self.previous_button.setEnabled(len(self.matches) > 1)
        self.next_button.setEnabled(len(self.matches) > 1)

    # -- keys in the field -----------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Escape belongs to the field while it has focus: without this the window's Stop (Esc)
        # would take it first, cancelling a read or translation and leaving the bar open.
        if (watched is self.field and event.type() == QEvent.Type.ShortcutOverride
                and event.key() == Qt.Key.Key_Escape):
            event.accept()
            return True
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.find_previous() if shift else self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.matches(QKeySequence.StandardKey.FindNext):
                self.find_next()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.find_previous()
                return True
        return super().eventFilter(watched, event)
