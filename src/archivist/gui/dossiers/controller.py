"""Dossier glue for the main window: actions, menus, the panel, and the library calls behind them.

Every dossier change is one small facade call made on the GUI thread, as single annotation
edits are (gui/annotations/controller.py): creating, renaming or reordering a dossier of tens
of articles is one short transaction, and the panel must show its result at once (a dropped
row that jumped back while a worker caught up would look like a failed drop). Long work on
dossiers, exporting them, goes through BackgroundOp (gui/exporter.py).

After each call the panel shows what the library returned, never what the GUI guessed: a
refused call (a name already taken, an article deleted meanwhile) shows the message and
re-reads the dossier, so the panel and the library cannot disagree.

Signals:
  article_activated(int)    -- an article in a dossier was clicked: show it in the reader
  current_changed(object)   -- the selected dossier's name, or None
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QMessageBox

from archivist.core.library import Library
from archivist.core.types import DossierInfo
from archivist.errors import ArchivistError
from archivist.gui.dossiers.actions import DossierActions
from archivist.gui.dossiers.dialogs import DossierDialog, confirm_delete
from archivist.gui.dossiers.models import count_label
from archivist.gui.dossiers.panel import DossierPanel
from archivist.gui.library_view import ArticleTableView
from archivist.gui.ops import show_error

STATUS_MS = 6000
T = TypeVar("T")


class DossierController(QObject):
    """Owns the Dossiers panel, its actions and menus, for one window (see the module docstring)."""

    article_activated = Signal(int)
    current_changed = Signal(object)

    def __init__(self, library: Library, table: ArticleTableView, window: QMainWindow) -> None:
        super().__init__(window)
        self.library = library
        self.table = table
        self.window = window
        self.panel = DossierPanel(window)
        self.actions = DossierActions(self.panel, table, self)
        # What the window and the exporter put in their menus.
        self.menu, self.add_menu, self.table_menu = self.actions.menu, self.actions.add_menu, self.actions.table_menu
        self.show_action = self.actions.show
        self.dialog: DossierDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.popup_menu: QMenu | None = None
        self._current: str | None = None
        self._reloading = False

        a = self.actions
        a.new.triggered.connect(self._on_new_action_triggered)
        a.edit.triggered.connect(self._on_edit_action_triggered)
        a.rename.triggered.connect(self._on_rename_action_triggered)
        a.delete.triggered.connect(self._on_delete_action_triggered)
        a.remove.triggered.connect(self._on_remove_action_triggered)
        a.add_requested.connect(self._on_actions_add_requested)
        p = self.panel
        p.dossier_view.selectionModel().selectionChanged.connect(self._on_dossier_selection_changed)
        p.dossier_view.delete_pressed.connect(self._on_delete_action_triggered)
        p.dossier_view.customContextMenuRequested.connect(self._on_dossier_view_custom_context_menu_requested)
        p.article_view.clicked.connect(self._on_article_view_activated)
        p.article_view.activated.connect(self._on_article_view_activated)
        p.article_view.delete_pressed.connect(self._on_remove_action_triggered)
        p.article_view.customContextMenuRequested.connect(self._on_article_view_custom_context_menu_requested)
        p.article_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        p.new_requested.connect(self._on_new_action_triggered)
        p.introduction_requested.connect(self._on_edit_action_triggered)
        p.dossier_model.articles_dropped.connect(self._on_dossier_model_articles_dropped)
        # Queued: the rename may re-sort (reset) the list, which must wait until the editor closed.
        p.dossier_model.rename_requested.connect(self._on_dossier_model_rename_requested,
                                                 Qt.ConnectionType.QueuedConnection)
        p.article_model.reorder_requested.connect(self._on_article_model_reorder_requested)
        p.article_model.add_requested.connect(self._on_article_model_add_requested)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_table_custom_context_menu_requested)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.reload()

    # -- state --------------------------------------------------------------------------------
    def current_dossier(self) -> str | None:
        return self._current

    def select_dossier(self, name: str) -> bool:
        row = self.panel.dossier_model.row_of_name(name)
        if row is None:
            return False
        self.panel.dossier_view.setCurrentIndex(self.panel.dossier_model.index(row))
        return True

    def reload(self, select: str | None = None) -> None:
        """Re-read the dossiers, keeping (or moving to) a selected one, and show its articles."""
        keep = select if select is not None else self._current
        summaries = self._call(self.library.dossiers)
        if summaries is None:
            return
        previous = self._current
        self._reloading = True  # selection signals from the reset or re-select are ours, not the user's
        try:
            self.panel.dossier_model.set_dossiers(summaries)
            found = keep is not None and self.select_dossier(keep)
            if not found:
                self.panel.dossier_view.clearSelection()
            self._current = keep if found else None
        finally:
            self._reloading = False
        self._show_current()
        if self._current != previous:
            self.current_changed.emit(self._current)

    @Slot(int)
    def article_changed(self, article_id: int) -> None:
        """An article's title or date changed (a re-clean): re-read the dossier if it shows it."""
        if self.panel.article_model.row_of(article_id) is not None:
            self._show_current()

    def _show_current(self) -> None:
        info = self._call(self.library.dossier, self._current) if self._current is not None else None
        self.panel.show_dossier(info)
        self._update_actions()

    def _update_actions(self) -> None:
        self.actions.set_names(self.panel.dossier_model.names())
        self.actions.update(self._current is not None, self.panel.article_view.selectionModel().hasSelection(),
                            self.table.selectionModel().hasSelection())

    def _call(self, fn: Callable[..., T], *args: object) -> T | None:
        """One facade call; a refusal is shown as the one error dialog and returns None."""
        try:
            return fn(*args)
        except ArchivistError as exc:
            show_error(self.window, exc, title="Dossiers")
            return None

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # -- create, edit, rename, delete ---------------------------------------------------------
    def new_dossier(self, then_add: list[int] | None = None) -> DossierDialog:
        """Ask for a name and introduction; `then_add` articles join the new dossier."""
        def save(name: str, introduction: str) -> bool:
            try:
                info = self.library.create_dossier(name, introduction)
                if then_add:
                    info = self.library.add_to_dossier(info.name, then_add)
            except ArchivistError as exc:
                show_error(dialog, exc, title="New Dossier")
                return False
            self.reload(select=info.name)
            added = f" with {count_label(len(info.articles))}" if info.articles else ""
            self._status(f"Created the dossier “{info.name}”{added}")
            return True

        dialog = DossierDialog(self.window, "New Dossier", save)
        return self._open(dialog)

    def edit_dossier(self) -> DossierDialog | None:
        name = self._current
        info = self._call(self.library.dossier, name) if name is not None else None
        if info is None:
            return None

        saved = {"name": info.name, "introduction": info.introduction}  # what the library has now

        def save(new_name: str, introduction: str) -> bool:
            try:
                if new_name != saved["name"]:
                    saved["name"] = self.library.rename_dossier(saved["name"], new_name).name
                if introduction != saved["introduction"]:
                    info_now = self.library.set_dossier_introduction(saved["name"], introduction)
                    saved["introduction"] = info_now.introduction
            except ArchivistError as exc:
                show_error(dialog, exc, title="Edit Dossier")
                self.reload(select=saved["name"])  # a part that did succeed shows
                return False
            self.reload(select=saved["name"])
            return True

        dialog = DossierDialog(self.window, "Edit Dossier", save, info.name, info.introduction, save_text="Save")
        return self._open(dialog)

    def _open(self, dialog: DossierDialog) -> DossierDialog:
        self.dialog = dialog
        dialog.destroyed.connect(self._on_dialog_destroyed)
        dialog.open()
        return dialog

    @Slot()
    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    @Slot()
    def _on_new_action_triggered(self) -> None:
        self.new_dossier()

    @Slot()
    def _on_edit_action_triggered(self) -> None:
        self.edit_dossier()

    @Slot()
    def _on_rename_action_triggered(self) -> None:
        index = self.panel.dossier_view.currentIndex()
        if index.isValid():
            self.panel.dossier_view.setFocus()
            self.panel.dossier_view.edit(index)

    @Slot(str, str)
    def _on_dossier_model_rename_requested(self, old: str, new: str) -> None:
        info = self._call(self.library.rename_dossier, old, new)
        self.reload(select=info.name if info is not None else old)

    @Slot()
    def _on_delete_action_triggered(self) -> None:
        name = self._current
        if name is None:
            return
        count = len(self.panel.article_model.ids())

        def delete() -> None:
            try:
                self.library.delete_dossier(name)
            except ArchivistError as exc:
                show_error(self.window, exc, title="Dossiers")
            else:
                self._status(f"Deleted the dossier “{name}”")
            self.reload()

        self.confirm_box = confirm_delete(self.window, name, count, delete)

    # -- articles in and out ------------------------------------------------------------------
    def add_articles(self, name: str, ids: list[int], position: int | None = None) -> DossierInfo | None:
        """Add `ids` to the dossier `name` (at `position`, or the end) and show it."""
        if not ids:
            return None
        before = self._call(self.library.dossier, name)
        info = self._call(self.library.add_to_dossier, name, ids, position)
        if info is None or before is None:
            self.reload()
            return None
        self.reload(select=name)
        added = len(info.articles) - len(before.articles)
        already = len(ids) - added
        if not added:
            self._status(f"{'That article is' if len(ids) == 1 else 'Those articles are'} already in “{name}”")
        else:
            self._status(f"Added {count_label(added)} to “{name}”" + (f" ({already} already in it)" if already else ""))
        return info

    def remove_selected(self) -> None:
        name, ids = self._current, self.panel.article_view.selected_ids()
        if name is None or not ids:
            return
        row = min(self.panel.article_model.row_of(i) or 0 for i in ids)
        info = self._call(self.library.remove_from_dossier, name, ids)
        self.reload()
        if info is not None:
            self._status(f"Removed {count_label(len(ids))} from “{name}”")
            if info.articles:  # keep the keyboard in the list: select the row that moved up
                view = self.panel.article_view
                view.setCurrentIndex(self.panel.article_model.index(min(row, len(info.articles) - 1)))

    @Slot(object)
    def _on_actions_add_requested(self, name: str | None) -> None:
        ids = [int(i) for i in self.table.selected_ids()]
        if name is not None:
            self.add_articles(name, ids)
        elif ids:
            self.new_dossier(then_add=ids)

    @Slot(str, list)
    def _on_dossier_model_articles_dropped(self, name: str, ids: list[int]) -> None:
        self.add_articles(name, ids)

    @Slot(list, int)
    def _on_article_model_add_requested(self, ids: list[int], position: int) -> None:
        if self._current is not None:
            self.add_articles(self._current, ids, position)

    @Slot(list)
    def _on_article_model_reorder_requested(self, ids: list[int]) -> None:
        """The model already shows the new order; only a refusal re-reads the old one."""
        if self._current is not None and self._call(self.library.reorder_dossier, self._current, ids) is None:
            self._show_current()

    @Slot()
    def _on_remove_action_triggered(self) -> None:
        self.remove_selected()

    # -- selection, activation, context menus -------------------------------------------------
    @Slot(QItemSelection, QItemSelection)
    def _on_dossier_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._reloading:
            return
        rows = self.panel.dossier_view.selectionModel().selectedRows()
        summary = self.panel.dossier_model.summary(rows[0].row()) if rows else None
        name = summary.name if summary is not None else None
        if name != self._current:
            self._current = name
            self._show_current()
            self.current_changed.emit(name)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """Articles selected in the table or the dossier: what can be added or removed changed."""
        self._update_actions()

    @Slot(QModelIndex)
    def _on_article_view_activated(self, index: QModelIndex) -> None:
        aid = self.panel.article_model.article_id(index.row())
        if aid is not None:
            self.article_activated.emit(int(aid))

    def _popup(self, menu: QMenu, pos: QPoint, view: QAbstractItemView) -> None:
        """Show `menu` at `pos` (the view's viewport coordinates, as Qt reports them)."""
        self.popup_menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))

    @Slot(QPoint)
    def _on_table_custom_context_menu_requested(self, pos: QPoint) -> None:
        if self.table.indexAt(pos).isValid():
            self._popup(self.table_menu, pos, self.table)

    @Slot(QPoint)
    def _on_dossier_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        view = self.panel.dossier_view
        self._popup(self.actions.dossier_list_menu(self.panel, view.indexAt(pos).isValid()), pos, view)

    @Slot(QPoint)
    def _on_article_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        view = self.panel.article_view
        if view.indexAt(pos).isValid():
            self._popup(self.actions.article_list_menu(self.panel), pos, view)
