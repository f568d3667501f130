"""The names panel and the glossary from the window, as an analyst uses them (issue 16).

The real window and pipeline on the project's sample, with no model installed: the English is
the word-by-word gloss, and the names come from the lexicon's name recognition. Headless Qt;
every wait is on a signal or a condition, never a sleep.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, contrast, save_screenshot
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QMenu, QStyle

from talkhis.core import paths
from talkhis.ui.main_window import MainWindow
from talkhis.ui.theme import dark_palette, entity_colours

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
WAIT_MS = 30_000

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


@pytest.fixture
def window(qtbot, monkeypatch):
    """The window with the sample open and its names found; dialogs never open (errors collected)."""
    window = MainWindow()
    window.errors = []
    monkeypatch.setattr(window, "show_error", lambda _title, message: window.errors.append(message))
    qtbot.addWidget(window)
    window.resize(1300, 560)  # short panes: the marked sentences have to be scrolled to
    window.show()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)
    qtbot.waitUntil(lambda: bool(window.entity_panel.entities), timeout=WAIT_MS)
    assert window.errors == []
    return window


def click_entity(qtbot, window: MainWindow, english: str) -> None:
    tree = window.entity_panel.tree
    item = next(window.entity_panel.item_of(e) for e in window.entity_panel.entities if e.english == english)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def marked_texts(view) -> list[str]:
    """The texts the view tints for the chosen entity (its sentences, then the name's words)."""
    ranges = [view.range_of(i) for i in view.marked] + view.marked_word_ranges()
    texts = []
    for selection in view.extraSelections():
        cursor = selection.cursor
        if (cursor.selectionStart(), cursor.selectionEnd()) in ranges:
            texts.append(cursor.selectedText())
    return texts


def visible(view, sentence_id: int) -> bool:
    start, _ = view.range_of(sentence_id)
    rect = view.rect_of(start, start + 1)
    return view.viewport().rect().intersects(rect)


def test_the_names_panel_lists_the_samples_people_and_organisations(window):
    panel = window.entity_panel
    assert panel.isVisible()
    rows = panel.rows()
    assert ("person", "Khalid al-Mansouri", "خالد المنصوري", 1) in rows
    assert ("person", "Abu Yasser", "أبو ياسر", 2) in rows
    assert ("person", "Layla Haddad", "ليلى حداد", 1) in rows
    assert ("organisation", "Ministry of Water Resources and Irrigation", "وزارة الموارد المائية والري", 1) in rows
    kinds = [kind for kind, *_ in rows]
    assert kinds == sorted(kinds, key=("person", "place", "organisation").index)  # grouped: people first
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == ["People (4)", "Organisations (5)"]  # the sample names no place
    assert not any(word in english.lower().split() for _, english, _, _ in rows
                   for word in ("immortal", "the lion", "smiling"))


def test_clicking_a_name_marks_its_sentences_in_all_three_panes_and_clicking_again_clears(window, qtbot):
    article = window.session.article
    window.source_view.verticalScrollBar().setValue(0)

    click_entity(qtbot, window, "Abu Yasser")  # named in sentences 11 and 12, neither a bullet

    assert window.source_view.marked == (11, 12) and window.translation_view.marked == (11, 12)
    assert marked_texts(window.source_view) == [article.sentences[11].text, article.sentences[12].text,
                                                "أبو ياسر", "أبو ياسر"]  # the sentences, and the name in each
    assert marked_texts(window.translation_view) == [window.translation_view.text_of(11),
                                                     window.translation_view.text_of(12)]
    assert window.summary_view.marked == ()
    assert visible(window.source_view, 11)  # scrolled to the first
    assert "Abu Yasser" in window.statusBar().currentMessage()

    click_entity(qtbot, window, "Khalid al-Mansouri")  # another one replaces it; its sentence is a bullet
    assert window.source_view.marked == (2,) and window.translation_view.marked == (2,)
    assert 2 in window.summary_view.bullet_ids and window.summary_view.marked == (2,)
    bullet = window.summary_view.range_of(2)
    assert any((s.cursor.selectionStart(), s.cursor.selectionEnd()) == bullet
               for s in window.summary_view.extraSelections())
    save_screenshot(window, "entities")

    click_entity(qtbot, window, "Khalid al-Mansouri")  # the same one again: cleared everywhere
    for view in (window.source_view, window.translation_view, window.summary_view):
        assert view.marked == () and marked_texts(view) == []
    assert window.entity_panel.chosen_entity is None


def test_the_names_panel_works_from_the_keyboard_and_escape_clears(window, qtbot):
    panel, tree = window.entity_panel, window.entity_panel.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))  # the "People" heading: Down goes to the first person
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    first = panel.chosen_entity
    assert first is not None and window.source_view.marked == first.sentence_ids

    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert panel.chosen_entity is not None and panel.chosen_entity != first

    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert panel.chosen_entity is None and window.source_view.marked == ()


