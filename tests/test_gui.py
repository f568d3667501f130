"""The window, as an analyst uses it: open, read, follow a sentence, copy, cancel, manage models.

Every test runs headless (``QT_QPA_PLATFORM=offscreen``). The main flow uses the real pipeline
with a generated model on the window's real thread pools; most others use
:class:`gui_helpers.FakePipeline` (real reading and summarising, predictable instant or held
translation). Screenshots of the main states go to ``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, FakePipeline, english, save_screenshot
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from talkhis.core import memory, paths
from talkhis.core.lexicon import gloss_text
from talkhis.core.settings import Settings
from talkhis.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
OUR_SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
MODEL_NAME = "tiny-argos"
WAIT_MS = 30_000

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


# -- fixtures ------------------------------------------------------------------------------
@pytest.fixture
def sample(request) -> Path:
    """Our sample article, or the team's shared one until ours is in the repository."""
    if OUR_SAMPLE.is_file():
        return OUR_SAMPLE
    return request.getfixturevalue("coalition_path")


@pytest.fixture
def second_sample(tmp_path, sample) -> Path:
    """Another article (its own title) to open while the first is being translated."""
    path = tmp_path / "second.txt"
    path.write_text("مقال ثان عن المياه\n" + sample.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot, monkeypatch):
    """A shown window whose dialogs never open: errors and infos are collected instead."""

    def make(**kwargs) -> MainWindow:
        window = MainWindow(**kwargs)
        window.errors = []
        monkeypatch.setattr(window, "show_error", lambda _title, message: window.errors.append(message))
        monkeypatch.setattr(window, "show_info", lambda _title, text: window.errors.append(text))
        qtbot.addWidget(window)
        window.resize(1200, 700)
        window.show()
        return window

    return make


def open_and_wait(qtbot, window: MainWindow, path: Path):
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(path)
    assert window.errors == []
    return window.session


def selected_text(view) -> str:
    selections = view.extraSelections()
    assert selections, f"nothing highlighted in {view.accessibleName()}"
    return selections[0].cursor.selectedText()


