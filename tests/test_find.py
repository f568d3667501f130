"""Finding one's way in the panes: Find across them (core.search + ui.find_bar), moving between
sentences and bullets with the keyboard, and what an empty summary pane says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from talkhis.core.article import Article, Document, Sentence, Summary, Translation
from talkhis.core.search import find_all, fold

ARABIC = ["الإسلامُ في سوريا", "قالَ الوزيـــر إنّ الخطةَ ستبدأ غداً.", "وأضاف أن المزارعين سيستفيدون من المياه.",
          "وزارة المياه تؤكد أن مسؤولي الوزارة مستعدون."]
# The offscreen platform says this for every window shown; it is not a problem of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ENGLISH = ["Islam in Syria", "The Minister said the plan starts tomorrow.",
           "He added that farmers will benefit from water.", "The water ministry says ministry officials are ready."]


# -- the matcher -------------------------------------------------------------------------------
def _found(text, query):
    return [text[start:end] for start, end in find_all(text, query)]


def test_arabic_matches_ignore_diacritics_and_map_back_to_the_original_text():
    text = "قالَ الوزيرُ إنّ الخطةَ ستبدأ غداً."
    assert _found(text, "الوزير") == ["الوزيرُ"]  # the damma on its last letter is covered
    assert _found(text, "إن الخطة") == ["إنّ الخطةَ"]
    assert _found(text, "الخطَّة") == ["الخطةَ"]  # diacritics in the query are ignored too


def test_arabic_matches_ignore_tatweel_and_hamza_yeh_alef_and_teh_marbuta_forms():
    assert _found("قال الوزيـــر", "الوزير") == ["الوزيـــر"]
    assert _found("الإسلام والأمن", "الاسلام") == ["الإسلام"]
    assert _found("الاسلام", "الإسلام") == ["الاسلام"]
    assert _found("آمال ومسؤول", "امال") == ["آمال"]
    assert _found("مسؤول", "مسوول") == ["مسؤول"]
    assert _found("على المبنى", "علي") == ["على"]
    assert _found("سئل الرئيس", "الرييس") == ["الرئيس"]
    assert _found("الوزارة", "الوزاره") == ["الوزارة"]


def test_english_is_case_insensitive_and_finds_every_match():
    text = "Water, WATER and water-ministry; no waiter."
    assert find_all(text, "water") == [(0, 5), (7, 12), (17, 22)]
    assert _found(text, "Water-Ministry") == ["water-ministry"]


def test_nothing_to_find_finds_nothing():
    assert find_all("قال الوزير", "") == []
    assert find_all("قال الوزير", "   ") == []
    assert find_all("قال الوزير", "\u064e\u0640") == []  # only marks: folds to nothing
    assert find_all("قال الوزير", "سوريا") == []


def test_fold_keeps_an_offset_for_every_character_it_keeps():
    folded, origin = fold("إنّ ـ Ab")
    assert folded == "ان  ab"
    assert origin == [0, 1, 3, 5, 6, 7, 8]  # shadda (2) and tatweel (4) dropped


# -- the find bar on the real views ------------------------------------------------------------
def _article():
    sentences = tuple(Sentence(i, i, line, heading=(i == 0)) for i, line in enumerate(ARABIC))
    return Article(Document("/tmp/a.txt", "\n".join(ARABIC) + "\n", "utf-8", "txt"), sentences, "ar")


@pytest.fixture
def panes(qtbot):
    from talkhis.ui.summary_view import SummaryView
    from talkhis.ui.text_views import SourceView, TranslationView

    article = _article()
    translations = [Translation(t) for t in ENGLISH]
    source, translation, summary = SourceView(), TranslationView(), SummaryView()
    for view in (source, translation, summary):
        qtbot.addWidget(view)
        view.resize(500, 400)
        view.show()
    source.show_article(article)
    translation.show_sentences(article, translations)
    summary.show_bullets(article, Summary("lexrank", (1, 3)), translations)
    return article, source, translation, summary


@pytest.fixture
def bar(qtbot, panes):
    from talkhis.ui.find_bar import FindBar

    _, source, translation, summary = panes
    bar = FindBar([source, translation, summary])
    qtbot.addWidget(bar)
    bar.show()
    return bar


@pytest.mark.gui
def test_typing_marks_matches_in_every_pane_and_counts_them(qtbot, panes, bar):
    _, source, translation, summary = panes
    qtbot.keyClicks(bar.field, "ministry")
    assert bar.count.text() == "1 of 4"  # "Minister" is not "ministry"; sentence 3 twice, bullet 3 twice
    assert [translation.plain_text()[s:e] for s, e in translation.found] == ["ministry", "ministry"]
    assert source.found == [] and len(summary.found) == 2
    bar.field.clear()
    bar.field.insert("الوزاره")  # teh marbuta typed as heh (QTest cannot type non-ASCII keys)
    assert source.found and [source.plain_text()[s:e] for s, e in source.found] == ["الوزارة"]
    assert summary.found  # the Arabic beneath the bullet
    bar.field.clear()
    qtbot.keyClicks(bar.field, "zzz")
    assert bar.count.text() == "No matches"
    assert not any(view.found for view in (source, translation, summary))


@pytest.mark.gui
def test_enter_and_shift_enter_walk_through_the_matches_across_panes(qtbot, panes, bar):
    _, source, translation, summary = panes
    chosen = []
    bar.match_chosen.connect(lambda view, sentence_id: chosen.append((view, sentence_id)))
    bar.field.insert("الوزير")  # typed without the tatweel the text has
    assert bar.count.text() == "1 of 2"  # the source sentence, and its copy beneath bullet 1
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2"
    assert summary.found_current == 0 and source.found_current == -1
    assert chosen[-1] == (summary, 1)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # wraps round
    assert bar.count.text() == "1 of 2" and source.found_current == 0
    assert chosen[-1] == (source, 1)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "2 of 2"


@pytest.mark.gui
def test_escape_closes_the_bar_and_clears_the_marks(qtbot, panes, bar):
    _, source, translation, _ = panes
    qtbot.keyClicks(bar.field, "water")
    assert translation.found
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not translation.found


@pytest.mark.gui
def test_find_searches_again_when_a_pane_is_rebuilt(qtbot, panes, bar):
    article, _, translation, _ = panes
    qtbot.keyClicks(bar.field, "tomorrow")
    assert bar.count.text() == "1 of 2"
    translation.show_sentences(article, [Translation(t.replace("tomorrow", "today")) for t in ENGLISH])
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=2000)


# -- keyboard navigation -----------------------------------------------------------------------
@pytest.mark.gui
def test_down_and_j_select_the_next_sentence_up_and_k_the_previous(qtbot, panes):
    _, source, translation, _ = panes
    clicked = []
    translation.sentence_clicked.connect(clicked.append)
    translation.setFocus()
    qtbot.keyClick(translation, Qt.Key.Key_Down)  # nothing selected: the first body sentence
    assert translation.selected == 1 and clicked == [1]
    qtbot.keyClick(translation, Qt.Key.Key_J)
    qtbot.keyClick(translation, Qt.Key.Key_Down)
    qtbot.keyClick(translation, Qt.Key.Key_Down)  # stays on the last
    assert translation.selected == 3 and clicked == [1, 2, 3, 3]
    qtbot.keyClick(translation, Qt.Key.Key_K)
    qtbot.keyClick(translation, Qt.Key.Key_Up)
    qtbot.keyClick(translation, Qt.Key.Key_Up)
    assert translation.selected == 0 and clicked[-1] == 0
    qtbot.keyClick(translation, Qt.Key.Key_Return)  # Enter: choose it again for the other panes
    assert clicked[-1] == 0 and len(clicked) == 8


@pytest.mark.gui
def test_arrows_move_between_bullets_in_the_summary(qtbot, panes):
    *_, summary = panes
    clicked = []
    summary.sentence_clicked.connect(clicked.append)
    qtbot.keyClick(summary, Qt.Key.Key_Down)
    qtbot.keyClick(summary, Qt.Key.Key_Down)
    assert clicked == [1, 3] and summary.selected == 3
    qtbot.keyClick(summary, Qt.Key.Key_Up)
    assert summary.selected == 1


@pytest.mark.gui
def test_ctrl_and_letters_with_modifiers_are_left_to_the_browser(qtbot, panes):
    _, source, *_ = panes
    clicked = []
    source.sentence_clicked.connect(clicked.append)
    qtbot.keyClick(source, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert source.textCursor().hasSelection() and clicked == []


@pytest.mark.gui
def test_the_empty_summary_pane_says_why_it_is_empty(qtbot, panes):
    article, *_, summary = panes
    assert summary.bullet_ids == [1, 3]
    summary.clear_bullets(waiting=True)  # an article is open, its summary is being made
    assert summary.bullet_ids == [] and "once an article is open" not in summary.placeholderText()
    summary.show_bullets(article, Summary("lexrank", ()), [None] * len(article.sentences))
    assert "too few sentences" in summary.placeholderText()
    summary.clear_bullets()  # the article was closed
    assert "once an article is open" in summary.placeholderText()
