"""The word-lookup popup over the Arabic pane lays its English out left to right (not ".know")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

pytestmark = [pytest.mark.gui,
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        r"This plugin does not support raise\(\)")]


def _english_block_directions(rich: str, english: str) -> list[Qt.LayoutDirection]:
    """How the popup's text lays out ``english`` when its widget inherits right to left."""
    from PySide6.QtGui import QTextDocument, QTextOption

    document = QTextDocument()
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    document.setDefaultTextOption(option)
    document.setHtml(rich)
    directions, block = [], document.begin()
    while block.isValid():
        if english in block.text():
            directions.append(block.textDirection())
        block = block.next()
    return directions


@pytest.mark.parametrize("kind", ["problem", "loading", "unknown"])
def test_the_popup_notes_are_left_to_right_under_the_arabic_pane(qtbot, kind):
    from talkhis.ui.lookup import LookupPopup, readings_html
    from talkhis.ui.text_views import SourceView

    view = SourceView()
    qtbot.addWidget(view)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arguments = {"problem": {"problem": "The lexicon is missing; reinstall Talkhis."},
                 "loading": {"loading": True}, "unknown": {}}[kind]
    rich, plain = readings_html("كيغينز", [], **arguments)
    english = plain.splitlines()[1]
    assert _english_block_directions(rich, english) == [Qt.LayoutDirection.LeftToRight]
    popup = LookupPopup(view)
    popup.show_text("كيغينز", rich, plain, QRect(10, 10, 40, 20))
    assert popup.label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    popup.hide()
