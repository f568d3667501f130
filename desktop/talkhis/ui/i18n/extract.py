"""Find every translatable string of the window and keep ``talkhis_ar.ts`` up to date.

    python -m talkhis.ui.i18n.extract          # add new strings to talkhis_ar.ts (unfinished)
    python -m talkhis.ui.i18n.extract --check  # list the strings with no Arabic; exit 1 if any

A string is translatable when it is the literal first argument of a ``tr()`` call (``self.tr``,
``window.tr``, ``tr = window.tr``...) or the second of ``QCoreApplication.translate("Context",
...)`` in ``talkhis/ui/*.py``. Its context is the class the call is written in (the module's
name outside a class). What ``pyside6-lupdate`` does, without needing Qt's tools at test time.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from talkhis.ui.i18n import read_ts

UI = Path(__file__).resolve().parent.parent
TS_PATH = Path(__file__).resolve().parent / "talkhis_ar.ts"
_APPS = ("QCoreApplication", "QGuiApplication", "QApplication")
# Qt asks every translator for this "message": "RTL" lays the whole interface out right to left.
LAYOUT = ("QGuiApplication", "QT_LAYOUT_DIRECTION", "RTL")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    file: str
    line: int


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str, module: str):
        self.file, self.classes = file, [module]
        self.messages: list[Message] = []
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 (ast's name)
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name == "tr" and node.args:
            self._take(self.classes[-1], node.args[0], node)
        elif (name == "translate" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
              and func.value.id in _APPS and len(node.args) >= 2):
            context = node.args[0]
            if isinstance(context, ast.Constant) and isinstance(context.value, str):
                self._take(context.value, node.args[1], node)
            else:
                self.problems.append(f"{self.file}:{node.lineno}: translate() with a context that is not a literal")
        self.generic_visit(node)

    def _take(self, context: str, arg: ast.expr, node: ast.Call) -> None:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            self.messages.append(Message(context, arg.value, self.file, node.lineno))
        else:
            self.problems.append(f"{self.file}:{node.lineno}: tr() of something that is not a string literal "
                                 "(it cannot be translated; format the translated template instead)")


def extract(folder: Path = UI) -> tuple[list[Message], list[str]]:
    """Every translatable string of ``folder/*.py`` (in file order) and the calls that cannot be."""
    messages, problems = [], []
    for path in sorted(folder.glob("*.py")):
        finder = _Finder(path.name, path.stem)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        messages += finder.messages
        problems += finder.problems
    return messages, problems


def write_ts(path: Path, messages: list[Message], translations: dict[tuple[str, str], str]) -> list[Message]:
    """Write the ``.ts`` file: each context's strings once, with the translation known for it
    (by context and source, else by source); returns the messages left untranslated."""
    by_source = {source: text for (_context, source), text in translations.items()}
    root = ET.Element("TS", version="2.1", language="ar", sourcelanguage="en")
    contexts: dict[str, list[Message]] = {}
    for message in messages:
        if all(m.source != message.source for m in contexts.setdefault(message.context, [])):
            contexts[message.context].append(message)
    missing = []
    for context, items in [(LAYOUT[0], [Message(LAYOUT[0], LAYOUT[1], "", 0)]), *sorted(contexts.items())]:
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for message in items:
            node = ET.SubElement(element, "message")
            ET.SubElement(node, "source").text = message.source
            text = LAYOUT[2] if message.source == LAYOUT[1] else translations.get(
                (context, message.source), by_source.get(message.source))
            translation = ET.SubElement(node, "translation")
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
                missing.append(message)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    messages, problems = extract()
    translations = read_ts(TS_PATH.read_bytes()) if TS_PATH.exists() else {}
    known = {source for _context, source in translations}
    missing = [m for m in messages if m.source not in known]
    if "--check" not in argv:
        missing = write_ts(TS_PATH, messages, translations)
        print(f"{TS_PATH}: {len(messages)} strings, {len(missing)} without Arabic")
    for problem in problems:
        print(problem)
    for message in missing:
        print(f"untranslated: {message.file}:{message.line}: {message.source!r}")
    return 1 if missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
