"""Help → Keyboard Shortcuts: every menu command that has a key, read from the menus themselves.

The list is collected from the window's menu bar when the dialog opens, never written by hand,
so it cannot drift from what the keys really do (and it shows each platform's own sequences).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    """One command with a key: what it does, the keys, and where it is in the menus."""

    command: str
    keys: str
    menu: str


def collect_shortcuts(menu_bar: QMenuBar) -> list[Shortcut]:
    """Every action with a shortcut in `menu_bar`'s menus and submenus, in menu order, once each."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {_plain(action.text())}")
                continue
            keys = [s for s in action.shortcuts() if not s.isEmpty()]
            if not keys or id(action) in seen:
                continue
            seen.add(id(action))
            text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            found.append(Shortcut(_plain(action.text()), text, path))

    for top in menu_bar.actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, _plain(top.text()))
    return found


def shortcuts_model(shortcuts: list[Shortcut], parent: QWidget | None = None) -> QStandardItemModel:
    model = QStandardItemModel(0, 3, parent)
    model.setHorizontalHeaderLabels(["Command", "Shortcut", "Menu"])
    for s in shortcuts:
        row = [QStandardItem(s.command), QStandardItem(s.keys), QStandardItem(s.menu)]
        for item in row:
            item.setEditable(False)
        model.appendRow(row)
    return model


class ShortcutsDialog(QDialog):
    """A read-only table of the window's shortcuts."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.model = shortcuts_model(collect_shortcuts(menu_bar), self)
        self.view = QTableView()
        self.view.setObjectName("shortcutsTable")
        self.view.setAccessibleName("Keyboard shortcuts")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(560, 440)

    def commands(self) -> list[str]:
        return [str(self.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
                for r in range(self.model.rowCount())]


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersands ("&&" stays a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