def test_the_marks_follow_a_switch_to_the_dark_theme(window, qtbot):
    click_entity(qtbot, window, "Abu Yasser")
    window.set_theme("dark")
    try:
        sentence_colour, word_colour = entity_colours(dark_palette())

        def backgrounds():
            return [s.format.background().color() for s in window.source_view.extraSelections()]

        qtbot.waitUntil(lambda: sentence_colour in backgrounds(), timeout=WAIT_MS)  # the palette change is posted
        assert word_colour in backgrounds()
        assert window.source_view.marked == (11, 12)  # the rebuilt panes keep the marks
        save_screenshot(window, "entities-dark")
    finally:
        window.set_theme("system")


def context_menu(view, point: QPoint, monkeypatch) -> QMenu:
    """Right-click ``point`` of ``view``'s viewport; the menu that would open (it is not shown)."""
    menus: list[QMenu] = []
    monkeypatch.setattr(view, "popup_menu", lambda menu, _position: menus.append(menu))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    view.contextMenuEvent(event)
    assert len(menus) == 1
    return menus[0]


def menu_over_word(view, sentence_id: int, word: str, monkeypatch, into: int = 1) -> QMenu:
    """Scroll to a sentence and right-click ``into`` characters inside ``word`` there: its menu."""
    start, _ = view.range_of(sentence_id)
    view.scroll_to(sentence_id)
    index = view.unit_text(sentence_id).index(word)
    return context_menu(view, view.point_at_position(start + index + into), monkeypatch)


def action(menu: QMenu, text: str):
    found = [a for a in menu.actions() if a.text() == text]
    assert found, f"no {text!r} in {[a.text() for a in menu.actions()]}"
    return found[0]


def refreshed(qtbot, window: MainWindow):
    """Wait for the names found again after a glossary change."""
    return qtbot.waitSignal(window.session.entities_found, timeout=WAIT_MS)


def test_right_click_set_english_renames_the_entity_in_the_panel_the_gloss_and_the_glossary(
        window, qtbot, monkeypatch):
    view = window.source_view
    asked = []

    def answer(arabic, english, kind):
        asked.append((arabic, english, kind))
        return arabic, "Abu Yasir", kind

    monkeypatch.setattr(window, "ask_glossary_entry", answer)
    menu = menu_over_word(view, 11, "ياسر", monkeypatch)  # the second word of the name: the whole name is offered
    with refreshed(qtbot, window):
        action(menu, "Set English for «أبو ياسر»…").trigger()

    assert asked == [("أبو ياسر", "Abu Yasser", "person")]  # prefilled with the rendering shown
    stored = json.loads((paths.data_dir() / "glossary.json").read_text(encoding="utf-8"))
    assert {"arabic": "أبو ياسر", "english": "Abu Yasir", "kind": "person"} in stored["terms"]
    rows = window.entity_panel.rows()
    assert ("person", "Abu Yasir", "أبو ياسر", 2) in rows and not any(r[1] == "Abu Yasser" for r in rows)
    qtbot.waitUntil(lambda: "Abu Yasir" in window.translation_view.text_of(12), timeout=WAIT_MS)
    assert "Abu Yasir" in window.translation_view.text_of(11)  # the gloss, without reopening
    assert window.errors == []

    # The panel's own menu: the name is in the glossary now, so it can be removed from there.
    item = window.entity_panel.item_of(next(e for e in window.entity_panel.entities if e.english == "Abu Yasir"))
    menus: list[QMenu] = []
    monkeypatch.setattr(window.entity_panel, "popup_menu", lambda menu, _position: menus.append(menu))
    window.entity_panel.tree.menu_at.emit(item, QPoint(0, 0))  # a right-click on the row
    with refreshed(qtbot, window):
        action(menus[0], "Remove «أبو ياسر» from the glossary").trigger()
    assert ("person", "Abu Yasser", "أبو ياسر", 2) in window.entity_panel.rows()
    stored = json.loads((paths.data_dir() / "glossary.json").read_text(encoding="utf-8"))
    assert stored["terms"] == []


