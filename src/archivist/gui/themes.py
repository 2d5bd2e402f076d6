"""Colours: the window's light/dark theme, and the reading pane's own Paper, Sepia and Dark.

The window follows the system colour scheme unless the user picks one (View → Theme). Qt 6.8+
can be asked for a scheme (QStyleHints.setColorScheme), but not every platform honours it (the
offscreen one, some X11 desktops), so an explicit choice also sets a palette: the choice then
looks the same everywhere.

The reader is themed separately, because people read in sepia inside a light app and the other
way round. reader.css names its colours `var(--role)`; Qt's CSS has no variables, so
`reader_stylesheet` fills them in from a ReadingTheme, and scales the stylesheet's pt sizes with
the chosen text size so that zooming grows the captions and metadata too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: The text size reader.css was written for; its pt sizes are scaled by size / this.
BASE_POINT_SIZE = 12.0
_VAR = re.compile(r"var\(--([a-z-]+)\)")
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")


@dataclass(frozen=True)
class ReadingTheme:
    """The reading pane's colours, by role (the names reader.css uses)."""

    name: str
    label: str
    page: str
    ink: str
    heading: str
    muted: str
    faint: str
    tags: str
    tag_bg: str
    rule: str
    link: str
    quote: str
    code_bg: str
    mark: str
    empty: str
    #: How much of a highlight's own colour shows over the page: light pages take the colour as
    #: is; a dark page needs it deepened, or light text on a pastel highlight becomes unreadable.
    highlight_strength: float = 1.0
    dark: bool = False

    def color(self, role: str) -> str:
        return str(getattr(self, role.replace("-", "_")))

    def highlight(self, hex_color: str) -> str:
        """A highlight colour as it should be painted on this theme's page."""
        if self.highlight_strength >= 1.0:
            return hex_color
        top, page, k = QColor(hex_color), QColor(self.page), self.highlight_strength
        mixed = QColor.fromRgbF(*(k * a + (1 - k) * b for a, b in (
            (top.redF(), page.redF()), (top.greenF(), page.greenF()), (top.blueF(), page.blueF()))))
        return mixed.name()


READING_THEMES: dict[str, ReadingTheme] = {
    "paper": ReadingTheme(
        "paper", "&Paper", page="#fbfaf7", ink="#24221f", heading="#1b1a18", muted="#6f6a62",
        faint="#8a8378", tags="#5d6f63", tag_bg="#ebe7dd", rule="#ddd7cc", link="#2d5f8a",
        quote="#4a4640", code_bg="#f1eee7", mark="#fbeaa0", empty="#7a746a"),
    "sepia": ReadingTheme(
        "sepia", "&Sepia", page="#f4ecd8", ink="#3b2f22", heading="#2e2418", muted="#75644e",
        faint="#8c7a62", tags="#5a6649", tag_bg="#e6d9bb", rule="#d8c7a4", link="#7a4a1e",
        quote="#574736", code_bg="#ebdfc3", mark="#f0d78a", empty="#7f6e57"),
    "dark": ReadingTheme(
        "dark", "&Dark", page="#1d1e21", ink="#d9d6cf", heading="#eeebe4", muted="#a29d93",
        faint="#8f8a80", tags="#93b79e", tag_bg="#303236", rule="#3b3d42", link="#8cb8e4",
        quote="#bcb6ab", code_bg="#2a2c30", mark="#6b5b1c", empty="#a29d93",
        highlight_strength=0.38, dark=True),
}
APP_THEMES: dict[str, str] = {"system": "&System", "light": "&Light", "dark": "&Dark"}


def reading_theme(name: str) -> ReadingTheme:
    return READING_THEMES.get(name, READING_THEMES["paper"])


def reader_stylesheet(template: str, theme: ReadingTheme, point_size: float = BASE_POINT_SIZE) -> str:
    """reader.css with `theme`'s colours filled in and its pt sizes scaled to `point_size`."""
    scale = point_size / BASE_POINT_SIZE
    css = _VAR.sub(lambda m: theme.color(m.group(1)), template)
    if abs(scale - 1.0) > 1e-6:
        css = _POINTS.sub(lambda m: f"{float(m.group(1)) * scale:.1f}pt", css)
    return css


# -- the window's theme ---------------------------------------------------------------------------
def dark_palette() -> QPalette:
    """A calm dark palette (greys, not black) that Fusion and the item views read well."""
    p = QPalette()
    window, base, text = QColor("#2b2d31"), QColor("#232428"), QColor("#e3e1dc")
    disabled = QColor("#7d7f85")
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor("#2a2c30")),
        (QPalette.ColorRole.ToolTipBase, QColor("#3a3c41")), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#8d8f95")), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#33353a")), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff6b6b")), (QPalette.ColorRole.Light, QColor("#45474d")),
        (QPalette.ColorRole.Midlight, QColor("#3a3c41")), (QPalette.ColorRole.Mid, QColor("#26272b")),
        (QPalette.ColorRole.Dark, QColor("#1b1c1f")), (QPalette.ColorRole.Shadow, QColor("#111214")),
        (QPalette.ColorRole.Highlight, QColor("#3d6fa8")), (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8cb8e4")), (QPalette.ColorRole.LinkVisited, QColor("#b59ad6")),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    """The style's own light palette (what Fusion shows on a light desktop)."""
    app = QGuiApplication.instance()
    style = app.style() if app is not None and hasattr(app, "style") else None  # type: ignore[attr-defined]
    return style.standardPalette() if style is not None else QPalette()


def apply_app_theme(choice: str) -> None:
    """Show the whole application in `choice` ("system", "light" or "dark")."""
    hints = QGuiApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(choice)
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native widgets and dialogs follow too
        if scheme is None:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(scheme)
    if choice == "dark":
        QGuiApplication.setPalette(dark_palette())
    elif choice == "light":
        QGuiApplication.setPalette(light_palette())
    else:
        QGuiApplication.setPalette(QPalette())  # an empty palette: back to the platform's own


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
