"""The annotation panel: the shown article's highlights and its free notes, in a dock.

Two tabs over two list models (never widgets filled in a loop): highlights in document order
with orphans last and greyed, and the article's notes with buttons to add, edit and delete. The
panel only shows and reports; the controller turns its signals into commands.

Signals:
  highlight_activated(HighlightInfo)          -- clicked or Enter: show it in the reader
  highlight_menu_requested(list, QPoint)      -- context menu on a highlight (global position)
  highlight_delete_requested(HighlightInfo)   -- the Delete key on a highlight
  note_add_requested() / note_edit_requested(NoteInfo) / note_delete_requested(NoteInfo)
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archivist.core.types import HighlightInfo, NoteInfo
from archivist.gui.annotations.delegates import HighlightDelegate, NoteDelegate
from archivist.gui.annotations.models import HighlightListModel, ItemRole, NoteListModel

NO_HIGHLIGHTS = "No highlights yet.\nSelect text in the article and press 1–6, or right-click it."
NO_NOTES = "No notes on this article yet."
NO_ARTICLE = "Select an article to see its highlights and notes."


class AnnotationList(QListView):
    """A list of variable-height rows that says what to do when it is empty."""

    delete_pressed = Signal(QModelIndex)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        # Rows are laid out a batch at a time: the first screenful paints without waiting for
        # the heights of a thousand rows below it.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(60)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 24, -16, -16)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                       | Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # rows re-wrap to the new width

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Delete) and self.currentIndex().isValid():
            self.delete_pressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class AnnotationPanel(QDockWidget):
    """Dock on the right of the reader (see the module docstring for its signals)."""

    highlight_activated = Signal(object)
    highlight_menu_requested = Signal(list, QPoint)
    highlight_delete_requested = Signal(object)
    note_add_requested = Signal()
    note_edit_requested = Signal(object)
    note_delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotationPanel")
        self.setAccessibleName("Highlights and notes")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.highlight_model = HighlightListModel(self)
        self.note_model = NoteListModel(self)

        self.highlight_view = AnnotationList(NO_ARTICLE)
        self.highlight_view.setObjectName("highlightList")
        self.highlight_view.setAccessibleName("Highlights")
        self.highlight_view.setModel(self.highlight_model)
        self.highlight_delegate = HighlightDelegate(self.highlight_view, self.highlight_model, self)
        self.highlight_view.setItemDelegate(self.highlight_delegate)

        self.note_view = AnnotationList(NO_ARTICLE)
        self.note_view.setObjectName("noteList")
        self.note_view.setAccessibleName("Article notes")
        self.note_view.setModel(self.note_model)
        self.note_delegate = NoteDelegate(self.note_view, self.note_model, self)
        self.note_view.setItemDelegate(self.note_delegate)

        self.add_note_button = QPushButton("Add Note…")
        self.add_note_button.setObjectName("addNoteButton")
        self.edit_note_button = QPushButton("Edit…")
        self.edit_note_button.setObjectName("editNoteButton")
        self.delete_note_button = QPushButton("Delete")
        self.delete_note_button.setObjectName("deleteNoteButton")
        notes_page = QWidget()
        notes_layout = QVBoxLayout(notes_page)
        notes_layout.setContentsMargins(0, 0, 0, 6)
        notes_layout.addWidget(self.note_view)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(6, 0, 6, 0)
        for b in (self.add_note_button, self.edit_note_button, self.delete_note_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        notes_layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("annotationTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.highlight_view, "Highlights")
        self.tabs.addTab(notes_page, "Notes")
        self.setWidget(self.tabs)

        self.highlight_view.clicked.connect(self._on_highlight_view_clicked)
        self.highlight_view.activated.connect(self._on_highlight_view_clicked)
        self.highlight_view.customContextMenuRequested.connect(self._on_highlight_view_custom_context_menu_requested)
        self.highlight_view.delete_pressed.connect(self._on_highlight_view_delete_pressed)
        self.note_view.doubleClicked.connect(self._on_note_view_double_clicked)
        self.note_view.delete_pressed.connect(self._on_note_view_delete_pressed)
        self.add_note_button.clicked.connect(self.note_add_requested)
        self.edit_note_button.clicked.connect(self._on_edit_note_button_clicked)
        self.delete_note_button.clicked.connect(self._on_delete_note_button_clicked)
        self.note_view.selectionModel().currentChanged.connect(self._on_note_current_changed)
        # A changed note changes the row's height: tell the view so it re-lays the rows out.
        self.highlight_model.dataChanged.connect(self._on_highlight_model_data_changed)
        self.note_model.dataChanged.connect(self._on_note_model_data_changed)
        for model in (self.highlight_model, self.note_model):
            for sig in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                sig.connect(self._update_titles)
        self.set_article(None, [], [])

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(320, 600)

    # -- content ------------------------------------------------------------------------------
    def set_article(self, article_id: int | None, highlights: list[HighlightInfo], notes: list[NoteInfo]) -> None:
        """Show one article's annotations (or none), replacing what was shown."""
        self.article_id = article_id
        self.highlight_delegate.clear_cache()
        self.note_delegate.clear_cache()
        self.highlight_model.reset(highlights)
        self.note_model.reset(notes)
        shown = article_id is not None
        self.highlight_view.placeholder = NO_HIGHLIGHTS if shown else NO_ARTICLE
        self.note_view.placeholder = NO_NOTES if shown else NO_ARTICLE
        self.add_note_button.setEnabled(shown)
        self._on_note_current_changed(QModelIndex(), QModelIndex())

    def select_highlight(self, highlight_id: int) -> None:
        """Make a highlight's row current and visible (without asking the reader to scroll)."""
        row = self.highlight_model.row_of(highlight_id)
        if row is None:
            return
        index = self.highlight_model.index(row)
        self.highlight_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.highlight_view.scrollTo(index)

    def current_note(self) -> NoteInfo | None:
        item = self.note_view.currentIndex().data(ItemRole)
        return item if isinstance(item, NoteInfo) else None

    def highlight_rect(self, highlight_id: int) -> QRect:
        """Where a highlight's row is in the list's viewport (for tests and menus)."""
        row = self.highlight_model.row_of(highlight_id)
        return QRect() if row is None else self.highlight_view.visualRect(self.highlight_model.index(row))

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def _update_titles(self) -> None:
        n, m = self.highlight_model.rowCount(), self.note_model.rowCount()
        self.tabs.setTabText(0, f"Highlights ({n})" if n else "Highlights")
        self.tabs.setTabText(1, f"Notes ({m})" if m else "Notes")

    @Slot(QModelIndex, QModelIndex)
    def _on_highlight_model_data_changed(self, top: QModelIndex, _bottom: QModelIndex) -> None:
        self.highlight_delegate.sizeHintChanged.emit(top)

    @Slot(QModelIndex, QModelIndex)
    def _on_note_model_data_changed(self, top: QModelIndex, _bottom: QModelIndex) -> None:
        self.note_delegate.sizeHintChanged.emit(top)

    @Slot(QModelIndex)
    def _on_highlight_view_clicked(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        if isinstance(item, HighlightInfo):
            self.highlight_activated.emit(item)

    @Slot(QPoint)
    def _on_highlight_view_custom_context_menu_requested(self, pos: QPoint) -> None:
        item = self.highlight_view.indexAt(pos).data(ItemRole)
        if isinstance(item, HighlightInfo):
            self.highlight_menu_requested.emit([item], self.highlight_view.viewport().mapToGlobal(pos))

    @Slot(QModelIndex)
    def _on_highlight_view_delete_pressed(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        if isinstance(item, HighlightInfo):
            self.highlight_delete_requested.emit(item)

    @Slot(QModelIndex)
    def _on_note_view_double_clicked(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        if isinstance(item, NoteInfo):
            self.note_edit_requested.emit(item)

    @Slot(QModelIndex)
    def _on_note_view_delete_pressed(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        if isinstance(item, NoteInfo):
            self.note_delete_requested.emit(item)

    @Slot()
    def _on_edit_note_button_clicked(self) -> None:
        note = self.current_note()
        if note is not None:
            self.note_edit_requested.emit(note)

    @Slot()
    def _on_delete_note_button_clicked(self) -> None:
        note = self.current_note()
        if note is not None:
            self.note_delete_requested.emit(note)

    @Slot(QModelIndex, QModelIndex)
    def _on_note_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        has = self.current_note() is not None
        self.edit_note_button.setEnabled(has)
        self.delete_note_button.setEnabled(has)
