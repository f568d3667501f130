"""The window's QActions and menu bar, when each is enabled, and the View menu's own actions
(which panes show, text size).

:func:`build_actions` makes every action as an attribute of the window (``window.open_action``,
``window.pane_actions["summary"]``...: what the rest of the window and the tests use) and connects
it to the window's slot or to :class:`~talkhis.ui.reports.Reports`; :func:`build_menus` puts them in
the menu bar; :func:`update_actions` enables what makes sense for the current article.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu


if TYPE_CHECKING:
    from talkhis.ui.main_window import MainWindow

PANES = ("source", "translation", "summary")
MIN_FONT, MAX_FONT = 8, 40


def add_action(window: MainWindow, text: str, slot, shortcut, tip: str, *, checkable: bool = False) -> QAction:
    """An action of the window, its shortcut live whichever pane has focus, menus shown or not."""
    action = QAction(text, window)
    if isinstance(shortcut, (list, tuple)):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    else:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    """Every action of the menus, as attributes of ``window``."""
    w, tr, key = window, window.tr, QKeySequence.StandardKey
    reports = w.reports
    w.open_action = add_action(w, tr("&Open…"), w.open_dialog, key.Open,
                               tr("Open an article to translate and summarise"))
    w.export_markdown_action = add_action(w, tr("Export &Markdown…"), reports.export_markdown, "Ctrl+E",
                                          tr("Save the summary and translation as Markdown"))
    w.export_text_action = add_action(w, tr("Export &text…"), reports.export_text, "Ctrl+Shift+E",
                                      tr("Save the summary and translation as plain text"))
    w.export_word_action = add_action(w, tr("Export as &Word…"), reports.export_word, "Ctrl+Shift+W",
                                      tr("Save a Word document: citation, bullets with their Arabic, "
                                         "the translation side by side"))
    w.export_pdf_action = add_action(w, tr("Export as &PDF…"), reports.export_pdf, "Ctrl+Shift+P",
                                     tr("Save the bilingual report as PDF"))
    # A frozen build may leave QtPrintSupport out; looking for it does not import it (nor the
    # report's layout code, which loads on first use: ~17 ms off the first paint).
    w.can_print = importlib.util.find_spec("PySide6.QtPrintSupport") is not None
    w.print_action = add_action(w, tr("&Print…"), reports.print_report, key.Print,
                                tr("Print the bilingual report"))
    w.find_action = add_action(w, tr("&Find…"), w.open_find, key.Find,
                               tr("Find in all three panes (Arabic ignores diacritics and hamza forms)"))
    w.find_next_action = add_action(w, tr("Find &next"), w.find_bar.find_next, "F3", tr("Next match"))
    w.find_previous_action = add_action(w, tr("Find pre&vious"), w.find_bar.find_previous, "Shift+F3",
                                        tr("Previous match"))
    w.quit_action = add_action(w, tr("&Quit"), w.close, key.Quit, tr("Close Talkhis"))
    w.copy_summary_action = add_action(
        w, tr("Copy &summary"), reports.copy_summary, "Ctrl+Shift+C",
        tr("Copy the bullets with a citation line, as text and as a real bullet list"))
    w.copy_translation_action = add_action(w, tr("Copy &translation"), reports.copy_translation, "Ctrl+Alt+C",
                                           tr("Copy the whole English translation"))
    w.pane_actions = {}
    for number, (name, label) in enumerate(
        (("source", tr("&Arabic source")), ("translation", tr("&English translation")), ("summary", tr("S&ummary"))), 1
    ):
        w.pane_actions[name] = add_action(w, label, lambda checked, name=name: set_pane_visible(w, name, checked),
                                          f"Ctrl+{number}", tr("Show or hide this pane"), checkable=True)
    # The names panel's own show/hide action (checked while it shows; its text is the panel's title).
    w.names_action = w.entity_panel.toggleViewAction()
    w.names_action.setShortcut(QKeySequence("Ctrl+4"))
    w.names_action.setToolTip(tr("Show or hide the people, places and organisations of the article"))
    w.names_action.setStatusTip(w.names_action.toolTip())
    w.names_action.triggered.connect(lambda checked: setattr(w.entity_panel, "wanted", checked))
    w.addAction(w.names_action)
    w.bigger_action = add_action(w, tr("&Bigger text"), lambda: apply_font_size(w, w.settings["font_size"] + 1),
                                 ["Ctrl+=", "Ctrl++"], tr("Make the text in the panes bigger"))
    w.smaller_action = add_action(w, tr("S&maller text"), lambda: apply_font_size(w, w.settings["font_size"] - 1),
                                  "Ctrl+-", tr("Make the text in the panes smaller"))
    w.language_group = QActionGroup(w)
    w.language_actions = {}
    for name, label, shortcut, tip in (
        ("both", tr("Bullets in &both languages"), "Ctrl+Alt+B",
         tr("Each bullet in English with its Arabic original beneath")),
        ("english", tr("Bullets in E&nglish only"), "Ctrl+Alt+E", tr("Bullets in English only")),
        ("arabic", tr("Bullets in Ara&bic only"), "Ctrl+Alt+A", tr("Bullets in Arabic only")),
    ):
        action = add_action(w, label, lambda _checked, name=name: w.set_bullet_languages(name), shortcut, tip,
                            checkable=True)
        w.language_group.addAction(action)
        w.language_actions[name] = action
    w.models_action = add_action(w, tr("&Manage models…"), w.open_models_dialog, "Ctrl+Shift+M",
                                 tr("List, import and remove translation models"))
    w.translate_action = add_action(w, tr("&Translate again"), w.translate_again, "F5",
                                    tr("Translate the sentences still untranslated"))
    w.cancel_action = add_action(w, tr("&Stop"), w.cancel_translation, "Esc",
                                 tr("Stop reading or translating; what is translated stays"))
    w.gloss_action = add_action(w, tr("&Gloss the sentence word by word"), w.gloss_selected_sentence, "Ctrl+G",
                                tr("Show the chosen sentence word by word: each Arabic word with its English"))
    w.lookup_group = QActionGroup(w)
    w.lookup_actions = {}
    for mode, label, tip in (
        ("hover", tr("Look up words on &hover"), tr("Rest the mouse on an Arabic word to see its meanings")),
        ("click", tr("Look up words on &click"), tr("Click an Arabic word to see its meanings")),
        ("off", tr("&No word lookup"), tr("Never show word meanings over the Arabic text")),
    ):
        action = add_action(w, label, lambda _checked, mode=mode: w.set_lookup_mode(mode), QKeySequence(), tip,
                            checkable=True)
        w.lookup_group.addAction(action)
        w.lookup_actions[mode] = action
    w.theme_group = QActionGroup(w)
    w.theme_actions = {}
    for name, label in (("system", tr("&System colours")), ("light", tr("&Light")), ("dark", tr("&Dark"))):
        action = add_action(w, label, lambda _checked, name=name: w.set_theme(name), QKeySequence(),
                            tr("Colours of the window"), checkable=True)
        w.theme_group.addAction(action)
        w.theme_actions[name] = action
    # View › Language: the interface's language; the names of the languages are not translated.
    w.interface_language_group = QActionGroup(w)
    w.interface_language_actions = {}
    for code, label in (("system", tr("&System language")), ("en", "&English"), ("ar", "&العربية")):
        action = add_action(w, label, lambda _checked, code=code: w.set_interface_language(code), QKeySequence(),
                            tr("Language of the menus and messages"), checkable=True)
        w.interface_language_group.addAction(action)
        w.interface_language_actions[code] = action
    w.model_help_action = add_action(w, tr("&Getting a model…"), w.show_model_help, QKeySequence(),
                                     tr("Where to get an Arabic→English model and how to import it"))
    w.clear_memory_action = add_action(
        w, tr("Clear translation &memory…"), w.clear_memory, QKeySequence(),
        tr("Forget every remembered translation (re-opened articles are then translated again)"))
    w.about_action = add_action(w, tr("&About Talkhis"), w.about, key.HelpContents,
                                tr("Version, licence and where the log file is"))


def build_menus(window: MainWindow) -> None:
    """File, Edit, View, Models, Help; Open recent and Attachments are their owners' menus."""
    w, tr = window, window.tr
    bar = w.menuBar()
    file_menu = _filled(bar.addMenu(tr("&File")), w.open_action, w.recent.menu, w.attachments.menu, None,
                        w.export_word_action, w.export_pdf_action, w.export_markdown_action, w.export_text_action,
                        None, w.print_action, None, w.quit_action)
    edit_menu = _filled(bar.addMenu(tr("&Edit")), w.copy_summary_action, w.copy_translation_action, None,
                        w.find_action, w.find_next_action, w.find_previous_action, None, w.gloss_action, None,
                        w.clear_memory_action)
    view_menu = _filled(bar.addMenu(tr("&View")), *w.pane_actions.values(), w.names_action, w.gloss_action, None,
                        w.bigger_action, w.smaller_action, None, *w.language_actions.values(), None,
                        *w.lookup_actions.values(), None)
    _filled(view_menu.addMenu(tr("&Theme")), *w.theme_actions.values())
    _filled(view_menu.addMenu(tr("&Language")), *w.interface_language_actions.values())
    models_menu = _filled(bar.addMenu(tr("&Models")), w.models_action, None, w.translate_action, w.cancel_action)
    help_menu = _filled(bar.addMenu(tr("&Help")), w.model_help_action, w.about_action)
    for menu in (file_menu, edit_menu, view_menu, models_menu, help_menu):
        menu.setToolTipsVisible(True)


