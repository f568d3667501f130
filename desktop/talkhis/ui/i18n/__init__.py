"""The interface language: English (the source strings) or Arabic, with right-to-left chrome.

The Arabic translation is ``talkhis_ar.ts``, Qt's own translation format (readable by Qt
Linguist, checked by ``tests/test_i18n.py`` against every ``tr()`` string of ``talkhis.ui``;
``python -m talkhis.ui.i18n.extract`` adds new strings to it). Qt itself loads only compiled
``.qm`` files; :class:`TsTranslator` reads the ``.ts`` directly instead, so an editable install
and a frozen build need no compile step. It is read only when Arabic is chosen (a few
milliseconds), never for an English window.

``tr()`` looks strings up by the class of the object at run time (a subclass gets its own
context), so a translation is found by context and source first, then by source alone.

Translating: edit the ``.ts`` (Qt Linguist or any editor). Keep ``{fields}``, ``%v``/``%m``, file
filters and line breaks as in the source (the test checks). "gloss" stays "gloss": the window's
GLOSS label is the one every export and the clipboard carry, whatever the interface language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator, QXmlStreamReader

log = logging.getLogger(__name__)

CHOICES = ("system", "en", "ar")  # the setting "language"
RLM = "\u200f"  # right-to-left mark: an Arabic line that starts with a number still reads right to left


def read_ts(text: str | bytes) -> dict[tuple[str, str], str]:
    """The finished translations of a ``.ts`` file: ``{(context, source): translation}``.

    Read with Qt's own stream reader (already loaded: no XML module to import at a switch).
    Raises ValueError on a file that is not well-formed XML."""
    reader = QXmlStreamReader(text.decode("utf-8") if isinstance(text, bytes) else text)
    messages, path, context = {}, [], ""
    source = translation = None
    unfinished = False
    while not reader.atEnd():
        token = reader.readNext()
        if token == QXmlStreamReader.TokenType.StartElement:
            name = reader.name()
            path.append(name)
            if name == "message":
                source = translation = None
                unfinished = False
            elif name == "name" and path[-2:-1] == ["context"]:
                context = reader.readElementText()
                path.pop()
            elif name == "source" and path[-2:-1] == ["message"]:
                source = reader.readElementText()
                path.pop()
            elif name == "translation" and path[-2:-1] == ["message"]:
                unfinished = reader.attributes().value("type") in ("unfinished", "obsolete", "vanished")
                translation = reader.readElementText()
                path.pop()
        elif token == QXmlStreamReader.TokenType.EndElement:
            if path and path.pop() == "message" and source is not None and translation and not unfinished:
                messages[(context, source)] = translation
    if reader.hasError():
        raise ValueError(f"{reader.errorString()} (line {reader.lineNumber()})")
    return messages


def ts_text(language: str = "ar") -> bytes:
    """The shipped ``.ts`` file of ``language`` (package data, beside this module)."""
    name = f"talkhis_{language}.ts"
    path = Path(__file__).with_name(name)
    if path.is_file():  # a plain install, an editable one, a frozen build: ~10 ms faster than below
        return path.read_bytes()
    from importlib import resources  # e.g. a zipped package

    return resources.files(__name__).joinpath(name).read_bytes()


class TsTranslator(QTranslator):
    """A QTranslator over the messages of a ``.ts`` file (no ``.qm`` needed)."""

    def __init__(self, messages: dict[tuple[str, str], str], language: str, parent=None):
        super().__init__(parent)
        self.messages = messages
        self.by_source = {source: text for (_context, source), text in messages.items()}
        self.sources = {text: source for source, text in self.by_source.items()}  # translation → source
        self._language = language

    @classmethod
    def load(cls, language: str = "ar", parent=None) -> TsTranslator:
        return cls(read_ts(ts_text(language)), language, parent)

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        text = self.messages.get((context, source))
        return text if text is not None else self.by_source.get(source)  # None (a null QString): not ours

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.messages

    def language(self) -> str:
        return self._language


def resolve(choice: str, system: QLocale | None = None) -> str:
    """"en" or "ar": "system" follows the desktop's language (Arabic desktops get Arabic)."""
    if choice in ("en", "ar"):
        return choice
    system = system if system is not None else QLocale.system()
    return "ar" if system.language() == QLocale.Language.Arabic else "en"


