"""First run: the empty library explains itself and offers the bundled sample, imported for real."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from archivist.gui.mainwindow import MainWindow
from archivist.paths import resources_dir

LINK_TEXT = "Import the sample article"


def test_empty_library_explains_drag_and_drop_and_the_menu(window: MainWindow) -> None:
    text = window.reader.toPlainText()
    assert "Drop articles here" in text
    assert "File → Import" in text
    assert LINK_TEXT in text
    assert (resources_dir() / "samples" / "sample-article.txt").is_file()


def test_clicking_the_sample_link_imports_the_sample(qtbot: QtBot, window: MainWindow) -> None:
    reader = window.reader
    found = reader.document().find(LINK_TEXT)
    assert not found.isNull()
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 3)
    point = reader.cursorRect(cursor).center()
    assert reader.anchorAt(point).startswith("archivist:")
    with qtbot.waitSignal(window.importer.finished, timeout=15_000):
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.reader.article is not None
    assert "NATO" in window.reader.article.title
    assert LINK_TEXT not in window.reader.toPlainText()


def test_the_empty_state_keeps_its_link_in_every_reading_theme(qtbot: QtBot, window: MainWindow) -> None:
    for name in ("sepia", "dark", "paper"):
        window.settings.set_value("reader_theme", name)
        assert LINK_TEXT in window.reader.toPlainText()