def _filled(menu: QMenu, *items: QAction | QMenu | None) -> QMenu:
    """``menu`` with ``items`` in order: actions, submenus, and None for a separator."""
    for item in items:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)
    return menu


def update_actions(window: MainWindow) -> None:
    """Enable what the current article (or none) allows."""
    w = window
    if not hasattr(w, "export_text_action"):
        return  # called while the window is still being built
    session = w.session
    has_article = session is not None and session.article is not None
    for action in (w.export_markdown_action, w.export_text_action, w.export_word_action, w.export_pdf_action,
                   w.copy_translation_action, w.find_action, w.find_next_action, w.find_previous_action):
        action.setEnabled(has_article)
    w.print_action.setEnabled(has_article and w.can_print)
    w.copy_summary_action.setEnabled(has_article and session.summary is not None)
    w.cancel_action.setEnabled(w._opening is not None or (has_article and session.translating))
    w.gloss_action.setEnabled(has_article)
    w.translate_action.setEnabled(has_article and not session.translating)
    w.bigger_action.setEnabled(w.settings["font_size"] < MAX_FONT)
    w.smaller_action.setEnabled(w.settings["font_size"] > MIN_FONT)


def set_pane_visible(window: MainWindow, name: str, visible: bool) -> None:
    """Show or hide one pane (View › pane, Ctrl+1..3); the last one shown stays."""
    actions = window.pane_actions
    if not visible and sum(a.isChecked() for a in actions.values()) == 0:
        actions[name].setChecked(True)  # one pane always stays
        return
    window.panels[name].setVisible(visible)
    actions[name].setChecked(visible)
    window.settings["visible_panes"] = [n for n in PANES if actions[n].isChecked()]


def apply_font_size(window: MainWindow, size: int) -> None:
    """Text size in every pane, within MIN_FONT..MAX_FONT; remembered."""
    size = max(MIN_FONT, min(MAX_FONT, int(size)))
    window.settings["font_size"] = size
    window.source_view.set_point_size(round(size * 1.15))  # Arabic script reads better a little larger
    window.translation_view.set_point_size(size)
    window.summary_view.set_point_size(size)
    update_actions(window)