def test_a_chosen_entity_stays_marked_when_the_glossary_renames_it(window, qtbot, monkeypatch):
    click_entity(qtbot, window, "Layla Haddad")
    monkeypatch.setattr(window, "ask_glossary_entry", lambda arabic, _english, kind: (arabic, "Laila Haddad", kind))
    with refreshed(qtbot, window):
        assert window.edit_glossary("ليلى حداد", "Layla Haddad", "person")
    assert window.entity_panel.chosen_entity.english == "Laila Haddad"
    assert window.source_view.marked == (17,)
    assert window.entity_panel.tree.currentItem().text(0) == "Laila Haddad"


def test_a_bad_glossary_value_is_one_line_and_nothing_is_saved(window, monkeypatch):
    monkeypatch.setattr(window, "ask_glossary_entry", lambda arabic, _english, kind: (arabic, "   ", kind))
    assert not window.edit_glossary("أبو ياسر", "Abu Yasser", "person")
    assert len(window.errors) == 1 and "\n" not in window.errors[0]
    assert "English rendering" in window.errors[0]
    assert not (paths.data_dir() / "glossary.json").exists()
    assert ("person", "Abu Yasser", "أبو ياسر", 2) in window.entity_panel.rows()


def test_a_new_article_clears_the_panel_and_the_marks(window, qtbot, tmp_path):
    click_entity(qtbot, window, "Abu Yasser")
    english = tmp_path / "english.txt"
    english.write_text("Port reopens after storm.\n\nThe port of the city reopened on Monday after the storm. "
                       "Ships queued for two days. Officials said repairs would take a week.\n", encoding="utf-8")
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(english)
    assert window.entity_panel.rows() == [] and window.entity_panel.chosen_entity is None
    assert window.entity_panel.note.text() == "Names are listed for Arabic articles."
    for view in (window.source_view, window.translation_view, window.summary_view):
        assert view.marked == ()


def test_right_click_on_a_plain_word_offers_the_word_with_its_gloss(window, qtbot, monkeypatch):
    view = window.source_view
    sentence = next(s for s in window.session.article.sentences if "المزارعين" in s.text and not s.heading)
    menu = menu_over_word(view, sentence.id, "المزارعين", monkeypatch, into=3)
    asked = []
    monkeypatch.setattr(window, "ask_glossary_entry", lambda *args: asked.append(args))  # then cancelled
    action(menu, "Set English for «المزارعين»…").trigger()
    assert asked == [("المزارعين", "the farmers", "term")]
    assert not (paths.data_dir() / "glossary.json").exists()  # cancelled: nothing saved
    assert not any("Remove" in a.text() for a in menu.actions())  # not in the glossary


def test_the_glossary_dialog_says_in_one_line_what_is_missing(qtbot):
    from talkhis.ui.entity_panel import GlossaryDialog

    dialog = GlossaryDialog("أبو ياسر", "Abu Yasser", "person")
    qtbot.addWidget(dialog)
    assert dialog.values() == ("أبو ياسر", "Abu Yasser", "person")  # prefilled with the rendering shown
    dialog.english.setText("  ")
    dialog.accept()
    assert dialog.result() != GlossaryDialog.DialogCode.Accepted
    assert dialog.problem.text() == "Both the Arabic term and its English are needed."
    dialog.english.setText("Abu Yasir")
    dialog.kind.setCurrentIndex(dialog.kind.findData("term"))
    dialog.accept()
    assert dialog.result() == GlossaryDialog.DialogCode.Accepted
    assert dialog.values() == ("أبو ياسر", "Abu Yasir", "term")