def word_point(view, sentence_id: int, word: str):
    """A viewport point in the middle of the first ``word`` of a sentence."""
    start, _ = view.range_of(sentence_id)
    index = view.unit_text(sentence_id).index(word)
    return view.point_at_position(start + index + len(word) // 2)


def visible(view, sentence_id: int) -> bool:
    start, _ = view.range_of(sentence_id)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    return view.viewport().rect().intersects(view.cursorRect(cursor))


# -- opening -------------------------------------------------------------------------------
def test_a_plain_start_invites_the_analyst_to_open_an_article(make_window):
    window = make_window()

    assert window.stack.currentWidget() is window.empty
    assert window.empty.title.text() == "Open an article"
    assert window.windowTitle() == "Talkhis"
    assert not window.copy_summary_action.isEnabled()
    assert not window.export_markdown_action.isEnabled()
    save_screenshot(window, "empty")


def test_open_translate_and_summarise_with_a_real_model(qtbot, make_window, model_installed, sample):
    window = make_window()
    progress: list[int] = []
    window.progress.valueChanged.connect(progress.append)

    session = open_and_wait(qtbot, window, sample)

    article = session.article
    assert window.windowTitle() == article.title
    assert window.stack.currentWidget() is window.reading
    assert session.model_info.name == MODEL_NAME
    for sentence in article.sentences:
        assert window.source_view.text_of(sentence.id) == sentence.text
        translation = session.translations[sentence.id]
        assert translation is not None
        assert window.translation_view.text_of(sentence.id) == translation.text
    assert "[translating" not in window.translation_view.toPlainText()
    bullets = window.summary_view.bullet_ids
    assert bullets and bullets == list(session.summary.ids)
    summary = window.summary_view.toPlainText()
    for sentence_id in bullets:
        assert article.sentences[sentence_id].text in summary
    assert progress[-1] == len(article.sentences)
    assert len(set(progress) - {0}) >= 2  # the English came in batch by batch, not all at the end
    assert window.progress.isHidden() and window.cancel_button.isHidden()
    assert window.banner.isHidden()
    assert "Translated" in window.statusBar().currentMessage()
    save_screenshot(window, "translated")


def test_a_file_that_cannot_be_read_is_one_line_and_nothing_else(make_window, qtbot, tmp_path):
    window = make_window(pipeline=FakePipeline())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    for path in (tmp_path / "missing.txt", empty):
        with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
            window.open_file(path)

    assert len(window.errors) == 2
    for message in window.errors:
        assert "\n" not in message and "Traceback" not in message
    assert "no such file" in window.errors[0] and "empty" in window.errors[1]
    assert window.stack.currentWidget() is window.empty


def test_dropping_a_file_opens_it_and_remembers_it(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()

    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        QApplication.sendEvent(window, drop)

    assert window.session.path == sample
    assert window.settings["recent_files"][0] == str(sample.resolve())
    window.recent.fill_menu()
    assert sample.name in window.recent.menu.actions()[0].text()


# -- following a sentence ------------------------------------------------------------------
def test_clicking_a_bullet_highlights_its_sentence_in_both_panes(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    window.resize(1000, 420)  # short panes, so the sentence has to be scrolled to
    session = open_and_wait(qtbot, window, sample)
    bullet = window.summary_view.bullet_ids[-1]
    window.summary_view.scroll_to(bullet)

    qtbot.mouseClick(window.summary_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.summary_view.point_of(bullet))

    assert selected_text(window.source_view) == session.article.sentences[bullet].text
    assert selected_text(window.translation_view) == english(bullet)
    assert window.summary_view.selected == bullet
    assert visible(window.source_view, bullet) and visible(window.translation_view, bullet)


def test_hovering_a_sentence_highlights_its_translation(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    sentence = session.article.sentences[1]

    qtbot.mouseMove(window.source_view.viewport(), window.source_view.point_of(sentence.id))
    qtbot.waitUntil(lambda: window.translation_view.hovered == sentence.id)
    assert selected_text(window.translation_view) == english(sentence.id)

    qtbot.mouseClick(window.translation_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.translation_view.point_of(sentence.id))
    assert selected_text(window.source_view) == sentence.text


# -- looking words up ----------------------------------------------------------------------
@pytest.fixture
def article_with_a_name(tmp_path, sample) -> Path:
    """The sample's first paragraphs and a sentence that names a foreign expert."""
    path = tmp_path / "with-a-name.txt"
    lines = sample.read_text(encoding="utf-8").splitlines()[:3]
    path.write_text("\n".join([*lines, "وقال الخبير كيغينز إن الخطة تحتاج إلى تمويل."]) + "\n", encoding="utf-8")
    return path


def word_in_view(view, sentence_id: int, word: str):
    """``word_point`` after scrolling the word into the viewport: a point below it is no hover at all."""
    start, _ = view.range_of(sentence_id)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + view.unit_text(sentence_id).index(word))
    height = view.viewport().height()
    rect = view.cursorRect(cursor)
    if rect.top() < 0 or rect.bottom() > height:
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + rect.top() - height // 3)
    point = word_point(view, sentence_id, word)
    assert view.viewport().rect().contains(point), f"{word} cannot be scrolled into view at {point}"
    return point


def test_hovering_an_arabic_word_shows_its_readings_and_a_name_is_not_in_the_lexicon(
        make_window, qtbot, monkeypatch, article_with_a_name):
    from talkhis.core import lexicon

    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, article_with_a_name)
    view, lookup = window.source_view, window.lookup
    first = next(s for s in session.article.sentences if "المزارعين" in s.text)
    name = next(s for s in session.article.sentences if "كيغينز" in s.text)
    release = threading.Event()
    real_lexicon = lexicon.lexicon

    def slow_lexicon():  # the first load takes a while: the window must not wait for it
        release.wait(WAIT_MS / 1000)
        return real_lexicon()

    monkeypatch.setattr(lexicon, "lexicon", slow_lexicon)
    qtbot.mouseMove(view.viewport(), word_in_view(view, first.id, "المزارعين"))
    qtbot.waitUntil(lambda: lookup.showing and "Loading the Arabic lexicon" in lookup.popup.text(), timeout=WAIT_MS)
    assert lookup.popup.word == "المزارعين"

    release.set()  # the lexicon arrives: the same popup now has every reading, best first
    qtbot.waitUntil(lambda: "the farmers" in lookup.popup.text(), timeout=WAIT_MS)
    text = lookup.popup.text()
    assert text.startswith("المزارعين\n1. المُزارِعِينَ — the farmers (noun)")
    assert text.index("the farmers") < text.index("the two farmers")
    assert "lemma مُزارِع" in text and "ال the + مُزارِع farmer" in text  # clitics, each with its English
    selections = view.extraSelections()
    assert selections[-1].cursor.selectedText() == "المزارعين"  # the word is underlined
    save_screenshot(lookup.popup, "word-lookup")

    qtbot.mouseMove(view.viewport(), word_in_view(view, name.id, "كيغينز"))
    qtbot.waitUntil(lambda: lookup.popup.word == "كيغينز", timeout=WAIT_MS)
    assert "Not in the lexicon" in lookup.popup.text()

    window.lookup_actions["click"].trigger()  # View › Look up words on click
    assert window.settings["lookup_on"] == "click" and not lookup.showing
    qtbot.mouseMove(view.viewport(), word_in_view(view, first.id, "وزارة"))
    assert not lookup._timer.isActive()  # resting on a word does nothing now
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=word_in_view(view, first.id, "وزارة"))
    qtbot.waitUntil(lambda: lookup.showing and lookup.popup.word == "وزارة", timeout=WAIT_MS)
    assert "ministry" in lookup.popup.text()


def test_ctrl_g_shows_the_chosen_sentence_word_by_word_from_any_pane(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    sentence = session.article.sentences[1]

    qtbot.mouseClick(window.translation_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.translation_view.point_of(sentence.id))  # chosen in the English pane
    window.gloss_action.trigger()  # Edit › Gloss the sentence word by word (Ctrl+G)

    panel = window.gloss_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.plain == gloss_text(sentence.text), timeout=WAIT_MS)
    shown = panel.browser.toPlainText()
    assert "not a translation" in shown
    for word in ("أعلنت", "وزارة", "المزارعين"):
        assert word in shown
    assert "the farmers" in shown

    bullet = window.summary_view.bullet_ids[-1]
    menu = QMenu(window)
    window.summary_view.sentence_menu.emit(menu, bullet)  # right-click on a bullet
    assert window.gloss_action in menu.actions() and window.source_view.selected == bullet
    window.gloss_action.trigger()
    qtbot.waitUntil(lambda: panel.plain == gloss_text(session.article.sentences[bullet].text), timeout=WAIT_MS)
    save_screenshot(window, "sentence-gloss")


def test_about_credits_the_lexicon(make_window):
    from talkhis.core.lexicon import CREDIT

    window = make_window()
    window.about_action.trigger()
    assert html.escape(CREDIT) in window.errors[0] and "GPL-3.0-or-later" in window.errors[0]


# -- e-mails and long reads ----------------------------------------------------------------
@pytest.fixture
def email_with_attachments(tmp_path, second_sample) -> Path:
    import make_samples

    message = EmailMessage()
    message["From"] = "press@water.example"
    message["To"] = "analyst@example.org"
    message["Subject"] = "بيان وزارة الموارد المائية"
    message.set_content("أرسلت الوزارة بيانا عن خطة المياه.\nالتفاصيل في الملف المرفق.\n")
    message.add_attachment(make_samples.docx_bytes(second_sample.read_text(encoding="utf-8")),
                           maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="report.docx")
    message.add_attachment("ملاحظات قصيرة عن الاجتماع.\n".encode(), maintype="text", subtype="plain",
                           filename="notes.txt")
    path = tmp_path / "statement.eml"
    path.write_bytes(message.as_bytes())
    return path


def test_an_email_attachment_opens_from_the_attachments_menu(make_window, qtbot, email_with_attachments):
    window = make_window(pipeline=FakePipeline())
    open_and_wait(qtbot, window, email_with_attachments)

    assert window.windowTitle() == "بيان وزارة الموارد المائية"
    actions = window.attachments.menu.actions()
    assert [a.text() for a in actions] == ["Open attachment &1: report.docx", "Open attachment &2: notes.txt"]
    assert window.attachments.menu.isEnabled()
    assert window.attachments.button.isVisible() and window.attachments.button.text() == "Attachments (2)"

    actions[0].trigger()
    qtbot.waitUntil(lambda: window.session.path.name == "report.docx" and not window.session.busy, timeout=WAIT_MS)

    article = window.session.article
    assert article.document.format == "docx" and window.errors == []
    assert window.windowTitle() == "مقال ثان عن المياه"
    assert window.source_view.text_of(0) == "مقال ثان عن المياه"
    assert not window.attachments.menu.isEnabled() and window.attachments.button.isHidden()


def test_the_attachments_menu_lists_the_readers_attachments_not_its_notes(make_window, qtbot, monkeypatch,
                                                                         email_with_attachments):
    """The menu is filled from ``Document.attachments``: with the notes emptied it still lists both
    attachments (it fails if the field is missing, or if the window goes back to parsing the notes)."""
    from talkhis.core import readers

    eml = next(reader for reader in readers.readers() if reader.format == "eml")

    def read_without_notes(path, content):
        return dataclasses.replace(eml.read(path, content), notes=())

    monkeypatch.setitem(readers._REGISTRY, "eml", dataclasses.replace(eml, read=read_without_notes))
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, email_with_attachments)

    assert session.article.document.notes == ()
    assert [(a.number, a.name) for a in session.article.document.attachments] == [(1, "report.docx"),
                                                                                  (2, "notes.txt")]
    file_menu = window.menuBar().actions()[0].menu()
    assert window.attachments.menu.menuAction() in file_menu.actions()
    assert [a.text() for a in window.attachments.menu.actions()] == [
        "Open attachment &1: report.docx", "Open attachment &2: notes.txt"]
    assert window.attachments.button.text() == "Attachments (2)"

    window.attachments.menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: window.session.path.name == "notes.txt" and not window.session.busy, timeout=WAIT_MS)
    assert window.source_view.text_of(0) == "ملاحظات قصيرة عن الاجتماع." and window.errors == []


