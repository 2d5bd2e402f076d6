"""The dossier actions and menus: the Dossiers menu, "Add to Dossier ▸", and the context menus.

Kept apart from the controller so that what the user can invoke (and when it is enabled) reads
in one place, and the same QAction appears in the menu bar, a context menu and a shortcut.

Signals:
  add_requested(object)  -- an "Add to Dossier" entry: a dossier's name, or None for a new one
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from archivist.gui.dossiers.panel import DossierPanel


def _action(parent: QObject, text: str, tip: str, name: str) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setStatusTip(tip)
    return action


class DossierActions(QObject):
    """The actions of one window's dossiers; the controller connects their `triggered`."""

    add_requested = Signal(object)

    def __init__(self, panel: DossierPanel, table: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.new = _action(self, "&New Dossier…", "Start a new dossier: a reading list you can export",
                           "newDossierAction")
        self.edit = _action(self, "&Edit Dossier…", "Change the dossier's name and introduction",
                            "editDossierAction")
        self.rename = _action(self, "Re&name Dossier", "Rename the dossier in the list", "renameDossierAction")
        self.rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        panel.dossier_view.addAction(self.rename)
        self.delete = _action(self, "&Delete Dossier…", "Delete the dossier (its articles stay in the library)",
                              "deleteDossierAction")
        self.remove = _action(self, "&Remove from Dossier", "Take the selected articles out of the dossier",
                              "removeFromDossierAction")
        # Shown in menus as a hint; the article list itself handles the key (Delete or Backspace).
        self.remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.show = panel.toggleViewAction()
        self.show.setText("&Dossiers")
        self.show.setObjectName("showDossiersAction")

        self.add_menu = QMenu("Add to &Dossier")
        self.add_menu.setObjectName("addToDossierMenu")
        self.add_menu.triggered.connect(self._on_add_menu_triggered)
        self.menu = QMenu("&Dossiers")
        self.menu.setObjectName("dossiersMenu")
        for action in (self.new, self.edit, self.rename, self.delete):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addMenu(self.add_menu)
        self.menu.addAction(self.remove)
        #: The library table's context menu; other parts (the exporter) add their actions to it.
        self.table_menu = QMenu(table)
        self.table_menu.setObjectName("articleContextMenu")
        self.table_menu.addMenu(self.add_menu)
        self._names: list[str] | None = None
        self._can_add = False
        self.set_names([])

    def set_names(self, names: list[str]) -> None:
        """One "Add to" entry per dossier, then "New Dossier…". Rebuilt when the dossiers change,
        not on show, so the menu is complete whenever anyone (a person, a test, a screen reader)
        opens it; and only when the names change, since a count changes while one of the entries
        is still delivering `triggered`, and that entry must not be deleted under it."""
        if names == self._names:
            return
        self._names = list(names)
        self.add_menu.clear()
        for name in names:
            entry = self.add_menu.addAction(name.replace("&", "&&"))
            entry.setData(name)
        if names:
            self.add_menu.addSeparator()
        new = self.add_menu.addAction("New Dossier…")
        new.setObjectName("addToNewDossierAction")
        new.setData(None)
        self._enable_add(self._can_add)

    def update(self, has_dossier: bool, has_dossier_selection: bool, has_table_selection: bool) -> None:
        """Enable what applies: dossier actions need a dossier, adding needs selected articles."""
        for action in (self.edit, self.rename, self.delete):
            action.setEnabled(has_dossier)
        self.remove.setEnabled(has_dossier and has_dossier_selection)
        self._can_add = has_table_selection
        self._enable_add(has_table_selection)

    def _enable_add(self, enabled: bool) -> None:
        for entry in self.add_menu.actions():
            entry.setEnabled(enabled)

    def dossier_list_menu(self, parent: QWidget, on_item: bool) -> QMenu:
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        menu.addAction(self.new)
        if on_item:
            menu.addSeparator()
            for action in (self.edit, self.rename, self.delete):
                menu.addAction(action)
        return menu

    def article_list_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        menu.addAction(self.remove)
        return menu

    @Slot(QAction)
    def _on_add_menu_triggered(self, action: QAction) -> None:
        name = action.data()
        self.add_requested.emit(name if isinstance(name, str) else None)
