"""Help → Keyboard Shortcuts lists what the menus really hold."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from archivist.gui.mainwindow import MainWindow
from archivist.gui.shortcuts_dialog import ShortcutsDialog, collect_shortcuts


def test_dialog_lists_every_menu_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    window.appearance.shortcuts_action.trigger()
    dialog = window.appearance.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitExposed(dialog)
    commands = dialog.commands()
    for wanted in ("Undo", "Redo", "Quit", "Find…", "Zoom In", "Zoom Out", "Actual Size", "Import Files…"):
        assert wanted in commands, (wanted, commands)
    assert dialog.view.model() is dialog.model
    assert dialog.model.columnCount() == 3
    row = commands.index("Find…")
    assert dialog.model.index(row, 1).data() == QKeySequence(QKeySequence.StandardKey.Find).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert dialog.model.index(row, 2).data() == "Edit"
    dialog.close()


def test_collected_once_each_and_includes_submenus(window: MainWindow) -> None:
    found = collect_shortcuts(window.menuBar())
    names = [s.command for s in found]
    assert len(names) == len(set((s.command, s.menu) for s in found))
    assert any("→" in s.menu for s in found)  # the highlight colours live in a submenu
    assert all(s.keys for s in found)
