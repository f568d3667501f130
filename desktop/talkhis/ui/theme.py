"""View › Theme: System, Light or Dark, applied at once, on any platform (X11 and offscreen too).

Asking Qt for a colour scheme (``QStyleHints.setColorScheme``) changes nothing where the
platform theme does not support it (plain X11, offscreen), which is why ``"theme": "dark"`` did
nothing there. So Light and Dark set the Fusion style and a complete palette of our own; System
puts back the style and palette the application started with. Every widget gets a
``PaletteChange`` event, which the text views answer by rebuilding with the new colours
(placeholder grey, highlight); Find's marks use fixed colours with black text, readable on both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

_original: dict = {}  # the style name and palette the application had before the first change


def dark_palette() -> QPalette:
    """A dark palette with every role set (disabled text dimmed), legible highlights and links."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: QColor(37, 37, 38),
        role.WindowText: QColor(230, 230, 230),
        role.Base: QColor(28, 28, 30),
        role.AlternateBase: QColor(45, 45, 48),
        role.ToolTipBase: QColor(50, 50, 52),
        role.ToolTipText: QColor(230, 230, 230),
        role.PlaceholderText: QColor(150, 150, 155),
        role.Text: QColor(230, 230, 230),
        role.Button: QColor(48, 48, 50),
        role.ButtonText: QColor(230, 230, 230),
        role.BrightText: QColor(255, 90, 90),
        role.Light: QColor(70, 70, 72),
        role.Midlight: QColor(58, 58, 60),
        role.Mid: QColor(42, 42, 44),
        role.Dark: QColor(20, 20, 22),
        role.Shadow: QColor(0, 0, 0),
        role.Highlight: QColor(61, 142, 230),
        role.HighlightedText: QColor(255, 255, 255),
        role.Link: QColor(110, 170, 255),
        role.LinkVisited: QColor(180, 140, 255),
    }
    palette = QPalette()
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, colour)
    for colour_role in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        palette.setColor(group.Disabled, colour_role, QColor(120, 120, 124))
    palette.setColor(group.Disabled, role.Highlight, QColor(70, 70, 72))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette (the same on every platform)."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply "system", "light" or "dark" to ``app`` now; returns the theme applied.

    An unknown name is treated as "system" (a settings file edited by hand must not break the
    window).
    """
    theme = theme if theme in THEMES else "system"
    if not _original:
        _original["style"] = app.style().name()
        _original["palette"] = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    if theme == "system":
        app.setStyle(_original["style"])
        app.setPalette(_original["palette"])
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        return theme
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if theme == "dark" else light_palette())
    if hasattr(hints, "setColorScheme"):  # Qt ≥ 6.8: platform parts (title bars) follow where they can
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    return theme


def current_theme_is_dark(app: QApplication) -> bool:
    """Whether the window is now dark (by the lightness of its window colour)."""
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def entity_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The tints for an entity chosen in the names panel: its sentences, and its name in them.

    Green, apart from the selection's blue, Find's yellow and the quality check's amber; a
    lighter tint on a light background, a deeper one on a dark, so the text stays legible on both:
    on the dark ones (opaque) the text is over 4.5:1 on either and the gloss's grey on the sentence's.
    """
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        return QColor("#1a3022"), QColor("#2e6b47")
    return QColor(120, 200, 140, 70), QColor(90, 190, 115, 150)


def error_colour(palette: QPalette) -> QColor:
    """A one-line problem's red, over 4.5:1 on the window colour of a light or a dark palette."""
    return QColor("#f28b82") if palette.color(QPalette.ColorRole.Window).lightness() < 128 else QColor("#b3261e")
