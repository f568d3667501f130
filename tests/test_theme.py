"""View › Theme: light and dark change the window's colours at once, even on offscreen/X11."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from talkhis.core.article import Article, Document, Sentence

pytestmark = [pytest.mark.gui,
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


@pytest.fixture
def restore(qapp):
    from talkhis.ui.theme import apply_theme

    yield
    apply_theme(qapp, "system")


def _window_lightness(widget) -> int:
    return widget.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_then_light_then_system_change_the_palette_of_app_and_widgets(qapp, qtbot, restore):
    from PySide6.QtWidgets import QLabel

    from talkhis.ui.theme import apply_theme, current_theme_is_dark

    label = QLabel("x")
    qtbot.addWidget(label)
    start = qapp.palette().color(QPalette.ColorRole.Window)
    assert apply_theme(qapp, "dark") == "dark"
    assert current_theme_is_dark(qapp)
    qtbot.waitUntil(lambda: _window_lightness(label) < 80, timeout=2000)  # widgets follow at once
    assert qapp.style().name().lower() == "fusion"
    assert apply_theme(qapp, "light") == "light"
    assert not current_theme_is_dark(qapp)
    qtbot.waitUntil(lambda: _window_lightness(label) > 180, timeout=2000)
    apply_theme(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window) == start


def test_an_unknown_theme_name_is_the_system_theme(qapp, restore):
    from talkhis.ui.theme import apply_theme

    start = qapp.palette().color(QPalette.ColorRole.Window)
    assert apply_theme(qapp, "solarized") == "system"
    assert qapp.palette().color(QPalette.ColorRole.Window) == start


def test_dark_theme_text_and_highlights_stay_readable(qapp, qtbot, restore):
    from gui_helpers import contrast
    from PySide6.QtGui import QColor

    from talkhis.ui.text_views import FOUND, TranslationView
    from talkhis.ui.theme import apply_theme

    sentences = (Sentence(0, 0, "قال الوزير."),)
    article = Article(Document("/tmp/a.txt", "قال الوزير.\n", "utf-8", "txt"), sentences, "ar")
    view = TranslationView()
    qtbot.addWidget(view)
    view.show_sentences(article, [None], ["said the-minister"])  # a grey GLOSS
    for theme in ("light", "dark"):
        apply_theme(qapp, theme)
        qtbot.waitUntil(lambda: view.palette().color(QPalette.ColorRole.Base) == qapp.palette().color(
            QPalette.ColorRole.Base), timeout=2000)
        palette = view.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        assert contrast(base, text) > 7
        assert contrast(base, palette.color(QPalette.ColorRole.PlaceholderText)) > 3  # glosses
        assert contrast(palette.color(QPalette.ColorRole.Highlight),
                        palette.color(QPalette.ColorRole.HighlightedText)) > 3
        assert contrast(FOUND, QColor("black")) > 7  # Find marks: black text on yellow
        # The view rebuilt with the new palette: the gloss is drawn in this theme's grey.
        cursor = view.textCursor()
        cursor.setPosition(view.range_of(0)[0] + 1)
        assert cursor.charFormat().foreground().color() == palette.color(QPalette.ColorRole.PlaceholderText)
