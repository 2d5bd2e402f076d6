"""The reader with highlights: painting them, mapping selections to text, clicks on highlights.

AnnotatedReader is the plain ReaderView plus what annotation needs from a view, and nothing that
writes: it maps the user's selection to offsets in the article text (selected_span), paints the
highlights it is given (set_highlights), says which highlights are under a point, and reports
clicks on highlights and context-menu requests as signals. What happens then (menus, commands,
library writes) is the AnnotationController's business.

Signals:
  article_changed(ArticleDetail | None) -- a new article (or none) is shown; highlights are cleared
  highlight_clicked(list[HighlightInfo], QPoint) -- a plain click on highlighted text (global pos)
  context_menu_about_to_show(QMenu, list[HighlightInfo]) -- add to the reader's context menu
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QMouseEvent, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from archivist.core.colors import color_hex
from archivist.core.types import ArticleDetail, HighlightInfo
from archivist.gui.annotations.painter import HighlightPainter, Paint
from archivist.gui.annotations.textmap import TextMap, align
from archivist.gui.reader import EmptyState, ImageSource, ReaderView

#: Where a revealed highlight lands: this fraction of the viewport from the top.
REVEAL_AT = 0.3


class AnnotatedReader(ReaderView):
    """A ReaderView that shows and reports highlights (see the module docstring)."""

    article_changed = Signal(object)
    highlight_clicked = Signal(list, QPoint)
    context_menu_about_to_show = Signal(QMenu, list)

    def __init__(self, library: ImageSource, parent: QWidget | None = None) -> None:
        self._map: TextMap | None = None
        self._highlights: dict[int, HighlightInfo] = {}
        # id -> (the HighlightInfo it was made from, its Paint): unchanged highlights are not
        # mapped again, so one edit among a thousand costs one mapping.
        self._paints: dict[int, tuple[HighlightInfo, Paint | None]] = {}
        self._press_pos: QPoint | None = None
        super().__init__(library, parent)
        self.painter = HighlightPainter(self.document())
        # Highlight painting edits formats: the document's own undo history would only grow.
        self.document().setUndoRedoEnabled(False)
        self.context_menu: QMenu | None = None

    # -- article and highlights ---------------------------------------------------------------
    @property
    def text_map(self) -> TextMap | None:
        return self._map

    def show_article(self, article: ArticleDetail) -> None:
        super().show_article(article)
        self.painter.reset()
        self._highlights = {}
        self._paints = {}
        start = body_start(self.document())
        raw = self.document().toRawText()
        self._map = align(article.text, raw[_py_index(raw, start):], start)
        self.article_changed.emit(article)

    def show_empty(self, state: EmptyState = "selection", query: str = "") -> None:
        super().show_empty(state, query)
        if hasattr(self, "painter"):  # not yet during ReaderView.__init__
            self.painter.reset()
            self._highlights = {}
            self._paints = {}
            self._map = None
            self.article_changed.emit(None)

    def set_highlights(self, highlights: Iterable[HighlightInfo]) -> None:
        """Show these highlights (the article's whole set); only what changed is repainted."""
        self._highlights = {h.id: h for h in highlights}
        known = self._paints
        self._paints = {}
        for h in self._highlights.values():
            entry = known.get(h.id)
            if entry is None or entry[0] is not h:  # new or changed: map it (else reuse)
                span = self.doc_span(h)
                entry = (h, None if span is None else Paint(int(h.id), span[0], span[1], self.highlight_color(color_hex(h.color))))
            self._paints[h.id] = entry
        self.painter.update(p for _h, p in self._paints.values() if p is not None)

    def highlights(self) -> list[HighlightInfo]:
        return list(self._highlights.values())

    def doc_span(self, h: HighlightInfo) -> tuple[int, int] | None:
        """Where an anchored highlight is in the document (None: orphaned, or not shown)."""
        if self._map is None or h.status != "anchored":
            return None
        return self._map.doc_span(h.start, h.end)

    def highlight_color_at(self, offset: int) -> QColor | None:
        """The highlight colour painted on text character `offset` (None: not highlighted)."""
        span = self._map.doc_span(offset, offset + 1) if self._map is not None else None
        return self.painter.background_at(span[0]) if span is not None else None

    # -- selection ----------------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        """The selection as offsets into the article text, trimmed to its first and last words."""
        cursor = self.textCursor()
        if self._map is None or not cursor.hasSelection():
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        table = cursor.currentTable()
        if cursor.hasComplexSelection() and table is not None:
            # A drag across table cells selects a block of cells: take them in reading order.
            row, rows, col, cols = cast(tuple[int, int, int, int], cursor.selectedTableCells())
            start = min(start, table.cellAt(row, col).firstPosition())
            end = max(end, table.cellAt(row + rows - 1, col + cols - 1).lastPosition())
        return self._map.text_span(start, end)

    def reveal(self, h: HighlightInfo, select: bool = True) -> bool:
        """Bring a highlight into view and optionally select it.

        A highlight already on screen stays where it is (no jump); one off screen is scrolled to
        a third of the way down, so the lines before it give context.
        """
        span = self.doc_span(h)
        if span is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        first = self.cursorRect(cursor)
        cursor.setPosition(span[1])
        last = self.cursorRect(cursor)
        cursor.setPosition(span[0])
        view = self.viewport().rect()
        if not (view.contains(first.topLeft()) and view.contains(last.bottomLeft())):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + first.top() - int(self.viewport().height() * REVEAL_AT))
        if select:
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    # -- hit testing --------------------------------------------------------------------------
    def char_at(self, pos: QPoint) -> int | None:
        """Document position of the character under viewport point `pos` (None: not on text)."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        hit = layout.hitTest(QPointF(pos) + offset, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(hit)
        left_of_boundary = pos.x() < self.cursorRect(cursor).x()
        if cursor.block().textDirection() == Qt.LayoutDirection.RightToLeft:
            left_of_boundary = not left_of_boundary
        return hit - 1 if left_of_boundary and hit > cursor.block().position() else hit

    def highlights_at(self, pos: QPoint) -> list[HighlightInfo]:
        """Highlights under viewport point `pos`, the one shown on top first."""
        char = self.char_at(pos)
        if char is None:
            return []
        return [self._highlights[i] for i in self.painter.at(char) if i in self._highlights]

    # -- events -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press_pos = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        pos = event.position().toPoint()
        if (event.button() != Qt.MouseButton.LeftButton or press is None
                or (pos - press).manhattanLength() >= QApplication.startDragDistance()
                or self.textCursor().hasSelection() or self.anchorAt(pos)):
            return  # a drag (selecting), a link, or not a plain click
        hits = self.highlights_at(pos)
        if hits:
            self.highlight_clicked.emit(hits, self.viewport().mapToGlobal(pos))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        """The standard menu (Copy, Select All) plus what the controller adds for highlighting."""
        menu = self.createStandardContextMenu(event.pos())
        menu.setParent(self, menu.windowFlags())
        menu.setObjectName("readerContextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.context_menu_about_to_show.emit(menu, self.highlights_at(event.pos()))
        self.context_menu = menu
        menu.popup(event.globalPos())


def body_start(doc: QTextDocument) -> int:
    """Position of the article body: the block after the header's rule (see article_html)."""
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            nxt = block.next()
            return nxt.position() if nxt.isValid() else doc.characterCount() - 1
        block = block.next()
    return 0


def _py_index(raw: str, position: int) -> int:
    """The index into `raw` (code points) of document position `position` (UTF-16 units)."""
    if raw.isascii():
        return position
    units = 0
    for i, c in enumerate(raw):
        if units >= position:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(raw)
