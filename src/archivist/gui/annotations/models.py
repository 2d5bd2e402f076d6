"""The annotation panel's models: an article's highlights and its free notes, as Qt list models.

A panel shows one article, so the rows are the article's own HighlightInfo/NoteInfo values (a
few thousand at most), kept in the order the library gives: highlights in document order with
orphans last, notes oldest first. Edits arrive as single changes (`upsert`, `remove`) and become
row inserts, moves and dataChanged, so the view keeps its scroll position and selection and
never re-lays out a thousand rows for one edit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from archivist.core.types import HighlightInfo, NoteInfo

Index = QModelIndex | QPersistentModelIndex
#: The HighlightInfo or NoteInfo of a row.
ItemRole = Qt.ItemDataRole.UserRole + 1
#: The row's id (highlight or note id).
IdRole = Qt.ItemDataRole.UserRole + 2
#: True for a highlight whose text is no longer found in the article.
OrphanedRole = Qt.ItemDataRole.UserRole + 3

T = TypeVar("T", HighlightInfo, NoteInfo)


def highlight_order(h: HighlightInfo) -> tuple[bool, int, int, int]:
    """The facade's order (Library.highlights): document order, orphaned ones last."""
    return (h.status == "orphaned", h.start, h.end, int(h.id))


def note_order(n: NoteInfo) -> tuple[Any, int]:
    return (n.created_at, n.id)


class _SortedListModel(QAbstractListModel, Generic[T]):
    """Rows of frozen values kept sorted by `key`; changed one at a time."""

    def __init__(self, key: Callable[[T], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key: Callable[[T], Any] = key
        self._items: list[T] = []
        self._keys: list[Any] = []

    # -- changes --------------------------------------------------------------------------------
    def reset(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=self._key)
        self._keys = [self._key(i) for i in self._items]
        self.endResetModel()

    def upsert(self, item: T) -> int:
        """Insert or replace the row with `item`'s id; returns its row."""
        old = self.row_of(item.id)
        key = self._key(item)
        if old is not None and self._keys[old] == key:
            self._items[old] = item
            index = self.index(old)
            self.dataChanged.emit(index, index)
            return old
        if old is not None:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._items[old]
            del self._keys[old]
            self.endRemoveRows()
        row = bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self._keys.insert(row, key)
        self.endInsertRows()
        return row

    def remove(self, item_id: int) -> None:
        row = self.row_of(item_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        del self._keys[row]
        self.endRemoveRows()

    # -- access -------------------------------------------------------------------------------
    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def find(self, item_id: int) -> T | None:
        row = self.row_of(item_id)
        return None if row is None else self._items[row]

    def row_of(self, item_id: int) -> int | None:
        for row, it in enumerate(self._items):  # a few thousand at most; edits are rare
            if it.id == item_id:
                return row
        return None

    # -- QAbstractItemModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        if role == ItemRole:
            return item
        if role == IdRole:
            return int(item.id)
        return self._data(item, role)

    def _data(self, item: T, role: int) -> Any:
        raise NotImplementedError


class HighlightListModel(_SortedListModel[HighlightInfo]):
    """An article's highlights: the quote is the display text, the note the tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(highlight_order, parent)

    def _data(self, item: HighlightInfo, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.exact
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = item.exact if len(item.exact) <= 600 else item.exact[:600] + "…"
            if item.status == "orphaned":
                tip = "Not found in the current text\n\n" + tip
            return tip + (f"\n\nNote: {item.note}" if item.note else "")
        if role == OrphanedRole:
            return item.status == "orphaned"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "Not found in the current text. " if item.status == "orphaned" else ""
            note = f" Note: {item.note}" if item.note else ""
            return f"{state}{item.color} highlight: {item.exact}{note}"
        return None

    def orphan_count(self) -> int:
        return sum(1 for h in self._items if h.status == "orphaned")


class NoteListModel(_SortedListModel[NoteInfo]):
    """An article's free notes (notes on highlights live with their highlight)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(note_order, parent)

    def _data(self, item: NoteInfo, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return item.body
        return None
