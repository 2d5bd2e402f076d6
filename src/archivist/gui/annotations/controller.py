"""Annotation glue: reader, panel, undo stack and library, for the main window.

The controller turns what the user does (a colour key on a selection, a click on a highlight, a
panel entry) into QUndoCommands, and what the commands report back into in-place updates of the
reader and the panel. It is also the `AnnotationSink` the commands talk to.

Library writes for single edits are direct calls on the GUI thread: each is one small
transaction (about 1–5 ms measured with 1,000 highlights on the article; see
benchmarks/annotations.py), and a command must know its new id before the next one runs.
Re-cleaning parses the whole stored source again, so it runs as a BackgroundOp; while it runs,
annotation editing pauses, since offsets taken from the old text would not fit the new one.

Undo survives switching articles: commands carry article ids, and a change to an article that is
not on screen asks the window to show it (`article_requested`), so the user sees what changed.

Signals:
  article_requested(int)  -- please show this article (an undo/redo touched it)
  article_updated(int)    -- an article's content changed (re-clean): lists may need refreshing
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from archivist.core.library import Library
from archivist.core.types import ArticleDetail, HighlightInfo, NoteInfo, RecleanReport
from archivist.errors import ArchivistError
from archivist.gui.annotations import commands as cmd
from archivist.gui.annotations.actions import HighlightActions, fill_highlight_menu
from archivist.gui.annotations.note_dialog import NoteDialog
from archivist.gui.annotations.panel import AnnotationPanel
from archivist.gui.annotations.reader import AnnotatedReader
from archivist.gui.ops import BackgroundOp, show_error

STATUS_MS = 6000


class AnnotationController(QObject):
    """Owns the annotation actions, the panel and the undo stack of one window's library."""

    article_requested = Signal(int)
    article_updated = Signal(int)

    def __init__(self, library: Library, reader: AnnotatedReader, window: QMainWindow) -> None:
        super().__init__(window)
        self.library = library
        self.reader = reader
        self.window = window
        self.refs = cmd.RefRegistry()
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("undoAction")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setObjectName("redoAction")
        self.highlight_actions = HighlightActions(reader, self)
        self.reclean_action = QAction("&Re-clean Article", self)
        self.reclean_action.setObjectName("recleanAction")
        self.reclean_action.setStatusTip("Clean the stored original again with today's cleaner; "
                                         "highlights are carried over to the new text")
        self.reclean_action.setEnabled(False)
        self.panel = AnnotationPanel(window)
        self.popup_menu: QMenu | None = None
        self.note_dialog: NoteDialog | None = None
        self._busy = False
        self._pending_reveal: int | None = None

        self.highlight_actions.color_chosen.connect(self._on_highlight_actions_color_chosen)
        self.reclean_action.triggered.connect(self._on_reclean_action_triggered)
        reader.article_changed.connect(self._on_reader_article_changed)
        reader.selectionChanged.connect(self._on_reader_selection_changed)
        reader.highlight_clicked.connect(self._on_reader_highlight_clicked)
        reader.context_menu_about_to_show.connect(self._on_reader_context_menu_about_to_show)
        p = self.panel
        p.highlight_activated.connect(self._on_panel_highlight_activated)
        p.highlight_menu_requested.connect(self._on_panel_highlight_menu_requested)
        p.highlight_delete_requested.connect(self._on_panel_highlight_delete_requested)
        p.note_add_requested.connect(self.add_note)
        p.note_edit_requested.connect(self.edit_note)
        p.note_delete_requested.connect(self.delete_note)

    # -- the shown article --------------------------------------------------------------------
    @property
    def article(self) -> ArticleDetail | None:
        return self.reader.article

    def _shown(self, article_id: int) -> bool:
        return self.article is not None and self.article.id == article_id

    @Slot(object)
    def _on_reader_article_changed(self, article: ArticleDetail | None) -> None:
        """Load and show the annotations of the article the reader now shows."""
        if article is None:
            self.panel.set_article(None, [], [])
        else:
            try:
                highlights = self.library.highlights(article.id)
                notes = self.library.article_notes(article.id)
            except ArchivistError as exc:
                show_error(self.window, exc)
                highlights, notes = [], []
            self.reader.set_highlights(highlights)
            self.panel.set_article(article.id, highlights, notes)
            if self._pending_reveal is not None:
                self._reveal(self._pending_reveal)
        self._pending_reveal = None
        self.reclean_action.setEnabled(article is not None and not self._busy)
        self._on_reader_selection_changed()

    def _reveal(self, highlight_id: int, select: bool = False) -> None:
        h = self.panel.highlight_model.find(highlight_id)
        if h is not None:
            self.reader.reveal(h, select=select)
            self.panel.select_highlight(highlight_id)

    # -- highlighting the selection -----------------------------------------------------------
    @Slot()
    def _on_reader_selection_changed(self) -> None:
        self.highlight_actions.set_enabled(not self._busy and self.reader.selected_span() is not None)

    @Slot(str)
    def _on_highlight_actions_color_chosen(self, color: str) -> None:
        self.highlight_selection(color)

    def highlight_selection(self, color: str) -> bool:
        """Highlight the reader's selection; the same span again only changes the colour."""
        span = self.reader.selected_span()
        article = self.article
        if span is None or article is None or self._busy:
            self._status("Select some words of the article to highlight them")
            return False
        same = [h for h in self.reader.highlights() if (h.start, h.end) == span and h.status == "anchored"]
        if same:
            self.set_highlight_color(int(same[0].id), color)
        else:
            self._push(cmd.AddHighlight(self, article.id, span[0], span[1], color))
        self.reader.clear_selection()  # so the new colour shows, not the selection's
        return True

    # -- editing highlights (HighlightEditor) ------------------------------------------------
    def _highlight(self, highlight_id: int) -> HighlightInfo | None:
        return self.panel.highlight_model.find(highlight_id)

    def set_highlight_color(self, highlight_id: int, color: str) -> None:
        h = self._highlight(highlight_id)
        if h is not None and h.color != color and not self._busy:
            self._push(cmd.ChangeHighlightColor(self, self.refs.get("highlight", h.id), h.color, color))

    def edit_highlight_note(self, highlight_id: int) -> None:
        h = self._highlight(highlight_id)
        if h is None or self._busy:
            return
        ref = self.refs.get("highlight", h.id)

        def save(text: str) -> None:
            new = text or None
            if new != h.note:
                self._push(cmd.EditHighlightNote(self, ref, h.note, new))

        title = "Edit Note" if h.note else "Add Note"
        self._open_dialog(NoteDialog(self.window, title, h.note or "", quote=h.exact, allow_empty=True,
                                     on_save=save))

    def delete_highlight(self, highlight_id: int) -> None:
        h = self._highlight(highlight_id)
        if h is not None and not self._busy:
            self._push(cmd.DeleteHighlight(self, self.refs.get("highlight", h.id)))

    @Slot(list, QPoint)
    def _on_reader_highlight_clicked(self, hits: list[HighlightInfo], global_pos: QPoint) -> None:
        self.popup_highlight_menu(hits, global_pos)

    @Slot(list, QPoint)
    def _on_panel_highlight_menu_requested(self, hits: list[HighlightInfo], global_pos: QPoint) -> None:
        self.popup_highlight_menu(hits, global_pos)

    def popup_highlight_menu(self, hits: list[HighlightInfo], global_pos: QPoint) -> None:
        """The menu for highlights under a click: colour, note, delete (one submenu each if many)."""
        if self._busy or not hits:
            return
        menu = QMenu(self.window)
        menu.setObjectName("highlightPopup")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        fill_highlight_menu(menu, hits, self)
        self.panel.select_highlight(int(hits[0].id))
        self.popup_menu = menu
        menu.popup(global_pos)

    @Slot(QMenu, list)
    def _on_reader_context_menu_about_to_show(self, menu: QMenu, hits: list[HighlightInfo]) -> None:
        menu.addSeparator()
        menu.addMenu(self.highlight_actions.menu)
        if hits and not self._busy:
            menu.addSeparator()
            fill_highlight_menu(menu, hits, self)

    @Slot(object)
    def _on_panel_highlight_activated(self, h: HighlightInfo) -> None:
        if h.status == "orphaned":
            self._status("This highlight's text is not in the current version of the article")
        elif not self.reader.reveal(h, select=True):
            self._status("This highlight cannot be shown in the reader")

    @Slot(object)
    def _on_panel_highlight_delete_requested(self, h: HighlightInfo) -> None:
        self.delete_highlight(int(h.id))

    # -- article notes ------------------------------------------------------------------------
    @Slot()
    def add_note(self) -> None:
        article = self.article
        if article is None or self._busy:
            return

        def save(text: str) -> None:
            self._push(cmd.AddNote(self, article.id, text))

        self._open_dialog(NoteDialog(self.window, "Add Note", on_save=save))

    @Slot(object)
    def edit_note(self, note: NoteInfo) -> None:
        if self._busy:
            return
        ref = self.refs.get("note", note.id)

        def save(text: str) -> None:
            if text != note.body:
                self._push(cmd.EditNote(self, ref, note.body, text))

        self._open_dialog(NoteDialog(self.window, "Edit Note", note.body, on_save=save))

    @Slot(object)
    def delete_note(self, note: NoteInfo) -> None:
        if not self._busy:
            self._push(cmd.DeleteNote(self, self.refs.get("note", note.id)))

    def _open_dialog(self, dialog: NoteDialog) -> None:
        self.note_dialog = dialog
        dialog.open()

    # -- AnnotationSink: what commands report -------------------------------------------------
    def highlight_saved(self, info: HighlightInfo, reveal: bool) -> None:
        if not self._shown(info.article_id):
            self._show_article(info.article_id, reveal=int(info.id))
            return
        self.panel.highlight_model.upsert(info)
        self.reader.set_highlights(self.panel.highlight_model.items())
        if reveal:  # an undo or redo: show what changed (scrolling only if it is out of view)
            self._reveal(int(info.id))
        else:
            self.panel.select_highlight(int(info.id))

    def highlight_removed(self, info: HighlightInfo) -> None:
        if not self._shown(info.article_id):
            self._show_article(info.article_id)
            return
        self.panel.highlight_model.remove(int(info.id))
        self.reader.set_highlights(self.panel.highlight_model.items())

    def note_saved(self, note: NoteInfo) -> None:
        if not self._shown(note.article_id):
            self._show_article(note.article_id)
            return
        self.panel.note_model.upsert(note)
        self.panel.tabs.setCurrentIndex(1)

    def note_removed(self, note: NoteInfo) -> None:
        if not self._shown(note.article_id):
            self._show_article(note.article_id)
            return
        self.panel.note_model.remove(note.id)
        self.panel.tabs.setCurrentIndex(1)

    def command_failed(self, error: ArchivistError) -> None:
        show_error(self.window, error)

    def _show_article(self, article_id: int, reveal: int | None = None) -> None:
        """Bring an article back on screen (it reloads its annotations, already changed)."""
        self._pending_reveal = reveal
        self.article_requested.emit(article_id)
        if not self._shown(article_id):  # nobody listening, or the list does not show it
            try:
                self.reader.show_article(self.library.get_article(article_id))
            except ArchivistError as exc:
                self._pending_reveal = None
                show_error(self.window, exc)

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    # -- re-cleaning --------------------------------------------------------------------------
    @Slot()
    def _on_reclean_action_triggered(self) -> None:
        self.reclean()

    def reclean(self) -> BackgroundOp | None:
        """Re-clean the shown article on the database worker; the reader reloads when done."""
        article = self.article
        if article is None or self._busy:
            return None
        library, article_id = self.library, article.id
        self._set_busy(True)
        self._status(f"Re-cleaning “{article.title}”…", 0)
        op = BackgroundOp(self.window, lambda _ctx: library.reclean(article_id), title="Re-clean")
        op.succeeded.connect(self._on_reclean_succeeded)
        op.finished.connect(self._on_reclean_finished)
        return op.start()

    @Slot(object)
    def _on_reclean_succeeded(self, report: RecleanReport) -> None:
        if report.error:
            self._status("Re-clean failed")
            show_error(self.window, ArchivistError(f"Could not re-clean “{report.title}”: {report.error}"))
            return
        if report.changed:
            # Undoing a delete or an add would put back offsets into the old text: start afresh.
            self.undo_stack.clear()
            self.refs.clear()
        self._status(recleaned_message(report))
        if self._shown(report.article_id):
            scroll = self.reader.verticalScrollBar().value()
            try:
                self.reader.show_article(self.library.get_article(report.article_id))
            except ArchivistError as exc:
                show_error(self.window, exc)
            self.reader.verticalScrollBar().setValue(scroll)
        self.article_updated.emit(int(report.article_id))

    @Slot()
    def _on_reclean_finished(self) -> None:
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.reclean_action.setEnabled(not busy and self.article is not None)
        self.undo_action.setEnabled(not busy and self.undo_stack.canUndo())
        self.redo_action.setEnabled(not busy and self.undo_stack.canRedo())
        self._on_reader_selection_changed()

    def _status(self, message: str, timeout: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(message, timeout)


def recleaned_message(report: RecleanReport) -> str:
    """"Re-cleaned: 3 highlights stayed, 1 moved, 0 orphaned"."""
    noun = "highlight" if report.stayed == 1 else "highlights"
    text = f"Re-cleaned: {report.stayed} {noun} stayed, {report.moved} moved, {report.orphaned} orphaned"
    return text if report.changed else text + " (the text was already up to date)"