def test_cancel_or_another_file_stops_a_long_read_quietly(make_window, qtbot, sample, tmp_path):
    long_pdf = tmp_path / "long.pdf"
    long_pdf.write_bytes(b"%PDF-1.7\n")
    fake = FakePipeline(hold_open=("long.pdf",))
    window = make_window(pipeline=fake)

    window.open_file(long_pdf)
    qtbot.waitUntil(fake.reading.is_set, timeout=WAIT_MS)
    assert window.cancel_button.isVisible() and window.cancel_action.isEnabled()
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(fake.read_cancelled.is_set, timeout=WAIT_MS)  # the reader itself stopped

    assert window.errors == [] and window.stack.currentWidget() is window.empty
    assert window.cancel_button.isHidden() and window.progress.isHidden()
    assert window.statusBar().currentMessage() == "Stopped opening long.pdf."

    fake.reading.clear()
    fake.read_cancelled.clear()
    window.open_file(long_pdf)
    qtbot.waitUntil(fake.reading.is_set, timeout=WAIT_MS)
    session = open_and_wait(qtbot, window, sample)  # another file: the long read stops
    qtbot.waitUntil(fake.read_cancelled.is_set, timeout=WAIT_MS)
    assert session.path == sample and window.errors == []


# -- the translation memory ----------------------------------------------------------------
def test_clear_translation_memory_asks_first_then_forgets_everything(make_window, qtbot, monkeypatch, sample):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    remembered = len({s.text for s in session.article.sentences})
    assert memory.TranslationMemory().count() == remembered

    monkeypatch.setattr(window, "ask_confirmation", lambda *_args: False)
    window.clear_memory_action.trigger()
    assert memory.TranslationMemory().count() == remembered

    monkeypatch.setattr(window, "ask_confirmation", lambda *_args: True)
    window.clear_memory_action.trigger()
    qtbot.waitUntil(lambda: "forgotten" in window.statusBar().currentMessage(), timeout=WAIT_MS)

    assert window.statusBar().currentMessage() == (
        f"Translation memory cleared: {remembered} translations forgotten.")
    assert memory.TranslationMemory().count() == 0