def test_escape_in_the_names_panel_clears_the_marks_and_does_not_stop_the_translation(qtbot, monkeypatch):
    from gui_helpers import FakePipeline

    pipeline = FakePipeline(hold=(SAMPLE.name,))
    window = MainWindow(pipeline=pipeline)
    qtbot.addWidget(window)
    window.show()
    window.open_file(SAMPLE)
    qtbot.waitUntil(lambda: pipeline.halfway.is_set() and bool(window.entity_panel.entities), timeout=WAIT_MS)
    try:
        assert window.session.translating
        click_entity(qtbot, window, "Abu Yasser")
        window.entity_panel.tree.setFocus()
        qtbot.keyClick(window.entity_panel.tree, Qt.Key.Key_Escape)
        assert window.entity_panel.chosen_entity is None and window.source_view.marked == ()
        assert window.session.translating and not pipeline.cancels[SAMPLE.name].is_set()
    finally:
        with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
            pipeline.release.set()


def test_the_names_panel_speaks_arabic_with_the_interface(window):
    try:
        window.set_interface_language("ar")
        groups = [window.entity_panel.tree.topLevelItem(i).text(0)
                  for i in range(window.entity_panel.tree.topLevelItemCount())]
        assert groups == ["الأشخاص (4)", "المنظمات (5)"]
        assert window.entity_panel.windowTitle() == "الأسماء"
    finally:
        window.set_interface_language("en")
    assert window.entity_panel.tree.topLevelItem(0).text(0) == "People (4)"


def test_a_names_panel_closed_by_the_user_stays_closed_for_the_next_article(window, qtbot):
    assert window.names_action in window.menuBar().actions()[2].menu().actions()  # View › Names (Ctrl+4)
    window.entity_panel.close()
    assert not window.entity_panel.isVisible() and not window.names_action.isChecked()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)
    assert not window.entity_panel.isVisible()
    window.names_action.trigger()
    assert window.entity_panel.isVisible() and window.entity_panel.wanted


class _FirstCallWaits:
    """A pipeline whose first ``entities_of`` or ``gloss_article`` computes its result with the
    glossary as it is then, and hands it back only when the test opens ``gate``: an old search
    still running when the user saves a glossary entry."""

    def __init__(self, slow: str, *, model: bool):
        from gui_helpers import FakePipeline

        from talkhis.core import pipeline

        self.fake = FakePipeline()
        self.real = pipeline
        self.slow, self.model = slow, model
        self.calls, self.wait_on = 0, 1  # the call that waits
        self.gate, self.blocked = threading.Event(), threading.Event()

    def __getattr__(self, name):
        return getattr(self.fake, name)

    def load_model(self, spec, **kwargs):
        return self.fake.load_model(spec, **kwargs) if self.model else None

    def _maybe_wait(self, name: str, result):
        if name == self.slow:
            self.calls += 1
            if self.calls == self.wait_on:
                self.blocked.set()
                self.gate.wait(WAIT_MS / 1000)
        return result

    def entities_of(self, article):
        return self._maybe_wait("entities_of", self.real.entities_of(article))

    def gloss_article(self, article):
        return self._maybe_wait("gloss_article", self.real.gloss_article(article))


def _racing_window(qtbot, monkeypatch, steps) -> MainWindow:
    window = MainWindow(pipeline=steps)
    window.errors = []
    monkeypatch.setattr(window, "show_error", lambda _title, message: window.errors.append(message))
    qtbot.addWidget(window)
    window.show()
    window.open_file(SAMPLE)
    qtbot.waitUntil(steps.blocked.is_set, timeout=WAIT_MS)
    monkeypatch.setattr(window, "ask_glossary_entry", lambda arabic, _english, kind: (arabic, "Abu Yasir", kind))
    return window


def test_names_found_before_a_glossary_edit_do_not_replace_the_new_ones(qtbot, monkeypatch):
    steps = _FirstCallWaits("entities_of", model=True)
    window = _racing_window(qtbot, monkeypatch, steps)
    try:
        with qtbot.waitSignal(window.session.entities_found, timeout=WAIT_MS):
            assert window.edit_glossary("أبو ياسر", "Abu Yasser", "person")
        assert ("person", "Abu Yasir", "أبو ياسر", 2) in window.entity_panel.rows()
    finally:
        steps.gate.set()  # the first search, with the old glossary, ends now
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT_MS)
    rows = window.entity_panel.rows()
    assert ("person", "Abu Yasir", "أبو ياسر", 2) in rows and not any(r[1] == "Abu Yasser" for r in rows)
    assert "Abu Yasir" in [e.english for e in window.result().entities]  # what the reports export
    assert window.errors == []


