"""The dossier panel's models: the list of dossiers, and one dossier's articles in their order.

Both only show and report. A rename typed into the list, articles dropped on a dossier, a row
dragged to a new place: each becomes a signal that the controller turns into one facade call,
so the library stays the one source of truth and these models never write to it.

The article model holds the dossier's article ids in order (a dossier is a reading list, tens of
articles, so the summaries come along in the DossierInfo the facade returns). Reordering works
both ways Qt delivers it: `moveRows` for a drag inside the same view (QListView moves the rows
itself) and `dropMimeData` for a drop whose source Qt cannot see, such as a synthetic event or a
drag started in another window on the same library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from archivist.core.types import ArticleId, ArticleSummary, DossierInfo, DossierSummary
from archivist.gui.article_mime import ARTICLE_IDS_MIME, ids_from_mime, ids_to_mime
from archivist.gui.models import ArticleIdRole

Index = QModelIndex | QPersistentModelIndex

#: The DossierSummary (dossier list) or ArticleSummary (article list) of a row.
SummaryRole = Qt.ItemDataRole.UserRole + 10
#: The number of articles in a dossier.
CountRole = Qt.ItemDataRole.UserRole + 11
#: The 1-based place of an article in its dossier.
PlaceRole = Qt.ItemDataRole.UserRole + 12

_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def count_label(n: int) -> str:
    return f"{n} article{'s' if n != 1 else ''}"


def reordered(current: Sequence[int], moving: Sequence[int], position: int) -> list[int]:
    """`current` with the `moving` ids taken out and put back, in `moving`'s order, so that they
    land where row `position` of `current` was (as a drop indicator between rows shows it)."""
    moving_set = set(moving)
    before = sum(1 for i in current[:max(0, position)] if i in moving_set)
    rest = [i for i in current if i not in moving_set]
    at = max(0, min(position - before, len(rest)))
    present = set(current)
    return rest[:at] + [i for i in dict.fromkeys(moving) if i in present] + rest[at:]


class DossierListModel(QAbstractListModel):
    """Every dossier, by name (the facade's order: case-insensitive by name).

    Signals:
      articles_dropped(str, list)   -- article ids were dropped on the dossier with this name
      rename_requested(str, str)    -- the user typed a new name (old, new) into the list
    """

    articles_dropped = Signal(str, list)
    rename_requested = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DossierSummary] = []

    # -- changes ------------------------------------------------------------------------------
    def set_dossiers(self, items: Iterable[DossierSummary]) -> None:
        """Show `items`. The same dossiers in the same order become dataChanged (selection and
        scroll stay); anything else (a new, renamed or deleted dossier) is a reset."""
        items = list(items)
        if [d.id for d in items] == [d.id for d in self._items]:
            changed = [row for row, (old, new) in enumerate(zip(self._items, items, strict=True)) if old != new]
            self._items = items
            for row in changed:
                self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    # -- lookups ------------------------------------------------------------------------------
    def summary(self, row: int) -> DossierSummary | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def names(self) -> list[str]:
        return [d.name for d in self._items]

    def row_of_id(self, dossier_id: int) -> int | None:
        return next((row for row, d in enumerate(self._items) if d.id == dossier_id), None)

    def row_of_name(self, name: str) -> int | None:
        return next((row for row, d in enumerate(self._items) if d.name == name), None)

    # -- QAbstractItemModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's names and defaults)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        d = self.summary(index.row()) if index.isValid() else None
        if d is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return d.name
        if role == Qt.ItemDataRole.ToolTipRole:
            intro = " ".join(d.introduction.split())
            intro = intro[:277] + "…" if len(intro) > 280 else intro
            return f"{d.name} ({count_label(d.article_count)})" + (f"\n\n{intro}" if intro else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{d.name}, {count_label(d.article_count)}"
        if role == CountRole:
            return d.article_count
        if role == SummaryRole:
            return d
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A name typed into the list: ask for the rename; the new name arrives via set_dossiers."""
        d = self.summary(index.row()) if index.isValid() else None
        if d is None or role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        new = " ".join(value.split())
        if not new or new == d.name:
            return False
        self.rename_requested.emit(d.name, new)
        return True

    # -- drops: articles onto a dossier -------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [ARTICLE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return parent.isValid() and self.summary(parent.row()) is not None and bool(ids_from_mime(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        d = self.summary(parent.row())
        assert d is not None
        self.articles_dropped.emit(d.name, ids_from_mime(data))
        return True


class DossierArticleModel(QAbstractListModel):
    """One dossier's articles, in the dossier's order.

    Signals:
      reorder_requested(list)     -- the rows were moved; the full new order of article ids
      add_requested(list, int)    -- article ids dropped from elsewhere, to insert at a row
    """

    reorder_requested = Signal(list)
    add_requested = Signal(list, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dossier: DossierInfo | None = None
        self._ids: list[ArticleId] = []
        self._summaries: dict[int, ArticleSummary] = {}

    # -- changes ------------------------------------------------------------------------------
    def set_dossier(self, info: DossierInfo | None) -> None:
        """Show `info`'s articles (None: no dossier selected, nothing to show or drop on)."""
        self.beginResetModel()
        self._dossier = info
        self._ids = [a.id for a in info.articles] if info is not None else []
        self._summaries = {int(a.id): a for a in info.articles} if info is not None else {}
        self.endResetModel()

    def dossier(self) -> DossierInfo | None:
        return self._dossier

    def ids(self) -> list[ArticleId]:
        return list(self._ids)

    def article_id(self, row: int) -> ArticleId | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        return next((row for row, aid in enumerate(self._ids) if aid == article_id), None)

    # -- QAbstractItemModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        aid = self.article_id(index.row()) if index.isValid() else None
        if aid is None:
            return None
        s = self._summaries.get(int(aid))
        if role == ArticleIdRole:
            return int(aid)
        if role == PlaceRole:
            return index.row() + 1
        if role == SummaryRole:
            return s
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return s.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (s.title, s.site, s.published.isoformat() if s.published else None) if x)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1}. {s.title}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows (or at the end), never "on" an article.
            return Qt.ItemFlag.ItemIsDropEnabled if self._dossier is not None else Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS | Qt.ItemFlag.ItemIsDragEnabled

    # -- drags out and drops in ---------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt override)
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return ids_to_mime(aid for aid in (self.article_id(r) for r in rows) if aid is not None)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return self._dossier is not None and not parent.isValid() and bool(ids_from_mime(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Ids already all here: a reorder. Otherwise: add the new ones at the drop row."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = ids_from_mime(data)
        position = row if 0 <= row <= len(self._ids) else len(self._ids)
        if set(ids) <= set(self._ids):
            new = [ArticleId(i) for i in reordered(self._ids, ids, position)]
            if new != self._ids:
                self._apply_order(new)
                self.reorder_requested.emit([int(i) for i in new])
            return True
        self.add_requested.emit(ids, position)
        return True

    def moveRows(self, source_parent: Index, source_row: int, count: int,  # noqa: N802 (Qt override)
                 destination_parent: Index, destination_child: int) -> bool:
        """Rows dragged inside this view: QListView moves them one call per contiguous block."""
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if not (0 <= source_row and source_row + count <= len(self._ids) and 0 <= destination_child <= len(self._ids)):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: nothing moves (Qt asserts beginMoveRows refuses this)
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child):
            return False
        self._ids = [ArticleId(i) for i in reordered(self._ids, self._ids[source_row:source_row + count],
                                                      destination_child)]
        self.endMoveRows()
        self.reorder_requested.emit([int(i) for i in self._ids])
        return True

    def _apply_order(self, new: list[ArticleId]) -> None:
        """A layout change (not a reset), so selected rows stay selected as they move."""
        self.layoutAboutToBeChanged.emit()
        rows = {aid: row for row, aid in enumerate(new)}
        old = self.persistentIndexList()
        moved = []
        for index in old:
            aid = self.article_id(index.row())
            moved.append(self.index(rows[aid]) if aid is not None and aid in rows else QModelIndex())
        self._ids = new
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()
