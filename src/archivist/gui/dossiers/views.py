"""The dossier panel's two list views and the delegates that paint their rows.

The dossier list is a drop target (articles dropped on a dossier join it) and renames in place;
the article list is both a drag source and a drop target (rows move within it, articles from the
library table land between its rows). Both say what to do when they are empty, since an empty
white box teaches nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from archivist.core.types import ArticleSummary
from archivist.gui.dossiers.models import CountRole, PlaceRole, SummaryRole
from archivist.gui.models import ArticleIdRole

Index = QModelIndex | QPersistentModelIndex
PAD = 8


class PlaceholderListView(QListView):
    """A list that paints a hint while it has no rows, and reports the Delete key."""

    delete_pressed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)

    def set_placeholder(self, text: str) -> None:
        if text != self._placeholder:
            self._placeholder = text
            self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0 or not self._placeholder:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(14, 18, -14, -14)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                   | Qt.TextFlag.TextWordWrap), self._placeholder)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        deleting = event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace
        if deleting and self.state() != QAbstractItemView.State.EditingState and self.selectionModel().hasSelection():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class DossierListView(PlaceholderListView):
    """The dossiers: one selected at a time, renamed in place (F2), articles dropped on a row."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self.setObjectName("dossierList")
        self.setAccessibleName("Dossiers")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragDropOverwriteMode(True)  # a drop is always onto a dossier, never between two
        self.setDropIndicatorShown(True)
        self.setItemDelegate(DossierDelegate(self))


class DossierArticleView(PlaceholderListView):
    """One dossier's articles: several selected at once, dragged to a new place, dropped into."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(placeholder, parent)
        self.setObjectName("dossierArticleList")
        self.setAccessibleName("Articles in the dossier")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setItemDelegate(DossierArticleDelegate(self))

    def selected_ids(self) -> list[int]:
        """The selected articles in dossier order."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        model = self.model()
        return [int(model.index(r, 0).data(ArticleIdRole)) for r in rows]


def _text_color(option: QStyleOptionViewItem, muted: bool) -> QPalette.ColorRole:
    if option.state & QStyle.StateFlag.State_Selected:
        return QPalette.ColorRole.HighlightedText
    return QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text


class _RowDelegate(QStyledItemDelegate):
    """Draws the row's background the style's way (selection, hover), then lets subclasses
    draw text, so rows match the rest of the app on every platform."""

    def _background(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        return opt


class DossierDelegate(_RowDelegate):
    """The dossier's name on the left, its article count in a muted colour on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt override)
        fm = QFontMetrics(option.font)
        return QSize(fm.averageCharWidth() * 16, int(fm.height() * 2.1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = self._background(painter, option, index)
        painter.save()
        try:
            rect = opt.rect.adjusted(PAD + 2, 0, -PAD - 2, 0)
            fm = QFontMetrics(opt.font)
            count = str(index.data(CountRole) or 0)
            count_width = fm.horizontalAdvance(count)
            painter.setFont(opt.font)
            painter.setPen(opt.palette.color(_text_color(opt, muted=True)))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count)
            name_rect = QRect(rect.left(), rect.top(), max(0, rect.width() - count_width - PAD), rect.height())
            name = fm.elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight, name_rect.width())
            painter.setPen(opt.palette.color(_text_color(opt, muted=False)))
            painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        finally:
            painter.restore()


class DossierArticleDelegate(_RowDelegate):
    """Two lines per article: its place and title, then its site and date, smaller and muted."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return option.font, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt override)
        title, small = self._fonts(option)
        height = QFontMetrics(title).height() + QFontMetrics(small).height() + 2 + 2 * PAD - 2
        return QSize(QFontMetrics(title).averageCharWidth() * 20, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = self._background(painter, option, index)
        summary = index.data(SummaryRole)
        if not isinstance(summary, ArticleSummary):
            return
        title_font, small = self._fonts(opt)
        tf, sf = QFontMetrics(title_font), QFontMetrics(small)
        painter.save()
        try:
            rect = opt.rect.adjusted(PAD, PAD - 1, -PAD, -PAD + 1)
            place_width = tf.horizontalAdvance("00")
            painter.setFont(title_font)
            painter.setPen(opt.palette.color(_text_color(opt, muted=True)))
            place = QRect(rect.left(), rect.top(), place_width, tf.height())
            painter.drawText(place, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             str(index.data(PlaceRole)))
            left = rect.left() + place_width + PAD
            width = max(0, rect.right() - left)
            painter.setPen(opt.palette.color(_text_color(opt, muted=False)))
            painter.drawText(QRect(left, rect.top(), width, tf.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             tf.elidedText(summary.title, Qt.TextElideMode.ElideRight, width))
            date = summary.published.isoformat() if summary.published else None
            detail = " · ".join(x for x in (summary.site, date) if x)
            if detail:
                painter.setFont(small)
                painter.setPen(opt.palette.color(_text_color(opt, muted=True)))
                painter.drawText(QRect(left, rect.top() + tf.height() + 2, width, sf.height()),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 sf.elidedText(detail, Qt.TextElideMode.ElideRight, width))
        finally:
            painter.restore()
