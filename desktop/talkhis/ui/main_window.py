"""The main window: menus and actions, the three linked panes, status, settings, dialogs.

Data comes in through :meth:`MainWindow.open_file` (menu, recent files, drag and drop, command
line), which starts an :class:`~talkhis.ui.session.ArticleSession`; the session's signals are
turned into pane updates here. Nothing here reads, translates or summarises: that is the core's
job, run by the session through the task runner. Every modal dialog goes through one of
:meth:`ask_open_path`, :meth:`ask_save_path`, :meth:`ask_confirmation`, :meth:`show_error`,
:meth:`show_info` (tests patch them), and :meth:`show_dialog` for the non-modal ones.

Word lookup and sentence glosses live in :mod:`.lookup`; this window only wires them to the
panes, the View menu and Ctrl+G. Nothing heavy is imported at start (see ``app.startup_probe``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from talkhis import __version__
from talkhis.core.errors import TalkhisError
from talkhis.core.settings import LOOKUP_MODES, Settings
from talkhis.ui.notices import EmptyState, NoModelBanner
from talkhis.ui.session import ArticleSession, Translator
from talkhis.ui.summary_view import LANGUAGES, SummaryControls, SummaryView
from talkhis.ui.tasks import Task, TaskRunner
from talkhis.ui.text_views import SourceView, TranslationView

log = logging.getLogger(__name__)

PANES = ("source", "translation", "summary")
MAX_RECENT = 10
MIN_FONT, MAX_FONT = 8, 40
TITLE_CHARS = 120
# How the e-mail reader lists an attachment in Document.notes (core/readers/email.py).
ATTACHMENT_NOTE = re.compile(r"^attachment (\d+): (.+) \(([^(),]+), \d+ KB\)$")


def attachments_of(notes) -> list[tuple[int, str]]:
    """``[(number, file name)]`` of the attachments an e-mail's notes list (numbered from 1)."""
    found = []
    for note in notes:
        match = ATTACHMENT_NOTE.match(note)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


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

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        for view in (self.source_view, self.translation_view):
            view.sentence_hovered.connect(self._hover)
            view.sentence_clicked.connect(self.select_sentence)
        self.summary_view.sentence_clicked.connect(self.select_sentence)
        for view in (self.source_view, self.translation_view, self.summary_view):
            view.sentence_menu.connect(self._sentence_menu)

        # Word lookup (talkhis.ui.lookup) is made on first use or just after the first paint
        # (start_warm_up): the window shows ~20 ms sooner without it.
        self._lexicon = self._lookup = None
        self._gloss_panel = None  # made on first use (Ctrl+G, View menu)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Translation progress"))
        self.progress.setToolTip(self.tr("Sentences translated so far"))
        self.progress.setFormat(self.tr("%v / %m sentences"))
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel translation"))
        self.cancel_button.setToolTip(self.tr("Stop reading or translating; what is translated stays (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.cancel_button.hide()
        self.attachments_menu = QMenu(self.tr("&Attachments"), self)
        self.attachments_menu.setToolTipsVisible(True)
        self._attachments_button: QToolButton | None = None  # made for the first e-mail
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.resize(1280, 800)

    def _action(self, text: str, slot, shortcut, tip: str, *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever pane has focus, menus shown or not
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.open_action = self._action(self.tr("&Open…"), self.open_dialog, key.Open,
                                        self.tr("Open an article to translate and summarise"))
        self.export_markdown_action = self._action(
            self.tr("Export &Markdown…"), self.export_markdown, "Ctrl+E",
            self.tr("Save the summary and translation as Markdown"))
        self.export_text_action = self._action(
            self.tr("Export &text…"), self.export_text, "Ctrl+Shift+E",
            self.tr("Save the summary and translation as plain text"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, key.Quit, self.tr("Close Talkhis"))
        self.copy_summary_action = self._action(
            self.tr("Copy &summary"), self.copy_summary, "Ctrl+Shift+C",
            self.tr("Copy the bullets with a citation line, as text and as a real bullet list"))
        self.copy_translation_action = self._action(
            self.tr("Copy &translation"), self.copy_translation, "Ctrl+Alt+C",
            self.tr("Copy the whole English translation"))
        self.pane_actions = {}
        for number, (name, label) in enumerate(
            (("source", self.tr("&Arabic source")), ("translation", self.tr("&English translation")),
             ("summary", self.tr("S&ummary"))), 1):
            action = self._action(label, lambda checked, name=name: self.set_pane_visible(name, checked),
                                  f"Ctrl+{number}", self.tr("Show or hide this pane"), checkable=True)
            self.pane_actions[name] = action
        self.bigger_action = self._action(self.tr("&Bigger text"), self.bigger_text, ["Ctrl+=", "Ctrl++"],
                                          self.tr("Make the text in the panes bigger"))
        self.smaller_action = self._action(self.tr("S&maller text"), self.smaller_text, "Ctrl+-",
                                           self.tr("Make the text in the panes smaller"))
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for name, label, shortcut, tip in (
            ("both", self.tr("Bullets in &both languages"), "Ctrl+Alt+B",
             self.tr("Each bullet in English with its Arabic original beneath")),
            ("english", self.tr("Bullets in E&nglish only"), "Ctrl+Alt+E", self.tr("Bullets in English only")),
            ("arabic", self.tr("Bullets in Ara&bic only"), "Ctrl+Alt+A", self.tr("Bullets in Arabic only")),
        ):
            action = self._action(label, lambda _checked, name=name: self.set_bullet_languages(name), shortcut,
                                  tip, checkable=True)
            self.language_group.addAction(action)
            self.language_actions[name] = action
        self.models_action = self._action(self.tr("&Manage models…"), self.open_models_dialog, "Ctrl+Shift+M",
                                          self.tr("List, import and remove translation models"))
        self.translate_action = self._action(self.tr("&Translate again"), self.translate_again, "F5",
                                             self.tr("Translate the sentences still untranslated"))
        self.cancel_action = self._action(self.tr("&Stop"), self.cancel_translation, "Esc",
                                          self.tr("Stop reading or translating; what is translated stays"))
        self.gloss_action = self._action(
            self.tr("&Gloss the sentence word by word"), self.gloss_selected_sentence, "Ctrl+G",
            self.tr("Show the chosen sentence word by word: each Arabic word with its English"))
        self.lookup_group = QActionGroup(self)
        self.lookup_actions = {}
        for mode, label, tip in (
            ("hover", self.tr("Look up words on &hover"), self.tr("Rest the mouse on an Arabic word to see its meanings")),
            ("click", self.tr("Look up words on &click"), self.tr("Click an Arabic word to see its meanings")),
            ("off", self.tr("&No word lookup"), self.tr("Never show word meanings over the Arabic text")),
        ):
            action = self._action(label, lambda _checked, mode=mode: self.set_lookup_mode(mode), QKeySequence(),
                                  tip, checkable=True)
            self.lookup_group.addAction(action)
            self.lookup_actions[mode] = action
        self.clear_memory_action = self._action(
            self.tr("Clear translation &memory…"), self.clear_memory, QKeySequence(),
            self.tr("Forget every remembered translation (re-opened articles are then translated again)"))
        self.about_action = self._action(self.tr("&About Talkhis"), self.about, key.HelpContents,
                                         self.tr("Version, licence and where the log file is"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addMenu(self.attachments_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.export_markdown_action)
        file_menu.addAction(self.export_text_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.copy_summary_action)
        edit_menu.addAction(self.copy_translation_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.gloss_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.clear_memory_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in self.pane_actions.values():
            view_menu.addAction(action)
        view_menu.addAction(self.gloss_action)
        view_menu.addSeparator()
        view_menu.addAction(self.bigger_action)
        view_menu.addAction(self.smaller_action)
        view_menu.addSeparator()
        for action in self.language_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in self.lookup_actions.values():
            view_menu.addAction(action)
        models_menu = bar.addMenu(self.tr("&Models"))
        models_menu.addAction(self.models_action)
        models_menu.addSeparator()
        models_menu.addAction(self.translate_action)
        models_menu.addAction(self.cancel_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        for menu in (file_menu, edit_menu, view_menu, models_menu, help_menu):
            menu.setToolTipsVisible(True)

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
        self._fill_attachments([])
        self.summary_view.languages = languages
        self.apply_font_size(s["font_size"])

    def save_state(self) -> None:
        s = self.settings
        s["window_geometry"] = bytes(self.saveGeometry().toBase64()).decode("ascii")
        s["splitter_state"] = bytes(self.splitter.saveState().toBase64()).decode("ascii")
        s["visible_panes"] = [name for name in PANES if self.pane_actions[name].isChecked()]
        s["algorithm"] = self.summary_controls.current_algorithm()
        s["bullets"] = self.summary_controls.current_bullets()
        try:
            s.save()
        except OSError as exc:  # a read-only config folder must not stop the window closing
            log.warning("could not save settings to %s: %s", s.path, exc)

    # -- dialogs (one place each, so tests can patch them) ---------------------------------
    @property
    def extensions(self) -> list[str]:
        """What the readers open (imported on first use: every reader, lxml... slow the start)."""
        from talkhis.core.readers import supported_extensions

        return supported_extensions()

    def ask_open_path(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        patterns = " ".join(f"*{ext}" for ext in self.extensions)
        start = str(Path(self.settings["recent_files"][0]).parent) if self.settings["recent_files"] else ""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an article"), start,
            self.tr("Articles ({patterns});;All files (*)").format(patterns=patterns))
        return Path(name) if name else None

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return Path(name) if name else None

    def ask_confirmation(self, title: str, question: str, action: str) -> bool:
        """Yes or no before something that cannot be undone; ``action`` names the yes button."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, self)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def show_error(self, title: str, message: str) -> None:
        """A short message the user must see; in screenshot mode only the status bar."""
        from PySide6.QtWidgets import QMessageBox

        log.info("%s: %s", title, message)
        if not self.interactive:
            self.say(message)
            return
        QMessageBox.warning(self, title, message)

    def show_info(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

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
        session.translation_started.connect(self._translation_started)
        session.translated.connect(self._translated)
        session.progress.connect(self._progress)
        session.translation_finished.connect(self._translation_finished)
        session.translation_failed.connect(self._translation_failed)
        session.no_model.connect(self._no_model)
        session.summarized.connect(self._summarized)
        session.summary_failed.connect(self._session_says)
        session.glossed.connect(self._glossed)
        session.warned.connect(self._session_says)
        session.settled.connect(self._settled)
        self.say(self.tr("Opening {name}…").format(name=path.name))
        self._show_busy(reading=True)
        session.start()
        return session

    def _show_busy(self, *, reading: bool = False, total: int = 0) -> None:
        """Progress and Cancel in the status bar: reading (no count yet) or translating."""
        self.progress.setRange(0, 0 if reading else max(total, 1))
        self.progress.setFormat(self.tr("reading…") if reading else self.tr("%v / %m sentences"))
        self.progress.setToolTip(self.tr("Reading the article") if reading else self.tr("Sentences translated so far"))
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.show()
        self.cancel_action.setEnabled(True)

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
        self._fill_attachments(attachments_of(article.document.notes))
        self.panels["translation"].header.setText(self.tr("English translation"))
        self.stack.setCurrentWidget(self.splitter)
        title = article.title.strip() or Path(article.document.path).name
        self.setWindowTitle(title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…")
        self.setWindowFilePath(str(session.path))
        self.source_view.highlight(selected=-1, hovered=-1)
        self.translation_view.highlight(selected=-1, hovered=-1)
        self.summary_view.highlight(selected=-1, hovered=-1)
        self.source_view.show_article(article)
        self.banner.hide()
        self._show_translation()
        self.summary_view.clear_bullets()
        self.progress.setRange(0, max(len(article.sentences), 1))
        self.progress.setValue(0)
        self._add_recent(session.path)
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
            self._remove_recent(session.path)
        self.say(message)
        self.show_error(self.tr("Cannot open the article"), message)
        self.settled.emit()

    # -- translation -----------------------------------------------------------------------
    def _translation_started(self, session: ArticleSession, info, total: int) -> None:
        if not self._current(session):
            return
        self.banner.hide()
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

    def _stop_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _show_translation(self) -> None:
        session = self.session
        if session is None or session.article is None:
            return
        self.translation_view.show_sentences(session.article, session.translations, session.glosses,
                                             pending=session.translating)

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

    # -- word lookup and glosses (talkhis.ui.lookup) ---------------------------------------
    @property
    def lookup_mode(self) -> str:
        mode = self.settings["lookup_on"]
        return mode if mode in LOOKUP_MODES else "hover"

    @property
    def lexicon(self):
        """The :class:`~talkhis.ui.lookup.LexiconLoader` (made on first use)."""
        if self._lexicon is None:
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

    # -- e-mail attachments ----------------------------------------------------------------
    def _fill_attachments(self, attachments: list[tuple[int, str]]) -> None:
        self.attachments_menu.clear()
        for number, name in attachments:
            action = self.attachments_menu.addAction(self.tr("Open attachment &{number}: {name}").format(
                number=number, name=name))
            action.setToolTip(self.tr("Read {name} from this e-mail and open it").format(name=name))
            action.triggered.connect(lambda _checked=False, number=number: self.open_attachment(number))
        self.attachments_menu.setEnabled(bool(attachments))
        if attachments or self._attachments_button is not None:
            button = self.attachments_button
            button.setText(self.tr("Attachments ({count})").format(count=len(attachments)))
            button.setVisible(bool(attachments))

    @property
    def attachments_button(self) -> QToolButton:
        """The status bar's button for an e-mail's attachments (the same menu as File › Attachments)."""
        if self._attachments_button is None:
            button = QToolButton(self)
            button.setMenu(self.attachments_menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setAccessibleName(self.tr("Attachments of this e-mail"))
            button.setToolTip(self.tr("Open one of this e-mail's attachments"))
            self.statusBar().insertPermanentWidget(0, button)
            self._attachments_button = button
        return self._attachments_button

    def open_attachment(self, number: int) -> Task | None:
        """Write attachment ``number`` of the open e-mail to the cache folder (off the UI thread), open it."""
        if self.session is None:
            return None
        path, max_bytes = self.session.path, self.settings["max_file_mb"] * 1024 * 1024

        def extract(_task: Task) -> Path:
            from talkhis.core.readers.email import extract_attachment

            return extract_attachment(path, number, max_bytes=max_bytes)

        task = Task(extract, "extracting an attachment")
        task.signals.finished.connect(self.open_file)
        task.signals.failed.connect(lambda message: self.show_error(self.tr("Cannot open the attachment"), message))
        self.say(self.tr("Opening attachment {number}…").format(number=number))
        return self.runner.start(task)

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

    # -- clipboard and export --------------------------------------------------------------
    def result(self):
        return self.session.result() if self.session is not None else None

    def copy_summary(self) -> None:
        result = self.result()
        if result is None or result.summary is None:
            self.say(self.tr("Nothing to copy yet: open an article first."))
            return
        languages = self.summary_view.languages
        from talkhis.core import export

        mime = QMimeData()
        mime.setText(export.summary_text(result, languages))
        mime.setHtml(export.summary_html(result, languages))
        QGuiApplication.clipboard().setMimeData(mime)
        self.say(self.tr("Summary copied ({count} bullets, with the citation line).").format(
            count=len(result.summary.ids)))

    def copy_translation(self) -> None:
        result = self.result()
        if result is None or not any(result.translations):
            self.say(self.tr("No translation to copy yet."))
            return
        from talkhis.core import export

        QGuiApplication.clipboard().setText(export.translation_text(result))
        self.say(self.tr("Translation copied."))

    def export_markdown(self) -> None:
        self._export(self.tr("Export Markdown"), ".md", self.tr("Markdown (*.md)"), "to_markdown")

    def export_text(self) -> None:
        self._export(self.tr("Export text"), ".txt", self.tr("Text (*.txt)"), "to_text")

    def _export(self, caption: str, suffix: str, file_filter: str, renderer: str) -> None:
        """Save the result with ``talkhis.core.export.<renderer>`` (imported here, not at start)."""
        from talkhis.core import atomic, export

        render = getattr(export, renderer)
        result = self.result()
        if result is None:
            return
        suggested = str(Path(result.article.document.path).with_suffix(".summary" + suffix))
        path = self.ask_save_path(caption, suggested, file_filter)
        if path is None:
            return
        try:
            atomic.write_text(path, render(result))
        except OSError as exc:
            self.show_error(self.tr("Export failed"), self.tr("{path}: cannot be written ({reason}); choose another folder")
                            .format(path=path, reason=exc.strerror or exc))
            return
        self.say(self.tr("Saved {path}").format(path=path))

    # -- view ------------------------------------------------------------------------------
    def set_pane_visible(self, name: str, visible: bool) -> None:
        if not visible and sum(a.isChecked() for a in self.pane_actions.values()) == 0:
            self.pane_actions[name].setChecked(True)  # one pane always stays
            return
        self.panels[name].setVisible(visible)
        self.pane_actions[name].setChecked(visible)
        self.settings["visible_panes"] = [n for n in PANES if self.pane_actions[n].isChecked()]

    def apply_font_size(self, size: int) -> None:
        size = max(MIN_FONT, min(MAX_FONT, int(size)))
        self.settings["font_size"] = size
        self.source_view.set_point_size(round(size * 1.15))  # Arabic script reads better a little larger
        self.translation_view.set_point_size(size)
        self.summary_view.set_point_size(size)
        self._update_actions()

    def bigger_text(self) -> None:
        self.apply_font_size(self.settings["font_size"] + 1)

    def smaller_text(self) -> None:
        self.apply_font_size(self.settings["font_size"] - 1)

    def _update_actions(self) -> None:
        if not hasattr(self, "export_text_action"):
            return
        session = self.session
        has_article = session is not None and session.article is not None
        for action in (self.export_markdown_action, self.export_text_action, self.copy_translation_action):
            action.setEnabled(has_article)
        self.copy_summary_action.setEnabled(has_article and session.summary is not None)
        self.cancel_action.setEnabled(self._opening is not None or (has_article and session.translating))
        self.gloss_action.setEnabled(has_article)
        self.translate_action.setEnabled(has_article and not session.translating)
        self.bigger_action.setEnabled(self.settings["font_size"] < MAX_FONT)
        self.smaller_action.setEnabled(self.settings["font_size"] > MIN_FONT)

    # -- recent files ----------------------------------------------------------------------
    def _add_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        recent = [entry] + [p for p in self.settings["recent_files"] if p != entry]
        self.settings["recent_files"] = recent[:MAX_RECENT]
        self._recent_changed()

    def _remove_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        self.settings["recent_files"] = [p for p in self.settings["recent_files"] if p not in (entry, str(path))]
        self._recent_changed()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings["recent_files"]
        for number, entry in enumerate(recent, 1):
            label = f"&{number % 10} {Path(entry).name}" if number <= 10 else Path(entry).name
            action = self.recent_menu.addAction(label)
            action.setToolTip(entry)
            action.setStatusTip(entry)
            action.setShortcut(QKeySequence(f"Ctrl+Alt+{number % 10}") if number <= 10 else QKeySequence())
            action.triggered.connect(lambda _checked=False, entry=entry: self.open_file(entry))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent articles"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("&Clear the list"))
            clear.setToolTip(self.tr("Forget the recent articles"))
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(True)

    def _clear_recent(self) -> None:
        self.settings["recent_files"] = []
        self._recent_changed()

    def _recent_changed(self) -> None:
        # Rebuilt at once so the Ctrl+Alt+N shortcuts follow the list, but after the current
        # event: the action that triggered this may be one of those the rebuild deletes.
        QTimer.singleShot(0, self, self._fill_recent_menu)

    # -- models ----------------------------------------------------------------------------
    def open_models_dialog(self):
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

    # -- help ------------------------------------------------------------------------------
    def about(self) -> None:
        import html

        from talkhis.core.lexicon.data import CREDIT
        from talkhis.core.logs import LOG_FILE

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
        self.runner.shutdown()
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
        from talkhis.core.readers import supported_extensions

        supported_extensions()  # imports every reader

    return window.runner.start(Task(warm, "warming up"))


__all__ = ["MainWindow", "start_warm_up"]
