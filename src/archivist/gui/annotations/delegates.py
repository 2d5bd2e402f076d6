"""Painting the panel's rows: a colour swatch, the quote (at most three lines) and the note.

Rows have different heights (a short quote, a long note), so each row is laid out once per width
and the heights are cached: the list asks for every row's size whenever it lays out, and a
thousand text layouts per edit would be felt.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from archivist.core.colors import color_hex
from archivist.core.types import HighlightInfo, NoteInfo

Index = QModelIndex | QPersistentModelIndex


class RowSource(Protocol):
    def item(self, row: int) -> HighlightInfo | NoteInfo | None: ...
QUOTE_LINES = 3
NOTE_LINES = 4
FREE_NOTE_LINES = 8
PAD = 8
SWATCH_WIDTH = 5
GAP = 4
ORPHAN_LABEL = "Not found in the current text"
ORPHAN_SWATCH = "#c9c4ba"


def _local(dt: datetime) -> datetime:
    """The library stores UTC (naive from SQLite); people read their own time zone."""
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone()


def wrap_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """`text` (whitespace collapsed) wrapped to `width`, at most `max_lines`, the last elided."""
    text = " ".join(text.split())
    if not text or width <= 0:
        return []
    layout = QTextLayout(text, font)
    lines: list[str] = []
    layout.beginLayout()
    try:
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start, length = line.textStart(), line.textLength()
            if len(lines) == max_lines - 1 and start + length < len(text):
                lines.append(QFontMetrics(font).elidedText(text[start:], Qt.TextElideMode.ElideRight, width))
                break
            lines.append(text[start:start + length].rstrip())
    finally:
        layout.endLayout()
    return lines


class _Block:
    """A piece of a row: text in one font, wrapped to at most `max_lines` (the last elided)."""

    def __init__(self, text: str, font: QFont, max_lines: int) -> None:
        self.text = " ".join(text.split())
        self.font = font
        self.max_lines = max_lines

    def line_count(self, width: int) -> int:
        """Lines the text wraps to, in one C++ call (sizeHint runs for every row of the list)."""
        if not self.text:
            return 0
        fm = QFontMetrics(self.font)
        rect = fm.boundingRect(QRect(0, 0, width, 1 << 20), int(Qt.TextFlag.TextWordWrap), self.text)
        return max(1, min(self.max_lines, round((rect.height() + fm.leading()) / fm.lineSpacing())))

    def height(self, lines: int) -> int:
        return QFontMetrics(self.font).lineSpacing() * lines

    def paint(self, painter: QPainter, x: int, y: int, width: int, lines: int, color: QColor) -> int:
        painter.setFont(self.font)
        painter.setPen(color)
        step = QFontMetrics(self.font).lineSpacing()
        for line in wrap_lines(self.text, self.font, width, lines):
            painter.drawText(QRect(x, y, width, step), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += step
        return y


class _CachedDelegate(QStyledItemDelegate):
    """Caches each row's line counts by (item, width), so relayouts of the list cost little.

    The text width does not depend on whether the list's scroll bar is showing (its width is
    always set aside): otherwise the scroll bar appearing would lay out every row a second time.
    """

    def __init__(self, view: QAbstractScrollArea, model: RowSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._model = model
        # id -> (the item, text width, blocks, line counts, size): a hit needs the same object.
        self._cache: dict[int, tuple[object, int, list[_Block], list[int], QSize]] = {}
        self._view_width = -1
        self._width = 40
        base = view.font()
        self.small = QFont(base)
        self.small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        self.quote = QFont(base)
        self.quote.setFamilies(["Charter", "Iowan Old Style", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"])

    def clear_cache(self) -> None:
        self._cache.clear()

    def _text_width(self) -> int:
        view = self._view
        if view.width() != self._view_width:
            self._view_width = view.width()
            scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
            inner = view.width() - 2 * view.frameWidth() - scroll_bar
            self._width = max(40, inner - 2 * PAD - SWATCH_WIDTH - PAD)
        return self._width

    def _laid_out(self, item: HighlightInfo | NoteInfo) -> tuple[list[_Block], list[int], QSize]:
        width = self._text_width()
        found = self._cache.get(int(item.id))
        if found is not None and found[0] is item and found[1] == width:
            return found[2], found[3], found[4]
        blocks = [b for b in self._layout(item) if b.text]
        lines = [b.line_count(width) for b in blocks]
        height = sum(b.height(n) for b, n in zip(blocks, lines, strict=True))
        size = QSize(width + SWATCH_WIDTH + 3 * PAD, height + GAP * max(0, len(blocks) - 1) + 2 * PAD)
        self._cache[int(item.id)] = (item, width, blocks, lines, size)
        return blocks, lines, size

    def _layout(self, item: HighlightInfo | NoteInfo) -> list[_Block]:
        raise NotImplementedError

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        # Called for every row on every relayout: straight to the model's list, no QVariant.
        item = self._model.item(index.row())
        if item is None:
            return super().sizeHint(option, index)
        return self._laid_out(item)[2]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = self._model.item(index.row())
        if item is None:
            super().paint(painter, option, index)
            return
        painter.save()
        try:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            palette = option.palette
            if selected:
                painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
            self._paint_item(painter, option.rect, item, selected, palette)
        finally:
            painter.restore()

    def _paint_item(self, painter: QPainter, rect: QRect, item: object, selected: bool,
                    palette: QPalette) -> None:
        raise NotImplementedError

    def _paint_blocks(self, painter: QPainter, rect: QRect, item: object, colors: list[QColor]) -> None:
        assert isinstance(item, HighlightInfo | NoteInfo)
        blocks, lines, _size = self._laid_out(item)
        x = rect.left() + PAD + SWATCH_WIDTH + PAD
        y = rect.top() + PAD
        width = self._text_width()
        for block, n, color in zip(blocks, lines, colors, strict=False):
            y = block.paint(painter, x, y, width, n, color) + GAP


class HighlightDelegate(_CachedDelegate):
    """Swatch in the highlight's colour, the quote in the reader's serif, the note below it."""

    def _layout(self, item: HighlightInfo | NoteInfo) -> list[_Block]:
        assert isinstance(item, HighlightInfo)
        blocks = []
        if item.status == "orphaned":
            blocks.append(_Block(ORPHAN_LABEL, self.small, 1))
        blocks.append(_Block(f"“{item.exact.strip()}”", self.quote, QUOTE_LINES))
        if item.note:
            blocks.append(_Block(item.note, self.small, NOTE_LINES))
        return blocks

    def _paint_item(self, painter: QPainter, rect: QRect, item: object, selected: bool,
                    palette: QPalette) -> None:
        assert isinstance(item, HighlightInfo)
        orphan = item.status == "orphaned"
        swatch = QRect(rect.left() + PAD, rect.top() + PAD, SWATCH_WIDTH, rect.height() - 2 * PAD)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ORPHAN_SWATCH if orphan else color_hex(item.color)))
        painter.drawRoundedRect(swatch, 2, 2)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = QColor(palette.color(QPalette.ColorRole.Text))
        dim.setAlphaF(0.5)  # greyed, but still readable: the quote and note are the user's work
        note = QColor(text)
        if not selected:
            note = palette.color(QPalette.ColorRole.PlaceholderText).darker(140)
        colors = ([dim, dim, dim] if orphan and not selected else
                  [text, text, note] if orphan else [text, note])
        self._paint_blocks(painter, rect, item, colors)


class NoteDelegate(_CachedDelegate):
    """A free note: its text (up to eight lines) and when it was last changed."""

    def _layout(self, item: HighlightInfo | NoteInfo) -> list[_Block]:
        assert isinstance(item, NoteInfo)
        when = _local(item.updated_at).strftime("%d %b %Y, %H:%M").lstrip("0")
        edited = (item.updated_at - item.created_at).total_seconds() > 1
        label = ("Edited " if edited else "Added ") + when
        return [_Block(item.body, self._view.font(), FREE_NOTE_LINES), _Block(label, self.small, 1)]

    def _paint_item(self, painter: QPainter, rect: QRect, item: object, selected: bool,
                    palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        swatch = QRect(rect.left() + PAD, rect.top() + PAD, SWATCH_WIDTH, rect.height() - 2 * PAD)
        painter.fillRect(swatch, palette.color(QPalette.ColorRole.Mid))
        self._paint_blocks(painter, rect, item, [text, dim])
