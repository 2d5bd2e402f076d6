"""The library list: a QTableView set up for a long, lazily loaded list of articles.

Column widths are fixed from font metrics rather than ResizeToContents, which would make the
view read every row to measure it and undo the model's laziness.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from archivist.core.types import ArticleId
from archivist.gui.models import IMPORTED, PUBLISHED, SITE, TITLE, ArticleTableModel

#: A title gets at least this many average characters before other columns are shown.
MIN_TITLE_CHARS = 24


class _RowDelegate(QStyledItemDelegate):
    """Paints cells without the per-cell focus frame: the whole row is the selection here."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class ArticleTableView(QTableView):
    """Selection of whole rows, sortable headers, alternating rows, title stretching."""

    def __init__(self, model: ArticleTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widths: dict[int, int] = {}  # set before any resize event can ask for it
        self.setObjectName("articleList")
        self.setAccessibleName("Article list")
        self.setAccessibleDescription("The articles in your library; select one to read it")
        self.setModel(model)
        self.setItemDelegate(_RowDelegate(self))
        # Several rows at once, to add them to a dossier or export them together.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows can be dragged out (onto a dossier); drops go to the window, which imports them.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)

        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))

        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        pad = 20
        widths = {
            SITE: metrics.horizontalAdvance("example-news.com"),
            PUBLISHED: metrics.horizontalAdvance("2024-05-30") + pad,
            IMPORTED: metrics.horizontalAdvance("2024-05-30 14:02") + pad,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._widths.update(widths)  # kept while a column is hidden, to show it at its width again
        header.sectionResized.connect(self._on_header_section_resized)
        header.setMinimumSectionSize(48)
        # Newest first until the user picks another order; enabling sorting applies it.
        header.setSortIndicator(IMPORTED, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_columns(event.size().width())

    def _fit_columns(self, width: int) -> None:
        """Show as many of Site, Published, Imported (in that order) as leave titles readable.

        Beside docks (dossiers, annotations) the list can get narrow; a title cut to three
        letters helps nobody, so the less useful columns step aside until there is room.
        """
        header = self.horizontalHeader()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = width - 2 * self.frameWidth() - scroll_bar - self.fontMetrics().averageCharWidth() * MIN_TITLE_CHARS
        for column in (SITE, PUBLISHED, IMPORTED):
            if column not in self._widths:
                return  # still being built
            room -= self._widths[column]
            hide = room < 0
            if header.isSectionHidden(column) != hide:
                self.setColumnHidden(column, hide)

    @Slot(int, int, int)
    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if column in self._widths and new > 0:
            self._widths[column] = new

    def article_model(self) -> ArticleTableModel:
        model = self.model()
        assert isinstance(model, ArticleTableModel)
        return model

    def selected_ids(self) -> list[ArticleId]:
        """The selected articles, top to bottom (what "Add to Dossier" and export work on)."""
        model = self.article_model()
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [aid for aid in (model.article_id(r) for r in rows) if aid is not None]

    def select_row(self, row: int) -> None:
        """Make `row` current and selected, and scroll it into view."""
        index = self.model().index(row, TITLE)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