def number_locale(language: str, system: QLocale | None = None) -> QLocale:
    """How numbers are written: Latin digits in English whatever the desktop's locale; in Arabic
    the desktop's Arabic digits (Arabic-Indic or Latin, as its locale says), else Arabic-Indic."""
    if language != "ar":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    system = system if system is not None else QLocale.system()
    return system if system.language() == QLocale.Language.Arabic else QLocale(QLocale.Language.Arabic)


class Language:
    """The translators installed in the application, and switching between languages."""

    def __init__(self, app):
        self.app = app
        self.code = "en"
        self.installed: list[QTranslator] = []
        self._arabic: TsTranslator | None = None  # read once, kept for relabel() after a switch back

    @property
    def has_read_arabic(self) -> bool:
        return self._arabic is not None

    def arabic(self) -> TsTranslator:
        if self._arabic is None:
            self._arabic = TsTranslator.load("ar", self.app)
        return self._arabic

    def apply(self, choice: str) -> str:
        """Install (or remove) the Arabic translation and set the chrome's direction; returns
        "en" or "ar". Widgets already made keep their text: see :func:`relabel`."""
        code = resolve(choice)
        if code == self.code:
            return code
        for translator in self.installed:
            self.app.removeTranslator(translator)
        self.installed = []
        if code == "ar":
            try:
                ours = self.arabic()
            except (OSError, ValueError) as exc:  # a damaged install: stay in English
                log.warning("the Arabic interface cannot be loaded (%s); staying in English", exc)
                code = "en"
            else:
                qt = QTranslator(self.app)  # Qt's own dialogs' buttons (OK, Cancel, file dialogs)
                if qt.load(QLocale(QLocale.Language.Arabic), "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                    self.installed.append(qt)
                self.installed.append(ours)
                for translator in self.installed:
                    self.app.installTranslator(translator)
        self.code = code
        self.app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if code == "ar"
                                    else Qt.LayoutDirection.LeftToRight)
        return code


_languages: dict[int, Language] = {}


def language_of(app) -> Language:
    """The application's :class:`Language` (made on first use; English until applied)."""
    language = _languages.get(id(app))
    if language is None or language.app is not app:
        language = _languages[id(app)] = Language(app)
    return language


def relabel(root, language: Language) -> None:
    """Put the texts of ``root`` and its children into ``language`` now: every label, button,
    tooltip, menu and action whose text is one of the translated strings (in either language).
    Texts made from a template with values in them keep their language until they are next set."""
    # Here, not at the top: these classes cost the window's first paint a few ms, and a switch is rare.
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QSpinBox,
        QTextEdit,
        QWidget,
    )

    if language.code == "en" and not language.has_read_arabic:
        return  # nothing was ever in Arabic
    arabic = language.arabic()
    table = arabic.by_source if language.code == "ar" else arabic.sources

    def convert(text: str) -> str:
        return table.get(text, text) if text else text

    def relabel_action(action) -> None:
        for get, put in ((action.text, action.setText), (action.toolTip, action.setToolTip),
                         (action.statusTip, action.setStatusTip), (action.iconText, action.setIconText)):
            new = convert(get())
            if new != get():
                put(new)
        if action.menu() is not None:
            action.menu().setTitle(convert(action.menu().title()))

    for widget in [root, *root.findChildren(QWidget)]:
        texts = [(widget.toolTip, widget.setToolTip), (widget.statusTip, widget.setStatusTip),
                 (widget.accessibleName, widget.setAccessibleName)]
        if widget is not root:  # the window's own title is the article's, which may be any words
            texts.append((widget.windowTitle, widget.setWindowTitle))
        for get, put in texts:
            new = convert(get())
            if new != get():
                put(new)
        if isinstance(widget, (QLabel, QAbstractButton)):
            widget.setText(convert(widget.text()))
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.setPlaceholderText(convert(widget.placeholderText()))
        if isinstance(widget, QAbstractSpinBox):
            widget.setSpecialValueText(convert(widget.specialValueText()))
        if isinstance(widget, QSpinBox):
            widget.setSuffix(convert(widget.suffix()))
            widget.setPrefix(convert(widget.prefix()))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, convert(widget.itemText(i)))
        if isinstance(widget, QMenu):
            widget.setTitle(convert(widget.title()))
        for action in widget.actions():
            relabel_action(action)


__all__ = ["CHOICES", "RLM", "Language", "TsTranslator", "language_of", "number_locale", "read_ts",
           "relabel", "resolve", "ts_text"]
