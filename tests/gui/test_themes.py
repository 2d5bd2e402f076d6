"""Window theme, reading theme and zoom: each changes what is drawn, and is kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from archivist.gui.mainwindow import MainWindow
from archivist.gui.settings import Settings
from archivist.gui.themes import READING_THEMES, apply_app_theme


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    """The palette is application-wide: leave it as the next test expects."""
    yield
    apply_app_theme("system")


def _page_pixel(window: MainWindow) -> QColor:
    image = window.reader.viewport().grab().toImage()
    return image.pixelColor(4, 4)  # inside the side margin: always page, never text


def test_window_theme_menu_switches_the_palette(qtbot: QtBot, window: MainWindow) -> None:
    light = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    window.appearance.theme_actions["dark"].trigger()
    assert window.settings.value("theme") == "dark"
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    assert dark < 80 < light
    assert window.appearance.theme_actions["dark"].isChecked()
    window.appearance.theme_actions["system"].trigger()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() == light


def test_reading_theme_changes_the_page_colour(qtbot: QtBot, window: MainWindow) -> None:
    assert _page_pixel(window) == QColor(READING_THEMES["paper"].page)
    for name in ("sepia", "dark"):
        window.appearance.reading_actions[name].trigger()
        assert _page_pixel(window) == QColor(READING_THEMES[name].page)
        assert READING_THEMES[name].ink in window.reader.document().defaultStyleSheet()
    assert Settings().value("reader_theme") == "dark"


def test_dark_reading_theme_deepens_highlights() -> None:
    dark, paper = READING_THEMES["dark"], READING_THEMES["paper"]
    assert paper.highlight("#fff176") == "#fff176"
    assert QColor(dark.highlight("#fff176")).lightness() < QColor(dark.ink).lightness() - 60


def test_zoom_keys_change_and_keep_the_text_size(qtbot: QtBot, window: MainWindow) -> None:
    def size() -> float:
        return window.reader.document().defaultFont().pointSizeF()

    start = size()
    window.table.setFocus()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert size() == start + 1
    assert Settings().value("reader_font_size") == start + 1
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    assert size() == start - 1
    QTest.keySequence(window, QKeySequence("Ctrl+0"))
    assert size() == start


def test_preferences_dialog_applies_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.appearance.preferences_action.trigger()
    dialog = window.appearance.preferences_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.width_spin.setValue(50)
    dialog.size_spin.setValue(15.0)
    assert window.reader.document().defaultFont().pointSizeF() == 15.0
    assert window.settings.value("reader_line_width") == 50
    window.appearance.zoom_in_action.trigger()
    assert dialog.size_spin.value() == 16.0  # the form follows changes made elsewhere
    for w in (dialog.theme_combo, dialog.reader_theme_combo, dialog.font_combo, dialog.size_spin):
        assert w.accessibleName()
    dialog.close()