def test_a_damaged_translation_memory_is_rebuilt_and_said_once(make_window, qtbot, sample, second_sample):
    damaged = paths.cache_dir() / memory.FILE_NAME
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(b"this is not a database " * 200)
    window = make_window(pipeline=FakePipeline())

    open_and_wait(qtbot, window, sample)
    message = window.statusBar().currentMessage()
    assert message.startswith("Translated ") and "was damaged" in message and "rebuilt" in message

    open_and_wait(qtbot, window, second_sample)
    assert "damaged" not in window.statusBar().currentMessage()


# -- summary -------------------------------------------------------------------------------
def test_copy_summary_puts_text_and_html_with_the_citation(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)

    window.copy_summary_action.trigger()

    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasText() and mime.hasHtml()
    text, markup = mime.text(), mime.html()
    citation = text.splitlines()[0]
    assert citation.startswith(f"{session.article.title} — {sample.name} — processed ")
    assert citation.endswith("model: fake-model (argos)")
    assert html.escape(citation.split(" — processed")[0]) in markup
    assert "<ul>" in markup and markup.count("<li>") == len(session.summary.ids)
    for sentence_id in session.summary.ids:
        assert f"• {english(sentence_id)}" in text
        assert session.article.sentences[sentence_id].text in text

    window.copy_translation_action.trigger()
    assert english(0) in QGuiApplication.clipboard().text()


