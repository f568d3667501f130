"""Where not to trust the English, in the window (issue 17 point 6): the summary's bullets carry
the English pane's mark and reasons, and a batch of translations updates only its own sentences."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE
from PySide6.QtGui import QTextCursor

from talkhis.core.article import Translation
from talkhis.ui.main_window import MainWindow
from talkhis.ui.text_views import CHECK_MARK, TranslationView, check_of

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
WAIT_MS = 60_000
GOOD = math.log(0.8)  # a score the model is sure of

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def tooltip_at(view, position: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat().toolTip()


def mark_before(view, position: int) -> str:
    """The text just before ``position`` (the label: a check mark and a no-break space)."""
    return view.document().toPlainText()[max(0, position - 2):position].strip()


def test_flagged_bullets_carry_the_english_panes_mark_and_reasons(qtbot, model_installed):
    window = MainWindow()
    window.errors = []
    window.show_error = lambda _title, message: window.errors.append(message)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(SAMPLE)  # the random-weight test model: repeated words, numbers dropped
    session = window.session
    assert window.errors == [] and session.model_info is not None
    summary, english = window.summary_view, window.translation_view
    text = summary.document().toPlainText()
    flagged = 0
    for bullet in summary.bullet_ids:
        translation = session.translations[bullet]
        assert translation is not None
        label, note = check_of(session.article.sentences[bullet].text, translation)
        start, _ = summary.range_of(bullet)
        position = text.index(translation.text, start)  # the bullet's English, after "• " and its mark
        if label:
            flagged += 1
            assert mark_before(summary, position) == CHECK_MARK
            assert tooltip_at(summary, position) == note and note.startswith("Check this sentence:")
            english_start, _ = english.range_of(bullet)  # the same mark and reasons as the English pane
            assert mark_before(english, english_start) == CHECK_MARK
            assert tooltip_at(english, english_start) == note
        else:
            assert mark_before(summary, position) != CHECK_MARK and tooltip_at(summary, position) == ""
    assert flagged  # the random model's bullets do need checking


def test_a_batch_updates_only_its_sentences_labels_and_marks_included(qtbot, monkeypatch):
    from talkhis.core.pipeline import gloss_article, open_article

    article = open_article(SAMPLE)
    glosses = gloss_article(article)
    body = [s for s in article.sentences if not s.heading]
    plain = [s for s in body if not re.search(r"[0-9٠-٩]", s.text)]
    numbered = next(s for s in body if re.search(r"[0-9٠-٩]", s.text))
    batch = {
        plain[0].id: Translation("Water water water water.", GOOD),  # repeated: a check mark replaces "gloss"
        numbered.id: Translation("The ministry said the plan covers the villages of the region.", GOOD),
        plain[1].id: Translation("Farmers in the south asked whether the water will reach them in time.", GOOD),
    }
    view = TranslationView()
    qtbot.addWidget(view)
    view.show_sentences(article, [None] * len(article.sentences), glosses)

    def rebuilt(*_args):
        raise AssertionError("the whole pane was rebuilt for one batch")

    monkeypatch.setattr(view, "rebuild", rebuilt)
    monkeypatch.setattr(view, "set_units", rebuilt)
    view.add_translations(batch)
    monkeypatch.undo()

    translations = [batch.get(s.id) for s in article.sentences]
    fresh = TranslationView()  # the same state, built in one go
    qtbot.addWidget(fresh)
    fresh.show_sentences(article, translations, glosses)
    assert view.document().toPlainText() == fresh.document().toPlainText()
    for sentence in article.sentences:
        assert view.range_of(sentence.id) == fresh.range_of(sentence.id), sentence.id
        assert view.text_of(sentence.id) == fresh.text_of(sentence.id)
        start, _ = view.range_of(sentence.id)
        assert tooltip_at(view, start) == tooltip_at(fresh, start)
    assert mark_before(view, view.range_of(plain[0].id)[0]) == CHECK_MARK
    assert mark_before(view, view.range_of(numbered.id)[0]) == CHECK_MARK
    assert "gloss" not in mark_before(view, view.range_of(plain[1].id)[0])  # the gloss label is gone
    assert view.unit_of(plain[2].id).label == "gloss"  # the others keep theirs


def _looks(view) -> list[tuple]:
    """Every run of the pane's text with what a reader sees of it: colour, italics, underline, size."""
    runs = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            runs.append((block.blockNumber(), fragment.text(), fmt.foreground().color().name(), fmt.fontItalic(),
                         fmt.underlineStyle(), fmt.fontPointSize(), fmt.fontCapitalization(), fmt.toolTip()))
            fragments += 1
        block = block.next()
    return runs


def test_batches_leave_the_pane_looking_as_if_built_in_one_go_the_spaces_between_sentences_too(qtbot):
    from talkhis.core.pipeline import gloss_article, open_article

    article = open_article(SAMPLE)
    glosses = gloss_article(article)
    sentences = article.sentences
    shared = [s for s in sentences[1:] if s.paragraph == sentences[s.id - 1].paragraph]  # after a space
    assert shared, "the sample has paragraphs of two sentences"
    first = {s.id: Translation(f"English sentence {s.id}.", GOOD) for s in shared}
    second = {shared[0].id: Translation("", GOOD)}  # translated again: an empty English is flagged
    view = TranslationView()
    qtbot.addWidget(view)
    view.show_sentences(article, [None] * len(sentences), glosses, pending=True)
    view.add_translations(first)
    view.add_translations(second)
    final = [second.get(s.id, first.get(s.id)) for s in sentences]
    fresh = TranslationView()
    qtbot.addWidget(fresh)
    fresh.show_sentences(article, final, glosses, pending=True)
    assert _looks(view) == _looks(fresh)
