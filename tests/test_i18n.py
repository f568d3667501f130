"""The Arabic interface: every string translated, menus in Arabic with right-to-left chrome, a
language switch applied at once, counts that read right in both languages; Help › Getting a
model; "[translating…]" (not "[not translated]") while the model loads."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, FakePipeline
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from talkhis.core.settings import Settings
from talkhis.ui.i18n import RLM, language_of, number_locale, read_ts, resolve, ts_text
from talkhis.ui.i18n.extract import UI, extract
from talkhis.ui.main_window import MainWindow
from talkhis.ui.model_help import ModelHelp

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "ministry-water-ar.txt"
WAIT_MS = 30_000
ARABIC_INDIC = re.compile("[\u0660-\u0669]")
# What a translation must keep of its source: format fields, Qt's %-arguments, file filters, line breaks.
KEPT = re.compile(r"\{\w*\}|%[vm1-9]|\(\*[^)]*\)|\n")

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


# -- the translation file ------------------------------------------------------------------
def test_every_string_of_the_window_has_its_arabic():
    """A new tr() string without Arabic fails here: `python -m talkhis.ui.i18n.extract` adds it
    to talkhis_ar.ts, and someone translates it."""
    messages, problems = extract()
    assert problems == []  # tr() of an f-string or a variable can never be translated
    assert len(messages) > 150  # the extractor really finds the window's strings
    translations = read_ts(ts_text("ar"))
    arabic = {source: text for (_context, source), text in translations.items()}
    missing = sorted({m.source for m in messages if not arabic.get(m.source)})
    assert missing == [], f"{len(missing)} strings have no Arabic in talkhis_ar.ts"
    for source, text in arabic.items():
        assert sorted(KEPT.findall(text)) == sorted(KEPT.findall(source)), source
    assert arabic["&File"] == "&ملف"
    assert translations[("QGuiApplication", "QT_LAYOUT_DIRECTION")] == "RTL"


def test_the_extractor_finds_what_qt_lupdate_finds(tmp_path):
    """Our extractor (no Qt tools needed) against Qt's own, where PySide6 ships it."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    out = tmp_path / "lupdate.ts"
    subprocess.run([str(lupdate), *map(str, sorted(UI.glob("*.py"))), "-ts", str(out)], check=True,
                   capture_output=True, timeout=120)
    import xml.etree.ElementTree as ET

    theirs = {m.findtext("source") for m in ET.parse(out).iter("message")}
    assert {m.source for m in extract()[0]} == theirs