def test_changing_the_summary_does_not_translate_again(make_window, qtbot, sample):
    fake = FakePipeline()
    window = make_window(pipeline=fake)
    session = open_and_wait(qtbot, window, sample)

    with qtbot.waitSignal(session.summarized, timeout=WAIT_MS):
        window.summary_controls.bullets.setValue(2)
    assert len(window.summary_view.bullet_ids) == 2
    with qtbot.waitSignal(session.summarized, timeout=WAIT_MS):
        window.summary_controls.algorithm.setCurrentIndex(window.summary_controls.algorithm.findData("textrank"))
    assert session.summary.algorithm == "textrank" and len(session.summary.ids) == 2

    window.set_bullet_languages("arabic")
    assert english(session.summary.ids[0]) not in window.summary_view.toPlainText()
    assert fake.translated == [sample.name]


def test_export_markdown_writes_the_chosen_file(make_window, qtbot, sample, tmp_path, monkeypatch):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    out = tmp_path / "report.md"
    monkeypatch.setattr(window, "ask_save_path", lambda *_args: out)

    window.export_markdown_action.trigger()

    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# {session.article.title}\n")
    assert english(session.summary.ids[0]) in text


def test_export_word_and_pdf_from_the_file_menu_carry_the_bilingual_report(make_window, qtbot, sample, tmp_path,
                                                                            monkeypatch):
    import zipfile as _zipfile

    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    chosen = {}
    monkeypatch.setattr(window, "ask_save_path", lambda _caption, suggested, _filter: chosen["path"])
    file_menu = window.menuBar().actions()[0].menu()
    assert {window.export_word_action, window.export_pdf_action, window.print_action} <= set(file_menu.actions())

    chosen["path"] = tmp_path / "report.docx"
    window.export_word_action.trigger()
    with _zipfile.ZipFile(chosen["path"]) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    first = session.summary.ids[0]
    assert english(first) in body and session.article.sentences[first].text in body

    chosen["path"] = tmp_path / "report.pdf"
    window.export_pdf_action.trigger()
    assert chosen["path"].read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left


def test_ctrl_f_finds_arabic_across_panes_ignoring_diacritics(make_window, qtbot, sample):
    window = make_window(pipeline=FakePipeline())
    session = open_and_wait(qtbot, window, sample)
    target = session.article.sentences[2]
    word = max(target.text.split(), key=len)
    vowelled = "\u064e".join(word)  # the analyst types the word with fathas; the text has none

    window.find_action.trigger()
    assert window.find_bar.isVisible()
    window.find_bar.field.setText(vowelled)
    window.find_bar.find_next()

    assert window.find_bar.matches, "the word was not found"
    assert window.source_view.selected == session.article.sentences.index(
        next(s for s in session.article.sentences if word in s.text))