def test_a_gloss_begun_before_a_glossary_edit_does_not_replace_the_new_one(qtbot, monkeypatch):
    steps = _FirstCallWaits("gloss_article", model=False)
    window = _racing_window(qtbot, monkeypatch, steps)
    try:
        qtbot.waitUntil(lambda: bool(window.entity_panel.entities), timeout=WAIT_MS)
        assert window.edit_glossary("أبو ياسر", "Abu Yasser", "person")
        qtbot.waitUntil(lambda: "Abu Yasir" in window.translation_view.text_of(11), timeout=WAIT_MS)
    finally:
        steps.gate.set()  # the first gloss, with the old glossary, ends now
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT_MS)
    assert "Abu Yasir" in window.translation_view.text_of(11)
    assert "Abu Yasser" not in window.translation_view.text_of(11)
    assert "Abu Yasir" in window.result().glosses[11]
    assert window.errors == []


def test_saving_another_names_english_keeps_the_panes_where_they_are_and_says_it_was_saved(
        window, qtbot, monkeypatch):
    click_entity(qtbot, window, "Abu Yasser")
    bar = window.source_view.verticalScrollBar()
    window.source_view.scroll_to(23)  # the user reads on, away from the marked sentences
    qtbot.waitUntil(lambda: bar.value() > 0)
    where = bar.value()
    monkeypatch.setattr(window, "ask_glossary_entry", lambda arabic, _english, kind: (arabic, "Laila Haddad", kind))
    with refreshed(qtbot, window):
        assert window.edit_glossary("ليلى حداد", "Layla Haddad", "person")
    assert bar.value() == where
    assert "Laila Haddad" in window.statusBar().currentMessage()  # the save's message, not the marks'
    assert window.entity_panel.chosen_entity.english == "Abu Yasser"
    assert window.source_view.marked == (11, 12)


def test_a_names_search_that_fails_says_so_in_the_panel(qtbot, monkeypatch):
    from gui_helpers import FakePipeline

    class Broken(FakePipeline):
        def entities_of(self, article):
            raise ValueError("a bug in name recognition")

    window = MainWindow(pipeline=Broken())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)
    note = window.entity_panel.note.text()
    assert note.startswith("The names could not be listed") and "\n" not in note
    assert "Finding names" not in note


def test_the_chosen_name_stays_chosen_when_the_interface_language_changes(window, qtbot):
    click_entity(qtbot, window, "Abu Yasser")
    try:
        window.set_interface_language("ar")
        tree = window.entity_panel.tree
        assert [item.text(0) for item in tree.selectedItems()] == ["Abu Yasser"]
        assert tree.currentItem().text(0) == "Abu Yasser"
        assert window.source_view.marked == (11, 12)
        # The Arabic column stays right-aligned in the mirrored (Arabic) interface.
        item = tree.topLevelItem(0).child(0)
        drawn = QStyle.visualAlignment(tree.layoutDirection(), Qt.AlignmentFlag(item.textAlignment(1)))
        assert tree.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert drawn & Qt.AlignmentFlag.AlignRight
    finally:
        window.set_interface_language("en")


