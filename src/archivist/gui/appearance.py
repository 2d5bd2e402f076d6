"""How the window and the reader look: themes, reading type, zoom, and the dialogs about them.

One controller owns the View menu's Theme and Reading Theme submenus, the zoom actions,
Edit → Preferences… and Help → Keyboard Shortcuts. Every change goes through Settings, and
Settings.changed is the one place the look is applied from: the menus, the zoom keys and the
Preferences dialog can never disagree about what is showing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from archivist.gui.preferences import PreferencesDialog
from archivist.gui.reader import BODY_POINT_SIZE, ReaderView
from archivist.gui.settings import OPTIONS_BY_KEY, Settings
from archivist.gui.shortcuts_dialog import ShortcutsDialog
from archivist.gui.themes import APP_THEMES, READING_THEMES, apply_app_theme, reading_theme

ZOOM_STEP = 1.0
_READER_KEYS = ("reader_theme", "reader_font_family", "reader_font_size", "reader_line_width")


def standard_or(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's sequence for `key`, or `fallback` where it has none (Quit, Preferences on
    some Linux desktops): a command the user reaches for by key should have one everywhere."""
    seq = QKeySequence(key)
    return seq if not seq.isEmpty() else QKeySequence(fallback)


class AppearanceController(QObject):
    """Applies Settings to the application and the reader, and offers the actions to change them."""

    def __init__(self, settings: Settings, reader: ReaderView, window: QMainWindow) -> None:
        super().__init__(window)
        self.settings = settings
        self.reader = reader
        self.window = window
        self.preferences_dialog: PreferencesDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

        self.theme_menu, self.theme_actions = self._choice_menu(
            "&Theme", "theme", APP_THEMES, "themeMenu")
        self.reading_menu, self.reading_actions = self._choice_menu(
            "&Reading Theme", "reader_theme", {k: t.label for k, t in READING_THEMES.items()},
            "readingThemeMenu")

        self.zoom_in_action = self._action("Zoom &In", "zoomInAction", self._on_zoom_in_triggered,
                                           QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                           "Make the article text larger")
        self.zoom_out_action = self._action("Zoom &Out", "zoomOutAction", self._on_zoom_out_triggered,
                                            QKeySequence(QKeySequence.StandardKey.ZoomOut),
                                            "Make the article text smaller")
        self.zoom_reset_action = self._action("&Actual Size", "zoomResetAction",
                                              self._on_zoom_reset_triggered, QKeySequence("Ctrl+0"),
                                              "Article text at its default size")
        self.preferences_action = self._action(
            "&Preferences…", "preferencesAction", self._on_preferences_triggered,
            standard_or(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
            "Reading typeface, text size, line width and themes")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_action = self._action("&Keyboard Shortcuts", "shortcutsAction",
                                             self._on_shortcuts_triggered, None,
                                             "Every command that has a key")
        settings.changed.connect(self._on_settings_changed)

    # -- construction -------------------------------------------------------------------------
    def _action(self, text: str, name: str, slot: object, keys: QKeySequence | None, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        return action

    def _choice_menu(self, title: str, key: str, labels: dict[str, str],
                     name: str) -> tuple[QMenu, dict[str, QAction]]:
        """A submenu of checkable actions, one per allowed value of `key`, exactly one checked."""
        menu = QMenu(title, self.window)
        menu.setObjectName(name)
        group = QActionGroup(menu)
        group.setExclusive(True)
        actions: dict[str, QAction] = {}
        for value in OPTIONS_BY_KEY[key].choices:
            action = QAction(labels.get(value, value), menu)
            action.setObjectName(f"{name}_{value}")
            action.setCheckable(True)
            action.setData(value)
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        group.triggered.connect(lambda a, k=key: self.settings.set_value(k, a.data()))
        return menu, actions

    def add_to_view_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addMenu(self.theme_menu)
        menu.addMenu(self.reading_menu)
        menu.addSeparator()
        menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])

    # -- applying -----------------------------------------------------------------------------
    def apply_all(self) -> None:
        """The whole saved look, at start-up."""
        self._apply_theme()
        self._apply_reader()

    def _apply_theme(self) -> None:
        choice = self.settings.value("theme")
        apply_app_theme(choice)
        self.theme_actions[choice].setChecked(True)

    def _apply_reader(self) -> None:
        s = self.settings
        self.reading_actions[s.value("reader_theme")].setChecked(True)
        self.reader.set_look(reading_theme(s.value("reader_theme")), s.value("reader_font_family"),
                             s.value("reader_font_size"), s.value("reader_line_width"))
        size = s.value("reader_font_size")
        option = OPTIONS_BY_KEY["reader_font_size"]
        self.zoom_in_action.setEnabled(option.maximum is None or size < option.maximum)
        self.zoom_out_action.setEnabled(option.minimum is None or size > option.minimum)

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        if key == "theme":
            self._apply_theme()
        elif key in _READER_KEYS:
            self._apply_reader()

    # -- zoom ---------------------------------------------------------------------------------
    def _zoom(self, step: float) -> None:
        size = float(self.settings.value("reader_font_size")) + step
        self.settings.set_value("reader_font_size", size)
        self.window.statusBar().showMessage(
            f"Text size {self.settings.value('reader_font_size'):g} pt", 2000)

    @Slot()
    def _on_zoom_in_triggered(self) -> None:
        self._zoom(ZOOM_STEP)

    @Slot()
    def _on_zoom_out_triggered(self) -> None:
        self._zoom(-ZOOM_STEP)

    @Slot()
    def _on_zoom_reset_triggered(self) -> None:
        self.settings.set_value("reader_font_size", BODY_POINT_SIZE)

    # -- dialogs ------------------------------------------------------------------------------
    @Slot()
    def _on_preferences_triggered(self) -> None:
        """Open (or bring forward) the one Preferences dialog; it is modeless so the article stays
        readable while choosing."""
        if self.preferences_dialog is None:
            self.preferences_dialog = PreferencesDialog(self.settings, self.window)
        self.preferences_dialog.show()
        self.preferences_dialog.raise_()
        self.preferences_dialog.activateWindow()

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        """A fresh dialog each time: the list is read from the menus as they are now."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.window.menuBar(), self.window)
        self.shortcuts_dialog.show()