def test_view_theme_dark_applies_at_once_and_is_remembered(make_window):
    from talkhis.ui.theme import current_theme_is_dark

    window = make_window()
    try:
        window.theme_actions["dark"].trigger()
        assert current_theme_is_dark(QApplication.instance())
        assert window.settings["theme"] == "dark"
    finally:
        window.theme_actions["light"].trigger()
    assert not current_theme_is_dark(QApplication.instance())


def test_the_english_header_stops_saying_gloss_once_a_model_translates(make_window, qtbot, sample, talkhis_home,
                                                                       installed_store):
    window = make_window()
    session = open_and_wait(qtbot, window, sample)  # no model yet: the pane shows glosses
    assert window.panels["translation"].header.text() == "English: word-by-word gloss"

    shutil.copytree(installed_store / MODEL_NAME, paths.models_dir() / MODEL_NAME)  # imported meanwhile
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window._models_changed()

    assert all(t is not None for t in session.translations)
    assert window.panels["translation"].header.text() == "English translation"


# -- cancelling ----------------------------------------------------------------------------
def test_cancel_keeps_the_partial_translation_and_the_window_responsive(make_window, qtbot, sample):
    fake = FakePipeline(hold=(sample.name,))
    window = make_window(pipeline=fake)
    with qtbot.waitSignal(window.article_shown, timeout=WAIT_MS):
        window.open_file(sample)
    article = window.session.article
    half = len(article.sentences) // 2
    qtbot.waitUntil(lambda: window.progress.value() == half, timeout=WAIT_MS)
    assert window.cancel_button.isVisible() and window.session.translating
    for sentence in article.sentences:  # the first batch is in place, the rest is announced
        expected = english(sentence.id) if sentence.id < half else "[translating…]"
        assert window.translation_view.text_of(sentence.id) == expected

    # Still translating, the window answers: bigger text, a click on a sentence.
    window.bigger_action.trigger()
    assert window.settings["font_size"] == 14
    qtbot.mouseClick(window.source_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.source_view.point_of(0))
    assert selected_text(window.translation_view) == english(0)

    progress: list[int] = []
    window.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)

    assert fake.cancels[sample.name].is_set()
    assert not window.session.translating
    assert window.progress.isHidden() and progress == []
    for sentence in article.sentences:
        expected = english(sentence.id) if sentence.id < half else "[not translated]"
        assert window.translation_view.text_of(sentence.id) == expected
    assert "stopped" in window.statusBar().currentMessage()
    assert window.summary_view.bullet_ids
    save_screenshot(window, "cancelled")


def test_opening_another_file_cancels_the_running_translation(make_window, qtbot, sample, second_sample, tmp_path):
    first = tmp_path / "first.txt"
    shutil.copy(sample, first)
    fake = FakePipeline(hold=("first.txt",), late_batch=True)
    window = make_window(pipeline=fake)
    with qtbot.waitSignal(window.article_shown, timeout=WAIT_MS):
        window.open_file(first)
    old = window.session
    qtbot.waitUntil(fake.halfway.is_set, timeout=WAIT_MS)

    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.open_file(second_sample)

    assert fake.cancels["first.txt"].is_set() and old.closed
    session = window.session
    assert session is not old and session.path == second_sample
    assert window.windowTitle() == "مقال ثان عن المياه"
    assert window.source_view.text_of(0) == "مقال ثان عن المياه"
    assert "LATE" not in window.translation_view.toPlainText()
    for sentence in session.article.sentences:
        assert window.translation_view.text_of(sentence.id) == english(sentence.id)