def _window_on(qtbot, text: str, path: Path) -> MainWindow:
    """The window (real pipeline, no model) with ``text`` open and its names found."""
    path.write_text(text, encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(path)
    qtbot.waitUntil(lambda: bool(window.entity_panel.entities), timeout=WAIT_MS)
    return window


def glossary_items(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if "«" in a.text()]


def test_right_click_after_emoji_offers_the_word_under_the_pointer(qtbot, monkeypatch, tmp_path):
    window = _window_on(qtbot, "خبر المزارعين\n\n🌾🌾🌾🌾 قال المزارع أبو ياسر إن المحصول كان جيدا هذا العام. "
                               "وأضاف أن المياه كانت كافية.\n", tmp_path / "emoji-ar.txt")
    view = window.source_view
    sentence = next(s for s in window.session.article.sentences if "ياسر" in s.text)
    text, (start, _) = view.unit_text(sentence.id), view.range_of(sentence.id)
    index = text.index("إن المحصول")  # a short word: four positions off would be the next one
    position = start + len(text[:index].encode("utf-16-le")) // 2 + 1  # each emoji is two positions
    menu = context_menu(view, view.point_at_position(position), monkeypatch)
    assert glossary_items(menu) == ["Set English for «إن»…"]


def test_right_click_on_a_surname_alone_offers_the_whole_name_the_panel_lists(qtbot, monkeypatch, tmp_path):
    window = _window_on(qtbot, "خبر\n\nقال وزير الموارد المائية خالد المنصوري إن الخطة جاهزة. "
                               "وأضاف المنصوري أن المياه ستصل إلى القرى قريبا.\n", tmp_path / "mem-ar.txt")
    assert ("person", "Khalid al-Mansouri", "خالد المنصوري", 2) in window.entity_panel.rows()
    view = window.source_view
    sentence = next(s for s in window.session.article.sentences if s.text.startswith("وأضاف"))
    menu = menu_over_word(view, sentence.id, "المنصوري", monkeypatch, into=3)
    asked = []
    monkeypatch.setattr(window, "ask_glossary_entry", lambda *args: asked.append(args))  # then cancelled
    action(menu, "Set English for «خالد المنصوري»…").trigger()
    assert asked == [("خالد المنصوري", "Khalid al-Mansouri", "person")]  # not "the of Mansoura", a term


def test_the_menu_key_in_the_arabic_pane_offers_the_selected_sentences_first_word(window, qtbot, monkeypatch):
    view = window.source_view
    view.setFocus()
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    chosen = view.selected
    assert chosen >= 0
    first_word = view.unit_text(chosen).split()[0]
    menus: list[QMenu] = []
    monkeypatch.setattr(view, "popup_menu", lambda menu, _position: menus.append(menu))
    # What Qt sends for the menu key: the reason Keyboard, at the caret (the top of the document).
    point = view.cursorRect().center()
    view.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, view.mapToGlobal(point)))
    items = glossary_items(menus[0])
    assert items and f"«{first_word}»" in items[0]
    assert window.gloss_action in menus[0].actions()  # the sentence's own items as well


@pytest.mark.parametrize(("arabic", "english", "said"), [
    ("أبو ياسر", "\x07", "Both the Arabic term and its English are needed."),
    ("أبو ياسر", "أبو ياسر", "The English rendering cannot have Arabic letters."),
    ("Abu", "Abu Yasir", "The Arabic term needs Arabic letters."),
    ("، ؟", "Abu Yasir", "The Arabic term needs Arabic letters."),
])
def test_the_glossary_dialog_stays_open_on_a_bad_entry_and_says_why(qtbot, arabic, english, said):
    from talkhis.ui.entity_panel import GlossaryDialog

    dialog = GlossaryDialog("أبو ياسر", "Abu Yasser", "person")
    qtbot.addWidget(dialog)
    dialog.arabic.setText(arabic)
    dialog.english.setText(english)
    dialog.accept()
    assert dialog.result() != GlossaryDialog.DialogCode.Accepted
    assert dialog.problem.text() == said and not dialog.problem.isHidden()


def test_the_glossary_dialog_takes_a_term_not_a_paragraph(qtbot):
    from talkhis.ui.entity_panel import GlossaryDialog

    dialog = GlossaryDialog("أبو ياسر", "Abu Yasser", "person")
    qtbot.addWidget(dialog)
    dialog.english.setText("A" * 5000)
    assert len(dialog.english.text()) <= 200
    dialog.arabic.setText("ب" * 5000)
    assert len(dialog.arabic.text()) <= 200


