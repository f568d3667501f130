"""The main window: the three linked panes, status, settings, dialogs; opening an article.

Data comes in through :meth:`MainWindow.open_file` (menu, recent files, drag and drop, command
line), which starts an :class:`~talkhis.ui.session.ArticleSession`; the session's signals are
turned into pane updates here. Nothing here reads, translates or summarises: that is the core's
job, run by the session through the task runner. Every modal dialog goes through one of
:meth:`ask_open_path`, :meth:`ask_save_path`, :meth:`ask_confirmation`, :meth:`show_error`,
:meth:`show_info` (tests patch them), and :meth:`show_dialog` for the non-modal ones.

The window is composed of parts with one job each: :mod:`.window_actions` (the actions, menus and
when they are enabled; pane visibility, text size), :mod:`.reports` (export and clipboard),
:mod:`.recent_files` (File › Open recent) and :mod:`.attachments` (an e-mail's attachments).
Word lookup and sentence glosses live in :mod:`.lookup`; this window only wires them to the
panes, the View menu and Ctrl+G. Nothing heavy is imported at start (``bench/startup.py`` measures it; a test guards it).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from talkhis import __version__
from talkhis.core.errors import TalkhisError
from talkhis.core.logs import LOG_FILE
from talkhis.core.readers import supported_extensions
from talkhis.core.search import find_all
from talkhis.core.settings import LOOKUP_MODES, Settings
from talkhis.ui import window_actions
from talkhis.ui.attachments import Attachments
from talkhis.ui.entity_panel import EntityPanel, GlossaryDialog, entity_of, term_at, word_at
from talkhis.ui.find_bar import FindBar
from talkhis.ui.i18n import RLM, language_of, number_locale, relabel
from talkhis.ui.notices import EmptyState, NoModelBanner
from talkhis.ui.recent_files import RecentFiles
from talkhis.ui.reports import Reports
from talkhis.ui.session import ArticleSession, Translator
from talkhis.ui.summary_view import LANGUAGES, SummaryControls, SummaryView
from talkhis.ui.tasks import Task, TaskRunner
from talkhis.ui.text_views import SourceView, TranslationView, text_index
from talkhis.ui.theme import apply_theme
from talkhis.ui.window_actions import PANES

log = logging.getLogger(__name__)

TITLE_CHARS = 120


def _pane(title: str, *widgets: QWidget, name: str) -> QWidget:
    """A titled column of the splitter."""
    panel = QWidget()
    panel.setObjectName(name)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.setSpacing(4)
    header = QLabel(title, panel)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    layout.addWidget(header)
    panel.header = header
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, (SourceView, TranslationView, SummaryView)) else 0)
    return panel


class MainWindow(QMainWindow):
    """Open an article; read it in Arabic, English and bullets; copy and export the summary."""

    article_shown = Signal(object)  # the Article now in the panes
    settled = Signal()  # nothing runs any more for the current article (or it failed to open)

    def __init__(self, settings: Settings | None = None, *, model: str | None = None, pipeline=None,
                 runner: TaskRunner | None = None, interactive: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.interactive = interactive
        self.runner = runner if runner is not None else TaskRunner(parent=self)
        self.translator = self._make_translator(pipeline, model)
        self.session: ArticleSession | None = None
        self._opening: ArticleSession | None = None
        self.models_dialog = None
        self.log_path: str | None = None  # set by app.run() once logging is set up
        self.setObjectName("MainWindow")
        self.setWindowTitle("Talkhis")
        self.setAcceptDrops(True)
        app = QApplication.instance()
        # The interface language before the first tr(): Arabic is read only when chosen.
        self.language = language_of(app).apply(self.settings["language"]) if app is not None else "en"
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._restore_state()
        self._update_actions()
        if self.settings.warning:
            self.say(self.settings.warning)  # once, in the status bar: never a modal at start

    def _make_translator(self, pipeline, spec: str | None) -> Translator:
        """``pipeline``: the core steps the articles' jobs call (None: the real ones, imported on
        first use at :func:`talkhis.ui.session.import_core`); tests give a stand-in."""
        return Translator(self.settings, steps=pipeline, spec=spec)

    # -- widgets ---------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.empty = EmptyState(self)
        self.empty.open_requested.connect(self.open_dialog)

        self.source_view = SourceView()
        self.source_view.setAccessibleName(self.tr("Arabic source"))
        self.translation_view = TranslationView()
        self.translation_view.setAccessibleName(self.tr("English translation"))
        self.banner = NoModelBanner()
        self.banner.hide()
        self.banner.import_requested.connect(self.import_model_from_banner)
        self.summary_view = SummaryView()
        self.summary_view.setAccessibleName(self.tr("Summary bullets"))
        self.summary_controls = SummaryControls(self.settings["algorithm"], self.settings["bullets"])
        self.summary_controls.changed.connect(self.change_summary)

        self.panels = {
            "source": _pane(self.tr("Arabic source"), self.source_view, name="source-pane"),
            "translation": _pane(self.tr("English translation"), self.banner, self.translation_view,
                                 name="translation-pane"),
            "summary": _pane(self.tr("Summary"), self.summary_controls, self.summary_view, name="summary-pane"),
        }
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        for name in PANES:
            self.splitter.addWidget(self.panels[name])
        self.splitter.setSizes([380, 380, 340])

        # Find (Ctrl+F): one line under the three panes, searching all of them.
        self.find_bar = FindBar([self.source_view, self.translation_view, self.summary_view])
        self.find_bar.hide()
        self.find_bar.match_chosen.connect(lambda _view, sentence_id: sentence_id >= 0
                                           and self.select_sentence(sentence_id))
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(0)
        reading_layout.addWidget(self.splitter, 1)
        reading_layout.addWidget(self.find_bar)
        self.reading = reading

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(reading)
        self.setCentralWidget(self.stack)

        for view in (self.source_view, self.translation_view):
            view.sentence_hovered.connect(self._hover)
            view.sentence_clicked.connect(self.select_sentence)
        self.summary_view.sentence_clicked.connect(self.select_sentence)
        for view in (self.source_view, self.translation_view, self.summary_view):
            view.sentence_menu.connect(self._sentence_menu)
        self.source_view.sentence_menu.connect(self._source_menu)  # after: the glossary items go last

        # The names panel: people, places, organisations; choosing one marks its sentences.
        self.entity_panel = EntityPanel(self)
        self.entity_panel.chosen.connect(self.show_entity)
        self.entity_panel.remarked.connect(lambda entity: self.show_entity(entity, announce=False))
        self.entity_panel.menu_requested.connect(self._entity_menu)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entity_panel)
        self.resizeDocks([self.entity_panel], [330], Qt.Orientation.Horizontal)
        self.entity_panel.hide()  # shown with the first article

        # Word lookup (talkhis.ui.lookup) is made on first use or just after the first paint
        # (start_warm_up): the window shows ~20 ms sooner without it.
        self._lexicon = self._lookup = None
        self._gloss_panel = None  # made on first use (Ctrl+G, View menu)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Translation progress"))
        self.progress.setToolTip(self.tr("Sentences translated so far"))
        self._set_progress_format(self.tr("%v / %m sentences"))
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel translation"))
        self.cancel_button.setToolTip(self.tr("Stop reading or translating; what is translated stays (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.reports = Reports(self)
        self.recent = RecentFiles(self.settings, self.open_file, self)
        self.attachments = Attachments(self)
        self.resize(1280, 800)

    # -- actions and menus (talkhis.ui.window_actions) -------------------------------------
    def _build_actions(self) -> None:
        window_actions.build_actions(self)

    def _build_menus(self) -> None:
        window_actions.build_menus(self)

    def _update_actions(self) -> None:
        window_actions.update_actions(self)

    def apply_font_size(self, size: int) -> None:
        window_actions.apply_font_size(self, size)

    # -- settings --------------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.settings
        if s["window_geometry"]:
            self.restoreGeometry(QByteArray.fromBase64(s["window_geometry"].encode("ascii")))
        if s["splitter_state"]:
            self.splitter.restoreState(QByteArray.fromBase64(s["splitter_state"].encode("ascii")))
        visible = [p for p in s["visible_panes"] if p in PANES] or list(PANES)
        for name in PANES:
            self.pane_actions[name].setChecked(name in visible)
            self.panels[name].setVisible(name in visible)
        languages = s["bullet_languages"] if s["bullet_languages"] in LANGUAGES else "both"
        self.language_actions[languages].setChecked(True)
        self.lookup_actions[self.lookup_mode].setChecked(True)
        self.summary_view.languages = languages
        self.apply_font_size(s["font_size"])
        self.theme_actions[s["theme"]].setChecked(True)
        self.interface_language_actions[s["language"]].setChecked(True)
        self.entity_panel.wanted = s["names_panel"]  # closed by the user: stays closed after a restart

    def save_state(self) -> None:
        s = self.settings
        s["window_geometry"] = bytes(self.saveGeometry().toBase64()).decode("ascii")
        s["splitter_state"] = bytes(self.splitter.saveState().toBase64()).decode("ascii")
        s["visible_panes"] = [name for name in PANES if self.pane_actions[name].isChecked()]
        s["names_panel"] = self.entity_panel.wanted
        s["algorithm"] = self.summary_controls.current_algorithm()
        s["bullets"] = self.summary_controls.current_bullets()
        try:
            s.save()
        except OSError as exc:  # a read-only config folder must not stop the window closing
            log.warning("could not save settings to %s: %s", s.path, exc)

    # -- dialogs (one place each, so tests can patch them) ---------------------------------
    @property
    def extensions(self) -> list[str]:
        """What the readers open (each reader, and lxml..., is imported on this first call, not at start)."""
        return supported_extensions()

    def ask_open_path(self) -> Path | None:
        patterns = " ".join(f"*{ext}" for ext in self.extensions)
        start = str(Path(self.settings["recent_files"][0]).parent) if self.settings["recent_files"] else ""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an article"), start,
            self.tr("Articles ({patterns});;All files (*)").format(patterns=patterns))
        return Path(name) if name else None

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return Path(name) if name else None

    def ask_confirmation(self, title: str, question: str, action: str) -> bool:
        """Yes or no before something that cannot be undone; ``action`` names the yes button."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, self)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def show_error(self, title: str, message: str) -> None:
        """A short message the user must see; in screenshot mode only the status bar."""
        log.info("%s: %s", title, message)
        if not self.interactive:
            self.say(message)
            return
        QMessageBox.warning(self, title, message)

    def show_info(self, title: str, text: str) -> None:
        QMessageBox.about(self, title, text)

    def show_dialog(self, dialog) -> None:
        dialog.open()  # window-modal but not blocking: no nested event loop

    def say(self, message: str, msecs: int = 0) -> None:
        self.statusBar().showMessage(message, msecs)

    # -- opening ---------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_file(path)

    def open_file(self, path) -> ArticleSession:
        """Read ``path`` and show it; the current article stays until the new one is read."""
        path = Path(path)
        if self._opening is not None:
            self._opening.close()
        session = ArticleSession(
            path, self.runner, self.translator,
            algorithm=self.summary_controls.current_algorithm(),
            bullets=self.summary_controls.current_bullets(),
            max_bytes=self.settings["max_file_mb"] * 1024 * 1024,
        )
        self._opening = session
        self.lookup.hide()
        # Every session signal carries the session first: each handler checks once that it is
        # still the one shown (or being opened); a closed session's news is dropped there.
        session.opened.connect(self._opened)
        session.open_failed.connect(self._open_failed)
        session.reading.connect(self._reading)
        session.translation_started.connect(self._translation_started)
        session.translated.connect(self._translated)
        session.progress.connect(self._progress)
        session.translation_finished.connect(self._translation_finished)
        session.translation_failed.connect(self._translation_failed)
        session.no_model.connect(self._no_model)
        session.summarized.connect(self._summarized)
        session.summary_failed.connect(self._session_says)
        session.glossed.connect(self._glossed)
        session.entities_found.connect(self._entities_found)
        session.names_failed.connect(self._names_failed)
        session.warned.connect(self._session_says)
        session.settled.connect(self._settled)
        self.say(self.tr("Opening {name}…").format(name=path.name))
        self._show_busy(reading=True)
        session.start()
        return session

    def _show_busy(self, *, reading: bool = False, total: int = 0) -> None:
        """Progress and Cancel in the status bar: reading (no count yet) or translating."""
        self.progress.setRange(0, 0 if reading else max(total, 1))
        self._set_progress_format(self.tr("reading…") if reading else self.tr("%v / %m sentences"))
        self.progress.setToolTip(self.tr("Reading the article") if reading else self.tr("Sentences translated so far"))
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.show()
        self.cancel_action.setEnabled(True)

    def _reading(self, session: ArticleSession, done: int, total: int, what: str) -> None:
        """A slow read (a scan read by OCR) says how far it is: "page 2 of 5"."""
        if session is not self._opening:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._set_progress_format(self.tr("reading: %v of %m pages done"))
        self.say(self.tr("Reading {name}: page {page} of {total} ({what})…").format(
            name=session.path.name, page=min(done + 1, total), total=total, what=what))

    def _set_progress_format(self, text: str) -> None:
        """The count in the interface's language and digits: in English Latin digits whatever the
        desktop's locale ("25 / 180 sentences"); in Arabic an Arabic sentence, right to left
        ("٢٥ من ١٨٠ جملة"), so done and total never look swapped."""
        self.progress.setLocale(number_locale(self.language))
        self.progress.setLayoutDirection(Qt.LayoutDirection.RightToLeft if self.language == "ar"
                                         else Qt.LayoutDirection.LeftToRight)
        self.progress.setFormat(RLM + text if self.language == "ar" else text)

    def _current(self, session: ArticleSession) -> bool:
        return session is self.session and not session.closed

    def _session_says(self, session: ArticleSession, message: str) -> None:
        """A one-line problem of the current article that needs no dialog (no lexicon, no summary)."""
        if self._current(session):
            self.say(message)

    def _settled(self, session: ArticleSession) -> None:
        if self._current(session):
            self.settled.emit()

    def _opened(self, session: ArticleSession, article) -> None:
        if session is not self._opening:
            return
        self._opening = None
        self._stop_progress()
        if self.session is not None:
            self.session.close()  # its jobs stop within one batch; nothing it says arrives here
        self.session = session
        self.lookup.forget()
        self.attachments.set_attachments(article.document.attachments)
        self.panels["translation"].header.setText(self.tr("English translation"))
        self.stack.setCurrentWidget(self.reading)
        title = article.title.strip() or Path(article.document.path).name
        self.setWindowTitle(title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…")
        self.setWindowFilePath(str(session.path))
        self.source_view.highlight(selected=-1, hovered=-1)
        self.translation_view.highlight(selected=-1, hovered=-1)
        self.summary_view.highlight(selected=-1, hovered=-1)
        self.source_view.show_article(article)
        self.entity_panel.clear(waiting=article.language == "ar")
        self.show_entity(None)  # the old article's marks go with it
        if article.language != "ar":
            self.entity_panel.set_entities(None, state="not-arabic")
        if self.entity_panel.wanted:
            self.entity_panel.show()
        self.banner.hide()
        self._show_translation(pending=True)  # the session translates next (ArticleSession._opened)
        self.summary_view.clear_bullets(waiting=True)
        # A sentence is chosen from the start, so Ctrl+G and the arrow keys work without a click.
        first = self.source_view.first_sentence()
        if first >= 0:
            self.select_sentence(first)
        self.progress.setRange(0, max(len(article.sentences), 1))
        self.progress.setValue(0)
        self.recent.add(session.path)
        for view in (self.source_view, self.translation_view, self.summary_view):
            view.verticalScrollBar().setValue(0)
        summary = self.tr("{name}: {count} sentences.").format(name=session.path.name, count=len(article.sentences))
        self.say(" ".join([summary, *article.document.notes]))  # e.g. "2 attachments not shown"
        self._update_actions()
        self.article_shown.emit(article)

    def _open_failed(self, session: ArticleSession, message: str) -> None:
        if session is not self._opening:
            return
        self._opening = None
        self._stop_progress()
        self._update_actions()
        if not session.path.exists():
            self.recent.remove(session.path)
        self.say(message)
        self.show_error(self.tr("Cannot open the article"), message)
        self.settled.emit()

    # -- translation -----------------------------------------------------------------------
    def _translation_started(self, session: ArticleSession, info, total: int) -> None:
        if not self._current(session):
            return
        self.banner.hide()
        self.panels["translation"].header.setText(self.tr("English translation"))  # no longer the gloss
        self._show_busy(total=total)
        self._show_translation()
        self.say(self.tr("Translating with {model}…").format(model=info.name))
        self._update_actions()

    def _translated(self, session: ArticleSession, new: dict) -> None:
        if not self._current(session):
            return
        self.translation_view.add_translations(new)
        if session.summary is not None and any(i in new for i in session.summary.ids):
            self._show_summary()

    def _progress(self, session: ArticleSession, done: int, total: int) -> None:
        if self._current(session):
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    def _translation_finished(self, session: ArticleSession, cancelled: bool) -> None:
        if not self._current(session):
            return
        self._stop_progress()
        done = sum(t is not None for t in session.translations)
        total = len(session.translations)
        if cancelled:
            self.translation_view.mark_missing()
            self.say(self.tr("Translation stopped: {done} of {total} sentences translated. "
                             "Models › Translate again (F5) continues.").format(done=done, total=total))
        elif session.article.language != "ar":  # shown as it is; the job's note is in the status bar
            self._show_translation()
        else:
            self._show_translation()
            self.say(self.tr("Translated {total} sentences with {model}.").format(
                total=total, model=session.model_info.name if session.model_info else "?"))
        warning = self.translator.memory_warning()
        if warning:  # said once: the memory was damaged and has been rebuilt (nothing to do)
            self.say(" ".join([self.statusBar().currentMessage(), warning[0].upper() + warning[1:] + "."]))
        self._show_summary()
        self._update_actions()

    def _translation_failed(self, session: ArticleSession, message: str) -> None:
        if not self._current(session):
            return
        self._stop_progress()
        self.banner.show_problem(message)
        self.banner.show()
        self._show_translation()
        self._show_summary()
        self.say(message)
        self._update_actions()

    def _no_model(self, session: ArticleSession) -> None:
        if not self._current(session):
            return
        self._stop_progress()
        self.banner.show_no_model()
        self.banner.show()
        self._show_translation()
        self._show_summary()
        self.say(self.tr("No translation model installed: Models › Manage models… imports one."))
        self._update_actions()

    def _glossed(self, session: ArticleSession, _glosses=None) -> None:
        if self._current(session):
            if not any(t is not None for t in session.translations):
                self.panels["translation"].header.setText(self.tr("English: word-by-word gloss"))
            self._show_translation()
            self._show_summary()

    def _entities_found(self, session: ArticleSession, entities) -> None:
        if not self._current(session):
            return
        if entities is not None:
            self.entity_panel.set_entities(entities)
        elif session.article.language == "ar":  # no lexicon: the job's warning says so as well
            self.entity_panel.set_entities(None, state="no-lexicon")

    def _names_failed(self, session: ArticleSession, message: str) -> None:
        if self._current(session):
            self.entity_panel.fail(message)

    def _stop_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _show_translation(self, pending: bool = False) -> None:
        """The English pane; ``pending``: a translation is about to start (the model may still be
        loading), so untranslated sentences say "translating…", not "not translated"."""
        session = self.session
        if session is None or session.article is None:
            return
        self.translation_view.show_sentences(session.article, session.translations, session.glosses,
                                             pending=pending or session.translating)

    def _show_summary(self) -> None:
        session = self.session
        if session is None or session.article is None or session.summary is None:
            return
        self.summary_view.show_bullets(session.article, session.summary, session.translations, session.glosses,
                                       pending=session.translating)

    def cancel_translation(self) -> None:
        """Cancel (Esc): stop reading the file being opened, or stop translating."""
        if self._opening is not None:
            session, self._opening = self._opening, None
            session.close()  # the reader stops at its next check (a page, a part): see reading_limits
            self._stop_progress()
            self._update_actions()
            self.say(self.tr("Stopped opening {name}.").format(name=session.path.name))
            self.settled.emit()
            return
        if self.session is not None and self.session.translating:
            self.session.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Stopping…"))
            self.say(self.tr("Stopping after the current batch…"))

    def translate_again(self) -> None:
        if self.session is not None and self.session.article is not None and not self.session.translating:
            self.session.translate()
            self._show_translation()  # "translating…" while the model loads, not "not translated"

    # -- summary ---------------------------------------------------------------------------
    def _summarized(self, session: ArticleSession, _summary=None) -> None:
        if not self._current(session):
            return
        self._show_summary()
        self._update_actions()

    def change_summary(self, algorithm: str, bullets) -> None:
        self.settings["algorithm"] = algorithm
        self.settings["bullets"] = bullets
        if self.session is not None:
            self.session.summarize(algorithm, bullets)

    def set_bullet_languages(self, languages: str) -> None:
        self.settings["bullet_languages"] = languages
        self.language_actions[languages].setChecked(True)
        self.summary_view.set_languages(languages)

    # -- linking the panes -----------------------------------------------------------------
    def _hover(self, sentence_id: int) -> None:
        if self.settings["highlight_on"] != "hover":
            return
        for view in (self.source_view, self.translation_view):
            view.highlight(hovered=sentence_id)

    def select_sentence(self, sentence_id: int) -> None:
        """Highlight one sentence in every pane and scroll the text panes to it."""
        for view in (self.source_view, self.translation_view, self.summary_view):
            view.highlight(selected=sentence_id)
        for view in (self.source_view, self.translation_view):
            view.scroll_to(sentence_id)

    # -- the names panel (talkhis.ui.entity_panel) -----------------------------------------
    def show_entity(self, entity, *, announce: bool = True) -> None:
        """Mark the sentences naming ``entity`` in all three panes (the name itself, stronger, in
        the Arabic) and scroll to the first; None clears the marks. ``announce`` False (the names
        were found again after a glossary edit): only the marks change, the panes and the status
        bar stay as they are."""
        session = self.session
        views = (self.source_view, self.translation_view, self.summary_view)
        if entity is None or session is None or session.article is None:
            for view in views:
                view.mark_sentences()
            return
        ids = [i for i in entity.sentence_ids if 0 <= i < len(session.article.sentences)]
        words = [(i, start, end) for i in ids for start, end in find_all(session.article.sentences[i].text,
                                                                          entity.arabic)]
        self.source_view.mark_sentences(ids, words)
        self.translation_view.mark_sentences(ids)
        self.summary_view.mark_sentences(ids)
        if not announce:
            return
        if ids:
            self.source_view.scroll_to(ids[0])
            self.translation_view.scroll_to(ids[0])
        bullets = self.summary_view.marked
        if bullets:
            self.summary_view.scroll_to(bullets[0])
        self.say(self.tr("{name} ({arabic}): in {sentences} of {total} sentences and {bullets} of {all} bullets.")
                 .format(name=entity.english, arabic=entity.arabic, sentences=len(ids),
                         total=len(session.article.sentences), bullets=len(bullets),
                         all=len(self.summary_view.bullet_ids)))

    def ask_glossary_entry(self, arabic: str, english: str, kind: str) -> tuple[str, str, str] | None:
        """The glossary dialog: ``(arabic, english, kind)`` as the user set them, or None (cancelled)."""
        dialog = GlossaryDialog(arabic, english, kind, self)
        try:
            return dialog.values() if dialog.exec() == GlossaryDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _glossary_menu(self, menu: QMenu, arabic: str, english: str, kind: str) -> None:
        """"Set English for «X»…" and, when the glossary has X, "Remove from glossary"."""
        from talkhis.core import glossary  # light, but not needed for the first paint
        from talkhis.core.lexicon.names import name_key

        menu.addSeparator()
        set_action = menu.addAction(self.tr("Set English for «{term}»…").format(term=arabic))
        set_action.triggered.connect(lambda: self.edit_glossary(arabic, english, kind))
        if name_key(arabic) in glossary.lookup_table():
            remove_action = menu.addAction(self.tr("Remove «{term}» from the glossary").format(term=arabic))
            remove_action.triggered.connect(lambda: self.remove_from_glossary(arabic))

    def _entity_menu(self, menu: QMenu, entity) -> None:
        self._glossary_menu(menu, entity.arabic, entity.english, entity.kind)

    def edit_glossary(self, arabic: str, english: str, kind: str = "term") -> bool:
        """Ask for the English of ``arabic`` and save it in the user's glossary; the open article's
        glosses and names follow at once. True when saved."""
        answer = self.ask_glossary_entry(arabic, english, kind)
        if answer is None:
            return False
        from talkhis.core import glossary

        try:
            term = glossary.add(*answer)
        except (glossary.GlossaryError, OSError) as exc:
            return self._glossary_unchanged(exc)
        self.say(self.tr("Glossary: «{arabic}» is now rendered “{english}”.").format(
            arabic=term.arabic, english=term.english))
        self._glossary_changed()
        return True

    def remove_from_glossary(self, arabic: str) -> bool:
        from talkhis.core import glossary

        try:
            removed = glossary.remove(arabic)
        except (glossary.GlossaryError, OSError) as exc:
            return self._glossary_unchanged(exc)
        if removed:
            self.say(self.tr("Glossary: «{arabic}» removed.").format(arabic=arabic))
            self._glossary_changed()
        return removed

    def _glossary_unchanged(self, exc: Exception) -> bool:
        """A glossary edit that failed: one line saying why (the file is as it was). False."""
        self.show_error(self.tr("Glossary"), self.tr("The glossary was not changed: {reason}").format(
            reason=" ".join(str(exc).split())))
        return False

    def _glossary_changed(self) -> None:
        """Glosses and names of the open article again, with the new glossary (no reopening)."""
        if self._lookup is not None:
            self._lookup.forget()
        self._refresh_gloss_panel()
        if self.session is not None:
            self.session.refresh_names()

    def open_find(self) -> None:
        """Edit › Find (Ctrl+F): the find bar, starting from the text selected in the focused pane."""
        focused = self.focusWidget()
        selected = focused.textCursor().selectedText() if hasattr(focused, "textCursor") else ""
        self.find_bar.open(selected.replace("\u2029", " ").strip() or None)

    def set_theme(self, theme: str) -> None:
        """View › Theme: applied at once and remembered."""
        app = QApplication.instance()
        self.settings["theme"] = apply_theme(app, theme) if app is not None else theme
        self.theme_actions[self.settings["theme"]].setChecked(True)

    def set_interface_language(self, choice: str) -> None:
        """View › Language (System / English / العربية): applied at once and remembered."""
        self.settings["language"] = choice
        self.interface_language_actions[choice].setChecked(True)
        app = QApplication.instance()
        if app is None:
            return
        language = language_of(app)
        code = language.apply(choice)
        if code == self.language:
            return
        self.language = code
        relabel(self, language)  # menus, actions, labels, buttons, tooltips: every fixed text
        view = self.translation_view  # texts the panes keep for later
        view.pending_text, view.missing_text = view.tr("[translating…]"), view.tr("[not translated]")
        view.gloss_label = view.tr("gloss")
        self.summary_view.no_article_text = self.summary_view.tr("The summary appears here once an article is open.")
        self.summary_view.waiting_text = self.summary_view.tr("Choosing the bullets…")
        self.summary_view.too_short_text = self.summary_view.tr(
            "No bullets: the article has too few sentences to summarise.")
        self.entity_panel.retranslate()
        reading = self.progress.maximum() == 0
        self._set_progress_format(self.tr("reading…") if reading else self.tr("%v / %m sentences"))
        self._show_translation()
        self._show_summary()
        self.say(self.tr("Interface language: {language}.").format(
            language="العربية" if code == "ar" else "English"))

    # -- word lookup and glosses (talkhis.ui.lookup) ---------------------------------------
    @property
    def lookup_mode(self) -> str:
        mode = self.settings["lookup_on"]
        return mode if mode in LOOKUP_MODES else "hover"

    @property
    def lexicon(self):
        """The :class:`~talkhis.ui.lookup.LexiconLoader` (made on first use)."""
        if self._lexicon is None:
            # talkhis.ui.lookup (and the lexicon) are imported on first use, here and below, not at
            # start: they would cost the window's first paint ~10 ms (see start_warm_up).
            from talkhis.ui.lookup import LexiconLoader

            self._lexicon = LexiconLoader(self.runner, self)
            self._lexicon.ready.connect(self._refresh_gloss_panel)
        return self._lexicon

    @property
    def lookup(self):
        """The :class:`~talkhis.ui.lookup.WordLookup` over the source pane (made on first use)."""
        if self._lookup is None:
            from talkhis.ui.lookup import WordLookup

            self._lookup = WordLookup(self.source_view, self.lexicon, self.lookup_mode, self)
        return self._lookup

    def set_lookup_mode(self, mode: str) -> None:
        """Look words up on "hover", on "click", or "off"; remembered."""
        if mode not in LOOKUP_MODES:
            return
        self.settings["lookup_on"] = mode
        self.lookup_actions[mode].setChecked(True)
        self.lookup.set_mode(mode)
        if mode != "off":
            self.lexicon.warm()

    def _sentence_menu(self, menu: QMenu, sentence_id: int) -> None:
        """Right-click on a sentence in any pane: choose it, and offer its word-by-word gloss."""
        if sentence_id < 0 or self.session is None or self.session.article is None:
            return
        self.select_sentence(sentence_id)
        menu.addSeparator()
        menu.addAction(self.gloss_action)

    def _source_menu(self, menu: QMenu, sentence_id: int) -> None:
        """Right-click in the Arabic pane: the glossary items for the word (or whole name) under it."""
        session, view = self.session, self.source_view
        if sentence_id < 0 or session is None or session.article is None or session.article.language != "ar":
            return
        located = view.range_of(sentence_id)
        if located is None or view.menu_position < 0:
            return
        text = view.unit_text(sentence_id)
        offset = text_index(text, view.menu_position - located[0])  # document positions count UTF-16 units
        try:
            term = term_at(text, offset, self._article_gloss(session, sentence_id))
        except TalkhisError:  # no lexicon: the word as written, with no English to start from
            term = word_at(text, offset)
        if term is None:
            return
        entity = entity_of(term, session.entities, sentence_id)
        if entity is not None:  # the whole name, as the names panel lists it
            term = (entity.arabic, entity.english, entity.kind)
        self._glossary_menu(menu, *term)

    @staticmethod
    def _article_gloss(session: ArticleSession, sentence_id: int):
        """The sentence's Gloss as the article's glosses and names read it (with the names met in
        the sentences before it); kept by the pipeline per article and glossary. Raises
        TalkhisError without the lexicon."""
        from talkhis.ui.session import import_core

        glosses = import_core()._sentence_glosses(session.article)
        return glosses[sentence_id] if 0 <= sentence_id < len(glosses) else None

    @property
    def gloss_panel(self):
        """The :class:`~talkhis.ui.lookup.GlossPanel`: a sentence word by word (made on first
        use, docked at the bottom)."""
        if self._gloss_panel is None:
            from talkhis.ui.lookup import GlossPanel

            panel = GlossPanel(self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
            self.lexicon.failed.connect(panel.show_problem)
            self._gloss_panel = panel
        return self._gloss_panel

    def gloss_selected_sentence(self) -> None:
        """Ctrl+G: the chosen sentence (clicked in any pane), word by word, in the gloss panel."""
        session = self.session
        if session is None or session.article is None:
            return
        sentence_id = self.source_view.selected
        if not 0 <= sentence_id < len(session.article.sentences):
            self.say(self.tr("Click a sentence in any pane first, then Ctrl+G shows it word by word."))
            return
        if session.article.language != "ar":
            self.say(self.tr("Word-by-word glosses are for Arabic articles."))
            return
        self.gloss_panel.show()
        self.gloss_panel.raise_()
        if self.lexicon.is_ready:
            self._show_gloss(sentence_id)
        elif self.lexicon.state == "missing":
            self.gloss_panel.show_problem(self.lexicon.problem or "")
        else:
            self.gloss_panel.show_loading(sentence_id, session.article.sentences[sentence_id].text)
            self.lexicon.warm()

    def _show_gloss(self, sentence_id: int) -> None:
        from talkhis.core.lexicon import gloss_sentence

        sentence = self.session.article.sentences[sentence_id]
        self.gloss_panel.show_gloss(sentence_id, gloss_sentence(sentence.text))

    def _refresh_gloss_panel(self) -> None:
        """The lexicon has loaded: a panel still saying "loading…" gets its gloss."""
        if self._gloss_panel is None:
            return
        session, sentence_id = self.session, self._gloss_panel.sentence_id
        if (self._gloss_panel.isVisible() and session is not None and session.article is not None
                and 0 <= sentence_id < len(session.article.sentences)):
            self._show_gloss(sentence_id)

    # -- translation memory ----------------------------------------------------------------
    def clear_memory(self) -> Task | None:
        """Forget every remembered translation, after asking; the count goes to the status bar."""
        if not self.ask_confirmation(
            self.tr("Clear translation memory"),
            self.tr("Forget every remembered translation? Articles opened again will be translated again, "
                    "which takes longer. Translations in the window stay."),
            self.tr("Clear memory"),
        ):
            return None
        task = Task(lambda _task: self.translator.clear_memory(), "clearing the translation memory")
        task.signals.finished.connect(lambda count: self.say(
            self.tr("Translation memory cleared: {count} translations forgotten.").format(count=count)))
        task.signals.failed.connect(lambda message: self.show_error(self.tr("Clear translation memory"), message))
        self.say(self.tr("Clearing the translation memory…"))
        return self.runner.start(task)

    # -- what the exports and the clipboard take (talkhis.ui.reports) ----------------------
    def result(self):
        return self.session.result() if self.session is not None else None

    # -- models ----------------------------------------------------------------------------
    def open_models_dialog(self):
        # Imported on first use: the dialog brings the model store (and the translation engine)
        # that the window's first paint does without.
        from talkhis.ui.models_dialog import ModelsDialog

        if self.models_dialog is None:
            try:
                self.models_dialog = ModelsDialog(self.settings, self.runner, parent=self)
            except (OSError, TalkhisError) as exc:  # e.g. a read-only data folder
                self.show_error(self.tr("Models"), self.tr("The models folder cannot be used: {reason}")
                                .format(reason=exc))
                return None
            self.models_dialog.models_changed.connect(self._models_changed)
        self.models_dialog.refresh()
        self.show_dialog(self.models_dialog)
        return self.models_dialog

    def import_model_from_banner(self) -> None:
        dialog = self.open_models_dialog()
        if dialog is not None:
            dialog.import_file()

    def _models_changed(self) -> None:
        """A model was imported or removed, or the default changed: translate with it."""
        self.translator.forget_model(preferred=self.settings["default_model"])
        session = self.session
        if session is not None and session.article is not None and not session.translating:
            if any(t is None for t in session.translations):
                session.translate()
                self._show_translation()

    # -- help ------------------------------------------------------------------------------
    def show_model_help(self):
        """Help › Getting a model: where a model comes from and how to import it."""
        from talkhis.ui.model_help import ModelHelp

        dialog = ModelHelp(self)
        self.show_dialog(dialog)
        return dialog

    def about(self) -> None:
        from talkhis.core.lexicon.data import CREDIT  # the lexicon stays out of the first paint

        self.show_info(self.tr("About Talkhis"), self.tr(
            "<h3>Talkhis {version}</h3>"
            "<p>Offline Arabic→English translation and bullet summaries for analysts.</p>"
            "<p>Licence: GPL-3.0-or-later.</p>"
            "<p>{credit}</p>"
            "<p>Log file: {log}</p>").format(version=__version__, credit=html.escape(CREDIT),
                                             log=html.escape(str(self.log_path or LOG_FILE))))

    # -- drag and drop ---------------------------------------------------------------------
    @staticmethod
    def _dropped_file(event) -> Path | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, self, lambda: self.open_file(path))  # let the drag source finish first

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_state()
        for session in (self._opening, self.session):
            if session is not None:
                session.close()
        if self.runner.shutdown():  # else a batch still runs in the translator: leave it be, the process ends
            self.translator.close()
        super().closeEvent(event)


def start_warm_up(window: MainWindow) -> Task:
    """Once the window is up, load in the background what the first article needs: the lexicon
    (word lookup, glosses), then the readers, the pipeline, CTranslate2 and the summariser."""
    window.lookup  # noqa: B018 - made now, so that the first hover over a word finds it watching
    if window.settings["lookup_on"] != "off":
        window.lexicon.warm()

    def warm(_task: Task) -> None:
        import ctranslate2  # noqa: F401
        import talkhis.core.summarize  # noqa: F401

        supported_extensions()  # imports every reader

    return window.runner.start(Task(warm, "warming up"))


__all__ = ["MainWindow", "start_warm_up"]