# -- models --------------------------------------------------------------------------------
def test_without_a_model_a_banner_offers_an_import_and_the_summary_is_arabic(make_window, qtbot, sample):
    window = make_window()
    session = open_and_wait(qtbot, window, sample)

    assert window.banner.isVisible()
    assert "No translation model" in window.banner.label.text()
    assert window.banner.button.text() == "Import model…"
    assert session.summary.ids and window.summary_view.bullet_ids == list(session.summary.ids)
    summary = window.summary_view.toPlainText()
    for sentence_id in session.summary.ids:
        assert session.article.sentences[sentence_id].text in summary
    assert window.source_view.text_of(0) == session.article.sentences[0].text
    save_screenshot(window, "no-model")


def test_without_a_model_every_sentence_has_a_labelled_gloss_in_english(make_window, qtbot, sample):
    window = make_window()
    session = open_and_wait(qtbot, window, sample)

    view = window.translation_view
    assert window.panels["translation"].header.text() == "English: word-by-word gloss"
    assert "gloss" in window.banner.label.text() and "not a translation" in window.banner.label.text()
    for sentence in session.article.sentences:
        gloss = session.glosses[sentence.id]
        assert gloss and gloss != sentence.text
        assert view.text_of(sentence.id) == gloss
        assert view.unit_of(sentence.id).label == "gloss"
        start, _ = view.range_of(sentence.id)
        cursor = QTextCursor(view.document())
        cursor.setPosition(start - len("gloss\u00a0"))
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == "gloss\u00a0"  # the label stands in front of the sentence
    assert "[not translated]" not in view.toPlainText()
    farmers = next(s for s in session.article.sentences if s.text.startswith("وزارة الموارد"))
    assert "farmers" in view.text_of(farmers.id)
    summary = window.summary_view.toPlainText()
    for sentence_id in session.summary.ids:  # each bullet: the labelled gloss, the Arabic beneath
        assert f"• gloss {session.glosses[sentence_id]}\n{session.article.sentences[sentence_id].text}" in summary


def _hostile_archive(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/metadata.json", json.dumps({"from_code": "ar", "to_code": "en"}))
        zf.writestr("../evil", "overwrite something")
    return path


def test_models_dialog_imports_a_model_and_refuses_a_hostile_archive(make_window, qtbot, monkeypatch,
                                                                      test_models, tmp_path):
    window = make_window()
    dialog = window.open_models_dialog()
    assert dialog.isVisible() and dialog.names() == []
    monkeypatch.setattr(dialog, "ask_file", lambda: test_models["argos"])

    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS) as imported:
        qtbot.mouseClick(dialog.import_file_button, Qt.MouseButton.LeftButton)

    assert imported.args == [True]
    name = test_models["argos"].stem
    assert dialog.names() == [name]
    assert dialog.table.item(0, 0).text() == "★" and window.settings["default_model"] == name
    save_screenshot(dialog, "models-dialog")

    (tmp_path / "hostile").mkdir()
    hostile = _hostile_archive(tmp_path / "hostile" / "evil.argosmodel")
    monkeypatch.setattr(dialog, "ask_file", lambda: hostile)
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS) as refused:
        qtbot.mouseClick(dialog.import_file_button, Qt.MouseButton.LeftButton)

    assert refused.args == [False]
    message = dialog.status.text()
    assert "\n" not in message and "refused" in message and "'..'" in message
    assert dialog.names() == [name]
    assert sorted(p.name for p in paths.models_dir().iterdir()) == [name]
    assert not (tmp_path / "evil").exists() and not (paths.models_dir().parent / "evil").exists()

    monkeypatch.setattr(dialog, "confirm_remove", lambda _name: True)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.names() == [] and window.settings["default_model"] is None


# -- settings ------------------------------------------------------------------------------
def test_a_corrupt_settings_file_gives_defaults_and_a_status_bar_warning(make_window, talkhis_home):
    settings_file = paths.config_dir() / "settings.json"
    settings_file.write_text("{ this is not json", encoding="utf-8")

    window = make_window()

    assert "unreadable" in window.statusBar().currentMessage()
    assert window.settings["font_size"] == 13 and window.settings["algorithm"] == "news"
    window.close()
    assert json.loads(settings_file.read_text(encoding="utf-8"))["version"] >= 1