def test_closing_during_a_names_refresh_does_not_start_the_gloss_after_it(qtbot, monkeypatch):
    steps = _FirstCallWaits("entities_of", model=False)
    steps.wait_on = 2  # the second search (the refresh after the glossary edit) is the one that waits
    glossed = []
    real_gloss = steps.gloss_article
    monkeypatch.setattr(steps, "gloss_article", lambda article: glossed.append(1) or real_gloss(article))
    window = MainWindow(pipeline=steps)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)
    qtbot.waitUntil(lambda: bool(window.entity_panel.entities) and len(glossed) == 1, timeout=WAIT_MS)
    monkeypatch.setattr(window, "ask_glossary_entry", lambda arabic, _english, kind: (arabic, "Abu Yasir", kind))
    session = window.session
    assert window.edit_glossary("أبو ياسر", "Abu Yasser", "person")
    qtbot.waitUntil(steps.blocked.is_set, timeout=WAIT_MS)
    session.close()  # what closing the window does first: every task of the article is cancelled
    steps.gate.set()
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT_MS)
    assert len(glossed) == 1  # the refresh stopped after its names: no second gloss to wait for


def _over(top: QColor, under: QColor) -> QColor:
    alpha = top.alphaF()
    return QColor(*(round(t * alpha + u * (1 - alpha)) for t, u in
                    ((top.red(), under.red()), (top.green(), under.green()), (top.blue(), under.blue()))))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_name_marks_and_the_dialogs_problem_are_legible_in_either_theme(qtbot, theme):
    from talkhis.ui.entity_panel import GlossaryDialog
    from talkhis.ui.theme import light_palette

    palette = dark_palette() if theme == "dark" else light_palette()
    base = palette.color(QPalette.ColorRole.Base)
    text, grey = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.PlaceholderText)
    sentence_colour, word_colour = entity_colours(palette)
    sentence = _over(sentence_colour, base)
    for name in (_over(word_colour, base), _over(word_colour, sentence)):  # the name's tint, on either
        assert contrast(text, name) >= 4.5
    assert contrast(text, sentence) >= 4.5
    assert contrast(grey, sentence) >= 4.5  # a gloss line in a marked sentence
    assert sentence != _over(word_colour, sentence)  # the name stands out in its sentence

    dialog = GlossaryDialog("أبو ياسر", "Abu Yasser", "person")
    qtbot.addWidget(dialog)
    dialog.setPalette(palette)
    dialog.english.setText("")
    dialog.accept()
    problem = dialog.problem
    assert contrast(problem.palette().color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_hovering_reuses_the_marks_and_they_follow_the_panes_rebuilds(window, qtbot, monkeypatch):
    bullets = set(window.summary_view.bullet_ids)
    click_entity(qtbot, window, next(e.english for e in window.entity_panel.entities if bullets & set(e.sentence_ids)))
    view = window.translation_view
    marked = sorted(view.range_of(i) for i in view.marked)
    located = []
    real_range_of = view.range_of
    monkeypatch.setattr(view, "range_of", lambda i: located.append(i) or real_range_of(i))
    for sentence_id in range(10):  # the mouse moving over the pane: one highlight per sentence
        view.highlight(hovered=sentence_id)
    assert located and not set(located) & set(view.marked) - {view.selected}  # not every marked one again
    monkeypatch.undo()

    def tinted():
        colour = entity_colours(view.palette())[0]
        return sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()
                      if s.format.background().color() == colour)

    assert tinted() == marked
    window.set_bullet_languages("english")  # (the summary pane rebuilt: its marks follow as well)
    window.apply_font_size(16)  # every pane rebuilt
    assert tinted() == sorted(view.range_of(i) for i in view.marked) == marked  # same text, same ranges
    summary = window.summary_view
    colour = entity_colours(summary.palette())[0]
    assert summary.marked  # a bullet names it
    assert sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in summary.extraSelections()
                  if s.format.background().color() == colour) == sorted(summary.range_of(i) for i in summary.marked)


def test_a_names_panel_closed_by_the_user_stays_closed_after_a_restart(window, qtbot):
    from talkhis.core.settings import Settings

    window.entity_panel.close()
    window.close()  # saves the window's state
    again = MainWindow(settings=Settings())
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.settled, timeout=WAIT_MS):
        again.open_file(SAMPLE)
    assert not again.entity_panel.isVisible() and not again.names_action.isChecked()
    again.names_action.trigger()  # View › Names: shown again, and remembered so
    assert again.entity_panel.isVisible()
    again.close()
    third = MainWindow(settings=Settings())
    qtbot.addWidget(third)
    assert third.entity_panel.wanted