def test_system_follows_the_desktop_and_numbers_read_right():
    assert resolve("system", QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)) == "ar"
    assert resolve("system", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "en"
    assert resolve("en", QLocale(QLocale.Language.Arabic)) == "en"
    arabic_desktop = QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    assert number_locale("en", arabic_desktop).toString(25) == "25"  # English: Latin digits, always
    assert number_locale("ar", arabic_desktop).toString(25) == "٢٥"


def test_unfinished_translations_are_not_used_and_a_damaged_file_leaves_english(qapp, monkeypatch, caplog):
    ts = (b'<TS><context><name>MainWindow</name>'
          b'<message><source>&amp;File</source><translation type="unfinished">x</translation></message>'
          b'<message><source>&amp;Edit</source><translation>&amp;\xd8\xaa\xd8\xad\xd8\xb1\xd9\x8a\xd8\xb1</translation>'
          b'</message></context></TS>')
    assert read_ts(ts) == {("MainWindow", "&Edit"): "&تحرير"}

    import talkhis.ui.i18n as i18n
    from talkhis.ui.i18n import Language

    monkeypatch.setattr(i18n, "ts_text", lambda _language="ar": b"<TS><context><name>")
    language = Language(qapp)
    assert language.apply("ar") == "en"  # the window still opens, in English
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "Arabic interface cannot be loaded" in caplog.text


# -- the window ----------------------------------------------------------------------------
@pytest.fixture
def english_afterwards(qapp):
    """The language is the application's: every test here leaves it English."""
    yield
    language_of(qapp).apply("en")


@pytest.fixture
def window_in(qtbot, tmp_path, english_afterwards):
    def make(language: str, **kwargs) -> MainWindow:
        settings = Settings(tmp_path / "settings.json")
        settings["language"] = language
        window = MainWindow(settings=settings, interactive=False, **kwargs)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_arabic_interface_has_arabic_menus_and_right_to_left_chrome(window_in, qapp):
    window = window_in("ar")
    assert menu_titles(window) == ["&ملف", "&تحرير", "&عرض", "&النماذج", "&مساعدة"]
    assert window.open_action.text() == "&فتح…"
    assert window.empty.button.text() == "فتح مقالة…"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft() and window.menuBar().isRightToLeft()
    # The panes keep their own directions: the English one stays left to right.
    assert window.translation_view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.summary_view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.source_view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.interface_language_actions["ar"].isChecked()


def test_view_language_switches_at_once_and_is_remembered(window_in, qapp, tmp_path):
    window = window_in("en")
    assert menu_titles(window)[0] == "&File"
    assert language_of(qapp).installed == []  # an English window never reads the translation
    view_menu = window.menuBar().actions()[2].menu()
    language_menu = next(a.menu() for a in view_menu.actions() if a.menu() and a.text() == "&Language")
    assert [a.text() for a in language_menu.actions()] == ["&System language", "&English", "&العربية"]

    window.interface_language_actions["ar"].trigger()
    assert menu_titles(window) == ["&ملف", "&تحرير", "&عرض", "&النماذج", "&مساعدة"]
    assert window.empty.button.text() == "فتح مقالة…"
    assert window.summary_view.placeholderText() == "يظهر الملخص هنا بعد فتح مقالة."
    assert window.summary_controls.bullets.specialValueText() == "تلقائي"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.statusBar().currentMessage() == "لغة الواجهة: العربية."
    window.save_state()
    assert Settings(tmp_path / "settings.json")["language"] == "ar"

    window.interface_language_actions["en"].trigger()
    assert menu_titles(window) == ["&File", "&Edit", "&View", "&Models", "&Help"]
    assert window.empty.button.text() == "Open an article…"
    assert window.open_action.toolTip() == "Open an article to translate and summarise"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_progress_counts_read_right_in_both_languages(window_in, qapp, english_afterwards):
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))  # an Arabic desktop's digits
    try:
        window = window_in("en")
        window._show_busy(total=180)
        window.progress.setValue(25)
        assert window.progress.text() == "25 / 180 sentences"  # never "٢٥ / ١٨٠ sentences"

        window.interface_language_actions["ar"].trigger()
        digits = number_locale("ar")
        expected = f"{RLM}{digits.toString(25)} من {digits.toString(180)} جملة"
        assert window.progress.text() == expected  # done, then "of", then the total, right to left
        assert window.progress.layoutDirection() == Qt.LayoutDirection.RightToLeft

        window.interface_language_actions["en"].trigger()
        assert window.progress.text() == "25 / 180 sentences"
        assert not ARABIC_INDIC.search(window.progress.text())
    finally:
        QLocale.setDefault(previous)


def test_help_getting_a_model_says_where_and_how_to_import(window_in, qapp, monkeypatch):
    window = window_in("en")
    shown = []
    monkeypatch.setattr(window, "show_dialog", shown.append)
    help_menu = window.menuBar().actions()[4].menu()
    assert window.model_help_action in help_menu.actions()
    window.model_help_action.trigger()
    assert len(shown) == 1 and isinstance(shown[0], ModelHelp)
    text = shown[0].browser.toPlainText()
    for needed in ("Argos Translate", "opus-mt-ar-en", "NLLB", "non-commercial", "Models › Manage models…",
                   "Import file…", "Import folder…", "talkhis models import"):
        assert needed in text, needed

    # The Models dialog points to this help, not to a README an installed copy does not have.
    dialog = window.open_models_dialog()
    assert "README" not in dialog.empty_label.text() and "Getting a model" in dialog.empty_label.text()
    dialog.empty_label.linkActivated.emit("help")
    assert "talkhis models import" in dialog.findChild(ModelHelp).browser.toPlainText()
    dialog.close()


class SlowModel(FakePipeline):
    """Loading the model takes until the test says so."""

    def __init__(self):
        super().__init__()
        self.loading = threading.Event()
        self.loaded = threading.Event()

    def load_model(self, spec, **kwargs):
        self.loading.set()
        self.loaded.wait(WAIT_MS / 1000)
        return super().load_model(spec, **kwargs)


def test_sentences_say_translating_while_the_model_loads(window_in, qtbot):
    fake = SlowModel()
    window = window_in("en", pipeline=fake)
    try:
        with qtbot.waitSignal(window.article_shown, timeout=WAIT_MS):
            window.open_file(SAMPLE)
        qtbot.waitUntil(fake.loading.is_set, timeout=WAIT_MS)
        text = window.translation_view.toPlainText()
        assert "[translating…]" in text and "[not translated]" not in text
    finally:
        fake.loaded.set()
    qtbot.waitUntil(lambda: not window.session.translating, timeout=WAIT_MS)
    assert "[translating…]" not in window.translation_view.toPlainText()