def test_text_size_panes_and_bullet_languages_are_remembered(make_window):
    window = make_window()
    window.bigger_action.trigger()
    window.pane_actions["summary"].trigger()
    window.language_actions["english"].trigger()
    assert window.panels["summary"].isHidden()
    window.close()

    again = make_window(settings=Settings())

    assert again.settings["font_size"] == 14
    assert again.translation_view.point_size == 14
    assert again.panels["summary"].isHidden() and not again.pane_actions["summary"].isChecked()
    assert again.language_actions["english"].isChecked() and again.summary_view.languages == "english"


# -- crashes and Qt's own messages ---------------------------------------------------------
def test_an_unexpected_error_is_logged_with_its_traceback_and_shown_in_one_short_dialog(qtbot, monkeypatch, caplog):
    from talkhis.ui import app

    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    crash = app.CrashHandler("/logs/talkhis.log")
    try:
        raise ValueError("the bug")
    except ValueError as exc:
        crash(type(exc), exc, exc.__traceback__)

    assert "Traceback" in caplog.text and "the bug" in caplog.text
    ((title, text),) = shown
    assert "ValueError: the bug" in text and "/logs/talkhis.log" in text and "Traceback" not in text


def test_qt_messages_go_to_the_log(caplog):
    from PySide6.QtCore import QtMsgType

    from talkhis.ui.app import qt_message_handler

    qt_message_handler(QtMsgType.QtCriticalMsg, None, "a Qt complaint")
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [("talkhis.qt", "ERROR", "a Qt complaint")]


# -- the command line ----------------------------------------------------------------------
def test_gui_screenshot_command_saves_a_png_and_exits_0(model_installed, talkhis_home, sample, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TALKHIS_HOME=str(talkhis_home))

    proc = subprocess.run(
        [sys.executable, "-m", "talkhis", "gui", str(sample), "--screenshot", str(out)],
        env=env, capture_output=True, text=True, timeout=120,
    )

    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_starting_the_window_imports_no_heavy_module(talkhis_home):
    """``talkhis`` shows its window before CTranslate2, sumy or numpy are imported (bench figure 6),
    and before the word lookup and logging.handlers, which each cost the first paint ~10 ms."""
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'bench')!r})\n"
        "from startup import startup_probe\n"
        "seconds = startup_probe()\n"
        "heavy = [m for m in ('ctranslate2', 'sumy', 'numpy', 'lxml', 'talkhis.core.pipeline',\n"
        "                    'talkhis.ui.lookup', 'logging.handlers') if m in sys.modules]\n"
        "print(json.dumps({'seconds': seconds, 'heavy': heavy}))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TALKHIS_HOME=str(talkhis_home))

    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)

    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["heavy"] == [] and 0 < report["seconds"] < 30


def test_an_english_article_is_shown_and_summarised_without_a_no_model_banner(make_window, qtbot, model_installed):
    english_sample = REPO / "resources" / "samples" / "port-reopening-en.txt"
    window = make_window()

    session = open_and_wait(qtbot, window, english_sample)

    assert session.article.language == "en" and session.summary.ids
    assert window.banner.isHidden()  # a model is installed: no "No translation model" banner
    assert "English" in window.statusBar().currentMessage()
    shown = window.translation_view.toPlainText()
    assert "[translating" not in shown and session.article.sentences[1].text in shown  # the article itself


def test_escape_in_the_find_field_closes_the_bar_and_does_not_stop_the_translation(make_window, qtbot, sample):
    fake = FakePipeline(hold=(sample.name,))
    window = make_window(pipeline=fake)
    window.show()
    with qtbot.waitSignal(window.article_shown, timeout=WAIT_MS):
        window.open_file(sample)
    qtbot.waitUntil(fake.halfway.is_set, timeout=WAIT_MS)
    window.find_action.trigger()
    qtbot.waitUntil(window.find_bar.field.hasFocus, timeout=WAIT_MS)

    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)

    assert window.find_bar.isHidden()
    assert window.session.translating and not window.session.cancelled  # still translating
    fake.release.set()
    qtbot.waitUntil(lambda: not window.session.translating, timeout=WAIT_MS)
