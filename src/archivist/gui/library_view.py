"""The library list: a QTableView set up for a long, lazily loaded list of articles.

Column widths are fixed from font metrics rather than ResizeToContents, which would make the
view read every row to measure it and undo the model's laziness.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from archivist.gui.models import IMPORTED, PUBLISHED, SITE, TITLE, ArticleTableModel


class _RowDelegate(QStyledItemDelegate):
    """Paints cells without the per-cell focus frame: the whole row is the selection here."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class ArticleTableView(QTableView):
    """Single selection of whole rows, sortable headers, alternating rows, title stretching."""

    def __init__(self, model: ArticleTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName("Article list")
        self.setAccessibleDescription("The articles in your library; select one to read it")
        self.setModel(model)
        self.setItemDelegate(_RowDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Drops go to the window, which imports them.
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
        header.setMinimumSectionSize(48)
        # Newest first until the user picks another order; enabling sorting applies it.
        header.setSortIndicator(IMPORTED, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)

    def article_model(self) -> ArticleTableModel:
        model = self.model()
        assert isinstance(model, ArticleTableModel)
        return model

    def select_row(self, row: int) -> None:
        """Make `row` current and selected, and scroll it into view."""
        index = self.model().index(row, TITLE)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
