"""User settings and window state, each kept in its own INI file under the config folder.

Every option is declared once, in OPTIONS (key, type, default, description, allowed values), so
reading, validating, the Preferences dialog and the documentation all agree. Files are opened by
explicit path (QSettings(path, IniFormat)), never the default constructor: the default one would
write to the real user's settings from tests and could not be pointed elsewhere.

Window state (geometry, dock layout, splitter and column widths) lives in a separate state.ini:
it is what the app remembers, not what the user chose, and deleting it must never lose a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from archivist.paths import config_dir

SETTINGS_FILE = "settings.ini"
STATE_FILE = "state.ini"


@dataclass(frozen=True)
class Option:
    """One user setting: how it is stored, what it starts as, what the user is told it does."""

    key: str
    type: type
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, raw: Any) -> Any:
        """`raw` (from an INI file or a caller) as this option's type; the default when unusable."""
        try:
            if self.type is bool:
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            else:
                value = self.type(raw)
        except (TypeError, ValueError):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        if self.minimum is not None and value < self.minimum:
            value = self.type(self.minimum)
        if self.maximum is not None and value > self.maximum:
            value = self.type(self.maximum)
        return value


OPTIONS: tuple[Option, ...] = (
    Option("theme", str, "system", "Colours of the window: follow the system, or always light or dark.",
           choices=("system", "light", "dark")),
    Option("reader_theme", str, "paper", "Colours of the reading pane, independent of the window's.",
           choices=("paper", "sepia", "dark")),
    Option("reader_font_family", str, "", "Typeface of article text (empty: the built-in serif list)."),
    Option("reader_font_size", float, 12.0, "Size of article text in points (View → Zoom changes it).",
           minimum=7.0, maximum=32.0),
    Option("reader_line_width", int, 70, "Longest line of article text, in characters.",
           minimum=40, maximum=120),
    Option("backups_keep", int, 7, "How many daily backups of the library to keep.",
           minimum=1, maximum=365),
)
OPTIONS_BY_KEY: dict[str, Option] = {o.key: o for o in OPTIONS}


class Settings(QObject):
    """The user's choices, validated against OPTIONS; `changed(key)` after each real change."""

    changed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or config_dir() / SETTINGS_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def value(self, key: str) -> Any:
        option = OPTIONS_BY_KEY[key]  # a KeyError here is a typo in the code, not user data
        raw = self._store.value(key)
        return option.default if raw is None else option.coerce(raw)

    def set_value(self, key: str, value: Any) -> None:
        option = OPTIONS_BY_KEY[key]
        new = option.coerce(value)
        if new == self.value(key):
            return
        self._store.setValue(key, new)
        self._store.sync()  # a crash later must not lose a choice made now
        self.changed.emit(key)

    def reset(self, key: str) -> None:
        self.set_value(key, OPTIONS_BY_KEY[key].default)


class WindowState:
    """Saves and restores how the window was laid out (not a user choice: see the module doc)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / STATE_FILE

    def save(self, window: QMainWindow, splitter: QSplitter, header: QHeaderView) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        store = QSettings(str(self.path), QSettings.Format.IniFormat)
        store.setValue("window/geometry", window.saveGeometry())
        store.setValue("window/state", window.saveState())
        store.setValue("window/splitter", splitter.saveState())
        store.setValue("window/header", header.saveState())
        store.sync()

    def restore(self, window: QMainWindow, splitter: QSplitter, header: QHeaderView) -> bool:
        """Put back the saved layout; False (defaults kept) when there is none yet."""
        if not self.path.is_file():
            return False
        store = QSettings(str(self.path), QSettings.Format.IniFormat)
        restored = False
        for key, apply in (("window/geometry", window.restoreGeometry),
                           ("window/state", window.restoreState),
                           ("window/splitter", splitter.restoreState),
                           ("window/header", header.restoreState)):
            data = store.value(key)
            if isinstance(data, QByteArray) and not data.isEmpty():
                restored = bool(apply(data)) or restored
        return restored
